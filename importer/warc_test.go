package importer

import (
	"bytes"
	"context"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/testdata/fixture"

	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/fetch"
)

// An edition imported through the Recorder from the fixture server imports again from the
// recorded WARC, file for file the same: the same pages, articles, scans and raw HTML.
func TestImportFromARecordedWARC(t *testing.T) {
	t.Parallel()
	srv := fixture.NewServer(fixture.Root())
	name := filepath.Join(t.TempDir(), "edition.warc.gz")
	rec, err := archive.CreateWARC(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	start, _ := url.Parse(srv.URL() + "/html/cqrb/index.htm")
	live := filepath.Join(t.TempDir(), "live")
	importWARCInto(t, live, rec, start)
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	srv.Close() // the replay goes nowhere near it

	a, err := archive.OpenArchive(name)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.StartURL() != start.String() {
		t.Fatalf("StartURL() = %q, want %q", a.StartURL(), start)
	}
	replayed := filepath.Join(t.TempDir(), "replayed")
	importWARCInto(t, replayed, a, start)
	want, got := warcTreeFiles(t, live), warcTreeFiles(t, replayed)
	if len(got) != len(want) || len(want) < 20 {
		t.Errorf("the import from the WARC wrote %d files, the live one %d", len(got), len(want))
	}
	for p, w := range want {
		g, ok := got[p]
		if !ok {
			t.Errorf("%s: not written from the WARC", p)
		} else if filepath.Ext(p) != ".md" && !bytes.Equal(g, w) {
			t.Errorf("%s: %d bytes from the WARC, %d live", p, len(g), len(w))
		}
	}
	req, _ := http.NewRequest("GET", start.String(), nil)
	resp, err := a.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	info, _ := a.Record(start.String())
	if h := resp.Header; h.Get(archive.HeaderVia) != "warc" || h.Get(archive.HeaderWARCRecord) != info.RecordID || h.Get(archive.HeaderWARCFile) != name || h.Get(archive.HeaderRetrieved) != info.Date.Format(time.RFC3339) {
		t.Errorf("provenance headers %v, want those of %+v", h, info)
	}
}

func importWARCInto(t *testing.T, site string, rt http.RoundTripper, start *url.URL) {
	t.Helper()
	fo := fetch.DefaultFetchOptions()
	fo.Rate, fo.IgnoreRobots, fo.Retries = 0, true, 0
	im, err := New(Options{SiteDir: site, Fetch: fo}, rt)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := im.Import(context.Background(), start)
	if err != nil {
		t.Fatal(err)
	}
	if f := rep.Failures(); len(f) != 0 {
		t.Fatalf("import into %s: failures %+v", site, f)
	}
}

func warcTreeFiles(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files[rel], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
