package extract

import (
	"strings"
	"time"
)

// Page is what a page (版, node.htm) of an edition says about itself and its edition.
type Page struct {
	URL         string // where the page was fetched
	Profile     string // the profile that read it (Generic: the heuristics)
	FromArticle bool   // the page was read from one of its articles (an article URL)
	// PaperNameFrom says where PaperName was read: a profile's source (its selector),
	// "title" (the title rule, NameFromTitle), or "" (the code stands for the name).
	PaperNameFrom string
	Paper         string    // the paper's code in the URL, e.g. "cqrb"
	PaperName     string    // e.g. 重庆日报
	Date          time.Time // the edition's date, midnight in China Standard Time
	Num           string    // page number as printed: "005", "A01"
	Name          string    // page name: 重庆新闻
	Pages         []PageRef // the edition's page list (版面导航), in order
	Articles      []ArticleRef
	ScanURL       string   // the page scan image; "" when none
	ScanW         int      // size the scan is shown at, from the <img> (0 when not given)
	ScanH         int      //
	PDFURL        string   // "" when none
	Regions       []Region // the image map, in pixels of the shown scan
	// MapW and MapH are the extent of the image map: the shown scan's size, else the largest
	// x and y of its regions (what a placeholder stands for when the scan is missing).
	MapW, MapH float64
	// Warnings say what of the page was left out because it broke a limit (too many regions
	// or points, bad coordinates); the importer reports them.
	Warnings []string
}

// PageRef is one entry of an edition's page list.
type PageRef struct {
	URL    string
	Num    string
	Name   string
	PDFURL string // the page's PDF as the list links it; "" when it links none
}

// ArticleRef is one entry of a page's article list.
type ArticleRef struct {
	URL   string
	ID    string
	Title string
	// TitleFrom says where Title was read: "list" (the page's article list), "link" (a link's
	// text elsewhere), "alt" or "title" (an image map area's attribute); "" when none gave one.
	TitleFrom string
}

// Region is one clickable area of the page scan.
type Region struct {
	Target string // where the area leads, resolved against the page
	Kind   string // RegionArticle, RegionPhoto or RegionLink
	ID     string // the article's id, for RegionArticle
	Title  string // the area's alt or title, "" when it has none
	Points [][2]float64
}

// Kinds of Region.
const (
	RegionArticle = "article" // leads to an article of the edition
	RegionPhoto   = "photo"   // leads to an image file
	RegionLink    = "link"    // leads anywhere else
)

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
	Profile   string // the profile that read it (Generic: the heuristics)
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
