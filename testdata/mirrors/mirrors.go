// Package mirrors writes many synthetic days of a paper as a local mirror in each URL layout
// of issue 12, as the tools archivists use leave them: wget --mirror (a host folder), wget -r
// -nH (no host folder) and HTTrack (a host folder inside a project folder, beside HTTrack's
// own index.html, hts-cache/ and log), with or without the sites' index pages. It is the
// test material for "any mirror in, every edition out": a test writes a mirror, runs
// `epaper import DIR` on the folder the tool ran in (Mirror.Dir) and compares the editions
// imported with Mirror.Editions.
//
// The days' texts come from package synth (the same seed gives the same articles in every
// layout), the HTML from the renderers of package families: its Classic template for the
// four classic layouts, the city papers' template for layout/content. Scans are tiny.
//
//	m, err := mirrors.Write(t.TempDir(), mirrors.Options{
//		Days: 30, Layout: mirrors.PaperDate, Tool: mirrors.HTTrack,
//	})
//	// epaper import m.Dir --site S; then len(editions) == len(m.Editions)
//
// The same options write the same bytes. Write never touches files outside its folder.
package mirrors

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/epaper-archive/epaper/testdata/families"
	"github.com/epaper-archive/epaper/testdata/synth"
)

// Layout is a URL layout of a Founder site.
type Layout string

// The layouts of issue 12.
const (
	HTMLPaper     Layout = "html-paper"     // html/PAPER/YYYY-MM/DD/NNN/node.htm, content_N.htm beside
	PaperHTML     Layout = "paper-html"     // PAPER/html/YYYY-MM/DD/node_N.htm, content_N.htm beside
	HTMLDate      Layout = "html-date"      // html/YYYY-MM/DD/node_N.htm: the code only in the host
	PaperDate     Layout = "paper-date"     // PAPER/YYYY-MM/DD/NNN/node.htm, content_rb_N.htm
	LayoutContent Layout = "layout-content" // PAPER/pc/layout/YYYYMM/DD/node_NN.html → …/pc/content/…
)

// Layouts are every layout, in the order above.
var Layouts = []Layout{HTMLPaper, PaperHTML, HTMLDate, PaperDate, LayoutContent}

// Tool is what wrote the mirror.
type Tool string

// The tools.
const (
	// WgetMirror is `wget --mirror http://HOST/…` run in DIR: DIR/HOST/path. Plain `wget -r`
	// (without -nH) leaves the same tree.
	WgetMirror Tool = "wget-mirror"
	// WgetNoHost is `wget -r -nH http://HOST/…` run in DIR: DIR/path, no host folder.
	WgetNoHost Tool = "wget-r-nH"
	// HTTrack is `httrack http://HOST/… -O DIR/PROJECT`: DIR/PROJECT/HOST/path, every HTML file
	// with HTTrack's "Mirrored from" comment, and HTTrack's index.html, hts-cache/, hts-log.txt
	// and images beside the host folder (and DIR/index.html listing the projects).
	HTTrack Tool = "httrack"
)

// Tools are every tool.
var Tools = []Tool{WgetMirror, WgetNoHost, HTTrack}

// Options say what mirror to write. Zero values are defaults.
type Options struct {
	Start    time.Time // the first day; zero: synth.DefaultStart (2020-01-01)
	Days     int       // editions, one a day; at least 1
	Pages    int       // pages per edition; 0: 4
	Articles int       // articles per page; 0: 3
	Seed     uint64
	Layout   Layout // zero: HTMLPaper
	Tool     Tool   // zero: WgetMirror
	NoIndex  bool   // no index pages (the capture began at a page): no site root, no paper index
	Project  string // HTTrack's project folder; "": "epaper-archive"
}

// Mirror is what Write wrote.
type Mirror struct {
	Dir   string // the folder the tool ran in: the SOURCE to give `epaper import`
	Root  string // the site's root in it: DIR/HOST, DIR (wget -nH) or DIR/PROJECT/HOST
	Paper families.Paper
	// NeedsPaper is true when nothing in the mirror says the paper's code: no host folder
	// and a layout without the code in its path (wget -r -nH of html-date). `epaper import`
	// should then ask for --paper rather than guess.
	NeedsPaper bool
	Index      string // the site's index page below Root, "" without index pages
	Editions   []Edition
	Files      int
	Bytes      int64
}

