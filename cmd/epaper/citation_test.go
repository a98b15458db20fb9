package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// newsArticle is what a reference manager reads of the JSON-LD of an article page.
type newsArticle struct {
	Context     string `json:"@context"`
	Type        string `json:"@type"`
	Headline    string `json:"headline"`
	AltHeadline string `json:"alternativeHeadline"`
	Author      []struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	} `json:"author"`
	DatePublished string `json:"datePublished"`
	Pagination    string `json:"pagination"`
	IsPartOf      struct {
		Type          string `json:"@type"`
		Name          string `json:"name"`
		DatePublished string `json:"datePublished"`
		IsPartOf      struct {
			Type string `json:"@type"`
			Name string `json:"name"`
		} `json:"isPartOf"`
	} `json:"isPartOf"`
}

// Every article page of the fixture carries Highwire citation_* tags and a NewsArticle
// JSON-LD block that say what the page shows, as Zotero reads them.
func TestCitationMetadataOnEveryArticle(t *testing.T) {
	public := offlineSite(t)
	ed := fixture.CQRB20210414()
	n := 0
	for _, p := range ed.Pages {
		for _, a := range p.Articles {
			n++
			file := filepath.Join(public, "cqrb", "2021-04-14", p.Num, a.ID, "index.html")
			doc := openHTML(t, file)
			meta := func(name string) []string {
				var vs []string
				doc.Find(`meta[name="` + name + `"]`).Each(func(_ int, s *goquery.Selection) { vs = append(vs, s.AttrOr("content", "")) })
				return vs
			}
			one := func(name, want string) {
				if got := meta(name); len(got) != 1 || got[0] != want {
					t.Errorf("%s: %s %q, want %q", file, name, got, want)
				}
			}
			title := strings.Join(strings.Fields(a.Title), " ")
			one("citation_title", title)
			one("citation_journal_title", "重庆日报")
			one("citation_publication_date", "2021/04/14")
			one("citation_firstpage", strings.TrimLeft(p.Num, "0"))
			if want, ok := map[string]string{"本报记者 某甲 某乙": "某甲|某乙", "本报通讯员 某丙": "某丙", "杨颖": "杨颖"}[a.Author]; ok {
				if got := strings.Join(meta("citation_author"), "|"); got != want {
					t.Errorf("%s: citation_author %q, want %q (byline %q)", file, got, want, a.Author)
				}
			} else if a.Author != "" {
				t.Errorf("byline %q: say what its authors are in the test", a.Author)
			}
			if p.HasPDF {
				pdf := meta("citation_pdf_url")
				if len(pdf) != 1 {
					t.Fatalf("%s: citation_pdf_url %q", file, pdf)
				}
				if got := follow(t, file, pdf[0]); filepath.Base(got) != "page.pdf" {
					t.Errorf("%s: citation_pdf_url leads to %s", file, got)
				}
			}

			scripts := doc.Find(`script[type="application/ld+json"]`)
			if scripts.Length() != 1 {
				t.Fatalf("%s: %d JSON-LD blocks", file, scripts.Length())
			}
			var ld newsArticle
			if err := json.Unmarshal([]byte(scripts.Text()), &ld); err != nil {
				t.Fatalf("%s: JSON-LD: %v\n%s", file, err, scripts.Text())
			}
			if ld.Context != "https://schema.org" || ld.Type != "NewsArticle" || ld.Headline != title || ld.DatePublished != "2021-04-14" ||
				ld.Pagination != strings.TrimLeft(p.Num, "0") || ld.AltHeadline != a.SubTitle {
				t.Errorf("%s: JSON-LD %+v", file, ld)
			}
			if ld.IsPartOf.Type != "PublicationIssue" || ld.IsPartOf.DatePublished != "2021-04-14" || !strings.Contains(ld.IsPartOf.Name, "2021年04月14日") ||
				ld.IsPartOf.IsPartOf.Type != "Periodical" || ld.IsPartOf.IsPartOf.Name != "重庆日报" {
				t.Errorf("%s: JSON-LD isPartOf %+v", file, ld.IsPartOf)
			}
			if a.Author != "" && (len(ld.Author) == 0 || ld.Author[0].Type != "Person" || !strings.Contains(a.Author, ld.Author[0].Name)) {
				t.Errorf("%s: JSON-LD author %+v, byline %q", file, ld.Author, a.Author)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d articles checked", n)
	}
}
