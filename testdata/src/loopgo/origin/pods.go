package origin

import (
	"context"

	v1 "k8s.io/api/core/v1"
)

func tail(ctx context.Context, pod *v1.Pod, c v1.ContainerStatus) {}

func restart(ctx context.Context, pod v1.Pod) {}

func listPods(ctx context.Context) (*v1.PodList, error) { return nil, nil }

// A log follower per container of each pod event (skaffold's log
// aggregator): a pod's containers are the ones its spec declares, a few.
// The event loop receives work, which is reported only with
// -loopgo.accept.
func followPods(ctx context.Context, events <-chan *v1.Pod) {
	for {
		select {
		case <-ctx.Done():
			return
		case pod := <-events:
			for _, c := range append(pod.Status.InitContainerStatuses, pod.Status.ContainerStatuses...) {
				go tail(ctx, pod, c)
			}
		}
	}
}

// The spec's containers, through a variable: the same.
func pullImages(ctx context.Context, pods <-chan *v1.Pod, pull func(string)) {
	pod := <-pods
	containers := pod.Spec.Containers
	for _, c := range containers {
		go pull(c.Image)
	}
}

// The pods of a namespace are data: a restart per pod is reported.
func restartAll(ctx context.Context) error {
	list, err := listPods(ctx)
	if err != nil {
		return err
	}
	for _, p := range list.Items {
		go restart(ctx, p) // want `goroutine per element of list.Items`
	}
	return nil
}

// A log follower per container of every pod listed: the containers are
// few, the pods are not.
func tailAll(ctx context.Context) error {
	list, err := listPods(ctx)
	if err != nil {
		return err
	}
	for i := range list.Items {
		pod := &list.Items[i]
		for _, c := range pod.Status.ContainerStatuses {
			go tail(ctx, pod, c) // want `goroutine per element of list.Items`
		}
	}
	return nil
}
