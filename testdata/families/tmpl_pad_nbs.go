package families

// padTmpl is the shape of Founder's mobile pages (PAPER/pad/…): everything in
// div#wrapper > div#scroller (iScroll), the page in div.bm-title "01版：要闻", its scan
// without a map (from the pc/ folders), the articles in ul.article-list, the page list in
// div.bm-nav; an article with p.pretitle, h1, p.subtitle and p.author, which holds the
// date: the byline is the body's first paragraph.
const padTmpl = `
{{- define "top" -}}
<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0, user-scalable=no">
<title>{{.E.Paper.Title}}</title>
<link rel="stylesheet" href="{{.CSSHref}}">
<script src="{{.Static "js/iscroll.js"}}"></script>
</head>
<body>
<div id="wrapper">
	<div id="scroller">
{{- end}}

{{- define "nav"}}
	</div>
</div>
<div class="bm-nav">
	<ul>
{{- range .E.Pages}}
		<li><a href="{{$.PageHref .}}">{{.Code}}版：{{.Name}}</a></li>
{{- end}}
	</ul>
</div>
</body>
</html>
{{end}}

{{- define "node" -}}
{{template "top" .}}
		<div class="paper-name">{{.E.Paper.Name}}</div>
		<div class="bm-title">{{.P.Code}}版：{{.P.Name}}</div>
{{- if .P.Scan}}
		<div class="bm-pic"><img src="{{.ScanSrc}}" width="100%"></div>
{{- end}}
		<ul class="article-list">
{{- range .P.Articles}}
			<li><a href="{{$.ArticleHref .}}">{{esc .PlainTitle}}</a></li>
{{- end}}
		</ul>
{{- template "nav" .}}
{{- end}}

{{- define "content" -}}
{{template "top" .}}
		<div class="bm-title">{{.P.Code}}版：{{.P.Name}}</div>
		<div class="art-head">
			<p class="pretitle">{{esc .A.IntroTitle}}</p>
			<h1>{{brs .A.Title}}</h1>
			<p class="subtitle">{{esc .A.SubTitle}}</p>
			<p class="author">{{.Date "2006-01-02"}}</p>
		</div>
		<div class="art-body">
{{- with .A.Image}}
			<p><img src="{{$.AssetHref .Name}}" width="100%"></p><p>{{esc .Caption}}</p>
{{- end}}
{{- range .A.Paragraphs}}
			<p>{{brs .}}</p>
{{- end}}
		</div>
		<div class="art-nav">{{with .PrevA}}<a href="{{$.ArticleHref .}}">上一篇</a>{{end}} {{with .NextA}}<a href="{{$.ArticleHref .}}">下一篇</a>{{end}}</div>
{{- template "nav" .}}
{{- end}}
`

// nbsTmpl is the shape of People's Daily's pages before 2024-12 (nbs.D110000…_NN.htm): the
// page in div.l_t "第01版：要闻", the scan with map#PagePicMap, the articles in div#titleList
// ul li a, the page list in div#pageList a#pageLink with each page's PDF; an article in
// div.text_c: h3 引题, h1 title, h2 副题, h4 byline, #ozoom with enpcontent and
// founder-content, and the enpproperty comment.
const nbsTmpl = `
{{- define "top" -}}
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{{.E.Paper.Title}}</title>
<link href="{{.CSSHref}}" rel="stylesheet" type="text/css" />
</head>
<body>
<div class="w1000 header">
	<div class="logo"><img src="{{.Static "images/logo.gif"}}" alt="{{.E.Paper.Name}}" /></div>
	<div class="date">{{.Date "2006年01月02日"}}&nbsp;{{.E.Weekday}}</div>
</div>
<div class="w1000 c_c">
	<div class="l_t">第{{.P.Code}}版：{{.P.Name}}</div>
{{- end}}

{{- define "side"}}
	<div class="right">
		<div id="titleList">
			<ul>
{{- range .P.Articles}}
				<li><a href="{{$.ArticleHref .}}">{{esc .PlainTitle}}</a></li>
{{- end}}
			</ul>
		</div>
		<div id="pageList">
			<ul>
{{- range .E.Pages}}
				<li><a id="pageLink" href="{{$.PageHref .}}">{{.Code}}版：{{.Name}}</a>{{if .PDF}}<a href="{{$.PDFHref .}}"><img src="{{$.Static "images/pdf.gif"}}" border="0" /></a>{{end}}</li>
{{- end}}
			</ul>
		</div>
	</div>
</div>
</body>
</html>
{{end}}

{{- define "node" -}}
{{template "top" .}}
{{- if .P.Scan}}
	<div class="ban"><img src="{{.ScanSrc}}" usemap="#PagePicMap" border="0" width="300" height="450" />
	<map name="PagePicMap">
{{- range .P.Articles}}{{$a := .}}{{range .Regions}}
		<area shape="polygon" coords="{{$.Coords .}}" href="{{$.ArticleHref $a}}" />
{{- end}}{{end}}
{{- range .P.Photos}}
		<area shape="polygon" coords="{{$.Coords .Region}}" href="{{$.AssetHref .Name}}" />
{{- end}}
	</map></div>
{{- end}}
{{- template "side" .}}
{{- end}}

{{- define "content" -}}
{{template "top" .}}
	<div class="text_c">
		<h3>{{esc .A.IntroTitle}}</h3>
		<h1>{{brs .A.Title}}</h1>
		<h2>{{esc .A.SubTitle}}</h2>
		<h4>{{esc .A.Author}}</h4>
		<div class="c_c" id="ozoom"><!--enpcontent--><founder-content>
{{- with .A.Image}}
			<table class="pci_c"><tr><td><img src="{{$.AssetHref .Name}}" /></td></tr><tr><td>{{esc .Caption}}</td></tr></table>
{{- end}}
{{- range .A.Paragraphs}}
			<p>　　{{brs .}}</p>
{{- end}}
		</founder-content><!--/enpcontent--></div>
	</div>
<!--enpproperty <articleid>{{.A.ID}}</articleid><date>{{.Date "2006-01-02"}} 00:00:00:0</date><author>{{.A.Author}}</author><title>{{.A.PlainTitle}}</title><keyword></keyword><subtitle>{{.A.SubTitle}}</subtitle><introtitle>{{.A.IntroTitle}}</introtitle><siteid>1</siteid><nodeid>{{.P.Node}}</nodeid><nodename>{{.P.Name}}</nodename><nodesearchname></nodesearchname>/enpproperty-->
{{- template "side" .}}
{{- end}}
`
