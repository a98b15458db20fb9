package bundle

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// The front matter of each kind of bundle. Fields are written in the order they are
// declared here, which is the order docs/bundles.md shows; a field marked omitempty is left
// out when empty.

// Paper is the front matter of a paper's bundle, content/PAPER/_index.md.
type Paper struct {
	Title  string  `yaml:"title"`
	Kind   string  `yaml:"kind"` // KindPaper
	Paper  string  `yaml:"paper"`
	Source *Source `yaml:"source,omitempty"`
}

// EditionHead is what the front matter of every bundle of an edition begins with.
type EditionHead struct {
	Title     string    `yaml:"title"`
	Kind      string    `yaml:"kind"`
	Paper     string    `yaml:"paper"`
	PaperName string    `yaml:"paper_name"`
	Date      time.Time `yaml:"date"`    // midnight in China Standard Time
	Edition   string    `yaml:"edition"` // the date as YYYY-MM-DD, the edition's folder
}

// PageHead is what the front matter of a page's bundle and of its articles' begins with.
type PageHead struct {
	EditionHead `yaml:",inline"`
	Page        string `yaml:"page"`      // the page number as printed, the page's folder
	PageName    string `yaml:"page_name"` // 重庆新闻
	Weight      int    `yaml:"weight"`    // order in the edition (a page) or on the page (an article), from 1
}

// Edition is the front matter of an edition's bundle, content/PAPER/DATE/_index.md.
type Edition struct {
	EditionHead `yaml:",inline"`
	Weekday     string      `yaml:"weekday"`         // 星期三
	Pages       []PageEntry `yaml:"pages,omitempty"` // the page list (版面导航), archived or not
	// Bundles is the edition's manifest: every page and article bundle an import of it
	// wrote, as paths under the edition's folder ("005", "005/268824"), sorted; Verify
	// reports one that is gone.
	Bundles []string `yaml:"bundles,omitempty"`
	Source  *Source  `yaml:"source,omitempty"`
}

// PageEntry is one page of an edition's page list, as the pages say it, whether or not the
// page itself was had: a page without a bundle is known from the list only.
type PageEntry struct {
	Page string `yaml:"page"`          // the page number as printed, the page bundle's folder
	Name string `yaml:"name"`          // 要闻
	URL  string `yaml:"url"`           // the page on the original site
	PDF  string `yaml:"pdf,omitempty"` // its PDF on the original site, when the list links one
}

// Page is the front matter of a page's bundle, content/PAPER/DATE/PAGE/_index.md.
type Page struct {
	PageHead `yaml:",inline"`
	Scan     *Scan          `yaml:"scan,omitempty"`
	PDF      string         `yaml:"pdf,omitempty"` // the file name of the page's PDF in the bundle
	Map      *MapExtent     `yaml:"map,omitempty"` // the image map's extent; absent without regions
	Regions  []Region       `yaml:"regions,omitempty"`
	Articles []ArticleEntry `yaml:"articles,omitempty"` // every article the page names, archived or not
	Missing  []Missing      `yaml:"missing,omitempty"`
	Files    []File         `yaml:"files,omitempty"`   // the scan and PDF, with their URLs and digests
	Aliases  []string       `yaml:"aliases,omitempty"` // the original site's path, kept alive as a redirect
	Source   *Source        `yaml:"source,omitempty"`
}

// MapExtent is the size, in pixels, of what a page's image map was drawn on: the scan as the
// page shows it, else the largest x and y of its areas. A page view without the scan draws
// the regions over a placeholder of this shape.
type MapExtent struct {
	Width  float64 `yaml:"width"`
	Height float64 `yaml:"height"`
}

// ArticleEntry is one article a page names (its list, its links, its image map), in reading
// order, whether or not the article itself was had.
type ArticleEntry struct {
	ID    string `yaml:"id"`    // the article bundle's folder name
	Title string `yaml:"title"` // as the page gives it; "" when it gives none
	// TitleFrom says where the title was read: "list", "link", "alt" or "title".
	TitleFrom string `yaml:"title_from,omitempty"`
	URL       string `yaml:"url"`      // the article on the original site
	Archived  bool   `yaml:"archived"` // its bundle is in the site
	// Bundle is the article's bundle below the edition (PAGE/ID) when it is kept on another
	// page: the same article published on two pages under two ids is kept once.
	Bundle string `yaml:"bundle,omitempty"`
}

// Article is the front matter of an article's bundle, content/PAPER/DATE/PAGE/ID/index.md.
type Article struct {
	PageHead     `yaml:",inline"`
	ArticleID    string    `yaml:"article_id"`
	IntroTitle   string    `yaml:"introtitle"` // 引题
	SubTitle     string    `yaml:"subtitle"`   // 副题
	Author       string    `yaml:"author"`
	AuthorInBody bool      `yaml:"author_in_body"` // the byline is a paragraph of the body
	Keywords     []string  `yaml:"keywords"`       // written as [] when there are none
	Images       []Image   `yaml:"images,omitempty"`
	Missing      []Missing `yaml:"missing,omitempty"`
	Files        []File    `yaml:"files,omitempty"`       // the images, with their URLs and digests
	BodySHA256   string    `yaml:"body_sha256,omitempty"` // of the body, as BodyDigest writes it
	Aliases      []string  `yaml:"aliases,omitempty"`
	Source       *Source   `yaml:"source,omitempty"`
}

