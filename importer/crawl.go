package importer

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/gif" // scans in the formats Founder sites use
	_ "image/jpeg"
	_ "image/png"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

var weekdays = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

func (im *Importer) writePaper(p *Page) error {
	m := paperMatter{Title: p.PaperName, Kind: "paper", Paper: p.Paper}
	if u := paperURL(p.URL); u != "" {
		m.Source = &sourceInfo{URL: u}
	}
	doc, err := document(m, "")
	if err != nil {
		return err
	}
	return writeBranch(filepath.Join(im.opt.SiteDir, "content", p.Paper), map[string][]byte{"_index.md": doc}, "_index.md")
}

var rePaperPrefix = regexp.MustCompile(`^(.*/html/[a-z0-9_]+/)\d{4}-\d{2}/`)

// paperURL is the paper's folder on the original site, where its index is.
func paperURL(pageURL string) string {
	if m := rePaperPrefix.FindStringSubmatch(pageURL); m != nil {
		return m[1]
	}
	return ""
}

func (im *Importer) writeEdition(dir string, p *Page) error {
	m := editionMatter{
		editionHead: newEditionHead(p, fmt.Sprintf("%s %s", p.PaperName, p.Date.Format("2006年01月02日")), "edition"),
		Weekday:     weekdays[p.Date.Weekday()],
	}
	if len(p.Pages) > 0 {
		m.Source = &sourceInfo{URL: p.Pages[0].URL}
	}
	doc, err := document(m, "")
	if err != nil {
		return err
	}
	return writeBranch(dir, map[string][]byte{"_index.md": doc}, "_index.md")
}

// importPage imports one page and its articles; what fails goes into the report.
func (im *Importer) importPage(ctx context.Context, rep *Report, edDir string, weight int, ref PageRef, d *decoded) {
	bundle, dir := "", ""
	if checkNames(ref.Num) == nil {
		bundle = filepath.ToSlash(filepath.Join(rep.Edition, ref.Num))
		dir = filepath.Join(edDir, ref.Num)
	}
	status := Imported
	err := func() error {
		if bundle == "" {
			return fmt.Errorf("%s: page number %q: %w", ref.URL, ref.Num, checkNames(ref.Num))
		}
		kept := readKept(filepath.Join(dir, "_index.md"))
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
		p, err := d.extractPage()
		if err != nil {
			return err
		}
		p.Num, p.Name = ref.Num, firstNonEmpty(ref.Name, p.Name) // the page list is the edition's table of contents
		return im.writePage(ctx, rep, dir, weight, p, d)
	}()
	if err != nil {
		fmt.Fprintf(im.logFor(ctx), "FAILED page %s: %v\n", ref.Num, err)
	}
	rep.add("page", ref.URL, bundle, status, err)
}

// writePage fetches the page's scan, PDF and articles and writes its bundle: its articles
// first, then its files, its _index.md last.
func (im *Importer) writePage(ctx context.Context, rep *Report, dir string, weight int, p *Page, d *decoded) error {
	files := map[string][]byte{"source.html.raw": d.raw}
	m := pageMatter{
		pageHead: newPageHead(p, fmt.Sprintf("第%s版：%s", p.Num, p.Name), "page", weight),
		Aliases:  d.aliases(), Source: d.source(),
	}
	if p.ScanURL == "" {
		m.Missing = append(m.Missing, missingPart{Part: "scan", Reason: "the page shows no scan"})
	} else if scan, err := im.asset(ctx, p.ScanURL, dir, "scan"+imageExt(p.ScanURL), d.unchanged); err != nil {
		m.Missing = append(m.Missing, missingPart{Part: "scan", URL: p.ScanURL, Reason: err.Error()})
	} else if cfg, _, err := image.DecodeConfig(bytes.NewReader(scan)); err != nil {
		m.Missing = append(m.Missing, missingPart{Part: "scan", URL: p.ScanURL, Reason: "not an image: " + err.Error()})
	} else {
		name := "scan" + imageExt(p.ScanURL)
		files[name] = scan
		m.Scan = &scanInfo{Src: name, Width: cfg.Width, Height: cfg.Height}
		m.Regions = normaliseRegions(p, cfg.Width, cfg.Height)
		if len(m.Regions) == 0 {
			m.Missing = append(m.Missing, missingPart{Part: "image map", Reason: "the page has no image map over its scan"})
		}
	}
	if p.PDFURL == "" {
		m.Missing = append(m.Missing, missingPart{Part: "pdf", Reason: "the page links no PDF of itself"})
	} else if pdf, err := im.asset(ctx, p.PDFURL, dir, "page.pdf", d.unchanged); err != nil {
		m.Missing = append(m.Missing, missingPart{Part: "pdf", URL: p.PDFURL, Reason: err.Error()})
	} else {
		files["page.pdf"] = pdf
		m.PDF = "page.pdf"
	}
	articles := pageArticles(p)
	if len(articles) == 0 {
		m.Missing = append(m.Missing, missingPart{Part: "articles", Reason: "the page lists no articles"})
	}
	im.importArticles(ctx, rep, dir, p, articles)
	doc, err := document(m, "")
	if err != nil {
		return err
	}
	files["_index.md"] = doc
	return writeBranch(dir, files, "_index.md")
}

// asset fetches a scan or PDF; when the page is unchanged, the copy kept in the bundle does.
func (im *Importer) asset(ctx context.Context, u, dir, name string, unchanged bool) ([]byte, error) {
	if unchanged {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			return data, nil
		}
	}
	f, err := im.fetcher.Get(ctx, u, Validators{})
	if err != nil {
		return nil, err
	}
	return f.Body, nil
}

