package importer_test

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/epaper-archive/epaper/importer"
	"github.com/epaper-archive/epaper/importer/fetch"
	"github.com/epaper-archive/epaper/testdata/fixture"
)

// The temporary file of a paper's _index.md that a killed run left in the paper's folder is
// removed by the next import (it was left there for good: TestKilledImportResumes of
// cmd/epaper found it when the kill fell inside the paper's write); a folder of that name
// is not touched.
func TestStaleFileOfThePaperRemoved(t *testing.T) {
	t.Parallel()
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	site := t.TempDir()
	paper := filepath.Join(site, "content", "cqrb")
	stale, keep := filepath.Join(paper, ".tmp-_index.md-123"), filepath.Join(paper, ".tmp-dir")
	if err := os.MkdirAll(keep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("---\ntitle: half"), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := importer.Options{SiteDir: site, Fetch: fetch.DefaultFetchOptions()}
	opt.Fetch.Rate = 0
	im, err := importer.New(opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	start, _ := url.Parse(srv.URL() + "/html/cqrb/index.htm")
	if _, err := im.Import(t.Context(), start); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("%s is still there: %v", stale, err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Error(err)
	}
}
