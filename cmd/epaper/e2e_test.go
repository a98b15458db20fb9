package main

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// The titles of 第005版 重庆新闻 of 2021-04-14 in reading order, as the seed shows them.
var page005Titles = []string{
	"璧山党建引领推动乡村风气向美向好",
	"用镜头见证脱贫攻坚",
	"铜梁今年将建设30个乡村振兴车间",
	"重庆启动癌症机会性筛查与早诊早治项目",
	"生态大米助力乡村振兴",
	"重庆市青少年艺术版权作品暨商标设计活动季启动",
	"梁平癞子锣鼓后继有人了",
	"贯彻落实“两会”精神 重庆招商引资服务“十四五”开好局起好步",
}

func openHTML(t *testing.T, file string) *goquery.Document {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := goquery.NewDocumentFromReader(f)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// follow resolves a link of an offline page to the file it names, failing if there is none.
func follow(t *testing.T, from, href string) string {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil || u.IsAbs() || strings.HasPrefix(href, "/") {
		t.Fatalf("%s: link %q is not relative", from, href)
	}
	target := filepath.Join(filepath.Dir(from), filepath.FromSlash(u.Path))
	if fi, err := os.Stat(target); err != nil || fi.IsDir() {
		t.Fatalf("%s: link %q names no file (%s)", from, href, target)
	}
	return target
}

func texts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, strings.TrimSpace(e.Text())) })
	return out
}

var spaces = regexp.MustCompile(`[\s\x{3000}\x{00a0}]+`)

func noSpace(s string) string { return spaces.ReplaceAllString(s, "") }

func TestPage005EndToEnd(t *testing.T) {
	t.Parallel()
	public := offlineSite(t)
	page := filepath.Join(public, "cqrb", "2021-04-14", "005", "index.html")
	doc := openHTML(t, page)

	// The article list, in reading order.
	list := doc.Find("ol.article-list li a")
	if got := texts(list); strings.Join(got, "\n") != strings.Join(page005Titles, "\n") {
		t.Fatalf("article list of 第005版:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(page005Titles, "\n"))
	}
	articleFiles := make([]string, len(page005Titles))
	list.Each(func(i int, a *goquery.Selection) { articleFiles[i] = follow(t, page, a.AttrOr("href", "")) })

	// Each region on the scan links to its article, named by its title.
	regions := doc.Find("svg.regions a")
	if regions.Length() != len(page005Titles) {
		t.Errorf("the scan has %d regions, want %d", regions.Length(), len(page005Titles))
	}
	regions.Each(func(i int, a *goquery.Selection) {
		href := a.AttrOr("href", a.AttrOr("xlink:href", ""))
		target := follow(t, page, href)
		title := strings.TrimSpace(openHTML(t, target).Find("article.article h1").Text())
		if label := a.AttrOr("aria-label", ""); label != title {
			t.Errorf("region %d: aria-label %q, but it links to %q", i+1, label, title)
		}
		if a.Find("polygon").Length() != 1 {
			t.Errorf("region %d has no polygon", i+1)
		}
	})
	if src := doc.Find("img.page-scan, .page-scan img").First().AttrOr("src", ""); src == "" {
		t.Error("no page scan image")
	} else {
		follow(t, page, src)
	}
	follow(t, page, doc.Find("a.pdf").First().AttrOr("href", ""))

	// 上一版 / 下一版 reach 004 and 006.
	for sel, want := range map[string]string{"a.prev-page": "第004版", "a.next-page": "第006版"} {
		href, ok := doc.Find(sel).First().Attr("href")
		if !ok {
			t.Errorf("no %s", sel)
			continue
		}
		other := openHTML(t, follow(t, page, href))
		if got := other.Find("title").Text(); !strings.Contains(got, want) {
			t.Errorf("%s leads to %q, want %s", sel, got, want)
		}
	}

	// 下一篇 from the first article walks all eight in order; 上一篇 walks back.
	file := articleFiles[0]
	for i := range page005Titles {
		art := openHTML(t, file)
		if got := strings.TrimSpace(art.Find("article.article h1").Text()); got != page005Titles[i] {
			t.Errorf("article %d: title %q, want %q", i+1, got, page005Titles[i])
		}
		if file != articleFiles[i] {
			t.Errorf("下一篇 walk: article %d is %s, the list says %s", i+1, file, articleFiles[i])
		}
		back := art.Find("a.back-to-page").AttrOr("href", "")
		if follow(t, file, back) != page {
			t.Errorf("article %d: back to the page leads elsewhere", i+1)
		}
		if i > 0 {
			prev := follow(t, file, art.Find("a.prev-article").AttrOr("href", ""))
			if prev != articleFiles[i-1] {
				t.Errorf("article %d: 上一篇 leads to %s", i+1, prev)
			}
		}
		next, ok := art.Find("a.next-article").Attr("href")
		if i == len(page005Titles)-1 {
			break
		}
		if !ok {
			t.Fatalf("article %d has no 下一篇", i+1)
		}
		file = follow(t, file, next)
	}
}

// The eighth article holds the seed's text, character for character (white space aside).
func TestSeedArticleText(t *testing.T) {
	t.Parallel()
	public := offlineSite(t)
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed", "000_168287f157286485.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(seed), "\n")
	sub := -1
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "——访市政府副秘书长") {
			sub = i
		}
	}
	if sub < 1 {
		t.Fatal("the seed has no subtitle line")
	}
	end := sub + 1
	for end < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[end]), "3上一篇") {
		end++
	}
	wantTitle, wantSub := strings.TrimSpace(lines[sub-1]), strings.TrimSpace(lines[sub])
	wantBody := noSpace(strings.Join(lines[sub+1:end], "\n"))
	wantParas := 0
	for _, l := range lines[sub+1 : end] {
		if noSpace(l) != "" {
			wantParas++
		}
	}

	page := filepath.Join(public, "cqrb", "2021-04-14", "005", "index.html")
	doc := openHTML(t, page)
	href := doc.Find("ol.article-list li a").Eq(7).AttrOr("href", "")
	art := openHTML(t, follow(t, page, href))
	if got := strings.TrimSpace(art.Find("article.article h1").Text()); got != wantTitle {
		t.Errorf("title %q, want %q", got, wantTitle)
	}
	if got := strings.TrimSpace(art.Find("article.article .subtitle").Text()); got != wantSub {
		t.Errorf("subtitle %q, want %q", got, wantSub)
	}
	gotBody := noSpace(art.Find("article.article .article-body").Text())
	if gotBody != wantBody {
		t.Errorf("body differs from the seed\n got: %s\nwant: %s", firstDiff(gotBody, wantBody), firstDiff(wantBody, gotBody))
	}
	if paras := art.Find(".article-body p").Length(); paras != wantParas {
		t.Errorf("the body has %d paragraphs, the seed %d", paras, wantParas)
	}
	if !strings.HasSuffix(gotBody, "杨颖") {
		t.Error("the byline 杨颖 does not end the body")
	}
}