// importArticles imports a page's articles, as many at once as the fetcher allows requests
// in flight, and reports them in the page's order.
func (im *Importer) importArticles(ctx context.Context, rep *Report, dir string, p *Page, articles []ArticleRef) {
	type result struct {
		bundle, status string
		err            error
	}
	results := make([]result, len(articles))
	sem := make(chan struct{}, max(1, im.fetcher.opt.Concurrency))
	var wg sync.WaitGroup
	for i, a := range articles {
		results[i].bundle = rep.Edition + "/" + p.Num + "/" + a.ID
		if err := checkNames(a.ID); err != nil {
			results[i] = result{err: fmt.Errorf("%s: article id: %w", a.URL, err)}
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			status, err := im.importArticle(ctx, filepath.Join(dir, a.ID), i+1, a, p)
			if err != nil {
				fmt.Fprintf(im.logFor(ctx), "FAILED article %s: %v\n", a.URL, err)
			}
			results[i].status, results[i].err = status, err
		}()
	}
	wg.Wait()
	done := 0
	for i, a := range articles {
		rep.add("article", a.URL, results[i].bundle, results[i].status, results[i].err)
		if results[i].err == nil {
			done++
		}
	}
	fmt.Fprintf(im.logFor(ctx), "page %s %s: %d of %d articles\n", p.Num, p.Name, done, len(articles))
}

// pageArticles is the page's article list, then any article only its image map names; one
// entry per article id.
func pageArticles(p *Page) []ArticleRef {
	all := append([]ArticleRef(nil), p.Articles...)
	for _, r := range p.Regions {
		all = append(all, ArticleRef{URL: r.ArticleURL, ID: articleID(r.ArticleURL)})
	}
	var out []ArticleRef
	seen := map[string]bool{}
	for _, a := range all {
		if !seen[a.ID] {
			seen[a.ID] = true
			out = append(out, a)
		}
	}
	return out
}

// normaliseRegions turns the image map's pixel coordinates (of the scan as shown: the
// <img>'s width and height, else its natural size) into fractions of the image.
func normaliseRegions(p *Page, natW, natH int) []regionMatter {
	w, h := float64(p.ScanW), float64(p.ScanH)
	if w <= 0 || h <= 0 {
		w, h = float64(natW), float64(natH)
	}
	var out []regionMatter
	for _, r := range p.Regions {
		id := articleID(r.ArticleURL)
		if checkNames(id) != nil {
			continue
		}
		rm := regionMatter{Article: id}
		for _, pt := range r.Points {
			rm.Points = append(rm.Points, point{round4(clamp01(pt[0] / w)), round4(clamp01(pt[1] / h))})
		}
		out = append(out, rm)
	}
	return out
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }
func round4(v float64) float64  { return math.Round(v*10000) / 10000 }

// imageExt is the image's extension from its URL, one of a known few.
func imageExt(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ".jpg"
	}
	switch ext := strings.ToLower(path.Ext(pu.Path)); ext {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return ext
	}
	return ".jpg"
}

// importArticle fetches one article with its images and writes its bundle. An article the
// server says is unchanged since the last import keeps its bundle as it is.
func (im *Importer) importArticle(ctx context.Context, dir string, weight int, ref ArticleRef, p *Page) (string, error) {
	d, err := im.fetchHTML(ctx, ref.URL, readKept(filepath.Join(dir, "index.md")))
	if err != nil {
		return "", err
	}
	if d.unchanged {
		return Unchanged, nil
	}
	base, _ := url.Parse(d.url)
	a, err := ExtractArticle(d.text, base)
	if err != nil {
		return "", err
	}
	files := map[string][]byte{"source.html.raw": d.raw}
	m := articleMatter{
		pageHead: newPageHead(p, a.Title, "article", weight), ArticleID: a.ID,
		IntroTitle: a.IntroTitle, SubTitle: a.SubTitle, Author: a.Author, AuthorInBody: a.AuthorInBody,
		Keywords: a.Keywords,
		Aliases:  d.aliases(), Source: d.source(),
	}
	if m.Keywords == nil {
		m.Keywords = []string{}
	}
	imageFiles := map[string]string{}
	for _, b := range a.Blocks {
		if b.ImageURL == "" || imageFiles[b.ImageURL] != "" {
			continue
		}
		name := fmt.Sprintf("img-%d%s", len(m.Images)+1, imageExt(b.ImageURL))
		data, err := im.image(ctx, b.ImageURL)
		if err != nil {
			m.Missing = append(m.Missing, missingPart{Part: "image", URL: b.ImageURL, Reason: err.Error()})
			continue
		}
		imageFiles[b.ImageURL] = name
		files[name] = data
		m.Images = append(m.Images, imageMatter{Src: name, Caption: b.Caption})
	}
	doc, err := document(m, markdown(a.Blocks, imageFiles))
	if err != nil {
		return "", err
	}
	files["index.md"] = doc
	return Imported, writeLeaf(dir, files)
}

// image fetches an image and checks that it is one.
func (im *Importer) image(ctx context.Context, u string) ([]byte, error) {
	f, err := im.fetcher.Get(ctx, u, Validators{})
	if err != nil {
		return nil, err
	}
	if _, _, err := image.DecodeConfig(bytes.NewReader(f.Body)); err != nil {
		return nil, fmt.Errorf("%s: not an image: %w", u, err)
	}
	return f.Body, nil
}
