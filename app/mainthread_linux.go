package app

import "syscall"

// processID is the process's id, which on Linux is also its main thread's.
var processID = syscall.Getpid()

// onMainThread says whether the caller runs on the process's main thread:
// the UI goroutine does (Fyne's desktop driver locks main.main to it), and
// no other goroutine can.
func onMainThread() bool { return syscall.Gettid() == processID }
