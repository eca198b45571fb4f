package loopgo

import "time"

// Issue 19 (mox's MTA-STS refresh): a refresh per policy, spread over
// three hours. After each start the loop sleeps until the next slot,
// through a sleeper the tests replace, unless it is behind or done. The
// sleeps pace the starts, as a sleep on every path does.

func refreshPolicy(p string) {}

func issue19Refresh(prs []string, sleep func(time.Duration)) {
	start := time.Now()
	for i, pr := range prs {
		go refreshPolicy(pr)
		if i < len(prs)-1 {
			next := start.Add(time.Duration(i+1) * time.Minute)
			if d := time.Until(next); d > 0 {
				sleep(d)
			}
		}
	}
}

// A pause after every hundred starts: batches at a rate.
func issue19Batches(prs []string) {
	for i, pr := range prs {
		go refreshPolicy(pr)
		if i%100 == 99 {
			time.Sleep(time.Second)
		}
	}
}

// A pause between starts, through a sleeper field.
type issue19Pacer struct{ sleep func(time.Duration) }

func (p *issue19Pacer) refresh(prs []string) {
	for _, pr := range prs {
		go refreshPolicy(pr)
		p.sleep(time.Second)
	}
}

// A sleep only on a path that leaves the loop, or inside the goroutine,
// paces nothing; neither does a call of another function of a duration.
func issue19Leaves(prs []string, stop func() bool) {
	for _, pr := range prs {
		go refreshPolicy(pr) // want `goroutine per element of prs with no concurrency limit`
		if stop() {
			time.Sleep(time.Second)
			return
		}
	}
}

func issue19Inside(prs []string) {
	for _, pr := range prs {
		go func() { // want `goroutine per element of prs with no concurrency limit`
			time.Sleep(time.Second)
			refreshPolicy(pr)
		}()
	}
}

func issue19Timeout(prs []string, setTimeout func(time.Duration) error) {
	for _, pr := range prs {
		go refreshPolicy(pr) // want `goroutine per element of prs with no concurrency limit`
		_ = setTimeout(time.Second)
	}
}
