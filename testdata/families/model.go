package families

import (
	"time"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// CST is China Standard Time, the zone of edition dates.
var CST = time.FixedZone("CST", 8*3600)

// Paper is one fictional newspaper: its code, its real name, and where it is served.
type Paper struct {
	Code string // "hxrb": the code the importer should give it
	Name string // "海西日报": the name it should find (masthead, Founder fields), not <title>
	Host string // "epaper.hxrb.example.cn": the mirror's host folder
	// Title is the page's <title>, slogans and site words included; the name must not be
	// taken from it when a better source is on the page.
	Title string
}

// Edition is one day of a paper, its pages in order.
type Edition struct {
	Paper Paper
	Date  time.Time // midnight CST
	Pages []*Page
}

// Page is one page (版).
type Page struct {
	Code     string // as printed: "A01", "01"
	Name     string // "要闻"
	Node     string // the page's id in its URL: "2" in node_2.htm, "01" in node_01.html
	Charset  string // "utf-8" (default) or "gbk"
	Articles []*Article
	Photos   []Photo // image-map regions that lead to a photo, not to an article
	Scan     bool    // the page shows a scan
	PDF      bool    // the page list links a PDF of the page
	PDFName  string  // file name of the PDF where it is not derived from the page (hex GUIDs)
	// Sidebar links articles of other pages (本期导读): ids of articles elsewhere in the
	// edition, which are not this page's articles.
	Sidebar []string
}

// Article is one article (稿件).
type Article struct {
	ID         string // as the importer should name it: "51201", "1-01"
	IntroTitle string // 引题
	Title      string // "\n" is a line break inside the title
	SubTitle   string // 副题
	Author     string // the byline as printed in the author field
	// Paragraphs of the body as text; "\n" is a <br>. Where the byline is the body's first
	// paragraph (the pad family) it is Paragraphs[0].
	Paragraphs []string
	Regions    []fixture.Polygon // the article's regions on the scan, in scan pixels
	Image      *Image            // a photo in the body, or nil
	SameAs     string            // the id of the same article published on another page
}

// Image is a photo in an article's body.
type Image struct {
	Name    string // file name
	Caption string
}

// Photo is a map region that leads to a photo file rather than to an article.
type Photo struct {
	Name   string // file name of the photo
	Region fixture.Polygon
}

// ScanSize is the natural size of every scan of the families, and the size it is shown at
// unless a family halves it.
var ScanSize = fixture.Size{W: 300, H: 450}

// Article returns the article of e with id, and its page; nil when there is none.
func (e *Edition) Article(id string) (*Page, *Article) {
	for _, p := range e.Pages {
		for _, a := range p.Articles {
			if a.ID == id {
				return p, a
			}
		}
	}
	return nil, nil
}

// Compact is the date as in file names: "20190618".
func (e *Edition) Compact() string { return e.Date.Format("20060102") }

// PlainTitle is the title on one line, as article lists show it.
func (a *Article) PlainTitle() string {
	out := []rune{}
	for _, r := range a.Title {
		if r != '\n' {
			out = append(out, r)
		}
	}
	return string(out)
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, CST) }

var weekdays = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// Weekday is the edition's weekday in Chinese: "星期二".
func (e *Edition) Weekday() string { return weekdays[e.Date.Weekday()] }
