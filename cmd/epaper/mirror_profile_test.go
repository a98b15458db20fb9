package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// qhwbProfile is docs/profiles.md's profile of 青禾晚报, a made-up paper whose vendor
// template is none of the built-in families.
func qhwbProfile(t *testing.T) string {
	t.Helper()
	doc := readFile(t, filepath.Join("..", "..", "docs", "profiles.md"))
	m := regexp.MustCompile("(?s)```yaml\n(# qhwb.yaml\n.*?)```").FindStringSubmatch(doc)
	if m == nil {
		t.Fatal("docs/profiles.md has no qhwb.yaml")
	}
	file := filepath.Join(t.TempDir(), "qhwb.yaml")
	if err := os.WriteFile(file, []byte(m[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// qhwbMirror writes a wget mirror of 青禾晚报's days (pages page_A01.html, page_A02.html and
// their articles article_N.html below /qhwb/YYYYMMDD/, the page list on both, no index page) and returns the
// folder wget ran in.
func qhwbMirror(t *testing.T, days ...string) string {
	t.Helper()
	mirror := t.TempDir()
	for di, day := range days {
		dir := filepath.Join(mirror, "e.qhwb.example.cn", "qhwb", day)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		pages := [][2]string{{"A01", "要闻"}, {"A02", "城事"}}
		for pi, pg := range pages {
			var list, titles strings.Builder
			for _, q := range pages {
				fmt.Fprintf(&list, "<li class=\"bm-item\"><a class=\"bm-name\" href=\"page_%s.html\">%s %s</a></li>\n", q[0], q[0], q[1])
			}
			for ai := range 2 {
				id := fmt.Sprintf("%d%d%d", 5+di, pi+1, ai+1)
				title := fmt.Sprintf("%s版第%d篇 %s", pg[0], ai+1, day)
				fmt.Fprintf(&titles, "<a href=\"article_%s.html\">%s</a>\n", id, title)
				article := fmt.Sprintf(`<!doctype html><html><head><meta charset="utf-8"><title>%s</title></head><body>
<ul class="bm-list">
%s</ul>
<div class="detail"><p class="kicker"></p><h1>%s</h1><p class="deck"></p><p class="byline">本报记者 青禾</p>
<div class="text"><p>这是%s的正文第一段。</p><p>第二段。</p></div></div></body></html>`, title, list.String(), title, title)
				os.WriteFile(filepath.Join(dir, "article_"+id+".html"), []byte(article), 0o644)
			}
			page := fmt.Sprintf(`<!doctype html><html><head><meta charset="utf-8"><title>青禾晚报数字报</title></head><body>
<header><span class="brand" title="青禾晚报">青禾晚报</span></header>
<div class="bm-current">%s %s</div>
<ul class="bm-list">
%s</ul>
<div class="news-titles">
%s</div></body></html>`, pg[0], pg[1], list.String(), titles.String())
			os.WriteFile(filepath.Join(dir, "page_"+pg[0]+".html"), []byte(page), 0o644)
		}
	}
	return mirror
}

// A paper whose URLs only a user's profile knows is found in a mirror by the profile's own
// patterns (match.page, match.article, paper.code, the date on the URL), as it is read from a
// URL: every edition of the mirror is imported, and each bundle's source names the profile.
func TestMirrorFoundByUserProfile(t *testing.T) {
	t.Parallel()
	profile := qhwbProfile(t)
	mirror := qhwbMirror(t, "20240301", "20240302")
	site := t.TempDir()
	out, errOut, code := runEpaper(t, "import", "-q", "--profile", profile, "--site", site, mirror)
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	if want := "2 editions (2024-03-01 … 2024-03-02): 4 pages, 8 articles; nothing failed\n"; !strings.HasSuffix(out, want) {
		t.Errorf("the summary does not end with %q:\n%s", want, out)
	}
	for _, day := range []string{"2024-03-01", "2024-03-02"} {
		page := readFile(t, filepath.Join(site, "content", "qhwb", day, "A02", "_index.md"))
		if !strings.Contains(page, "\n  profile: qhwb\n") || !strings.Contains(page, "paper_name: 青禾晚报\n") {
			t.Errorf("%s page A02 was not read by qhwb:\n%s", day, page)
		}
		articles, _ := filepath.Glob(filepath.Join(site, "content", "qhwb", day, "*", "*", "index.md"))
		if len(articles) != 4 {
			t.Errorf("%s: %d articles, want 4", day, len(articles))
		}
		for _, a := range articles {
			if s := readFile(t, a); !strings.Contains(s, "\n  profile: qhwb\n") {
				t.Errorf("%s was not read by qhwb:\n%s", a, s)
			}
		}
	}
	// probe finds the mirror's first page by the profile too
	out, errOut, code = runEpaper(t, "probe", "--profile", profile, mirror)
	if code != 0 || !strings.Contains(out, "/qhwb/20240301/page_A01.html\n") || !strings.Contains(out, "profile  qhwb: ") {
		t.Errorf("probe --profile on the mirror: exit %d:\n%s%s", code, out, errOut)
	}
	// without the profile nothing in it is a page, and the error says what was looked for
	_, errOut, code = runEpaper(t, "import", "-q", "--site", t.TempDir(), mirror)
	if code != 2 || !strings.Contains(errOut, "no e-paper pages") || !strings.Contains(errOut, "--profile") {
		t.Errorf("without --profile: exit %d, %q", code, errOut)
	}
}
