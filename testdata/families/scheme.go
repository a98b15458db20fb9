package families

import (
	"fmt"
	"path"
	"strings"
)

// A Scheme places an edition's files on its site: the path of each page, article, scan, PDF
// and photo below the site root ("html/2019-06/18/node_2.htm"), or on another host as
// "//img.hxrb.example.cn/page/…". Every family's renderer takes one, so that the same HTML
// can be written in each URL layout of issue 12 (package mirrors does).
type Scheme interface {
	Index(e *Edition) string // the paper's index page (a redirect); "" when the site has none
	Page(e *Edition, p *Page) string
	Article(e *Edition, p *Page, a *Article) string
	Scan(e *Edition, p *Page) string
	PDF(e *Edition, p *Page) string
	Asset(e *Edition, name string) string // photos: body images and map regions
}

// FilePath is where a scheme path lies in a mirror whose top holds the host folders:
// "html/…" of host h is "h/html/…", "//img.h/page/…" is "img.h/page/…".
func FilePath(host, p string) string {
	if rest, ok := strings.CutPrefix(p, "//"); ok {
		return rest
	}
	return host + "/" + p
}

// URL is the original address of a scheme path on host.
func URL(host, p string) string {
	if strings.HasPrefix(p, "//") {
		return "http:" + p
	}
	return "http://" + host + "/" + p
}

// Rel is the relative link from the page at scheme path from to the scheme path to, as
// Founder templates write them ("../../../res/1/…"); a path on another host is written as
// an absolute URL.
func Rel(from, to string) string {
	if strings.HasPrefix(to, "//") {
		return "http:" + to
	}
	if strings.HasPrefix(from, "//") {
		panic(fmt.Sprintf("families.Rel: page %q on another host", from))
	}
	fd := strings.Split(path.Dir(from), "/")
	if fd[0] == "." {
		fd = nil
	}
	td := strings.Split(to, "/")
	i := 0
	for i < len(fd) && i < len(td)-1 && fd[i] == td[i] {
		i++
	}
	return strings.Repeat("../", len(fd)-i) + strings.Join(td[i:], "/")
}

// RootLink is the root-relative link to a scheme path on the page's own host: "/pc/content/…".
func RootLink(p string) string {
	if strings.HasPrefix(p, "//") {
		return "http:" + p
	}
	return "/" + p
}

func ym(e *Edition) string   { return e.Date.Format("2006-01") }    // "2019-06"
func ymc(e *Edition) string  { return e.Date.Format("200601") }     // "201906"
func dd(e *Edition) string   { return e.Date.Format("02") }         // "18"
func ymd(e *Edition) string  { return e.Date.Format("2006-01-02") } // "2019-06-18"
func ymdC(e *Edition) string { return e.Compact() }                 // "20190618"

// HTMLPaper is the layout html/PAPER/YYYY-MM/DD/NNN/node.htm, articles content_N.htm in the
// page's folder, scans and PDFs under page/PAPER/…, photos under res/1/YYYYMMDD/: 重庆日报's
// own layout until the 2020s (testdata/fixture).
type HTMLPaper struct{}

func (HTMLPaper) Index(e *Edition) string { return "html/" + e.Paper.Code + "/index.htm" }
func (HTMLPaper) dir(e *Edition, p *Page) string {
	return "html/" + e.Paper.Code + "/" + ym(e) + "/" + dd(e) + "/" + p.Node + "/"
}
func (s HTMLPaper) Page(e *Edition, p *Page) string { return s.dir(e, p) + "node.htm" }
func (s HTMLPaper) Article(e *Edition, p *Page, a *Article) string {
	return s.dir(e, p) + "content_" + a.ID + ".htm"
}
func (HTMLPaper) file(e *Edition, p *Page, ext string) string {
	return "page/" + e.Paper.Code + "/" + ym(e) + "/" + dd(e) + "/" + p.Node + "/" +
		e.Paper.Code + ymdC(e) + p.Node + ext
}
func (s HTMLPaper) Scan(e *Edition, p *Page) string { return s.file(e, p, ".jpg") }
func (s HTMLPaper) PDF(e *Edition, p *Page) string  { return s.file(e, p, ".pdf") }
func (HTMLPaper) Asset(e *Edition, name string) string {
	return "res/1/" + ymdC(e) + "/" + name
}

