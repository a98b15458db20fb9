package epub

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

const xhtmlHead = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="%[1]s" xml:lang="%[1]s">
<head>
<meta charset="UTF-8"/>
<title>%[2]s</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
`

func head(b *bytes.Buffer, bk *book, title string) {
	fmt.Fprintf(b, xhtmlHead, esc(bk.Language), esc(title))
}

func packageOPF(bk *book) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="%s">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">%s</dc:identifier>
    <dc:title>%s</dc:title>
    <dc:language>%s</dc:language>
`, esc(bk.Language), esc(bk.ID), esc(bk.Title), esc(bk.Language))
	if bk.Paper != "" {
		fmt.Fprintf(&b, "    <dc:creator>%s</dc:creator>\n    <dc:publisher>%s</dc:publisher>\n", esc(bk.Paper), esc(bk.Paper))
	}
	if !bk.Date.IsZero() {
		fmt.Fprintf(&b, "    <dc:date>%s</dc:date>\n", bk.Date.Format(time.DateOnly))
	}
	if bk.Source != "" {
		fmt.Fprintf(&b, "    <dc:source>%s</dc:source>\n", esc(bk.Source))
	}
	modified := bk.Date
	if modified.IsZero() {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	fmt.Fprintf(&b, "    <meta property=\"dcterms:modified\">%s</meta>\n", modified.UTC().Format("2006-01-02T15:04:05Z"))
	if bk.cover != nil {
		fmt.Fprintf(&b, "    <meta name=\"cover\" content=\"%s\"/>\n", bk.cover.id)
	}
	b.WriteString("  </metadata>\n  <manifest>\n")
	for _, it := range bk.items {
		fmt.Fprintf(&b, `    <item id="%s" href="%s" media-type="%s"`, it.id, esc(it.href), it.mediaType)
		if it.props != "" {
			fmt.Fprintf(&b, ` properties="%s"`, it.props)
		}
		b.WriteString("/>\n")
	}
	b.WriteString("  </manifest>\n  <spine>\n")
	for _, it := range bk.items {
		if it.spine {
			fmt.Fprintf(&b, "    <itemref idref=\"%s\"/>\n", it.id)
		}
	}
	b.WriteString("  </spine>\n</package>\n")
	return b.Bytes()
}

func coverXHTML(bk *book) []byte {
	var b bytes.Buffer
	head(&b, bk, bk.Title)
	fmt.Fprintf(&b, "<body epub:type=\"cover\">\n<div class=\"cover\"><img src=\"%s\" alt=\"%s\"/></div>\n</body>\n</html>\n",
		esc(bk.cover.href), esc(bk.Title+" 封面"))
	return b.Bytes()
}

// navXHTML is the navigation document: the pages and, under each, its articles.
func navXHTML(bk *book) []byte {
	var b bytes.Buffer
	head(&b, bk, bk.Title)
	fmt.Fprintf(&b, "<body>\n<nav epub:type=\"toc\" id=\"toc\">\n<h1>%s</h1>\n<ol>\n", esc(bk.Title))
	for i, p := range bk.Pages {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a>", pageHref(i), esc(p.Title()))
		if len(p.Articles) > 0 {
			b.WriteString("\n<ol>\n")
			for _, a := range p.Articles {
				fmt.Fprintf(&b, "<li><a href=\"%s#%s\">%s</a></li>\n", pageHref(i), articleID(a), esc(oneLine(articleTitle(a))))
			}
			b.WriteString("</ol>\n")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n</nav>\n<nav epub:type=\"landmarks\" hidden=\"\">\n<ol>\n")
	if bk.cover != nil {
		b.WriteString("<li><a epub:type=\"cover\" href=\"cover.xhtml\">封面</a></li>\n")
	}
	b.WriteString("<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">目录</a></li>\n")
	fmt.Fprintf(&b, "<li><a epub:type=\"bodymatter\" href=\"%s\">正文</a></li>\n</ol>\n</nav>\n</body>\n</html>\n", pageHref(0))
	return b.Bytes()
}

// pageXHTML is a page: its title, its scan if given, and its articles.
func pageXHTML(bk *book, p Page) ([]byte, error) {
	var b bytes.Buffer
	head(&b, bk, p.Title())
	fmt.Fprintf(&b, "<body>\n<section epub:type=\"chapter\">\n<h1>%s</h1>\n", esc(p.Title()))
	if p.Scan != "" {
		it, err := bk.image(p.Scan, "scan-"+safeID(p.Number))
		if err != nil {
			return nil, fmt.Errorf("scan: %w", err)
		}
		if it != nil {
			fmt.Fprintf(&b, "<figure class=\"scan\"><img src=\"%s\" alt=\"%s\"/></figure>\n", esc(it.href), esc(p.Title()+" 版面图"))
		}
	}
	if len(p.Articles) == 0 {
		b.WriteString("<p class=\"empty\">本版没有文字稿。</p>\n")
	}
	for _, a := range p.Articles {
		fmt.Fprintf(&b, "<article id=\"%s\">\n<header>\n", articleID(a))
		if a.IntroTitle != "" {
			fmt.Fprintf(&b, "<p class=\"introtitle\">%s</p>\n", esc(a.IntroTitle))
		}
		fmt.Fprintf(&b, "<h2>%s</h2>\n", lines(articleTitle(a)))
		if a.Subtitle != "" {
			fmt.Fprintf(&b, "<p class=\"subtitle\">%s</p>\n", esc(a.Subtitle))
		}
		if a.Author != "" && !a.AuthorInBody {
			fmt.Fprintf(&b, "<p class=\"author\">%s</p>\n", esc(a.Author))
		}
		b.WriteString("</header>\n")
		body, err := bodyXHTML(bk, a)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", a.ID, err)
		}
		b.WriteString(body)
		b.WriteString("</article>\n")
	}
	b.WriteString("</section>\n</body>\n</html>\n")
	return b.Bytes(), nil
}

func articleTitle(a Article) string {
	if strings.TrimSpace(a.Title) == "" {
		return "（无标题）"
	}
	return a.Title
}

// articleID is the XML id of an article's element.
func articleID(a Article) string { return "a-" + safeID(a.ID) }

// safeID keeps the letters, digits, '-' and '_' of s (an XML name's safe part).
func safeID(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_%x", r)
		}
	}
	return b.String()
}

// oneLine joins the lines of a title with a space (for the table of contents).
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// lines escapes s, its line breaks as <br/>.
func lines(s string) string {
	parts := strings.Split(strings.TrimSpace(s), "\n")
	for i, p := range parts {
		parts[i] = esc(strings.TrimSpace(p))
	}
	return strings.Join(parts, "<br/>")
}
