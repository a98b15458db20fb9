package site

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// stage replaces the output as a whole when fill succeeds, leaves it as it was when fill
// fails, and leaves nothing beside it either way.
func TestStage(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	write := func(name, data string) func(string) error {
		return func(dir string) error { return os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644) }
	}
	for _, f := range []string{"old.html", "new.html"} {
		if err := stage(out, "new", outGuard{}, write(f, f)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "old.html")); err == nil {
		t.Error("a file of the previous version survived")
	}
	if got := readFile(t, filepath.Join(out, "new.html")); got != "new.html" {
		t.Errorf("new.html: %q", got)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("the output folder: %v, %v; want mode 0755", fi.Mode(), err)
	}

	failed := errors.New("fill failed")
	err := stage(out, "new", outGuard{}, func(dir string) error {
		if err := write("half.html", "")(dir); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Errorf("stage returned %v, want fill's error", err)
	}
	if _, err := os.Stat(filepath.Join(out, "half.html")); err == nil {
		t.Error("a failed fill changed the output")
	}
	if got := readFile(t, filepath.Join(out, "new.html")); got != "new.html" {
		t.Errorf("after a failed fill, new.html: %q", got)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("stage left %d entries beside the output, want none: %v", len(entries)-1, entries)
	}
}

// A build refuses an output folder that is the site, holds it, lies inside one of its
// inputs, or holds files of its own, and leaves it as it was.
func TestBuildRefusesUnsafeOut(t *testing.T) {
	t.Parallel()
	dir := writeTxtar(t, `
-- content/a/_index.md --
---
title: A
---
`)
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "mine.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{dir, filepath.Dir(dir), filepath.Join(dir, "content"), filepath.Join(dir, "content", "a", "b"), other} {
		if err := Build(Options{SiteDir: dir, OutDir: out, Theme: theme}); !errors.Is(err, ErrUnsafeOut) {
			t.Errorf("build into %s: %v, want ErrUnsafeOut", out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "a", "_index.md")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(other, "mine.txt")); err != nil {
		t.Error(err)
	}
}
