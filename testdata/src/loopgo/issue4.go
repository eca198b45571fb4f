package loopgo

import (
	"math/rand"
	"sync"
	"time"
)

// Issue 4 (minio erasure objects): the collection comes from the
// receiver through a function-valued field, a random permutation of its
// length, or keys copied out of a receiver's map (make's type argument is
// no input).

type issue4Disk interface{ Delete(string) error }

type issue4Objects struct {
	getDisks func() []issue4Disk
	peers    map[string]int
}

func (er issue4Objects) deleteAll(prefix string) {
	var wg sync.WaitGroup
	for _, disk := range er.getDisks() {
		wg.Add(1)
		go func(d issue4Disk) {
			defer wg.Done()
			_ = d.Delete(prefix)
		}(disk)
	}
	wg.Wait()
}

func (er issue4Objects) online() {
	disks := er.getDisks()
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	for _, i := range r.Perm(len(disks)) {
		go func() { _ = disks[i].Delete("") }()
	}
}

func (er issue4Objects) each(f func(string) error) {
	ids := make([]string, 0, len(er.peers))
	for id := range er.peers {
		ids = append(ids, id)
	}
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			errs[i] = f(ids[i])
		}(i)
	}
	wg.Wait()
}

// An unexported helper called only with the receiver's disks.
func issue4CloseAll(disks []issue4Disk) {
	for _, d := range disks {
		go d.Delete("tmp")
	}
}

func (er issue4Objects) cleanup() { issue4CloseAll(er.getDisks()) }
