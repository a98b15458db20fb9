package sitelock

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Shared holders share; an exclusive holder is alone; a waiter is told who holds the site
// and gets the lock once it is released. (flock locks belong to the open file, so two
// Acquires of one process conflict as two processes' would.)
func TestSharedAndExclusive(t *testing.T) {
	site := t.TempDir()
	b1, err := Acquire(site, Shared, Options{Command: "epaper build 1"})
	if err != nil {
		t.Fatal(err)
	}
	b2, err := Acquire(site, Shared, Options{Command: "epaper build 2", NoWait: true})
	if err != nil {
		t.Fatalf("a second build: %v", err)
	}
	_, err = Acquire(site, Exclusive, Options{Command: "epaper import", NoWait: true})
	busy := (*BusyError)(nil)
	if !errors.As(err, &busy) || !strings.Contains(err.Error(), "pid "+strconv.Itoa(os.Getpid())+" (epaper build") {
		t.Fatalf("an import during builds: %v, want a BusyError naming a build", err)
	}
	if err := b1.Release(); err != nil {
		t.Fatal(err)
	}
	got := make(chan *Lock)
	told := make(chan *BusyError, 1)
	go func() {
		l, err := Acquire(site, Exclusive, Options{Command: "epaper import", Waiting: func(b *BusyError) { told <- b }})
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
	if _, err := Acquire(site, Shared, Options{NoWait: true}); !errors.As(err, &busy) || busy.Holders[0].Command != "epaper import" || busy.Holders[0].Mode != Exclusive {
		t.Errorf("a build during the import: %v", err)
	}
	imp.Release()
	imp.Release() // twice is harmless
	l, err := Acquire(site, Exclusive, Options{NoWait: true})
	if err != nil {
		t.Fatalf("after every release: %v", err)
	}
	l.Release()
}

// The holder file of a process that has ended is not named, and is removed.
func TestDeadHolderIsForgotten(t *testing.T) {
	site := t.TempDir()
	dir := filepath.Join(site, Dir, "holders")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	dead := filepath.Join(dir, "999999999") // above any pid_max
	if err := os.WriteFile(dead, []byte("exclusive\nepaper import\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if hs := holders(filepath.Join(site, Dir)); len(hs) != 0 {
		t.Errorf("holders: %v", hs)
	}
	if _, err := os.Stat(dead); err == nil {
		t.Error("the dead holder's file is still there")
	}
}
