package sitelock

import (
	"fmt"
	"os"
	"strings"
)

// Mode is how a lock is held.
type Mode int

const (
	Shared    Mode = iota // with other Shared holders (builds)
	Exclusive             // alone (imports)
)

func (m Mode) String() string {
	if m == Exclusive {
		return "exclusive"
	}
	return "shared"
}

// Options says how to take a lock.
type Options struct {
	// NoWait fails at once with a *BusyError if the site is locked in a conflicting mode.
	NoWait bool
	// Waiting, when set, is called once before Acquire waits for the lock.
	Waiting func(*BusyError)
}

// Lock is a lock held on a site.
type Lock struct {
	f *os.File // the site folder, open
}

// BusyError is the error of Acquire with Options.NoWait on a site locked in a conflicting
// mode, and what Options.Waiting is told.
type BusyError struct {
	Site    string
	Holders []Holder // those the system names; empty where it names none
}

// Holder is a process holding a lock.
type Holder struct {
	PID     int
	Mode    Mode
	Command string // its command line, "" if unknown
}

func (h Holder) String() string {
	if h.Command == "" {
		return fmt.Sprintf("pid %d (%s)", h.PID, h.Mode)
	}
	return fmt.Sprintf("pid %d (%s, %s)", h.PID, h.Command, h.Mode)
}

func (e *BusyError) Error() string {
	if len(e.Holders) == 0 {
		return fmt.Sprintf("site %s is in use by another epaper command", e.Site)
	}
	var hs []string
	for _, h := range e.Holders {
		hs = append(hs, h.String())
	}
	return fmt.Sprintf("site %s is in use by %s", e.Site, strings.Join(hs, ", "))
}

// Acquire locks the folder site in mode, waiting for a conflicting holder to release it
// unless o.NoWait. Nothing is written into site.
func Acquire(site string, mode Mode, o Options) (*Lock, error) {
	f, err := os.Open(site)
	if err != nil {
		return nil, fmt.Errorf("lock site: %w", err)
	}
	if fi, err := f.Stat(); err != nil || !fi.IsDir() {
		f.Close()
		return nil, fmt.Errorf("lock site: %s is not a folder", site)
	}
	ok, err := tryLock(f, mode)
	if err == nil && !ok {
		busy := &BusyError{Site: site, Holders: holders(f)}
		if o.NoWait {
			f.Close()
			return nil, busy
		}
		if o.Waiting != nil {
			o.Waiting(busy)
		}
		err = lock(f, mode)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock site %s: %w", site, err)
	}
	return &Lock{f: f}, nil
}

// Release releases the lock. It is safe to call on a nil Lock and more than once.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the folder releases the lock
	l.f = nil
	return err
}
