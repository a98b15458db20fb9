package mirrors

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSameOptionsSameBytes(t *testing.T) {
	for _, tool := range Tools {
		o := Options{Days: 2, Pages: 2, Articles: 2, Seed: 3, Layout: PaperDate, Tool: tool}
		a, b := t.TempDir(), t.TempDir()
		for _, dir := range []string{a, b} {
			if _, err := Write(dir, o); err != nil {
				t.Fatal(err)
			}
		}
		ta, tb := readTree(t, a), readTree(t, b)
		if len(ta) != len(tb) || len(ta) == 0 {
			t.Fatalf("%s: %d files, then %d", tool, len(ta), len(tb))
		}
		for p, data := range ta {
			if !bytes.Equal(data, tb[p]) {
				t.Errorf("%s: %s differs between two writes", tool, p)
			}
		}
	}
}

var reRedirect = regexp.MustCompile(`(?i)(?:url\s*=\s*|location\.href\s*=\s*["'])([^"'\s>]+)`)

// follow follows the index's redirects from the local file at path below root, the way a
// browser would, and returns the original URL of the page it ends at.
func follow(t *testing.T, root, host, path string) string {
	t.Helper()
	u := &url.URL{Scheme: "http", Host: host, Path: "/" + path}
	for range 5 {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(u.Path, "/"))))
		if err != nil {
			t.Fatalf("index chain: %v", err)
		}
		m := reRedirect.FindSubmatch(data)
		if m == nil {
			return u.String()
		}
		if u, err = u.Parse(string(m[1])); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatal("index chain: more than 5 redirects")
	return ""
}

// Every layout and tool: the editions are where Mirror says, the index leads to the newest,
// the tool's own files are there, and a mirror without index pages has none.
func TestLayoutsAndTools(t *testing.T) {
	for _, l := range Layouts {
		for _, tool := range Tools {
			for _, noIndex := range []bool{false, true} {
				name := string(l) + "/" + string(tool)
				if noIndex {
					name += "/no-index"
				}
				t.Run(name, func(t *testing.T) {
					o := Options{Days: 3, Pages: 2, Articles: 2, Seed: 1, Layout: l, Tool: tool, NoIndex: noIndex}
					m, err := Write(t.TempDir(), o)
					if err != nil {
						t.Fatal(err)
					}
					checkMirror(t, o, m)
				})
			}
		}
	}
}

func checkMirror(t *testing.T, o Options, m *Mirror) {
	if len(m.Editions) != o.Days {
		t.Fatalf("%d editions, want %d", len(m.Editions), o.Days)
	}
	files := readTree(t, m.Root)
	pages, articles := 0, 0
	for p := range files {
		base := p[strings.LastIndex(p, "/")+1:]
		switch {
		case strings.HasPrefix(base, "node"):
			pages++
		case strings.HasPrefix(base, "content_"):
			articles++
		}
	}
	if pages != o.Days*o.Pages || articles != o.Days*o.Pages*o.Articles {
		t.Errorf("%d pages and %d articles in the mirror, want %d and %d", pages, articles, o.Days*o.Pages, o.Days*o.Pages*o.Articles)
	}
	for i, e := range m.Editions {
		if e.Pages != o.Pages || e.Articles != o.Pages*o.Articles {
			t.Errorf("edition %s: %d pages, %d articles", e.Date, e.Pages, e.Articles)
		}
		local := strings.TrimPrefix(e.FirstPage, "http://"+m.Paper.Host+"/")
		if _, ok := files[local]; !ok {
			t.Errorf("edition %s: first page %s is not at %s", e.Date, e.FirstPage, local)
		}
		if i > 0 && e.Date <= m.Editions[i-1].Date {
			t.Errorf("editions out of order: %s after %s", e.Date, m.Editions[i-1].Date)
		}
	}
	if o.NoIndex {
		for p := range files {
			if strings.Contains(p, "index.htm") {
				t.Errorf("no index pages asked for, but %s", p)
			}
		}
	} else if got, want := follow(t, m.Root, m.Paper.Host, m.Index), m.Editions[len(m.Editions)-1].FirstPage; got != want {
		t.Errorf("the index leads to %s, want the newest edition's first page %s", got, want)
	}
	hostFolder := filepath.Base(m.Root) == m.Paper.Host
	switch o.Tool {
	case WgetMirror:
		if !hostFolder || filepath.Dir(m.Root) != m.Dir {
			t.Errorf("wget --mirror: root %s, want DIR/%s", m.Root, m.Paper.Host)
		}
	case WgetNoHost:
		if m.Root != m.Dir {
			t.Errorf("wget -nH: root %s, want DIR", m.Root)
		}
	case HTTrack:
		project := filepath.Dir(m.Root)
		for _, p := range []string{"index.html", "hts-log.txt", "hts-cache/doit.log", "hts-cache/new.txt", "backblue.gif"} {
			if _, err := os.Stat(filepath.Join(project, p)); err != nil {
				t.Errorf("httrack: %v", err)
			}
		}
		first := strings.TrimPrefix(m.Editions[0].FirstPage, "http://")
		local := strings.TrimPrefix(first, m.Paper.Host+"/")
		if !bytes.Contains(files[local], []byte("<!-- Mirrored from "+first+" by HTTrack Website Copier/3.x")) {
			t.Errorf("httrack: %s has no Mirrored from comment", local)
		}
	}
	if want := o.Tool == WgetNoHost && o.Layout == HTMLDate; m.NeedsPaper != want {
		t.Errorf("NeedsPaper %v, want %v", m.NeedsPaper, want)
	}
}

// The same seed gives the same articles in every layout: an archive's layouts are one paper.
func TestLayoutsShareTheTexts(t *testing.T) {
	var want []byte
	for _, l := range Layouts {
		m, err := Write(t.TempDir(), Options{Days: 1, Pages: 1, Articles: 1, Seed: 7, Layout: l})
		if err != nil {
			t.Fatal(err)
		}
		var title []byte
		for p, data := range readTree(t, m.Root) {
			if strings.Contains(p, "content_") {
				title = regexp.MustCompile(`(?s)<(?:founder-title|h2 id="Title")>(.*?)</`).FindSubmatch(data)[1]
			}
		}
		if want == nil {
			want = title
		} else if !bytes.Equal(title, want) {
			t.Errorf("%s: the article is %q, in %s it is %q", l, title, Layouts[0], want)
		}
	}
}

func TestBadOptions(t *testing.T) {
	for _, o := range []Options{{Days: 0}, {Days: 1, Layout: "nope"}, {Days: 1, Tool: "curl"}} {
		if _, err := Write(t.TempDir(), o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

// BenchmarkWrite30Days writes the mirror of issue 12's "done when": 30 days, here in the
// HTTrack layout, the one with the most files.
func BenchmarkWrite30Days(b *testing.B) {
	for b.Loop() {
		if _, err := Write(b.TempDir(), Options{Days: 30, Layout: PaperDate, Tool: HTTrack}); err != nil {
			b.Fatal(err)
		}
	}
}
