package importer_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/epaper-archive/epaper/importer"
	"github.com/epaper-archive/epaper/importer/fetch"
	"github.com/epaper-archive/epaper/testdata/mirrors"
	"github.com/epaper-archive/epaper/testdata/synth"
)

// newImporter is an importer of a source into site, with no rate limit.
func newImporter(t *testing.T, src *importer.Source, site string, opt importer.Options) *importer.Importer {
	t.Helper()
	opt.SiteDir = site
	opt.Fetch = fetch.DefaultFetchOptions()
	opt.Fetch.Rate = 0
	im, err := importer.New(opt, src.Transport)
	if err != nil {
		t.Fatal(err)
	}
	return im
}

func openSource(t *testing.T, arg string, opt importer.SourceOptions) *importer.Source {
	t.Helper()
	src, err := importer.OpenSource(arg, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return src
}

// readTree reads every file under root.
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(t *testing.T, what string, a, b map[string][]byte) {
	t.Helper()
	if len(a) == 0 || len(a) != len(b) {
		t.Errorf("%s: %d files, then %d", what, len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

// Editions imported side by side write the same bytes and the same log as one after the
// other, and the log and the results are in date order: each edition's lines together, its
// edition line first.
func TestEditionsSideBySideAreTheSame(t *testing.T) {
	t.Parallel()
	m, err := mirrors.Write(t.TempDir(), mirrors.Options{Days: 6, Pages: 3, Articles: 2, Layout: mirrors.PaperHTML})
	if err != nil {
		t.Fatal(err)
	}
	src := openSource(t, m.Dir, importer.SourceOptions{})
	var trees []map[string][]byte
	var logs []string
	for _, jobs := range []int{1, 4} {
		site := t.TempDir()
		var log bytes.Buffer
		var mu sync.Mutex
		var last importer.Progress
		im := newImporter(t, src, site, importer.Options{EditionJobs: jobs, Log: &log, Progress: func(p importer.Progress) {
			mu.Lock()
			defer mu.Unlock()
			if p.Editions < last.Editions || p.Pages < last.Pages && p.Editions == last.Editions {
				t.Errorf("jobs %d: progress went back: %+v after %+v", jobs, p, last)
			}
			last = p
		}})
		results, err := im.ImportEditions(t.Context(), src.Editions)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range results {
			if r.Error != "" || r.Report == nil || r.Day != m.Editions[i].Date || r.Paper != "cqrb" || len(r.Report.Failures()) > 0 {
				t.Errorf("jobs %d: result %d: %+v", jobs, i, r)
			}
		}
		if last.Editions != 6 || last.EditionsTotal != 6 || last.Pages != 18 || last.PagesTotal != 18 || last.Articles != 36 {
			t.Errorf("jobs %d: the last progress is %+v", jobs, last)
		}
		var days []string
		pages := -1
		for _, line := range strings.Split(strings.TrimSpace(log.String()), "\n") {
			if f := strings.Fields(line); f[0] == "edition" {
				if pages != -1 && pages != 3 {
					t.Errorf("jobs %d: %d page lines after the edition line of %s, want 3", jobs, pages, days[len(days)-1])
				}
				days, pages = append(days, f[2]), 0
			} else if f[0] == "page" {
				pages++
			}
		}
		if want := []string{"2020-01-01:", "2020-01-02:", "2020-01-03:", "2020-01-04:", "2020-01-05:", "2020-01-06:"}; !slices.Equal(days, want) {
			t.Errorf("jobs %d: editions logged in the order %v", jobs, days)
		}
		logs = append(logs, log.String())
		trees = append(trees, readTree(t, filepath.Join(site, "content")))
	}
	sameTree(t, "one edition at a time, then four", trees[0], trees[1])
	if logs[0] != logs[1] {
		t.Errorf("the logs differ:\n%s\n----\n%s", logs[0], logs[1])
	}
}

// Two papers given one code (--paper): the second edition of a day is a failure that names
// the first, not a mix of both in one bundle.
func TestEditionsThatWouldShareABundle(t *testing.T) {
	t.Parallel()
	write := func(dir string, l mirrors.Layout) {
		t.Helper()
		if _, err := mirrors.Write(filepath.Join(dir, string(l)), mirrors.Options{Days: 1, Pages: 1, Articles: 1, Layout: l}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	write(dir, mirrors.HTMLPaper)
	write(dir, mirrors.PaperHTML)
	if src := openSource(t, dir, importer.SourceOptions{}); len(src.Editions) != 1 {
		t.Fatalf("one paper's day in two URL schemes is %d editions, want one: %+v", len(src.Editions), src.Editions)
	}
	dir = t.TempDir()
	write(dir, mirrors.HTMLPaper)
	write(dir, mirrors.HTMLDate)
	other := filepath.Join(dir, string(mirrors.HTMLDate))
	if err := os.Rename(filepath.Join(other, "epaper.cqrb.cn"), filepath.Join(other, "epaper.cqwb.cn")); err != nil {
		t.Fatal(err)
	}
	src := openSource(t, dir, importer.SourceOptions{})
	if len(src.Editions) != 2 || src.Editions[0].Paper != "cqrb" || src.Editions[1].Paper != "cqwb" {
		t.Fatalf("two papers' days: %+v", src.Editions)
	}
	site := t.TempDir()
	results, err := newImporter(t, src, site, importer.Options{Paper: "one"}).ImportEditions(t.Context(), src.Editions)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || results[0].Error != "" || !strings.Contains(results[1].Error, "edition one/2020-01-01 was imported from "+src.Editions[0].URL+" in this run already") {
		t.Errorf("results %+v", results)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "one", "2020-01-01", "001", "_index.md")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "one", "2020-01-01", "01")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the second edition was written into the first's bundle: %v", err)
	}
}

// BenchmarkImportEditions imports a week of the synthetic archive (16 pages of 8 articles a
// day) from a mirror folder, one edition at a time and side by side, as ImportEditions does
// for `epaper import MIRROR`:
//
//	go test -run '^$' -bench ImportEditions -benchtime 3x ./importer
func BenchmarkImportEditions(b *testing.B) {
	o := synth.BenchOptions(b, 7)
	mirror, err := synth.Mirror(synth.BenchCache(b), o)
	if err != nil {
		b.Fatal(err)
	}
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			src, err := importer.OpenSource(mirror, importer.SourceOptions{})
			if err != nil {
				b.Fatal(err)
			}
			defer src.Close()
			work := b.TempDir()
			m := synth.StartMeter()
			b.ResetTimer()
			b.StopTimer()
			for i := range b.N {
				opt := importer.Options{SiteDir: filepath.Join(work, fmt.Sprint("site-", i)), Fetch: fetch.DefaultFetchOptions(), EditionJobs: jobs}
				opt.Fetch.Rate = 0
				im, err := importer.New(opt, src.Transport)
				if err != nil {
					b.Fatal(err)
				}
				m.Resume()
				b.StartTimer()
				results, err := im.ImportEditions(b.Context(), src.Editions)
				b.StopTimer()
				m.Pause()
				if err != nil || len(results) != 7 {
					b.Fatalf("%d editions: %v", len(results), err)
				}
				if err := os.RemoveAll(opt.SiteDir); err != nil {
					b.Fatal(err)
				}
			}
			m.Report(b, o.ArticleCount())
		})
	}
}
