package fetch

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
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
	return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"text/html"}}, Body: io.NopCloser(strings.NewReader("from disk")), Request: req}, nil
}

// A local transport (a mirror) is neither asked for robots.txt nor rate limited.
func TestFetchLocalTransportSkipsRobotsAndRateLimit(t *testing.T) {
	t.Parallel()
	tr := &localTransport{}
	opt := DefaultFetchOptions()
	opt.Rate = 1
	f, err := NewFetcher(opt, tr)
	if err != nil {
		t.Fatal(err)
	}
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

// The fixture server answers conditional requests once told to, as the lead's resumption
// tests need; without SetConditional it sends no validators, as before.
func TestFetchConditionalFromTheFixtureServer(t *testing.T) {
	t.Parallel()
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	const p = "/html/cqrb/2021-04/14/005/node.htm"
	f := testFetcher(t, nil)
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
	t.Parallel()
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	const p = "/html/cqrb/2021-04/14/005/node.htm"
	srv.SetDelay(100 * time.Millisecond)
	d := elapsed(func() {
		mustFetch(t, testFetcher(t, func(o *FetchOptions) { o.IgnoreRobots = true }), srv.URL()+p, Validators{})
	})
	if d < 100*time.Millisecond {
		t.Errorf("took %v, want the delay of 100ms", d)
	}

	srv.SetDelay(time.Minute)
	f := testFetcher(t, func(o *FetchOptions) { o.Timeout = 100 * time.Millisecond; o.Retries = 0; o.IgnoreRobots = true })
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
