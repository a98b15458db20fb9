package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// withoutSourceFields drops the provenance lines that name how a page was had (the fetch
// time, the WARC record), which differ between a live import and its replay.
func withoutSourceFields(files map[string][]byte) map[string][]byte {
	re := regexp.MustCompile(`(?m)^  (retrieved|via|warc_record|warc_file): .*\n`)
	out := map[string][]byte{}
	for name, data := range files {
		out[name] = re.ReplaceAll(data, nil)
	}
	return out
}

// A live import recorded into a WARC, then imported again from that WARC alone (the server
// gone) into a fresh site, gives the same bundles apart from the provenance fields.
func TestImportFromRecordedWARC(t *testing.T) {
	srv := fixture.NewServer(fixture.Root())
	live := t.TempDir()
	warc := filepath.Join(t.TempDir(), "crawl.warc.gz")
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--site", live, "--warc", warc, srv.URL()+"/html/cqrb/index.htm"); code != 0 {
		t.Fatalf("live import: %s", errOut)
	}
	srv.Close()

	replay := t.TempDir()
	out, errOut, code := runEpaper(t, "import", "-q", "--site", replay, warc)
	if code != 0 || !strings.Contains(out, "8 pages, 25 articles") {
		t.Fatalf("import from the WARC: exit %d: %s%s", code, out, errOut)
	}
	sameTree(t, "live vs WARC", withoutSourceFields(tree(t, filepath.Join(live, "content"))), withoutSourceFields(tree(t, filepath.Join(replay, "content"))))
	art := string(tree(t, filepath.Join(replay, "content"))["cqrb/2021-04-14/005/268824/index.md"])
	for _, want := range []string{"  via: warc\n", "  warc_record: urn:uuid:", "  warc_file: ", "  retrieved: "} {
		if !strings.Contains(art, want) {
			t.Errorf("the replayed bundle's provenance lacks %q:\n%s", want, art)
		}
	}
}
