package loopgo

import (
	"context"
	"sync"
)

// Issue 5 (minio replication, site replication, erasure sets, dsync,
// etcdctl endpoint health, kafka-go writer, procfs, reedsolomon): one
// goroutine per replication target, peer site, pool, endpoint, broker
// partition, CPU or shard. The collection is the deployment's topology;
// its size is set by whoever deploys, not by the data served.

type issue5Target struct{ arn string }

type issue5PeerInfo struct{ Endpoint string }

type issue5Decision struct{ targetsMap map[string]issue5Target }

func issue5Replicate(ctx context.Context, dsc issue5Decision, send func(issue5Target)) {
	var wg sync.WaitGroup
	for _, t := range dsc.targetsMap {
		wg.Add(1)
		go func() { defer wg.Done(); send(t) }()
	}
	wg.Wait()
}

func issue5Sites(sites map[string]issue5PeerInfo, call func(issue5PeerInfo)) {
	for _, info := range sites {
		go call(info)
	}
}

func issue5ByIndex(poolIndices []int, del func(int)) {
	for _, idx := range poolIndices {
		go del(idx)
	}
}

type issue5ClientConfig struct{ Endpoints []string }

func issue5Health(cfgs []*issue5ClientConfig, check func(*issue5ClientConfig)) {
	for _, cfg := range cfgs {
		go check(cfg)
	}
}

type issue5TopicPartition struct{ topic string }

func issue5Write(assignments map[issue5TopicPartition][]int32, write func(issue5TopicPartition, []int32)) {
	for key, idx := range assignments {
		go write(key, idx)
	}
}

func issue5CPUs(cpus []string, read func(string)) {
	for _, c := range cpus {
		go read(c)
	}
}

// The function's own name says what it ranges over.
func issue5ReadShards(in [][]byte, read func([]byte)) {
	for i := range in {
		go read(in[i])
	}
}

// Issue 5b (bubbletea batch commands, mpb decorators): functions are
// code, registered by the program.
type issue5Cmd func() int

func issue5Batch(cmds []issue5Cmd, send func(int)) {
	for _, cmd := range cmds {
		go func() { send(cmd()) }()
	}
}

// Issue 5c: open resources (they have a Close method): the program holds
// one of each already.
type issue5Conn interface {
	Write([]byte) error
	Close() error
}

func issue5Broadcast(conns []issue5Conn, msg []byte) {
	for _, c := range conns {
		go c.Write(msg)
	}
}

// Issue 5d (syncthing upnp): one goroutine per network interface.
func issue5Discover(interfaces []string, discover func(string)) {
	var wg sync.WaitGroup
	for _, intf := range interfaces {
		wg.Go(func() { discover(intf) })
	}
	wg.Wait()
}
