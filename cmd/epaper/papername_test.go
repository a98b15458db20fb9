package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/families"
)

// A paper whose pages name it only in their <title>, among a slogan and the site's words
// ("打造新型传媒集团·海西日报社数字报"), is imported as 海西日报, not as its title: the
// classic fixture of 海西日报 with its Founder name fields taken out.
func TestImportNamesAPaperFromItsTitle(t *testing.T) {
	t.Parallel()
	src := families.Dir(families.Root(), "classic", "full") // 海西日报 and two papers of another host
	mirror := t.TempDir()
	founderName := regexp.MustCompile(`<founder-papername>[^<]*</founder-papername>`)
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		data = founderName.ReplaceAll(data, nil)
		if strings.Contains(string(data), "founder-papername") {
			t.Fatalf("%s still names the paper in a Founder field", p)
		}
		out := filepath.Join(mirror, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	if out, errOut, code := runEpaper(t, "import", "--site", site, mirror); code != 0 {
		t.Fatalf("import: exit %d:\n%s%s", code, out, errOut)
	}
	for _, f := range []string{"_index.md", "A01/_index.md"} {
		b := readFile(t, filepath.Join(site, "content", "hxrb", "2019-06-18", filepath.FromSlash(f)))
		if !strings.Contains(b, "paper_name: 海西日报\n") {
			t.Errorf("%s does not name the paper 海西日报:\n%s", f, b)
		}
	}
	if out, errOut, code := runEpaper(t, "probe", filepath.Join(mirror, "epaper.hxrb.example.cn", "html", "2019-06", "18", "node_2.htm")); code != 0 || !strings.Contains(out, "paper    hxrb, 海西日报 (name from title)\n") {
		t.Errorf("probe: exit %d:\n%s%s", code, out, errOut)
	}
}
