// Package goupnp is a stub of github.com/huin/goupnp for loopgo's fixtures.
package goupnp

import "context"

// A MaybeRootDevice is a device that answered a discovery.
type MaybeRootDevice struct{ Location string }

// DiscoverDevices asks the local network for devices of a service type.
func DiscoverDevices(searchTarget string) ([]MaybeRootDevice, error) { return nil, nil }

// DiscoverDevicesCtx is DiscoverDevices with a context.
func DiscoverDevicesCtx(ctx context.Context, searchTarget string) ([]MaybeRootDevice, error) {
	return nil, nil
}
