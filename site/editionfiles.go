package site

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/resources/page"

	"github.com/epaper-archive/epaper/site/editionpdf"
	"github.com/epaper-archive/epaper/site/epub"
)

// Every edition the build publishes also gets its pages as one PDF and its text as an EPUB,
// written after Hugo's build from what Hugo read (titles, params, rendered article bodies)
// and the bundles' files (page PDFs, scans, images), beside the edition's index.html:
//
//	cqrb/2021-04-14/cqrb-2021-04-14.pdf
//	cqrb/2021-04-14/cqrb-2021-04-14.epub
//
// layouts/_partials/epaper/edition-files.html links them under the same names.

// editionFiles is what the PDF and the EPUB of one edition are made of.
type editionFiles struct {
	dir  string // the edition's folder from the site root, cqrb/2021-04-14
	name string // cqrb-2021-04-14
	pdf  editionpdf.Edition
	book epub.Book
}

// editionFileName is the base name of an edition's PDF and EPUB: the last two folders of its
// path (PAPER-DATE), taken from the URL rather than the front matter, so that no name a
// bundle gives can lead out of the edition's folder.
func editionFileName(dir string) string {
	segs := strings.Split(strings.Trim(dir, "/"), "/")
	return strings.Join(segs[max(0, len(segs)-2):], "-")
}

// collectEditionFiles returns the editions among pages that this build publishes (not those
// a shard renders only as link targets: they have no output formats), sorted by path.
func collectEditionFiles(ctx context.Context, pages page.Pages, o Options) ([]editionFiles, error) {
	var eds []editionFiles
	for _, p := range pages {
		params := p.Params()
		if param(params, keyKind) != kindEdition || len(p.OutputFormats()) == 0 {
			continue
		}
		ed, err := collectEdition(ctx, p, o)
		if err != nil {
			return nil, err
		}
		if ed != nil {
			eds = append(eds, *ed)
		}
	}
	return eds, nil
}

func collectEdition(ctx context.Context, ed page.Page, o Options) (*editionFiles, error) {
	params := ed.Params()
	paper, date := param(params, keyPaper), param(params, keyEdition)
	if paper == "" || date == "" {
		return nil, nil // an edition not made by the importer: nothing to name the files after
	}
	f := &editionFiles{dir: strings.Trim(strings.TrimPrefix(ed.RelPermalink(), homePath(o)), "/")}
	if f.dir == "" || strings.Contains(f.dir, "..") {
		return nil, nil
	}
	f.name = editionFileName(f.dir)
	paperName := param(params, keyPaperName)
	f.pdf = editionpdf.Edition{Paper: paperName, Code: paper, Date: ed.Date(), Title: ed.Title()}
	f.book = epub.Book{
		ID: "urn:epaper:" + paper + ":" + date, Title: ed.Title(), Paper: paperName, Date: ed.Date(),
		Source: nestedParam(params, keySource, keySourceURL),
	}
	for _, pg := range ed.Sections() {
		pp := pg.Params()
		if param(pp, keyKind) != kindPage {
			continue
		}
		dir := bundleDir(pg)
		num, name := param(pp, keyPageNumber), param(pp, keyPageName)
		pdfFile := bundleFile(pg, dir, param(pp, keyPDF))
		scan := bundleFile(pg, dir, nestedParam(pp, keyScan, keyScanSrc))
		f.pdf.Pages = append(f.pdf.Pages, editionpdf.Page{Number: num, Name: name, PDF: pdfFile, Scan: scan})
		bp := epub.Page{Number: num, Name: name}
		if o.EPUBScans {
			bp.Scan = scan
		}
		if f.book.Cover == "" {
			f.book.Cover = scan
		}
		for _, a := range pg.RegularPages() {
			art, err := collectArticle(ctx, a)
			if err != nil {
				return nil, err
			}
			bp.Articles = append(bp.Articles, art)
		}
		f.book.Pages = append(f.book.Pages, bp)
	}
	if len(f.pdf.Pages) == 0 {
		return nil, nil
	}
	return f, nil
}

func collectArticle(ctx context.Context, a page.Page) (epub.Article, error) {
	params := a.Params()
	content, err := a.Content(ctx)
	if err != nil {
		return epub.Article{}, fmt.Errorf("article %q: %w", a.Path(), err)
	}
	body := ""
	switch c := content.(type) {
	case template.HTML:
		body = string(c)
	case string:
		body = c
	}
	art := epub.Article{
		ID: filepath.Base(a.Path()), Title: a.Title(),
		IntroTitle: param(params, keyIntroTitle), Subtitle: param(params, keySubtitle),
		Author: param(params, keyAuthor), AuthorInBody: param(params, keyAuthorInBody) == "true",
		Body: body, Images: map[string]string{},
	}
	dir := bundleDir(a)
	for _, r := range a.Resources().ByType("image") {
		// as layouts/_markup/render-image.html links them: the resource's RelPermalink, the
		// article's folder and the name (not asked of the resource: that would publish it)
		if file := bundleFile(a, dir, r.Name()); file != "" {
			art.Images[a.RelPermalink()+r.Name()] = file
		}
	}
	return art, nil
}

// bundleDir is the folder of a page's bundle on disk.
func bundleDir(p page.Page) string {
	if p.File() == nil {
		return ""
	}
	return filepath.Dir(p.File().Filename())
}

// bundleFile is the file name of p's bundle, if the bundle has it as a resource.
func bundleFile(p page.Page, dir, name string) string {
	if dir == "" || name == "" || p.Resources().Get(name) == nil {
		return ""
	}
	return filepath.Join(dir, filepath.FromSlash(name))
}

func nestedParam(params hmaps.Params, key, sub string) string {
	m, ok := params[key].(hmaps.Params)
	if !ok {
		if mm, ok2 := params[key].(map[string]any); ok2 {
			m = mm
		} else {
			return ""
		}
	}
	return param(m, sub)
}

// writeEditionFiles writes the PDF and the EPUB of each edition into the site at out, a few
// at a time. A page PDF that could not be used (the page's scan took its place) is a
// warning on log.
func writeEditionFiles(out string, eds []editionFiles, log io.Writer) error {
	if log == nil {
		log = io.Discard
	}
	jobs := make(chan int)
	errs := make([]error, len(eds))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(eds)) {
		wg.Go(func() {
			for i := range jobs {
				ed := eds[i]
				warnings, err := writeEdition(out, ed)
				errs[i] = err
				mu.Lock()
				for _, w := range warnings {
					fmt.Fprintf(log, "epaper: WARN %s.pdf: %v (the page's scan is used instead)\n", filepath.Join(ed.dir, ed.name), w)
				}
				mu.Unlock()
			}
		})
	}
	for i := range eds {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func writeEdition(out string, ed editionFiles) ([]error, error) {
	dir := filepath.Join(out, filepath.FromSlash(ed.dir))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var pdf, book bytes.Buffer
	warnings, err := editionpdf.Write(&pdf, ed.pdf)
	if err != nil {
		return nil, fmt.Errorf("edition %s: %w", ed.dir, err)
	}
	if err := epub.Write(&book, ed.book); err != nil {
		return nil, fmt.Errorf("edition %s: %w", ed.dir, err)
	}
	if err := os.WriteFile(filepath.Join(dir, ed.name+".pdf"), pdf.Bytes(), 0o644); err != nil {
		return nil, err
	}
	return warnings, os.WriteFile(filepath.Join(dir, ed.name+".epub"), book.Bytes(), 0o644)
}
