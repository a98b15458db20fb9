package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/epaper-archive/epaper/site"
	"github.com/epaper-archive/epaper/testdata/need"
)

// A phrase of a placeholder article (268825, on the GBK page 006) and its title.
const (
	placeholderPhrase = "服务器不在响应头中声明字符集"
	placeholderTitle  = "【占位】"
)

// pagefind returns the Pagefind binary to index with (the test is skipped without one), and
// fails the test if it is not the version the search page is written for.
func pagefind(t *testing.T) string {
	t.Helper()
	bin := need.Pagefind(t)
	v, err := site.PagefindVersionOf(t.Context(), bin)
	if err != nil {
		t.Fatal(err)
	}
	if want := "pagefind " + site.PagefindVersion; v != want {
		t.Fatalf("%s is %q; the search page is written for %q (make pagefind installs it into .tools/)", bin, v, want)
	}
	return bin
}

// searchResult is one result as the search page lists it.
type searchResult struct {
	Title   string   `json:"title"`
	Href    string   `json:"href"`
	Meta    string   `json:"meta"`
	Snippet string   `json:"snippet"`
	Marks   []string `json:"marks"`
}

// searchFor opens the search page for q (URL u) and returns the engine the page used, its
// status line and the results it lists.
func searchFor(t *testing.T, b *browser, u string) (engine, status string, results []searchResult) {
	t.Helper()
	b.run(t, chromedp.Navigate(u))
	return readResults(t, b)
}

