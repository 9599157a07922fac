//go:build !linux

package app

// onMainThread cannot tell cheaply on this system; callers then take their
// slower way.
func onMainThread() bool { return false }
