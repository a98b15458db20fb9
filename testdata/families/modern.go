package families

import (
	"fmt"
	"text/template"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// Modern renders the Founder templates of the 2010s and 2020s, one Flavour each: lower-case
// HTML5, UTF-8, one template per page kind.
//
//	"people"    People's Daily since 2024-12-01: div.swiper-slide a#pageLink (a PDF link
//	            beside each), ul.news-list li a, div.article h3/h1/h2, p.sec, #ozoom
//	"economic"  经济日报's: ul#list li a, h1#Title, p#Author, #ozoom, the date only in a hidden
//	            <date>, root-relative links (/pc/…)
//	"guangming" 光明日报's: div.m-title-list li a (absolute URLs), .m-type "01版:要闻",
//	            span.m-article-author, the PDF of the current page only
//	"city"      many city papers': ul#layoutlist, p#PreTitle, h2#Title, p#SubTitle, a.preArt,
//	            a.nextArt, founder-content inside #ozoom
//	"pad"       Founder's mobile pages: the body in #scroller, the author field holding the
//	            date, the byline the body's first paragraph, no image map
//	"nbs"       People's Daily before 2024-12: nbs.…_NN.htm, nw.…_K-NN.htm, #pageList
//	            a#pageLink, #titleList, div.text_c h3/h1/h2/h4, enpproperty
type Modern struct {
	Flavour string
	Scheme  Scheme
	Links   string // "rel" (default), "root" (/pc/…) or "abs" (http://host/…)
	IndexJS bool   // the index redirects with location.href instead of a meta refresh
	CSS     string // scheme path of the site's stylesheet, written to the mirror; "" none
	Static  string // scheme folder of the template's images (logo, icons), not in the mirror
}

type modernView struct {
	M          *Modern
	E          *Edition
	P          *Page
	Prev, Next *Page
	A          *Article
	PrevA      *Article
	NextA      *Article
	Self       string
}

func (v modernView) Link(to string) string {
	switch v.M.Links {
	case "root":
		return RootLink(to)
	case "abs":
		return URL(v.E.Paper.Host, to)
	}
	return Rel(v.Self, to)
}
func (v modernView) PageHref(p *Page) string   { return v.Link(v.M.Scheme.Page(v.E, p)) }
func (v modernView) PDFHref(p *Page) string    { return v.Link(v.M.Scheme.PDF(v.E, p)) }
func (v modernView) ScanSrc() string           { return v.Link(v.M.Scheme.Scan(v.E, v.P)) }
func (v modernView) AssetHref(n string) string { return v.Link(v.M.Scheme.Asset(v.E, n)) }
func (v modernView) ArticleHref(a *Article) string {
	p, _ := v.E.Article(a.ID)
	return v.Link(v.M.Scheme.Article(v.E, p, a))
}
func (v modernView) CSSHref() string                    { return v.Link(v.M.CSS) }
func (v modernView) Static(name string) string          { return v.Link(v.M.Static + "/" + name) }
func (v modernView) Coords(poly fixture.Polygon) string { return coords(poly, ScanSize) }
func (v modernView) Date(layout string) string          { return v.E.Date.Format(layout) }

func (m *Modern) tmpl() (*template.Template, error) {
	t, ok := modernTmpls[m.Flavour]
	if !ok {
		return nil, fmt.Errorf("families: no flavour %q", m.Flavour)
	}
	return t, nil
}

// Files renders edition e: the index, the stylesheet, then page by page its HTML, its
// articles, scan, PDF and photos.
func (m *Modern) Files(e *Edition) ([]File, error) {
	t, err := m.tmpl()
	if err != nil {
		return nil, err
	}
	w := &emitter{e: e, scheme: m.Scheme}
	if idx := m.Scheme.Index(e); idx != "" {
		data, err := render(indexTmpl, "index", modernView{M: m, E: e, P: e.Pages[0], Self: idx}, Encoding{})
		w.put(idx, KindIndex, nil, nil, data, err)
	}
	if m.CSS != "" {
		w.asset(m.CSS, []byte(modernCSS))
	}
	for i, p := range e.Pages {
		v := modernView{M: m, E: e, P: p, Self: m.Scheme.Page(e, p)}
		if i > 0 {
			v.Prev = e.Pages[i-1]
		}
		if i+1 < len(e.Pages) {
			v.Next = e.Pages[i+1]
		}
		data, err := render(t, "node", v, Encoding{})
		w.put(v.Self, KindPage, p, nil, data, err)
		for j, a := range p.Articles {
			va := v
			va.A, va.Self = a, m.Scheme.Article(e, p, a)
			if j > 0 {
				va.PrevA = p.Articles[j-1]
			}
			if j+1 < len(p.Articles) {
				va.NextA = p.Articles[j+1]
			}
			data, err := render(t, "content", va, Encoding{})
			w.put(va.Self, KindArticle, p, a, data, err)
		}
		w.pageFiles(p)
	}
	return w.files, w.err
}

var indexTmpl = template.Must(template.New("").Funcs(funcs).Parse(`
{{- define "index" -}}
<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
{{- if .M.IndexJS}}
<script type="text/javascript">
	location.href = "{{.PageHref .P}}";
</script>
{{- else}}
<meta http-equiv="REFRESH" content="0; URL={{.PageHref .P}}">
{{- end}}
</head>
<body></body>
</html>
{{end}}`))

// modernTmpls are the flavours' templates, each defining "node" and "content".
var modernTmpls = map[string]*template.Template{
	"people":    template.Must(template.New("").Funcs(funcs).Parse(peopleTmpl)),
	"economic":  template.Must(template.New("").Funcs(funcs).Parse(economicTmpl)),
	"guangming": template.Must(template.New("").Funcs(funcs).Parse(guangmingTmpl)),
	"city":      template.Must(template.New("").Funcs(funcs).Parse(cityTmpl)),
	"pad":       template.Must(template.New("").Funcs(funcs).Parse(padTmpl)),
	"nbs":       template.Must(template.New("").Funcs(funcs).Parse(nbsTmpl)),
}

const modernCSS = `body { font-family: "Microsoft YaHei", sans-serif; margin: 0; }
.hide, date { display: none; }
`
