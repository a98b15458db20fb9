package importer

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// The front matter of each kind of bundle, in the key order of docs/bundles.md.

type paperMatter struct {
	Title  string      `yaml:"title"`
	Kind   string      `yaml:"kind"`
	Paper  string      `yaml:"paper"`
	Source *sourceInfo `yaml:"source,omitempty"`
}

// editionHead is what every bundle of an edition begins with.
type editionHead struct {
	Title     string    `yaml:"title"`
	Kind      string    `yaml:"kind"`
	Paper     string    `yaml:"paper"`
	PaperName string    `yaml:"paper_name"`
	Date      time.Time `yaml:"date"`
	Edition   string    `yaml:"edition"`
}

// pageHead is what the bundles of a page and of its articles begin with.
type pageHead struct {
	editionHead `yaml:",inline"`
	Page        string `yaml:"page"`
	PageName    string `yaml:"page_name"`
	Weight      int    `yaml:"weight"` // order in the edition (a page) or on the page (an article)
}

func newEditionHead(p *Page, title, kind string) editionHead {
	return editionHead{Title: title, Kind: kind, Paper: p.Paper, PaperName: p.PaperName, Date: p.Date, Edition: p.Date.Format(time.DateOnly)}
}

func newPageHead(p *Page, title, kind string, weight int) pageHead {
	return pageHead{editionHead: newEditionHead(p, title, kind), Page: p.Num, PageName: p.Name, Weight: weight}
}

type editionMatter struct {
	editionHead `yaml:",inline"`
	Weekday     string      `yaml:"weekday"`
	Source      *sourceInfo `yaml:"source,omitempty"`
}

type pageMatter struct {
	pageHead `yaml:",inline"`
	Scan     *scanInfo      `yaml:"scan,omitempty"`
	PDF      string         `yaml:"pdf,omitempty"`
	Regions  []regionMatter `yaml:"regions,omitempty"`
	Missing  []missingPart  `yaml:"missing,omitempty"`
	Aliases  []string       `yaml:"aliases,omitempty"`
	Source   *sourceInfo    `yaml:"source,omitempty"`
}

type articleMatter struct {
	pageHead     `yaml:",inline"`
	ArticleID    string        `yaml:"article_id"`
	IntroTitle   string        `yaml:"introtitle"`
	SubTitle     string        `yaml:"subtitle"`
	Author       string        `yaml:"author"`
	AuthorInBody bool          `yaml:"author_in_body"`
	Keywords     []string      `yaml:"keywords"`
	Images       []imageMatter `yaml:"images,omitempty"`
	Missing      []missingPart `yaml:"missing,omitempty"`
	Aliases      []string      `yaml:"aliases,omitempty"`
	Source       *sourceInfo   `yaml:"source,omitempty"`
}

type sourceInfo struct {
	URL          string `yaml:"url"`
	Raw          string `yaml:"raw,omitempty"`
	SHA256       string `yaml:"sha256,omitempty"`
	Charset      string `yaml:"charset,omitempty"`
	ETag         string `yaml:"etag,omitempty"` // validators for the next conditional request
	LastModified string `yaml:"last_modified,omitempty"`
	Status       int    `yaml:"status,omitempty"`    // the HTTP status of the capture
	Via          string `yaml:"via,omitempty"`       // http, mirror or warc
	Retrieved    string `yaml:"retrieved,omitempty"` // when these bytes were captured (first), RFC 3339 UTC
	WARCRecord   string `yaml:"warc_record,omitempty"`
	WARCFile     string `yaml:"warc_file,omitempty"`
}

type scanInfo struct {
	Src    string `yaml:"src"`
	Width  int    `yaml:"width"`
	Height int    `yaml:"height"`
}

type regionMatter struct {
	Article string  `yaml:"article"`
	Points  []point `yaml:"points"`
}

type imageMatter struct {
	Src     string `yaml:"src"`
	Caption string `yaml:"caption"`
}

// missingPart names a part that the bundle lacks, and why: the original page has none, or it
// could not be fetched (then URL says where it was).
type missingPart struct {
	Part   string `yaml:"part"`
	URL    string `yaml:"url,omitempty"`
	Reason string `yaml:"reason"`
}

// point is an x,y pair written in flow style: [0.05, 0.04].
type point [2]float64

func (p point) MarshalYAML() (any, error) {
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

// document renders front matter and body as a Markdown file.
func document(matter any, body string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(matter); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	b.WriteString("---\n")
	if body != "" {
		b.WriteString("\n")
		b.WriteString(body)
	}
	return b.Bytes(), nil
}

// keptSource is what an earlier import kept of a page: its source and raw bytes.
type keptSource struct {
	sourceInfo
	raw []byte
}

// readKept reads the source of the bundle whose index file is path, or returns nil when
// there is none (or it cannot be read: then the page is simply fetched again).
func readKept(path string) *keptSource {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	end := bytes.Index(rest, []byte("\n---\n"))
	if !ok || end < 0 {
		return nil
	}
	var m struct {
		Source *sourceInfo `yaml:"source"`
	}
	if yaml.Unmarshal(rest[:end], &m) != nil || m.Source == nil || m.Source.Raw == "" {
		return nil
	}
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(path), filepath.Base(m.Source.Raw)))
	if err != nil || digest(raw) != m.Source.SHA256 {
		return nil // a kept copy that does not match its digest is no copy
	}
	return &keptSource{sourceInfo: *m.Source, raw: raw}
}

// aliases keeps the original site's path of a page alive on the built site: Hugo writes a
// redirect there (and the CDN build a _redirects line).
func (d *decoded) aliases() []string {
	u, err := url.Parse(d.url)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.HasPrefix(u.Path, "/") || strings.Contains(u.Path, "..") {
		return nil
	}
	return []string{u.Path}
}

// source is the provenance of a fetched page, for its bundle.
func (d *decoded) source() *sourceInfo {
	s := d.prov
	s.URL, s.Raw, s.SHA256, s.Charset = d.url, "source.html.raw", digest(d.raw), d.charset
	return &s
}
