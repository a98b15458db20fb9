package site

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/websocket"
)

const smallSite = `
-- hugo.toml --
title = "Preview"
-- content/a/_index.md --
---
title: A
---
-- content/a/p1/index.md --
---
title: P1
---
first version
`

func TestServeInjectsLiveReloadAndRebuilds(t *testing.T) {
	dir := writeTxtar(t, smallSite)
	p := startServe(t, dir)

	code, page := p.get(t, "/a/p1/")
	if code != http.StatusOK || !strings.Contains(page, "theme-page:P1") || !strings.Contains(page, "first version") {
		t.Fatalf("GET /a/p1/: %d %q", code, page)
	}
	if n := len(reloadScript.FindAllString(page, -1)); n != 1 {
		t.Fatalf("%d live reload scripts in the page, want 1: %q", n, page)
	}
	// The script is added to the answer only: without it, the page is what Build writes.
	ref := filepath.Join(t.TempDir(), "ref")
	if err := Build(Options{SiteDir: dir, OutDir: ref, Theme: theme}); err != nil {
		t.Fatal(err)
	}
	if want := readFile(t, filepath.Join(ref, "a", "p1", "index.html")); reloadScript.ReplaceAllString(page, "") != want {
		t.Errorf("the page served is not the build's output plus the script:\n%s\nwant:\n%s", page, want)
	}
	if code, body := p.get(t, "/a/p1"); code != http.StatusFound {
		t.Errorf("GET /a/p1 (a folder without its slash): %d %q, want a redirect", code, body)
	}
	if code, js := p.get(t, "/livereload.js"); code != http.StatusOK || !strings.Contains(js, "LiveReload") {
		t.Errorf("GET /livereload.js: %d, %d bytes", code, len(js))
	}
	if code, body := p.get(t, "/no/such/page/"); code != http.StatusNotFound || !reloadScript.MatchString(body) {
		t.Errorf("GET of a missing page: %d %q; want 404 with the live reload script", code, body)
	}

	// The live reload websocket, as livereload.js speaks it.
	u, _ := url.Parse(p.url)
	cfg, err := websocket.NewConfig("ws://"+u.Host+"/livereload", p.url)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := websocket.DialConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if err := websocket.Message.Send(ws, `{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`); err != nil {
		t.Fatal(err)
	}
	messages := make(chan string, 16)
	go func() {
		defer close(messages)
		for {
			var m string
			if websocket.Message.Receive(ws, &m) != nil {
				return
			}
			messages <- m
		}
	}()
	if m := <-messages; !strings.Contains(m, `"command": "hello"`) {
		t.Fatalf("live reload handshake: %q", m)
	}

	p.write(t, "content/a/p1/index.md", "---\ntitle: P1\n---\nsecond version\n")
	p.waitPage(t, "/a/p1/", "second version")
	select {
	case m := <-messages:
		if !strings.Contains(m, `"command":"reload"`) {
			t.Errorf("live reload message after a rebuild: %q", m)
		}
	case <-time.After(10 * time.Second):
		t.Error("no reload message on the websocket after a rebuild")
	}
	if out := p.out.String(); !strings.Contains(out, "(content/a/p1/index.md changed)") {
		t.Errorf("the build line does not say what changed:\n%s", out)
	}

	// A configuration file at the top of the site is watched too.
	p.write(t, "hugo.toml", "title = \"Renamed\"\n")
	p.waitPage(t, "/", "home:Renamed")

	// Stopping closes the open live reload connection too.
	p.stop()
	timeout := time.After(5 * time.Second)
	for closed := false; !closed; {
		select {
		case _, open := <-messages:
			closed = !open
		case <-timeout:
			t.Error("the live reload websocket stays open after Serve stopped")
			closed = true
		}
	}
}

func TestServeWatchesFoldersMadeLater(t *testing.T) {
	dir := writeTxtar(t, smallSite)
	p := startServe(t, dir)

	// Folders made while serving, two levels at once: a file written into the inner one
	// later is seen only if it is watched too.
	p.mkdir(t, "content/c/d")
	p.write(t, "content/c/d/index.md", "---\ntitle: Deep\n---\n")
	p.waitPage(t, "/c/d/", "theme-page:Deep")

	// A folder that did not exist at the start (layouts/): a local layout is picked up.
	p.mkdir(t, "layouts")
	p.write(t, "layouts/page.html", `{{ define "main" }}local-page:{{ .Title }}{{ end }}`)
	p.waitPage(t, "/a/p1/", "local-page:P1")

	// As an import writes a bundle: into a temporary folder, renamed into place. The
	// bundle's folder, and a folder inside it, are watched under their new names.
	p.mkdir(t, "content/.tmp-x-1/sub")
	p.write(t, "content/.tmp-x-1/_index.md", "---\ntitle: X\n---\n")
	if err := os.Rename(filepath.Join(dir, "content", ".tmp-x-1"), filepath.Join(dir, "content", "x")); err != nil {
		t.Fatal(err)
	}
	p.waitPage(t, "/x/", "section:X")
	p.write(t, "content/x/_index.md", "---\ntitle: X2\n---\n")
	p.waitPage(t, "/x/", "section:X2")
	p.mkdir(t, "content/x/sub/new")
	p.write(t, "content/x/sub/new/index.md", "---\ntitle: New\n---\n")
	p.waitPage(t, "/x/sub/new/", "local-page:New")

	// A bundle replaced as the importer does it: the old folder renamed away and removed,
	// the new one renamed into place; then edited in place.
	p.mkdir(t, "content/a/.tmp-p1-2")
	p.write(t, "content/a/.tmp-p1-2/index.md", "---\ntitle: P1 again\n---\n")
	a := filepath.Join(dir, "content", "a")
	if err := os.Rename(filepath.Join(a, "p1"), filepath.Join(a, ".tmp-p1-2.old")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(a, ".tmp-p1-2"), filepath.Join(a, "p1")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(a, ".tmp-p1-2.old")); err != nil {
		t.Fatal(err)
	}
	p.waitPage(t, "/a/p1/", "local-page:P1 again")
	p.write(t, "content/a/p1/index.md", "---\ntitle: P1 edited\n---\n")
	p.waitPage(t, "/a/p1/", "local-page:P1 edited")
}

