package epub

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// kept are the elements of an article body that the book keeps, with the attributes each
// keeps; other elements give way to their content.
var kept = map[atom.Atom][]string{
	atom.P: nil, atom.Br: nil, atom.Em: nil, atom.Strong: nil, atom.B: nil, atom.I: nil,
	atom.U: nil, atom.S: nil, atom.Sub: nil, atom.Sup: nil, atom.Small: nil, atom.Span: nil,
	atom.Blockquote: nil, atom.Ul: nil, atom.Ol: nil, atom.Li: nil, atom.Hr: nil,
	atom.H3: nil, atom.H4: nil, atom.H5: nil, atom.H6: nil, atom.Pre: nil, atom.Code: nil,
	atom.Table: nil, atom.Caption: nil, atom.Thead: nil, atom.Tbody: nil, atom.Tfoot: nil,
	atom.Tr: nil, atom.Td: {"colspan", "rowspan"}, atom.Th: {"colspan", "rowspan", "scope"},
	atom.Figure: nil, atom.Figcaption: nil, atom.Img: {"alt"},
}

// dropped are elements left out with their content.
var dropped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true, atom.Iframe: true, atom.Object: true}

// bodyXHTML rewrites the article's HTML body as XHTML, adding the images it names to bk.
func bodyXHTML(bk *book, a Article) (string, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(a.Body), ctx)
	if err != nil {
		return "", fmt.Errorf("body: %w", err)
	}
	w := &bodyWriter{bk: bk, a: a}
	for _, n := range nodes {
		if err := w.node(n); err != nil {
			return "", err
		}
	}
	return w.b.String(), nil
}

type bodyWriter struct {
	bk   *book
	a    Article
	b    bytes.Buffer
	imgs int
}

func (w *bodyWriter) node(n *html.Node) error {
	switch n.Type {
	case html.TextNode:
		w.b.WriteString(esc(n.Data))
		return nil
	case html.ElementNode:
	default:
		return w.children(n)
	}
	if dropped[n.DataAtom] {
		return nil
	}
	attrs, ok := kept[n.DataAtom]
	if !ok {
		return w.children(n)
	}
	if n.DataAtom == atom.Img {
		return w.img(n)
	}
	w.b.WriteString("<" + n.Data)
	w.attrs(n, attrs)
	if n.DataAtom == atom.Br || n.DataAtom == atom.Hr {
		w.b.WriteString("/>")
		return nil
	}
	w.b.WriteString(">")
	if err := w.children(n); err != nil {
		return err
	}
	w.b.WriteString("</" + n.Data + ">")
	return nil
}

func (w *bodyWriter) children(n *html.Node) error {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := w.node(c); err != nil {
			return err
		}
	}
	return nil
}

func (w *bodyWriter) attrs(n *html.Node, names []string) {
	for _, name := range names {
		for _, at := range n.Attr {
			if at.Namespace == "" && at.Key == name {
				fmt.Fprintf(&w.b, ` %s="%s"`, name, esc(at.Val))
			}
		}
	}
}

// img writes an image the article names, or its alt text (an image it does not name is not
// in the book).
func (w *bodyWriter) img(n *html.Node) error {
	var src, alt string
	for _, at := range n.Attr {
		switch at.Key {
		case "src":
			src = at.Val
		case "alt":
			alt = at.Val
		}
	}
	file, ok := w.a.Images[src]
	if !ok {
		w.b.WriteString(esc(alt))
		return nil
	}
	w.imgs++
	it, err := w.bk.image(file, fmt.Sprintf("%s-%d", safeID(w.a.ID), w.imgs))
	if err != nil {
		return fmt.Errorf("image %q: %w", src, err)
	}
	if it == nil {
		w.b.WriteString(esc(alt))
		return nil
	}
	fmt.Fprintf(&w.b, `<img src="%s" alt="%s"/>`, esc(it.href), esc(alt))
	return nil
}
