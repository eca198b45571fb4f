// Package klog is a stub of k8s.io/klog/v2 for the fixtures: its
// functions log and return.
package klog

func Errorf(format string, args ...any) {}

func Infof(format string, args ...any) {}

func ErrorS(err error, msg string, keysAndValues ...any) {}
