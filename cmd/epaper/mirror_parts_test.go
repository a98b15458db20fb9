package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/importer"
	"github.com/epaper-archive/epaper/testdata/families"
	"github.com/epaper-archive/epaper/testdata/mirrors"
)

// editionsIn lists the editions imported into site, as "PAPER/DATE".
func editionsIn(t *testing.T, site string) string {
	t.Helper()
	found, _ := filepath.Glob(filepath.Join(site, "content", "*", "*", "_index.md"))
	var eds []string
	for _, f := range found {
		rel, _ := filepath.Rel(filepath.Join(site, "content"), filepath.Dir(f))
		eds = append(eds, filepath.ToSlash(rel))
	}
	return strings.Join(eds, " ")
}

// Any part of a mirror: a page or an article file imports its edition; a folder inside a host
// folder the editions below it; --from/--to pick the editions of the whole mirror (for a file
// too); a range with none says what the mirror holds; --paper and --paper-name override
// what the pages say, an unsafe --paper and a --host for a mirror with host folders are
// refused; the JSON report has one entry per edition.
func TestImportPartsOfAMirror(t *testing.T) {
	t.Parallel()
	m, err := mirrors.Write(t.TempDir(), mirrors.Options{Days: 5, Pages: 2, Articles: 1, Layout: mirrors.HTMLPaper})
	if err != nil {
		t.Fatal(err)
	}
	day := filepath.Join(m.Root, "html", "cqrb", "2020-01", "03")
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"a page file", []string{filepath.Join(day, "002", "node.htm")}, "cqrb/2020-01-03"},
		{"an article file", []string{filepath.Join(day, "001", "content_100004.htm")}, "cqrb/2020-01-03"},
		{"a day's folder", []string{day}, "cqrb/2020-01-03"},
		{"a month's folder", []string{filepath.Dir(day)}, "cqrb/2020-01-01 cqrb/2020-01-02 cqrb/2020-01-03 cqrb/2020-01-04 cqrb/2020-01-05"},
		{"a range", []string{"--from", "2020-01-02", "--to", "2020-01-03", m.Dir}, "cqrb/2020-01-02 cqrb/2020-01-03"},
		{"a range from a file", []string{"--from", "2020-01-04", "--to", "2020-01-09", filepath.Join(day, "002", "node.htm")}, "cqrb/2020-01-04 cqrb/2020-01-05"},
		{"another code", []string{"--paper", "cq", "--from", "2020-01-05", "--to", "2020-01-05", m.Dir}, "cq/2020-01-05"},
	} {
		site := t.TempDir()
		out, errOut, code := runEpaper(t, append([]string{"import", "-q", "--site", site}, tt.args...)...)
		if code != 0 || editionsIn(t, site) != tt.want {
			t.Errorf("%s: exit %d, editions %q, want %q:\n%s%s", tt.name, code, editionsIn(t, site), tt.want, out, errOut)
		}
	}

	site := t.TempDir()
	_, errOut, code := runEpaper(t, "import", "-q", "--site", site, "--from", "2021-01-01", "--to", "2021-01-31", m.Dir)
	if code != 1 || !strings.Contains(errOut, "no edition from 2021-01-01 to 2021-01-31 in "+m.Dir+"; it holds 5 editions, 2020-01-01 … 2020-01-05") {
		t.Errorf("an empty range: exit %d, %q", code, errOut)
	}
	if _, errOut, code := runEpaper(t, "import", "--site", site, "--from", "2020-01-03", "--to", "2020-01-01", m.Dir); code != 2 || !strings.Contains(errOut, "before --from") {
		t.Errorf("a range that ends before it starts: exit %d, %q", code, errOut)
	}

	for _, tt := range []struct{ flag, value, says string }{
		{"--host", "epaper.cqrb.cn", "--host names the host of a mirror without host folder"},
		{"--paper", "../x", `--paper "../x": `},
	} {
		if _, errOut, code := runEpaper(t, "import", "--site", site, tt.flag, tt.value, m.Dir); code != 2 || !strings.Contains(errOut, tt.says) {
			t.Errorf("import %s %s: exit %d, %q; want 2 and %q", tt.flag, tt.value, code, errOut, tt.says)
		}
	}

	report := filepath.Join(t.TempDir(), "report.json")
	if _, errOut, code := runEpaper(t, "import", "-q", "--site", site, "--paper-name", "山城日报", "--report", report, m.Dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if md := readFile(t, filepath.Join(site, "content", "cqrb", "2020-01-04", "001", "_index.md")); !strings.Contains(md, "paper_name: 山城日报") {
		t.Errorf("--paper-name is not the page's paper name:\n%s", md)
	}
	var results []importer.DayResult
	if err := json.Unmarshal([]byte(readFile(t, report)), &results); err != nil || len(results) != 5 || results[4].Day != "2020-01-05" || results[4].Paper != "cqrb" || results[4].Report == nil {
		t.Errorf("the report: %v, %+v", err, results)
	}
}

