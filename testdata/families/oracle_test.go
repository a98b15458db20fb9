package families

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The oracles are written by hand. These tests hold them to the HTML they describe with
// plain checks (a text is on the page, a link is there, a file is in the mirror), so that a
// fixture change that makes an oracle wrong fails here rather than in the importer's tests.

// facts is what the checks read of one HTML file.
type facts struct {
	text  string   // the text of the page, every white space removed
	attrs string   // every attribute value, for names in alt
	links []link   // A[href], resolved
	imgs  []string // IMG[src], resolved
	areas []string // AREA[href], resolved, in document order
}

type link struct{ url, text string }

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// decode returns the file's text: a UTF-8 BOM dropped, GBK decoded.
func decode(t *testing.T, data []byte, charset string) string {
	t.Helper()
	switch charset {
	case "gbk":
		out, err := simplifiedchinese.GBK.NewDecoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	case "utf-8":
		return string(bytes.TrimPrefix(data, []byte("\uFEFF")))
	}
	t.Fatalf("charset %q", charset)
	return ""
}

func readFacts(t *testing.T, path, base, charset string) facts {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the oracle's file: %v", err)
	}
	doc, err := html.Parse(strings.NewReader(decode(t, data, charset)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	resolve := func(href string) string {
		u, err := b.Parse(strings.TrimSpace(href))
		if err != nil {
			return ""
		}
		return u.String()
	}
	var f facts
	var text, attrs strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				attrs.WriteString(a.Val + "\n")
				switch {
				case n.Data == "a" && a.Key == "href":
					f.links = append(f.links, link{resolve(a.Val), squeeze(nodeText(n))})
				case n.Data == "img" && a.Key == "src":
					f.imgs = append(f.imgs, resolve(a.Val))
				case n.Data == "area" && a.Key == "href":
					f.areas = append(f.areas, resolve(a.Val))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	f.text, f.attrs = squeeze(text.String()), attrs.String()
	return f
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// link reports whether the page links u with a text that has every one of words.
func (f facts) link(u string, words ...string) bool {
	for _, l := range f.links {
		if l.url == u && !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(l.text, w) }) {
			return true
		}
	}
	return false
}

// fileOf is where an original URL lies in a variant's mirror.
func fileOf(dir, u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return filepath.Join(dir, p.Host, filepath.FromSlash(p.Path))
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

func schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := jsonschema.NewCompiler().Compile(filepath.Join(Root(), "expected.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOraclesMatchTheirSchema(t *testing.T) {
	s := schema(t)
	names, _ := filepath.Glob(filepath.Join(Root(), "*", "expected", "*", "*.json"))
	if len(names) < 20 {
		t.Fatalf("%d oracles", len(names))
	}
	for _, name := range names {
		r, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(r)
		r.Close()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := s.Validate(doc); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Every captured page of every variant has its oracle, and every oracle its page.
func TestEveryPageHasAnOracle(t *testing.T) {
	for _, f := range All() {
		for _, v := range Variants {
			ex, err := LoadExpected(Root(), f.Name, v)
			if err != nil {
				t.Fatal(err)
			}
			have := map[string]bool{}
			for _, p := range ex.Pages {
				have[p.File] = true
				if p.Profile != f.Profile || ex.Editions.Profile != f.Profile || ex.Editions.Variant != v {
					t.Errorf("%s/%s: %s: profile %q (editions.json %q, %q), want %q", f.Name, v, p.File, p.Profile, ex.Editions.Profile, ex.Editions.Variant, f.Profile)
				}
			}
			files, err := f.Files(v)
			if err != nil {
				t.Fatal(err)
			}
			for _, file := range files {
				if file.Kind == KindPage && !have[file.Path] {
					t.Errorf("%s/%s: no oracle for %s", f.Name, v, file.Path)
				}
				delete(have, file.Path)
			}
			for p := range have {
				t.Errorf("%s/%s: an oracle for %s, which is not a page of the capture", f.Name, v, p)
			}
		}
	}
}

var reRedirect = regexp.MustCompile(`(?i)(?:url\s*=\s*|location\.href\s*=\s*["'])([^"'\s>]+)`)

func TestOraclesMatchThePages(t *testing.T) {
	for _, f := range All() {
		for _, v := range Variants {
			ex, err := LoadExpected(Root(), f.Name, v)
			if err != nil {
				t.Fatal(err)
			}
			dir := Dir(Root(), f.Name, v)
			for _, p := range ex.Pages {
				t.Run(f.Name+"/"+v+"/"+p.File, func(t *testing.T) { checkPage(t, dir, p) })
			}
			t.Run(f.Name+"/"+v+"/editions", func(t *testing.T) { checkEditions(t, dir, ex) })
		}
	}
}

func checkPage(t *testing.T, dir string, p ExpectedPage) {
	if want := "http://" + p.File; p.URL != want {
		t.Errorf("url %s, but the file is %s", p.URL, p.File)
	}
	f := readFacts(t, fileOf(dir, p.URL), p.URL, p.Charset)
	has := func(what, s string) {
		if s != "" && !strings.Contains(f.text, squeeze(s)) {
			t.Errorf("%s %q is not in the page's text", what, s)
		}
	}
	archived := func(what, u string, want bool) {
		if got := exists(fileOf(dir, u)); got != want {
			t.Errorf("%s %s: archived %v, but the mirror says %v", what, u, want, got)
		}
	}
	if !strings.Contains(f.text, p.Paper.Name) && !strings.Contains(f.attrs, p.Paper.Name) {
		t.Errorf("paper name %q is neither text nor an attribute of the page", p.Paper.Name)
	}
	has("page code", p.Page.Code)
	has("page name", p.Page.Name)
	d := strings.Split(p.Date, "-")
	if !strings.Contains(p.URL, d[0]+d[1]+"/"+d[2]) && !strings.Contains(p.URL, d[0]+"-"+d[1]+"/"+d[2]) &&
		!strings.Contains(f.text, d[0]+"年"+d[1]+"月"+d[2]+"日") && !strings.Contains(f.text, p.Date) {
		t.Errorf("date %s is neither in the URL nor on the page", p.Date)
	}
	if p.Scan != nil {
		if !contains(f.imgs, p.Scan.URL) {
			t.Errorf("scan %s is no IMG of the page", p.Scan.URL)
		}
		archived("scan", p.Scan.URL, p.Scan.Archived)
	}
	if p.PDF != nil {
		if !f.link(p.PDF.URL) {
			t.Errorf("pdf %s is no link of the page", p.PDF.URL)
		}
		archived("pdf", p.PDF.URL, p.PDF.Archived)
	}
	self := false
	for _, e := range p.Pages {
		if !f.link(e.URL, e.Code, e.Name) {
			t.Errorf("page list: no link to %s named %s %s", e.URL, e.Code, e.Name)
		}
		if e.PDF != "" && !f.link(e.PDF) {
			t.Errorf("page list: pdf %s is no link of the page", e.PDF)
		}
		archived("page", e.URL, e.Archived)
		self = self || (e.URL == p.URL && e.Code == p.Page.Code && e.Name == p.Page.Name)
	}
	if !self {
		t.Errorf("the page list has not the page itself")
	}
	regions := 0
	for _, a := range p.Articles {
		if !f.link(a.URL) {
			t.Errorf("article %s: %s is no link of the page", a.ID, a.URL)
		}
		has("article title", a.Title)
		if n := count(f.areas, a.URL); n != a.Regions {
			t.Errorf("article %s: %d regions, the map has %d", a.ID, a.Regions, n)
		}
		regions += a.Regions
		archived("article", a.URL, a.Archived)
		if !strings.Contains(a.URL, a.ID) {
			t.Errorf("article %s: the id is not in its URL %s", a.ID, a.URL)
		}
	}
	for _, ph := range p.Photos {
		if !contains(f.areas, ph.URL) {
			t.Errorf("photo %s is no region of the map", ph.URL)
		}
		archived("photo", ph.URL, ph.Archived)
	}
	if len(f.areas) != regions+len(p.Photos) {
		t.Errorf("the map has %d regions, the oracle %d articles' and %d photos'", len(f.areas), regions, len(p.Photos))
	}
	for _, ap := range p.ArticlePages {
		checkArticle(t, dir, p, ap)
	}
}

func checkArticle(t *testing.T, dir string, p ExpectedPage, ap ArticlePage) {
	archived := false
	for _, a := range p.Articles {
		if a.ID == ap.ID && a.URL == ap.URL {
			archived = a.Archived
			if a.Title != ap.Title {
				t.Errorf("article %s: title %q on the page, %q on its own", ap.ID, a.Title, ap.Title)
			}
		}
	}
	if !archived {
		t.Errorf("article %s: an article page, but no archived article of the page", ap.ID)
		return
	}
	f := readFacts(t, fileOf(dir, ap.URL), ap.URL, p.Charset)
	for what, s := range map[string]string{
		"introtitle": ap.IntroTitle, "title": ap.Title, "subtitle": ap.SubTitle,
		"author": ap.Author, "body_first": ap.BodyFirst, "body_last": ap.BodyLast,
	} {
		if s != "" && !strings.Contains(f.text, squeeze(s)) {
			t.Errorf("article %s: %s %q is not in its text", ap.ID, what, s)
		}
	}
	if i, j := strings.Index(f.text, squeeze(ap.BodyFirst)), strings.LastIndex(f.text, squeeze(ap.BodyLast)); i < 0 || j < 0 || i > j {
		t.Errorf("article %s: body_first %q does not come before body_last %q", ap.ID, ap.BodyFirst, ap.BodyLast)
	}
}

func checkEditions(t *testing.T, dir string, ex *Expected) {
	for _, e := range ex.Editions.Editions {
		pages, archivedPages, articles, archivedArticles := 0, 0, 0, 0
		seen := map[string]bool{}
		for _, p := range ex.Pages {
			if p.Paper.Code != e.Paper || p.Date != e.Date {
				continue
			}
			if p.Paper.Name != e.PaperName {
				t.Errorf("%s: paper name %q, editions.json %q", p.File, p.Paper.Name, e.PaperName)
			}
			pages = len(p.Pages)
			for _, a := range p.Articles {
				if !seen[a.URL] {
					seen[a.URL] = true
					articles++
					if a.Archived {
						archivedArticles++
					}
				}
			}
			archivedPages++
		}
		if pages != e.Pages || archivedPages != e.PagesArchived || articles != e.Articles || archivedArticles != e.ArticlesArchived {
			t.Errorf("%s %s: the page oracles count %d pages (%d archived), %d articles (%d archived); editions.json %d (%d), %d (%d)",
				e.Paper, e.Date, pages, archivedPages, articles, archivedArticles, e.Pages, e.PagesArchived, e.Articles, e.ArticlesArchived)
		}
		if !exists(fileOf(dir, e.FirstPage)) {
			t.Errorf("%s %s: first page %s is not in the mirror", e.Paper, e.Date, e.FirstPage)
		}
		if e.Index == nil {
			continue
		}
		data, err := os.ReadFile(fileOf(dir, e.Index.URL))
		if err != nil {
			t.Errorf("%s %s: index: %v", e.Paper, e.Date, err)
			continue
		}
		m := reRedirect.FindSubmatch(data)
		kind := "meta-refresh"
		if bytes.Contains(bytes.ToLower(data), []byte("location.href")) {
			kind = "script"
		}
		base, _ := url.Parse(e.Index.URL)
		if m == nil || kind != e.Index.Kind {
			t.Errorf("%s %s: index %s is no %s redirect", e.Paper, e.Date, e.Index.URL, e.Index.Kind)
		} else if to, err := base.Parse(string(m[1])); err != nil || to.String() != e.Index.To || e.Index.To != e.FirstPage {
			t.Errorf("%s %s: index %s leads to %s, want %s (the first page %s)", e.Paper, e.Date, e.Index.URL, m[1], e.Index.To, e.FirstPage)
		}
	}
}

func contains(list []string, s string) bool { return count(list, s) > 0 }

func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}
