package families

// guangmingTmpl is the shape of 光明日报's pc/layout pages: div.m-type "01版:要闻" (no 第, a
// half-width colon), the articles in div.m-title-list with absolute URLs, the page list in
// div.m-bm-list without PDFs (only the current page's PDF, in div.m-pdf); an article in
// div.m-article with p.m-article-pretitle, h1, p.m-article-subtitle, span.m-article-author.
const guangmingTmpl = `
{{- define "top" -}}
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<title>{{.E.Paper.Title}}</title>
<link rel="stylesheet" href="{{.CSSHref}}">
</head>
<body>
<div class="m-header"><a class="m-logo" href="{{.Link "index.html"}}"><img src="{{.Static "images/logo.png"}}" alt="{{.E.Paper.Name}}"></a><span class="m-date">{{.Date "2006年01月02日"}} {{.E.Weekday}}</span></div>
<div class="m-main">
{{- end}}

{{- define "side"}}
	<div class="m-side">
		<div class="m-type">{{.P.Code}}版:{{.P.Name}}</div>
		<div class="m-title-list">
			<ul>
{{- range .P.Articles}}
				<li><a href="{{$.ArticleHref .}}">{{esc .PlainTitle}}</a></li>
{{- end}}
			</ul>
		</div>
		{{if .P.PDF}}<div class="m-pdf"><a href="{{.PDFHref .P}}" target="_blank">下载本版PDF</a></div>{{end}}
	</div>
</div>
<div class="m-bm-list">
	<ul>
{{- range .E.Pages}}
		<li><a href="{{$.PageHref .}}">{{.Code}}版:{{.Name}}</a></li>
{{- end}}
	</ul>
</div>
</body>
</html>
{{end}}

{{- define "node" -}}
{{template "top" .}}
{{- if .P.Scan}}
	<div class="m-paper"><img src="{{.ScanSrc}}" usemap="#m-map" width="300" height="450">
	<map name="m-map">
{{- range .P.Articles}}{{$a := .}}{{range .Regions}}
		<area shape="poly" coords="{{$.Coords .}}" href="{{$.ArticleHref $a}}">
{{- end}}{{end}}
{{- range .P.Photos}}
		<area shape="poly" coords="{{$.Coords .Region}}" href="{{$.AssetHref .Name}}">
{{- end}}
	</map></div>
{{- end}}
{{- template "side" .}}
{{- end}}

{{- define "content" -}}
{{template "top" .}}
	<div class="m-article">
		<p class="m-article-pretitle">{{esc .A.IntroTitle}}</p>
		<h1>{{brs .A.Title}}</h1>
		<p class="m-article-subtitle">{{esc .A.SubTitle}}</p>
		<p class="m-article-info"><span class="m-article-author">{{esc .A.Author}}</span><span class="m-article-date">{{.Date "2006-01-02"}}</span></p>
		<div class="m-article-content">
{{- with .A.Image}}
			<p><img src="{{$.AssetHref .Name}}"></p><p class="m-caption">{{esc .Caption}}</p>
{{- end}}
{{- range .A.Paragraphs}}
			<p>{{brs .}}</p>
{{- end}}
		</div>
	</div>
{{- template "side" .}}
{{- end}}
`

// cityTmpl is the shape many city papers share: the page list ul#layoutlist with a PDF
// link per page, the current page in p.ban-name, the articles in ul.article-list; an article
// with p#PreTitle, h2#Title, p#SubTitle, span#Author, founder-content inside #ozoom, and
// a.preArt / a.nextArt.
const cityTmpl = `
{{- define "top" -}}
<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{{.E.Paper.Title}}</title>
<link rel="stylesheet" href="{{.CSSHref}}">
</head>
<body>
<div class="header"><div class="paper-name"><img src="{{.Static "images/logo.png"}}" alt="{{.E.Paper.Name}}"></div><span class="date">{{.Date "2006年01月02日"}} {{.E.Weekday}}</span></div>
<div class="layout">
	<div class="layout-left">
		<ul id="layoutlist">
{{- range .E.Pages}}
			<li class="position-relative"><a href="{{$.PageHref .}}">{{.Code}}版：{{.Name}}</a>{{if .PDF}}<a class="pdf" href="{{$.PDFHref .}}" download><i class="iconfont icon-pdf"></i></a>{{end}}</li>
{{- end}}
		</ul>
	</div>
{{- end}}

{{- define "list"}}
	<div class="layout-right">
		<p class="ban-name">{{.P.Code}}版：{{.P.Name}}</p>
		<ul class="article-list">
{{- range .P.Articles}}
			<li><a href="{{$.ArticleHref .}}">{{esc .PlainTitle}}</a></li>
{{- end}}
		</ul>
	</div>
</div>
</body>
</html>
{{end}}

{{- define "node" -}}
{{template "top" .}}
	<div class="layout-center">
{{- if .P.Scan}}
		<img src="{{.ScanSrc}}" usemap="#layoutmap" width="300" height="450">
		<map name="layoutmap">
{{- range .P.Articles}}{{$a := .}}{{range .Regions}}
			<area shape="poly" coords="{{$.Coords .}}" href="{{$.ArticleHref $a}}">
{{- end}}{{end}}
{{- range .P.Photos}}
			<area shape="poly" coords="{{$.Coords .Region}}" href="{{$.AssetHref .Name}}">
{{- end}}
		</map>
{{- end}}
	</div>
{{- template "list" .}}
{{- end}}

{{- define "content" -}}
{{template "top" .}}
	<div class="layout-center">
		<div class="article">
			<p id="PreTitle">{{esc .A.IntroTitle}}</p>
			<h2 id="Title">{{brs .A.Title}}</h2>
			<p id="SubTitle">{{esc .A.SubTitle}}</p>
			<div class="info"><span id="Author">{{esc .A.Author}}</span></div>
			<div id="ozoom"><founder-content>
{{- with .A.Image}}
				<p><img src="{{$.AssetHref .Name}}"></p><p>{{esc .Caption}}</p>
{{- end}}
{{- range .A.Paragraphs}}
				<p>{{brs .}}</p>
{{- end}}
			</founder-content></div>
			<div class="pagebtn">{{with .PrevA}}<a class="preArt" href="{{$.ArticleHref .}}">上一篇</a>{{end}}{{with .NextA}}<a class="nextArt" href="{{$.ArticleHref .}}">下一篇</a>{{end}}</div>
		</div>
	</div>
{{- template "list" .}}
{{- end}}
`
