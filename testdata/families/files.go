package families

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Kind says what a file of a mirror is.
type Kind string

// The kinds of files.
const (
	KindIndex   Kind = "index"   // a redirect to the newest edition
	KindPage    Kind = "page"    // a page's HTML (node)
	KindArticle Kind = "article" // an article's HTML (content)
	KindScan    Kind = "scan"    // a page scan (JPEG)
	KindPDF     Kind = "pdf"     // a page PDF
	KindPhoto   Kind = "photo"   // a photo: in an article's body (Article set) or on the map
	KindAsset   Kind = "asset"   // stylesheet, script, template image
)

// File is one file of a mirror: its slash path below the folder that holds the host
// folders, its bytes, and what it is of which paper, page and article.
type File struct {
	Path    string // "epaper.hxrb.example.cn/html/2019-06/18/node_2.htm"
	Data    []byte
	Kind    Kind
	Paper   string // paper code; "" for files of no paper
	Page    string // page code, for pages, articles, scans, PDFs and photos
	Article string // article id, for articles and their photos
}

// Gap is what a partial capture lacks of one page, as web archives have them: the page
// without its articles, a page without its scan, a page known only from the page list.
type Gap struct {
	Paper, Page string
	Node        bool     // the page's own HTML
	Articles    []string // ids of articles not captured; "*" for all of the page's
	Scan, PDF   bool
}

func (g Gap) drops(f File) bool {
	if f.Paper != g.Paper || f.Page != g.Page {
		return false
	}
	allArticles := slices.Contains(g.Articles, "*")
	switch f.Kind {
	case KindPage:
		return g.Node
	case KindScan:
		return g.Scan
	case KindPDF:
		return g.PDF
	case KindArticle:
		return allArticles || slices.Contains(g.Articles, f.Article)
	case KindPhoto: // a body photo goes with its article, the map's photos with all articles
		return allArticles || (f.Article != "" && slices.Contains(g.Articles, f.Article))
	}
	return false
}

// Capture returns files without what gaps lack.
func Capture(files []File, gaps []Gap) []File {
	var out []File
	for _, f := range files {
		if !slices.ContainsFunc(gaps, func(g Gap) bool { return g.drops(f) }) {
			out = append(out, f)
		}
	}
	return out
}

// WriteFiles writes files below dir. It overwrites files of the same name and leaves other
// files alone.
func WriteFiles(dir string, files []File) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("write %q: %w", p, err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return fmt.Errorf("write %q: %w", p, err)
		}
	}
	return nil
}

// Encoding says how a page's text becomes bytes.
type Encoding struct {
	Charset string // "utf-8" or "gbk"
	BOM     bool   // a UTF-8 byte-order mark first
	CRLF    bool   // CRLF line ends
}

func (enc Encoding) bytes(s string) ([]byte, error) {
	if enc.CRLF {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	switch enc.Charset {
	case "", "utf-8":
		if enc.BOM {
			return append([]byte("\uFEFF"), s...), nil
		}
		return []byte(s), nil
	case "gbk":
		return simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	}
	return nil, fmt.Errorf("unknown charset %q", enc.Charset)
}

// MetaCharset is the label a page declares: gb2312 for GBK, as old sites do.
func (enc Encoding) MetaCharset() string {
	if enc.Charset == "gbk" {
		return "gb2312"
	}
	return "utf-8"
}

// render runs template name of t on data and encodes the result.
func render(t *template.Template, name string, data any, enc Encoding) ([]byte, error) {
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return nil, fmt.Errorf("template %q: %w", name, err)
	}
	out, err := enc.bytes(b.String())
	if err != nil {
		return nil, fmt.Errorf("template %q: %w", name, err)
	}
	return out, nil
}

// esc escapes text for HTML the way Founder does: &, < and >, nothing else.
func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// brs escapes text and writes its line breaks as <BR>.
func brs(s string) string { return strings.ReplaceAll(esc(s), "\n", "<BR>") }

var funcs = template.FuncMap{"esc": esc, "brs": brs}
