package extract

import (
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// sel is a selection of the nodes of a parsed page, in document order, each once: the part
// of goquery's Selection that extraction uses, with the same meaning, on cascadia and
// x/net/html (goquery's own package brings net/http along, which extraction must not).
type sel []*html.Node

// Selectors for goquery's string forms.
var (
	selA         = cascadia.MustCompile("a")
	selTR        = cascadia.MustCompile("tr")
	selAllInBody = cascadia.MustCompile("body *")
)

// parse parses a page (as html.Parse does, never failing on bad markup) into a selection of
// its document node. A page html.Parse refuses (one that keeps more than 512 elements open)
// is parsed again without the tags nested deeper than maxDepth: their text stays.
func parse(page string) (sel, error) {
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		if root, err = html.Parse(strings.NewReader(flatten(page))); err != nil {
			return nil, err
		}
	}
	return sel{root}, nil
}

// maxDepth is how deep flatten lets elements nest: far below x/net/html's 512, which the
// elements the parser adds itself (html, body, tables' rows, reopened formatting) must not
// reach either.
const maxDepth = 128

// flatten rewrites a page without the start tags (and their end tags) of elements nested
// deeper than maxDepth, counting as a browser's parser would not: every start tag of an
// element that is not void opens a level, its end tag closes one. Text, comments and the
// tags above maxDepth are kept as they are.
func flatten(page string) string {
	z := html.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	var open []string           // names of the elements opened and kept
	dropped := map[string]int{} // start tags dropped, by name, whose end tags to drop too
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			switch {
			case voidElements[string(name)]:
			case len(open) >= maxDepth:
				dropped[string(name)]++
				continue
			default:
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if dropped[string(name)] > 0 {
				dropped[string(name)]--
				continue
			}
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == string(name) {
					open = open[:i]
					break
				}
			}
		}
		b.Write(z.Raw())
	}
}

// voidElements are the elements that have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
	"param": true, "keygen": true}

// find returns the descendants of the nodes of s that m matches (goquery's FindMatcher).
func (s sel) find(m cascadia.Selector) sel {
	return s.mapNodes(func(n *html.Node) (out []*html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				out = append(out, m.MatchAll(c)...)
			}
		}
		return out
	})
}

// closest returns, for each node of s, the node itself or its nearest ancestor that m
// matches (goquery's ClosestMatcher).
func (s sel) closest(m cascadia.Matcher) sel {
	return s.mapNodes(func(n *html.Node) []*html.Node {
		for ; n != nil; n = n.Parent {
			if m.Match(n) {
				return []*html.Node{n}
			}
		}
		return nil
	})
}

// mapNodes joins what f returns for each node of s, each node once.
func (s sel) mapNodes(f func(*html.Node) []*html.Node) sel {
	if len(s) == 1 {
		return f(s[0])
	}
	var out sel
	seen := map[*html.Node]bool{}
	for _, n := range s {
		for _, v := range f(n) {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// first is the first node of s, or none.
func (s sel) first() sel {
	if len(s) == 0 {
		return nil
	}
	return s[:1]
}

// length is the number of nodes of s.
func (s sel) length() int { return len(s) }

// each calls f with each node of s, as a selection of one.
func (s sel) each(f func(sel)) {
	for i := range s {
		f(s[i : i+1])
	}
}

// eachWhile calls f with each node of s, as a selection of one, until f returns false.
func (s sel) eachWhile(f func(sel) bool) {
	for i := range s {
		if !f(s[i : i+1]) {
			return
		}
	}
}

// text is the text of all the text nodes under the nodes of s, as it is (goquery's Text).
func (s sel) text() string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range s {
		walk(n)
	}
	return b.String()
}

// attr is the value of the attribute key of the first node of s, and whether it has one.
func (s sel) attr(key string) (string, bool) {
	if len(s) == 0 {
		return "", false
	}
	for _, a := range s[0].Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// attrOr is the value of the attribute key of the first node of s, or def.
func (s sel) attrOr(key, def string) string {
	if v, ok := s.attr(key); ok {
		return v
	}
	return def
}

// nodeName is the tag of the first node of s ("a", "div"), "#text" for text and so on, ""
// for none (goquery's NodeName).
func nodeName(s sel) string {
	if len(s) == 0 {
		return ""
	}
	switch n := s[0]; n.Type {
	case html.ElementNode, html.DoctypeNode:
		return n.Data
	case html.TextNode:
		return "#text"
	case html.DocumentNode:
		return "#document"
	case html.CommentNode:
		return "#comment"
	}
	return ""
}
