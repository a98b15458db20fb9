package fetch

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fetchServer is the loopback server of the fetch tests: one mux, a route per case (as
// colly's newUnstartedTestServer). Set robots or robotsStatus, then Start.
type fetchServer struct {
	*httptest.Server
	robots       string // robots.txt; "" and robotsStatus 0: 404
	robotsStatus int    // robots.txt's status, when not 0
	handler      http.Handler

	mu          sync.Mutex
	hits        map[string]int         // requests by path
	headers     map[string]http.Header // of the last request, by path
	agents      []string               // User-Agent of every request
	inFlight    int                    // in /busy now
	maxInFlight int
}

// newFetchServer returns a fetchServer not started yet.
func newFetchServer(t *testing.T) *fetchServer {
	s := &fetchServer{hits: map[string]int{}, headers: map[string]http.Header{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", s.serveRobots)
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "hello, world")
	})
	mux.HandleFunc("/private/page", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "private") })
	mux.HandleFunc("/status/{code}", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(r.PathValue("code"))
		http.Error(w, http.StatusText(code), code)
	})
	mux.HandleFunc("/flaky", s.serveFlaky)
	mux.HandleFunc("/reset", s.serveReset)
	mux.HandleFunc("/short", s.serveShort)
	mux.HandleFunc("/slow", serveSlow)
	mux.HandleFunc("/stall", serveStall)
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	mux.HandleFunc("/hops/{n}", serveHops)
	mux.HandleFunc("/busy", s.serveBusy)
	mux.HandleFunc("/gzip", serveGzip)
	mux.HandleFunc("/endless", serveEndless)
	mux.HandleFunc("/etag", serveETag)
	s.handler = s.record(mux)
	s.Server = httptest.NewUnstartedServer(s.handler)
	t.Cleanup(s.Close)
	return s
}

// startFetchServer returns a started fetchServer with no robots.txt.
func startFetchServer(t *testing.T) *fetchServer {
	s := newFetchServer(t)
	s.Start()
	return s
}

// record counts each request and keeps its headers.
func (s *fetchServer) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.headers[r.URL.Path] = r.Header.Clone()
		s.agents = append(s.agents, r.UserAgent())
		s.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

// hit returns how many requests for path the server has seen.
func (s *fetchServer) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *fetchServer) header(path, name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.headers[path].Get(name)
}

func (s *fetchServer) serveRobots(w http.ResponseWriter, r *http.Request) {
	switch {
	case s.robotsStatus != 0:
		http.Error(w, http.StatusText(s.robotsStatus), s.robotsStatus)
	case s.robots == "":
		http.NotFound(w, r)
	default:
		fmt.Fprint(w, s.robots)
	}
}

// serveFlaky answers ?status= (with ?retry-after= as Retry-After) to the first ?fail=
// requests, then 200 "ok".
func (s *fetchServer) serveFlaky(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fail, _ := strconv.Atoi(q.Get("fail"))
	if s.hit(r.URL.Path) > fail {
		fmt.Fprint(w, "ok")
		return
	}
	if ra := q.Get("retry-after"); ra != "" {
		w.Header().Set("Retry-After", ra)
	}
	code, _ := strconv.Atoi(q.Get("status"))
	http.Error(w, http.StatusText(code), code)
}

// serveReset resets the connection of the first request (RST, no response), then answers.
func (s *fetchServer) serveReset(w http.ResponseWriter, r *http.Request) {
	if s.hit(r.URL.Path) > 1 {
		fmt.Fprint(w, "after the reset")
		return
	}
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.SetLinger(0) // close with RST
	}
	conn.Close()
}

// serveShort promises 1000 bytes to the first request and sends 7, then answers in full.
func (s *fetchServer) serveShort(w http.ResponseWriter, r *http.Request) {
	if s.hit(r.URL.Path) > 1 {
		fmt.Fprint(w, "the whole body")
		return
	}
	w.Header().Set("Content-Length", "1000")
	fmt.Fprint(w, "partial")
}

// serveSlow answers after 10s, or not at all when the client gives up first.
func serveSlow(w http.ResponseWriter, r *http.Request) {
	select {
	case <-time.After(10 * time.Second):
		fmt.Fprint(w, "late")
	case <-r.Context().Done():
	}
}

// serveStall sends headers and a little of the body at once, the rest after 10s.
func serveStall(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, "a beginning")
	w.(http.Flusher).Flush()
	select {
	case <-time.After(10 * time.Second):
		fmt.Fprint(w, ", and an end")
	case <-r.Context().Done():
	}
}

