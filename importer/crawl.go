package importer

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // scans in the formats Founder sites use
	_ "image/jpeg"
	_ "image/png"
	"net/url"
	"regexp"
	"slices"
	"sync"
	"time"

	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/extract"
)

var weekdays = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

func (im *Importer) writePaper(p *extract.Page) error {
	m := bundle.Paper{Title: p.PaperName, Kind: bundle.KindPaper, Paper: p.Paper}
	if u := paperURL(p.URL); u != "" {
		m.Source = &bundle.Source{URL: u}
	}
	doc, err := bundle.Encode(m, "")
	if err != nil {
		return err
	}
	dir := bundle.Ref{Paper: p.Paper}.Dir(im.content)
	if err := removeStaleFiles(dir); err != nil {
		return err
	}
	return bundle.WriteBranch(dir, map[string][]byte{bundle.BranchIndex: doc})
}

// editionHead is what the front matter of every bundle of p's edition begins with.
func editionHead(p *extract.Page, title, kind string) bundle.EditionHead {
	return bundle.EditionHead{Title: title, Kind: kind, Paper: p.Paper, PaperName: p.PaperName, Date: p.Date, Edition: p.Date.Format(time.DateOnly)}
}

// pageHead is what the front matter of p's bundle and of its articles' begins with.
func pageHead(p *extract.Page, title, kind string, weight int) bundle.PageHead {
	return bundle.PageHead{EditionHead: editionHead(p, title, kind), Page: p.Num, PageName: p.Name, Weight: weight}
}

var rePaperPrefix = regexp.MustCompile(`^(.*/html/[a-z0-9_]+/)\d{4}-\d{2}/`)

// paperURL is the paper's folder on the original site, where its index is.
func paperURL(pageURL string) string {
	if m := rePaperPrefix.FindStringSubmatch(pageURL); m != nil {
		return m[1]
	}
	return ""
}

// writeEdition writes the edition's _index.md, with the manifest bundles (see
// editionManifest).
func (im *Importer) writeEdition(ed bundle.Ref, p *extract.Page, bundles []string) error {
	m := bundle.Edition{
		EditionHead: editionHead(p, fmt.Sprintf("%s %s", p.PaperName, p.Date.Format("2006年01月02日")), bundle.KindEdition),
		Weekday:     weekdays[p.Date.Weekday()],
		Bundles:     bundles,
	}
	if len(p.Pages) > 0 {
		m.Source = &bundle.Source{URL: p.Pages[0].URL}
	}
	for _, ref := range p.Pages {
		m.Pages = append(m.Pages, bundle.PageEntry{Page: ref.Num, Name: ref.Name, URL: ref.URL, PDF: ref.PDFURL})
	}
	doc, err := bundle.Encode(m, "")
	if err != nil {
		return err
	}
	return bundle.WriteBranch(ed.Dir(im.content), map[string][]byte{bundle.BranchIndex: doc})
}

// importPage imports one page and its articles; what fails goes into the report.
func (im *Importer) importPage(ctx context.Context, rep *Report, edition bundle.Ref, weight int, ref extract.PageRef, d *decoded) {
	page := edition
	page.Page = ref.Num
	rel := ""
	if page.Check() == nil {
		rel = page.Rel()
	}
	status := Imported
	var warnings []string
	profile := ""
	err := func() error {
		if rel == "" {
			return fmt.Errorf("%s: page number %q: %w", ref.URL, ref.Num, page.Check())
		}
		kept := bundle.ReadKept(page.Index(im.content))
		if err := im.fetchable(ref.URL); d == nil && err != nil {
			return err
		}
		if d == nil {
			var err error
			if d, err = im.fetchHTML(ctx, ref.URL, kept); err != nil {
				return err
			}
		} else {
			d.keepRetrieved(kept) // the page the import started from, fetched unconditionally
		}
		if d.unchanged {
			status = Unchanged
		}
		p, err := d.extractPage(im.profiles())
		if err != nil {
			return err
		}
		if err := im.identify(p); err != nil {
			return err
		}
		p.Num, p.Name = ref.Num, cmp.Or(ref.Name, p.Name) // the page list is the edition's table of contents
		warnings, profile = p.Warnings, p.Profile
		if w := d.aliasWarning(); w != "" {
			warnings = append(slices.Clip(warnings), w)
		}
		for _, w := range warnings {
			fmt.Fprintf(im.logFor(ctx), "WARNING page %s: %s\n", ref.Num, w)
		}
		return im.writePage(ctx, rep, page, weight, p, d)
	}()
	if err != nil {
		fmt.Fprintf(im.logFor(ctx), "FAILED page %s: %v\n", ref.Num, err)
	}
	rep.add(bundle.KindPage, ref.URL, rel, status, err)
	rep.Items[len(rep.Items)-1].Warnings = warnings
	rep.Items[len(rep.Items)-1].Profile = profile
}

