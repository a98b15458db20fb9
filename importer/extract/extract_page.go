package extract

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

var (
	selLinks     = cascadia.MustCompile("a[href]")
	selImages    = cascadia.MustCompile("img[src]")
	selMaps      = cascadia.MustCompile("map")
	selAreas     = cascadia.MustCompile("area[href]")
	selTitle     = cascadia.MustCompile("title")
	selRefresh   = cascadia.MustCompile("meta[http-equiv]")
	rePageName   = regexp.MustCompile(`第\s*([0-9A-Za-z]+)\s*版\s*[：:]?\s*(.*)`)
	reArticleURL = regexp.MustCompile(`(?i)content_([0-9A-Za-z_\-]+)\.html?$`)
	reDayURL     = regexp.MustCompile(`/(\d{4})-(\d{2})/(\d{2})/`)
	reDateLine   = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reRefreshURL = regexp.MustCompile(`(?i)url\s*=\s*['"]?([^'"\s>]+)`)
	chinaTime    = time.FixedZone("CST", 8*3600)
)

// ExtractPage reads a page (版) of an edition: its number and name, the edition's page list,
// the page's articles in reading order, the scan with its image map, and the PDF. body is the
// page decoded to UTF-8, pageURL where it came from. The paper's code is PaperCode(pageURL),
// the date comes from the URL (/YYYY-MM/DD/) or else the date line (2021年04月14日). The page
// list, the page's own number and the date are required; everything else (image map, PDF,
// articles: a full-page ad has none) may be missing from real pages.
func ExtractPage(body string, pageURL *url.URL) (*Page, error) {
	return ExtractPageWith(builtins, body, pageURL)
}

// extractGenericPage reads a page by the heuristics (profile founder-generic).
func extractGenericPage(doc sel, pageURL *url.URL) (*Page, error) {
	var err error
	p := &Page{URL: pageURL.String()}
	p.Pages = pageList(doc, pageURL)
	if len(p.Pages) == 0 {
		return nil, fmt.Errorf("%s: no page list: no link named 第N版", pageURL)
	}
	p.Num, p.Name = currentPage(doc, pageURL, p.Pages)
	if p.Num == "" {
		return nil, fmt.Errorf("%s: no page number: no 第N版 for this page", pageURL)
	}
	p.Paper, p.PaperName = paperOf(doc, pageURL)
	p.Date, err = editionDate(doc, pageURL)
	if err != nil {
		return nil, err
	}
	p.Articles = articleList(doc, pageURL)
	scanMap(doc, pageURL, p)
	p.PDFURL = pagePDF(doc, pageURL, p)
	return p, nil
}

// pageList finds the links named 第N版：name, in document order, one per page.
func pageList(doc sel, base *url.URL) []PageRef {
	var refs []PageRef
	seen := map[string]bool{}
	doc.find(selLinks).each(func(a sel) {
		m := rePageName.FindStringSubmatch(cleanText(a.text()))
		if m == nil {
			return
		}
		u := resolve(base, a.attrOr("href", ""))
		if u == "" || seen[u] || strings.HasSuffix(strings.ToLower(u), ".pdf") {
			return
		}
		seen[u] = true
		refs = append(refs, PageRef{URL: u, Num: m[1], Name: strings.TrimSpace(m[2]), PDFURL: rowPDF(a, base)})
	})
	return refs
}

// currentPage finds this page's number and name: its own entry in the page list, or, on an
// article page, the 第N版 text outside any link.
func currentPage(doc sel, u *url.URL, pages []PageRef) (string, string) {
	self := *u
	self.Fragment, self.RawFragment = "", ""
	for _, p := range pages {
		if p.URL == self.String() {
			return p.Num, p.Name
		}
	}
	var num, name string
	doc.find(selAllInBody).eachWhile(func(s sel) bool {
		if nodeName(s) == "a" || s.closest(selA).length() > 0 || nodeName(s) == "script" {
			return true
		}
		own := ownText(s)
		if !rePageName.MatchString(own) {
			return true
		}
		if m := rePageName.FindStringSubmatch(cleanText(s.text())); m != nil {
			num, name = m[1], strings.TrimSpace(m[2])
			return false
		}
		return true
	})
	return num, name
}

// ownText is the text of s's own text children, without its elements'.
func ownText(s sel) string {
	var b strings.Builder
	for _, n := range s {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
	}
	return b.String()
}

// paperOf takes the paper's code from the URL (PaperCode) and its name from <title>: the
// first part of it, split at - _ | —, that is not a 第N版 label or a date.
func paperOf(doc sel, u *url.URL) (string, string) {
	code := PaperCode(u)
	name := ""
	for _, part := range reTitleSep.Split(cleanText(doc.find(selTitle).first().text()), -1) {
		part = cleanText(part)
		if part != "" && !rePageName.MatchString(part) && !reDateLine.MatchString(part) {
			name = part
			break
		}
	}
	if name == "" {
		name = code
	}
	return code, name
}

