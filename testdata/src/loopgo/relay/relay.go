// Package relay runs a TCP relay per port, as croc's tcp package does:
// Run listens and accepts until the listener fails, through a method.
package relay

import (
	"net"
	"time"
)

type server struct {
	host, port string
	slots      chan struct{}
}

// Run serves the relay on host:port until it fails.
func Run(host, port string) error {
	s := &server{host: host, port: port, slots: make(chan struct{}, 16)}
	return s.start()
}

func (s *server) start() error {
	err := s.run()
	return err
}

func (s *server) run() error {
	ln, err := net.Listen("tcp", net.JoinHostPort(s.host, s.port))
	if err != nil {
		return err
	}
	defer ln.Close()
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		select {
		case s.slots <- struct{}{}:
		default:
			conn.Close()
			continue
		}
		go func() {
			defer func() { <-s.slots }()
			conn.Close()
		}()
	}
}

// Probe dials dst once.
func Probe(dst string) error {
	conn, err := net.DialTimeout("tcp", dst, time.Second)
	if err != nil {
		return err
	}
	return conn.Close()
}

// Retry dials dst until it answers: a loop, but no server.
func Retry(dst string) {
	for Probe(dst) != nil {
		time.Sleep(time.Second)
	}
}
