package main

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/epaper-archive/epaper/testdata/fixture"
	"github.com/epaper-archive/epaper/testdata/need"
)

// browser is a headless Debian Chromium driven over the DevTools protocol, with what it
// saw: every request it made and every error it logged.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string
	errors   []string
}

// newBrowser starts Chromium headless, with no sandbox (CI runs as root), nothing in the
// background that would reach the network, and a fresh profile. Without Chromium the test
// is skipped (need.Chromium).
func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := need.Chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("allow-file-access-from-files", false),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 1000),
	}
	b := &browser{}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx, chromedp.WithListener(b.listen))
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser; no timeout on this context
		t.Fatalf("start chromium: %v", err)
	}
	for _, enable := range []func() error{
		func() error { _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); return err },
		func() error { _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); return err },
	} {
		if err := enable(); err != nil {
			t.Fatalf("chromium: %v", err)
		}
	}
	b.ctx = ctx
	return b
}

// listen records what the tab does; it runs on chromedp's reader and must be quick.
func (b *browser) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	case *runtime.EventExceptionThrown:
		msg := ev.ExceptionDetails.Text
		if ex := ev.ExceptionDetails.Exception; ex != nil {
			msg += " " + ex.Description
		}
		b.errors = append(b.errors, "exception: "+msg)
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var args []string
			for _, a := range ev.Args {
				args = append(args, a.Description+string(a.Value))
			}
			b.errors = append(b.errors, "console.error: "+strings.Join(args, " "))
		}
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError {
			b.errors = append(b.errors, fmt.Sprintf("%s: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	}
}

// run runs steps in the tab, each page load bounded in time.
func (b *browser) run(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// value runs one action that returns a value.
func value[T any](t *testing.T, b *browser, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// seen returns the requests recorded so far.
func (b *browser) seen() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.requests...)
}

// takeErrors returns the errors recorded since the last call.
func (b *browser) takeErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	errs := b.errors
	b.errors = nil
	return errs
}

func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	return strings.TrimSpace(value(t, b, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible)))
}

// click clicks the first element sel matches and waits for the next page to load: until
// the tab shows another URL, fully loaded. (Waiting for a body alone can find the page
// being left, under load.)
func (b *browser) click(t *testing.T, sel string) {
	t.Helper()
	before := b.location(t)
	b.run(t, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
	if err := b.pollAcrossNavigation(fmt.Sprintf(`location.href !== %q && document.readyState === "complete"`, before)); err != nil {
		t.Fatalf("click %s on %s: no new page: %v", sel, before, err)
	}
}

// pollAcrossNavigation waits up to 30 s for the JavaScript expression to be true in the
// tab. A poll in a page being left ends with "context not found" (-32000); it polls again
// in the new one.
func (b *browser) pollAcrossNavigation(expr string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithDeadline(b.ctx, deadline)
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr))
		cancel()
		if err == nil || time.Now().After(deadline) || !strings.Contains(err.Error(), "-32000") {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkPage checks what a reader would notice on any page: every image there, no errors.
func (b *browser) checkPage(t *testing.T) {
	t.Helper()
	broken := value(t, b, chromedp.Evaluate[[]string](`Array.from(document.images).filter(i => i.loading !== 'lazy' && !(i.complete && i.naturalWidth > 0)).map(i => i.src)`))
	if len(broken) > 0 {
		t.Errorf("%s: images not loaded: %v", b.location(t), broken)
	}
	if errs := b.takeErrors(); len(errs) > 0 {
		t.Errorf("%s: browser errors: %v", b.location(t), errs)
	}
}

func (b *browser) location(t *testing.T) string {
	return value(t, b, chromedp.Location())
}

// serve builds the site for a loopback HTTP server and serves it there.
func serve(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	public := builtSite(t, "--base-url", base)
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.FileServer(http.Dir(public))}}
	srv.Start()
	t.Cleanup(srv.Close)
	return base
}

// walkEdition is the reader's walk over 第005版, the same online and offline.
func walkEdition(t *testing.T, b *browser, page005 string) {
	b.run(t, chromedp.Navigate(page005), chromedp.WaitVisible(chromedp.CSS("svg.regions")))
	b.checkPage(t)
	if got := b.text(t, "h1"); !strings.Contains(got, "第005版") {
		t.Errorf("page view heading %q", got)
	}

	// Clicking the region of article 8 on the scan opens it.
	b.click(t, `svg.regions a[data-article="268824"] polygon`)
	if got := b.text(t, "article.article h1"); got != page005Titles[7] {
		t.Errorf("the region of article 8 opened %q", got)
	}
	b.checkPage(t)

	// 下一篇 from the first article walks all eight in order.
	b.run(t, chromedp.Navigate(page005), chromedp.WaitVisible(chromedp.CSS("ol.article-list")))
	b.click(t, "ol.article-list li:first-child a")
	for i, want := range page005Titles {
		if got := b.text(t, "article.article h1"); got != want {
			t.Fatalf("下一篇 walk, article %d: %q, want %q", i+1, got, want)
		}
		b.checkPage(t)
		if i < len(page005Titles)-1 {
			b.click(t, "a.next-article")
		}
	}

	// 上一版 and 下一版 reach 004 and 006.
	for sel, want := range map[string]string{"a.prev-page": "第004版", "a.next-page": "第006版"} {
		b.run(t, chromedp.Navigate(page005), chromedp.WaitVisible(chromedp.CSS("ol.article-list")))
		b.click(t, sel)
		if got := b.text(t, "h1"); !strings.Contains(got, want) {
			t.Errorf("%s leads to %q, want %s", sel, got, want)
		}
		b.checkPage(t)
	}
}

