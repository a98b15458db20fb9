package extract

import (
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// resolve makes href absolute against base; fragments are dropped. It returns "" for links
// that lead nowhere (javascript:, mailto:, #…).
func resolve(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	low := strings.ToLower(href)
	if strings.HasPrefix(low, "javascript:") || strings.HasPrefix(low, "mailto:") {
		return ""
	}
	ref, err := url.Parse(strings.ReplaceAll(href, `\`, "/"))
	if err != nil {
		return ""
	}
	u := base.ResolveReference(ref)
	u.Fragment = ""
	return u.String()
}

func hrefPath(href string) string {
	if u, err := url.Parse(href); err == nil {
		return u.Path
	}
	return href
}

// isSpace is true for the white space of these pages: ASCII, no-break and ideographic spaces.
func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' }

// cleanText folds runs of ASCII white space into one space and trims all white space,
// ideographic spaces included, at both ends. Ideographic spaces inside the text stay.
func cleanText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimFunc(b.String(), isSpace)
}

// titleText is the text of a title element, a <br> inside it read as a space.
func titleText(s sel) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.Data == "br":
			b.WriteByte(' ')
		case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style"):
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
	}
	for _, n := range s {
		walk(n)
	}
	return cleanText(b.String())
}