// readResults waits for the search page to finish and reads what it shows.
func readResults(t *testing.T, b *browser) (engine, status string, results []searchResult) {
	t.Helper()
	// The page may still be on its way (a submitted form).
	if err := b.pollAcrossNavigation(`!!(document.getElementById("search") && document.getElementById("search").dataset.engine)`); err != nil {
		st, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(document.getElementById("search-status") || {}).textContent`))
		t.Fatalf("%s: the search did not finish: %v; status %q; browser errors %q", b.location(t), err, st, b.takeErrors())
	}
	engine = value(t, b, chromedp.Evaluate[string](`document.getElementById("search").dataset.engine`))
	status = b.text(t, "#search-status")
	results = value(t, b, chromedp.Evaluate[[]searchResult](`Array.from(document.querySelectorAll("#search-results li")).map(li => ({
		title: li.querySelector(".search-title a").textContent,
		href: li.querySelector(".search-title a").href,
		meta: (li.querySelector(".search-meta") || {}).textContent || "",
		snippet: (li.querySelector(".search-snippet") || {}).textContent || "",
		marks: Array.from(li.querySelectorAll(".search-snippet mark")).map(m => m.textContent),
	}))`))
	return engine, status, results
}

func titles(rs []searchResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Title)
	}
	return out
}

// articlesContaining returns the titles of the imported articles whose Markdown has s.
func articlesContaining(t *testing.T, site, s string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join(site, "content"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.Name() != "index.md" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), s) {
			out = append(out, titleOf(string(data)))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// TestSearchOverHTTP: a reader types 招商引资 into the search box of 第005版 on a site served
// over HTTP; Pagefind lists the eighth article first or among the first three, with the
// match marked in its snippet, and the result opens it. A placeholder article's phrase finds
// it too.
func TestSearchOverHTTP(t *testing.T) {
	t.Parallel()
	pf := pagefind(t)
	b := newBrowser(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	public := builtSite(t, "--base-url", base, "--pagefind", pf)
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.FileServer(http.Dir(public))}}
	srv.Start()
	t.Cleanup(srv.Close)

	b.run(t, chromedp.Navigate(base+"cqrb/2021-04-14/005/"), chromedp.WaitVisible(chromedp.CSS("svg.regions")))
	b.run(t,
		chromedp.SendKeys(chromedp.CSS(".site-search input[name=q]"), "招商引资"),
		chromedp.Submit(chromedp.CSS(".site-search input[name=q]")),
	)
	engine, status, rs := readResults(t, b)
	if engine != "pagefind" {
		t.Fatalf("search over HTTP used %q, want pagefind (status %q)", engine, status)
	}
	at := slices.Index(titles(rs), page005Titles[7])
	if at < 0 || at > 2 {
		t.Fatalf("招商引资: article 8 of 第005版 at %d in %q", at, titles(rs))
	}
	r := rs[at]
	if !strings.Contains(r.Meta, "重庆日报") || !strings.Contains(r.Meta, "2021年04月14日") || !strings.Contains(r.Meta, "第005版") {
		t.Errorf("result meta %q: want paper, date and page", r.Meta)
	}
	if len(r.Marks) == 0 || !strings.Contains(r.Snippet, "招商") {
		t.Errorf("result snippet %q marks %q: want the match marked", r.Snippet, r.Marks)
	}
	b.checkPage(t)
	writeShot(t, filepath.Join(t.ArtifactDir(), "search-pagefind.png"), value(t, b, chromedp.FullScreenshot(100)))
	b.click(t, "#search-results li:nth-child("+strconv.Itoa(at+1)+") .search-title a")
	if got := b.text(t, "article.article h1"); got != page005Titles[7] {
		t.Errorf("the result opened %q", got)
	}

	_, status, rs = searchFor(t, b, base+"search/?q="+url.QueryEscape(placeholderPhrase))
	if len(rs) == 0 || !strings.HasPrefix(rs[0].Title, placeholderTitle) || !strings.Contains(rs[0].Snippet, "响应头") {
		t.Fatalf("%s: %q, results %+v", placeholderPhrase, status, rs)
	}
	b.checkPage(t)
}

// TestSearchOfflineFromFile: opened from file://, where Pagefind cannot load its index, the
// search page falls back to epaper's own index: 招商 finds every article that contains it,
// a phrase of every placeholder article lists them all (20 at first, the rest with 显示更多),
// and no request leaves file://.
func TestSearchOfflineFromFile(t *testing.T) {
	t.Parallel()
	pf := pagefind(t)
	b := newBrowser(t)
	public := builtSite(t, "--pagefind", pf)
	site := importedSite(t)
	searchPage := "file://" + filepath.Join(public, "search", "index.html")

	// from the search box of an article page, as a reader would
	b.run(t, chromedp.Navigate("file://"+filepath.Join(public, "cqrb", "2021-04-14", "005", "index.html")), chromedp.WaitVisible(chromedp.CSS("svg.regions")))
	b.run(t,
		chromedp.SendKeys(chromedp.CSS(".site-search input[name=q]"), "招商"),
		chromedp.Submit(chromedp.CSS(".site-search input[name=q]")),
	)
	engine, status, rs := readResults(t, b)
	if engine != "builtin" {
		t.Fatalf("search from file:// used %q, want the built-in index (status %q)", engine, status)
	}
	want := articlesContaining(t, site, "招商")
	got := titles(rs)
	slices.Sort(got)
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Fatalf("招商: found %q, want every article with it: %q", got, want)
	}
	if !slices.Contains(titles(rs), page005Titles[7]) {
		t.Fatalf("招商: article 8 of 第005版 not found: %q", titles(rs))
	}
	if r := rs[slices.Index(titles(rs), page005Titles[7])]; !slices.Contains(r.Marks, "招商") || !strings.Contains(r.Meta, "第005版") {
		t.Errorf("result %+v: want 招商 marked and the page named", r)
	}
	b.checkPage(t)
	writeShot(t, filepath.Join(t.ArtifactDir(), "search-offline.png"), value(t, b, chromedp.FullScreenshot(100)))
	b.click(t, "#search-results li:first-child .search-title a")
	if got := b.text(t, "article.article h1"); !slices.Contains(want, got) {
		t.Errorf("the first result opened %q", got)
	}

	// A phrase from a placeholder article, and one that every placeholder has.
	_, status, rs = searchFor(t, b, searchPage+"?q="+url.QueryEscape(placeholderPhrase))
	if len(rs) != 1 || !strings.HasPrefix(rs[0].Title, placeholderTitle) {
		t.Fatalf("%s: %q, results %q", placeholderPhrase, status, titles(rs))
	}
	all := articlesContaining(t, site, "占位正文")
	if len(all) <= 20 {
		t.Fatalf("the fixture has %d placeholder articles; this test wants more than a page of results", len(all))
	}
	_, _, rs = searchFor(t, b, searchPage+"?q="+url.QueryEscape("占位正文"))
	if len(rs) != 20 {
		t.Fatalf("占位正文: %d results on the first page, want 20", len(rs))
	}
	b.run(t, chromedp.Click(chromedp.CSS("button.search-more"), chromedp.NodeVisible))
	b.run(t, chromedp.Poll[chromedp.Void](`document.querySelectorAll("#search-results li").length > 20`))
	_, status, rs = readResults(t, b)
	got = titles(rs)
	slices.Sort(got)
	if !slices.Equal(got, all) {
		t.Errorf("占位正文 after 显示更多: %d results (%q), want %d", len(got), status, len(all))
	}

	// Words not in the site, and two words that are each in it but never together.
	for _, q := range []string{"月球基地", "招商 梁平"} {
		_, status, rs = searchFor(t, b, searchPage+"?q="+url.QueryEscape(q))
		if len(rs) != 0 || !strings.Contains(status, "没有找到") {
			t.Errorf("%q: %q, results %q", q, status, titles(rs))
		}
	}
	b.checkPage(t)
	for _, u := range b.seen() {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			t.Errorf("offline search requested %s", u)
		}
	}
}

// TestSearchWithoutPagefind: a site built without Pagefind, served over HTTP, searches with
// its own index.
func TestSearchWithoutPagefind(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/sub/"
	public := builtSite(t, "--base-url", base, "--no-pagefind")
	if _, err := os.Stat(filepath.Join(public, "pagefind")); err == nil {
		t.Fatal("--no-pagefind wrote pagefind/")
	}
	mux := http.NewServeMux()
	mux.Handle("/sub/", http.StripPrefix("/sub/", http.FileServer(http.Dir(public))))
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: mux}}
	srv.Start()
	t.Cleanup(srv.Close)

	engine, status, rs := searchFor(t, b, base+"search/?q="+url.QueryEscape("招商引资"))
	if engine != "builtin" || len(rs) != 1 || rs[0].Title != page005Titles[7] {
		t.Fatalf("engine %q, %q, results %q", engine, status, titles(rs))
	}
	b.click(t, "#search-results li:first-child .search-title a")
	if got := b.text(t, "article.article h1"); got != page005Titles[7] {
		t.Errorf("the result opened %q", got)
	}
	// The failed import of pagefind/pagefind.js is expected here; nothing else.
	for _, e := range b.takeErrors() {
		if !strings.Contains(e, "pagefind") {
			t.Errorf("browser error: %s", e)
		}
	}
}
