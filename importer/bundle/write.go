package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// WriteLeaf writes a leaf bundle (an article) as a whole: its files go into a temporary directory beside
// dir, which then takes dir's place. A reader sees the old bundle or the new one, never a mix,
// and a run killed half-way leaves at most a temporary directory, which the next run removes.
// A bundle whose files are all unchanged is not touched.
func WriteLeaf(dir string, files map[string][]byte) error {
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

// WriteBranch writes the files of a branch bundle (a paper, an edition or a page, whose
// folder also holds other bundles) one by one, each atomically, with its _index.md
// (BranchIndex, which files must hold) last: a branch bundle without its _index.md is
// unfinished and the next run writes it again. A file that already holds the same bytes is
// not touched.
func WriteBranch(dir string, files map[string][]byte) error {
	const index = BranchIndex
	if _, ok := files[index]; !ok {
		return fmt.Errorf("bundle %q: no %s to write", dir, index)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
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

// RemoveStale removes temporary files and folders that a killed run left under dir. A run
// killed inside WriteLeaf's rename window (the old bundle renamed aside, the new one not yet
// in its place) leaves the bundle's only copy in .tmp-NAME-N.old: that copy is put back as
// NAME, not removed, so that nothing imported is lost if the source has gone since.
func RemoveStale(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if path == dir || !strings.HasPrefix(d.Name(), ".tmp-") {
			return nil
		}
		if name := renamedAside(d); name != "" {
			target := filepath.Join(filepath.Dir(path), name)
			if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
				if err := os.Rename(path, target); err != nil {
					return err
				}
				return filepath.SkipDir
			}
		}
		if err := os.RemoveAll(path); err != nil {
			return err
		}
		if d.IsDir() {
			return filepath.SkipDir
		}
		return nil
	})
}

// renamedAside returns NAME if d is a leaf bundle WriteLeaf renamed aside (.tmp-NAME-N.old),
// else "".
func renamedAside(d fs.DirEntry) string {
	if !d.IsDir() {
		return ""
	}
	rest, ok := strings.CutSuffix(strings.TrimPrefix(d.Name(), ".tmp-"), ".old")
	if !ok {
		return ""
	}
	i := strings.LastIndexByte(rest, '-')
	if i <= 0 || CheckName(rest[:i]) != nil {
		return ""
	}
	return rest[:i]
}
