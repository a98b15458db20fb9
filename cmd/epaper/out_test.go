package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// epaper build --out never deletes what it did not build: an OUT that is or holds the site,
// its content/ or layouts/, a folder inside them, or a folder of other files is refused
// with exit 2 and a message, and nothing of the site is touched.
func TestBuildRefusesAnOutThatHoldsTheSite(t *testing.T) {
	t.Parallel()
	site := copySite(t, "")
	if err := os.MkdirAll(filepath.Join(site, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "www")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link") // a way to the site by another name
	if err := os.Symlink(site, link); err != nil {
		t.Fatal(err)
	}
	article := filepath.Join(site, "content", "cqrb", "2021-04-14", "005", "268824", "index.md")
	for _, out := range []string{
		site,
		filepath.Join(site, "content"),
		filepath.Join(site, "content", "cqrb", "2021-04-14"),
		filepath.Join(site, "content", "cqrb", "2021-04-14", "005", "new"),
		filepath.Join(site, "layouts"),
		filepath.Dir(site),
		link,
		filepath.Join(link, "content"),
		other,
	} {
		_, errOut, code := runEpaper(t, "build", "--no-pagefind", "--site", site, "--out", out)
		if code != 2 || !strings.Contains(errOut, out) {
			t.Errorf("build --out %s: exit %d, %q; want 2 and a message naming it", out, code, errOut)
		}
		if _, err := os.Stat(article); err != nil {
			t.Fatalf("build --out %s deleted the site: %v", out, err)
		}
	}
	if got, err := os.ReadFile(filepath.Join(other, "notes.txt")); err != nil || string(got) != "mine" {
		t.Errorf("a folder epaper did not build lost its file: %q, %v", got, err)
	}
}

// A folder epaper built (it holds the marker every build writes) is replaced again; an empty
// one is taken; and the site's own public/ built by an older epaper (no marker, but a folder
// of one of the site's papers) is taken too.
func TestBuildReplacesItsOwnOut(t *testing.T) {
	t.Parallel()
	site := copySite(t, "")
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.MkdirAll(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{empty, empty, filepath.Join(site, "public")} {
		if _, errOut, code := runEpaper(t, "build", "--no-pagefind", "--site", site, "--out", out); code != 0 {
			t.Fatalf("build --out %s: exit %d: %s", out, code, errOut)
		}
	}
	public := filepath.Join(site, "public")
	if err := os.Remove(filepath.Join(public, ".epaper", "build")); err != nil {
		t.Fatalf("the build wrote no marker: %v", err)
	}
	if _, errOut, code := runEpaper(t, "build", "--no-pagefind", "--site", site); code != 0 {
		t.Fatalf("rebuilding public/ of an older epaper: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(public, ".epaper", "build")); err != nil {
		t.Error(err)
	}
	// public/ with something else in it is not taken for an older build.
	if err := os.RemoveAll(public); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(public, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(public, "thesis.tex"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runEpaper(t, "build", "--no-pagefind", "--site", site); code != 2 || !strings.Contains(errOut, public) {
		t.Errorf("public/ of other files: exit %d, %q; want 2", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(public, "thesis.tex")); err != nil {
		t.Error(err)
	}
	// merge refuses to write over one of its shards, or into one.
	shard := filepath.Join(t.TempDir(), "root")
	if err := os.MkdirAll(filepath.Join(shard, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{shard, filepath.Join(shard, "x"), filepath.Dir(shard)} {
		if _, errOut, code := runEpaper(t, "merge", "--out", out, shard); code != 2 {
			t.Errorf("merge --out %s %s: exit %d, %q; want 2", out, shard, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(shard, "x")); err != nil {
		t.Error(err)
	}
}

// merge --out into a folder of a site's inputs (a new one inside content/, static/ or
// layouts/, where the merged HTML would become pages or templates of the next build) is
// refused as build refuses it: exit 2, nothing written.
func TestMergeRefusesAnOutAmongTheSitesInputs(t *testing.T) {
	t.Parallel()
	site := filepath.Join(t.TempDir(), "site")
	for _, d := range []string{"content/cqrb", "static", "layouts"} {
		if err := os.MkdirAll(filepath.Join(site, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	shard := filepath.Join(t.TempDir(), "root")
	if err := os.MkdirAll(shard, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shard, "index.html"), []byte("<p>home</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{
		filepath.Join(site, "content", "new"),
		filepath.Join(site, "content", "cqrb", "new"),
		filepath.Join(site, "static", "new"),
		filepath.Join(site, "layouts", "new"),
		filepath.Join(site, "assets"),
	} {
		_, errOut, code := runEpaper(t, "merge", "--out", out, shard)
		if code != 2 || !strings.Contains(errOut, out) {
			t.Errorf("merge --out %s: exit %d, %q; want 2 and a message naming it", out, code, errOut)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("merge --out %s wrote into the site's inputs", out)
		}
	}
	if _, errOut, code := runEpaper(t, "merge", "--out", filepath.Join(site, "public"), shard); code != 0 {
		t.Errorf("merge --out SITE/public: exit %d: %s", code, errOut)
	}
}
