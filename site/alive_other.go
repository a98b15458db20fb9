//go:build !unix

package site

// alive cannot tell a process that ended: every leftover is taken for one still in use.
func alive(int) bool { return true }
