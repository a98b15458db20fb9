package bundle

import (
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
	Weekday     string `yaml:"weekday"` // 星期三
	// Bundles is the edition's manifest: every page and article bundle an import of it
	// wrote, as paths under the edition's folder ("005", "005/268824"), sorted; Verify
	// reports one that is gone.
	Bundles []string `yaml:"bundles,omitempty"`
	Source  *Source  `yaml:"source,omitempty"`
}

// Page is the front matter of a page's bundle, content/PAPER/DATE/PAGE/_index.md.
type Page struct {
	PageHead `yaml:",inline"`
	Scan     *Scan     `yaml:"scan,omitempty"`
	PDF      string    `yaml:"pdf,omitempty"` // the file name of the page's PDF in the bundle
	Regions  []Region  `yaml:"regions,omitempty"`
	Missing  []Missing `yaml:"missing,omitempty"`
	Files    []File    `yaml:"files,omitempty"`   // the scan and PDF, with their URLs and digests
	Aliases  []string  `yaml:"aliases,omitempty"` // the original site's path, kept alive as a redirect
	Source   *Source   `yaml:"source,omitempty"`
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

// Region is one article's area of a page's image map.
type Region struct {
	Article string  `yaml:"article"` // the article bundle's folder name
	Points  []Point `yaml:"points"`  // x, y as fractions of the scan's width and height
}

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
	PartImage    = "image"
	// PartExternalImage is an image on a host the import does not fetch from: its URL is
	// recorded, the image is not fetched and the body leaves it out.
	PartExternalImage = "external image"
)

// Point is an x,y pair, written in flow style: [0.05, 0.04].
type Point [2]float64

// MarshalYAML writes p as a flow sequence.
func (p Point) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, v := range p {
		var c yaml.Node
		if err := c.Encode(v); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &c)
	}
	return n, nil
}
