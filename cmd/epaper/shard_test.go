package main

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/testdata/synth"
)

var twoYearsImport = sync.OnceValues(func() (string, error) {
	o := synth.Options{Start: time.Date(2020, 12, 30, 0, 0, 0, 0, synth.CST), Days: 4, Pages: 2, Articles: 3, Seed: 7}
	mirror := filepath.Join(sharedDir, "two-years-mirror", synth.Paper().Host)
	if _, err := synth.Write(mirror, o); err != nil {
		return "", err
	}
	site := filepath.Join(sharedDir, "two-years")
	return site, runOnce("import", "--rate", "0", "-q", "--site", site, "--from", "2020-12-30", "--to", "2021-01-02", mirror)
})

// twoYears returns the site a synthetic archive of four days across New Year (2020-12-30
// to 2021-01-02: two pages of three articles a day) was imported into from a local mirror,
// once for the package. Read it only.
func twoYears(t *testing.T) string {
	t.Helper()
	site, err := twoYearsImport()
	if err != nil {
		t.Fatal(err)
	}
	return site
}

func build(t *testing.T, args ...string) {
	t.Helper()
	if out, errOut, code := runEpaper(t, append([]string{"build", "--no-pagefind"}, args...)...); code != 0 {
		t.Fatalf("epaper build %q: exit %d\n%s%s", args, code, out, errOut)
	}
}

var dataIndexes = regexp.MustCompile(`data-indexes="[^"]*"`)

// sameSite reports how sharded differs from whole: the same files but for the search
// indexes (by shard in a sharded site), the build manifest (.epaper/) and, in a CDN build,
// the sitemap (an index of the shards' sitemaps, which list the same URLs); every other file
// the same bytes. So: the same pages, with the same links.
func sameSite(t *testing.T, whole, sharded map[string][]byte) {
	t.Helper()
	own := func(name string) bool {
		return strings.HasPrefix(name, "search/") && name != "search/index.html" ||
			strings.HasPrefix(name, "pagefind/") || name == "sitemap.xml" || strings.HasPrefix(name, "sitemaps/") ||
			strings.HasPrefix(name, ".epaper/")
	}
	for name, a := range whole {
		if own(name) {
			continue
		}
		b, ok := sharded[name]
		if !ok {
			t.Errorf("%s: in the whole build, not in the sharded one", name)
			continue
		}
		if name == "search/index.html" { // searches every year's index
			a, b = dataIndexes.ReplaceAll(a, nil), dataIndexes.ReplaceAll(b, nil)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the whole and the sharded build", name)
		}
	}
	for name := range sharded {
		if _, ok := whole[name]; !ok && !own(name) {
			t.Errorf("%s: in the sharded build, not in the whole one", name)
		}
	}
	if len(whole) < 100 {
		t.Fatalf("the whole build has %d files only", len(whole))
	}
	if locs := sitemapURLs(whole["sitemap.xml"]); locs != nil {
		var shards []byte
		for name, data := range sharded {
			if strings.HasPrefix(name, "sitemaps/") {
				shards = append(shards, data...)
			}
		}
		if got := sitemapURLs(shards); !slices.Equal(got, locs) {
			t.Errorf("the shards' sitemaps list %d URLs, the whole one %d:\n%q\n%q", len(got), len(locs), got, locs)
		}
		if !bytes.Contains(sharded["sitemap.xml"], []byte("<sitemapindex")) {
			t.Errorf("sharded sitemap.xml is not a sitemap index:\n%s", sharded["sitemap.xml"])
		}
	}
}

var locRe = regexp.MustCompile(`<loc>([^<]*)</loc>`)

func sitemapURLs(xml []byte) []string {
	if xml == nil {
		return nil
	}
	var out []string
	for _, m := range locRe.FindAllSubmatch(xml, -1) {
		out = append(out, string(m[1]))
	}
	slices.Sort(out)
	return out
}