// writePage fetches the page's scan, PDF and articles and writes its bundle: its articles
// first, then its files, its _index.md last.
func (im *Importer) writePage(ctx context.Context, rep *Report, page bundle.Ref, weight int, p *extract.Page, d *decoded) error {
	dir := page.Dir(im.content)
	files := map[string][]byte{bundle.RawFile: d.raw}
	m := bundle.Page{
		PageHead: pageHead(p, fmt.Sprintf("第%s版：%s", p.Num, p.Name), bundle.KindPage, weight),
		Aliases:  d.aliases(), Source: d.source(),
	}
	m.Source.Profile = p.Profile
	// the articles first: the page's files are then held only until its bundle is written
	articles := pageArticles(p)
	errs := im.importArticles(ctx, rep, page, p, articles)
	release, err := im.holdFiles(ctx, 2)
	if err != nil {
		return err
	}
	defer release()
	index, rel := page.Index(im.content), page.Rel()
	var fails []fileFailure
	scanFile := bundle.ScanFile(imageExt(p.ScanURL))
	natW, natH := 0, 0
	if p.ScanURL == "" {
		m.Missing = append(m.Missing, bundle.Missing{Part: bundle.PartScan, Reason: "the page shows no scan"})
	} else if scan, err := im.fetchFile(ctx, p.ScanURL, index, scanFile, isImage, d.unchanged); scan == nil {
		m.Missing = append(m.Missing, bundle.Missing{Part: bundle.PartScan, URL: p.ScanURL, Reason: err.Error()})
		fails = append(fails, fileFailure{p.ScanURL, rel, err})
	} else {
		if err != nil {
			fails = append(fails, fileFailure{p.ScanURL, rel, fmt.Errorf("%w (the scan fetched earlier is kept)", err)})
		}
		cfg, _, _ := image.DecodeConfig(bytes.NewReader(scan))
		files[scanFile] = scan
		m.Files = append(m.Files, bundle.FileOf(scanFile, p.ScanURL, scan))
		m.Scan = &bundle.Scan{Src: scanFile, Width: cfg.Width, Height: cfg.Height}
		natW, natH = cfg.Width, cfg.Height
	}
	m.Map, m.Regions = normaliseRegions(p, natW, natH)
	if len(m.Regions) == 0 && m.Scan != nil {
		m.Missing = append(m.Missing, bundle.Missing{Part: bundle.PartImageMap, Reason: "the page has no image map over its scan"})
	}
	for _, w := range p.Warnings {
		m.Missing = append(m.Missing, bundle.Missing{Part: bundle.PartImageMap, Reason: w})
	}
	if p.PDFURL == "" {
		m.Missing = append(m.Missing, bundle.Missing{Part: bundle.PartPDF, Reason: "the page links no PDF of itself"})
	} else if pdf, err := im.fetchFile(ctx, p.PDFURL, index, bundle.PDFFile, anyFile, d.unchanged); pdf == nil {
		m.Missing = append(m.Missing, bundle.Missing{Part: bundle.PartPDF, URL: p.PDFURL, Reason: err.Error()})
		fails = append(fails, fileFailure{p.PDFURL, rel, err})
	} else {
		if err != nil {
			fails = append(fails, fileFailure{p.PDFURL, rel, fmt.Errorf("%w (the PDF fetched earlier is kept)", err)})
		}
		files[bundle.PDFFile] = pdf
		m.Files = append(m.Files, bundle.FileOf(bundle.PDFFile, p.PDFURL, pdf))
		m.PDF = bundle.PDFFile
	}
	for _, f := range fails {
		fmt.Fprintf(im.logFor(ctx), "FAILED file %s: %v\n", f.url, f.err)
	}
	addFileFailures(rep, fails)
	if len(articles) == 0 {
		m.Missing = append(m.Missing, bundle.Missing{Part: bundle.PartArticles, Reason: "the page lists no articles"})
	}
	m.Articles, m.Missing = im.articleEntries(page, articles, errs, m.Missing)
	doc, err := bundle.Encode(m, "")
	if err != nil {
		return err
	}
	files[bundle.BranchIndex] = doc
	return bundle.WriteBranch(dir, files)
}

// importArticles imports a page's articles, as many at once as the fetcher allows requests
// in flight, and reports them in the page's order.
func (im *Importer) importArticles(ctx context.Context, rep *Report, page bundle.Ref, p *extract.Page, articles []extract.ArticleRef) []error {
	type result struct {
		bundle, status string
		err            error
		files          []fileFailure
		warnings       []string
	}
	results := make([]result, len(articles))
	sem := make(chan struct{}, max(1, im.fetcher.Options().Concurrency))
	var wg sync.WaitGroup
	for i, a := range articles {
		art := page
		art.Article = a.ID
		results[i].bundle = art.Rel()
		if err := bundle.CheckName(a.ID); err != nil {
			results[i] = result{err: fmt.Errorf("%s: article id: %w", a.URL, err)}
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			status, files, err := im.importArticle(ctx, art, i+1, a, p, &results[i].warnings)
			if err != nil {
				fmt.Fprintf(im.logFor(ctx), "FAILED article %s: %v\n", a.URL, err)
			}
			for _, f := range files {
				fmt.Fprintf(im.logFor(ctx), "FAILED file %s: %v\n", f.url, f.err)
			}
			results[i].status, results[i].err, results[i].files = status, err, files
		}()
	}
	wg.Wait()
	done := 0
	errs := make([]error, len(articles))
	for i, a := range articles {
		rep.add(bundle.KindArticle, a.URL, results[i].bundle, results[i].status, results[i].err)
		rep.Items[len(rep.Items)-1].Warnings = results[i].warnings
		errs[i] = results[i].err
		addFileFailures(rep, results[i].files)
		if results[i].err == nil {
			done++
		}
	}
	fmt.Fprintf(im.logFor(ctx), "page %s %s: %d of %d articles\n", p.Num, p.Name, done, len(articles))
	return errs
}

