package archive_test

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/testdata/families"
	"github.com/epaper-archive/epaper/testdata/mirrors"
)

func openMirror(t *testing.T, p string, opt archive.MirrorOptions) *archive.Mirror {
	t.Helper()
	m, err := archive.OpenMirror(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

func editions(t *testing.T, m *archive.Mirror) []archive.Edition {
	t.Helper()
	eds, err := m.Editions()
	if err != nil {
		t.Fatal(err)
	}
	return eds
}

// Every layout as every tool leaves it, with and without index pages, given as the folder
// the tool ran in: every edition is found, in date order, starting at its first page, with
// the paper's code from the path or the host; without a host folder, the URLs are of the
// unknown host, and nothing says the code of html-date's.
func TestEditionsOfEveryLayoutAndTool(t *testing.T) {
	t.Parallel()
	for _, l := range mirrors.Layouts {
		for _, tool := range mirrors.Tools {
			for _, noIndex := range []bool{false, true} {
				o := mirrors.Options{Days: 3, Pages: 2, Articles: 2, Seed: 5, Layout: l, Tool: tool, NoIndex: noIndex}
				t.Run(string(l)+"/"+string(tool)+map[bool]string{true: "/no-index"}[noIndex], func(t *testing.T) {
					t.Parallel()
					mm, err := mirrors.Write(t.TempDir(), o)
					if err != nil {
						t.Fatal(err)
					}
					m := openMirror(t, mm.Dir, archive.MirrorOptions{})
					eds := editions(t, m)
					if len(eds) != len(mm.Editions) {
						t.Fatalf("%d editions, want %d: %+v", len(eds), len(mm.Editions), eds)
					}
					host := mm.Paper.Host
					if tool == mirrors.WgetNoHost {
						host = archive.UnknownHost
					}
					if m.Hostless() != (tool == mirrors.WgetNoHost) || m.HostKnown() == (tool == mirrors.WgetNoHost) {
						t.Errorf("hostless %v, host known %v", m.Hostless(), m.HostKnown())
					}
					for i, ed := range eds {
						want := mm.Editions[i]
						first := strings.Replace(want.FirstPage, "//"+mm.Paper.Host+"/", "//"+host+"/", 1)
						if ed.Date != want.Date || ed.URL != first || ed.Pages != want.Pages || ed.Articles != want.Articles {
							t.Errorf("edition %d: %s from %s, %d pages, %d articles; want %s from %s, %d and %d", i, ed.Date, ed.URL, ed.Pages, ed.Articles, want.Date, first, want.Pages, want.Articles)
						}
						if _, err := os.Stat(ed.File); err != nil {
							t.Errorf("edition %s: %v", ed.Date, err)
						}
						if wantCode := mm.Paper.Code; mm.NeedsPaper && (ed.Paper != "" || ed.PaperFrom != "") || !mm.NeedsPaper && ed.Paper != wantCode {
							t.Errorf("edition %s: paper %q from %q (needs --paper: %v)", ed.Date, ed.Paper, ed.PaperFrom, mm.NeedsPaper)
						}
					}
				})
			}
		}
	}
}

// The template-family fixtures: the editions found are those of the oracles' editions.json,
// in order, each starting at its first page, full capture and partial alike.
func TestEditionsOfTheFamilies(t *testing.T) {
	t.Parallel()
	root := families.Root()
	for _, f := range families.All() {
		for _, v := range families.Variants {
			ex, err := families.LoadExpected(root, f.Name, v)
			if err != nil {
				t.Fatal(err)
			}
			m := openMirror(t, families.Dir(root, f.Name, v), archive.MirrorOptions{})
			eds := editions(t, m)
			var got, want []string
			for _, ed := range eds {
				got = append(got, ed.Paper+" "+ed.Date+" "+ed.URL)
			}
			for _, ed := range ex.Editions.Editions {
				want = append(want, ed.Paper+" "+ed.Date+" "+ed.FirstPage)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s/%s: editions\n%s\nwant\n%s", f.Name, v, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
}

// A host folder, a folder inside one and a file: the editions below the folder, or the
// file's URL; the host folders beside the one given are part of the mirror (the scans'
// host of hxrb).
func TestPartsOfAMirror(t *testing.T) {
	t.Parallel()
	mm, err := mirrors.Write(t.TempDir(), mirrors.Options{Days: 3, Pages: 2, Articles: 1, Layout: mirrors.HTMLPaper, Tool: mirrors.HTTrack})
	if err != nil {
		t.Fatal(err)
	}
	if eds := editions(t, openMirror(t, mm.Root, archive.MirrorOptions{})); len(eds) != 3 {
		t.Errorf("the host folder: %d editions, want 3", len(eds))
	}
	if eds := editions(t, openMirror(t, filepath.Dir(mm.Root), archive.MirrorOptions{})); len(eds) != 3 {
		t.Errorf("the HTTrack project: %d editions, want 3", len(eds))
	}
	for _, index := range []string{filepath.Join(mm.Dir, "index.html"), filepath.Join(filepath.Dir(mm.Root), "index.html")} {
		if m := openMirror(t, index, archive.MirrorOptions{}); m.Start() != "" || len(editions(t, m)) != 3 {
			t.Errorf("HTTrack's own %s: start %q; want the folder it lists", index, m.Start())
		}
	}
	day := filepath.Join(mm.Root, "html", "cqrb", "2020-01", "02")
	if eds := editions(t, openMirror(t, day, archive.MirrorOptions{})); len(eds) != 1 || eds[0].Date != "2020-01-02" || eds[0].Pages != 2 {
		t.Errorf("a day's folder: %+v, want the edition of 2020-01-02 with 2 pages", eds)
	}
	file := filepath.Join(day, "002", "node.htm")
	m := openMirror(t, file, archive.MirrorOptions{})
	if got, want := m.Start(), "http://epaper.cqrb.cn/html/cqrb/2020-01/02/002/node.htm"; got != want {
		t.Errorf("a page file starts at %s, want %s", got, want)
	}
	if eds := editions(t, m); len(eds) != 3 {
		t.Errorf("a file's mirror: %d editions, want all 3", len(eds))
	}

	// HTTrack's project named as the host it mirrors, and wget run in a folder so named.
	for _, tool := range []mirrors.Tool{mirrors.HTTrack, mirrors.WgetMirror} {
		dir, named := t.TempDir(), ""
		o := mirrors.Options{Days: 2, Pages: 1, Articles: 1, Tool: tool}
		if tool == mirrors.HTTrack {
			o.Project = "epaper.cqrb.cn"
			named = filepath.Join(dir, o.Project)
		} else {
			named = filepath.Join(dir, "epaper.cqrb.cn")
			dir = named
		}
		nm, err := mirrors.Write(dir, o)
		if err != nil {
			t.Fatal(err)
		}
		if eds := editions(t, openMirror(t, named, archive.MirrorOptions{})); len(eds) != 2 || eds[0].URL != nm.Editions[0].FirstPage {
			t.Errorf("%s in a folder named as the host: %+v", tool, eds)
		}
	}

	classic := filepath.Join(families.Dir(families.Root(), "classic", "full"), "epaper.hxrb.example.cn")
	m = openMirror(t, classic, archive.MirrorOptions{})
	if !slices.Contains(m.Hosts(), "img.hxrb.example.cn") {
		t.Errorf("hosts %v: the scans' host beside it is not part of the mirror", m.Hosts())
	}
	resp, err := m.RoundTrip(get(t, "http://img.hxrb.example.cn/page/1/2019-06-18/A01/20190618A01_b.jpg"))
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("a scan of the host beside: %v, %v", resp, err)
	}
	if eds := editions(t, m); len(eds) != 1 || eds[0].Paper != "hxrb" {
		t.Errorf("the hxrb host folder: %+v, want its one edition", eds)
	}
}

// What is a host folder: names under a top-level domain ICANN manages, IP addresses and
// localhost, with wget's :port; not mktemp's tmp.XXXX nor a file name.
func TestHostFolders(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"epaper.cqrb.cn", "127.0.0.1:8080", "localhost:1414", "tmp.eutfisabty", "backup.tar", "www.Example.COM"} {
		if err := os.MkdirAll(filepath.Join(dir, "run", name, "html", "x", "2021-04", "14", "001"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "run", name, "html", "x", "2021-04", "14", "001", "node.htm"), []byte("<html></html>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := openMirror(t, dir, archive.MirrorOptions{})
	if got, want := strings.Join(m.Hosts(), " "), "127.0.0.1:8080 epaper.cqrb.cn localhost:1414 www.example.com"; got != want {
		t.Errorf("hosts %q, want %q", got, want)
	}
	for host, code := range map[string]string{"epaper.cqrb.cn": "cqrb", "epaper.hxrb.example.cn": "hxrb", "www.example.com.cn": "example",
		"paper.people.com.cn": "people", "127.0.0.1:8080": "", archive.UnknownHost: "", "localhost": ""} {
		if got := archive.HostCode(host); got != code {
			t.Errorf("HostCode(%s) = %q, want %q", host, got, code)
		}
	}
}

// A folder in which nothing can be found says what was looked for, and where; one with an
// index page only (a layout of no known shape) gives that page to follow, but never one of
// HTTrack's own.
func TestNothingFoundAndIndexPages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	site := filepath.Join(dir, "epaper.example.cn")
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(site, "css", "a.css"), "p{}")
	write(filepath.Join(site, "other", "2021", "page_1.htm"), "<html></html>")
	write(filepath.Join(site, "other", "node_x.htm"), "<html></html>")
	_, err := openMirror(t, dir, archive.MirrorOptions{}).Editions()
	ne := (*archive.NoEditionsError)(nil)
	if !errors.As(err, &ne) {
		t.Fatalf("%v, want a NoEditionsError", err)
	}
	for _, want := range []string{"no e-paper pages in " + dir, "html/PAPER/YYYY-MM/DD/NNN/node.htm", "layout/YYYYMM/DD/node_NN.html", "nbs.D110000", "below the host folders epaper.example.cn", "pages of another layout: " + filepath.Join(site, "other", "node_x.htm")} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	if _, err := openMirror(t, filepath.Join(site, "css"), archive.MirrorOptions{}).Editions(); err == nil || !strings.Contains(err.Error(), "a folder of the host folder "+site) {
		t.Errorf("a folder inside the host folder: %v", err)
	}
	bare := t.TempDir()
	write(filepath.Join(bare, "readme.txt"), "x")
	if _, err := openMirror(t, bare, archive.MirrorOptions{}).Editions(); err == nil || !strings.Contains(err.Error(), "no host folder such as epaper.cqrb.cn was found") {
		t.Errorf("a folder without host folder: %v", err)
	}

	write(filepath.Join(dir, "proj", "index.html"), "<title>Local index - HTTrack Website Copier</title><!-- Mirror and index made by HTTrack Website Copier/3.49-2 -->")
	write(filepath.Join(site, "index.html"), "<!-- Mirror and index made by HTTrack Website Copier/3.49-2 -->")
	write(filepath.Join(site, "paper", "index.htm"), `<meta http-equiv="refresh" content="0; url=2021/page_1.htm">`)
	eds := editions(t, openMirror(t, dir, archive.MirrorOptions{}))
	if len(eds) != 1 || eds[0].Layout != "index page" || eds[0].URL != "http://epaper.example.cn/paper/index.htm" || eds[0].Date != "" {
		t.Errorf("an index page to follow: %+v", eds)
	}
}

// Paths by their shape: the layouts' pages and articles, the paper's code where the path
// holds one (never a reserved folder name), real days only.
func TestClassifyPath(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]archive.PathInfo{
		"/html/cqrb/2021-04/14/005/node.htm":                       {Kind: "page", Paper: "cqrb", Date: "2021-04-14"},
		"/html/cqrb/2021-04/14/005/content_268824.htm":             {Kind: "article", Paper: "cqrb", Date: "2021-04-14"},
		"/njrb/html/2016-03/08/node_21.htm":                        {Kind: "page", Paper: "njrb", Date: "2016-03-08"},
		"/html/2019-06/18/node_2.htm":                              {Kind: "page", Date: "2019-06-18"},
		"/cqrb/2020-01/01/001/content_rb_100000.htm":               {Kind: "article", Paper: "cqrb", Date: "2020-01-01"},
		"/ljwb/pc/layout/202105/20/node_01.html":                   {Kind: "page", Paper: "ljwb", Date: "2021-05-20"},
		"/pc/layout/202306/05/node_01.html":                        {Kind: "page", Date: "2023-06-05"},
		"/bhrb/pad/layout/202209/09/node_02.html":                  {Kind: "page", Paper: "bhrb", Date: "2022-09-09", Mobile: true},
		"/bhrb/pad/content/202209/09/content_1005.html":            {Kind: "article", Paper: "bhrb", Date: "2022-09-09", Mobile: true},
		"/zhrb/html/2022-08/12/nbs.D110000zhrbao_01.htm":           {Kind: "page", Paper: "zhrb", Date: "2022-08-12"},
		"/zhrb/html/2022-08/12/nw.D110000zhrbao_20220812_1-02.htm": {Kind: "article", Paper: "zhrb", Date: "2022-08-12"},
		"/html/cqrb/2021-02/30/001/node.htm":                       {},
		"/html/cqrb/index.htm":                                     {},
		"/res/2020-01/01/node.htm":                                 {Kind: "page", Date: "2020-01-01"},
	} {
		got := archive.ClassifyPath(p)
		got.Layout = ""
		if got != want {
			t.Errorf("%s: %+v, want %+v", p, got, want)
		}
	}
}

func get(t *testing.T, u string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}
