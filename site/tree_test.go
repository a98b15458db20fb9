package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// diffTrees describes how two directory trees differ, or returns "" when they are identical.
func diffTrees(t *testing.T, a, b string) string {
	t.Helper()
	read := func(root string) map[string][]byte {
		files := map[string][]byte{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			files[filepath.ToSlash(rel)] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	fa, fb := read(a), read(b)
	var out bytes.Buffer
	for name, da := range fa {
		db, ok := fb[name]
		switch {
		case !ok:
			fmt.Fprintf(&out, "only in %s: %s\n", a, name)
		case !bytes.Equal(da, db):
			fmt.Fprintf(&out, "differs: %s\n", name)
		}
	}
	for name := range fb {
		if _, ok := fa[name]; !ok {
			fmt.Fprintf(&out, "only in %s: %s\n", b, name)
		}
	}
	return out.String()
}
