package site

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer that Serve's goroutines may write while a test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// preview is a running Serve.
type preview struct {
	url      string
	site     string
	out, log *syncBuffer
	stop     func() // stops Serve and checks it stopped cleanly; at the latest when the test ends
}

// The tests of a running Serve are not parallel: Hugo's live reload hub is one per process
// (one preview's rebuild reloads the pages of all), and startServe sets TMPDIR.

// startServe runs Serve on dir on a free port until the test ends, then checks that it
// stops cleanly: it returns nil, no longer listens and leaves nothing in its temporary
// directory (TMPDIR is the test's own). hooks, if given, change how it builds.
func startServe(t *testing.T, dir string, hooks ...serveHooks) *preview {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	p := &preview{site: dir, out: &syncBuffer{}, log: &syncBuffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	o := ServeOptions{
		Options: Options{SiteDir: dir, Theme: theme, Log: p.log},
		Out:     p.out,
		Ready:   func(u string) { ready <- u },
	}
	var h serveHooks
	if len(hooks) > 0 {
		h = hooks[0]
	}
	go func() { done <- serve(ctx, o, h) }()
	select {
	case p.url = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("Serve returned before it was ready: %v\n%s", err, p.log)
	case <-time.After(time.Minute):
		cancel()
		t.Fatalf("Serve not ready after a minute\n%s", p.log)
	}
	if !regexp.MustCompile(`^http://127\.0\.0\.1:[1-9][0-9]*/$`).MatchString(p.url) {
		t.Fatalf("Ready got %q, want http://127.0.0.1:PORT/", p.url)
	}
	var once sync.Once
	p.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve returned %v after being stopped", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("Serve did not return within 30 s of being stopped")
			}
			u, _ := url.Parse(p.url)
			if c, err := net.DialTimeout("tcp", u.Host, time.Second); err == nil {
				c.Close()
				t.Errorf("still listening on %s after the stop", u.Host)
			}
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("Serve left %d entries in the temporary directory, e.g. %s", len(left), left[0].Name())
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
				t.Error("Serve wrote SITE/public")
			}
		})
	}
	t.Cleanup(p.stop)
	return p
}

// get returns the status and body of the page at path.
func (p *preview) get(t *testing.T, path string) (int, string) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(p.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// builds counts the builds that succeeded so far.
func (p *preview) builds() int { return strings.Count(p.out.String(), "built in ") }

// write writes a file of the site, making its folder.
func (p *preview) write(t *testing.T, rel, data string) {
	t.Helper()
	path := filepath.Join(p.site, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// mkdir makes folders of the site and waits for the build their creation causes, so that
// what is written into them afterwards is seen only if they are watched.
func (p *preview) mkdir(t *testing.T, rel string) {
	t.Helper()
	n := p.builds()
	if err := os.MkdirAll(filepath.Join(p.site, filepath.FromSlash(rel)), 0o755); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a build after making "+rel, func() (bool, string) { return p.builds() > n, p.out.String() })
}

// waitFor polls cond until it holds, for at most 20 seconds.
func waitFor(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 20 s; last seen:\n%s", what, state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitPage waits until the page at path answers 200 with a body containing want.
func (p *preview) waitPage(t *testing.T, path, want string) string {
	t.Helper()
	var body string
	waitFor(t, path+" showing "+want, func() (bool, string) {
		var code int
		code, body = p.get(t, path)
		return code == http.StatusOK && strings.Contains(body, want), body
	})
	return body
}

var reloadScript = regexp.MustCompile(`<script src="/livereload\.js\?[^"]*port=[0-9]+[^"]*" data-no-instant defer></script>`)
