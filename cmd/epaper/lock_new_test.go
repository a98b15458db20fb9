package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/sitelock"
)

// epaper new holds its site alone, and merge the site its output is in (and shares those of
// its shards): with the site held, each fails with --no-wait naming the holder, and runs once
// it is released.
func TestNewAndMergeLockTheSite(t *testing.T) {
	t.Parallel()
	site, other := t.TempDir(), t.TempDir()
	for _, d := range []string{filepath.Join(site, "content"), filepath.Join(other, "content"), filepath.Join(other, "shards", "root")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(other, "shards", "root", "index.html"), []byte("<!doctype html><title>x</title>"), 0o644)
	holder := fmt.Sprintf("pid %d (", os.Getpid())
	busy := func(what string, mode sitelock.Mode, lockDir string, args ...string) {
		t.Helper()
		l, err := sitelock.Acquire(lockDir, mode, sitelock.Options{NoWait: true})
		if err != nil {
			t.Fatal(err)
		}
		defer l.Release()
		_, errOut, code := runBinary(t, args...)
		if code != 1 || !strings.Contains(errOut, holder) || !strings.Contains(errOut, "in use by") {
			t.Errorf("%s: exit %d, %q; want 1 naming %q", what, code, errOut, holder)
		}
	}
	newArgs := []string{"new", "--no-wait", "--site", site, "cqrb/2021-04-14/005/corrections"}
	busy("new during a build (shared)", sitelock.Shared, site, newArgs...)
	busy("new during an import", sitelock.Exclusive, site, newArgs...)
	if _, err := os.Stat(filepath.Join(site, "content", "cqrb")); err == nil {
		t.Error("new wrote while the site was held")
	}
	if out, errOut, code := runBinary(t, newArgs...); code != 0 {
		t.Errorf("new on a free site: exit %d: %s%s", code, out, errOut)
	}

	out := filepath.Join(other, "public")
	mergeArgs := []string{"merge", "--no-wait", "--out", out, filepath.Join(other, "shards", "root")}
	busy("merge during a build of its output's site", sitelock.Shared, other, mergeArgs...)
	if _, err := os.Stat(out); err == nil {
		t.Error("merge wrote while the site was held")
	}
	mergeFrom := []string{"merge", "--no-wait", "--out", filepath.Join(t.TempDir(), "public"), filepath.Join(other, "shards", "root")}
	busy("merge of a shard of a site being imported", sitelock.Exclusive, other, mergeFrom...)
	// a build (shared) of the shards' site does not keep a merge into another folder out
	l, err := sitelock.Acquire(other, sitelock.Shared, sitelock.Options{NoWait: true})
	if err != nil {
		t.Fatal(err)
	}
	if stdout, errOut, code := runBinary(t, mergeFrom...); code != 0 {
		t.Errorf("merge of a shard of a site being built, into a folder of no site: exit %d: %s%s", code, stdout, errOut)
	}
	l.Release()
	if stdout, errOut, code := runBinary(t, mergeArgs...); code != 0 {
		t.Errorf("merge on a free site: exit %d: %s%s", code, stdout, errOut)
	}
}