var (
	reTitleSep   = regexp.MustCompile(`\s*[-_|—–]+\s*`)
	rePaperInURL = regexp.MustCompile(`/html/([A-Za-z][A-Za-z0-9_\-]{0,39})/`)
	reHostLabel  = regexp.MustCompile(`^[a-z0-9][a-z0-9\-]{0,62}$`)
)

// PaperCode is the folder name of the paper a URL belongs to: the code in /html/<code>/
// (/html/cqrb/2021-04/14/005/node.htm → "cqrb"), else the host's code (HostCode:
// epaper.example.cn → "example", www.example.com.cn → "example"), else "paper" (for a host
// that is an IP address or localhost). Codes are lower-case. It is the rule of the
// heuristics (founder-generic); a profile's paper.code patterns come before the host.
func PaperCode(u *url.URL) string {
	if u == nil {
		return "paper"
	}
	if m := rePaperInURL.FindStringSubmatch(u.Path); m != nil {
		return strings.ToLower(m[1])
	}
	if code := HostCode(u.Hostname()); code != "" {
		return code
	}
	return "paper"
}

// editionDate takes the date from the URL (/2021-04/14/) or else from the date line.
func editionDate(doc sel, u *url.URL) (time.Time, error) {
	m := reDayURL.FindStringSubmatch(u.Path)
	if m == nil {
		m = reDateLine.FindStringSubmatch(doc.find(selBody).text())
	}
	if m == nil {
		return time.Time{}, fmt.Errorf("%s: no date: neither in the URL nor a date line 年月日", u)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, chinaTime)
	if t.Month() != time.Month(mo) || t.Day() != d {
		return time.Time{}, fmt.Errorf("%s: no date: %s-%s-%s is not a day", u, m[1], m[2], m[3])
	}
	return t, nil
}

// articleList finds the links to the page's articles, in reading order: the first time each
// article is linked. Titles come from the longest text any of its links has.
func articleList(doc sel, base *url.URL) []ArticleRef {
	var refs []ArticleRef
	index := map[string]int{}
	doc.find(selLinks).each(func(a sel) {
		u := resolve(base, a.attrOr("href", ""))
		id := ArticleID(u)
		if id == "" || !sameDir(u, base) {
			return
		}
		title := titleText(a)
		if title == "" {
			title = cleanText(a.attrOr("title", ""))
		}
		if i, ok := index[u]; ok {
			if len([]rune(title)) > len([]rune(refs[i].Title)) {
				refs[i].Title = title
			}
			return
		}
		index[u] = len(refs)
		refs = append(refs, ArticleRef{URL: u, ID: id, Title: title})
	})
	for i := range refs {
		if refs[i].Title != "" {
			refs[i].TitleFrom = "link"
		}
	}
	return refs
}

// ArticleID is the id in an article URL (content_268824.htm → 268824), or "".
func ArticleID(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	if m := reArticleURL.FindStringSubmatch(path.Base(pu.Path)); m != nil {
		return m[1]
	}
	return ""
}

func sameDir(u string, base *url.URL) bool {
	pu, err := url.Parse(u)
	return err == nil && pu.Host == base.Host && path.Dir(pu.Path) == path.Dir(base.Path)
}

// pagePDF picks this page's PDF among the PDF links: the one next to this page's entry in the
// page list, else one in the scan's folder, else the only one.
func pagePDF(doc sel, base *url.URL, p *Page) string {
	var pdfs []sel
	doc.find(selLinks).each(func(a sel) {
		if strings.HasSuffix(strings.ToLower(hrefPath(a.attrOr("href", ""))), ".pdf") {
			pdfs = append(pdfs, a)
		}
	})
	self := ""
	for _, ref := range p.Pages {
		if ref.Num == p.Num {
			self = ref.URL
		}
	}
	for _, a := range pdfs {
		row := a.closest(selTR)
		found := false
		row.find(selLinks).each(func(l sel) {
			if resolve(base, l.attrOr("href", "")) == self {
				found = true
			}
		})
		if found && row.length() > 0 {
			return resolve(base, a.attrOr("href", ""))
		}
	}
	if p.ScanURL != "" {
		scanDir := path.Dir(hrefPath(p.ScanURL))
		for _, a := range pdfs {
			u := resolve(base, a.attrOr("href", ""))
			if path.Dir(hrefPath(u)) == scanDir {
				return u
			}
		}
	}
	if len(pdfs) == 1 {
		return resolve(base, pdfs[0].attrOr("href", ""))
	}
	return ""
}

// ExtractRefresh returns the target of a <meta http-equiv=refresh> page (the paper's index
// points at its newest edition this way), or "".
func ExtractRefresh(body string, base *url.URL) string {
	doc, err := parse(body)
	if err != nil {
		return ""
	}
	target := ""
	doc.find(selRefresh).eachWhile(func(m sel) bool {
		if !strings.EqualFold(m.attrOr("http-equiv", ""), "refresh") {
			return true
		}
		if mm := reRefreshURL.FindStringSubmatch(m.attrOr("content", "")); mm != nil {
			target = resolve(base, mm[1])
			return false
		}
		return true
	})
	return target
}
