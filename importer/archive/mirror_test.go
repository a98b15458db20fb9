package archive_test

import (
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/fetch"
)

// fetchFrom fetches u from m through a Fetcher, as the importer does.
func fetchFrom(t *testing.T, m *archive.Mirror, u string) (*fetch.Fetched, error) {
	t.Helper()
	f, err := fetch.NewFetcher(fetch.DefaultFetchOptions(), m)
	if err != nil {
		t.Fatal(err)
	}
	return f.Get(t.Context(), u, fetch.Validators{})
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A mirror answers as the site would, from its files: a folder by its index page, a URL with
// a query by the file wget named after it, the file's time as the capture's. What it lacks
// is "not in the mirror: PATH", with no HTTP status, and is not tried again.
func TestMirrorAnswersFromItsFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	site := filepath.Join(dir, "epaper.example.cn")
	writeFile(t, filepath.Join(site, "index.html"), "home")
	writeFile(t, filepath.Join(site, "html", "x", "index.htm"), "paper")
	writeFile(t, filepath.Join(site, "node.htm?id=3"), "with a query")
	when := time.Date(2021, 4, 14, 1, 2, 3, 0, time.UTC)
	os.Chtimes(filepath.Join(site, "index.html"), when, when)
	m := openMirror(t, dir, archive.MirrorOptions{})
	for u, want := range map[string]string{
		"http://epaper.example.cn/":               "home",
		"http://EPAPER.example.cn/html/x/":        "paper",
		"https://epaper.example.cn/node.htm?id=3": "with a query",
		"http://epaper.example.cn/../index.html":  "home",
	} {
		got, err := fetchFrom(t, m, u)
		if err != nil || string(got.Body) != want || got.Header.Get(archive.HeaderVia) != "mirror" {
			t.Errorf("%s: %v, %v; want %q", u, got, err, want)
		}
	}
	if got, _ := fetchFrom(t, m, "http://epaper.example.cn/"); got.Header.Get(archive.HeaderRetrieved) != "2021-04-14T01:02:03Z" {
		t.Errorf("retrieved %q, want the file's time", got.Header.Get(archive.HeaderRetrieved))
	}
	began := time.Now()
	_, err := fetchFrom(t, m, "http://epaper.example.cn/html/x/2021-04/14/009/node.htm")
	missing := filepath.Join(site, "html", "x", "2021-04", "14", "009", "node.htm")
	if se := (*fetch.StatusError)(nil); errors.As(err, &se) || !errors.Is(err, archive.ErrNotCaptured) || !strings.Contains(err.Error(), "not in the mirror: "+missing) || strings.Contains(err.Error(), "404") {
		t.Errorf("a file not in the mirror: %v; want \"not in the mirror: %s\", no status", err, missing)
	}
	if time.Since(began) > 500*time.Millisecond {
		t.Errorf("a file not in the mirror took %v: tried again?", time.Since(began))
	}
	if _, err := fetchFrom(t, m, "http://epaper.example.cn/index.html/node.htm"); !errors.Is(err, archive.ErrNotCaptured) {
		t.Errorf("a path below a file: %v, want not in the mirror", err)
	}
	_, err = fetchFrom(t, m, "http://cdn.example.net/logo.gif")
	if !errors.Is(err, archive.ErrNotCaptured) || !strings.Contains(err.Error(), "not in the mirror: http://cdn.example.net/logo.gif (no folder of its host in the mirror)") {
		t.Errorf("another host: %v", err)
	}
}

