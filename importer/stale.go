package importer

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// removeStaleFiles removes the temporary files a killed run left directly in dir (a paper's
// folder: the .tmp-_index.md-N of its _index.md written half-way), not below it: crawl
// removes an edition's own (bundle.RemoveStale), and walking the paper's folder would walk
// the whole archive.
func removeStaleFiles(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasPrefix(e.Name(), ".tmp-") {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}
