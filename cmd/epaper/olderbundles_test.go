package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// olderRegions rewrites a page bundle's article regions as epaper wrote them before regions
// were one string each: no kind, no url, points as a list of [x, y] pairs.
func olderRegions(t *testing.T, matter string) string {
	t.Helper()
	article := regexp.MustCompile(`(?m)^  - kind: article\n    article: ("[^"]*")\n(?:    url: .*\n)?    points: (.*)\n`)
	n := 0
	out := article.ReplaceAllStringFunc(matter, func(m string) string {
		g := article.FindStringSubmatch(m)
		var b strings.Builder
		b.WriteString("  - article: " + g[1] + "\n    points:\n")
		for _, xy := range strings.Fields(g[2]) {
			x, y, _ := strings.Cut(xy, ",")
			b.WriteString("      - [" + x + ", " + y + "]\n")
		}
		n++
		return b.String()
	})
	if n == 0 {
		t.Fatal("no article region to rewrite: the page bundle's format changed, update the test")
	}
	return out
}

// An archive imported by an earlier epaper, whose page bundles hold each region's points as
// a list of pairs, still builds, draws the same regions and publishes the same JSON: every
// page view and page document is byte for byte the one built from today's bundles. (The
// build failed on such a site: "unable to cast []interface {} … to string".) verify reads it.
func TestOlderRegionsBuildTheSame(t *testing.T) {
	t.Parallel()
	want := offlineSite(t)
	site := copySite(t, "")
	pages, err := filepath.Glob(filepath.Join(site, "content", "cqrb", "2021-04-14", "[0-9][0-9][0-9]", "_index.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("page bundles of the fixture: %v, %v", pages, err)
	}
	rewritten := 0
	for _, p := range pages {
		old := readText(t, p)
		if !strings.Contains(old, "  - kind: article\n") {
			continue
		}
		if err := os.WriteFile(p, []byte(olderRegions(t, old)), 0o644); err != nil {
			t.Fatal(err)
		}
		rewritten++
	}
	if rewritten == 0 {
		t.Fatal("no page of the fixture has article regions")
	}
	public := filepath.Join(t.TempDir(), "public")
	if _, errOut, code := runEpaper(t, "build", "--no-pagefind", "--site", site, "--out", public); code != 0 {
		t.Fatalf("build of a site with older regions: exit %d: %s", code, errOut)
	}
	for _, p := range pages {
		code := filepath.Base(filepath.Dir(p))
		for _, f := range []string{"index.html", "index.json"} {
			rel := filepath.Join("cqrb", "2021-04-14", code, f)
			got, w := readText(t, filepath.Join(public, rel)), readText(t, filepath.Join(want, rel))
			if got != w {
				t.Errorf("%s differs from the build of today's bundles", rel)
			}
		}
	}
	if !strings.Contains(readText(t, filepath.Join(public, "cqrb", "2021-04-14", "005", "index.html")), "<polygon points=\"0.") {
		t.Error("第005版 draws no region")
	}
	if _, errOut, code := runEpaper(t, "verify", "--site", site, "--public", public); code != 0 {
		t.Errorf("verify of a site with older regions: exit %d: %s", code, errOut)
	}
}
