package sitelock

import (
	"errors"
	"os"
	"runtime"
	"testing"
	"time"
)

// Shared holders share; an exclusive holder is alone; a waiter is told who holds the site
// and gets the lock once it is released. (flock locks belong to the open file, so two
// Acquires of one process conflict as two processes' would.)
func TestSharedAndExclusive(t *testing.T) {
	site := t.TempDir()
	b1, err := Acquire(site, Shared, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b2, err := Acquire(site, Shared, Options{NoWait: true})
	if err != nil {
		t.Fatalf("a second build: %v", err)
	}
	_, err = Acquire(site, Exclusive, Options{NoWait: true})
	busy := (*BusyError)(nil)
	if !errors.As(err, &busy) {
		t.Fatalf("an import during builds: %v, want a BusyError", err)
	}
	if runtime.GOOS == "linux" {
		if len(busy.Holders) != 1 || busy.Holders[0].PID != os.Getpid() || busy.Holders[0].Mode != Shared || busy.Holders[0].Command == "" {
			t.Errorf("holders %v, want this process, shared, with its command line", busy.Holders)
		}
	}
	if err := b1.Release(); err != nil {
		t.Fatal(err)
	}
	got := make(chan *Lock)
	told := make(chan *BusyError, 1)
	go func() {
		l, err := Acquire(site, Exclusive, Options{Waiting: func(b *BusyError) { told <- b }})
		if err != nil {
			t.Error(err)
		}
		got <- l
	}()
	select {
	case <-told:
	case <-got:
		t.Fatal("the import did not wait for the second build")
	case <-time.After(10 * time.Second):
		t.Fatal("the import was not told it waits")
	}
	b2.Release()
	imp := <-got
	if _, err := Acquire(site, Shared, Options{NoWait: true}); !errors.As(err, &busy) {
		t.Errorf("a build during the import: %v", err)
	} else if runtime.GOOS == "linux" && (len(busy.Holders) != 1 || busy.Holders[0].Mode != Exclusive) {
		t.Errorf("a build during the import is told %v", busy.Holders)
	}
	imp.Release()
	imp.Release() // twice is harmless
	l, err := Acquire(site, Exclusive, Options{NoWait: true})
	if err != nil {
		t.Fatalf("after every release: %v", err)
	}
	l.Release()
	if entries, _ := os.ReadDir(site); len(entries) != 0 {
		t.Errorf("the lock wrote into the site: %v", entries)
	}
}