// PaperDate is 重庆日报's newest layout, PAPER/YYYY-MM/DD/NNN/node.htm with articles
// content_rb_N.htm (the article ids carry the "rb_"), the index PAPER/index.htm a meta
// refresh, files under PAPER/page/….
type PaperDate struct{}

func (PaperDate) Index(e *Edition) string { return e.Paper.Code + "/index.htm" }
func (PaperDate) dir(e *Edition, p *Page) string {
	return e.Paper.Code + "/" + ym(e) + "/" + dd(e) + "/" + p.Node + "/"
}
func (s PaperDate) Page(e *Edition, p *Page) string { return s.dir(e, p) + "node.htm" }
func (s PaperDate) Article(e *Edition, p *Page, a *Article) string {
	return s.dir(e, p) + "content_" + a.ID + ".htm"
}
func (PaperDate) file(e *Edition, p *Page, ext string) string {
	return e.Paper.Code + "/page/" + ym(e) + "/" + dd(e) + "/" + p.Node + "/" + ymdC(e) + p.Node + ext
}
func (s PaperDate) Scan(e *Edition, p *Page) string { return s.file(e, p, "_b.jpg") }
func (s PaperDate) PDF(e *Edition, p *Page) string  { return s.file(e, p, ".pdf") }
func (PaperDate) Asset(e *Edition, name string) string {
	return e.Paper.Code + "/res/" + ym(e) + "/" + dd(e) + "/" + name
}

// PaperHTML is PAPER/html/YYYY-MM/DD/node_N.htm with content_N.htm beside the pages, files
// under PAPER/page/YYYY-MM/DD/NN/: one host serving several papers.
type PaperHTML struct{}

func (PaperHTML) Index(e *Edition) string { return e.Paper.Code + "/index.htm" }
func (PaperHTML) dir(e *Edition) string {
	return e.Paper.Code + "/html/" + ym(e) + "/" + dd(e) + "/"
}
func (s PaperHTML) Page(e *Edition, p *Page) string { return s.dir(e) + "node_" + p.Node + ".htm" }
func (s PaperHTML) Article(e *Edition, p *Page, a *Article) string {
	return s.dir(e) + "content_" + a.ID + ".htm"
}
func (PaperHTML) file(e *Edition, p *Page, ext string) string {
	return e.Paper.Code + "/page/" + ym(e) + "/" + dd(e) + "/" + p.Code + "/" +
		e.Paper.Code + ymdC(e) + p.Code + ext
}
func (s PaperHTML) Scan(e *Edition, p *Page) string { return s.file(e, p, "_b.jpg") }
func (s PaperHTML) PDF(e *Edition, p *Page) string  { return s.file(e, p, ".pdf") }
func (PaperHTML) Asset(e *Edition, name string) string {
	return e.Paper.Code + "/res/" + ymdC(e) + "/" + name
}

// HTMLDate is html/YYYY-MM/DD/node_N.htm with content_N.htm beside them: the site serves one
// paper and its code is only in the host. Scans and PDFs are under page/1/YYYY-MM-DD/CODE/,
// on FileHost when it is set (a host of their own, as big sites do).
type HTMLDate struct {
	FileHost string // "img.hxrb.example.cn"; "" for the page's own host
}

func (HTMLDate) Index(*Edition) string { return "index.html" }
func (HTMLDate) dir(e *Edition) string { return "html/" + ym(e) + "/" + dd(e) + "/" }
func (s HTMLDate) Page(e *Edition, p *Page) string {
	return s.dir(e) + "node_" + p.Node + ".htm"
}
func (s HTMLDate) Article(e *Edition, p *Page, a *Article) string {
	return s.dir(e) + "content_" + a.ID + ".htm"
}
func (s HTMLDate) file(e *Edition, p *Page, ext string) string {
	f := "page/1/" + ymd(e) + "/" + p.Code + "/" + ymdC(e) + p.Code + ext
	if s.FileHost != "" {
		return "//" + s.FileHost + "/" + f
	}
	return f
}
func (s HTMLDate) Scan(e *Edition, p *Page) string { return s.file(e, p, "_b.jpg") }
func (s HTMLDate) PDF(e *Edition, p *Page) string  { return s.file(e, p, ".pdf") }
func (HTMLDate) Asset(e *Edition, name string) string {
	return "res/1/" + ymdC(e) + "/" + name
}

