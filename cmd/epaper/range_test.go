package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// A date range puts each day into the edition URL pattern of the paper; days without an
// edition are reported, not fatal.
func TestImportDateRange(t *testing.T) {
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	site := t.TempDir()
	out, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--site", site,
		"--from", "2021-04-13", "--to", "2021-04-15", srv.URL()+"/html/cqrb/index.htm")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{
		"2021-04-13: no edition (" + srv.URL() + "/html/cqrb/2021-04/13/001/node.htm)",
		"imported cqrb/2021-04-14",
		"2021-04-15: no edition",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "content", "cqrb", "2021-04-14", "005", "268824", "index.md")); err != nil {
		t.Error(err)
	}
	if _, _, code := runEpaper(t, "import", "--from", "2021-04-15", "--to", "2021-04-13", srv.URL()+"/html/cqrb/index.htm"); code == 0 {
		t.Error("a range that ends before it starts was accepted")
	}
	if _, _, code := runEpaper(t, "import", "--from", "2021-04-13", srv.URL()+"/html/cqrb/index.htm"); code != 2 {
		t.Errorf("--from without --to: exit %d, want 2", code)
	}
}
