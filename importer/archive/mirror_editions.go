package archive

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/epaper-archive/epaper/importer/extract"
)

// Edition is an edition found in a mirror: a paper's pages of one day.
type Edition struct {
	Paper     string // the paper's code: from the path ("cqrb"), else from the host; "" when neither says it
	PaperFrom string // "path", "host", or "" when nothing says the code
	Date      string // YYYY-MM-DD; "" for an index page, whose edition is known once it is followed
	Layout    string // the layout of its pages (see Layouts), or "index page"
	URL       string // where its import starts: its first page (an article when no page is there)
	File      string // that file
	Pages     int    // its page files in the mirror
	Articles  int    // its article files in the mirror
}

// NoEditionsError is the error of Editions for a mirror in which nothing can be found: it
// says what was looked for where.
type NoEditionsError struct {
	Dir     string   // the folder searched
	Hosts   []string // its host folders; none for a mirror without one
	Inside  string   // the host folder Dir is inside of, when it is not the mirror's top
	Skipped []string // HTML pages found that are of none of the layouts, a few of them
	// Profiles are the names of the profiles whose URL patterns were looked for too.
	Profiles []string
}

func (e *NoEditionsError) Error() string {
	where := "below the host folders " + strings.Join(e.Hosts, ", ")
	switch {
	case e.Inside != "":
		where = "in it, a folder of the host folder " + e.Inside
	case len(e.Hosts) == 0:
		where = "in it, taken as the site's root (no host folder such as epaper.cqrb.cn was found; give a mirror without one at its top, the folder wget -nH ran in)"
	}
	s := fmt.Sprintf("no e-paper pages in %s: looked for pages (版) in the layouts %s, their articles (content_N.htm, nw.D110000…), pages and articles of the URL patterns of the profiles %s (a paper of another URL scheme needs a profile of its own: --profile FILE, docs/profiles.md), and index pages (index.html, index.htm, paperindex.htm, default.htm) %s",
		e.Dir, strings.Join(Layouts(), ", "), strings.Join(e.Profiles, ", "), where)
	if len(e.Skipped) > 0 {
		s += "; pages of another layout: " + strings.Join(e.Skipped, ", ")
	}
	return s
}

// Editions finds the editions in the part of the mirror it was opened from (a folder inside a
// site: that folder; a file: the whole mirror), in date order, then by paper. An edition is
// the pages of one paper and day in any of the layouts (Layouts), whatever host folder or URL
// scheme they are under; it starts at its first page (page files before articles, the pc
// pages before the pad ones, then in natural order: node_2 before node_10). A mirror without
// any page or article file of a known layout gives its index page instead, to be followed;
// one without that either is a *NoEditionsError.
func (m *Mirror) Editions() ([]Edition, error) {
	roots, below := m.roots, "."
	if m.below != nil {
		roots, below = []*siteRoot{m.below}, m.belowRel
	}
	type found struct {
		ed   *Edition
		best candidate
	}
	byKey := map[[2]string]*found{}
	var skipped []string
	for ri, r := range roots {
		code, codeFrom := HostCode(r.host), "host"
		if code == "" {
			codeFrom = ""
		}
		err := fs.WalkDir(r.root.FS(), below, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != below && (strings.HasPrefix(d.Name(), ".") || d.Name() == "hts-cache") {
					return fs.SkipDir
				}
				return nil
			}
			info := m.classify("/" + p)
			if info.Kind == "" {
				if len(skipped) < 3 && isPageName(d.Name()) {
					skipped = append(skipped, filepath.Join(r.dir, filepath.FromSlash(p)))
				}
				return nil
			}
			paper, from := info.Paper, "path"
			if paper == "" {
				paper, from = code, codeFrom
			}
			key := [2]string{paper, info.Date}
			f := byKey[key]
			if f == nil {
				f = &found{ed: &Edition{Paper: paper, PaperFrom: from, Date: info.Date}}
				byKey[key] = f
			}
			if info.Kind == "page" {
				f.ed.Pages++
			} else {
				f.ed.Articles++
			}
			c := candidate{info: info, root: ri, rel: p, r: r}
			if f.best.r == nil || c.before(f.best) {
				f.best = c
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("mirror %q: %w", r.dir, err)
		}
	}
	var eds []Edition
	for _, f := range byKey {
		f.ed.Layout, f.ed.URL, f.ed.File = f.best.info.Layout, f.best.url(), f.best.file()
		eds = append(eds, *f.ed)
	}
	slices.SortFunc(eds, func(a, b Edition) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Paper, b.Paper))
	})
	if len(eds) > 0 {
		return eds, nil
	}
	if ed, ok := m.indexPage(roots, below); ok {
		return []Edition{ed}, nil
	}
	e := &NoEditionsError{Dir: m.dir, Skipped: skipped}
	ps := m.profiles
	if ps == nil {
		ps = extract.Builtin()
	}
	for _, p := range ps {
		if p.Match.Page != "" {
			e.Profiles = append(e.Profiles, p.Name)
		}
	}
	if !m.hostless {
		e.Hosts = m.Hosts()
	}
	if m.below != nil && !m.hostless && m.belowRel != "." {
		e.Inside = m.below.dir
	}
	return nil, e
}

