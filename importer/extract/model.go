package extract

import (
	"strings"
	"time"
)

// Page is what a page (版, node.htm) of an edition says about itself and its edition.
type Page struct {
	URL       string    // where the page was fetched
	Paper     string    // the paper's code in the URL, e.g. "cqrb"
	PaperName string    // e.g. 重庆日报
	Date      time.Time // the edition's date, midnight in China Standard Time
	Num       string    // page number as printed: "005", "A01"
	Name      string    // page name: 重庆新闻
	Pages     []PageRef // the edition's page list (版面导航), in order
	Articles  []ArticleRef
	ScanURL   string   // the page scan image; "" when none
	ScanW     int      // size the scan is shown at, from the <img> (0 when not given)
	ScanH     int      //
	PDFURL    string   // "" when none
	Regions   []Region // the image map, in pixels of the shown scan
}

// PageRef is one entry of an edition's page list.
type PageRef struct {
	URL  string
	Num  string
	Name string
}

// ArticleRef is one entry of a page's article list.
type ArticleRef struct {
	URL   string
	ID    string
	Title string
}

// Region is one clickable area of the page scan.
type Region struct {
	ArticleURL string
	Points     [][2]float64
}

// Article is one article page (content_NNN.htm).
type Article struct {
	URL          string
	ID           string
	IntroTitle   string // 引题
	Title        string
	SubTitle     string // 副题
	Author       string
	AuthorInBody bool // the byline is a paragraph of the body
	Keywords     []string
	Blocks       []Block

	// Where the title and the body were found, for the record and for tests. TitleFrom is
	// "founder-title", "enpproperty", "heading" or "title" (the page's <title>); BodyFrom is
	// "founder-content", "enpcontent", "npm:article-content", "ozoom", "text block" (the
	// largest block of text of a page without Founder's markup) or "pictures" (the pictures
	// beside an empty body).
	TitleFrom string
	BodyFrom  string
}

// Block is a paragraph or an image of an article body.
type Block struct {
	Spans    []Span // a paragraph; a Span of Text "\n" is a line break
	ImageURL string // an image, with its Caption
	Caption  string
}

// Span is a run of text of one style.
type Span struct {
	Text string
	Bold bool
}

// Text returns the paragraph's plain text.
func (b Block) Text() string {
	var s strings.Builder
	for _, sp := range b.Spans {
		s.WriteString(sp.Text)
	}
	return s.String()
}
