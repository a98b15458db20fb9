package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// make installs the Pagefind the search page is written for.
func TestMakefileInstallsPagefindVersion(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "PAGEFIND_VERSION := "); ok {
			if v = strings.TrimSpace(v); v != PagefindVersion {
				t.Errorf("the Makefile installs Pagefind %s, PagefindVersion is %s", v, PagefindVersion)
			}
			return
		}
	}
	t.Error("the Makefile sets no PAGEFIND_VERSION")
}
