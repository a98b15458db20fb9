package importer

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// localTransport answers every request with 200, counting them, and says it is local.
type localTransport struct {
	mu    sync.Mutex
	paths []string
}

func (t *localTransport) Local() bool { return true }

func (t *localTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.mu.Lock()
	t.paths = append(t.paths, req.URL.Path)
	t.mu.Unlock()
	return response(req, http.StatusOK, "text/html", []byte("from disk")), nil
}

// A local transport (a mirror) is neither asked for robots.txt nor rate limited.
func TestFetchLocalTransportSkipsRobotsAndRateLimit(t *testing.T) {
	tr := &localTransport{}
	f := NewFetcher(FetchOptions{Rate: 1}, tr)
	d := elapsed(func() {
		for i := range 5 {
			mustFetch(t, f, fmt.Sprintf("http://epaper.cqrb.cn/html/cqrb/content_%d.htm", i), Validators{})
		}
	})
	if d > 2*time.Second { // at 1 request a second, 5 take 4s
		t.Errorf("5 requests took %v: rate limited", d)
	}
	if len(tr.paths) != 5 || slices.Contains(tr.paths, "/robots.txt") {
		t.Errorf("requests %q, want the 5 pages and no robots.txt", tr.paths)
	}
}

// The mirror of a source directory works through a Fetcher with the defaults.
func TestFetchFromAMirror(t *testing.T) {
	src, err := ResolveSource(fixture.Root())
	if err != nil {
		t.Fatal(err)
	}
	f := NewFetcher(FetchOptions{}, src.Transport)
	got := mustFetch(t, f, src.URL.String(), Validators{})
	want, err := os.ReadFile(filepath.Join(fixture.Root(), "html", "cqrb", "index.htm"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != 200 || !bytes.Equal(got.Body, want) {
		t.Errorf("%s: %d, %d bytes, want the index, %d bytes", src.URL, got.Status, len(got.Body), len(want))
	}
	err = fetchError(t, f, "http://epaper.cqrb.cn/html/cqrb/2021-04/14/009/node.htm")
	if se := (*StatusError)(nil); !errors.As(err, &se) || se.StatusCode != 404 {
		t.Errorf("a file not in the mirror: %v, want a 404", err)
	}
}

// The fixture server answers conditional requests once told to, as the lead's resumption
// tests need; without SetConditional it sends no validators, as before.
func TestFetchConditionalFromTheFixtureServer(t *testing.T) {
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	const p = "/html/cqrb/2021-04/14/005/node.htm"
	f := testFetcher(FetchOptions{})
	if got := mustFetch(t, f, srv.URL()+p, Validators{}); got.ETag != "" || got.LastModified != "" {
		t.Errorf("validators without SetConditional: %q %q", got.ETag, got.LastModified)
	}

	srv.SetConditional(true)
	first := mustFetch(t, f, srv.URL()+p, Validators{})
	if first.ETag != fixture.ETag(first.Body) || first.LastModified != fixture.LastModified().Format(http.TimeFormat) {
		t.Errorf("validators %q %q, want %q %q", first.ETag, first.LastModified, fixture.ETag(first.Body), fixture.LastModified().Format(http.TimeFormat))
	}
	for _, v := range []Validators{{ETag: first.ETag}, {LastModified: first.LastModified}, {first.ETag, first.LastModified}} {
		if got := mustFetch(t, f, srv.URL()+p, v); got.Status != http.StatusNotModified || got.Body != nil {
			t.Errorf("with %+v: %d, %d bytes, want 304 and no body", v, got.Status, len(got.Body))
		}
	}
	if got := mustFetch(t, f, srv.URL()+p, Validators{ETag: `"other"`}); got.Status != 200 {
		t.Errorf("with another ETag: %d, want 200", got.Status)
	}
	reqs := srv.Requests()
	if last := reqs[len(reqs)-2]; last.Path != p || last.Status != http.StatusNotModified {
		t.Errorf("the server logged %+v, want a 304", last)
	}
}

// SetDelay slows the fixture server down: enough for a timeout, which the server logs as a
// request given up (Status 0).
func TestFetchFromASlowFixtureServer(t *testing.T) {
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	const p = "/html/cqrb/2021-04/14/005/node.htm"
	srv.SetDelay(100 * time.Millisecond)
	d := elapsed(func() { mustFetch(t, testFetcher(FetchOptions{IgnoreRobots: true}), srv.URL()+p, Validators{}) })
	if d < 100*time.Millisecond {
		t.Errorf("took %v, want the delay of 100ms", d)
	}

	srv.SetDelay(time.Minute)
	f := testFetcher(FetchOptions{Timeout: 100 * time.Millisecond, Retries: -1, IgnoreRobots: true})
	errorSays(t, fetchError(t, f, srv.URL()+p), "timeout after 100ms")
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		reqs := srv.Requests()
		if last := reqs[len(reqs)-1]; len(reqs) == 2 && last.Status == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server logged %+v, want the request given up, with Status 0", reqs)
		}
	}
}