// Every read stays inside the site's folder: a link to an absolute path reads the path below
// the site's root, and a symbolic link that leads out of it (relative or absolute) is not
// followed; one inside it is.
func TestMirrorReadsStayInside(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.pdf")
	writeFile(t, outside, "%PDF secret of the machine")
	site := filepath.Join(dir, "epaper.example.cn")
	writeFile(t, filepath.Join(site, "page", "own.pdf"), "%PDF the page's own")
	rel, err := filepath.Rel(filepath.Join(site, "page"), outside)
	if err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"rel.pdf": rel, "abs.pdf": outside, "inside.pdf": "own.pdf"} {
		if err := os.Symlink(target, filepath.Join(site, "page", name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Dir(outside), filepath.Join(site, "out")); err != nil {
		t.Fatal(err)
	}
	for _, m := range []*archive.Mirror{openMirror(t, dir, archive.MirrorOptions{}), openMirror(t, site, archive.MirrorOptions{})} {
		if got, err := fetchFrom(t, m, "http://epaper.example.cn/page/inside.pdf"); err != nil || string(got.Body) != "%PDF the page's own" {
			t.Errorf("a link inside the mirror: %v, %v", got, err)
		}
		for _, p := range []string{"/page/rel.pdf", "/page/abs.pdf", "/out/secret.pdf", outside, "/../../../../.." + outside} {
			got, err := fetchFrom(t, m, "http://epaper.example.cn"+p)
			if err == nil || !errors.Is(err, archive.ErrNotCaptured) {
				body := ""
				if got != nil {
					body = string(got.Body)
				}
				t.Errorf("%s: %v, read %q; want not in the mirror", p, err, body)
			}
		}
	}
	hostless := t.TempDir()
	writeFile(t, filepath.Join(hostless, "html", "2020-01", "01", "node_2.htm"), "<html></html>")
	m := openMirror(t, hostless, archive.MirrorOptions{})
	if _, err := fetchFrom(t, m, "http://"+archive.UnknownHost+outside); !errors.Is(err, archive.ErrNotCaptured) {
		t.Errorf("a mirror without host folder reads %s: %v", outside, err)
	}
	req, _ := http.NewRequest(http.MethodGet, "file://"+outside, nil)
	if resp, err := m.RoundTrip(req); err == nil {
		b, _ := io.ReadAll(resp.Body)
		t.Errorf("a file:// URL was answered: %q", b)
	}
}

// A mirror without a host folder stands for the host it is told, else for the one HTTrack's
// comments name, else for the unknown host; a file of one has its site's root where its
// path and its links say.
func TestMirrorWithoutHostFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	page := filepath.Join(dir, "html", "2020-01", "01", "node_2.htm")
	writeFile(t, page, `<html><link href="../../../css/a.css"><a href="content_1.htm">x</a></html>`)
	writeFile(t, filepath.Join(dir, "css", "a.css"), "p{}")
	m := openMirror(t, dir, archive.MirrorOptions{})
	if !m.Hostless() || m.HostKnown() || m.Hosts()[0] != archive.UnknownHost {
		t.Errorf("hostless %v, known %v, hosts %v", m.Hostless(), m.HostKnown(), m.Hosts())
	}
	m = openMirror(t, dir, archive.MirrorOptions{Host: "epaper.cqrb.cn"})
	if got, err := fetchFrom(t, m, "http://epaper.cqrb.cn/css/a.css"); err != nil || string(got.Body) != "p{}" || !m.HostKnown() {
		t.Errorf("told its host: %v, %v", got, err)
	}
	m = openMirror(t, page, archive.MirrorOptions{})
	if got, want := m.Start(), "http://"+archive.UnknownHost+"/html/2020-01/01/node_2.htm"; got != want {
		t.Errorf("a page file of it starts at %s, want %s (its root is the mirror's)", got, want)
	}
	writeFile(t, page, "<html>\n<!-- Mirrored from epaper.cqrb.cn/html/2020-01/01/node_2.htm by HTTrack Website Copier/3.x [XR&CO'2014], Thu, 02 Jan 2020 02:00:00 GMT -->\n</html>")
	if m := openMirror(t, dir, archive.MirrorOptions{}); m.Hosts()[0] != "epaper.cqrb.cn" || !m.HostKnown() {
		t.Errorf("HTTrack's comment names the host: %v", m.Hosts())
	}
}