// TestShardedBuildEqualsWhole: a two-year archive built as year shards and a root, or as
// month shards (the default) and a root, is the same site as built whole — offline and for a
// CDN, in one command or as independent commands merged afterwards — and the links across
// New Year (上一期/下一期) work.
func TestShardedBuildEqualsWhole(t *testing.T) {
	t.Parallel()
	site := twoYears(t)
	out := t.TempDir()
	for _, mode := range []struct {
		name, by string
		shards   []string
		args     []string
	}{
		{"offline", "year", []string{"2020", "2021"}, nil},
		{"cdn", "year", []string{"2020", "2021"}, []string{"--base-url", "https://paper.example.org/archive/"}},
		{"offline-month", "auto", []string{"2020-12", "2021-01"}, nil},
		{"cdn-month", "month", []string{"2020-12", "2021-01"}, []string{"--base-url", "https://paper.example.org/archive/"}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			whole := filepath.Join(out, mode.name+"-whole")
			sharded := filepath.Join(out, mode.name+"-sharded")
			build(t, append([]string{"--site", site, "--out", whole, "--shard", "none"}, mode.args...)...)
			build(t, append([]string{"--site", site, "--out", sharded, "--shard", mode.by}, mode.args...)...)
			w, s := tree(t, whole), tree(t, sharded)
			sameSite(t, w, s)
			for _, shard := range mode.shards {
				if _, ok := s["search/"+shard+"/docs.js"]; !ok {
					t.Errorf("sharded build: no search index search/%s/", shard)
				}
			}

			// The same shards as independent commands (as on many machines), then merged.
			parts := filepath.Join(out, mode.name+"-parts")
			var dirs []string
			for _, shard := range append([]string{"root"}, mode.shards...) {
				dir := filepath.Join(parts, shard)
				build(t, append([]string{"--site", site, "--shard", mode.by, "--only", shard, "--out", dir}, mode.args...)...)
				dirs = append(dirs, dir)
			}
			merged := filepath.Join(out, mode.name+"-merged")
			if _, errOut, code := runEpaper(t, append([]string{"merge", "--out", merged}, dirs...)...); code != 0 {
				t.Fatalf("merge: exit %d\n%s", code, errOut)
			}
			m := tree(t, merged)
			if _, ok := m[".epaper/build"]; !ok {
				t.Errorf("merged: no .epaper/build marker (the next build or merge would refuse it)")
			}
			for _, files := range []map[string][]byte{s, m} {
				for name := range files {
					if strings.HasPrefix(name, ".epaper/") { // epaper's own: the build's manifest, not Merge's
						delete(files, name)
					}
				}
			}
			for name, data := range s {
				if !bytes.Equal(m[name], data) {
					t.Errorf("%s: the merged shards differ from the sharded build", name)
				}
			}
			if len(m) != len(s) {
				t.Errorf("merged: %d files, sharded build: %d", len(m), len(s))
			}
		})
	}

	// 上一期 of the first edition of 2021 is the last of 2020, built by the other shard.
	page := string(tree(t, filepath.Join(out, "offline-sharded"))["cqrb/2021-01-01/index.html"])
	if !strings.Contains(page, `class="prev-edition" rel="prev" href="../../cqrb/2020-12-31/index.html"`) {
		t.Errorf("2021-01-01: no 上一期 link to 2020-12-31")
	}
	if _, errOut, code := runEpaper(t, "verify", "--site", site, "--public", filepath.Join(out, "offline-sharded")); code != 0 {
		t.Errorf("verify of the sharded site: exit %d\n%s", code, errOut)
	}
}

