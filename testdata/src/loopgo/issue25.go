package loopgo

import "context"

// Issue 25 (cubefs's blobstore client): an upload reads the body's blobs
// from a pipe in batches, each batch a new list that takes blobs while
// len(parts) < max, then puts the batch, deleting every part of it at
// once when the put fails. A batch holds at most max parts, however long
// the body. A list kept across batches, or a loop that does not look at
// its length, grows with the body.

func issue25Delete(ctx context.Context, part []byte) {}

func issue25Put(ctx context.Context, parts [][]byte) error {
	for _, p := range parts {
		go issue25Delete(ctx, p)
	}
	return nil
}

type issue25Client struct{ partConcurrence int }

func (c *issue25Client) issue25Upload(ctx context.Context, pipe <-chan []byte) {
	max := c.partConcurrence
	for {
		parts := make([][]byte, 0, max)
		buf, ok := <-pipe
		if !ok {
			return
		}
		parts = append(parts, buf)
		more := true
		for more && len(parts) < max {
			select {
			case b, ok := <-pipe:
				if !ok {
					more = false
				} else {
					parts = append(parts, b)
				}
			default:
				more = false
			}
		}
		issue25Put(ctx, parts)
		for _, p := range parts {
			go issue25Delete(ctx, p)
		}
	}
}

// Without the bound on the batch's length: as many as the pipe holds.
func issue25Drain(ctx context.Context, pipe <-chan []byte) {
	for {
		var parts [][]byte
		more := true
		for more {
			select {
			case b := <-pipe:
				parts = append(parts, b)
			default:
				more = false
			}
		}
		for _, p := range parts {
			go issue25Delete(ctx, p) // want `goroutine per element of parts with no concurrency limit`
		}
	}
}

// One list for the whole body: each batch adds to it.
func issue25Keep(ctx context.Context, pipe <-chan []byte, max int) {
	var parts [][]byte
	for {
		b, ok := <-pipe
		if !ok {
			break
		}
		parts = append(parts, b)
		for len(parts)%max != 0 {
			parts = append(parts, nil)
		}
	}
	for _, p := range parts {
		go issue25Delete(ctx, p) // want `goroutine per element of parts with no concurrency limit`
	}
}

// cubefs's data node at start-up: a goroutine loading each disk of the
// node, the paths found by a function of the package named for them.
// The disks of one machine are a few, as a loop over disks is.
func issue25ParseDiskPath(prefix string) (disks []string, err error) {
	for _, line := range issue25Mounts(prefix) {
		disks = append(disks, line)
	}
	return disks, nil
}

func issue25Mounts(prefix string) []string { return []string{prefix} }

func issue25Load(path string) error { return nil }

func issue25StartSpace(ctx context.Context, cfg map[string]string) error {
	paths, err := issue25ParseDiskPath(cfg["disk_path"])
	if err != nil {
		return err
	}
	for _, p := range paths {
		go issue25Load(p)
	}
	return nil
}

// A result named for what it holds, not for the machine's parts, and a
// function named for a part: what it returns is data.
func issue25ParseUsers(list string) (users []string, err error) {
	return issue25Mounts(list), nil
}

func issue25FilesOnDisk(ctx context.Context, disk string) []string { return issue25Mounts(disk) }

func issue25Scan(ctx context.Context, disk string) {
	files := issue25FilesOnDisk(ctx, disk)
	for _, f := range files {
		go issue25Load(f) // want `goroutine per element of files with no concurrency limit`
	}
}

func issue25Greet(ctx context.Context, cfg map[string]string) error {
	names, err := issue25ParseUsers(cfg["users"])
	if err != nil {
		return err
	}
	for _, n := range names {
		go issue25Load(n) // want `goroutine per element of names with no concurrency limit`
	}
	return nil
}
