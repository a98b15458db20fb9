package bundle

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Ref names a bundle of a content tree by its folders: a paper (Paper), an edition of it
// (and Edition, its date YYYY-MM-DD), a page of the edition (and Page, its number as
// printed) or an article of the page (and Article, its id). Every path of a bundle is made
// from a Ref, so the tree has the same shape for every writer and reader:
//
//	PAPER/_index.md                        the paper
//	PAPER/DATE/_index.md                   an edition
//	PAPER/DATE/PAGE/_index.md              a page, with its scan, PDF and raw HTML
//	PAPER/DATE/PAGE/ARTICLE/index.md       an article, with its images and raw HTML
type Ref struct {
	Paper, Edition, Page, Article string
}

// Kind is the kind of bundle r names: KindPaper, KindEdition, KindPage or KindArticle.
func (r Ref) Kind() string {
	switch {
	case r.Article != "":
		return KindArticle
	case r.Page != "":
		return KindPage
	case r.Edition != "":
		return KindEdition
	}
	return KindPaper
}

func (r Ref) names() []string {
	names := []string{r.Paper, r.Edition, r.Page, r.Article}
	for i, n := range names {
		if n == "" {
			return names[:i]
		}
	}
	return names
}

// Rel is the bundle's folder under content/, with slashes: "cqrb/2021-04-14/005/268824".
func (r Ref) Rel() string { return path.Join(r.names()...) }

// Dir is the bundle's folder in the content tree content.
func (r Ref) Dir(content string) string {
	return filepath.Join(append([]string{content}, r.names()...)...)
}

// Index is the bundle's index file in the content tree content: _index.md of a branch
// bundle (paper, edition, page), index.md of an article.
func (r Ref) Index(content string) string { return filepath.Join(r.Dir(content), r.IndexName()) }

// IndexName is BranchIndex or LeafIndex, as the bundle's kind says.
func (r Ref) IndexName() string {
	if r.Article != "" {
		return LeafIndex
	}
	return BranchIndex
}

// Year is the year of the edition r names: the first four characters of its date.
func (r Ref) Year() string {
	if len(r.Edition) < 4 {
		return ""
	}
	return r.Edition[:4]
}

// EditionRef is the edition r is in (or r itself).
func (r Ref) EditionRef() Ref { return Ref{Paper: r.Paper, Edition: r.Edition} }

// PageRef is the page r is in (or r itself).
func (r Ref) PageRef() Ref { return Ref{Paper: r.Paper, Edition: r.Edition, Page: r.Page} }

// Check returns an error unless every name of r can be a folder that epaper writes (see
// CheckName), and the names are set from the paper down, without a gap.
func (r Ref) Check() error {
	names := r.names()
	if len(names) == 0 {
		return fmt.Errorf("bundle: no paper named")
	}
	for _, n := range []string{r.Paper, r.Edition, r.Page, r.Article}[len(names):] {
		if n != "" {
			return fmt.Errorf("bundle %q: a name after an empty one", r.Rel())
		}
	}
	return CheckName(names...)
}

// ContentDir is the content tree of a site: SITE/content.
func ContentDir(siteDir string) string { return filepath.Join(siteDir, "content") }

// safeName is what a folder of a bundle may be called: epaper chooses every name it writes,
// from ids it has checked against this, so no URL can steer a write outside the site.
var safeName = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z_.\-]{0,99}$`)

// SiteRoots are the names the built site publishes at its root for itself (its home page,
// feeds, stylesheets, scripts, search, a server's files) or keeps there (.epaper): a paper's
// folder is published at the root too, so no paper may be called so.
var SiteRoots = []string{"index.html", "index.xml", "index.json", "404.html", "robots.txt", "sitemap.xml", "sitemaps", "_redirects", "_headers", "css", "js", "search", "pagefind", "favicon.ico", ".epaper"}

// CheckPaper returns an error unless code can be a paper's folder: a bundle's name (CheckName)
// that is none of SiteRoots, in any case.
func CheckPaper(code string) error {
	if err := CheckName(code); err != nil {
		return fmt.Errorf("paper code %q: %w", code, err)
	}
	for _, r := range SiteRoots {
		if strings.EqualFold(r, code) {
			return fmt.Errorf("paper code %q: the built site publishes its own %s at its root, where the paper's folder would go", code, r)
		}
	}
	return nil
}

// CheckName returns an error naming the first of names that cannot be a bundle's folder:
// one to a hundred ASCII letters, digits, '_', '.' and '-', starting with a letter or digit.
func CheckName(names ...string) error {
	for _, n := range names {
		if !safeName.MatchString(n) || n == "." || n == ".." {
			return fmt.Errorf("unsafe bundle name %q", n)
		}
	}
	return nil
}

// editionName is the name of an edition's folder: its date.
var editionName = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Editions lists the editions of the content tree content, by paper and then by date: every
// PAPER/YYYY-MM-DD folder with an _index.md. An edition without one is not finished (its
// _index.md is written last) and is left out.
func Editions(content string) ([]Ref, error) {
	papers, err := os.ReadDir(content)
	if err != nil {
		return nil, err
	}
	var eds []Ref
	for _, p := range papers {
		if !p.IsDir() {
			continue
		}
		days, err := os.ReadDir(filepath.Join(content, p.Name()))
		if err != nil {
			return nil, err
		}
		for _, d := range days {
			if !d.IsDir() || !editionName.MatchString(d.Name()) {
				continue
			}
			ed := Ref{Paper: p.Name(), Edition: d.Name()}
			if _, err := os.Stat(ed.Index(content)); err != nil {
				continue
			}
			eds = append(eds, ed)
		}
	}
	return eds, nil
}

// Articles lists the article bundles of an edition (ARTICLE/index.md in each of its pages),
// by page and then by id, as the file system sorts them.
func Articles(content string, edition Ref) ([]Ref, error) {
	m, err := filepath.Glob(filepath.Join(edition.EditionRef().Dir(content), "*", "*", LeafIndex))
	if err != nil {
		return nil, err
	}
	slices.Sort(m)
	refs := make([]Ref, 0, len(m))
	for _, f := range m {
		art := filepath.Dir(f)
		page := filepath.Dir(art)
		refs = append(refs, Ref{Paper: edition.Paper, Edition: edition.Edition, Page: filepath.Base(page), Article: filepath.Base(art)})
	}
	return refs, nil
}
