package extract

import (
	"net/url"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The article body goes through a sanitiser before it becomes blocks and Markdown, so that
// nothing of the source page's HTML but its text and pictures can reach the site:
//
//  1. the body's nodes are copied without what is never article content (script, style,
//     iframe, object, embed, form fields, map, svg, math, template, comments, Founder's
//     title tags), without any attribute but an image's src and alt, and with every src
//     made absolute (resolve); a <form> becomes a <div>;
//  2. the copy is rendered to HTML and sanitised with bodyPolicy (bluemonday), a strict
//     allow-list: text structure, bold and italics, tables, figures and images with an
//     http(s) src;
//  3. the result is parsed again and only that is walked into blocks (walkBlocks).
//
// Step 1 alone would do for Markdown, but step 2 keeps the guarantee in one well-tested
// place whatever the walker learns to read later.

// bodyPolicy is the sanitiser's allow-list. It is built once and only read afterwards, which
// bluemonday allows from many goroutines.
var bodyPolicy = newBodyPolicy()

func newBodyPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(
		"p", "br", "div", "span", "center", "blockquote", "section", "article", "pre", "hr",
		"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
		"b", "strong", "i", "em", "u", "sub", "sup",
		"table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
		"figure", "figcaption",
	)
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowURLSchemes("http", "https")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	// What bluemonday drops with its content beyond its own list (script, style, iframe …).
	p.SkipElementsContent("svg", "math", "template", "select", "textarea", "button", "map")
	return p
}

// pruned elements are dropped with their content before sanitising: they hold no article
// text (the walker skips them too).
var pruned = map[string]bool{
	"svg": true, "math": true, "template": true, "applet": true, "frame": true,
	"frameset": true, "noframes": true, "noembed": true, "link": true, "meta": true, "base": true,
}

// sanitizeNodes turns nodes of the source page into sanitised copies: the fragment that
// bodyPolicy lets through, parsed again.
func sanitizeNodes(nodes []*html.Node, base *url.URL) []*html.Node {
	var b strings.Builder
	for _, n := range nodes {
		c := cleanCopy(n, base)
		if c == nil {
			continue
		}
		var one strings.Builder
		if err := html.Render(&one, c); err == nil {
			b.WriteString(one.String())
		}
	}
	clean := bodyPolicy.Sanitize(b.String())
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	out, err := html.ParseFragment(strings.NewReader(clean), ctx)
	if err != nil {
		return nil
	}
	return out
}

// cleanCopy copies n and what is under it, without what step 1 above drops, or returns nil.
func cleanCopy(n *html.Node, base *url.URL) *html.Node {
	switch n.Type {
	case html.TextNode:
		return &html.Node{Type: html.TextNode, Data: n.Data}
	case html.ElementNode:
	default:
		return nil // comments, doctypes
	}
	name := strings.ToLower(n.Data)
	if n.Namespace != "" || skipped[name] || pruned[name] || isFounderMeta(name) {
		return nil
	}
	switch name {
	case "xmp", "plaintext", "listing":
		name = "pre" // raw text elements would be rendered unescaped
	case "form":
		name = "div"
	}
	c := &html.Node{Type: html.ElementNode, Data: name, DataAtom: atom.Lookup([]byte(name))}
	if name == "img" {
		for _, a := range n.Attr {
			switch a.Key {
			case "src":
				if u := resolve(base, a.Val); u != "" {
					c.Attr = append(c.Attr, html.Attribute{Key: "src", Val: u})
				}
			case "alt":
				c.Attr = append(c.Attr, html.Attribute{Key: "alt", Val: a.Val})
			}
		}
		return c // a void element: whatever the parser hung below it is dropped
	}
	if voidElement(name) {
		return c
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if kc := cleanCopy(k, base); kc != nil {
			c.AppendChild(kc)
		}
	}
	return c
}

// isFounderMeta is true for Founder's tags that hold the article's metadata rather than its
// body (<founder-title>, <founder-author> …); they are read apart.
func isFounderMeta(name string) bool {
	return strings.HasPrefix(name, "founder-") && name != "founder-content"
}

func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr":
		return true
	}
	return false
}
