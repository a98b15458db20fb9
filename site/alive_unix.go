//go:build unix

package site

import (
	"errors"
	"syscall"
)

// alive reports whether process pid may be running: it exists (perhaps as another user's).
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