// TestShardErrors: a year without editions, an unknown way to shard, --only of a year
// without --shard year or with --shard none, and shards that disagree on a file are clear
// errors.
func TestShardErrors(t *testing.T) {
	t.Parallel()
	site := twoYears(t)
	_, errOut, code := runEpaper(t, "build", "--no-pagefind", "--site", site, "--shard", "year", "--only", "2019")
	if code != 1 || !strings.Contains(errOut, `"2019"`) || !strings.Contains(errOut, "2020, 2021") {
		t.Errorf("--only 2019: exit %d, %s", code, errOut)
	}
	for _, args := range [][]string{{"--shard", "week"}, {"--only", "2020"}, {"--shard", "none", "--only", "2020-12"}, {"--jobs", "-1"}} {
		if _, errOut, code := runEpaper(t, append([]string{"build", "--no-pagefind", "--site", site}, args...)...); code != 2 {
			t.Errorf("%q: exit %d, want a usage error: %s", args, code, errOut)
		}
	}
	a, b := filepath.Join(t.TempDir(), "2020"), filepath.Join(t.TempDir(), "2021")
	build(t, "--site", site, "--shard", "year", "--only", "2020", "--out", a)
	build(t, "--site", site, "--shard", "year", "--only", "2021", "--out", b)
	if err := os.WriteFile(filepath.Join(b, "css", "epaper.css"), []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	merged := filepath.Join(t.TempDir(), "public")
	_, errOut, code = runEpaper(t, "merge", "--out", merged, a, b)
	if code != 1 || !strings.Contains(errOut, "css/epaper.css differs") {
		t.Errorf("merge of shards that disagree: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(merged); err == nil {
		t.Errorf("a failed merge left %s", merged)
	}
}

// TestShardedSearch: the search page of a sharded site finds articles of every year, from
// file:// with the built-in indexes and over HTTP with the Pagefind indexes merged.
func TestShardedSearch(t *testing.T) {
	t.Parallel()
	pf := pagefind(t)
	b := newBrowser(t)
	site := twoYears(t)
	want := map[string]string{ // an article of each year: its path → its title
		"cqrb/2020-12-30/001/100000/": frontMatterTitle(t, filepath.Join(site, "content", "cqrb", "2020-12-30", "001", "100000", "index.md")),
		"cqrb/2021-01-02/002/100023/": frontMatterTitle(t, filepath.Join(site, "content", "cqrb", "2021-01-02", "002", "100023", "index.md")),
	}

	offline := filepath.Join(t.TempDir(), "public")
	if _, errOut, code := runEpaper(t, "build", "--site", site, "--out", offline, "--shard", "year", "--pagefind", pf); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	online := filepath.Join(t.TempDir(), "public")
	if _, errOut, code := runEpaper(t, "build", "--site", site, "--out", online, "--shard", "year", "--pagefind", pf, "--base-url", base); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.FileServer(http.Dir(online))}}
	srv.Start()
	t.Cleanup(srv.Close)

	for _, c := range []struct{ engine, page string }{
		{"builtin", "file://" + filepath.Join(offline, "search", "index.html")},
		{"pagefind", base + "search/"},
	} {
		for path, title := range want {
			engine, status, rs := searchFor(t, b, c.page+"?q="+url.QueryEscape(title))
			if engine != c.engine {
				t.Errorf("%s: engine %q, want %s", c.page, engine, c.engine)
			}
			found := -1
			for i, r := range rs {
				if strings.Contains(r.Href, path) {
					found = i
					break
				}
			}
			if found < 0 || found > 2 {
				t.Errorf("%s %q: %s at %d in %q (%s)", c.engine, title, path, found, titles(rs), status)
			}
		}
		b.checkPage(t)
	}
}

func frontMatterTitle(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	title := titleOf(string(data))
	if title == "" {
		t.Fatalf("%s: no title", file)
	}
	return title
}

// titleOf returns the title: of a bundle's front matter, "" if it has none.
func titleOf(md string) string {
	for line := range strings.Lines(md) {
		if title, ok := strings.CutPrefix(strings.TrimRight(line, "\n"), "title: "); ok {
			return strings.Trim(title, `"`)
		}
	}
	return ""
}
