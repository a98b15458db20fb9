package synth

import (
	"bytes"
	"image"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// readTree returns every file below dir by its slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSameSeedSameBytes(t *testing.T) {
	o := Options{Days: 3, Seed: 42}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := Write(dir, o); err != nil {
			t.Fatal(err)
		}
	}
	o.Seed = 43
	if _, err := Write(c, o); err != nil {
		t.Fatal(err)
	}
	fa, fb, fc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(fa) != len(fb) {
		t.Fatalf("same seed: %d files, then %d", len(fa), len(fb))
	}
	for path, data := range fa {
		if !bytes.Equal(data, fb[path]) {
			t.Errorf("same seed, %s differs", path)
		}
	}
	differ := 0
	for path, data := range fa {
		if !bytes.Equal(data, fc[path]) {
			differ++
		}
	}
	if differ == 0 {
		t.Error("another seed wrote the same bytes")
	}
}

// A day's edition does not depend on the days before it: the first days of a longer archive
// are the shorter archive.
func TestDaysAreIndependent(t *testing.T) {
	short, long := Options{Days: 1, Seed: 5}, Options{Days: 3, Seed: 5}
	a, b := t.TempDir(), t.TempDir()
	if _, err := Write(a, short); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(b, long); err != nil {
		t.Fatal(err)
	}
	fb := readTree(t, b)
	for path, data := range readTree(t, a) {
		if strings.HasSuffix(path, "/index.htm") {
			continue // the index points at the last day
		}
		if !bytes.Equal(data, fb[path]) {
			t.Errorf("%s differs between a 1-day and a 3-day archive", path)
		}
	}
}

func TestEditionSizes(t *testing.T) {
	o := Options{Days: 2, Seed: 1}
	e := Edition(o, 1)
	if got := e.Date.Format(time.DateOnly); got != "2020-01-02" {
		t.Errorf("day 1 is %s, want 2020-01-02", got)
	}
	if e.Weekday != "星期四" {
		t.Errorf("2020-01-02 is a 星期四, got %s", e.Weekday)
	}
	if len(e.Pages) != DefaultPages {
		t.Fatalf("%d pages, want %d", len(e.Pages), DefaultPages)
	}
	ids := map[string]bool{}
	photos := 0
	for _, p := range e.Pages {
		if len(p.Articles) != DefaultArticles {
			t.Errorf("page %s: %d articles, want %d", p.Num, len(p.Articles), DefaultArticles)
		}
		for _, a := range p.Articles {
			if ids[a.ID] {
				t.Errorf("article id %s twice", a.ID)
			}
			ids[a.ID] = true
			n := 0
			for _, para := range a.Paragraphs {
				n += utf8.RuneCountInString(para)
			}
			if n < BodyChars*8/10 || n > BodyChars*13/10 {
				t.Errorf("article %s: body of %d characters, want about %d", a.ID, n, BodyChars)
			}
			if len(a.Paragraphs) < 3 {
				t.Errorf("article %s: %d paragraphs", a.ID, len(a.Paragraphs))
			}
			if a.Title == "" || !utf8.ValidString(a.Title) {
				t.Errorf("article %s: title %q", a.ID, a.Title)
			}
			if !a.Block.Bounds().In(imageRect(p.Scan)) {
				t.Errorf("article %s: block %v outside the scan", a.ID, a.Block.Bounds())
			}
			if a.Image != nil {
				photos++
			}
		}
	}
	if photos == 0 || photos > len(ids)/2 {
		t.Errorf("%d photos for %d articles, want about a quarter", photos, len(ids))
	}
}

// The mirror imports without a failure: every page and article of every day.
func TestMirrorImports(t *testing.T) {
	o := Options{Days: 2, Pages: 3, Articles: 4, Seed: 9}
	cache := t.TempDir()
	mirror, err := Mirror(cache, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"html/cqrb/index.htm", "html/cqrb/2020-01/02/003/node.htm", "page/cqrb/2020-01/01/001/cqrb20200101001.jpg"} {
		if _, err := os.Stat(filepath.Join(mirror, filepath.FromSlash(p))); err != nil {
			t.Error(err)
		}
	}
	site, err := Site(cache, o)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = filepath.WalkDir(filepath.Join(site, "content"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.md" {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != o.ArticleCount() {
		t.Errorf("%d article bundles, want %d", n, o.ArticleCount())
	}
	// One day of the imported two: hard links into the larger site.
	one := o
	one.Days = 1
	sub, err := Site(cache, one)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(sub, "content/cqrb/2020-01-01/001/_index.md")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(sub, "content/cqrb/2020-01-02")); err == nil {
		t.Error("the 1-day site has the second day")
	}
}

func imageRect(s fixture.Size) image.Rectangle { return image.Rect(0, 0, s.W, s.H) }

// A cached site is used again while the importer writes the same bundles, and imported
// again when its marker's format stamp is another (a site imported by an older importer):
// the benchmarks never measure, or fail on, bundles of an older format.
func TestCachedSiteOfAnotherFormatIsImportedAgain(t *testing.T) {
	o := Options{Days: 2, Pages: 2, Articles: 2, Seed: 9}
	cache := t.TempDir()
	site, err := Site(cache, o)
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(site, "content/cqrb/2020-01-02/001/_index.md")
	mark := []byte("# written by this test\n")
	if err := os.WriteFile(page, append(mark, readTree(t, filepath.Dir(page))["_index.md"]...), 0o644); err != nil {
		t.Fatal(err)
	}
	stamps.Clear() // a new process: the stamp computed again, the same
	if again, err := Site(cache, o); err != nil || again != site {
		t.Fatalf("Site again: %q, %v", again, err)
	}
	if data, _ := os.ReadFile(page); !bytes.HasPrefix(data, mark) {
		t.Fatal("a cached site of today's format was imported again")
	}
	marker := filepath.Join(site, complete)
	if err := os.WriteFile(marker, []byte("format: 0000\nimported by an older importer\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Site(cache, o); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(page); bytes.HasPrefix(data, mark) {
		t.Error("a cached site of another format was used as it is")
	}
	// A smaller site is not linked from a larger one of another format either.
	if err := os.WriteFile(marker, []byte("format: 0000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	one := o
	one.Days = 1
	sub, err := Site(cache, one)
	if err != nil {
		t.Fatal(err)
	}
	if note, _ := os.ReadFile(filepath.Join(sub, complete)); strings.Contains(string(note), "linked from") {
		t.Errorf("the 1-day site was linked from a site of another format: %s", note)
	}
}
