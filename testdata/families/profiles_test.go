package families

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"go.yaml.in/yaml/v3"
)

// The profiles in profiles/ are the drafts of docs/profiles-design.md. This file is a small
// reference reading of that format, enough to hold each draft to the oracles: each page
// matches its family's profile and no other, and the profile's selectors and patterns give
// what the oracle says. It is test code for the design, not the importer's implementation.

// profile is the draft format (docs/profiles-design.md, "The format").
type profile struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Match       struct {
		Page    string   `yaml:"page"`
		Article string   `yaml:"article"`
		Require []string `yaml:"require"`
	} `yaml:"match"`
	Paper struct {
		Code []string `yaml:"code"`
		Name []source `yaml:"name"`
	} `yaml:"paper"`
	Date []source `yaml:"date"`
	Page struct {
		Current source `yaml:"current"`
		List    struct {
			Item    string `yaml:"item"`
			Link    string `yaml:"link"`
			Pattern string `yaml:"pattern"`
			PDF     string `yaml:"pdf"`
		} `yaml:"list"`
		Articles string `yaml:"articles"`
		Scan     string `yaml:"scan"`
		PDF      string `yaml:"pdf"`
	} `yaml:"page"`
	Article struct {
		IntroTitle string   `yaml:"introtitle"`
		Title      string   `yaml:"title"`
		SubTitle   string   `yaml:"subtitle"`
		Author     string   `yaml:"author"`
		Body       string   `yaml:"body"`
		Byline     []string `yaml:"byline"`
	} `yaml:"article"`
}

// source is one place a value may come from: an element's text or attribute (Select,
// Attr), the URL's path (URL, a regexp), or the page's <title> with the site's words removed.
// Pattern picks the value out of the text.
type source struct {
	Select  string `yaml:"select"`
	Attr    string `yaml:"attr"`
	Pattern string `yaml:"pattern"`
	URL     string `yaml:"url"`
	Title   bool   `yaml:"title"`
}

func loadProfiles(t *testing.T) map[string]*profile {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(Root(), "profiles", "*.yaml"))
	out := map[string]*profile{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		p := &profile{}
		if err := dec.Decode(p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := p.check(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if filepath.Base(name) != p.Name+".yaml" {
			t.Errorf("%s: holds profile %q", name, p.Name)
		}
		out[p.Name] = p
	}
	return out
}

// check compiles every selector and pattern: a bad one is an error naming it.
func (p *profile) check() error {
	sels := append([]string{p.Page.Current.Select, p.Page.List.Item, p.Page.List.Link, p.Page.List.PDF,
		p.Page.Articles, p.Page.Scan, p.Page.PDF, p.Article.IntroTitle, p.Article.Title, p.Article.SubTitle,
		p.Article.Author, p.Article.Body}, p.Match.Require...)
	res := append([]string{p.Match.Page, p.Match.Article, p.Page.Current.Pattern, p.Page.List.Pattern}, p.Paper.Code...)
	for _, s := range append(append([]source{}, p.Paper.Name...), p.Date...) {
		sels, res = append(sels, s.Select), append(res, s.Pattern, s.URL)
	}
	for _, s := range sels {
		if _, err := cascadia.Compile(s); s != "" && err != nil {
			return fmt.Errorf("selector %q: %w", s, err)
		}
	}
	for _, r := range res {
		if _, err := regexp.Compile(r); err != nil {
			return fmt.Errorf("pattern %q: %w", r, err)
		}
	}
	return nil
}

// matches reports whether the profile detects the page: its URL path matches the page or
// article pattern and every required selector matches.
func (p *profile) matches(u *url.URL, doc *goquery.Document) bool {
	if !regexp.MustCompile(p.Match.Page).MatchString(u.Path) && !regexp.MustCompile(p.Match.Article).MatchString(u.Path) {
		return false
	}
	for _, s := range p.Match.Require {
		if doc.Find(s).Length() == 0 {
			return false
		}
	}
	return true
}

func text(s *goquery.Selection) string { return strings.TrimSpace(squeezeSpaces(s.First().Text())) }

// squeezeSpaces folds runs of white space into one space, as the oracles write them.
func squeezeSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

func group(re, s, name string) (string, bool) {
	r := regexp.MustCompile(re)
	m := r.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[r.SubexpIndex(name)]), true
}

// value reads the first source that gives a value.
func value(srcs []source, u *url.URL, doc *goquery.Document) (string, map[string]string) {
	for _, s := range srcs {
		var v string
		switch {
		case s.URL != "":
			r := regexp.MustCompile(s.URL)
			if m := r.FindStringSubmatch(u.Path); m != nil {
				return m[0], groups(r, m)
			}
			continue
		case s.Title:
			v = NameFromTitle(text(doc.Find("title")))
		case s.Attr != "":
			v, _ = doc.Find(s.Select).First().Attr(s.Attr)
		default:
			v = text(doc.Find(s.Select))
		}
		if s.Pattern != "" {
			r := regexp.MustCompile(s.Pattern)
			if m := r.FindStringSubmatch(v); m != nil {
				return m[0], groups(r, m)
			}
			continue
		}
		if v = strings.TrimSpace(v); v != "" && !siteWord[v] {
			return v, nil
		}
	}
	return "", nil
}

