package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/testdata/mirrors"
)

// epaperBinary is the command built once for the package, to run as a user does.
var epaperBinary = sync.OnceValues(func() (string, error) {
	bin := filepath.Join(sharedDir, "epaper")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, out)
	}
	return bin, nil
})

// runBinary runs the epaper binary with args.
func runBinary(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	bin, err := epaperBinary()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// checkMirrorImport checks that the import of mirror m into site, which printed out and
// errOut and exited with code, imported every edition of m, in date order, whole.
func checkMirrorImport(t *testing.T, m *mirrors.Mirror, site, host, out, errOut string, code int) {
	t.Helper()
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	pages, articles := 0, 0
	at := 0
	for _, e := range m.Editions {
		line := "imported cqrb/" + e.Date + " into " + filepath.Join(site, "content", "cqrb", e.Date) + fmt.Sprintf(": %d pages, %d articles\n", e.Pages, e.Articles)
		i := strings.Index(out[at:], line)
		if i < 0 {
			t.Errorf("the summary lacks, in date order, %q:\n%s", line, out)
			continue
		}
		at += i + len(line)
		pages, articles = pages+e.Pages, articles+e.Articles
		dir := filepath.Join(site, "content", "cqrb", e.Date)
		indexes, _ := filepath.Glob(filepath.Join(dir, "*", "_index.md"))
		bundles, _ := filepath.Glob(filepath.Join(dir, "*", "*", "index.md"))
		if len(indexes) != e.Pages || len(bundles) != e.Articles {
			t.Errorf("%s: %d pages and %d articles in the site, want %d and %d", e.Date, len(indexes), len(bundles), e.Pages, e.Articles)
		}
		if len(bundles) > 0 && !strings.Contains(readFile(t, bundles[0]), "  url: http://"+host+"/") {
			t.Errorf("%s does not name its URL on %s:\n%s", bundles[0], host, readFile(t, bundles[0]))
		}
	}
	n := len(m.Editions)
	total := fmt.Sprintf("%d editions (%s … %s): %d pages, %d articles; nothing failed\n", n, m.Editions[0].Date, m.Editions[n-1].Date, pages, articles)
	if !strings.HasSuffix(out, total) {
		t.Errorf("the summary does not end with %q:\n%s", total, out)
	}
}

// Done when of issue 12, for every layout and tool: `epaper import MIRROR --site S` with
// MIRROR the folder the tool ran in imports every edition, in date order, whole; with index
// pages and without. A mirror without a host folder whose paths hold no paper code asks for
// --paper (exit 2) and imports with it, or with --host.
func TestImportEveryMirrorLayoutAndTool(t *testing.T) {
	t.Parallel()
	for li, l := range mirrors.Layouts {
		for ti, tool := range mirrors.Tools {
			noIndex := (li+ti)%2 == 1
			t.Run(fmt.Sprintf("%s/%s/no-index=%v", l, tool, noIndex), func(t *testing.T) {
				t.Parallel()
				m, err := mirrors.Write(t.TempDir(), mirrors.Options{Days: 3, Pages: 2, Articles: 2, Seed: 9, Layout: l, Tool: tool, NoIndex: noIndex})
				if err != nil {
					t.Fatal(err)
				}
				site := t.TempDir()
				host := m.Paper.Host
				args := []string{"import", "-q", "--site", site}
				if tool == mirrors.WgetNoHost {
					host = "unknown.invalid"
				}
				if m.NeedsPaper {
					_, errOut, code := runBinary(t, append(args, m.Dir)...)
					if code != 2 || !strings.Contains(errOut, "pass --paper CODE, or --host HOST") {
						t.Errorf("no code anywhere: exit %d, %q; want 2 and a request for --paper", code, errOut)
					}
					if entries, _ := os.ReadDir(site); len(entries) != 0 {
						t.Errorf("the refused import wrote %v", entries)
					}
					args = append(args, "--paper", m.Paper.Code)
				}
				out, errOut, code := runBinary(t, append(args, m.Dir)...)
				checkMirrorImport(t, m, site, host, out, errOut, code)
				if tool == mirrors.WgetNoHost {
					site := t.TempDir()
					out, errOut, code := runBinary(t, "import", "-q", "--site", site, "--host", m.Paper.Host, m.Dir)
					checkMirrorImport(t, m, site, m.Paper.Host, out, errOut, code)
				}
			})
		}
	}
}

// Done when of issue 12: a mirror of 30 days of each layout, given as the folder the tool
// ran in (HTTrack, wget --mirror, in turn), imports all 30 editions with the plain command,
// and logs them in date order.
func TestImportThirtyDaysOfAMirror(t *testing.T) {
	t.Parallel()
	for i, l := range mirrors.Layouts {
		tool := []mirrors.Tool{mirrors.HTTrack, mirrors.WgetMirror}[i%2]
		t.Run(fmt.Sprintf("%s/%s", l, tool), func(t *testing.T) {
			t.Parallel()
			m, err := mirrors.Write(t.TempDir(), mirrors.Options{Days: 30, Layout: l, Tool: tool})
			if err != nil {
				t.Fatal(err)
			}
			site := t.TempDir()
			out, errOut, code := runBinary(t, "import", "--site", site, m.Dir)
			checkMirrorImport(t, m, site, m.Paper.Host, out, errOut, code)
			if !strings.Contains(out, "30 editions (2020-01-01 … 2020-01-30): 120 pages, 360 articles; nothing failed") {
				t.Errorf("summary:\n%s", out)
			}
			// Its log is in date order too: each edition's lines together.
			var days []string
			for _, line := range strings.Split(errOut, "\n") {
				if f := strings.Fields(line); len(f) == 5 && f[0] == "edition" {
					days = append(days, strings.TrimSuffix(f[2], ":"))
				}
			}
			if len(days) != 30 || days[0] != "2020-01-01" || days[29] != "2020-01-30" {
				t.Errorf("the log's editions: %v", days)
			}
			for i := 1; i < len(days); i++ {
				if days[i] <= days[i-1] {
					t.Errorf("the log has %s after %s", days[i], days[i-1])
				}
			}
		})
	}
}

// An HTTrack mirror given as its project folder (HTTrack's own index.html, hts-cache/ and
// log beside the host folder) or as the host folder imports every edition, as the folder
// HTTrack ran in does; HTTrack's pages are not taken for the paper's.
func TestImportHTTrackProjectFolder(t *testing.T) {
	t.Parallel()
	m, err := mirrors.Write(t.TempDir(), mirrors.Options{Days: 3, Layout: mirrors.PaperDate, Tool: mirrors.HTTrack, Project: "cqrb 2020"})
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{filepath.Dir(m.Root), m.Root} {
		site := t.TempDir()
		out, errOut, code := runBinary(t, "import", "--site", site, src)
		checkMirrorImport(t, m, site, m.Paper.Host, out, errOut, code)
		if !strings.Contains(out, "3 editions (2020-01-01 … 2020-01-03): 12 pages, 36 articles; nothing failed") {
			t.Errorf("import %s: summary:\n%s", src, out)
		}
	}
}

// A paper that changed its URL scheme: one mirror holding days of the old scheme
// (html/cqrb/YYYY-MM/DD/NNN/node.htm) and days of the new (cqrb/YYYY-MM/DD/NNN/node.htm)
// imports every day into one paper. A day captured under both schemes is one edition with
// the same page bundles whichever scheme is imported last; its articles, whose ids differ
// between the schemes (100000, rb_100000), are all kept (their URLs stay published), and the
// page lists each of its articles once, as the page imported last names them.
func TestImportAPaperThatChangedItsURLs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	old, err := mirrors.Write(dir, mirrors.Options{Days: 3, Layout: mirrors.HTMLPaper, NoIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	later, err := mirrors.Write(dir, mirrors.Options{Days: 3, Start: time.Date(2020, 1, 4, 0, 0, 0, 0, time.UTC), Layout: mirrors.PaperDate, NoIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	out, errOut, code := runBinary(t, "import", "--site", site, dir)
	both := *old
	both.Editions = append(slices.Clone(old.Editions), later.Editions...)
	checkMirrorImport(t, &both, site, old.Paper.Host, out, errOut, code)

	// The first three days again, under the new scheme.
	again, err := mirrors.Write(t.TempDir(), mirrors.Options{Days: 3, Layout: mirrors.PaperDate, NoIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	before := bundleTree(t, site)
	if out, errOut, code := runBinary(t, "import", "--site", site, again.Dir); code != 0 || !strings.HasSuffix(out, "3 editions (2020-01-01 … 2020-01-03): 12 pages, 36 articles; nothing failed\n") {
		t.Fatalf("import of the new scheme: exit %d:\n%s%s", code, out, errOut)
	}
	after := bundleTree(t, site)
	sections := func(files []string) []string {
		return slices.DeleteFunc(slices.Clone(files), func(f string) bool { return !strings.HasSuffix(f, "/_index.md") })
	}
	if !slices.Equal(sections(before), sections(after)) {
		t.Errorf("the days imported under the new scheme changed the edition or page bundles:\nbefore %q\nafter  %q", sections(before), sections(after))
	}
	for _, f := range before {
		if !slices.Contains(after, f) {
			t.Errorf("%s was lost", f)
		}
	}
	if n := len(after) - len(before); n != 36 {
		t.Errorf("%d article bundles added under the new scheme's ids, want 36", n)
	}
	page := readFile(t, filepath.Join(site, "content", "cqrb", "2020-01-01", "001", "_index.md"))
	if !strings.Contains(page, "url: http://"+again.Paper.Host+"/cqrb/2020-01/01/001/node.htm") {
		t.Errorf("the page does not say it was read from the new scheme last:\n%s", page)
	}
	if _, errOut, code := runBinary(t, "build", "--site", site, "--no-pagefind"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	html := readFile(t, filepath.Join(site, "public", "cqrb", "2020-01-01", "001", "index.html"))
	for _, id := range []string{"rb_100000", "rb_100001", "rb_100002"} {
		if !strings.Contains(html, "/cqrb/2020-01-01/001/"+id+"/index.html") {
			t.Errorf("the page view does not link %s", id)
		}
	}
	if strings.Contains(html, "/cqrb/2020-01-01/001/100001/index.html") {
		t.Error("the page view lists an article twice, under both schemes' ids")
	}
	if _, err := os.Stat(filepath.Join(site, "public", "cqrb", "2020-01-01", "001", "100001", "index.html")); err != nil {
		t.Errorf("the old scheme's article is no longer published: %v", err)
	}
}

// bundleTree lists the bundle files (index.md, _index.md) below site/content, sorted.
func bundleTree(t *testing.T, site string) []string {
	t.Helper()
	var files []string
	for rel := range tree(t, filepath.Join(site, "content")) {
		if n := path.Base(rel); n == "index.md" || n == "_index.md" {
			files = append(files, rel)
		}
	}
	slices.Sort(files)
	return files
}
