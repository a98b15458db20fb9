package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/epaper-archive/epaper/testdata/families"
)

// In Chromium, offline from file://, a page of each family's partial capture shows what a
// reader needs although parts were not archived: the regions drawn with an area (over the
// scan, or over the placeholder of the map's shape), every article title, the 未存档 marks,
// the whole 版面导航; no browser error, no broken image.
func TestBrowserPartialPages(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	root := families.Root()
	for _, f := range families.All() {
		ex, err := families.LoadExpected(root, f.Name, "partial")
		if err != nil {
			t.Fatal(err)
		}
		site := t.TempDir()
		runEpaper(t, "import", "-q", "--site", site, families.Dir(root, f.Name, "partial"))
		public := filepath.Join(t.TempDir(), "public")
		if _, errOut, code := runEpaper(t, "build", "--no-pagefind", "--site", site, "--out", public); code != 0 {
			t.Fatalf("%s: build: %s", f.Name, errOut)
		}
		// the page whose scan is missing where there is one, else the first
		p := ex.Pages[0]
		for _, q := range ex.Pages {
			if q.Scan != nil && !q.Scan.Archived {
				p = q
			}
		}
		file := filepath.Join(public, p.Paper.Code, p.Date, strings.ToLower(p.Page.Code), "index.html")
		if _, err := os.Stat(file); err != nil {
			t.Fatal(err)
		}
		b.run(t, chromedp.Navigate("file://"+file))
		regions := len(p.Photos)
		for _, a := range p.Articles {
			regions += a.Regions
		}
		drawn := value(t, b, chromedp.Evaluate[int](`Array.from(document.querySelectorAll('.page-scan svg.regions polygon')).filter(g => { const r = g.getBoundingClientRect(); return r.width > 2 && r.height > 2 }).length`))
		if drawn != regions {
			t.Errorf("%s %s: %d regions drawn with an area, want %d", f.Name, p.File, drawn, regions)
		}
		list := b.text(t, ".page-side .page-articles")
		for _, a := range p.Articles {
			if !strings.Contains(list, a.Title) {
				t.Errorf("%s %s: the article list does not show %q:\n%s", f.Name, p.File, a.Title, list)
			}
		}
		if want := countNotArchived(p); strings.Count(list, "未存档") != want {
			t.Errorf("%s %s: %d marked 未存档, want %d:\n%s", f.Name, p.File, strings.Count(list, "未存档"), want, list)
		}
		nav := b.text(t, ".page-side .page-list")
		for _, e := range p.Pages {
			if !strings.Contains(nav, "第"+e.Code+"版："+e.Name) {
				t.Errorf("%s %s: 版面导航 does not show %s %s:\n%s", f.Name, p.File, e.Code, e.Name, nav)
			}
		}
		b.checkPage(t)
	}
}

func countNotArchived(p families.ExpectedPage) int {
	n := 0
	for _, a := range p.Articles {
		if !a.Archived && a.SameAs == "" {
			n++
		}
	}
	return n
}
