package extract

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// skipped elements hold no article text. A <form> is not one of them: ASP.NET pages wrap
// everything in one, and a form left open by broken HTML holds what follows it.
var skipped = map[string]bool{
	"script": true, "style": true, "iframe": true, "noscript": true, "object": true,
	"embed": true, "input": true, "button": true, "select": true,
	"textarea": true, "map": true, "head": true, "title": true,
}

// blockish elements end the paragraph before them and start a new one after.
var blockish = map[string]bool{
	"p": true, "div": true, "td": true, "th": true, "tr": true, "li": true, "ul": true,
	"ol": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"blockquote": true, "center": true, "section": true, "article": true, "table": true,
	"tbody": true, "dl": true, "dt": true, "dd": true, "pre": true, "hr": true,
}

// bodyWalker turns the body's HTML into paragraphs and images.
type bodyWalker struct {
	base   *url.URL
	blocks []Block
	spans  []Span
}

// bodyBlocks reads the paragraphs and images of nodes of the source page, in order, from
// their sanitised copy (sanitizeNodes).
func bodyBlocks(nodes []*html.Node, base *url.URL) []Block {
	if len(nodes) == 0 {
		return nil
	}
	return walkBlocks(sanitizeNodes(nodes, base), base)
}

// walkBlocks reads the paragraphs and images of nodes, in order.
func walkBlocks(nodes []*html.Node, base *url.URL) []Block {
	w := &bodyWalker{base: base}
	for _, n := range nodes {
		w.walk(n, false)
	}
	w.flush()
	return w.blocks
}

func children(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, c)
	}
	return out
}

func (w *bodyWalker) walk(n *html.Node, bold bool) {
	switch n.Type {
	case html.TextNode:
		w.spans = append(w.spans, Span{Text: n.Data, Bold: bold})
		return
	case html.ElementNode:
	default:
		return
	}
	name := n.Data
	switch {
	case skipped[name] || strings.HasPrefix(name, "founder-") && name != "founder-content":
		return
	case name == "br":
		w.spans = append(w.spans, Span{Text: "\n"})
		return
	case name == "img":
		w.image(n, "")
		return
	case name == "table" && countImages(n) == 1:
		// Founder's picture table: the image in one row, its caption in the next.
		w.flush()
		img := findImage(n)
		w.image(img, cleanText(textWithout(n, img)))
		return
	case name == "strong" || name == "b":
		bold = true
	}
	if blockish[name] {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, bold)
	}
	if blockish[name] {
		w.flush()
	}
}

// image adds an image block; an image inside a paragraph with text takes that text as caption.
func (w *bodyWalker) image(img *html.Node, caption string) {
	src := ""
	for _, a := range img.Attr {
		if a.Key == "src" {
			src = resolve(w.base, a.Val)
		}
	}
	if src == "" {
		return
	}
	w.flush()
	w.blocks = append(w.blocks, Block{ImageURL: src, Caption: caption})
}

// flush ends the current paragraph.
func (w *bodyWalker) flush() {
	spans := normaliseSpans(w.spans)
	w.spans = nil
	if len(spans) > 0 {
		w.blocks = append(w.blocks, Block{Spans: spans})
	}
}

// normaliseSpans folds the HTML white space of a paragraph the way a browser shows it, drops
// the indentation (ASCII, no-break or ideographic spaces) at the start of each line and the
// white space at its end, and merges neighbouring spans of one style. A line break between
// two Chinese characters in the HTML source is dropped rather than shown as a space.
func normaliseSpans(in []Span) []Span {
	var lines [][]Span
	var line []Span
	for _, sp := range in {
		if sp.Text == "\n" {
			lines = append(lines, line)
			line = nil
			continue
		}
		line = append(line, sp)
	}
	lines = append(lines, line)
	var out []Span
	for _, l := range lines {
		l = trimLine(foldSpace(l))
		if len(l) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, Span{Text: "\n"})
		}
		out = append(out, l...)
	}
	return out
}

// foldSpace folds runs of ASCII white space into one space (or none, for a line break
// between wide characters) and merges spans of one style.
func foldSpace(l []Span) []Span {
	type cell struct {
		r    rune
		bold bool
	}
	n := 0
	for _, sp := range l {
		n += utf8.RuneCountInString(sp.Text)
	}
	cells := make([]cell, 0, n)
	for _, sp := range l {
		for _, r := range sp.Text {
			cells = append(cells, cell{r, sp.Bold})
		}
	}
	var out []Span
	var text strings.Builder // the text of the last span of out, being written
	add := func(r rune, bold bool) {
		if n := len(out); n == 0 || out[n-1].Bold != bold {
			if n > 0 {
				out[n-1].Text = text.String()
				text.Reset()
			}
			out = append(out, Span{Bold: bold})
		}
		text.WriteRune(r)
	}
	for i := 0; i < len(cells); i++ {
		c := cells[i]
		if !isASCIISpace(c.r) {
			add(c.r, c.bold)
			continue
		}
		j, newline := i, false
		for ; j < len(cells) && isASCIISpace(cells[j].r); j++ {
			newline = newline || cells[j].r == '\n'
		}
		wide := i > 0 && j < len(cells) && isWide(cells[i-1].r) && isWide(cells[j].r)
		if !(newline && wide) {
			add(' ', c.bold)
		}
		i = j - 1
	}
	if n := len(out); n > 0 {
		out[n-1].Text = text.String()
	}
	return out
}

func isASCIISpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// isWide is true for Chinese characters and full-width punctuation.
func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) || r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}

// trimLine drops white space of any kind at both ends of a line.
func trimLine(l []Span) []Span {
	for len(l) > 0 {
		l[0].Text = strings.TrimLeftFunc(l[0].Text, isSpace)
		if l[0].Text != "" {
			break
		}
		l = l[1:]
	}
	for len(l) > 0 {
		n := len(l) - 1
		l[n].Text = strings.TrimRightFunc(l[n].Text, isSpace)
		if l[n].Text != "" {
			break
		}
		l = l[:n]
	}
	return l
}

func countImages(n *html.Node) int {
	count := 0
	forEach(n, func(c *html.Node) {
		if c.Type == html.ElementNode && c.Data == "img" {
			count++
		}
	})
	return count
}

func findImage(n *html.Node) *html.Node {
	var img *html.Node
	forEach(n, func(c *html.Node) {
		if img == nil && c.Type == html.ElementNode && c.Data == "img" {
			img = c
		}
	})
	return img
}

// textWithout is the text under n, apart from skip's.
func textWithout(n, skip *html.Node) string {
	var b strings.Builder
	forEach(n, func(c *html.Node) {
		if c.Type == html.TextNode && !isInside(c, skip) {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
	})
	return b.String()
}

func isInside(n, anc *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == anc {
			return true
		}
	}
	return false
}

// forEach calls f for n and every node below it, in document order, skipping scripts.
func forEach(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && skipped[c.Data] {
			continue
		}
		forEach(c, f)
	}
}
