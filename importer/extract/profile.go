package extract

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
	"go.yaml.in/yaml/v3"
)

// A Profile says where a template family of e-paper pages keeps each thing: URL patterns of
// its pages and articles, the selectors of the page list, the article list, the scan and the
// article's fields, and which source gives the paper's name and the date. Profiles are YAML
// (docs/profiles.md); the built-in ones are embedded (profiles/*.yaml), and LoadProfile reads
// a user's. Generic is the profile of the heuristics: it has no patterns and matches
// everything.
type Profile struct {
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
	Match       Match    `yaml:"match"`
	Paper       PaperSrc `yaml:"paper"`
	Date        []Source `yaml:"date"`
	Page        PageSel  `yaml:"page"`
	Article     ArtSel   `yaml:"article"`

	file    string // where it was read from, for messages
	compile map[string]cascadia.Selector
	res     map[string]*regexp.Regexp
}

// Match says which pages a profile reads: URL path patterns, and selectors that must all
// match the document.
type Match struct {
	Page    string   `yaml:"page"`
	Article string   `yaml:"article"` // with a group named id: the article's id
	Require []string `yaml:"require"`
}

// PaperSrc says where the paper's code and name are.
type PaperSrc struct {
	Code []string `yaml:"code"` // patterns on the URL path with a group named paper
	Name []Source `yaml:"name"`
}

// PageSel are the selectors of a page.
type PageSel struct {
	Current  Source  `yaml:"current"` // this page's code and name: groups code, name
	List     ListSel `yaml:"list"`
	Articles string  `yaml:"articles"`
	Scan     string  `yaml:"scan"`
	PDF      string  `yaml:"pdf"`
}

// ListSel finds the page list: one item per page, its link, the pattern on the link's text
// with groups code and name, and the item's PDF link.
type ListSel struct {
	Item    string `yaml:"item"`
	Link    string `yaml:"link"`
	Pattern string `yaml:"pattern"`
	PDF     string `yaml:"pdf"`
}

// ArtSel are the selectors of an article's fields.
type ArtSel struct {
	IntroTitle string   `yaml:"introtitle"`
	Title      string   `yaml:"title"`
	SubTitle   string   `yaml:"subtitle"`
	Author     string   `yaml:"author"`
	Body       string   `yaml:"body"`
	Byline     []string `yaml:"byline"` // first, last: where a byline paragraph may be
}

// Source is one place a value may come from: an element's text or attribute, a pattern on
// the URL's path, or the page's <title> by the title rule.
type Source struct {
	Select  string `yaml:"select"`
	Attr    string `yaml:"attr"`
	Pattern string `yaml:"pattern"`
	URL     string `yaml:"url"`
	Title   bool   `yaml:"title"`
}

// Generic is the name of the profile of epaper's own heuristics, the last of every list.
const Generic = "founder-generic"

//go:embed profiles/*.yaml
var builtinFS embed.FS

// builtinOrder is the order of detection, most specific first (docs/profiles-design.md §8).
var builtinOrder = []string{"people-nbs", "founder-pad", "founder-layout-people", "founder-layout-economic",
	"founder-layout-guangming", "founder-layout-city", "founder-classic", Generic}

var builtins = func() []*Profile {
	var out []*Profile
	for _, name := range builtinOrder {
		file := "profiles/" + name + ".yaml"
		data, err := fs.ReadFile(builtinFS, file)
		if err != nil {
			panic(err)
		}
		p, err := LoadProfile(file, data)
		if err != nil {
			panic(err)
		}
		out = append(out, p)
	}
	return out
}()

// Builtin returns the built-in profiles in the order they are tried, Generic last.
func Builtin() []*Profile { return append([]*Profile(nil), builtins...) }

// WithProfiles returns the profiles to try: the user's first, in the order given (one named
// as a built-in replaces it in its place), then the built-ins.
func WithProfiles(user ...*Profile) []*Profile {
	out := Builtin()
	for _, u := range user {
		replaced := false
		for i, b := range out {
			if b.Name == u.Name {
				out[i], replaced = u, true
			}
		}
		if !replaced {
			out = append([]*Profile{u}, out...)
		}
	}
	return out
}

