package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"
)

// bodySource is a place the body may be: its name and the nodes it is made of. The nodes
// are found only when the source is tried (nodes), as most pages have their body in the
// first: cutting out and parsing the comment-delimited parts of every page would double the
// cost of an article.
type bodySource struct {
	name  string
	nodes func() []*nethtml.Node
}

// articleBody reads the body from the first source that holds text or a picture (see
// ExtractArticle).
func articleBody(doc sel, body string, base *url.URL, founder bool) ([]Block, string, error) {
	found := false
	for _, s := range bodySources(doc, body, founder) {
		nodes := s.nodes()
		if nodes == nil && s.name != "pictures" {
			continue // the page has no such place
		}
		if s.name != "pictures" {
			found = true
		}
		if blocks := bodyBlocks(nodes, base); len(blocks) > 0 {
			return blocks, s.name, nil
		}
	}
	if !found {
		return nil, "", fmt.Errorf("no body: neither <founder-content>, enpcontent comments nor #ozoom")
	}
	return nil, "", fmt.Errorf("no body: the article body holds no text and no image")
}

// bodySources lists the places the body may be, in the order they are tried; the last is
// the pictures beside an empty body. A place the page does not have gives nil nodes.
func bodySources(doc sel, body string, founder bool) []bodySource {
	var out []bodySource
	for _, n := range doc.find(selContent) {
		out = append(out, bodySource{"ozoom", func() []*nethtml.Node {
			if oz := ozoomWithPictures(doc, n); oz != nil {
				return nonNil(children(oz))
			}
			return nil
		}})
		out = append(out, bodySource{"founder-content", func() []*nethtml.Node { return nonNil(children(n)) }})
	}
	for _, c := range []struct {
		name string
		re   *regexp.Regexp
	}{{"enpcontent", reEnpContent}, {"npm:article-content", reNpmContent}} {
		out = append(out, bodySource{c.name, func() []*nethtml.Node {
			if m := c.re.FindStringSubmatch(body); m != nil {
				return nonNil(fragment(m[1]))
			}
			return nil
		}})
	}
	for _, n := range doc.find(selOzoom) {
		out = append(out, bodySource{"ozoom", func() []*nethtml.Node { return nonNil(children(n)) }})
	}
	if !founder {
		out = append(out, bodySource{"text block", func() []*nethtml.Node {
			if n := largestTextBlock(doc); n != nil {
				return nonNil(children(n))
			}
			return nil
		}})
	}
	return append(out, bodySource{"pictures", func() []*nethtml.Node { return besidePictures(doc) }})
}

// nonNil returns nodes, or an empty slice for none: the place exists but is empty.
func nonNil(nodes []*nethtml.Node) []*nethtml.Node {
	if nodes == nil {
		return []*nethtml.Node{}
	}
	return nodes
}

// fragment parses a part of the page cut out between two comments.
func fragment(s string) []*nethtml.Node {
	doc, err := parse("<div>" + s + "</div>")
	if err != nil {
		return nil
	}
	b := doc.find(selBody)
	if b.length() == 0 {
		return nil
	}
	return children(b[0])
}

// ozoomWithPictures is the #ozoom around content when it also holds pictures outside it.
func ozoomWithPictures(doc sel, content *nethtml.Node) *nethtml.Node {
	for _, oz := range doc.find(selOzoom) {
		if !isInside(content, oz) {
			continue
		}
		outside := false
		forEach(oz, func(n *nethtml.Node) {
			if isContentImage(n) && !isInside(n, content) {
				outside = true
			}
		})
		if outside {
			return oz
		}
	}
	return nil
}

// isContentImage is true for an <img> of an article's picture: under a res/ or attachment/
// folder, where Founder keeps them (the scan is under page/, the template's icons under
// images/), and not the scan with its image map.
func isContentImage(n *nethtml.Node) bool {
	if n.Type != nethtml.ElementNode || n.Data != "img" || attr(n, "usemap") != "" {
		return false
	}
	src := strings.ReplaceAll(strings.TrimSpace(attr(n, "src")), `\`, "/")
	return reContentImg.MatchString(hrefPath(src))
}

func attr(n *nethtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// besidePictures lists the article's pictures anywhere on the page, each as its picture
// table (the smallest table around it holding only this image and a short caption) or else
// as the image alone.
func besidePictures(doc sel) []*nethtml.Node {
	var out []*nethtml.Node
	seen := map[*nethtml.Node]bool{}
	for _, root := range doc.find(selBody) {
		forEach(root, func(n *nethtml.Node) {
			if !isContentImage(n) {
				return
			}
			pic := n
			for t := n.Parent; t != nil; t = t.Parent {
				if t.Type == nethtml.ElementNode && t.Data == "table" {
					if countImages(t) == 1 && utf8.RuneCountInString(cleanText(textWithout(t, n))) <= 300 {
						pic = t
					}
					break
				}
			}
			if !seen[pic] {
				seen[pic] = true
				out = append(out, pic)
			}
		})
	}
	return out
}

// largestTextBlock is the element of a page without Founder's markup that most likely holds
// the article: the one whose own paragraphs (its <p> children and the text directly inside
// it) hold the most text outside links. Nil when the page has no such text.
func largestTextBlock(doc sel) *nethtml.Node {
	var best *nethtml.Node
	bestScore := 0
	for _, root := range doc.find(selBody) {
		forEach(root, func(n *nethtml.Node) {
			if n.Type != nethtml.ElementNode || n.Data == "a" || n.Data == "p" {
				return
			}
			score := 0
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				switch {
				case c.Type == nethtml.TextNode:
					score += utf8.RuneCountInString(strings.TrimFunc(c.Data, isSpace))
				case c.Type == nethtml.ElementNode && c.Data == "p":
					score += linkFreeText(c)
				}
			}
			if score > bestScore {
				best, bestScore = n, score
			}
		})
	}
	return best
}

// linkFreeText counts the characters of text under n outside links.
func linkFreeText(n *nethtml.Node) int {
	count := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == nethtml.TextNode:
			count += utf8.RuneCountInString(strings.TrimFunc(c.Data, isSpace))
		case c.Type == nethtml.ElementNode && c.Data != "a" && !skipped[c.Data]:
			count += linkFreeText(c)
		}
	}
	return count
}
