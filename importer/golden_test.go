package importer

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/fetch"
	"github.com/epaper-archive/epaper/testdata/fixture"
)

var update = flag.Bool("update", false, "rewrite "+goldenFile+" from an import of the fixture (refused when CI is set)")

// goldenFile is the whole content/ tree of an import of the fixture: the index files as
// they are, every other file by its SHA-256 in SHA256SUMS.
const goldenFile = "testdata/golden/content.txtar"

// shared is what the tests of the package that only read it share: one import of the
// fixture, made the first time a test asks for it, removed by TestMain.
var shared struct {
	once sync.Once
	dir  string // holds the mirror copy and the site
	site string
	rep  *Report
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// importedFixture returns the site the fixture edition was imported into, from a copy of its
// mirror whose files all have the fixture's Last-Modified as their modification time (the
// retrieval time a mirror's bundles record), so that the bundles are the same bytes on every
// checkout. Tests must not change the site.
func importedFixture(t *testing.T) (site string, rep *Report) {
	t.Helper()
	shared.once.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "epaper-importer-test-")
		if shared.err != nil {
			return
		}
		mirror := filepath.Join(shared.dir, "mirror", filepath.Base(fixture.Root()))
		if shared.err = copyTree(fixture.Root(), mirror, fixture.LastModified()); shared.err != nil {
			return
		}
		shared.site = filepath.Join(shared.dir, "site")
		shared.rep, shared.err = importMirror(mirror, shared.site)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.site, shared.rep
}

// copyTree copies the files of src to dst, each with the modification time mtime.
func copyTree(src, dst string, mtime time.Time) error {
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		return err
	}
	return filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, mtime, mtime)
	})
}

func importMirror(mirror, site string) (*Report, error) {
	src, err := ResolveSource(mirror)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	opt := fetch.DefaultFetchOptions()
	opt.Rate = 0
	im, err := New(Options{SiteDir: site, Fetch: opt, Now: func() time.Time { return fixture.LastModified() }}, src.Transport)
	if err != nil {
		return nil, err
	}
	rep, err := im.Import(context.Background(), src.URL)
	if err != nil {
		return nil, err
	}
	if f := rep.Failures(); len(f) > 0 {
		return rep, fmt.Errorf("import of the fixture: %d failures, the first: %+v", len(f), f[0])
	}
	return rep, nil
}

// contentArchive makes the golden form of a content tree: each index file (.md) as it is,
// every other file as a line "SHA-256  path" of SHA256SUMS, all in path order.
func contentArchive(content string) (*txtar.Archive, error) {
	a := &txtar.Archive{Comment: []byte("The content/ tree of an import of testdata/epaper.cqrb.cn (see golden_test.go).\n" +
		"Index files as they are; every other file by its SHA-256 in SHA256SUMS.\n")}
	var sums bytes.Buffer
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(content, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".md") {
			a.Files = append(a.Files, txtar.File{Name: rel, Data: data})
		} else {
			fmt.Fprintf(&sums, "%s  %s\n", bundle.Digest(data), rel)
		}
		return nil
	})
	a.Files = append(a.Files, txtar.File{Name: "SHA256SUMS", Data: sums.Bytes()})
	return a, err
}

// The whole content/ tree of an import of the fixture is the golden one: any change of the
// format, of what is extracted or of which files are written shows here, file by file.
// go test ./importer -run TestGoldenContent -update rewrites it.
func TestGoldenContent(t *testing.T) {
	t.Parallel()
	site, _ := importedFixture(t)
	got, err := contentArchive(bundle.ContentDir(site))
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if os.Getenv("CI") != "" {
			t.Fatal("-update is refused when CI is set: rewrite the golden file on your machine and review its diff")
		}
		if err := os.WriteFile(goldenFile, txtar.Format(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", goldenFile)
		return
	}
	data, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	want := txtar.Parse(data)
	files := func(a *txtar.Archive) map[string][]byte {
		m := map[string][]byte{}
		for _, f := range a.Files {
			m[f.Name] = f.Data
		}
		return m
	}
	g, w := files(got), files(want)
	var names []string
	for name := range g {
		names = append(names, name)
	}
	for name := range w {
		if _, ok := g[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		gd, gok := g[name]
		wd, wok := w[name]
		switch {
		case !wok:
			t.Errorf("%s: written, not in %s", name, goldenFile)
		case !gok:
			t.Errorf("%s: in %s, not written", name, goldenFile)
		case !bytes.Equal(gd, wd):
			t.Errorf("%s differs from %s:\n%s", name, goldenFile, firstDifference(wd, gd))
		}
	}
	if t.Failed() {
		t.Log("if the change is meant, rewrite the golden file with -update and review its diff")
	}
}

// firstDifference shows the first line where got differs from want.
func firstDifference(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, w, g)
		}
	}
	return "(the same lines)"
}
