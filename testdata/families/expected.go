package families

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The oracles: what a correct extraction of a family's variant gives, written by hand from
// the HTML (never from an extractor's output), one JSON file per captured page
// (PAPER-DATE-PAGE.json) and editions.json, in FAMILY/expected/VARIANT/. expected.schema.json
// is their schema. Conventions:
//   - URLs are the original addresses (http://HOST/…), resolved against the page;
//   - "archived" says whether the file is in the variant's mirror; every part not archived
//     belongs in the bundle's missing: list;
//   - titles are on one line (a <br> inside a title joins its lines without a space);
//   - body_first and body_last are the first and the last characters of the body's text,
//     its first and last paragraphs, indentation removed;
//   - author is the byline as printed, without a leading ■; author_in_body is true where
//     the byline is a paragraph of the body (the first, on pad pages), not for notes such as
//     （本报综合） or （作者系…）, which are body text.

// Editions is editions.json: the editions a variant's mirror holds, in date order.
type Editions struct {
	Profile  string        `json:"profile"`
	Variant  string        `json:"variant"`
	Editions []EditionSums `json:"editions"`
}

// EditionSums is what one edition of a mirror amounts to.
type EditionSums struct {
	Paper            string    `json:"paper"`
	PaperName        string    `json:"paper_name"`
	Date             string    `json:"date"`
	Index            *Redirect `json:"index"` // nil when the mirror has no index page
	FirstPage        string    `json:"first_page"`
	Pages            int       `json:"pages"` // in the page list
	PagesArchived    int       `json:"pages_archived"`
	Articles         int       `json:"articles"` // on the archived pages' article lists
	ArticlesArchived int       `json:"articles_archived"`
}

// Redirect is an index page that leads to an edition's first page.
type Redirect struct {
	URL  string `json:"url"`
	Kind string `json:"kind"` // "meta-refresh" or "script"
	To   string `json:"to"`
}

// ExpectedPage is the oracle of one captured page.
type ExpectedPage struct {
	Profile      string         `json:"profile"`
	File         string         `json:"file"` // below the variant's folder
	URL          string         `json:"url"`
	Charset      string         `json:"charset"` // "utf-8" or "gbk"
	Paper        PaperID        `json:"paper"`
	Date         string         `json:"date"`
	Page         PageID         `json:"page"`
	Scan         *Part          `json:"scan"` // nil when the page shows none
	PDF          *Part          `json:"pdf"`  // nil when the page links none of itself
	Pages        []PageEntry    `json:"pages"`
	Articles     []ArticleEntry `json:"articles"`
	Photos       []Part         `json:"photos"` // map regions that lead to a photo
	ArticlePages []ArticlePage  `json:"article_pages"`
}

// PaperID is a paper's code and name.
type PaperID struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// PageID is a page's code and name.
type PageID struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Part is a file a page links: its URL and whether the mirror has it.
type Part struct {
	URL      string `json:"url"`
	Archived bool   `json:"archived"`
}

// PageEntry is one entry of the page list (版面导航).
type PageEntry struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	URL      string `json:"url"`
	PDF      string `json:"pdf"` // "" when the page list links none
	Archived bool   `json:"archived"`
}

// ArticleEntry is one article of the page, in reading order.
type ArticleEntry struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	URL      string `json:"url"`
	Regions  int    `json:"regions"`
	Archived bool   `json:"archived"`
	SameAs   string `json:"same_as,omitempty"` // the id of the same article on another page
}

// ArticlePage is the oracle of one archived article of the page.
type ArticlePage struct {
	ID           string `json:"id"`
	URL          string `json:"url"`
	IntroTitle   string `json:"introtitle"`
	Title        string `json:"title"`
	SubTitle     string `json:"subtitle"`
	Author       string `json:"author"`
	AuthorInBody bool   `json:"author_in_body"`
	Paragraphs   int    `json:"paragraphs"`
	BodyFirst    string `json:"body_first"`
	BodyLast     string `json:"body_last"`
	Images       int    `json:"images"`
}

// Expected is a variant's oracles.
type Expected struct {
	Editions Editions
	Pages    []ExpectedPage // by file name
}

// LoadExpected reads the oracles of a family's variant below root (testdata/families).
func LoadExpected(root, family, variant string) (*Expected, error) {
	dir := ExpectedDir(root, family, variant)
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	ex := &Expected{}
	found := false
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(name, string(filepath.Separator)+"editions.json") {
			found = true
			err = strictJSON(data, &ex.Editions)
		} else {
			var p ExpectedPage
			err = strictJSON(data, &p)
			ex.Pages = append(ex.Pages, p)
		}
		if err != nil {
			return nil, fmt.Errorf("oracle %q: %w", name, err)
		}
	}
	if !found {
		return nil, fmt.Errorf("oracle %q: no editions.json", dir)
	}
	return ex, nil
}

func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
