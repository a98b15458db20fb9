package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/chromedp/chromedp/kb"

	"github.com/epaper-archive/epaper/testdata/need"
)

// axeViolation is one rule axe-core found broken, with the first elements that break it.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axe runs axe-core's WCAG 2.x A and AA rules (and its best practices) on the page in the tab.
func (b *browser) axe(t *testing.T, script string) []axeViolation {
	t.Helper()
	if !value(t, b, chromedp.Evaluate[bool](`typeof axe !== "undefined"`)) {
		value(t, b, chromedp.Evaluate[bool](script+"\n;true"))
	}
	return value(t, b, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ") + ": " + (n.failureSummary || "").split("\n").slice(1, 2).join("")),
	})))`, chromedp.EvalAwaitPromise))
}

// settle waits until every image of the page that is loading is decoded and two frames
// have been painted, so that a screenshot shows what a reader sees.
func (b *browser) settle(t *testing.T) {
	t.Helper()
	value(t, b, chromedp.Evaluate[bool](`Promise.all(Array.from(document.images).filter(i => i.loading !== "lazy" || i.complete).map(i => i.decode().catch(() => null)))
		.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))`, chromedp.EvalAwaitPromise))
}

// tofu reports whether the page renders Chinese as missing-glyph boxes: 汉 and 字 drawn in
// the font of the page's main heading must differ from each other and from an unassigned
// code point (which every font draws as its box, or not at all), and leave ink.
const tofuJS = `(() => {
	const font = getComputedStyle(document.querySelector("h1") || document.body).fontFamily;
	const draw = ch => {
		const c = document.createElement("canvas"); c.width = 48; c.height = 48;
		const x = c.getContext("2d"); x.fillStyle = "#fff"; x.fillRect(0, 0, 48, 48);
		x.fillStyle = "#000"; x.font = "40px " + font; x.textBaseline = "top"; x.fillText(ch, 4, 4);
		return Array.from(x.getImageData(0, 0, 48, 48).data).join(",");
	};
	const han = draw("汉"), zi = draw("字"), none = draw("\u0378"), blank = draw(" ");
	return {font, tofu: han === zi || han === none || han === blank};
})()`

type tofuResult struct {
	Font string `json:"font"`
	Tofu bool   `json:"tofu"`
}

// Every kind of page, at phone and desktop width: no serious or critical axe-core
// violation, Chinese rendered with a CJK font (not as boxes), a screenshot of each.
func TestAccessibilityOfEveryPageKind(t *testing.T) {
	script := need.Axe(t)
	base := serve(t)
	b := newBrowser(t)
	shots := t.ArtifactDir()
	pages := []struct{ name, path, ready string }{
		{"home", "", ".page-cards"},
		{"calendar", "cqrb/", "table.calendar"},
		{"edition", "cqrb/2021-04-14/", ".edition-downloads"},
		{"page", "cqrb/2021-04-14/005/", "svg.regions"},
		{"article", "cqrb/2021-04-14/005/268824/", "article.article"},
		{"search", "search/?q=" + "招商引资", "#search-results li"},
		{"404", "404.html", ".not-found-links"},
	}
	for _, w := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"390", 390, 844, true}, {"1440", 1440, 1000, false}} {
		emulate := chromedp.EmulateViewport(w.width, w.height)
		if w.mobile {
			emulate = chromedp.EmulateViewport(w.width, w.height, chromedp.EmulateMobile, chromedp.EmulateScale(2))
		}
		for _, p := range pages {
			b.run(t, emulate, chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS(p.ready)))
			b.settle(t)
			where := fmt.Sprintf("%s at %s px", p.name, w.name)
			for _, v := range b.axe(t, script) {
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s: %s violation %s (%s): %s", where, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, "; "))
				} else {
					t.Logf("%s: %s %s (%s)", where, v.Impact, v.ID, v.Help)
				}
			}
			if r := value(t, b, chromedp.Evaluate[tofuResult](tofuJS)); r.Tofu {
				t.Errorf("%s: Chinese renders as missing-glyph boxes in %s: install fonts-noto-cjk (make chromium does)", where, r.Font)
			}
			b.checkPage(t)
			writeShot(t, shots+"/"+p.name+"-"+w.name+".png", value(t, b, chromedp.FullScreenshot(100)))
		}
	}
}

// The regions on the scan are links a keyboard reaches with Tab in reading order, each
// named by its article's title, with a visible focus; 放大/缩小/默认 work with the keyboard.
func TestKeyboardReading(t *testing.T) {
	public := builtSite(t, "--no-pagefind")
	b := newBrowser(t)
	page := "file://" + public + "/cqrb/2021-04-14/005/index.html"
	b.run(t, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("svg.regions")))
	type focused struct {
		Article, Name string
		Outline       bool
	}
	const focusJS = `(() => {
		const e = document.activeElement;
		if (!e || !e.matches("svg.regions a")) return {Article: "", Name: (e && e.textContent || "").trim().slice(0, 20), Outline: false};
		const p = getComputedStyle(e.querySelector("polygon"));
		return {Article: e.dataset.article, Name: e.getAttribute("aria-label"), Outline: parseFloat(p.strokeWidth) >= 3 && p.fill !== "rgba(0, 0, 0, 0)"};
	})()`
	var got []focused
	for i := 0; i < 60 && len(got) < len(page005Titles); i++ {
		b.run(t, chromedp.KeyEvent(kb.Tab))
		if f := value(t, b, chromedp.Evaluate[focused](focusJS)); f.Article != "" {
			// the focus style fades in (a short transition): give it a moment
			ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
			_, err := chromedp.Run(ctx, chromedp.Poll[bool](focusJS+".Outline"))
			cancel()
			f.Outline = err == nil
			got = append(got, f)
		}
	}
	if len(got) != len(page005Titles) {
		t.Fatalf("Tab reached %d regions of the scan, want %d", len(got), len(page005Titles))
	}
	for i, f := range got {
		if f.Name != page005Titles[i] {
			t.Errorf("region %d reached with Tab: named %q, want %q (reading order)", i+1, f.Name, page005Titles[i])
		}
		if !f.Outline {
			t.Errorf("region %d (%s): the keyboard focus is not visible", i+1, f.Article)
		}
	}
	// Enter on the focused (last) region opens its article.
	before := b.location(t)
	b.run(t, chromedp.KeyEvent(kb.Enter))
	if err := b.pollAcrossNavigation(fmt.Sprintf(`location.href !== %q && document.readyState === "complete"`, before)); err != nil {
		t.Fatalf("Enter on a region: %v", err)
	}
	if got := b.text(t, "article.article h1"); got != page005Titles[7] {
		t.Errorf("Enter on the last region opened %q", got)
	}

	const size = `parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize)`
	start := value(t, b, chromedp.Evaluate[float64](size))
	press := func(sel, key string) float64 {
		b.run(t, chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent(key))
		return value(t, b, chromedp.Evaluate[float64](size))
	}
	if larger := press("button.font-larger", kb.Enter); larger <= start {
		t.Errorf("放大 with Enter: %v → %v", start, larger)
	}
	if smaller := press("button.font-smaller", " "); smaller != start {
		t.Errorf("缩小 with Space after 放大: %v, want %v", smaller, start)
	}
	press("button.font-larger", kb.Enter)
	if reset := press("button.font-reset", kb.Enter); reset != start {
		t.Errorf("默认 with Enter: %v, want %v", reset, start)
	}
}

// At 200 % zoom (a 1440 px window shows 720 CSS pixels) every page kind reflows: nothing
// scrolls sideways, the regions and the font buttons stay usable.
func TestZoom200(t *testing.T) {
	public := builtSite(t, "--no-pagefind")
	b := newBrowser(t)
	shots := t.ArtifactDir()
	for _, p := range []struct{ name, path, ready string }{
		{"home", "index.html", ".page-cards"},
		{"calendar", "cqrb/index.html", "table.calendar"},
		{"edition", "cqrb/2021-04-14/index.html", ".edition-downloads"},
		{"page", "cqrb/2021-04-14/005/index.html", "svg.regions"},
		{"article", "cqrb/2021-04-14/005/268824/index.html", "button.font-larger"},
	} {
		b.run(t, chromedp.EmulateViewport(720, 500, chromedp.EmulateScale(2)), chromedp.Navigate("file://"+public+"/"+p.path), chromedp.WaitVisible(chromedp.CSS(p.ready)))
		b.settle(t)
		if s := value(t, b, chromedp.Evaluate[box](scrollJS)); s.W > s.X {
			t.Errorf("%s at 200 %%: scrolls sideways (%v > %v)", p.name, s.W, s.X)
		}
		r := value(t, b, chromedp.Evaluate[box](rectJS(p.ready)))
		if r.W <= 0 || r.X < 0 || r.X+r.W > 720.5 {
			t.Errorf("%s at 200 %%: %s lies outside the window: %+v", p.name, p.ready, r)
		}
		writeShot(t, shots+"/zoom200-"+p.name+".png", value(t, b, chromedp.FullScreenshot(100)))
	}
}
