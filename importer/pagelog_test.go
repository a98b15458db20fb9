package importer

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/importer/fetch"
	"github.com/epaper-archive/epaper/testdata/fixture"
)

// slowFirstPage delays the first page's node.htm, so that the pages after it finish first.
type slowFirstPage struct{ next http.RoundTripper }

func (s slowFirstPage) Local() bool { return true }

func (s slowFirstPage) RoundTrip(req *http.Request) (*http.Response, error) {
	if strings.HasSuffix(req.URL.Path, "/001/node.htm") {
		time.Sleep(300 * time.Millisecond)
	}
	return s.next.RoundTrip(req)
}

// The import's log lists the pages in page order, even when a later page is done first.
func TestImportLogInPageOrder(t *testing.T) {
	src, err := ResolveSource(fixture.Root())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var log bytes.Buffer
	opt := fetch.DefaultFetchOptions()
	opt.Rate = 0
	im, err := New(Options{SiteDir: t.TempDir(), Log: &log, Fetch: opt}, slowFirstPage{src.Transport})
	if err != nil {
		t.Fatal(err)
	}
	start, err := url.Parse(strings.Replace(src.URL.String(), "index.htm", "2021-04/14/002/node.htm", 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Import(context.Background(), start); err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, m := range regexp.MustCompile(`(?m)^page (\d+) `).FindAllStringSubmatch(log.String(), -1) {
		pages = append(pages, m[1])
	}
	if len(pages) != 8 || !slices.IsSorted(pages) {
		t.Errorf("pages logged in the order %q, want 001 … 008:\n%s", pages, log.String())
	}
}

func TestPageLogsKeepOrder(t *testing.T) {
	var out bytes.Buffer
	l := newPageLogs(&out, 3)
	w := func(i int, s string) { pageLogWriter{l, i}.Write([]byte(s)) }
	w(2, "c\n")
	l.finish(2)
	w(1, "b\n")
	l.finish(1)
	if out.Len() != 0 {
		t.Fatalf("written before page 0 finished: %q", out.String())
	}
	w(0, "a\n")
	l.finish(0)
	w(1, "late\n")
	if out.String() != "a\nb\nc\nlate\n" {
		t.Errorf("log %q", out.String())
	}
}
