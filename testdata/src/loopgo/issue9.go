package loopgo

import "loopgo/throttle"

// Issue 9 (minio's own errgroup): a Go method whose goroutine takes a
// token from the group's bucket. The limit is taken inside the goroutine,
// but it is the library's design: not a plain spawner.
func issue9Load(groups []string, load func(string) error) {
	g := &throttle.Group{}
	for i := range groups {
		g.Go(func() error { return load(groups[i]) })
	}
}
