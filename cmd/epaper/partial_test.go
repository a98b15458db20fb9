package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/testdata/families"
	"go.yaml.in/yaml/v3"
)

// readPage reads a page bundle's front matter.
func readPageMatter(t *testing.T, file string) bundle.Page {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	front, _, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
	var m bundle.Page
	if err := yaml.Unmarshal([]byte(front), &m); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return m
}

// A partial capture is kept whole (issue 12): a page whose articles, scan or PDF are not in
// the mirror keeps every article's title and URL, every region (a photo's as such), and the
// edition keeps the whole page list; missing: names each part not had, with the reason; the
// built page lists the articles not archived as 未存档 linked to their original URL, draws
// the regions over a placeholder where the scan is missing, and 版面导航 shows the page known
// only from the list. A later import of the whole capture fills the parts in.
func TestPartialCaptureKeptWhole(t *testing.T) {
	t.Parallel()
	root := families.Root()
	ex, err := families.LoadExpected(root, "classic", "partial")
	if err != nil {
		t.Fatal(err)
	}
	mirror := filepath.Join(t.TempDir(), "mirror")
	if err := os.CopyFS(mirror, os.DirFS(families.Dir(root, "classic", "partial"))); err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	src := filepath.Join(mirror, "epaper.hxrb.example.cn")
	out, errOut, code := runEpaper(t, "import", "--site", site, src)
	if code != 1 || !strings.Contains(out+errOut, "not in the mirror") {
		t.Fatalf("a partial capture: exit %d, want 1 naming what is not in the mirror:\n%s%s", code, out, errOut)
	}
	content := bundle.ContentDir(site)
	var pages []families.ExpectedPage
	for _, p := range ex.Pages {
		if p.Paper.Code == "hxrb" {
			pages = append(pages, p)
		}
	}
	if len(pages) != 2 {
		t.Fatalf("the oracle has %d pages of hxrb", len(pages))
	}
	for _, p := range pages {
		m := readPageMatter(t, filepath.Join(content, "hxrb", p.Date, p.Page.Code, bundle.BranchIndex))
		missing := map[string]string{}
		for _, x := range m.Missing {
			missing[x.URL] = x.Reason
		}
		byID := map[string]bundle.ArticleEntry{}
		for _, a := range m.Articles {
			byID[a.ID] = a
		}
		regions := map[string]int{}
		photos := map[string]bool{}
		for _, r := range m.Regions {
			if _, err := bundle.ParsePoints(r.Points); err != nil || r.Points == "" {
				t.Errorf("%s: region %+v: %v", p.Page.Code, r, err)
			}
			regions[r.Article]++
			if r.Kind == bundle.RegionPhoto {
				photos[r.URL] = true
			}
		}
		for _, a := range p.Articles {
			got, ok := byID[a.ID]
			if !ok || got.Title != a.Title || got.URL != a.URL || got.Archived != a.Archived {
				t.Errorf("%s: article %s: %+v, want %+v", p.Page.Code, a.ID, got, a)
			}
			if regions[a.ID] != a.Regions {
				t.Errorf("%s: article %s: %d regions, want %d", p.Page.Code, a.ID, regions[a.ID], a.Regions)
			}
			if _, ok := missing[a.URL]; ok == a.Archived {
				t.Errorf("%s: article %s archived %v, but missing: says %q", p.Page.Code, a.ID, a.Archived, missing[a.URL])
			}
			if !a.Archived && !strings.Contains(missing[a.URL], "not in the mirror") {
				t.Errorf("%s: article %s: the reason %q does not say it is not in the mirror", p.Page.Code, a.ID, missing[a.URL])
			}
		}
		for _, ph := range p.Photos {
			if !photos[ph.URL] {
				t.Errorf("%s: no region of the photo %s", p.Page.Code, ph.URL)
			}
		}
		for _, part := range []*families.Part{p.Scan, p.PDF} {
			if part != nil && !part.Archived && missing[part.URL] == "" {
				t.Errorf("%s: %s is not in missing:", p.Page.Code, part.URL)
			}
		}
		if p.Scan != nil && !p.Scan.Archived && (m.Map == nil || len(m.Regions) == 0) {
			t.Errorf("%s: without the scan, the regions are dropped: map %+v", p.Page.Code, m.Map)
		}
	}
	edition, err := os.ReadFile(filepath.Join(content, "hxrb", pages[0].Date, bundle.BranchIndex))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range pages[0].Pages {
		if !strings.Contains(string(edition), "url: "+e.URL) || !strings.Contains(string(edition), "pdf: "+e.PDF) {
			t.Errorf("the edition's page list lacks %+v:\n%s", e, edition)
		}
	}

	public := filepath.Join(t.TempDir(), "public")
	if _, errOut, code := runEpaper(t, "build", "--no-pagefind", "--site", site, "--out", public); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	for _, p := range pages {
		html, err := os.ReadFile(filepath.Join(public, "hxrb", p.Date, strings.ToLower(p.Page.Code), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ReplaceAll(string(html), "&amp;", "&")
		for _, a := range p.Articles {
			if !strings.Contains(s, a.Title) {
				t.Errorf("%s: the page view lacks %q", p.Page.Code, a.Title)
			}
			if !a.Archived && !strings.Contains(s, `href="`+a.URL+`" rel="external nofollow">`+a.Title+`</a> <span class="archive-mark">未存档</span>`) {
				t.Errorf("%s: %s is not listed 未存档, linked to %s", p.Page.Code, a.Title, a.URL)
			}
		}
		regions := 0
		for _, a := range p.Articles {
			regions += a.Regions
		}
		if n := strings.Count(s, "<polygon "); n != regions+len(p.Photos) {
			t.Errorf("%s: %d regions drawn, want %d", p.Page.Code, n, regions+len(p.Photos))
		}
		if p.Scan != nil && !p.Scan.Archived && !strings.Contains(s, "scan-placeholder") {
			t.Errorf("%s: no placeholder for the missing scan", p.Page.Code)
		}
		for _, e := range p.Pages {
			if !e.Archived && !strings.Contains(s, `href="`+e.URL+`" rel="external nofollow">第`+e.Code+`版：`+e.Name+`</a> <span class="archive-mark">未存档</span>`) {
				t.Errorf("%s: 版面导航 does not show %s %s 未存档", p.Page.Code, e.Code, e.Name)
			}
		}
	}

	// the rest of the capture turns up: a later import fills the parts in
	full := families.Dir(root, "classic", "full")
	filepath.WalkDir(full, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(full, path)
		if _, err := os.Stat(filepath.Join(mirror, rel)); err == nil {
			return nil
		}
		data, _ := os.ReadFile(path)
		os.MkdirAll(filepath.Dir(filepath.Join(mirror, rel)), 0o755)
		return os.WriteFile(filepath.Join(mirror, rel), data, 0o644)
	})
	out, errOut, code = runEpaper(t, "import", "--site", site, src)
	if code != 0 {
		t.Fatalf("the whole capture: exit %d:\n%s%s", code, out, errOut)
	}
	for _, p := range pages {
		m := readPageMatter(t, filepath.Join(content, "hxrb", p.Date, p.Page.Code, bundle.BranchIndex))
		for _, x := range m.Missing {
			t.Errorf("%s: still missing %+v", p.Page.Code, x)
		}
		for _, a := range m.Articles {
			if !a.Archived {
				t.Errorf("%s: article %s still not archived", p.Page.Code, a.ID)
			}
		}
		if m.Scan == nil || m.PDF == "" {
			t.Errorf("%s: scan %+v, pdf %q not filled in", p.Page.Code, m.Scan, m.PDF)
		}
	}
	if _, err := os.Stat(filepath.Join(content, "hxrb", pages[0].Date, "B01", bundle.BranchIndex)); err != nil {
		t.Errorf("the page known only from the list is not imported: %v", err)
	}
}

// One page cannot break every later build (issue 13.6): an image map of tens of thousands of
// points, and coordinates that are not numbers, import with a warning (in the report, the
// log and the bundle's missing:), within the limits per page, and the site builds.
func TestHugeImageMapBuilds(t *testing.T) {
	t.Parallel()
	mirror := t.TempDir()
	day := filepath.Join(mirror, "epaper.big.example.cn", "html", "big", "2021-01", "01", "001")
	var areas strings.Builder
	for i := range 40 { // 40 × 900 points: past the 20000 points of a page
		areas.WriteString(`<area shape="poly" href="content_1.htm" coords="`)
		for j := range 900 {
			if j > 0 {
				areas.WriteByte(',')
			}
			areas.WriteString(strings.Repeat("1", 1+(i+j)%3) + "," + strings.Repeat("2", 1+j%3))
		}
		areas.WriteString(`">`)
	}
	areas.WriteString(`<area shape="rect" href="content_1.htm" coords="NaN,0,10,10"><area shape="rect" href="content_1.htm" coords="0,-5,10,10">`)
	page := `<html><head><title>大图日报</title></head><body><a href="node.htm">第001版：要闻</a>
<a href="content_1.htm">一篇稿件</a><img src="scan.jpg" width="300" height="450" usemap="#m"><map name="m">` + areas.String() + `</map></body></html>`
	article := `<html><head><title>一篇稿件</title></head><body><a href="node.htm">第001版：要闻</a>
<founder-title>一篇稿件</founder-title><founder-content><p>正文。</p></founder-content></body></html>`
	os.MkdirAll(day, 0o755)
	os.WriteFile(filepath.Join(day, "node.htm"), []byte(page), 0o644)
	os.WriteFile(filepath.Join(day, "content_1.htm"), []byte(article), 0o644)
	site := t.TempDir()
	report := filepath.Join(t.TempDir(), "report.json")
	out, errOut, _ := runEpaper(t, "import", "--site", site, "--report", report, filepath.Join(day, "node.htm"))
	if !strings.Contains(out+errOut, "WARNING page 001: image map: 2 areas with coordinates") || !strings.Contains(out+errOut, "past the limit") {
		t.Errorf("no warning of the map's limits:\n%s%s", out, errOut)
	}
	if data, err := os.ReadFile(report); err != nil || !strings.Contains(string(data), `"warnings"`) {
		t.Errorf("the report names no warning (%v):\n%s", err, data)
	}
	m := readPageMatter(t, filepath.Join(bundle.ContentDir(site), "big", "2021-01-01", "001", bundle.BranchIndex))
	points := 0
	for _, r := range m.Regions {
		pts, err := bundle.ParsePoints(r.Points)
		if err != nil {
			t.Fatal(err)
		}
		points += len(pts)
	}
	if len(m.Regions) != 22 || points != 22*900 {
		t.Errorf("%d regions of %d points kept, want 22 of 19800", len(m.Regions), points)
	}
	warned := 0
	for _, x := range m.Missing {
		if x.Part == bundle.PartImageMap {
			warned++
		}
	}
	if warned != 2 {
		t.Errorf("missing: %+v, want the two warnings of the image map", m.Missing)
	}
	if _, errOut, code := runEpaper(t, "build", "--no-pagefind", "--site", site, "--out", filepath.Join(t.TempDir(), "public")); code != 0 {
		t.Errorf("the site does not build: %s", errOut)
	}
}
