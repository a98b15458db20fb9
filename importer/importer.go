// Package importer imports the editions of a Founder (方正) e-paper into a site's content
// tree: it finds the edition a URL belongs to (the paper's index leads to the newest one),
// crawls its page list, every page and every article of each page, fetches their scans,
// PDFs and images, and writes one bundle per paper, edition, page and article. What fails is
// reported, page by page and article by article, and the rest is still imported; a page or
// article that cannot be had keeps the bundle an earlier import wrote.
//
//	src, err := importer.ResolveSource("testdata/epaper.cqrb.cn") // a URL, a mirror, a WARC
//	defer src.Close()
//	im, err := importer.New(importer.Options{SiteDir: "site", Fetch: fetch.DefaultFetchOptions()}, src.Transport)
//	rep, err := im.Import(ctx, src.URL)
//	for _, it := range rep.Failures() { fmt.Println(it.URL, it.Error) }
//
// A re-import asks the server whether each page changed (the validators kept in the
// bundles) and keeps what did not; the same input always writes the same bytes.
//
// The importer is the orchestration only: fetching is package fetch's, reading HTML package
// extract's, the files written package bundle's, mirrors and archives package archive's. It
// never imports Hugo, and reads nothing from the environment: what it does is what Options
// say.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/extract"
	"github.com/epaper-archive/epaper/importer/fetch"
	"golang.org/x/sync/semaphore"
)

// Options configure an Importer.
type Options struct {
	SiteDir string             // the site; bundles go under SiteDir/content
	Fetch   fetch.FetchOptions // politeness, retries and limits of every request: start from fetch.DefaultFetchOptions
	Force   bool               // fetch everything again, without conditional requests
	Log     io.Writer          // a line per page and per failure; nil: quiet
	// Progress, when set, is called after each page and article with what is done so far.
	Progress func(Progress)
	// Now is the clock of retrieval times; nil: time.Now.
	Now func() time.Time
	// Paper and PaperName override the paper's code and name, whatever the pages say
	// (--paper, --paper-name); "": as the pages say.
	Paper, PaperName string
	// EditionJobs is how many editions ImportEditions imports side by side; 0: two.
	EditionJobs int
	// Profiles are the profiles pages and articles are read with, in the order they are
	// tried (extract.WithProfiles); nil: the built-in ones.
	Profiles []*extract.Profile
}

// Progress counts what an import has done so far: the pages of the editions begun, and, for
// ImportEditions, the editions.
type Progress struct {
	Pages, PagesTotal       int
	Articles                int
	Failed                  int
	Editions, EditionsTotal int
}

// Importer imports editions into a site.
type Importer struct {
	opt      Options
	fetcher  *fetch.Fetcher
	content  string              // the site's content tree
	sources  *hostSet            // the hosts of the URLs imports started from: see fetchable
	files    *semaphore.Weighted // the memory of files held: see holdFiles
	filesCap int64               // its size
	written  *writtenArticles    // what keepOnce compares of the article bundles written
}

// New returns an Importer that fetches through transport (nil: the network), or the error of
// opt.Fetch.Validate.
func New(opt Options, transport http.RoundTripper) (*Importer, error) {
	if opt.Log == nil {
		opt.Log = io.Discard
	} else {
		opt.Log = &lockedWriter{w: opt.Log}
	}
	if opt.Fetch.Log == nil {
		opt.Fetch.Log = opt.Log
	}
	f, err := fetch.NewFetcher(opt.Fetch, transport)
	if err != nil {
		return nil, err
	}
	filesCap := max(filesHeld, 2*opt.Fetch.MaxBytes)
	return &Importer{opt: opt, fetcher: f, content: bundle.ContentDir(opt.SiteDir), sources: &hostSet{},
		files: semaphore.NewWeighted(filesCap), filesCap: filesCap, written: &writtenArticles{keys: map[string]string{}}}, nil
}

// profiles are the profiles the importer reads with.
func (im *Importer) profiles() []*extract.Profile {
	if im.opt.Profiles != nil {
		return im.opt.Profiles
	}
	return extract.Builtin()
}

// SiteDir is the site the importer writes into.
func (im *Importer) SiteDir() string { return im.opt.SiteDir }

