package main

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/importer"
	"github.com/epaper-archive/epaper/testdata/fixture"
)

// faultyServer stands in front of the fixture server and spoils about 30 % of the answers
// in ways that pass when tried again: 503, 429, a reset connection, a body cut short, a slow
// body. Which try of which path fails is fixed (a hash of the path and the try's number),
// so a run is the same every time. fail makes a path fail for good.
type faultyServer struct {
	*httptest.Server
	mu        sync.Mutex
	tries     map[string]int
	failed    map[string]int // transient faults served, by kind
	permanent map[string]int // path → status
}

func newFaultyServer(t *testing.T, origin string) *faultyServer {
	t.Helper()
	target, _ := url.Parse(origin)
	proxy := httputil.NewSingleHostReverseProxy(target)
	s := &faultyServer{tries: map[string]int{}, failed: map[string]int{}, permanent: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.tries[r.URL.Path]++
		try := s.tries[r.URL.Path]
		status := s.permanent[r.URL.Path]
		s.mu.Unlock()
		if status != 0 {
			http.Error(w, http.StatusText(status), status)
			return
		}
		h := fnv.New32a()
		fmt.Fprintf(h, "%s#%d", r.URL.Path, try)
		roll := h.Sum32() % 100
		kind := ""
		switch {
		case roll < 6:
			kind = "503"
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case roll < 12:
			kind = "429"
			w.Header().Set("Retry-After", "0")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		case roll < 18:
			kind = "reset"
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				if tc, ok := conn.(*net.TCPConn); ok {
					tc.SetLinger(0)
				}
				conn.Close()
			}
		case roll < 24:
			kind = "truncated"
			rec := httptest.NewRecorder()
			proxy.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(body)+100))
			w.WriteHeader(rec.Code)
			w.Write(body[:len(body)/2])
		case roll < 30:
			kind = "slow"
			rec := httptest.NewRecorder()
			proxy.ServeHTTP(rec, r)
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			body := rec.Body.Bytes()
			for len(body) > 0 {
				n := min(len(body), 4096)
				w.Write(body[:n])
				w.(http.Flusher).Flush()
				body = body[n:]
				time.Sleep(5 * time.Millisecond)
			}
		default:
			proxy.ServeHTTP(w, r)
		}
		if kind != "" {
			s.mu.Lock()
			s.failed[kind]++
			s.mu.Unlock()
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *faultyServer) fail(path string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.permanent[path] = status
}

// The fault matrix (issue 13): transient faults on ~30 % of the requests lose nothing; then,
// with articles and files failing for good as well, a forced re-import loses no article and
// no file once had, names every failure in the report and exits 1.
func TestImportFaultMatrix(t *testing.T) {
	t.Parallel()
	origin := fixture.NewServer(fixture.Root())
	defer origin.Close()
	srv := newFaultyServer(t, origin.URL())
	clean := t.TempDir()
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "--site", clean, origin.URL()+"/html/cqrb/2021-04/14/001/node.htm"); code != 0 {
		t.Fatalf("clean import: %s", errOut)
	}
	site := t.TempDir()
	src := srv.URL + "/html/cqrb/2021-04/14/001/node.htm"
	args := []string{"import", "--rate", "0", "--concurrency", "8", "--retries", "8", "--max-retry-after", "20ms", "--timeout", "10s", "--site", site}
	out, errOut, code := runEpaper(t, append(args, src)...)
	if code != 0 {
		t.Fatalf("import under transient faults: exit %d\n%s%s", code, out, errOut)
	}
	srv.mu.Lock()
	requests := 0
	for _, n := range srv.tries {
		requests += n
	}
	t.Logf("%d requests, transient faults served: %v", requests, srv.failed)
	srv.mu.Unlock()
	for _, kind := range []string{"503", "429", "reset", "truncated", "slow"} {
		if srv.failed[kind] == 0 {
			t.Errorf("no %s fault was served", kind)
		}
	}
	strip := func(files map[string][]byte) map[string][]byte {
		out := map[string][]byte{}
		for name, data := range withoutRetrievalTimes(files) {
			out[name] = []byte(strings.ReplaceAll(string(data), strings.TrimPrefix(srv.URL, "http://"), "HOST"))
		}
		return out
	}
	cleanTree := tree(t, filepath.Join(clean, "content"))
	for name, data := range cleanTree {
		cleanTree[name] = []byte(strings.ReplaceAll(string(data), strings.TrimPrefix(origin.URL(), "http://"), strings.TrimPrefix(srv.URL, "http://")))
	}
	before := tree(t, filepath.Join(site, "content"))
	sameTree(t, "import under transient faults vs a clean one", strip(cleanTree), strip(before))

	// now for good: two articles, a scan, a PDF and an image
	broken := []string{"/html/cqrb/2021-04/14/005/content_268824.htm", "/html/cqrb/2021-04/14/001/content_268801.htm",
		"/page/cqrb/2021-04/14/006/cqrb20210414006.jpg", "/page/cqrb/2021-04/14/003/cqrb20210414003.pdf", "/res/1/20210414/1618357891234.jpg"}
	for i, p := range broken {
		srv.fail(p, []int{404, 500, 503, 500, 403}[i])
	}
	report := filepath.Join(t.TempDir(), "report.json")
	out, errOut, code = runEpaper(t, append(args, "--force", "--report", report, src)...)
	if code != 1 {
		t.Errorf("import with permanent failures: exit %d, want 1\n%s%s", code, out, errOut)
	}
	var rep importer.Report
	if err := json.Unmarshal([]byte(readFile(t, report)), &rep); err != nil {
		t.Fatal(err)
	}
	failed := map[string]bool{}
	for _, it := range rep.Failures() {
		failed[it.URL] = true
	}
	for _, p := range broken {
		if !failed[srv.URL+p] || !strings.Contains(errOut, srv.URL+p) {
			t.Errorf("%s is not named as failed in the report and on stderr", p)
		}
	}
	if len(failed) != len(broken) {
		t.Errorf("%d failures in the report, want %d: %v", len(failed), len(broken), failed)
	}
	after := tree(t, filepath.Join(site, "content"))
	for name, data := range before {
		got, ok := after[name]
		switch {
		case !ok:
			t.Errorf("%s was lost", name)
		case !strings.HasSuffix(name, ".md") && string(got) != string(data):
			t.Errorf("%s changed", name)
		}
	}
	if _, errOut, code := runEpaper(t, "verify", "--site", site); code != 0 {
		t.Errorf("verify after the failed re-import: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "cqrb", "2021-04-14", "005", "268824", "index.md")); err != nil {
		t.Error(err)
	}
}