// firstDiff shows a from a little before the first rune where it differs from b.
func firstDiff(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	start := max(0, i-10)
	return "…" + string(ra[start:min(len(ra), i+30)]) + "…"
}

// No href or src in the built site points at a file that is not there.
func TestNoBrokenLinks(t *testing.T) {
	t.Parallel()
	public := offlineSite(t)
	checked := 0
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		doc := openHTML(t, p)
		doc.Find("[href], [src]").Each(func(_ int, e *goquery.Selection) {
			for _, attr := range []string{"href", "src"} {
				v, ok := e.Attr(attr)
				if !ok {
					continue
				}
				u, err := url.Parse(v)
				if err != nil {
					t.Errorf("%s: bad %s %q", p, attr, v)
					continue
				}
				if u.Scheme == "http" || u.Scheme == "https" {
					if goquery.NodeName(e) != "a" {
						t.Errorf("%s: %s %q would load from the network", p, attr, v)
					}
					continue
				}
				if u.Scheme != "" || u.Path == "" {
					continue // mailto:, data:, #fragment
				}
				if strings.HasPrefix(u.Path, "/") {
					t.Errorf("%s: %s %q is absolute: it breaks from file://", p, attr, v)
					continue
				}
				target := filepath.Join(filepath.Dir(p), filepath.FromSlash(path.Clean(u.Path)))
				if fi, err := os.Stat(target); err != nil || fi.IsDir() {
					t.Errorf("%s: %s %q names no file", p, attr, v)
				}
				checked++
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Errorf("only %d links checked: the site is not what it should be", checked)
	}
}