// Source says where a bundle's original came from.
type Source struct {
	URL          string `yaml:"url"`
	Raw          string `yaml:"raw,omitempty"`     // the file in the bundle holding the bytes as received
	SHA256       string `yaml:"sha256,omitempty"`  // of those bytes, as Digest writes it
	Charset      string `yaml:"charset,omitempty"` // what the bytes were decoded as
	ETag         string `yaml:"etag,omitempty"`    // validators for the next conditional request
	LastModified string `yaml:"last_modified,omitempty"`
	Status       int    `yaml:"status,omitempty"`    // the HTTP status of the capture
	Via          string `yaml:"via,omitempty"`       // ViaHTTP, ViaMirror or ViaWARC
	Retrieved    string `yaml:"retrieved,omitempty"` // when these bytes were captured (first), RFC 3339 UTC
	WARCRecord   string `yaml:"warc_record,omitempty"`
	WARCFile     string `yaml:"warc_file,omitempty"`
	Profile      string `yaml:"profile,omitempty"` // the profile that read the page (extract's; founder-generic: the heuristics)
}

// How a Source's bytes were had.
const (
	ViaHTTP   = "http"   // fetched from the site
	ViaMirror = "mirror" // read from a local mirror of the site
	ViaWARC   = "warc"   // replayed from a WARC or WACZ
)

// Scan is a page's scan.
type Scan struct {
	Src    string `yaml:"src"`    // its file name in the bundle
	Width  int    `yaml:"width"`  // natural size, in pixels
	Height int    `yaml:"height"` //
}

// Region is one area of a page's image map: an article's, a photo's or a link's.
type Region struct {
	Kind    string `yaml:"kind"`              // RegionArticle, RegionPhoto or RegionLink
	Article string `yaml:"article,omitempty"` // the article bundle's folder name (kind article)
	URL     string `yaml:"url,omitempty"`     // where the area leads on the original site
	// Points is the polygon in one string, "x1,y1 x2,y2 …", each a fraction of the map's
	// width or height with at most 4 decimals (Points and ParsePoints): one string rather
	// than a list per point keeps a page's front matter small.
	Points string `yaml:"points"`
}

// UnmarshalYAML reads a region as Region's fields say, and also as bundles written before
// regions were one string each wrote it: points as a list of [x, y] pairs (and no kind),
// read as the string Points writes, so that an archive imported then is read the same.
func (r *Region) UnmarshalYAML(n *yaml.Node) error {
	type plain Region
	if n.Kind == yaml.MappingNode {
		for i := 1; i < len(n.Content); i += 2 {
			k, v := n.Content[i-1], n.Content[i]
			if k.Value != "points" || v.Kind != yaml.SequenceNode {
				continue
			}
			var pairs []Point
			if err := v.Decode(&pairs); err != nil {
				return err
			}
			for _, p := range pairs {
				if !finite(p[0]) || !finite(p[1]) {
					return fmt.Errorf("line %d: points: %v is not x,y of finite numbers of at least 0", v.Line, p)
				}
			}
			c := *n
			c.Content = slices.Clone(n.Content)
			c.Content[i] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: Points(pairs)}
			n = &c
			break
		}
	}
	if err := n.Decode((*plain)(r)); err != nil {
		return err
	}
	if r.Kind == "" && r.Article != "" { // older bundles: every region was an article's
		r.Kind = RegionArticle
	}
	return nil
}

// Kinds of Region.
const (
	RegionArticle = "article"
	RegionPhoto   = "photo"
	RegionLink    = "link"
)

// Image is an image of an article, in body order.
type Image struct {
	Src     string `yaml:"src"` // its file name in the bundle
	Caption string `yaml:"caption"`
}

// Missing names a part that a bundle lacks, and why: the original has none, or it could not
// be fetched (then URL says where it was).
type Missing struct {
	Part   string `yaml:"part"` // one of the Part… constants
	URL    string `yaml:"url,omitempty"`
	Reason string `yaml:"reason"`
}

// The parts a Missing names.
const (
	PartScan     = "scan"
	PartImageMap = "image map"
	PartPDF      = "pdf"
	PartArticles = "articles"
	PartArticle  = "article" // one article the page names that could not be had
	PartImage    = "image"
	// PartExternalImage is an image on a host the import does not fetch from: its URL is
	// recorded, the image is not fetched and the body leaves it out.
	PartExternalImage = "external image"
)

// Point is an x,y pair.
type Point [2]float64

// Points writes a polygon as Region.Points holds it: "x1,y1 x2,y2 …", each number with at
// most 4 decimals and no trailing zeros.
func Points(pts []Point) string {
	var b strings.Builder
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatFloat(p[0], 'f', -1, 64))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(p[1], 'f', -1, 64))
	}
	return b.String()
}

// ParsePoints reads a Region's Points; an error names what is not an x,y pair of finite
// numbers of at least 0.
func ParsePoints(s string) ([]Point, error) {
	var out []Point
	for _, f := range strings.Fields(s) {
		x, y, ok := strings.Cut(f, ",")
		px, err1 := strconv.ParseFloat(x, 64)
		py, err2 := strconv.ParseFloat(y, 64)
		if !ok || err1 != nil || err2 != nil || !finite(px) || !finite(py) {
			return nil, fmt.Errorf("points %q: %q is not x,y of finite numbers of at least 0", s, f)
		}
		out = append(out, Point{px, py})
	}
	return out, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) && v >= 0 }