// Layout is Founder's layout/content scheme of the 2020s: PREFIX/layout/YYYYMM/DD/node_NN.html
// and PREFIX/content/YYYYMM/DD/content_N.html, scans PREFIX/pic/YYYYMM/DD/…, PDFs
// PREFIX/attachement/YYYYMM/DD/… (sic, as the sites spell it). PREFIX is "PAPER/pc",
// "pc" (no paper code in the path) or "PAPER/pad".
type Layout struct {
	Prefix    string // "dhrb/pc"
	Files     string // prefix of pic/, attachement/ and res/ when not Prefix ("bhrb/pc" for pad)
	IndexPath string // the index page's path; "" for none
}

func (s Layout) Index(*Edition) string { return s.IndexPath }
func (s Layout) files() string {
	if s.Files != "" {
		return s.Files
	}
	return s.Prefix
}
func (s Layout) Page(e *Edition, p *Page) string {
	return s.Prefix + "/layout/" + ymc(e) + "/" + dd(e) + "/node_" + p.Node + ".html"
}
func (s Layout) Article(e *Edition, p *Page, a *Article) string {
	return s.Prefix + "/content/" + ymc(e) + "/" + dd(e) + "/content_" + a.ID + ".html"
}
func (s Layout) Scan(e *Edition, p *Page) string {
	return s.files() + "/pic/" + ymc(e) + "/" + dd(e) + "/" + e.Paper.Code + ymdC(e) + p.Node + "_b.jpg"
}
func (s Layout) PDF(e *Edition, p *Page) string {
	name := p.PDFName
	if name == "" {
		name = e.Paper.Code + ymdC(e) + p.Node + ".pdf"
	}
	return s.files() + "/attachement/" + ymc(e) + "/" + dd(e) + "/" + name
}
func (s Layout) Asset(e *Edition, name string) string {
	return s.files() + "/res/" + ymc(e) + "/" + dd(e) + "/" + name
}

// NBS is the People's Daily layout before 2024-12: PAPER/html/YYYY-MM/DD/nbs.D110000WORD_NN.htm
// pages and nw.D110000WORD_YYYYMMDD_K-NN.htm articles (article K of page NN; the article's id
// is "K-NN"), files under PAPER/page/YYYY-MM/DD/NN/ and PAPER/res/.
type NBS struct {
	Word string // "zhrbao": the site's own word in nbs.D110000zhrbao_01.htm
}

func (NBS) Index(e *Edition) string { return e.Paper.Code + "/paperindex.htm" }
func (NBS) dir(e *Edition) string   { return e.Paper.Code + "/html/" + ym(e) + "/" + dd(e) + "/" }
func (s NBS) Page(e *Edition, p *Page) string {
	return s.dir(e) + "nbs.D110000" + s.Word + "_" + p.Node + ".htm"
}
func (s NBS) Article(e *Edition, p *Page, a *Article) string {
	return s.dir(e) + "nw.D110000" + s.Word + "_" + ymdC(e) + "_" + a.ID + ".htm"
}
func (NBS) file(e *Edition, p *Page, ext string) string {
	return e.Paper.Code + "/page/" + ym(e) + "/" + dd(e) + "/" + p.Node + "/" + e.Paper.Code + ymdC(e) + p.Node + ext
}
func (s NBS) Scan(e *Edition, p *Page) string { return s.file(e, p, "_b.jpg") }
func (s NBS) PDF(e *Edition, p *Page) string  { return s.file(e, p, ".pdf") }
func (NBS) Asset(e *Edition, name string) string {
	return e.Paper.Code + "/res/" + ym(e) + "/" + dd(e) + "/" + name
}
