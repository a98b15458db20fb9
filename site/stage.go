package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// stage writes a new version of the folder out: fill writes it into a fresh folder beside
// out (on the same file system, so that the swap is a rename), which then replaces out as a
// whole. If fill fails, out is left as it was; the staging folder is removed either way.
// Files of an earlier version never linger, and a reader of out never sees half of a build.
// what names the staging folder (.OUT.what-pPID-RANDOM), for whoever finds one left by a
// crash; the next stage of out removes those whose process has ended (stale.go).
// An out that g refuses (the site, an input, a folder epaper did not build) is left alone:
// the error wraps ErrUnsafeOut. The new out holds OutMarker.
func stage(out, what string, g outGuard, fill func(staging string) error) error {
	if err := g.check(out); err != nil {
		return err
	}
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	prefix := "." + filepath.Base(out) + "." + what + "-"
	// What a killed build left beside out goes first; an out it had moved aside and not yet
	// replaced comes back.
	removeLeftovers(filepath.Dir(out), "."+filepath.Base(out)+".", out)
	staging, err := os.MkdirTemp(filepath.Dir(out), ownedPattern(prefix))
	if err != nil {
		return err
	}
	defer os.RemoveAll(staging) // a no-op once swapped in
	if err := fill(staging); err != nil {
		return err
	}
	if err := writeOutMarker(staging); err != nil {
		return err
	}
	if err := os.Chmod(staging, 0o755); err != nil { // MkdirTemp makes it 0700
		return err
	}
	return swapDir(staging, out)
}

// swapDir makes staging the new dst. The old dst is moved aside and removed only once the
// new one is in place.
func swapDir(staging, dst string) error {
	old := ""
	if _, err := os.Lstat(dst); err == nil {
		old = staging + ".old"
		if err := os.Rename(dst, old); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(staging, dst); err != nil {
		if old != "" {
			_ = os.Rename(old, dst)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// copyStatic copies the site's static/ folder (if any) into the built site dst, as the hugo
// command does (Hugo's Build does not). A static file takes the place of a file the build
// wrote at the same path (a site's own robots.txt, say).
func copyStatic(static, dst string) error {
	fi, err := os.Stat(static)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%q is not a folder", static)
	}
	src := os.DirFS(static)
	// os.CopyFS does not overwrite: make way for the static files first.
	err = fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if err := os.Remove(filepath.Join(dst, filepath.FromSlash(path))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	return os.CopyFS(dst, src)
}
