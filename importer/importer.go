// Package importer reads the original HTML pages of a Founder (方正) e-paper edition and writes
// them as Hugo content bundles (plain files: it knows nothing of Hugo's Go API).
//
// Files: source.go (what SOURCE names: a URL or a local mirror), fetch.go (HTTP), decode.go
// (charsets), extract_page.go and extract_article.go (HTML → Page and Article; pure, no I/O),
// body.go (article body → paragraphs and images), markdown.go, frontmatter.go and bundle.go
// (writing bundles atomically), importer.go (the crawl of one edition).
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"sort"
	"time"
)

// Options configure an Importer.
type Options struct {
	SiteDir   string        // the site; bundles go under SiteDir/content
	UserAgent string        // default: "epaper (+https://github.com/epaper-archive/epaper)"
	MaxBytes  int64         // largest response accepted; default 64 MiB
	Timeout   time.Duration // per request; default 60s
	Log       io.Writer     // a line per page and per failure; nil: quiet
}

// Importer imports editions into a site.
type Importer struct {
	opt    Options
	client *http.Client
}

// New returns an Importer that fetches through transport (nil: the network).
func New(opt Options, transport http.RoundTripper) *Importer {
	if opt.UserAgent == "" {
		opt.UserAgent = "epaper (+https://github.com/epaper-archive/epaper)"
	}
	if opt.MaxBytes == 0 {
		opt.MaxBytes = 64 << 20
	}
	if opt.Timeout == 0 {
		opt.Timeout = 60 * time.Second
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	return &Importer{opt: opt, client: &http.Client{Transport: transport, Timeout: opt.Timeout}}
}

// Item is the outcome for one page or article.
type Item struct {
	Kind   string `json:"kind"` // "page" or "article"
	URL    string `json:"url"`
	Bundle string `json:"bundle,omitempty"` // the bundle's folder under content/
	Status string `json:"status"`           // "imported" or "failed"
	Error  string `json:"error,omitempty"`
}

// Report says what an import did.
type Report struct {
	Edition string `json:"edition"` // content/ path of the edition
	Items   []Item `json:"items"`
}

// Failed returns the items that could not be imported.
func (r *Report) Failed() []Item {
	var out []Item
	for _, it := range r.Items {
		if it.Status == "failed" {
			out = append(out, it)
		}
	}
	return out
}

// Count returns how many items of a kind have a status.
func (r *Report) Count(kind, status string) int {
	n := 0
	for _, it := range r.Items {
		if it.Kind == kind && it.Status == status {
			n++
		}
	}
	return n
}

func (r *Report) add(kind, u, bundle string, err error) {
	it := Item{Kind: kind, URL: u, Bundle: bundle, Status: "imported"}
	if err != nil {
		it.Status, it.Error = "failed", err.Error()
	}
	r.Items = append(r.Items, it)
}

// ErrNoEdition means the source led to no edition page.
var ErrNoEdition = errors.New("no edition found")

// Import imports the whole edition that start belongs to: start may be the paper's index, any
// page of the edition or any article of it. Pages and articles that fail are in the report
// and the import goes on; the error is for a start that leads to no edition at all.
func (im *Importer) Import(ctx context.Context, start *url.URL) (*Report, error) {
	entry, err := im.findEdition(ctx, start.String())
	if err != nil {
		return nil, err
	}
	ed := entry.page
	if err := checkNames(ed.Paper); err != nil {
		return nil, fmt.Errorf("%s: paper code: %w", ed.URL, err)
	}
	edition := ed.Date.Format("2006-01-02")
	edDir := filepath.Join(im.opt.SiteDir, "content", ed.Paper, edition)
	rep := &Report{Edition: filepath.ToSlash(filepath.Join(ed.Paper, edition))}
	if err := removeStale(edDir); err != nil {
		return nil, err
	}
	if err := im.writePaper(ed); err != nil {
		return nil, err
	}
	if err := im.writeEdition(edDir, ed); err != nil {
		return nil, err
	}
	fmt.Fprintf(im.opt.Log, "edition %s %s: %d pages\n", ed.PaperName, edition, len(ed.Pages))
	for i, ref := range ed.Pages {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		var pre *decoded
		if entry.isPage && entry.url == ref.URL {
			pre = entry
		}
		im.importPage(ctx, rep, edDir, i+1, ref, pre)
	}
	return rep, nil
}

// decoded is a fetched HTML page, decoded.
type decoded struct {
	url     string
	raw     []byte
	text    string
	charset string
	page    *Page
	isPage  bool // a page (版) rather than an article
}

// fetchHTML fetches and decodes a page.
func (im *Importer) fetchHTML(ctx context.Context, u string) (*decoded, error) {
	f, err := im.fetch(ctx, u)
	if err != nil {
		return nil, err
	}
	text, cs, err := decodeHTML(f.Body, f.ContentType)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	return &decoded{url: f.URL, raw: f.Body, text: text, charset: cs}, nil
}

// findEdition follows meta refreshes from start (a paper's index points at its newest
// edition so) to a page of an edition.
func (im *Importer) findEdition(ctx context.Context, start string) (*decoded, error) {
	u := start
	for hops := 0; hops < 5; hops++ {
		d, err := im.fetchHTML(ctx, u)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrNoEdition, err)
		}
		base, _ := url.Parse(d.url)
		if next := ExtractRefresh(d.text, base); next != "" && next != d.url {
			u = next
			continue
		}
		p, err := ExtractPage(d.text, base)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrNoEdition, err)
		}
		d.page, d.isPage = p, articleID(d.url) == ""
		return d, nil
	}
	return nil, fmt.Errorf("%w: %s: more than 5 meta refreshes", ErrNoEdition, start)
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