// Item is the outcome for one page or article.
type Item struct {
	Kind   string `json:"kind"` // "page", "article" or "file" (KindFile: failed only)
	URL    string `json:"url"`
	Bundle string `json:"bundle,omitempty"` // the bundle's folder under content/
	Status string `json:"status"`           // "imported", "unchanged" or "failed"
	Error  string `json:"error,omitempty"`
	// NotCaptured says that it failed because the mirror or archive read does not hold it
	// (archive.ErrNotCaptured): no server was asked.
	NotCaptured bool `json:"not_captured,omitempty"`
	// Warnings say what of it was left out although it was imported (an image map over the
	// limits, a coordinate that is not a number); its bundle's missing: says so too.
	Warnings []string `json:"warnings,omitempty"`
	// Profile is the profile that read a page (extract.Generic: epaper's heuristics).
	Profile string `json:"profile,omitempty"`
}

// Statuses of an Item.
const (
	Imported  = "imported"
	Unchanged = "unchanged" // the server answered 304 Not Modified: the bundle was kept
	Failed    = "failed"
)

// Report says what an import did.
type Report struct {
	Edition string `json:"edition"` // content/ path of the edition
	Items   []Item `json:"items"`
}

// Failures returns the items that could not be imported.
func (r *Report) Failures() []Item {
	var out []Item
	for _, it := range r.Items {
		if it.Status == Failed {
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

func (r *Report) add(kind, u, bundle, status string, err error) {
	it := Item{Kind: kind, URL: u, Bundle: bundle, Status: status}
	if err != nil {
		it.Status, it.Error, it.NotCaptured = Failed, err.Error(), errors.Is(err, archive.ErrNotCaptured)
	}
	r.Items = append(r.Items, it)
}

// progress tells the Progress callback where the import is.
func (im *Importer) progress(rep *Report, pagesTotal int) {
	if im.opt.Progress == nil {
		return
	}
	p := Progress{PagesTotal: pagesTotal}
	for _, it := range rep.Items {
		switch {
		case it.Status == Failed:
			p.Failed++
		case it.Kind == "page":
			p.Pages++
		case it.Kind == "article":
			p.Articles++
		}
	}
	im.opt.Progress(p)
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
	edition, err := im.editionOf(entry)
	if err != nil {
		return nil, err
	}
	if err := im.writePaper(entry.page); err != nil {
		return nil, err
	}
	return im.crawl(ctx, entry, edition)
}

// crawl imports the edition whose page entry is into its bundle edition: the edition's
// _index.md, then every page of its page list with their articles.
func (im *Importer) crawl(ctx context.Context, entry *decoded, edition bundle.Ref) (*Report, error) {
	ed := entry.page
	rep := &Report{Edition: edition.Rel()}
	if err := bundle.RemoveStale(edition.Dir(im.content)); err != nil {
		return nil, err
	}
	manifest := bundle.ReadManifest(edition.Index(im.content))
	if err := im.writeEdition(edition, ed, manifest); err != nil {
		return nil, err
	}
	fmt.Fprintf(im.opt.Log, "edition %s %s: %d pages\n", ed.PaperName, edition.Edition, len(ed.Pages))
	// Pages are imported a few at a time (their articles are concurrent too; the fetcher
	// bounds the requests in flight), each into a report of its own; the reports are joined
	// in page order, so the report does not depend on which page finished first.
	pageReps := make([]*Report, len(ed.Pages))
	for i := range pageReps {
		pageReps[i] = &Report{Edition: rep.Edition}
	}
	finished := make([]bool, len(ed.Pages))
	var mu sync.Mutex // finished, and the progress callback
	// the log, in page order
	logs := newPageLogs(im.opt.Log, len(ed.Pages))
	sem := make(chan struct{}, max(1, im.fetcher.Options().Concurrency/2))
	var wg sync.WaitGroup
	first := map[string]extract.PageRef{} // the first entry of each page number
	for i, ref := range ed.Pages {
		if ctx.Err() != nil {
			break
		}
		if f, ok := first[ref.Num]; ok {
			// one bundle per page number: the first entry has it, whichever finishes last
			err := fmt.Errorf("%s: page number %s is also that of %s, earlier in the page list: not imported", ref.URL, ref.Num, f.URL)
			fmt.Fprintf(pageLogWriter{logs, i}, "FAILED page %s: %v\n", ref.Num, err)
			pageReps[i].add(bundle.KindPage, ref.URL, "", Failed, err)
			logs.finish(i)
			mu.Lock()
			finished[i] = true
			mu.Unlock()
			continue
		}
		first[ref.Num] = ref
		var pre *decoded
		if entry.isPage && entry.url == ref.URL {
			pre = entry
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			im.importPage(withPageLog(ctx, logs, i), pageReps[i], edition, i+1, ref, pre)
			logs.finish(i)
			mu.Lock()
			defer mu.Unlock()
			finished[i] = true
			done := &Report{Edition: rep.Edition}
			for j, r := range pageReps {
				if finished[j] {
					done.Items = append(done.Items, r.Items...)
				}
			}
			im.progress(done, len(ed.Pages))
		}()
	}
	wg.Wait()
	logs.flush()
	for _, r := range pageReps {
		rep.Items = append(rep.Items, r.Items...)
	}
	if err := im.keepOnce(edition, ed.Pages, rep); err != nil {
		return rep, err
	}
	if err := im.writeEdition(edition, ed, editionManifest(edition, manifest, rep)); err != nil {
		return rep, err
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	return rep, nil
}

// editionManifest is the manifest of an edition after an import: the bundles of the one
// before (a bundle once written stays listed, so that verify tells when it is gone) and
// those this import wrote or kept, sorted.
func editionManifest(edition bundle.Ref, before []string, rep *Report) []string {
	seen := map[string]bool{}
	for _, b := range before {
		seen[b] = true
	}
	prefix := edition.Rel() + "/"
	for _, it := range rep.Items {
		if (it.Kind == bundle.KindPage || it.Kind == bundle.KindArticle) && it.Status != Failed && strings.HasPrefix(it.Bundle, prefix) {
			seen[strings.TrimPrefix(it.Bundle, prefix)] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// lockedWriter serialises the writes of concurrent page and article imports to one log.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// decoded is a fetched HTML page, decoded.
type decoded struct {
	url       string
	raw       []byte
	text      string
	charset   string
	prov      bundle.Source // validators and provenance of the capture
	unchanged bool          // the server said 304: raw is the copy kept in the bundle
	page      *extract.Page
	isPage    bool // a page (版) rather than an article
}

// fetchHTML fetches and decodes a page. With kept, the source of the bundle an earlier import
// wrote, it asks the server whether the page changed, and on 304 reads the kept raw copy.
func (im *Importer) fetchHTML(ctx context.Context, u string, kept *bundle.Kept) (*decoded, error) {
	v := fetch.Validators{}
	if kept != nil && !im.opt.Force {
		v = fetch.Validators{ETag: kept.ETag, LastModified: kept.LastModified}
	}
	f, err := im.fetcher.Get(fetch.WithMaxBytes(ctx, maxHTML), u, v)
	if err != nil {
		return nil, err
	}
	d := &decoded{url: f.URL, raw: f.Body, prov: im.provenance(f)}
	if f.Status == http.StatusNotModified {
		if kept == nil || kept.Raw == nil {
			return nil, fmt.Errorf("%s: 304 Not Modified, but no kept copy to use", u)
		}
		d.url, d.raw, d.prov, d.unchanged = kept.URL, kept.Raw, kept.Source, true
	}
	d.keepRetrieved(kept)
	d.text, d.charset, err = extract.Decode(d.raw, f.ContentType)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	return d, nil
}

// extractPage returns a copy of the page d holds, extracting it unless findEdition did.
func (d *decoded) extractPage(ps []*extract.Profile) (*extract.Page, error) {
	if d.page == nil {
		base, err := url.Parse(d.url)
		if err != nil {
			return nil, err
		}
		if d.page, err = extract.ExtractPageWith(ps, d.text, base); err != nil {
			return nil, err
		}
	}
	p := *d.page
	return &p, nil
}

// keepRetrieved keeps the retrieval time of an earlier fetch of the same bytes, so that a
// re-import of an unchanged page writes the same bundle.
func (d *decoded) keepRetrieved(kept *bundle.Kept) {
	if kept != nil && !d.unchanged && kept.SHA256 == bundle.Digest(d.raw) && kept.Via == bundle.ViaHTTP && d.prov.Via == bundle.ViaHTTP {
		d.prov.Retrieved = kept.Retrieved
	}
}

// provenance says where a response came from: the network (with the time of the fetch),
// a mirror or an archive (with the time of the capture, as the transport says it).
func (im *Importer) provenance(f *fetch.Fetched) bundle.Source {
	s := bundle.Source{ETag: f.ETag, LastModified: f.LastModified, Status: f.Status, Via: bundle.ViaHTTP}
	if via := f.Header.Get(archive.HeaderVia); via != "" && im.fetcher.Local() {
		s.Via = via
		s.Retrieved = f.Header.Get(archive.HeaderRetrieved)
		s.WARCRecord = f.Header.Get(archive.HeaderWARCRecord)
		s.WARCFile = f.Header.Get(archive.HeaderWARCFile)
		return s
	}
	s.Retrieved = im.now().UTC().Format(time.RFC3339)
	return s
}

func (im *Importer) now() time.Time {
	if im.opt.Now != nil {
		return im.opt.Now()
	}
	return time.Now()
}
