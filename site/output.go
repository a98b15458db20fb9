package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

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

// copyDir copies the tree src into dst; a missing src copies nothing. Hugo's Build does not
// copy static files (the hugo command does that itself), so epaper does.
func copyDir(src, dst string) error {
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
