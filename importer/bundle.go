package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// safeName is what a path segment of a bundle may be: epaper chooses every name it writes,
// from ids it has checked against this, so no URL can steer a write outside the site.
var safeName = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z_.\-]{0,99}$`)

func checkNames(names ...string) error {
	for _, n := range names {
		if !safeName.MatchString(n) || n == "." || n == ".." {
			return fmt.Errorf("unsafe bundle name %q", n)
		}
	}
	return nil
}

// writeLeaf writes a leaf bundle as a whole: its files go into a temporary directory beside
// dir, which then takes dir's place. A reader sees the old bundle or the new one, never a mix,
// and a run killed half-way leaves at most a temporary directory, which the next run removes.
// A bundle whose files are all unchanged is not touched.
func writeLeaf(dir string, files map[string][]byte) error {
	if sameFiles(dir, files) {
		return nil
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".tmp-"+filepath.Base(dir)+"-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(old, dir)
		return err
	}
	return os.RemoveAll(old)
}

// writeBranch writes the files of a branch bundle (an edition or a page, whose folder also
// holds other bundles) one by one, each atomically, with index (the _index.md) last: a branch
// bundle without its _index.md is unfinished and the next run writes it again.
func writeBranch(dir string, files map[string][]byte, index string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range sortedKeys(files) {
		if name != index {
			if err := writeFileAtomic(filepath.Join(dir, name), files[name]); err != nil {
				return err
			}
		}
	}
	return writeFileAtomic(filepath.Join(dir, index), files[index])
}

// writeFileAtomic writes data under a temporary name and renames it into place, unless the
// file already holds exactly data.
func writeFileAtomic(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// sameFiles reports whether dir holds exactly files.
func sameFiles(dir string, files map[string][]byte) bool {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != len(files) {
		return false
	}
	for _, e := range entries {
		want, ok := files[e.Name()]
		if !ok {
			return false
		}
		got, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || !bytes.Equal(got, want) {
			return false
		}
	}
	return true
}

// removeStale removes temporary files and folders that a killed run left under dir.
func removeStale(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if path != dir && len(d.Name()) > 5 && d.Name()[:5] == ".tmp-" {
			if err := os.RemoveAll(path); err != nil {
				return err
			}
			if d.IsDir() {
				return filepath.SkipDir
			}
		}
		return nil
	})
}
