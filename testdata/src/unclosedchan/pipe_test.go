package unclosedchan

import "testing"

func TestPipeline(t *testing.T) {
	ch := make(chan int) // want `ch is sent on but never closed, so the range over it in TestPipeline never ends`
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i
		}
	}()
	for v := range ch {
		t.Log(v)
	}
}

func TestPipelineClosed(t *testing.T) {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < 3; i++ {
			ch <- i
		}
	}()
	for v := range ch {
		t.Log(v)
	}
}

// A test that builds its own server: the field reqs is the same finding as
// in newServer, reported once there.
func TestServer(t *testing.T) {
	s := &server{reqs: make(chan string)}
	go s.loop()
	s.submit("x")
}