// Edition is one edition of the mirror.
type Edition struct {
	Date      string // "2020-01-01"
	FirstPage string // its first page's original URL
	Pages     int
	Articles  int
}

func (o Options) withDefaults() Options {
	if o.Start.IsZero() {
		o.Start = synth.DefaultStart
	}
	if o.Pages <= 0 {
		o.Pages = 4
	}
	if o.Articles <= 0 {
		o.Articles = 3
	}
	if o.Layout == "" {
		o.Layout = HTMLPaper
	}
	if o.Tool == "" {
		o.Tool = WgetMirror
	}
	if o.Project == "" {
		o.Project = "epaper-archive"
	}
	return o
}

// Write writes the mirror o below dir, the folder the tool ran in, and says what it wrote.
// It overwrites files of the same name and leaves other files alone.
func Write(dir string, o Options) (*Mirror, error) {
	o = o.withDefaults()
	if o.Days < 1 {
		return nil, errors.New("mirrors: no days to write")
	}
	if !slices.Contains(Layouts, o.Layout) {
		return nil, fmt.Errorf("mirrors: no layout %q (want one of %v)", o.Layout, Layouts)
	}
	if !slices.Contains(Tools, o.Tool) {
		return nil, fmt.Errorf("mirrors: no tool %q (want one of %v)", o.Tool, Tools)
	}
	paper := families.Paper{Code: synth.Paper().Code, Name: synth.Paper().Name, Host: synth.Paper().Host, Title: synth.Paper().Name}
	m := &Mirror{Dir: dir, Paper: paper, NeedsPaper: o.Tool == WgetNoHost && o.Layout == HTMLDate}
	tw := newToolWriter(dir, o, paper.Host)
	m.Root = tw.root
	var index []families.File // the last day's: the index leads to the newest edition
	seen := map[string]bool{}
	for d := range o.Days {
		e := edition(o, d, paper)
		r := renderer(o.Layout, paper)
		files, err := r.Files(e)
		if err != nil {
			return nil, fmt.Errorf("mirrors: %s: %w", e.Date.Format(time.DateOnly), err)
		}
		ed := Edition{Date: e.Date.Format(time.DateOnly), Pages: len(e.Pages),
			FirstPage: families.URL(paper.Host, r.scheme.Page(e, e.Pages[0]))}
		index = index[:0]
		for _, f := range files {
			switch {
			case f.Kind == families.KindIndex:
				index = append(index, f)
				continue
			case f.Kind == families.KindAsset && seen[f.Path]:
				continue
			case f.Kind == families.KindArticle:
				ed.Articles++
			}
			seen[f.Path] = true
			if err := tw.write(f); err != nil {
				return nil, err
			}
		}
		m.Editions = append(m.Editions, ed)
	}
	if !o.NoIndex {
		if len(index) == 0 {
			return nil, fmt.Errorf("mirrors: layout %s has no index page", o.Layout)
		}
		root := paper.Host + "/index.html" // what wget saves of http://HOST/
		if index[0].Path != root {
			index = append(index, families.File{Path: root, Kind: families.KindIndex, Data: rootIndex(index)})
		}
		for _, f := range index {
			if err := tw.write(f); err != nil {
				return nil, err
			}
		}
		m.Index = "index.html"
	}
	if err := tw.finish(m); err != nil {
		return nil, err
	}
	m.Files, m.Bytes = tw.files, tw.bytes
	return m, nil
}

// rootIndex is the site's home page: a meta refresh to the paper's index.
func rootIndex(index []families.File) []byte {
	_, to, _ := strings.Cut(index[0].Path, "/")
	return []byte("<html>\n<head>\n<meta http-equiv=\"refresh\" content=\"0; url=" + to + "\">\n</head>\n<body></body>\n</html>\n")
}

// writeFile writes data at path, making its folder.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("mirrors: %w", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("mirrors: %w", err)
	}
	return nil
}