func groups(r *regexp.Regexp, m []string) map[string]string {
	g := map[string]string{}
	for i, n := range r.SubexpNames() {
		if n != "" {
			g[n] = m[i]
		}
	}
	return g
}

func resolve(base *url.URL, s *goquery.Selection, attr string) string {
	v, ok := s.Attr(attr)
	if !ok {
		return ""
	}
	r, err := base.Parse(strings.TrimSpace(v))
	if err != nil {
		return ""
	}
	return r.String()
}

func parse(t *testing.T, dir, u, charset string) (*url.URL, *goquery.Document) {
	t.Helper()
	data, err := os.ReadFile(fileOf(dir, u))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(decode(t, data, charset)))
	if err != nil {
		t.Fatal(err)
	}
	pu, _ := url.Parse(u)
	return pu, doc
}

// codeFromHost is the rule for a paper's code when its URLs have none: the first label of
// the host that is not a generic word.
func codeFromHost(host string) string {
	for _, l := range strings.Split(host, ".") {
		switch l {
		case "www", "epaper", "paper", "szb", "dzb", "e", "news", "example", "com", "cn", "net", "org":
			continue
		}
		return l
	}
	return ""
}

// Every oracle page is detected as its family's profile and as no other.
func TestProfilesDetectEachFamily(t *testing.T) {
	profiles := loadProfiles(t)
	if len(profiles) != len(All()) {
		t.Fatalf("%d profiles for %d families", len(profiles), len(All()))
	}
	for _, f := range All() {
		for _, v := range Variants {
			ex, err := LoadExpected(Root(), f.Name, v)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ex.Pages {
				urls := []string{p.URL}
				for _, a := range p.ArticlePages {
					urls = append(urls, a.URL)
				}
				for _, u := range urls {
					pu, doc := parse(t, Dir(Root(), f.Name, v), u, p.Charset)
					var got []string
					for name, pr := range profiles {
						if pr.matches(pu, doc) {
							got = append(got, name)
						}
					}
					if len(got) != 1 || got[0] != f.Profile {
						t.Errorf("%s: detected as %v, want [%s]", u, got, f.Profile)
					}
				}
			}
		}
	}
}

// Each family's profile reads of its pages what the oracles say.
func TestProfilesExtractTheOracles(t *testing.T) {
	profiles := loadProfiles(t)
	for _, f := range All() {
		for _, v := range Variants {
			ex, err := LoadExpected(Root(), f.Name, v)
			if err != nil {
				t.Fatal(err)
			}
			pr := profiles[f.Profile]
			for _, p := range ex.Pages {
				t.Run(f.Name+"/"+v+"/"+p.File, func(t *testing.T) {
					dir := Dir(Root(), f.Name, v)
					checkProfilePage(t, pr, dir, p)
					for _, a := range p.ArticlePages {
						checkProfileArticle(t, pr, dir, p, a)
					}
				})
			}
		}
	}
}

// The profiles printed in docs/profiles-design.md are the files of profiles/ (but for their
// descriptions), and its example for a made-up paper is a valid profile.
func TestDesignNoteShowsTheProfiles(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(Root(), "..", "..", "docs", "profiles-design.md"))
	if err != nil {
		t.Fatal(err)
	}
	files := loadProfiles(t)
	seen := map[string]bool{}
	for _, block := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(data, -1) {
		isProfile := bytes.HasPrefix(block[1], []byte("name: ")) || bytes.HasPrefix(block[1], []byte("# qhwb.yaml"))
		if !isProfile || bytes.Contains(block[1], []byte("[source, …]")) { // the format's outline
			continue
		}
		dec := yaml.NewDecoder(bytes.NewReader(block[1]))
		dec.KnownFields(true)
		p := &profile{}
		if err := dec.Decode(p); err != nil {
			t.Errorf("design note: profile block: %v", err)
			continue
		}
		if err := p.check(); err != nil {
			t.Errorf("design note: profile %s: %v", p.Name, err)
		}
		seen[p.Name] = true
		f, ok := files[p.Name]
		if !ok {
			if p.Name != "qhwb" {
				t.Errorf("design note: profile %s is not in profiles/", p.Name)
			}
			continue
		}
		g := *f
		g.Description = p.Description
		if !reflect.DeepEqual(*p, g) {
			t.Errorf("design note: profile %s differs from profiles/%s.yaml:\n%+v\n%+v", p.Name, p.Name, *p, g)
		}
	}
	for name := range files {
		if !seen[name] {
			t.Errorf("design note: profile %s is not shown", name)
		}
	}
	if !seen["qhwb"] {
		t.Error("design note: no example for a made-up paper")
	}
}
