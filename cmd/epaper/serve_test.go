package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/epaper-archive/epaper/site"
	"github.com/epaper-archive/epaper/testdata/fixture"
)

// lockedBuffer is a bytes.Buffer the command writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

var servingLine = regexp.MustCompile(`serving (http://127\.0\.0\.1:[0-9]+/) \(Ctrl-C to stop\)`)

// servePreview runs `epaper serve --site dir --port 0` in process until the test ends (then it
// must stop cleanly, as on Ctrl-C) and returns the URL it printed.
func servePreview(t *testing.T, dir string) (url string, stdout, stderr *lockedBuffer) {
	t.Helper()
	stdout, stderr = &lockedBuffer{}, &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := serveCmd(stdout, stderr)
	cmd.SetArgs([]string{"--site", dir, "--port", "0"})
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("epaper serve stopped with %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("epaper serve did not stop within 30 s of Ctrl-C")
		}
	})
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if m := servingLine.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], stdout, stderr
		}
		select {
		case err := <-done:
			t.Fatalf("epaper serve ended before serving: %v\n%s", err, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("epaper serve printed no URL:\nstdout: %s\nstderr: %s", stdout, stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// poll evaluates js in the open page until it returns true, for at most limit, and returns
// how long that took. The page may be reloading meanwhile (then evaluating fails): that is
// retried, never a navigation by the test.
func poll(t *testing.T, b *browser, what, js string, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			t.Fatalf("%s: not within %v (last error: %v)", what, limit, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// liveReloadJS holds once livereload.js has connected to the server and shaken hands: from
// then on the page hears of rebuilds.
const liveReloadJS = `!!(window.LiveReload && window.LiveReload.connector && window.LiveReload.connector.protocol)`

// Article 268824 of 第005版 open in a real browser, its Markdown edited: the open page shows
// the new text within seconds, without the test reloading it; a broken layout shows its
// error on the open page, and fixing it clears it. (The serve tests are not parallel: Hugo's
// live reload hub is one per process, so one preview's rebuild reloads every open page.)
func TestServeBrowserShowsEditsLive(t *testing.T) {
	b := newBrowser(t)
	dir := copySite(t, "")
	md := filepath.Join(dir, "content", "cqrb", "2021-04-14", "005", "268824", "index.md")
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	const oldSentence = "同时,做好党史学习教育和招商队伍建设、招商宣传等保障性工作。"
	const newSentence = "同时,这一句是在预览中改写的。"
	const newTitle = "预览中改过的标题"
	oldTitleLine := "title: " + page005Titles[7] + "\n"
	if !strings.Contains(string(data), oldTitleLine) || !strings.Contains(string(data), oldSentence) {
		t.Fatalf("%s has not the title line %q or the sentence %q", md, oldTitleLine, oldSentence)
	}

	base, stdout, stderr := servePreview(t, dir)
	b.run(t, chromedp.Navigate(base+"cqrb/2021-04-14/005/268824/"), chromedp.WaitVisible(chromedp.CSS("article.article h1")))
	if got := b.text(t, "article.article h1"); got != page005Titles[7] {
		t.Fatalf("the article's title is %q, want %q", got, page005Titles[7])
	}
	poll(t, b, "live reload connected", liveReloadJS, 10*time.Second)
	// A mark on this document: gone once the page has reloaded itself.
	b.run(t, chromedp.Evaluate[chromedp.Void](`window.epaperTestMark = 1`))

	edited := strings.Replace(string(data), oldTitleLine, "title: "+newTitle+"\n", 1)
	edited = strings.Replace(edited, oldSentence, newSentence, 1)
	if err := os.WriteFile(md, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	took := poll(t, b, "the edited title and sentence on the open page",
		`document.querySelector('article.article h1')?.textContent.trim() === `+jsString(newTitle)+
			` && document.querySelector('.article-body')?.textContent.includes(`+jsString(newSentence)+`)`+
			` && !document.querySelector('.article-body').textContent.includes(`+jsString(oldSentence)+`)`,
		10*time.Second)
	t.Logf("the edit showed on the open page after %v", took.Round(time.Millisecond))
	if value(t, b, chromedp.Evaluate[bool](`window.epaperTestMark === 1`)) {
		t.Error("the page shows the edit but was not reloaded")
	}
	if !strings.Contains(stdout.String(), "(content/cqrb/2021-04-14/005/268824/index.md changed)") {
		t.Errorf("epaper serve did not say what changed:\n%s", stdout)
	}

	// A layout that does not parse: the open page shows the error over the last good build.
	poll(t, b, "live reload connected again", liveReloadJS, 10*time.Second)
	layout := filepath.Join(dir, "layouts", "page.html")
	if err := os.MkdirAll(filepath.Dir(layout), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(layout, []byte(`{{ define "main" }}<h1>{{ .Title }</h1>{{ end }}`), 0o644); err != nil {
		t.Fatal(err)
	}
	banner := `document.getElementById(` + jsString(site.BannerID) + `)`
	took = poll(t, b, "the error banner on the open page", banner+`?.textContent.includes('page.html')`, 10*time.Second)
	t.Logf("the error showed on the open page after %v", took.Round(time.Millisecond))
	if got := b.text(t, "article.article h1"); got != newTitle {
		t.Errorf("under the banner the page shows %q, want the last good build's %q", got, newTitle)
	}
	if visible := value(t, b, chromedp.Evaluate[bool](`(() => { const r = `+banner+`.getBoundingClientRect(); return r.top === 0 && r.height > 20 && r.width > 300; })()`)); !visible {
		t.Error("the error banner is not visible at the top of the page")
	}
	writeShot(t, filepath.Join(t.ArtifactDir(), "serve-error-banner.png"), value(t, b, chromedp.CaptureScreenshot()))
	if !strings.Contains(stderr.String(), "build failed") {
		t.Errorf("the failed build is not reported on stderr:\n%s", stderr)
	}

	// Fixed (the override removed): the banner goes, the article is back.
	poll(t, b, "live reload connected again", liveReloadJS, 10*time.Second)
	if err := os.Remove(layout); err != nil {
		t.Fatal(err)
	}
	poll(t, b, "the banner gone after the fix", `!`+banner+` && document.querySelector('article.article h1')?.textContent.trim() === `+jsString(newTitle), 10*time.Second)
	if errs := b.takeErrors(); len(errs) > 0 {
		t.Errorf("browser errors: %v", errs)
	}
}

// An import into a site being served shows up: its bundles are written into temporary
// folders renamed into place, at depths that did not exist when serving started.
func TestServePicksUpAnImport(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	base, stdout, _ := servePreview(t, dir)
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--site", dir, srv.URL()+"/html/cqrb/index.htm"); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	waitBody := func(page, want string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			if resp, err := client.Get(base + page); err == nil {
				data, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK && strings.Contains(string(data), want) {
					return
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s does not show %q 30 s after the change:\n%s", page, want, stdout)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitBody("cqrb/2021-04-14/005/268824/", page005Titles[7])
	waitBody("cqrb/2021-04-14/008/", "第008版")

	// The bundles' folders, made by the import, are watched: an edit there is built.
	md := filepath.Join(dir, "content", "cqrb", "2021-04-14", "005", "268824", "index.md")
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), "title: "+page005Titles[7]+"\n", "title: 导入后改过的标题\n", 1)
	if err := os.WriteFile(md, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitBody("cqrb/2021-04-14/005/268824/", "导入后改过的标题")
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`)
	return "'" + r.Replace(s) + "'"
}

func TestServeCommandErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args  []string
		code  int
		error string
	}{
		{[]string{"--port", "70000"}, 2, "not a port"},
		{[]string{"extra"}, 2, "accepts 0 arg"},
		{[]string{"--site", t.TempDir(), "--port", "0"}, 1, "no content directory"},
	} {
		var out, errOut bytes.Buffer
		cmd := serveCmd(&out, &errOut)
		cmd.SetArgs(c.args)
		cmd.SetOut(&out)
		cmd.SetErr(&errOut)
		cmd.SilenceErrors, cmd.SilenceUsage = true, true
		err := cmd.ExecuteContext(context.Background())
		var ue usageError
		if code := exitCode(err, &errOut); code != c.code || err == nil || !strings.Contains(err.Error(), c.error) {
			t.Errorf("serve %v: exit %d (%v), want %d and %q", c.args, code, err, c.code, c.error)
		} else if (c.code == 2) != errors.As(err, &ue) {
			t.Errorf("serve %v: %v", c.args, err)
		}
	}
}
