package main

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// The paper's feed, read by a feed reader's parser: every article of the newest edition in
// full, one entry each, page by page, with absolute links and images.
func TestFullTextFeed(t *testing.T) {
	const base = "https://paper.example.org/archive/"
	public := builtSite(t, "--base-url", base, "--no-pagefind")
	ed := fixture.CQRB20210414()
	var want []fixture.Article
	var pages []string
	for _, p := range ed.Pages {
		for _, a := range p.Articles {
			want = append(want, a)
			pages = append(pages, "第"+p.Num+"版")
		}
	}
	for _, file := range []string{"cqrb/index.xml", "index.xml"} {
		data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		feed, err := gofeed.NewParser().ParseString(string(data))
		if err != nil {
			t.Fatalf("%s does not parse: %v", file, err)
		}
		if len(feed.Items) != len(want) {
			t.Fatalf("%s: %d entries, want one per article of the edition, %d", file, len(feed.Items), len(want))
		}
		for i, it := range feed.Items {
			a := want[i]
			if it.Title != strings.Join(strings.Fields(a.Title), " ") {
				t.Errorf("%s entry %d: %q, want %q (page by page, in reading order)", file, i+1, it.Title, a.Title)
			}
			if len(it.Categories) != 1 || !strings.HasPrefix(it.Categories[0], pages[i]) {
				t.Errorf("%s entry %d: categories %q, want its page %s", file, i+1, it.Categories, pages[i])
			}
			if !strings.HasPrefix(it.Link, base+"cqrb/2021-04-14/") {
				t.Errorf("%s entry %d: link %q is not absolute", file, i+1, it.Link)
			}
			text := noSpace(html.UnescapeString(it.Content))
			if text == "" {
				t.Errorf("%s entry %d (%s) has no text", file, i+1, a.ID)
				continue
			}
			for _, para := range a.Paragraphs {
				if first := strings.Split(para, "\n")[0]; !strings.Contains(text, noSpace(first)) {
					t.Errorf("%s entry %d (%s): content lacks %q", file, i+1, a.ID, first)
				}
			}
			if a.SubTitle != "" && !strings.Contains(it.Content, a.SubTitle) {
				t.Errorf("%s entry %d: content lacks the 副题 %q", file, i+1, a.SubTitle)
			}
			if a.Image != nil && !strings.Contains(it.Content, `src="`+base+"cqrb/2021-04-14/") {
				t.Errorf("%s entry %d: the image is not linked absolutely: %s", file, i+1, it.Content)
			}
			if strings.Contains(it.Content, `="/`) {
				t.Errorf("%s entry %d: a root-relative link: %s", file, i+1, it.Content)
			}
		}
	}
}