// candidate is a file an edition's import may start from.
type candidate struct {
	info PathInfo
	root int
	rel  string
	r    *siteRoot
}

// before says whether c is the better start: a page before an article, a pc page before a pad
// one, a file of an earlier root, then the natural order of the paths.
func (c candidate) before(o candidate) bool {
	if (c.info.Kind == "page") != (o.info.Kind == "page") {
		return c.info.Kind == "page"
	}
	if c.info.Mobile != o.info.Mobile {
		return !c.info.Mobile
	}
	if c.root != o.root {
		return c.root < o.root
	}
	return naturalLess(c.rel, o.rel)
}

func (c candidate) url() string {
	return (&url.URL{Scheme: "http", Host: c.r.host, Path: "/" + c.rel}).String()
}

func (c candidate) file() string { return filepath.Join(c.r.dir, filepath.FromSlash(c.rel)) }

// isPageName says whether a file name looks like an e-paper page of any layout.
func isPageName(name string) bool {
	low := strings.ToLower(name)
	return (strings.HasPrefix(low, "node") || strings.HasPrefix(low, "nbs.")) && strings.Contains(low, ".htm")
}

// indexNames are the names of index pages, in the order they are tried in a folder.
var indexNames = []string{"index.html", "index.htm", "paperindex.htm", "paperindex.html", "default.htm", "default.html"}

// indexPage finds an index page to follow where the mirror has no page of a known layout: in
// the folder searched, else one or two folders below it (PAPER/index.htm, html/PAPER/…,
// PAPER/pad/index.html). HTTrack's own index pages are not the site's.
func (m *Mirror) indexPage(roots []*siteRoot, below string) (Edition, bool) {
	for _, pattern := range []string{"", "*", "*/*"} {
		for ri, r := range roots {
			dirs := []string{below}
			if pattern != "" {
				dirs, _ = fs.Glob(r.root.FS(), path.Join(below, pattern))
			}
			for _, d := range dirs {
				for _, name := range indexNames {
					p := path.Join(d, name)
					fi, err := r.root.Stat(p)
					if err != nil || !fi.Mode().IsRegular() || isHTTrackIndex(r, p) {
						continue
					}
					c := candidate{root: ri, rel: p, r: r}
					ed := Edition{Layout: "index page", URL: c.url(), File: c.file(), Paper: HostCode(r.host), PaperFrom: "host"}
					if ed.Paper == "" {
						ed.PaperFrom = ""
					}
					return ed, true
				}
			}
		}
	}
	return Edition{}, false
}

// isHTTrackIndex says whether the file at p is an index HTTrack wrote of its own.
func isHTTrackIndex(r *siteRoot, p string) bool {
	data, err := r.root.ReadFile(p)
	return err == nil && isHTTrackPage(data)
}

// isHTTrackPage says whether a page is one HTTrack wrote of its own (its lists of projects
// and of sites), not one it mirrored.
func isHTTrackPage(data []byte) bool {
	return bytes.Contains(data, []byte("<!-- Mirror and index made by HTTrack")) || bytes.Contains(data, []byte("HTTrack Website Copier</title>"))
}

// firstPage is the first page file of a known layout below r, in walk order, or "".
func (m *Mirror) firstPage(r *os.Root) string {
	first := ""
	fs.WalkDir(r.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return fs.SkipAll
		case d.IsDir() && p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "hts-cache"):
			return fs.SkipDir
		case !d.IsDir() && m.classify("/"+p).Kind == "page":
			first = p
			return fs.SkipAll
		}
		return nil
	})
	return first
}

// naturalLess orders strings with their runs of digits compared as numbers: node_2.htm
// before node_10.htm.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		ra, rb := run(a), run(b)
		if ra != rb {
			da, db := isDigit(ra[0]), isDigit(rb[0])
			if da && db {
				na, nb := strings.TrimLeft(ra, "0"), strings.TrimLeft(rb, "0")
				if len(na) != len(nb) {
					return len(na) < len(nb)
				}
				if na != nb {
					return na < nb
				}
				return len(ra) < len(rb)
			}
			return ra < rb
		}
		a, b = a[len(ra):], b[len(rb):]
	}
	return len(a) < len(b)
}

// run is the leading run of digits or of other bytes of s.
func run(s string) string {
	d := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == d {
		i++
	}
	return s[:i]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