// LoadProfile reads a profile from data (file names it in errors). Unknown keys are errors,
// and so is a selector or pattern that does not compile: the error names the file, the line
// and the key ("x.yaml:14: page.list.link: selector "a[": …").
func LoadProfile(file string, data []byte) (*Profile, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	p := &Profile{file: file, compile: map[string]cascadia.Selector{}, res: map[string]*regexp.Regexp{}}
	if err := dec.Decode(p); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if p.Name == "" {
		return nil, fmt.Errorf("%s:1: name: a profile needs a name", file)
	}
	sels := map[string]string{"page.current.select": p.Page.Current.Select, "page.list.item": p.Page.List.Item,
		"page.list.link": p.Page.List.Link, "page.list.pdf": p.Page.List.PDF, "page.articles": p.Page.Articles,
		"page.scan": p.Page.Scan, "page.pdf": p.Page.PDF, "article.introtitle": p.Article.IntroTitle,
		"article.title": p.Article.Title, "article.subtitle": p.Article.SubTitle, "article.author": p.Article.Author,
		"article.body": p.Article.Body}
	res := map[string]string{"match.page": p.Match.Page, "match.article": p.Match.Article,
		"page.current.pattern": p.Page.Current.Pattern, "page.list.pattern": p.Page.List.Pattern}
	for i, s := range p.Match.Require {
		sels[fmt.Sprintf("match.require.%d", i)] = s
	}
	for i, s := range p.Paper.Code {
		res[fmt.Sprintf("paper.code.%d", i)] = s
	}
	for key, list := range map[string][]Source{"paper.name": p.Paper.Name, "date": p.Date} {
		for i, s := range list {
			k := fmt.Sprintf("%s.%d", key, i)
			sels[k+".select"], res[k+".pattern"], res[k+".url"] = s.Select, s.Pattern, s.URL
		}
	}
	for key, s := range sels {
		if s == "" {
			continue
		}
		c, err := cascadia.Compile(s)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s: selector %q: %w", file, lineOf(&root, key), key, s, err)
		}
		p.compile[s] = c
	}
	for key, r := range res {
		if r == "" {
			continue
		}
		c, err := regexp.Compile(r)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s: pattern %q: %w", file, lineOf(&root, key), key, r, err)
		}
		p.res[r] = c
	}
	if p.Name != Generic && (p.Match.Page == "" || p.Page.List.Item == "" || p.Page.Current.Select == "") {
		return nil, fmt.Errorf("%s:1: a profile needs match.page, page.current and page.list.item", file)
	}
	if p.Match.Article != "" && !slicesContains(p.res[p.Match.Article].SubexpNames(), "id") {
		return nil, fmt.Errorf("%s:%d: match.article: pattern %q has no group (?P<id>…)", file, lineOf(&root, "match.article"), p.Match.Article)
	}
	return p, nil
}

func slicesContains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// lineOf is the line of the key path (a.b.0.c) in a YAML document, or of the deepest part
// of it that is there.
func lineOf(root *yaml.Node, key string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, part := range strings.Split(key, ".") {
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == part {
					line, next = n.Content[i].Line, n.Content[i+1]
				}
			}
		case yaml.SequenceNode:
			var i int
			if _, err := fmt.Sscan(part, &i); err == nil && i < len(n.Content) {
				next = n.Content[i]
				line = next.Line
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return line
}

// File is where the profile was read from.
func (p *Profile) File() string { return p.file }

func (p *Profile) sel(s string) cascadia.Selector { return p.compile[s] }
func (p *Profile) re(s string) *regexp.Regexp     { return p.res[s] }

// ArticleID is the id an article URL's path gives by the profile's match.article, or "".
func (p *Profile) ArticleID(u string) string {
	if p.Match.Article == "" {
		return ""
	}
	return group(p.re(p.Match.Article), hrefPath(u), "id")
}

// group is the named group of re's first match in s, or "".
func group(re *regexp.Regexp, s, name string) string {
	if re == nil {
		return ""
	}
	m := re.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	if i := re.SubexpIndex(name); i >= 0 {
		return m[i]
	}
	return ""
}
