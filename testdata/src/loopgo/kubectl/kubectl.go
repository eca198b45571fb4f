// Package kubectl fetches logs ten at a time, as istioctl bug-report's
// kubectlcmd does: Logs takes the package's semaphore after its dry-run
// guard.
package kubectl

import (
	"fmt"
	"log"
	"os"
)

var logFetchLimit = make(chan struct{}, 10)

// Logs fetches the log of a pod's container.
func Logs(pod, container string, dryRun bool) (string, error) { // want Logs:"acquires logFetchLimit in kubectl.Logs"
	if dryRun {
		return fmt.Sprintf("would fetch %s/%s", pod, container), nil
	}
	log.Printf("fetching %s/%s", pod, container)
	logFetchLimit <- struct{}{}
	defer func() { <-logFetchLimit }()
	b, err := os.ReadFile("/var/log/pods/" + pod + "/" + container)
	return string(b), err
}

// Describe fetches a pod's description, with no limit.
func Describe(pod string) (string, error) {
	b, err := os.ReadFile("/var/run/pods/" + pod)
	return string(b), err
}

// LogsCached looks in a cache first: its guard does work (a call), so
// what follows is not known to come before the work, and it has no fact.
func LogsCached(pod string) (string, error) {
	if l, ok := cached(pod); ok {
		return l, nil
	}
	logFetchLimit <- struct{}{}
	defer func() { <-logFetchLimit }()
	b, err := os.ReadFile("/var/log/pods/" + pod)
	return string(b), err
}

func cached(pod string) (string, bool) {
	b, err := os.ReadFile("/var/cache/pods/" + pod)
	return string(b), err == nil
}