// serveHops redirects /hops/N to /hops/N-1, and answers /hops/0.
func serveHops(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	if n > 0 {
		http.Redirect(w, r, "/hops/"+strconv.Itoa(n-1), http.StatusFound)
		return
	}
	fmt.Fprint(w, "arrived")
}

// serveBusy takes 30ms, counting the requests in it at once. It leaves the count before it
// answers, so a client that sends its next request once it has the answer is never counted
// twice.
func (s *fetchServer) serveBusy(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.inFlight++
	s.maxInFlight = max(s.maxInFlight, s.inFlight)
	s.mu.Unlock()
	time.Sleep(30 * time.Millisecond)
	s.mu.Lock()
	s.inFlight--
	s.mu.Unlock()
	fmt.Fprint(w, "done")
}

// serveGzip sends ?size= zero bytes gzipped, with Content-Encoding: gzip.
func serveGzip(w http.ResponseWriter, r *http.Request) {
	size, _ := strconv.Atoi(r.URL.Query().Get("size"))
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Set("Content-Type", "text/html")
	w.Write(gzipZeros(size))
}

var gzipped sync.Map // size → []byte, so that the bomb is made once

// gzipZeros returns size zero bytes, gzipped: a thousand times smaller.
func gzipZeros(size int) []byte {
	if b, ok := gzipped.Load(size); ok {
		return b.([]byte)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	zw.Write(make([]byte, size))
	zw.Close()
	gzipped.Store(size, buf.Bytes())
	return buf.Bytes()
}

// serveEndless sends a body that never ends, until the client goes away.
func serveEndless(w http.ResponseWriter, r *http.Request) {
	chunk := bytes.Repeat([]byte("<p>again</p>\n"), 4096)
	for {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

// serveETag serves a page with validators, and 304 to a conditional request that matches.
func serveETag(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("ETag", `"v1"`)
	w.Header().Set("Content-Type", "text/html")
	modified := time.Date(2021, 4, 13, 16, 0, 0, 0, time.UTC)
	http.ServeContent(w, r, "page.htm", modified, strings.NewReader("<p>edition of 2021-04-14</p>"))
}

// testFetcher is a Fetcher with the default options but a high rate and short waits, so
// that tests are quick, then as set changes them (nil: as they are).
func testFetcher(t testing.TB, set func(*FetchOptions)) *Fetcher {
	t.Helper()
	opt := DefaultFetchOptions()
	opt.Rate, opt.MaxRetryAfter = 1000, 100*time.Millisecond
	if set != nil {
		set(&opt)
	}
	f, err := NewFetcher(opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// mustFetch fetches u and fails the test on an error.
func mustFetch(t *testing.T, f *Fetcher, u string, v Validators) *Fetched {
	t.Helper()
	got, err := f.Get(t.Context(), u, v)
	if err != nil {
		t.Fatalf("Get(%q): %v", u, err)
	}
	return got
}

// fetchError fetches u and returns its error, failing the test when there is none.
func fetchError(t *testing.T, f *Fetcher, u string) error {
	t.Helper()
	got, err := f.Get(t.Context(), u, Validators{})
	if err == nil {
		t.Fatalf("Get(%q) = %d %q, want an error", u, got.Status, got.Body)
	}
	return err
}

// errorSays fails the test unless err's message holds every part.
func errorSays(t *testing.T, err error, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not say %q", err, p)
		}
	}
}

// elapsed runs fn and returns how long it took.
func elapsed(fn func()) time.Duration {
	start := time.Now()
	fn()
	return time.Since(start)
}

func TestFetchRetriesServerErrors(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	got := mustFetch(t, testFetcher(t, nil), s.URL+"/flaky?fail=2&status=500", Validators{})
	if got.Status != 200 || string(got.Body) != "ok" {
		t.Errorf("got %d %q, want 200 \"ok\"", got.Status, got.Body)
	}
	if n := s.hit("/flaky"); n != 3 {
		t.Errorf("%d requests, want 3 (500, 500, 200)", n)
	}
}

func TestFetchGivesUpAfterRetries(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	u := s.URL + "/flaky?fail=100&status=503"
	err := fetchError(t, testFetcher(t, func(o *FetchOptions) { o.Retries = 2 }), u)
	errorSays(t, err, fmt.Sprintf("%q", u), "HTTP 503 Service Unavailable", "3 tries")
	if n := s.hit("/flaky"); n != 3 {
		t.Errorf("%d requests, want 3 (a try and 2 retries)", n)
	}
}

func TestFetchRetriesAResetConnection(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	ignoreRobots := func(o *FetchOptions) { o.IgnoreRobots = true } // the reset must hit a fresh connection
	got := mustFetch(t, testFetcher(t, ignoreRobots), s.URL+"/reset", Validators{})
	if string(got.Body) != "after the reset" || s.hit("/reset") != 2 {
		t.Errorf("%q after %d requests, want the answer to the second", got.Body, s.hit("/reset"))
	}

	t.Run("without retries the reset is the error", func(t *testing.T) {
		s := startFetchServer(t)
		err := fetchError(t, testFetcher(t, func(o *FetchOptions) { ignoreRobots(o); o.Retries = 0 }), s.URL+"/reset")
		if !retryable(err) {
			t.Errorf("%v: not retryable", err)
		}
	})
}

func TestFetchRetriesABodyCutShort(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	got := mustFetch(t, testFetcher(t, nil), s.URL+"/short", Validators{})
	if string(got.Body) != "the whole body" || s.hit("/short") != 2 {
		t.Errorf("%q after %d requests, want the whole body of the second", got.Body, s.hit("/short"))
	}

	t.Run("without retries", func(t *testing.T) {
		s := startFetchServer(t)
		err := fetchError(t, testFetcher(t, func(o *FetchOptions) { o.Retries = 0 }), s.URL+"/short")
		errorSays(t, err, "unexpected EOF")
	})
}

func TestFetchTimesOut(t *testing.T) {
	t.Parallel()                                       // it waits
	for _, path := range []string{"/slow", "/stall"} { // no headers; headers but not all the body
		t.Run(path, func(t *testing.T) {
			s := startFetchServer(t)
			f := testFetcher(t, func(o *FetchOptions) { o.Timeout = 200 * time.Millisecond; o.Retries = 1 })
			var err error
			d := elapsed(func() { err = fetchError(t, f, s.URL+path) })
			errorSays(t, err, fmt.Sprintf("%q", s.URL+path), "timeout after 200ms", "2 tries")
			if d < 400*time.Millisecond || d > 5*time.Second {
				t.Errorf("took %v, want two timeouts of 200ms", d)
			}
			if n := s.hit(path); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
		})
	}
}

func TestFetchRefusesARedirectLoop(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	err := fetchError(t, testFetcher(t, nil), s.URL+"/loop/a")
	errorSays(t, err, "redirect loop", fmt.Sprintf("%q", s.URL+"/loop/b"))
	if s.hit("/loop/a") != 1 || s.hit("/loop/b") != 1 {
		t.Errorf("%d and %d requests, want each URL once", s.hit("/loop/a"), s.hit("/loop/b"))
	}
}

func TestFetchFollowsAtMostMaxRedirects(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	f := testFetcher(t, func(o *FetchOptions) { o.MaxRedirects = 2 })
	if got := mustFetch(t, f, s.URL+"/hops/2", Validators{}); got.URL != s.URL+"/hops/0" || string(got.Body) != "arrived" {
		t.Errorf("2 redirects: %s %q", got.URL, got.Body)
	}
	errorSays(t, fetchError(t, f, s.URL+"/hops/3"), "more than 2 redirects")
}

func TestFetchRedirectsToAnotherHostOnlyWhenAllowed(t *testing.T) {
	t.Parallel()
	s, other := startFetchServer(t), startFetchServer(t)
	target := other.URL + "/ok"
	u := s.URL + "/redirect?to=" + url.QueryEscape(target)

	err := fetchError(t, testFetcher(t, nil), u)
	errorSays(t, err, fmt.Sprintf("%q", u), fmt.Sprintf("%q", target), "refused")
	if n := other.hit("/ok"); n != 0 {
		t.Errorf("the other host was asked %d times", n)
	}

	otherHost := strings.TrimPrefix(other.URL, "http://")
	got := mustFetch(t, testFetcher(t, func(o *FetchOptions) { o.AllowHosts = []string{otherHost} }), u, Validators{})
	if got.URL != target || string(got.Body) != "hello, world" {
		t.Errorf("allowed host: got %s %q, want %s", got.URL, got.Body, target)
	}
}

func TestFetchCheckRedirect(t *testing.T) {
	t.Parallel()
	f := testFetcher(t, func(o *FetchOptions) { o.AllowHosts = []string{"cdn.example.org"} })
	start := mustParse(t, "http://epaper.example.cn/html/index.htm")
	for to, ok := range map[string]bool{
		"http://epaper.example.cn/html/2021-04/14/node_1.htm":  true,
		"https://epaper.example.cn/html/2021-04/14/node_1.htm": true, // to https, same host
		"http://cdn.example.org/a.jpg":                         true,
		"https://cdn.example.org:8443/a.jpg":                   true,
		"http://ads.example.com/":                              false,
		"ftp://epaper.example.cn/a":                            false,
	} {
		err := f.checkRedirect(start, start, mustParse(t, to), map[string]bool{start.String(): true})
		if (err == nil) != ok {
			t.Errorf("redirect to %s: %v, want allowed %v", to, err, ok)
		}
	}
	https := mustParse(t, "https://epaper.example.cn/a")
	if err := f.checkRedirect(start, https, start, map[string]bool{}); err == nil {
		t.Error("a redirect from https back to http was followed")
	}
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestFetchDoesNotRetryClientErrors(t *testing.T) {
	t.Parallel()
	for _, code := range []int{404, 403} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			s := startFetchServer(t)
			u := s.URL + "/status/" + strconv.Itoa(code)
			err := fetchError(t, testFetcher(t, nil), u)
			want := fmt.Sprintf("fetch %q: HTTP %d %s", u, code, http.StatusText(code))
			if err.Error() != want {
				t.Errorf("error %q, want %q", err, want)
			}
			if se := (*StatusError)(nil); !errors.As(err, &se) || se.StatusCode != code {
				t.Errorf("%v: no StatusError %d", err, code)
			}
			if n := s.hit("/status/" + strconv.Itoa(code)); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestFetchHonoursRobotsTxt(t *testing.T) {
	t.Parallel()
	s := newFetchServer(t)
	// Our own group applies, not "*": /private/ is closed to us, the rest open.
	s.robots = "User-agent: *\nDisallow: /\n\nUser-agent: epaper\nDisallow: /private/\n"
	s.Start()
	f := testFetcher(t, nil)
	u := s.URL + "/private/page"
	err := fetchError(t, f, u)
	if !errors.Is(err, ErrDisallowed) {
		t.Errorf("%v: not ErrDisallowed", err)
	}
	errorSays(t, err, fmt.Sprintf("%q", u), "disallowed by robots.txt")
	mustFetch(t, f, s.URL+"/ok", Validators{})
	mustFetch(t, f, s.URL+"/ok", Validators{})
	if s.hit("/private/page") != 0 || s.hit("/robots.txt") != 1 {
		t.Errorf("%d requests for the disallowed page, %d for robots.txt; want 0 and 1", s.hit("/private/page"), s.hit("/robots.txt"))
	}

	t.Run("IgnoreRobots", func(t *testing.T) {
		f := testFetcher(t, func(o *FetchOptions) { o.IgnoreRobots = true })
		if got := mustFetch(t, f, u, Validators{}); string(got.Body) != "private" {
			t.Errorf("got %q", got.Body)
		}
		if s.hit("/robots.txt") != 1 {
			t.Error("robots.txt was read again")
		}
	})
}

// RFC 9309 2.3.1.4: a robots.txt that answers 5xx is unreachable, and an unreachable
// robots.txt means complete disallow; it is tried again with backoff first, and the host is
// then reported as not crawlable, once, without asking again.
func TestFetchDisallowsAllWhenRobotsTxtIsUnreachable(t *testing.T) {
	t.Parallel()
	s := newFetchServer(t)
	s.robotsStatus = http.StatusServiceUnavailable
	s.Start()
	var log bytes.Buffer
	f := testFetcher(t, func(o *FetchOptions) { o.Log = &log; o.Retries = 2 })
	for range 3 {
		err := fetchError(t, f, s.URL+"/private/page")
		errorSays(t, err, "robots.txt", "503", "not crawlable")
		if !errors.Is(err, ErrRobotsUnreachable) {
			t.Errorf("error %v is not ErrRobotsUnreachable", err)
		}
	}
	if n := s.hit("/robots.txt"); n != 3 {
		t.Errorf("robots.txt asked %d times, want 3 (2 retries, then cached)", n)
	}
	if s.hit("/private/page") != 0 {
		t.Error("a page of a host whose robots.txt is unreachable was fetched")
	}
	if lines := strings.Split(strings.TrimSpace(log.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "not crawlable") {
		t.Errorf("log %q, want one line saying the host is not crawlable", log.String())
	}
}

// A robots.txt that answers 4xx (other than 429) allows everything, as if there were none.
func TestFetchAllowsAllWhenRobotsTxtIsAClientError(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusNotFound, http.StatusForbidden, http.StatusGone} {
		s := newFetchServer(t)
		s.robotsStatus = status
		s.Start()
		f := testFetcher(t, nil)
		mustFetch(t, f, s.URL+"/private/page", Validators{})
		if s.hit("/robots.txt") != 1 {
			t.Errorf("robots.txt %d asked %d times, want once", status, s.hit("/robots.txt"))
		}
	}
}

// A host that refuses connections has no reachable robots.txt: nothing is fetched from it.
func TestFetchDisallowsAllWhenRobotsTxtCannotBeReached(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	u := s.URL
	s.Close()
	f := testFetcher(t, func(o *FetchOptions) { o.Retries = 1 })
	err := fetchError(t, f, u+"/page")
	if !errors.Is(err, ErrRobotsUnreachable) {
		t.Errorf("error %v is not ErrRobotsUnreachable", err)
	}
}

// getAll fetches u n times at once.
func getAll(t *testing.T, f *Fetcher, u string, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if _, err := f.Get(t.Context(), u, Validators{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

func TestFetchConcurrencyBound(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	f := testFetcher(t, func(o *FetchOptions) { o.Rate = 0; o.Concurrency = 2; o.IgnoreRobots = true })
	getAll(t, f, s.URL+"/busy", 10)
	s.mu.Lock()
	most := s.maxInFlight
	s.mu.Unlock()
	if most < 1 || most > 2 {
		t.Errorf("%d requests in flight at once, want at most 2", most)
	}
	t.Logf("at most %d in flight", most)
	if n := s.hit("/busy"); n != 10 {
		t.Errorf("%d requests, want 10", n)
	}
}

func TestFetchCutsAGzipBomb(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	const limit = 1 << 20
	f := testFetcher(t, func(o *FetchOptions) { o.MaxBytes = limit })
	if got := mustFetch(t, f, s.URL+"/gzip?size=1000", Validators{}); !bytes.Equal(got.Body, make([]byte, 1000)) {
		t.Fatalf("a small gzipped body: %d bytes, want 1000 zeros, decompressed", len(got.Body))
	}
	if enc := s.header("/gzip", "Accept-Encoding"); enc != "gzip" {
		t.Errorf("Accept-Encoding %q: the transport did not ask for gzip", enc)
	}
	const size = 16 << 20
	if n := len(gzipZeros(size)); n > limit/10 {
		t.Fatalf("the bomb is %d bytes gzipped: not a bomb", n)
	}
	err := fetchError(t, f, s.URL+"/gzip?size="+strconv.Itoa(size))
	errorSays(t, err, "larger than 1048576 bytes")
	if n := s.hit("/gzip"); n != 2 {
		t.Errorf("%d requests, want 2 (no retry)", n)
	}
}

func TestFetchCutsAnEndlessBody(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	var err error
	d := elapsed(func() {
		err = fetchError(t, testFetcher(t, func(o *FetchOptions) { o.MaxBytes = 1 << 20 }), s.URL+"/endless")
	})
	errorSays(t, err, "larger than 1048576 bytes")
	if n := s.hit("/endless"); n != 1 || d > 5*time.Second {
		t.Errorf("%d requests in %v, want 1, quick", n, d)
	}
}

func TestFetchConditionalGet(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	f := testFetcher(t, nil)
	first := mustFetch(t, f, s.URL+"/etag", Validators{})
	if first.Status != 200 || first.ETag != `"v1"` || first.LastModified != "Tue, 13 Apr 2021 16:00:00 GMT" || len(first.Body) == 0 {
		t.Fatalf("first: %+v", first)
	}
	if h := s.header("/etag", "If-None-Match"); h != "" {
		t.Errorf("If-None-Match %q sent without validators", h)
	}
	again := mustFetch(t, f, s.URL+"/etag", Validators{ETag: first.ETag, LastModified: first.LastModified})
	if again.Status != http.StatusNotModified || again.Body != nil || again.URL != s.URL+"/etag" {
		t.Errorf("again: %+v, want 304 and no body", again)
	}
	if s.header("/etag", "If-None-Match") != `"v1"` || s.header("/etag", "If-Modified-Since") != first.LastModified {
		t.Errorf("validators not sent: If-None-Match %q, If-Modified-Since %q", s.header("/etag", "If-None-Match"), s.header("/etag", "If-Modified-Since"))
	}
}

func TestFetchSendsTheUserAgent(t *testing.T) {
	t.Parallel()
	if ua := UserAgent("v1.2.0"); ua != "epaper/v1.2.0 (+https://github.com/epaper-archive/epaper)" {
		t.Errorf("UserAgent = %q", ua)
	}
	for _, ua := range []string{"", "archive-bot/1.0"} {
		s := startFetchServer(t)
		mustFetch(t, testFetcher(t, func(o *FetchOptions) { o.UserAgent = cmp.Or(ua, o.UserAgent) }), s.URL+"/ok", Validators{})
		want := cmp.Or(ua, UserAgent(""))
		s.mu.Lock()
		agents := s.agents
		s.mu.Unlock()
		if len(agents) != 2 || agents[0] != want || agents[1] != want {
			t.Errorf("User-Agent of robots.txt and the page: %q, want %q", agents, want)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2021, 4, 14, 8, 0, 0, 0, time.UTC)
	for h, want := range map[string]time.Duration{
		"":                              -1,
		"2":                             2 * time.Second,
		" 0 ":                           0,
		"-3":                            -1,
		"soon":                          -1,
		"Wed, 14 Apr 2021 08:00:30 GMT": 30 * time.Second,
		"Wed, 14 Apr 2021 07:00:00 GMT": 0, // past
	} {
		if got := parseRetryAfter(h, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestFetchBackoffIsCappedAndJittered(t *testing.T) {
	t.Parallel()
	f := testFetcher(t, func(o *FetchOptions) { o.MaxRetryAfter = 3 * time.Second })
	err := &StatusError{StatusCode: 503, Status: "503 Service Unavailable", retryAfter: -1}
	for tries, ceiling := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 3 * time.Second, 40: 3 * time.Second} {
		for range 100 {
			if d := f.backoff(err, tries); d < 0 || d > ceiling {
				t.Fatalf("backoff after try %d: %v, want within [0, %v]", tries, d, ceiling)
			}
		}
	}
}

// With PublicOnly, a Fetcher dials only public addresses, but for the hosts PrivateHosts
// names: the address is checked when the connection is made, so a name that resolves to
// loopback (localhost here; a rebinding DNS name alike) is refused too.
func TestFetchDialsOnlyPublicAddresses(t *testing.T) {
	t.Parallel()
	s := startFetchServer(t)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(s.URL, "http://"))
	guarded := testFetcher(t, func(o *FetchOptions) { o.PublicOnly, o.IgnoreRobots = true, true })
	for _, u := range []string{s.URL + "/ok", "http://localhost:" + port + "/ok"} {
		err := fetchError(t, guarded, u)
		errorSays(t, err, "not a public address")
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("error %v is not ErrPrivateAddress", err)
		}
	}
	if s.hit("/ok") != 0 {
		t.Errorf("%d requests reached the server", s.hit("/ok"))
	}
	source := testFetcher(t, func(o *FetchOptions) {
		o.PublicOnly, o.IgnoreRobots, o.PrivateHosts = true, true, []string{"127.0.0.1"}
	})
	mustFetch(t, source, s.URL+"/ok", Validators{})
	fetchError(t, source, "http://localhost:"+port+"/ok")
}

func TestPublicAddresses(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"8.8.8.8": true, "2606:4700::1111": true, "127.0.0.1": false, "::1": false, "10.1.2.3": false,
		"172.16.0.1": false, "192.168.1.1": false, "169.254.169.254": false, "fe80::1": false,
		"100.64.0.1": false, "0.0.0.0": false, "::ffff:127.0.0.1": false, "fd00::1": false, "224.0.0.1": false,
	} {
		if got := publicAddress(netip.MustParseAddr(addr)); got != want {
			t.Errorf("publicAddress(%s) = %v, want %v", addr, got, want)
		}
	}
}

// A body past MaxMemory is read into a temporary file, and comes back whole; the file is
// gone afterwards.
func TestFetchReadsBodiesPastMaxMemoryThroughATemporaryFile(t *testing.T) {
	t.Parallel()
	body := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	defer srv.Close()
	tmp := t.TempDir()
	f := testFetcher(t, func(o *FetchOptions) { o.MaxMemory, o.TempDir, o.IgnoreRobots = 100<<10, tmp, true })
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if got, err := f.Get(t.Context(), srv.URL+"/big", Validators{}); err != nil || !bytes.Equal(got.Body, body) {
				t.Errorf("Get: %v, %d bytes, want the 1 MiB body", err, len(got.Body))
			}
		})
	}
	wg.Wait()
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("%d temporary files left", len(left))
	}
}
