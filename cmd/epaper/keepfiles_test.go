package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// The files of page 005 that the tests of kept files break.
const (
	scan005  = "/page/cqrb/2021-04/14/005/cqrb20210414005.jpg"
	pdf005   = "/page/cqrb/2021-04/14/005/cqrb20210414005.pdf"
	image005 = "/res/1/20210414/1618357891234.jpg"
)

// A re-import (here --force) while the scan, the PDF and an image answer 503 keeps the
// copies an earlier import fetched, names each failed file in the report and exits 1.
func TestReimportKeepsFilesWhoseRefetchFails(t *testing.T) {
	t.Parallel()
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	srv.SetConditional(true)
	site := t.TempDir()
	src := srv.URL() + "/html/cqrb/2021-04/14/005/node.htm"
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "--site", site, src); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	page := filepath.Join(site, "content", "cqrb", "2021-04-14", "005")
	kept := map[string][]byte{}
	for _, f := range []string{"scan.jpg", "page.pdf", filepath.Join("268821", "img-1.jpg")} {
		kept[f] = readBytes(t, filepath.Join(page, f))
	}
	for _, p := range []string{scan005, pdf005, image005} {
		srv.Fail(p, http.StatusServiceUnavailable)
	}
	report := filepath.Join(t.TempDir(), "report.json")
	out, errOut, code := runEpaper(t, "import", "--rate", "0", "--retries", "0", "--force", "--report", report, "--site", site, src)
	if code != 1 {
		t.Errorf("import with failing files: exit %d, want 1\n%s%s", code, out, errOut)
	}
	for f, data := range kept {
		if got, err := os.ReadFile(filepath.Join(page, f)); err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s was not kept: %v", f, err)
		}
	}
	for _, p := range []string{scan005, pdf005, image005} {
		if !strings.Contains(errOut, srv.URL()+p) || !strings.Contains(readFile(t, report), srv.URL()+p) {
			t.Errorf("the failure of %s is not named in stderr and the report:\n%s", p, errOut)
		}
	}
	if _, errOut, code := runEpaper(t, "verify", "--site", site); code != 0 {
		t.Errorf("verify after a failed re-fetch: exit %d\n%s", code, errOut)
	}
}

// An import whose image and scan fail, then a healthy one that the server answers with 304
// for every page: the second fetches what the first could not.
func TestLaterImportFetchesWhatIsMissing(t *testing.T) {
	t.Parallel()
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	srv.SetConditional(true)
	site := t.TempDir()
	src := srv.URL() + "/html/cqrb/2021-04/14/005/node.htm"
	for _, p := range []string{scan005, pdf005, image005} {
		srv.Fail(p, http.StatusServiceUnavailable)
	}
	out, errOut, code := runEpaper(t, "import", "--rate", "0", "--retries", "0", "--site", site, src)
	if code != 1 || !strings.Contains(errOut, srv.URL()+image005) {
		t.Errorf("import with failing files: exit %d, want 1 naming %s\n%s%s", code, image005, out, errOut)
	}
	for _, p := range []string{scan005, pdf005, image005} {
		srv.Fail(p, 0)
	}
	if out, errOut, code := runEpaper(t, "import", "--rate", "0", "--site", site, src); code != 0 {
		t.Errorf("healthy re-import: exit %d\n%s%s", code, out, errOut)
	}
	page := filepath.Join(site, "content", "cqrb", "2021-04-14", "005")
	for _, f := range []string{"scan.jpg", "page.pdf", filepath.Join("268821", "img-1.jpg")} {
		if _, err := os.Stat(filepath.Join(page, f)); err != nil {
			t.Errorf("the healthy re-import did not fetch %s: %v", f, err)
		}
	}
	for _, f := range []string{filepath.Join(page, "_index.md"), filepath.Join(page, "268821", "index.md")} {
		if s := readFile(t, f); strings.Contains(s, "missing:") && strings.Contains(s, "503") {
			t.Errorf("%s still lists the failure:\n%s", f, s)
		}
	}
}

func readBytes(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
