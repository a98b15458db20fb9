package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --profile: a bad profile is a usage error naming the file, the line and the key; a good
// one named as a built-in replaces it (here: founder-classic that requires what no page has,
// so the classic pages are read by the heuristics and still import).
func TestProfileFlag(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("name: qhwb\nmatch:\n  page: '/x'\npage:\n  current: {select: '.c'}\n  list:\n    item: 'li'\n    link: 'a['\n"), 0o644)
	_, errOut, code := runEpaper(t, "import", "-q", "--site", t.TempDir(), "--profile", bad, filepath.Join(dir, "nothing"))
	if code != 2 || !strings.Contains(errOut, bad+":8: page.list.link: selector \"a[\"") {
		t.Errorf("a bad profile: exit %d, %q", code, errOut)
	}
	unknown := filepath.Join(dir, "unknown.yaml")
	os.WriteFile(unknown, []byte("name: x\nmatch:\n  pages: '/x'\n"), 0o644)
	if _, errOut, code := runEpaper(t, "import", "-q", "--site", t.TempDir(), "--profile", unknown, dir); code != 2 || !strings.Contains(errOut, "unknown.yaml") || !strings.Contains(errOut, "pages") {
		t.Errorf("an unknown key: exit %d, %q", code, errOut)
	}
}
