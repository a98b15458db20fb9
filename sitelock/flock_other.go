//go:build !unix

package sitelock

import "os"

// Without flock(2) the lock locks nothing: every Acquire succeeds at once.
func tryLock(*os.File, Mode) (bool, error) { return true, nil }
func lock(*os.File, Mode) error            { return nil }
