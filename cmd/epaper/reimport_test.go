package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// tree reads every file under root.
func tree(t *testing.T, root string) map[string][]byte {
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

// withoutRetrievalTimes drops the provenance line that differs between two fetches of the
// same bytes into two fresh sites (a re-import into the same site keeps it).
func withoutRetrievalTimes(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	re := regexp.MustCompile(`(?m)^  retrieved: .*\n`)
	for name, data := range files {
		out[name] = re.ReplaceAll(data, nil)
	}
	return out
}

// sameTree fails the test with the differences between two trees.
func sameTree(t *testing.T, what string, a, b map[string][]byte) {
	t.Helper()
	var diffs []string
	for name, da := range a {
		if db, ok := b[name]; !ok {
			diffs = append(diffs, "only in the first: "+name)
		} else if !bytes.Equal(da, db) {
			diffs = append(diffs, "differs: "+name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			diffs = append(diffs, "only in the second: "+name)
		}
	}
	if len(diffs) > 0 {
		t.Errorf("%s: %d differences:\n%s", what, len(diffs), strings.Join(diffs, "\n"))
	}
}

func TestImportTwiceAndBuildTwiceAreByteIdentical(t *testing.T) {
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	site := t.TempDir()
	src := srv.URL() + "/html/cqrb/2021-04/14/001/node.htm"
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "--site", site, src); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	first := tree(t, filepath.Join(site, "content"))
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "--site", site, src); code != 0 {
		t.Fatalf("import again: %s", errOut)
	}
	sameTree(t, "import twice", first, tree(t, filepath.Join(site, "content")))
	if len(first) < 50 {
		t.Errorf("only %d files imported", len(first))
	}

	for _, args := range [][]string{{}, {"--base-url", "https://paper.example.org/"}} {
		outA, outB := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
		for _, out := range []string{outA, outB} {
			if _, errOut, code := runEpaper(t, append([]string{"build", "--site", site, "--out", out}, args...)...); code != 0 {
				t.Fatalf("build %v: %s", args, errOut)
			}
		}
		sameTree(t, fmt.Sprintf("build twice %v", args), tree(t, outA), tree(t, outB))
	}
}

// An article the server no longer has: the error names it, the rest of the edition is
// imported, the exit code says so, and the bundle an earlier import wrote is kept.
func TestMissingArticleIsReportedAndNothingIsLost(t *testing.T) {
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	site := t.TempDir()
	src := srv.URL() + "/html/cqrb/index.htm"
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "--site", site, src); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	kept := filepath.Join(site, "content", "cqrb", "2021-04-14", "005", "268820", "index.md")
	before, err := os.ReadFile(kept)
	if err != nil {
		t.Fatal(err)
	}

	srv.Fail("/html/cqrb/2021-04/14/005/content_268820.htm", http.StatusNotFound)
	fresh := t.TempDir()
	for _, dir := range []string{site, fresh} {
		out, errOut, code := runEpaper(t, "import", "--rate", "0", "--site", dir, src)
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		if !strings.Contains(errOut, "content_268820.htm") || !strings.Contains(errOut, "404") {
			t.Errorf("the error does not name the URL and the 404:\n%s", errOut)
		}
		if !strings.Contains(errOut, "1 failed") {
			t.Errorf("no summary of what failed:\n%s", errOut)
		}
		if !strings.Contains(out, "articles") {
			t.Errorf("no summary of what was imported: %q", out)
		}
	}
	if after, err := os.ReadFile(kept); err != nil || !bytes.Equal(before, after) {
		t.Errorf("the bundle of an earlier import was lost or changed: %v", err)
	}
	// In the fresh site: the other seven articles of 005 are there, the missing one is not,
	// and no temporary or half-written bundle is left.
	entries, _ := os.ReadDir(filepath.Join(fresh, "content", "cqrb", "2021-04-14", "005"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := "268817 268818 268819 268821 268822 268823 268824 _index.md page.pdf scan.jpg source.html.raw"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("page 005 holds %q, want %q", got, want)
	}
	if _, errOut, code := runEpaper(t, "build", "--site", fresh); code != 0 {
		t.Errorf("a site with a missing article does not build: %s", errOut)
	}
}

// A local mirror (host folder at the top, as wget --mirror writes it) imports as if served,
// with the original site's URLs in the bundles.
func TestImportFromMirrorDirectory(t *testing.T) {
	site := t.TempDir()
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "--site", site, fixture.Root()); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	data, err := os.ReadFile(filepath.Join(site, "content", "cqrb", "2021-04-14", "005", "268824", "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "url: http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/content_268824.htm") {
		t.Errorf("the bundle does not name its original URL:\n%s", data)
	}
}

