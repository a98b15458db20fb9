package families

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// siteWord are the words of a site's name that are not the paper's name.
var siteWord = map[string]bool{"数字报": true, "电子报": true, "电子版": true, "数字报刊": true}

var (
	reTitleSep  = regexp.MustCompile(`\s*[·\-—–|_]+\s*|\s+`)
	reSiteTail  = regexp.MustCompile(`(数字报刊平台|数字报刊|数字报|电子报|电子版|手机版|移动版|网)$`)
	rePaperName = regexp.MustCompile(`^\p{Han}{1,8}(日报|晚报|早报|时报|商报|都市报|报)$`)
)

// NameFromTitle is the design's rule for a paper's name from <title>: split at the
// separators, strip the site's words (数字报, 移动版, …) and a trailing 社 from each part, and
// take the first part that is a paper's name (ends in 日报, 晚报, 报 …). "" when none is.
func NameFromTitle(title string) string {
	for _, part := range reTitleSep.Split(title, -1) {
		for {
			cut := reSiteTail.ReplaceAllString(part, "")
			cut = strings.TrimSuffix(cut, "社")
			if cut == part {
				break
			}
			part = cut
		}
		if rePaperName.MatchString(part) {
			return part
		}
	}
	return ""
}

func TestNameFromTitle(t *testing.T) {
	for title, want := range map[string]string{
		"打造新型传媒集团·海西日报社数字报": "海西日报", "南江日报数字报刊平台": "南江日报",
		"南江晚报-南江新闻网": "南江晚报", "东华日报-东华网": "东华日报", "实业日报—实业网": "实业日报",
		"启明日报 - 启明网": "启明日报", "临江晚报数字报": "临江晚报", "滨海日报·移动版": "滨海日报",
		"中和日报-中和网": "中和日报", "重庆日报": "重庆日报", "数字报": "", "": "",
	} {
		if got := NameFromTitle(title); got != want {
			t.Errorf("NameFromTitle(%q) = %q, want %q", title, got, want)
		}
	}
}

func checkProfilePage(t *testing.T, pr *profile, dir string, p ExpectedPage) {
	u, doc := parse(t, dir, p.URL, p.Charset)
	if !regexp.MustCompile(pr.Match.Page).MatchString(u.Path) {
		t.Errorf("match.page does not match %s", u.Path)
	}
	code := ""
	for _, re := range pr.Paper.Code {
		if c, ok := group(re, u.Path, "paper"); ok && !reservedCode[c] {
			code = c
			break
		}
	}
	if code == "" {
		code = codeFromHost(u.Host)
	}
	name, _ := value(slices.DeleteFunc(slices.Clone(pr.Paper.Name), func(s source) bool { return s.Title }), u, doc)
	titleName, _ := value([]source{{Title: true}}, u, doc)
	if code != p.Paper.Code || name != p.Paper.Name || titleName != p.Paper.Name {
		t.Errorf("paper %s %q (from <title>: %q), want %s %q", code, name, titleName, p.Paper.Code, p.Paper.Name)
	}
	if _, g := value(pr.Date, u, doc); g["y"]+"-"+pad2(g["m"])+"-"+pad2(g["d"]) != p.Date {
		t.Errorf("date %v, want %s", g, p.Date)
	}
	_, g := value([]source{pr.Page.Current}, u, doc)
	if g["code"] != p.Page.Code || g["name"] != p.Page.Name {
		t.Errorf("page %q %q, want %s %s", g["code"], g["name"], p.Page.Code, p.Page.Name)
	}
	var pages []PageEntry
	doc.Find(pr.Page.List.Item).Each(func(_ int, item *goquery.Selection) {
		a := item.Find(pr.Page.List.Link).First()
		c, _ := group(pr.Page.List.Pattern, text(a), "code")
		n, _ := group(pr.Page.List.Pattern, text(a), "name")
		e := PageEntry{Code: c, Name: n, URL: resolve(u, a, "href")}
		if pr.Page.List.PDF != "" {
			e.PDF = resolve(u, item.Find(pr.Page.List.PDF).First(), "href")
		}
		if e.URL != "" && !slices.ContainsFunc(pages, func(x PageEntry) bool { return x.URL == e.URL }) {
			pages = append(pages, e)
		}
	})
	if len(pages) != len(p.Pages) {
		t.Errorf("page list of %d, want %d", len(pages), len(p.Pages))
	}
	for i := range min(len(pages), len(p.Pages)) {
		want := p.Pages[i]
		want.Archived = false
		if pages[i] != want {
			t.Errorf("page list %d: %+v, want %+v", i, pages[i], want)
		}
	}
	var arts []string
	doc.Find(pr.Page.Articles).Each(func(_ int, a *goquery.Selection) {
		arts = append(arts, resolve(u, a, "href")+" "+text(a))
	})
	var want []string
	for _, a := range p.Articles {
		want = append(want, a.URL+" "+a.Title)
	}
	if !slices.Equal(arts, want) {
		t.Errorf("articles\n%q, want\n%q", arts, want)
	}
	if p.Scan != nil {
		if got := resolve(u, doc.Find(pr.Page.Scan).First(), "src"); got != p.Scan.URL {
			t.Errorf("scan %s, want %s", got, p.Scan.URL)
		}
	}
	if p.PDF != nil && pr.Page.PDF != "" {
		if got := resolve(u, doc.Find(pr.Page.PDF).First(), "href"); got != p.PDF.URL {
			t.Errorf("pdf %s, want %s", got, p.PDF.URL)
		}
	}
}

