package families

import (
	"text/template"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// Classic renders the Founder template of the 2000s and 2010s (the shape of
// testdata/fixture) in the variants real sites show: upper-case tags, unquoted attributes,
// tables, the page list as A#pageLink "第A01版：要闻" with its PDF, SPAN#pageName, the article
// list of A > DIV#mpN, the scan with MAP[name=pagepicmap] (several AREAs may lead to one
// article, one may lead to a photo), Founder's tags and the enpproperty comment on articles,
// and a second <BODY> holding a counter. The knobs add what other sites do.
type Classic struct {
	Scheme   Scheme
	Encoding Encoding // per site; a page's Charset overrides the charset
	// PaperNameTag writes <founder-papername> (the paper's real name) on every page.
	PaperNameTag bool
	// Masthead writes the paper's name in the header: "text" (a DIV), "img" (an IMG's alt),
	// "" none.
	Masthead string
	// ListTwice writes the page list a second time, as a bar above the scan ("A01版：要闻").
	ListTwice bool
	// Static is the host of the stylesheet, scripts and logo, none of them in the mirror;
	// "" puts a stylesheet on the site itself (css/epaper.css).
	Static string
	// Shown is the size the scan is shown at (IMG width/height, map coordinates); zero: ScanSize.
	Shown fixture.Size
	// IndexJS makes the index redirect with a script (location.href) instead of a meta refresh.
	IndexJS bool
}

type classicView struct {
	C          *Classic
	E          *Edition
	P          *Page
	Prev, Next *Page
	A          *Article
	PrevA      *Article
	NextA      *Article
	Self       string // this file's scheme path
}

func (v classicView) Link(to string) string     { return Rel(v.Self, to) }
func (v classicView) PageHref(p *Page) string   { return v.Link(v.C.Scheme.Page(v.E, p)) }
func (v classicView) PDFHref(p *Page) string    { return v.Link(v.C.Scheme.PDF(v.E, p)) }
func (v classicView) ScanSrc() string           { return v.Link(v.C.Scheme.Scan(v.E, v.P)) }
func (v classicView) AssetHref(n string) string { return v.Link(v.C.Scheme.Asset(v.E, n)) }
func (v classicView) ArticleHref(id string) string {
	p, a := v.E.Article(id)
	return v.Link(v.C.Scheme.Article(v.E, p, a))
}
func (v classicView) Title(id string) string { _, a := v.E.Article(id); return a.PlainTitle() }
func (v classicView) Enc() Encoding {
	enc := v.C.Encoding
	if v.P.Charset != "" {
		enc.Charset = v.P.Charset
	}
	return enc
}
func (v classicView) Shown() fixture.Size {
	if v.C.Shown.W == 0 {
		return ScanSize
	}
	return v.C.Shown
}
func (v classicView) Coords(poly fixture.Polygon) string { return coords(poly, v.Shown()) }
func (v classicView) CSS() string {
	if v.C.Static != "" {
		return "http://" + v.C.Static + "/epaper/css/style.css"
	}
	return v.Link("css/epaper.css")
}
func (v classicView) Date(layout string) string { return v.E.Date.Format(layout) }

var classicTmpl = template.Must(template.New("").Funcs(funcs).Parse(`
{{- define "index" -}}
<HTML>
<HEAD>
<META http-equiv=Content-Type content="text/html; charset=utf-8">
{{- if .C.IndexJS}}
<SCRIPT language=javascript>
location.href="{{.PageHref .P}}";
</SCRIPT>
{{- else}}
<META http-equiv=refresh content="0; URL={{.PageHref .P}}">
{{- end}}
</HEAD>
<BODY>
</BODY>
</HTML>
{{end}}

{{- define "head" -}}
<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
<HEAD>
<TITLE>{{.E.Paper.Title}}</TITLE>
<META http-equiv=Content-Type content="text/html; charset={{.Enc.MetaCharset}}">
<LINK href="{{.CSS}}" type=text/css rel=stylesheet>
{{- with .C.Static}}
<SCRIPT language=javascript src="http://{{.}}/epaper/js/calendar.js"></SCRIPT>
{{- end}}
</HEAD>
<BODY leftMargin=0 topMargin=0>
{{- if .C.PaperNameTag}}
<DIV style="display:none"><founder-papername>{{.E.Paper.Name}}</founder-papername></DIV>
{{- end}}
<TABLE cellSpacing=0 cellPadding=0 width=1000 align=center border=0>
  <TR>
    <TD width=300>
{{- if eq .C.Masthead "text"}}<DIV class=masthead>{{.E.Paper.Name}}</DIV>
{{- else if eq .C.Masthead "img"}}<IMG src="{{.Link "images/logo.gif"}}" alt="{{.E.Paper.Name}}" border=0>
{{- else if .C.Static}}<IMG src="http://{{.C.Static}}/epaper/images/logo.gif" alt="数字报" border=0>
{{- end}}</TD>
    <TD class=px12 align=right>{{.Date "2006年01月02日"}} {{.E.Weekday}}</TD>
  </TR>
</TABLE>
{{- if .C.ListTwice}}
<DIV class=bmnav>{{range $i, $p := .E.Pages}}{{if $i}} | {{end}}<A id=pageLink href={{$.PageHref $p}}>{{$p.Code}}版：{{$p.Name}}</A>{{end}}</DIV>
{{- end}}
<TABLE cellSpacing=0 cellPadding=0 width=1000 align=center border=0>
  <TR>
    <TD vAlign=top width=300>
{{- end}}

{{- define "side" -}}
    </TD>
    <TD vAlign=top>
      <SPAN id=pageName>第{{.P.Code}}版：<STRONG>{{.P.Name}}</STRONG></SPAN><BR>
      {{with .Prev}}<A id=preNode href={{$.PageHref .}}>上一版</A>{{end}} {{with .Next}}<A id=nextNode href={{$.PageHref .}}>下一版</A>{{end}}
      <TABLE id=articleList cellSpacing=0 cellPadding=2 width="100%" border=0>
{{- range .P.Articles}}
        <TR><TD class=px12><A href={{$.ArticleHref .ID}}><DIV style="display:inline" id=mp{{.ID}}>{{esc .PlainTitle}}</DIV></A></TD></TR>
{{- end}}
      </TABLE>
      <TABLE id=pageList cellSpacing=0 cellPadding=2 width="100%" border=0>
{{- range .E.Pages}}
        <TR>
          <TD class=px12><A id=pageLink href={{$.PageHref .}}>第{{.Code}}版：{{.Name}}</A>
          <TD width=20>{{if .PDF}}<A href={{$.PDFHref .}} target=_blank><IMG src="{{$.Link "images/pdf.gif"}}" border=0></A>{{else}}&nbsp;{{end}}
{{- end}}
      </TABLE>
{{- with .P.Sidebar}}
      <DIV class=sidebar><H3>本期导读</H3>
      <UL>{{range .}}<LI><A href={{$.ArticleHref .}}>{{esc ($.Title .)}}</A></LI>{{end}}</UL>
      </DIV>
{{- end}}
    </TD>
  </TR>
</TABLE>
<TABLE cellSpacing=0 cellPadding=4 width=1000 align=center border=0>
  <TR><TD class=px12 align=center>{{.E.Paper.Name}}社版权所有<BR>技术支持:北京北大方正电子有限公司</TD></TR>
</TABLE>
</BODY>
<BODY>
<IFRAME src="http://count.{{.E.Paper.Code}}.example.cn/count.asp?node={{.P.Node}}" width=0 height=0 frameBorder=0></IFRAME>
</BODY>
</HTML>
{{end}}

{{- define "node" -}}
{{template "head" .}}
{{- if .P.Scan}}
      <IMG src="{{.ScanSrc}}" useMap=#pagepicmap border=0 width={{.Shown.W}} height={{.Shown.H}}>
<MAP NAME="pagepicmap">
{{- range .P.Articles}}{{$id := .ID}}{{range .Regions}}
<Area shape="polygon" coords="{{$.Coords .}}" href="{{$.ArticleHref $id}}">
{{- end}}{{end}}
{{- range .P.Photos}}
<Area shape="polygon" coords="{{$.Coords .Region}}" href="{{$.AssetHref .Name}}" target=_blank>
{{- end}}
</MAP>
{{- else}}
      &nbsp;
{{- end}}
{{template "side" .}}
{{- end}}

{{- define "prevnext"}}
      <DIV class=px12 align=right>{{with .PrevA}}<A href={{$.ArticleHref .ID}}><SPAN style="font-family:webdings">3</SPAN>上一篇</A>{{end}}&nbsp;&nbsp;{{with .NextA}}<A href={{$.ArticleHref .ID}}>下一篇<SPAN style="font-family:webdings">4</SPAN></A>{{end}}</DIV>
{{- end}}

{{- define "content" -}}
{{template "head" .}}
{{- template "prevnext" .}}
      <TABLE cellSpacing=0 cellPadding=6 width="100%" border=0>
        <TR><TD class=font02 align=center><founder-introtitle>{{esc .A.IntroTitle}}</founder-introtitle></TD></TR>
        <TR><TD class=font01 align=center><founder-title>{{brs .A.Title}}</founder-title></TD></TR>
        <TR><TD class=font02 align=center><founder-subtitle>{{esc .A.SubTitle}}</founder-subtitle></TD></TR>
        <TR><TD class=font03 align=center><founder-author>{{esc .A.Author}}</founder-author></TD></TR>
        <TR><TD class=content>
<DIV id=ozoom><!--enpcontent--><founder-content>
{{- with .A.Image}}<TABLE align=center><TR><TD><IMG src="{{$.AssetHref .Name}}"></TD></TR><TR><TD>{{esc .Caption}}</TD></TR></TABLE>{{end}}
{{- range .A.Paragraphs}}
<P>　　{{brs .}}</P>
{{- end}}
</founder-content><!--/enpcontent--></DIV>
        </TD></TR>
      </TABLE>
<!--enpproperty <articleid>{{.A.ID}}</articleid><date>{{.Date "2006-01-02"}} 00:00:00:0</date><author>{{.A.Author}}</author><title>{{.A.PlainTitle}}</title><keyword></keyword><subtitle>{{.A.SubTitle}}</subtitle><introtitle>{{.A.IntroTitle}}</introtitle><siteid>1</siteid><nodeid>{{.P.Node}}</nodeid><nodename>{{.P.Name}}</nodename><nodesearchname></nodesearchname>/enpproperty-->
{{- template "prevnext" .}}
{{template "side" .}}
{{- end}}
`))

// Files renders edition e: the index, the site's own assets, then page by page its HTML, its
// articles, scan, PDF and photos.
func (c *Classic) Files(e *Edition) ([]File, error) {
	w := &emitter{e: e, scheme: c.Scheme}
	if idx := c.Scheme.Index(e); idx != "" {
		data, err := render(classicTmpl, "index", classicView{C: c, E: e, P: e.Pages[0], Self: idx}, Encoding{})
		w.put(idx, KindIndex, nil, nil, data, err)
	}
	if c.Static == "" {
		w.asset("css/epaper.css", []byte(classicCSS))
	}
	w.asset("images/pdf.gif", pdfIcon)
	if c.Masthead == "img" {
		w.asset("images/logo.gif", pdfIcon)
	}
	for i, p := range e.Pages {
		v := classicView{C: c, E: e, P: p, Self: c.Scheme.Page(e, p)}
		if i > 0 {
			v.Prev = e.Pages[i-1]
		}
		if i+1 < len(e.Pages) {
			v.Next = e.Pages[i+1]
		}
		data, err := render(classicTmpl, "node", v, v.Enc())
		w.put(v.Self, KindPage, p, nil, data, err)
		for j, a := range p.Articles {
			va := v
			va.A, va.Self = a, c.Scheme.Article(e, p, a)
			if j > 0 {
				va.PrevA = p.Articles[j-1]
			}
			if j+1 < len(p.Articles) {
				va.NextA = p.Articles[j+1]
			}
			data, err := render(classicTmpl, "content", va, va.Enc())
			w.put(va.Self, KindArticle, p, a, data, err)
		}
		w.pageFiles(p)
	}
	return w.files, w.err
}

const classicCSS = `body { font-family: SimSun, serif; }
.px12 { font-size: 12px; } .font01 { font-size: 22px; font-weight: bold; }
`