// importArticle fetches one article with its images and writes its bundle. An article the
// server says is unchanged since the last import keeps its bundle as it is, unless that
// bundle lacks a file it names or one an earlier import failed to fetch: then it is written
// again from its kept raw page, fetching what is missing. The files that could not be
// fetched are returned; what was left out although it was imported is added to warnings.
func (im *Importer) importArticle(ctx context.Context, art bundle.Ref, weight int, ref extract.ArticleRef, p *extract.Page, warnings *[]string) (string, []fileFailure, error) {
	index := art.Index(im.content)
	if err := im.fetchable(ref.URL); err != nil {
		return "", nil, err
	}
	d, err := im.fetchHTML(ctx, ref.URL, bundle.ReadKept(index))
	if err != nil {
		return "", nil, err
	}
	if d.unchanged && bundle.Complete(index) {
		return Unchanged, nil, nil
	}
	base, _ := url.Parse(d.url)
	a, err := extract.ExtractArticleWith(im.profiles(), d.text, base)
	if err != nil {
		return "", nil, err
	}
	files := map[string][]byte{bundle.RawFile: d.raw}
	m := bundle.Article{
		PageHead: pageHead(p, a.Title, bundle.KindArticle, weight), ArticleID: a.ID,
		IntroTitle: a.IntroTitle, SubTitle: a.SubTitle, Author: a.Author, AuthorInBody: a.AuthorInBody,
		Keywords: a.Keywords,
		Aliases:  d.aliases(), Source: d.source(),
	}
	m.Source.Profile = a.Profile
	if w := d.aliasWarning(); w != "" {
		fmt.Fprintf(im.logFor(ctx), "WARNING article %s: %s\n", ref.URL, w)
		*warnings = append(*warnings, w)
	}
	if m.Keywords == nil {
		m.Keywords = []string{}
	}
	var fails []fileFailure
	release, err := im.holdFiles(ctx, countImages(a.Blocks))
	if err != nil {
		return "", nil, err
	}
	defer release()
	imageFiles := map[string]string{}
	n := 0 // images are numbered in body order, whether or not they could be had
	for _, b := range a.Blocks {
		if b.ImageURL == "" || imageFiles[b.ImageURL] != "" {
			continue
		}
		n++
		name := bundle.ImageFile(n, imageExt(b.ImageURL))
		imageFiles[b.ImageURL] = name
		if err := im.fetchable(b.ImageURL); errors.Is(err, ErrOtherHost) {
			m.Missing = append(m.Missing, bundle.Missing{Part: bundle.PartExternalImage, URL: b.ImageURL, Reason: "on another host than the edition's: not fetched, left out (--allow-host fetches it)"})
			imageFiles[b.ImageURL] = "-"
			continue
		}
		data, err := im.fetchFile(ctx, b.ImageURL, index, name, isImage, false)
		if err != nil {
			fails = append(fails, fileFailure{b.ImageURL, art.Rel(), err})
		}
		if data == nil {
			m.Missing = append(m.Missing, bundle.Missing{Part: bundle.PartImage, URL: b.ImageURL, Reason: err.Error()})
			imageFiles[b.ImageURL] = "-" // written without its image
			continue
		}
		files[name] = data
		m.Images = append(m.Images, bundle.Image{Src: name, Caption: b.Caption})
		m.Files = append(m.Files, bundle.FileOf(name, b.ImageURL, data))
	}
	for u, name := range imageFiles {
		if name == "-" {
			delete(imageFiles, u)
		}
	}
	body := extract.Markdown(a.Blocks, imageFiles)
	m.BodySHA256 = bundle.BodyDigest(body)
	doc, err := bundle.Encode(m, body)
	if err != nil {
		return "", fails, err
	}
	files[bundle.LeafIndex] = doc
	if err := bundle.WriteLeaf(art.Dir(im.content), files); err != nil {
		return "", fails, err
	}
	im.written.put(art.Rel(), sameKey(m.Title, m.BodySHA256))
	return Imported, fails, nil
}

// source is the provenance of a fetched page, for its bundle.
func (d *decoded) source() *bundle.Source {
	s := d.prov
	s.URL, s.Raw, s.SHA256, s.Charset = d.url, bundle.RawFile, bundle.Digest(d.raw), d.charset
	return &s
}