func TestServeBrokenLayoutShowsErrorKeepsLastGoodBuild(t *testing.T) {
	dir := writeTxtar(t, smallSite)
	p := startServe(t, dir)
	p.waitPage(t, "/a/p1/", "theme-page:P1")

	// A template that does not parse. (Not one that fails on every page: Hugo can hang
	// when ten or more pages fail to render.)
	p.write(t, "layouts/page.html", `{{ define "main" }}broken:{{ .Title }{{ end }}`)
	body := p.waitPage(t, "/a/p1/", `id="`+BannerID+`"`)
	if !strings.Contains(body, "theme-page:P1") {
		t.Errorf("the last good build is not served while the build fails:\n%s", body)
	}
	banner := body[strings.Index(body, `id="`+BannerID+`"`):]
	if !strings.Contains(banner, "page.html") || !strings.Contains(banner, "last good build") {
		t.Errorf("the banner does not name the broken layout:\n%s", banner)
	}
	waitFor(t, "the failed build on the log", func() (bool, string) {
		log := p.log.String()
		return strings.Contains(log, "epaper serve: build failed") && strings.Contains(log, "page.html"), log
	})
	if !reloadScript.MatchString(body) {
		t.Error("no live reload script on a page with the error banner")
	}
	if code, body := p.get(t, "/no/such/"); code != http.StatusNotFound || !strings.Contains(body, BannerID) {
		t.Errorf("a missing page while the build fails: %d %q; want 404 with the banner", code, body)
	}

	// Fixed: the banner goes, the new layout is used.
	p.write(t, "layouts/page.html", `{{ define "main" }}fixed:{{ .Title }}{{ end }}`)
	body = p.waitPage(t, "/a/p1/", "fixed:P1")
	if strings.Contains(body, BannerID) {
		t.Errorf("the banner stays after the fix:\n%s", body)
	}
}

func TestServeFirstBuildFails(t *testing.T) {
	dir := writeTxtar(t, smallSite+"-- layouts/page.html --\n{{ define \"main\" }}{{ .Title }{{ end }}\n")
	p := startServe(t, dir)
	code, body := p.get(t, "/a/p1/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, BannerID) || !reloadScript.MatchString(body) {
		t.Fatalf("GET with no good build: %d %q; want 503, the banner and the live reload script", code, body)
	}
	if err := os.Remove(filepath.Join(dir, "layouts", "page.html")); err != nil {
		t.Fatal(err)
	}
	body = p.waitPage(t, "/a/p1/", "theme-page:P1")
	if strings.Contains(body, BannerID) {
		t.Errorf("the banner stays after the fix:\n%s", body)
	}
}

func TestServeBannerEscapesTheError(t *testing.T) {
	t.Parallel()
	page := []byte("<!DOCTYPE html><html><head></head><body class=\"x\"><p>text</p></body></html>")
	got := string(insertBanner(page, errors.New(`bad <script>alert("x")</script> & more`), true))
	if strings.Contains(got, "<script>") {
		t.Errorf("the error is not escaped: %s", got)
	}
	if !strings.Contains(got, `<body class="x"><div id="`+BannerID+`"`) || !strings.Contains(got, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more</div><p>text</p>") {
		t.Errorf("banner not at the start of the body, or not the error: %s", got)
	}
	if got := string(insertBanner([]byte("no body"), errors.New("e"), false)); !strings.HasPrefix(got, "no body<div id=") {
		t.Errorf("without a body tag the banner goes at the end: %s", got)
	}
}

// A build that does not finish (as Hugo can hang) is reported on the page and in the log,
// and does not keep Serve from stopping.
func TestServeStuckBuild(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) }) // after Serve has stopped: cleanups run last first
	var calls atomic.Int32
	dir := writeTxtar(t, smallSite)
	p := startServe(t, dir, serveHooks{
		build: func(o Options) error {
			if calls.Add(1) > 1 {
				<-release
				return errors.New("released")
			}
			return Build(o)
		},
		stuckAfter: 300 * time.Millisecond,
		stopWait:   500 * time.Millisecond,
	})
	p.write(t, "content/a/p1/index.md", "---\ntitle: P1\n---\nnever built\n")
	body := p.waitPage(t, "/a/p1/", "has not finished after")
	if !strings.Contains(body, "first version") {
		t.Errorf("the last good build is not served while a build hangs:\n%s", body)
	}
	waitFor(t, "the hanging build on the log", func() (bool, string) {
		return strings.Contains(p.log.String(), "has not finished after"), p.log.String()
	})
	// startServe's cleanup checks that Serve stops all the same, within stopWait.
}

func TestServeNeedsContent(t *testing.T) {
	t.Parallel()
	err := Serve(context.Background(), ServeOptions{Options: Options{SiteDir: t.TempDir(), Theme: theme}})
	if err == nil || !strings.Contains(err.Error(), "no content directory") {
		t.Errorf("Serve without content/: %v", err)
	}
	err = Serve(context.Background(), ServeOptions{Options: Options{SiteDir: t.TempDir(), Theme: theme, BaseURL: "https://example.org/"}})
	if err == nil {
		t.Error("Serve with a base URL: no error")
	}
}