// A page the server does not have: the others are still imported, and the summary names it.
func TestMissingPageIsReported(t *testing.T) {
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	srv.Fail("/html/cqrb/2021-04/14/007/node.htm", http.StatusNotFound)
	site := t.TempDir()
	out, errOut, code := runEpaper(t, "import", "--rate", "0", "--site", site, srv.URL()+"/html/cqrb/index.htm")
	if code != 1 || !strings.Contains(errOut, `page fetch "`+srv.URL()+`/html/cqrb/2021-04/14/007/node.htm": HTTP 404`) {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	if !strings.Contains(out, "7 pages") {
		t.Errorf("summary %q: want the 7 other pages imported", out)
	}
	for _, page := range []string{"006", "008"} {
		if _, err := os.Stat(filepath.Join(site, "content", "cqrb", "2021-04-14", page, "_index.md")); err != nil {
			t.Errorf("page %s after the missing 007: %v", page, err)
		}
	}
}

// Any page or article URL of an edition imports the whole edition, the same as its index.
func TestImportFromAnyURLOfTheEdition(t *testing.T) {
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	var trees []map[string][]byte
	for _, path := range []string{"/html/cqrb/", "/html/cqrb/2021-04/14/006/node.htm", "/html/cqrb/2021-04/14/005/content_268824.htm"} {
		site := t.TempDir()
		out, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--site", site, srv.URL()+path)
		if code != 0 || !strings.Contains(out, "8 pages, 25 articles") {
			t.Fatalf("import %s: exit %d: %s%s", path, code, out, errOut)
		}
		trees = append(trees, tree(t, filepath.Join(site, "content")))
	}
	sameTree(t, "from a page", withoutRetrievalTimes(trees[0]), withoutRetrievalTimes(trees[1]))
	sameTree(t, "from an article", withoutRetrievalTimes(trees[0]), withoutRetrievalTimes(trees[2]))
}

// A re-import asks whether each page changed (the validators are kept in the bundles), keeps
// what has not, fetches no scan, PDF or image again, and --force fetches everything.
func TestReimportUsesConditionalRequests(t *testing.T) {
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	srv.SetConditional(true)
	site := t.TempDir()
	src := srv.URL() + "/html/cqrb/2021-04/14/001/node.htm"
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--site", site, src); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	first := tree(t, filepath.Join(site, "content"))
	if !bytes.Contains(first["cqrb/2021-04-14/005/268824/index.md"], []byte("etag: ")) {
		t.Fatal("the bundle keeps no ETag")
	}

	count := func(status int, suffix string) int {
		n := 0
		for _, r := range srv.Requests() {
			if r.Status == status && strings.HasSuffix(r.Path, suffix) {
				n++
			}
		}
		return n
	}
	before304, beforeJPG := count(http.StatusNotModified, ".htm"), count(http.StatusOK, ".jpg")
	report := filepath.Join(t.TempDir(), "report.json")
	out, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--site", site, "--report", report, src)
	if code != 0 {
		t.Fatalf("re-import: %s", errOut)
	}
	if !strings.Contains(out, "unchanged since the last import") {
		t.Errorf("the summary does not say what was unchanged: %q", out)
	}
	// Every page but the first (fetched whole to find the edition) and every article: 304.
	if got := count(http.StatusNotModified, ".htm") - before304; got != 7+25 {
		t.Errorf("%d answers 304, want 32", got)
	}
	if got := count(http.StatusOK, ".jpg") - beforeJPG; got != 1 {
		t.Errorf("%d images fetched again, want only the first page's scan", got)
	}
	rep, _ := os.ReadFile(report)
	if n := strings.Count(string(rep), `"status": "unchanged"`); n != 32 {
		t.Errorf("the report says %d unchanged, want 32", n)
	}
	sameTree(t, "re-import", first, tree(t, filepath.Join(site, "content")))

	beforeJPG = count(http.StatusOK, ".jpg")
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--force", "--site", site, src); code != 0 {
		t.Fatalf("import --force: %s", errOut)
	}
	if got := count(http.StatusOK, ".jpg") - beforeJPG; got != 9 {
		t.Errorf("--force fetched %d images, want all 9 (8 scans, 1 photo)", got)
	}
	sameTree(t, "import --force", first, tree(t, filepath.Join(site, "content")))
}
