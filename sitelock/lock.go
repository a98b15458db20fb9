package sitelock

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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

// Dir is the folder of a site that holds the lock file, beside epaper's other state.
const Dir = ".epaper"

// Options says how to take a lock.
type Options struct {
	// Command is what the holder is doing, for those who find the site locked
	// ("epaper import http://…").
	Command string
	// NoWait fails at once with a *BusyError if the site is locked in a conflicting mode.
	NoWait bool
	// Waiting, when set, is called once before Acquire waits for the lock.
	Waiting func(*BusyError)
}

// Lock is a lock held on a site.
type Lock struct {
	f      *os.File
	holder string // the holder file written, removed on Release
}

// BusyError is the error of Acquire with Options.NoWait on a site locked in a conflicting
// mode, and what Options.Waiting is told.
type BusyError struct {
	Site    string
	Holders []Holder // those known; empty if they have not said yet
}

// Holder is a process holding a lock.
type Holder struct {
	PID     int
	Mode    Mode
	Command string
}

func (h Holder) String() string {
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

// Acquire locks site in mode, waiting for a conflicting holder to release it unless
// o.NoWait. The site folder must exist; its .epaper folder is made if need be.
func Acquire(site string, mode Mode, o Options) (*Lock, error) {
	dir := filepath.Join(site, Dir)
	if fi, err := os.Stat(site); err != nil {
		return nil, fmt.Errorf("lock site: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("lock site: %s is not a folder", site)
	}
	if err := os.MkdirAll(filepath.Join(dir, "holders"), 0o755); err != nil {
		return nil, fmt.Errorf("lock site: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock site: %w", err)
	}
	ok, err := tryLock(f, mode)
	if err == nil && !ok {
		busy := &BusyError{Site: site, Holders: holders(dir)}
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
	l := &Lock{f: f, holder: filepath.Join(dir, "holders", strconv.Itoa(os.Getpid()))}
	// Best effort: the lock holds without it, only the message of a waiter is poorer.
	_ = os.WriteFile(l.holder, []byte(mode.String()+"\n"+o.Command+"\n"), 0o644)
	return l, nil
}

// Release releases the lock. It is safe to call on a nil Lock and more than once.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = os.Remove(l.holder)
	err := l.f.Close() // closing the file releases the lock
	l.f = nil
	return err
}

// holders reads the holder files of dir, dropping those of processes that have ended.
func holders(dir string) []Holder {
	entries, err := os.ReadDir(filepath.Join(dir, "holders"))
	if err != nil {
		return nil
	}
	var hs []Holder
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid <= 0 {
			continue
		}
		path := filepath.Join(dir, "holders", e.Name())
		if !Alive(pid) {
			_ = os.Remove(path)
			continue
		}
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) || err != nil {
			continue
		}
		mode, command, _ := strings.Cut(strings.TrimSuffix(string(data), "\n"), "\n")
		h := Holder{PID: pid, Command: command}
		if mode == Exclusive.String() {
			h.Mode = Exclusive
		}
		hs = append(hs, h)
	}
	slices.SortFunc(hs, func(a, b Holder) int { return a.PID - b.PID })
	return hs
}
