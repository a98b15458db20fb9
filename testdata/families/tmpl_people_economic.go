package families

// peopleTmpl is the shape of People's Daily's pages since 2024-12-01 (PAPER/pc/layout/…):
// the page list as div.swiper-slide > a#pageLink "01版：要闻" with the page's PDF beside it,
// the current page in p.ban, the articles in ul.news-list, the scan with map#PagePicMap; an
// article in div.article: h3 引题, h1 title, h2 副题, p.sec byline, #ozoom body.
const peopleTmpl = `
{{- define "top" -}}
<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{{.E.Paper.Title}}</title>
<link rel="stylesheet" href="{{.CSSHref}}">
</head>
<body>
<div class="main w1000">
	<div class="header">
		<div class="logo"><img src="{{.Static "images/logo.png"}}" alt="{{.E.Paper.Name}}"></div>
		<div class="date">{{.Date "2006年01月02日"}} {{.E.Weekday}}</div>
	</div>
{{- end}}

{{- define "bottom"}}
	<div class="paper-bot">
		<div class="swiper-container">
			<div class="swiper-wrapper">
{{- range .E.Pages}}
				<div class="swiper-slide"><a id="pageLink" href="{{$.PageHref .}}">{{.Code}}版：{{.Name}}</a>{{if .PDF}}<a class="pdf" href="{{$.PDFHref .}}" target="_blank"><img src="{{$.Static "images/pdf.png"}}"></a>{{end}}</div>
{{- end}}
			</div>
		</div>
	</div>
</div>
<script src="{{.Static "js/swiper.min.js"}}"></script>
</body>
</html>
{{end}}

{{- define "list"}}
		<div class="news">
			<ul class="news-list">
{{- range .P.Articles}}
				<li><a href="{{$.ArticleHref .}}">{{esc .PlainTitle}}</a></li>
{{- end}}
			</ul>
		</div>
{{- end}}

{{- define "node" -}}
{{template "top" .}}
	<div class="paper-box">
{{- if .P.Scan}}
		<div class="paper"><img src="{{.ScanSrc}}" usemap="#PagePicMap" width="300" height="450"></div>
		<map name="PagePicMap">
{{- range .P.Articles}}{{$a := .}}{{range .Regions}}
			<area shape="poly" coords="{{$.Coords .}}" href="{{$.ArticleHref $a}}">
{{- end}}{{end}}
{{- range .P.Photos}}
			<area shape="poly" coords="{{$.Coords .Region}}" href="{{$.AssetHref .Name}}" target="_blank">
{{- end}}
		</map>
{{- end}}
	</div>
	<div class="right">
		<p class="left ban">{{.P.Code}}版：{{.P.Name}}</p>
		{{if .P.PDF}}<p class="right btn"><a href="{{.PDFHref .P}}" target="_blank">PDF下载</a></p>{{end}}
{{- template "list" .}}
	</div>
{{- template "bottom" .}}
{{- end}}

{{- define "content" -}}
{{template "top" .}}
	<div class="article">
		<h3>{{esc .A.IntroTitle}}</h3>
		<h1>{{brs .A.Title}}</h1>
		<h2>{{esc .A.SubTitle}}</h2>
		<p class="sec">{{esc .A.Author}}</p>
		<div class="article-box">
			<div id="ozoom">
{{- with .A.Image}}
				<table class="pci_c"><tr><td><img src="{{$.AssetHref .Name}}"></td></tr><tr><td><p>{{esc .Caption}}</p></td></tr></table>
{{- end}}
{{- range .A.Paragraphs}}
				<p>　　{{brs .}}</p>
{{- end}}
			</div>
		</div>
	</div>
	<div class="right">
		<p class="left ban">{{.P.Code}}版：{{.P.Name}}</p>
{{- template "list" .}}
	</div>
{{- template "bottom" .}}
{{- end}}
`

// economicTmpl is the shape of 经济日报's pc/layout pages (no paper code in the path): links
// are root-relative, the date is only in a hidden <date>, the current page in div.layout-name,
// the articles in ul#list, the page list in div.layout-catalogue with PDFs; an article has
// h3.pretitle, h1#Title, h3.subtitle, p#Author, #ozoom.
const economicTmpl = `
{{- define "top" -}}
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{{.E.Paper.Title}}</title>
<link href="{{.CSSHref}}" rel="stylesheet" type="text/css">
</head>
<body>
<date style="display:none;">{{.Date "2006-01-02"}}</date>
<div class="head"><div class="masthead"><img src="{{.Static "images/masthead.png"}}" alt="{{.E.Paper.Name}}"></div></div>
{{- end}}

{{- define "side"}}
	<div class="layout-side">
		<div class="layout-name">{{.P.Code}}版：{{.P.Name}}</div>
		<ul id="list">
{{- range .P.Articles}}
			<li><a href="{{$.ArticleHref .}}">{{esc .PlainTitle}}</a></li>
{{- end}}
		</ul>
	</div>
</div>
<div class="layout-catalogue">
	<ul>
{{- range .E.Pages}}
		<li><a href="{{$.PageHref .}}">{{.Code}}版：{{.Name}}</a>{{if .PDF}} <a class="pdf" href="{{$.PDFHref .}}">PDF</a>{{end}}</li>
{{- end}}
	</ul>
</div>
</body>
</html>
{{end}}

{{- define "node" -}}
{{template "top" .}}
<div class="layout-main">
{{- if .P.Scan}}
	<div class="pic"><img src="{{.ScanSrc}}" usemap="#PicMap" width="300" height="450">
	<map name="PicMap">
{{- range .P.Articles}}{{$a := .}}{{range .Regions}}
		<area shape="polygon" coords="{{$.Coords .}}" href="{{$.ArticleHref $a}}">
{{- end}}{{end}}
{{- range .P.Photos}}
		<area shape="polygon" coords="{{$.Coords .Region}}" href="{{$.AssetHref .Name}}">
{{- end}}
	</map></div>
{{- end}}
{{- template "side" .}}
{{- end}}

{{- define "content" -}}
{{template "top" .}}
<div class="layout-main">
	<div class="article">
		<h3 class="pretitle">{{esc .A.IntroTitle}}</h3>
		<h1 id="Title">{{brs .A.Title}}</h1>
		<h3 class="subtitle">{{esc .A.SubTitle}}</h3>
		<p id="Author">{{esc .A.Author}}</p>
		<div id="ozoom">
{{- with .A.Image}}
			<p><img src="{{$.AssetHref .Name}}"></p><p class="caption">{{esc .Caption}}</p>
{{- end}}
{{- range .A.Paragraphs}}
			<p>{{brs .}}</p>
{{- end}}
		</div>
	</div>
{{- template "side" .}}
{{- end}}
`