// reservedCode are the path segments that are never a paper's code.
var reservedCode = map[string]bool{"html": true, "pc": true, "pad": true, "page": true, "res": true, "images": true}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

var reByline = regexp.MustCompile(`^■?\s*((本报|特约)?(记者|通讯员)|文\s*[/／]|本报通讯员)`)

func checkProfileArticle(t *testing.T, pr *profile, dir string, p ExpectedPage, a ArticlePage) {
	u, doc := parse(t, dir, a.URL, p.Charset)
	if id, _ := group(pr.Match.Article, u.Path, "id"); id != a.ID {
		t.Errorf("article %s: id %q from the URL", a.ID, id)
	}
	field := func(sel string) string {
		if sel == "" {
			return ""
		}
		return text(doc.Find(sel))
	}
	var paras []string
	img := false
	body := doc.Find(pr.Article.Body).First()
	body.Find("p").Each(func(_ int, s *goquery.Selection) {
		switch {
		case s.Find("img").Length() > 0:
			img = true // a photo; the paragraph after it is its caption
		case img:
			img = false
		case s.ParentsUntilSelection(body).Filter("table").Length() > 0: // in a photo's table: its caption
		case text(s) != "":
			paras = append(paras, text(s))
		}
	})
	author, inBody := field(pr.Article.Author), false
	for _, where := range pr.Article.Byline {
		if author != "" || len(paras) == 0 {
			break
		}
		line := paras[0]
		if where == "last" {
			line = paras[len(paras)-1]
		}
		if reByline.MatchString(line) {
			author, inBody = strings.TrimSpace(strings.TrimPrefix(line, "■")), true
		}
	}
	got := ArticlePage{ID: a.ID, URL: a.URL, IntroTitle: field(pr.Article.IntroTitle), Title: field(pr.Article.Title),
		SubTitle: field(pr.Article.SubTitle), Author: author, AuthorInBody: inBody, Paragraphs: len(paras),
		BodyFirst: a.BodyFirst, BodyLast: a.BodyLast, Images: body.Find("img").Length()}
	if len(paras) == 0 || !strings.HasPrefix(paras[0], a.BodyFirst) || !strings.HasSuffix(paras[len(paras)-1], a.BodyLast) {
		t.Errorf("article %s: body %q does not run from %q to %q", a.ID, paras, a.BodyFirst, a.BodyLast)
	}
	if got != a {
		t.Errorf("article %s:\n got %+v\nwant %+v", a.ID, got, a)
	}
}
