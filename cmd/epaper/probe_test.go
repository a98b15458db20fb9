package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/families"
)

// epaper probe on each family's partial capture names the profile of the family and prints
// the page's paper, date, page, every article with its title and regions, the whole page
// list, and what is not in the mirror.
func TestProbeEachFamily(t *testing.T) {
	t.Parallel()
	root := families.Root()
	for _, f := range families.All() {
		ex, err := families.LoadExpected(root, f.Name, "partial")
		if err != nil {
			t.Fatal(err)
		}
		out, errOut, code := runEpaper(t, "probe", families.Dir(root, f.Name, "partial"))
		report := filepath.Join(t.TempDir(), "report.json")
		runEpaper(t, "import", "-q", "--site", t.TempDir(), "--report", report, families.Dir(root, f.Name, "partial"))
		if data, _ := os.ReadFile(report); !strings.Contains(string(data), `"profile": "`+f.Profile+`"`) {
			t.Errorf("%s: the report does not say the pages were read by %s", f.Name, f.Profile)
		}
		if code != 0 {
			t.Errorf("%s: exit %d: %s%s", f.Name, code, out, errOut)
			continue
		}
		var p *families.ExpectedPage
		for i := range ex.Pages {
			if strings.Contains(out, "page     "+ex.Pages[i].URL+"\n") {
				p = &ex.Pages[i]
			}
		}
		if p == nil {
			t.Errorf("%s: probed a page no oracle describes:\n%s", f.Name, out)
			continue
		}
		want := []string{"profile  " + p.Profile + ": ", "paper    " + p.Paper.Code + ", " + p.Paper.Name,
			"date     " + p.Date, "page     " + p.Page.Code + " " + p.Page.Name}
		for _, a := range p.Articles {
			st := "found"
			if !a.Archived {
				st = "not in the mirror"
			}
			want = append(want, fmt.Sprintf("%s %s  %d regions  %s", a.ID, a.Title, a.Regions, st))
		}
		for _, e := range p.Pages {
			want = append(want, e.Code+" "+e.Name+"  "+e.URL)
		}
		// the regions that lead to a photo are listed as photos, each found or not
		if len(p.Photos) > 0 {
			want = append(want, fmt.Sprintf("photos   %d (regions that lead to a photo, not to an article):\n", len(p.Photos)))
		}
		for _, ph := range p.Photos {
			st := "found"
			if !ph.Archived {
				st = "not in the mirror"
				want = append(want, "missing  ") // and among what is missing
			}
			want = append(want, "         "+ph.URL+"  "+st+"\n")
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: probe does not say %q:\n%s", f.Name, w, out)
			}
		}
	}
}
