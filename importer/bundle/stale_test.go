package bundle

import (
	"os"
	"path/filepath"
	"testing"
)

// A run killed inside WriteLeaf's rename window leaves the bundle's only copy in
// .tmp-ID-N.old (and the new one in .tmp-ID-N): RemoveStale puts the old copy back rather
// than deleting it. Killed after the second rename, the .old copy is the stale one.
func TestRemoveStaleRecoversTheRenameWindow(t *testing.T) {
	t.Parallel()
	content := t.TempDir()
	page := filepath.Join(content, "cqrb", "2021-04-14", "005")
	write := func(dir, body string) {
		t.Helper()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{LeafIndex, RawFile} {
			if err := os.WriteFile(filepath.Join(dir, f), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Killed between the two renames: 268824 is gone, both copies are beside it.
	write(filepath.Join(page, ".tmp-268824-123.old"), "old")
	write(filepath.Join(page, ".tmp-268824-123"), "new")
	// Killed after the second rename: 268825 is the new one, its old copy lingers.
	write(filepath.Join(page, "268825"), "new")
	write(filepath.Join(page, ".tmp-268825-456.old"), "old")
	// Killed while writing: a half temporary folder, and a file of a branch bundle.
	write(filepath.Join(page, ".tmp-268826-789"), "half")
	if err := os.WriteFile(filepath.Join(page, ".tmp-_index.md-42"), nil, 0o644); err != nil {
		t.Fatal(err)
	}

	if err := RemoveStale(filepath.Join(content, "cqrb", "2021-04-14")); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"268824": "old", "268825": "new"} {
		if got, err := os.ReadFile(filepath.Join(page, id, LeafIndex)); err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want the %s copy", id, got, err, want)
		}
	}
	entries, _ := os.ReadDir(page)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 {
		t.Errorf("left in the page folder: %v, want 268824 and 268825", names)
	}
}