func TestBrowserOverHTTP(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	base := serve(t)
	walkEdition(t, b, base+"cqrb/2021-04-14/005/")
	fontSizePersists(t, b, base+"cqrb/2021-04-14/005/")
}

func TestBrowserOfflineFromFile(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	public := offlineSite(t)
	walkEdition(t, b, "file://"+filepath.Join(public, "cqrb", "2021-04-14", "005", "index.html"))
	fontSizePersists(t, b, "file://"+filepath.Join(public, "cqrb", "2021-04-14", "005", "index.html"))
	reqs := b.seen()
	if len(reqs) < 20 {
		t.Errorf("only %d requests recorded: the walk did not happen", len(reqs))
	}
	for _, r := range reqs {
		if !strings.HasPrefix(r, "file://") && !strings.HasPrefix(r, "data:") {
			t.Errorf("offline site made a request that is not file://: %s", r)
		}
	}
}

// fontSizePersists: 放大 makes the body larger, and it stays so on the next article.
func fontSizePersists(t *testing.T, b *browser, page005 string) {
	const size = `parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize)`
	b.run(t, chromedp.Navigate(page005), chromedp.WaitVisible(chromedp.CSS("ol.article-list")))
	b.click(t, "ol.article-list li:first-child a")
	before := value(t, b, chromedp.Evaluate[float64](size))
	b.run(t, chromedp.Click(chromedp.CSS("button.font-larger"), chromedp.NodeVisible))
	after := value(t, b, chromedp.Evaluate[float64](size))
	if after <= before {
		t.Errorf("放大: body font size %v → %v", before, after)
	}
	b.click(t, "a.next-article")
	next := value(t, b, chromedp.Evaluate[float64](size))
	if next != after {
		t.Errorf("font size did not persist to the next article: %v, want %v", next, after)
	}
	b.run(t, chromedp.Click(chromedp.CSS("button.font-reset"), chromedp.NodeVisible))
	reset := value(t, b, chromedp.Evaluate[float64](size))
	if reset != before {
		t.Errorf("默认: font size %v, want %v", reset, before)
	}
}

// At phone and desktop width the page view does not scroll sideways and each region lies
// over its article's block in the scan. Screenshots go to the test's artifact directory.
func TestBrowserWidths(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	public := offlineSite(t)
	ed := fixture.CQRB20210414()
	p005, _ := ed.Page("005")
	shots := t.ArtifactDir()
	page := "file://" + filepath.Join(public, "cqrb", "2021-04-14", "005", "index.html")
	for _, w := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"phone", 390, 844, true}, {"desktop", 1440, 1000, false}} {
		emulate := chromedp.EmulateViewport(w.width, w.height)
		if w.mobile {
			emulate = chromedp.EmulateViewport(w.width, w.height, chromedp.EmulateMobile, chromedp.EmulateScale(2))
		}
		b.run(t, emulate, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("svg.regions")))
		scroll := value(t, b, chromedp.Evaluate[box](scrollJS))
		if scroll.W > scroll.X {
			t.Errorf("%s: the page view scrolls sideways (%v > %v)", w.name, scroll.W, scroll.X)
		}
		img := value(t, b, chromedp.Evaluate[box](rectJS(".scan-frame img")))
		for _, a := range p005.Articles {
			region := value(t, b, chromedp.Evaluate[box](rectJS(`svg.regions a[data-article="`+a.ID+`"]`)))
			bb := a.Block.Bounds()
			sx, sy := img.W/float64(p005.Scan.W), img.H/float64(p005.Scan.H)
			want := []float64{img.X + float64(bb.Min.X)*sx, img.Y + float64(bb.Min.Y)*sy, float64(bb.Dx()) * sx, float64(bb.Dy()) * sy}
			got := []float64{region.X, region.Y, region.W, region.H}
			for i := range want {
				if math.Abs(got[i]-want[i]) > 2 {
					t.Errorf("%s: region of %s at %.0f, its block at %.0f (x,y,w,h)", w.name, a.ID, got, want)
					break
				}
			}
		}
		b.settle(t)
		png := value(t, b, chromedp.FullScreenshot(100))
		writeShot(t, filepath.Join(shots, "page005-"+w.name+".png"), png)
		b.click(t, `ol.article-list li:last-child a`)
		scroll = value(t, b, chromedp.Evaluate[box](scrollJS))
		if scroll.W > scroll.X {
			t.Errorf("%s: the article scrolls sideways (%v > %v)", w.name, scroll.W, scroll.X)
		}
		b.settle(t)
		png = value(t, b, chromedp.FullScreenshot(100))
		writeShot(t, filepath.Join(shots, "article268824-"+w.name+".png"), png)
	}
}

// box is a rectangle, or for scrollJS the client width (X) and the scroll width (W).
type box struct{ X, Y, W, H float64 }

const scrollJS = `({X: document.documentElement.clientWidth, W: document.documentElement.scrollWidth})`

// rectJS measures the first element sel matches, in CSS pixels of the viewport.
func rectJS(sel string) string {
	return fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return {X: r.x, Y: r.y, W: r.width, H: r.height}; })()`, sel)
}

func writeShot(t *testing.T, path string, png []byte) {
	t.Helper()
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
