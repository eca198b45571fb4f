// Package v1 is a stand-in for k8s.io/api/core/v1: the pod types whose
// container lists loopgo knows to be declared by the pod's spec.
package v1

type Pod struct {
	Name   string
	Spec   PodSpec
	Status PodStatus
}

type PodSpec struct {
	InitContainers      []Container
	Containers          []Container
	EphemeralContainers []EphemeralContainer
}

type PodStatus struct {
	InitContainerStatuses      []ContainerStatus
	ContainerStatuses          []ContainerStatus
	EphemeralContainerStatuses []ContainerStatus
}

type Container struct{ Name, Image string }

type EphemeralContainer struct{ Container }

type ContainerStatus struct{ Name, ContainerID string }

type PodList struct{ Items []Pod }
