package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// A site whose robots.txt answers 503 is not crawled (RFC 9309 2.3.1.4): robots.txt is
// tried again, then the import fails naming the host as not crawlable, having fetched no page.
func TestImportDoesNotCrawlAHostWhoseRobotsTxtIsUnreachable(t *testing.T) {
	t.Parallel()
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	srv.Fail("/robots.txt", http.StatusServiceUnavailable)
	site := t.TempDir()
	out, errOut, code := runEpaper(t, "import", "--rate", "0", "--retries", "2", "--max-retry-after", "10ms", "--site", site,
		srv.URL()+"/html/cqrb/2021-04/14/005/node.htm")
	if code != 1 || !strings.Contains(errOut, "not crawlable") || !strings.Contains(errOut, strings.TrimPrefix(srv.URL(), "http://")) {
		t.Errorf("exit %d, want 1 and the host named as not crawlable:\n%s%s", code, out, errOut)
	}
	if n := srv.Count("/robots.txt"); n != 3 {
		t.Errorf("robots.txt asked %d times, want 3 (2 retries)", n)
	}
	for _, r := range srv.Requests() {
		if r.Path != "/robots.txt" {
			t.Errorf("%s was fetched", r.Path)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "content", "cqrb")); err == nil {
		t.Error("something was imported")
	}
}