// A folder where nothing can be found says what was looked for (exit 2); an index page is
// followed where a mirror has nothing else (a meta refresh, a script redirect), and a loop
// of them is an error naming the chain.
func TestImportFindsNothingOrFollowsIndexes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	host := filepath.Join(dir, "epaper.example.cn")
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(host, "css", "a.css"), "p{}")
	_, errOut, code := runEpaper(t, "import", "--site", t.TempDir(), dir)
	if code != 2 || !strings.Contains(errOut, "no e-paper pages in "+dir+": looked for pages (版) in the layouts html/PAPER/YYYY-MM/DD/NNN/node.htm") {
		t.Errorf("nothing found: exit %d, %q", code, errOut)
	}
	write(filepath.Join(host, "index.html"), `<script>location.href = "a.htm";</script>`)
	write(filepath.Join(host, "a.htm"), `<meta http-equiv="Refresh" content="0;URL='b.htm'">`)
	write(filepath.Join(host, "b.htm"), `<script>window.location="a.htm"</script>`)
	_, errOut, code = runEpaper(t, "import", "--site", t.TempDir(), dir)
	if code == 0 || !strings.Contains(errOut, "a redirect loop: http://epaper.example.cn/index.html → http://epaper.example.cn/a.htm → http://epaper.example.cn/b.htm → http://epaper.example.cn/a.htm") {
		t.Errorf("a loop of index pages: exit %d, %q", code, errOut)
	}
	write(filepath.Join(host, "b.htm"), `<script>window.location="x/today/page_a.htm"</script>`)
	write(filepath.Join(host, "x", "today", "page_a.htm"), `<html><head><meta charset="utf-8"><title>示例报</title></head><body>
<p>2020年01月01日</p><a id="pageLink" href="page_a.htm">第01版：要闻</a><a href="content_1.htm">稿件</a></body></html>`)
	write(filepath.Join(host, "x", "today", "content_1.htm"), `<html><head><meta charset="utf-8"></head><body><founder-title>稿件</founder-title><founder-content><p>正文。</p></founder-content></body></html>`)
	site := t.TempDir()
	out, errOut, code := runEpaper(t, "import", "-q", "--site", site, dir)
	if !strings.Contains(out, "1 edition (2020-01-01)") || editionsIn(t, site) != "example/2020-01-01" {
		t.Errorf("index pages of a layout of no known shape: exit %d, %s%s", code, out, errOut)
	}
}

// Issue 12's messages: a file a local mirror lacks is "not in the mirror: PATH", never an
// HTTP status; the partial capture of the classic family says so for each part it lacks, and
// the editions of every family's mirror are found and tried.
func TestImportFamilyMirrorsSayWhatIsMissing(t *testing.T) {
	t.Parallel()
	dir := families.Dir(families.Root(), "classic", "partial")
	site := t.TempDir()
	out, errOut, code := runEpaper(t, "import", "-q", "--site", site, dir)
	if code != 1 || strings.Contains(out+errOut, "HTTP ") || strings.Contains(out+errOut, "404") {
		t.Errorf("exit %d, and a status no server sent:\n%s%s", code, out, errOut)
	}
	for _, missing := range []string{
		filepath.Join(dir, "epaper.hxrb.example.cn", "html", "2019-06", "18", "node_4.htm"),
		filepath.Join(dir, "epaper.hxrb.example.cn", "html", "2019-06", "18", "content_51201.htm"),
	} {
		if !strings.Contains(errOut, "not in the mirror: "+missing) {
			t.Errorf("the summary does not say that %s is not in the mirror:\n%s", missing, errOut)
		}
	}
	// the totals count each kind under its own name: a scan or a PDF is not a page or an article
	if want := "3 editions (2016-03-08 … 2019-06-18): 6 pages, 5 articles; failed: 2 pages, 6 articles, 4 files (12 not in the mirror)\n"; !strings.HasSuffix(out, want) {
		t.Errorf("the totals do not end with %q:\n%s", want, out)
	}
	for _, f := range families.All() {
		ex, err := families.LoadExpected(families.Root(), f.Name, "partial")
		if err != nil {
			t.Fatal(err)
		}
		out, errOut, _ := runEpaper(t, "import", "-q", "--site", t.TempDir(), families.Dir(families.Root(), f.Name, "partial"))
		for _, e := range ex.Editions.Editions {
			if !strings.Contains(out+errOut, e.Date) {
				t.Errorf("%s: edition %s %s was not tried:\n%s%s", f.Name, e.Paper, e.Date, out, errOut)
			}
		}
	}
}

// The index page of a mirror without a host folder, given as SOURCE, is followed; the code of
// its edition is that of the page it leads to, and where that holds none the edition fails,
// asking for --paper, with nothing written.
func TestImportIndexOfAMirrorWithoutHost(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		layout mirrors.Layout
		want   string
	}{{mirrors.PaperDate, "cqrb/2020-01-02"}, {mirrors.HTMLDate, ""}} {
		m, err := mirrors.Write(t.TempDir(), mirrors.Options{Days: 2, Pages: 1, Articles: 1, Layout: tt.layout, Tool: mirrors.WgetNoHost})
		if err != nil {
			t.Fatal(err)
		}
		site := t.TempDir()
		out, errOut, code := runEpaper(t, "import", "-q", "--site", site, filepath.Join(m.Dir, "index.html"))
		if got := editionsIn(t, site); got != tt.want {
			t.Errorf("%s: editions %q, want %q:\n%s%s", tt.layout, got, tt.want, out, errOut)
		}
		if tt.want == "" {
			if entries, _ := os.ReadDir(site); code != 1 || len(entries) != 0 || !strings.Contains(errOut, "FAILED edition at http://unknown.invalid/index.html: no paper code in http://unknown.invalid/html/2020-01/02/node_2.htm") || !strings.Contains(errOut, "--paper CODE") {
				t.Errorf("%s: exit %d, wrote %v:\n%s", tt.layout, code, entries, errOut)
			}
		}
	}
}
