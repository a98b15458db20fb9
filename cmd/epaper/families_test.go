package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/testdata/families"
)

// Every template family's partial capture imports through the binary with its profile: each
// captured page's bundle has the oracle's paper, page, articles (title, URL, archived) and
// every article's regions, and the edition the whole page list.
func TestFamiliesPartialImport(t *testing.T) {
	t.Parallel()
	root := families.Root()
	for _, f := range families.All() {
		ex, err := families.LoadExpected(root, f.Name, "partial")
		if err != nil {
			t.Fatal(err)
		}
		site := t.TempDir()
		runEpaper(t, "import", "-q", "--site", site, families.Dir(root, f.Name, "partial"))
		for _, p := range ex.Pages {
			file := filepath.Join(bundle.ContentDir(site), p.Paper.Code, p.Date, p.Page.Code, bundle.BranchIndex)
			if _, err := os.Stat(file); err != nil {
				t.Errorf("%s %s: no bundle %s", f.Name, p.File, file)
				continue
			}
			m := readPageMatter(t, file)
			if m.Paper != p.Paper.Code || m.PaperName != p.Paper.Name || m.PageName != p.Page.Name {
				t.Errorf("%s %s: paper %s %s page %s, want %s %s %s", f.Name, p.File, m.Paper, m.PaperName, m.PageName, p.Paper.Code, p.Paper.Name, p.Page.Name)
			}
			byID := map[string]bundle.ArticleEntry{}
			for _, a := range m.Articles {
				byID[a.ID] = a
			}
			regions := map[string]int{}
			for _, r := range m.Regions {
				regions[r.Article]++
			}
			for _, a := range p.Articles {
				got := byID[a.ID]
				if got.Title != a.Title || got.URL != a.URL || (got.Archived != a.Archived && a.SameAs == "") {
					t.Errorf("%s %s: article %s %+v, want %+v", f.Name, p.File, a.ID, got, a)
				}
				if regions[a.ID] != a.Regions {
					t.Errorf("%s %s: article %s: %d regions, want %d", f.Name, p.File, a.ID, regions[a.ID], a.Regions)
				}
			}
		}
	}
}
