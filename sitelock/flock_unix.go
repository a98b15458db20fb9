//go:build unix

package sitelock

import (
	"errors"
	"os"
	"syscall"
)

func how(mode Mode) int {
	if mode == Exclusive {
		return syscall.LOCK_EX
	}
	return syscall.LOCK_SH
}

// tryLock takes the lock if it is free, and reports whether it did.
func tryLock(f *os.File, mode Mode) (bool, error) {
	err := flock(f, how(mode)|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

// lock waits for the lock.
func lock(f *os.File, mode Mode) error { return flock(f, how(mode)) }

func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}
