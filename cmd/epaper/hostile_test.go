package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// Two entries of the page list with one page number (issue 13.7): the first is imported, the
// second is reported and not imported, so that the page bundle does not depend on which
// finished last; every run gives the same bundle.
func TestImportKeepsTwoPagesOfOneNumberApart(t *testing.T) {
	t.Parallel()
	root := copyRoot(t)
	editPage(t, root, "005/node.htm", "href=../007/node.htm>第007版", "href=../007/node.htm>第005版")
	srv := fixture.NewServer(root)
	defer srv.Close()
	src := srv.URL() + "/html/cqrb/2021-04/14/005/node.htm"
	scan005 := readBytes(t, filepath.Join(root, "page", "cqrb", "2021-04", "14", "005", "cqrb20210414005.jpg"))
	for run := range 3 {
		site := t.TempDir()
		out, errOut, code := runEpaper(t, "import", "--rate", "0", "--concurrency", "16", "--site", site, src)
		if code != 1 || !strings.Contains(errOut, srv.URL()+"/html/cqrb/2021-04/14/007/node.htm") || !strings.Contains(errOut, "page number 005") {
			t.Fatalf("run %d: exit %d, want 1 naming the second page 005:\n%s%s", run, code, out, errOut)
		}
		page := filepath.Join(site, "content", "cqrb", "2021-04-14", "005")
		if got := readBytes(t, filepath.Join(page, "scan.jpg")); !bytes.Equal(got, scan005) {
			t.Errorf("run %d: page 005's bundle holds another page's scan", run)
		}
		if s := readFile(t, filepath.Join(page, "_index.md")); !strings.Contains(s, "/005/node.htm") || strings.Contains(s, "/007/node.htm") {
			t.Errorf("run %d: page 005's bundle is not the first entry's:\n%s", run, s)
		}
	}
}

// An article that keeps 600 elements open, which the HTML parser refuses, is imported with
// its text (issue 13.7).
func TestImportReadsAnArticleNestedTooDeep(t *testing.T) {
	t.Parallel()
	root := copyRoot(t)
	editPage(t, root, "005/content_268824.htm", "<founder-content><P>", "<founder-content><P>"+strings.Repeat("<font>", 600)+"深处的文字。")
	srv := fixture.NewServer(root)
	defer srv.Close()
	site := t.TempDir()
	out, errOut, code := runEpaper(t, "import", "--rate", "0", "--site", site, srv.URL()+"/html/cqrb/2021-04/14/005/node.htm")
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	md := readFile(t, filepath.Join(site, "content", "cqrb", "2021-04-14", "005", "268824", "index.md"))
	if !strings.Contains(md, "深处的文字。") || !strings.Contains(md, "招商") {
		t.Errorf("the article's text was not imported:\n%s", md)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "cqrb", "2021-04-14", "005", "268824", "source.html.raw")); err != nil {
		t.Error(err)
	}
}

// A paper whose code is a folder the built site publishes for itself (a mirror's
// search/YYYY-MM/DD/NNN/node.htm makes the code "search") would have its pages built over the
// site's search page, stylesheets or scripts: the import refuses the code, saying to pass
// --paper, and writes nothing; with --paper the edition imports.
func TestImportRefusesAPaperCodeTheSiteUses(t *testing.T) {
	t.Parallel()
	for _, code := range []string{"search", "css", "js", "pagefind"} {
		mirror := t.TempDir()
		day := filepath.Join(mirror, code, "2021-04", "14", "001")
		if err := os.MkdirAll(day, 0o755); err != nil {
			t.Fatal(err)
		}
		page := `<html><head><meta charset="utf-8"><title>测试报</title></head><body>
<table id="pageList"><tr><td><a id="pageLink" href="node.htm">第001版：要闻</a></td></tr></table>
<table id="articleList"><tr><td><a href="content_1.htm">稿件一</a></td></tr></table></body></html>`
		article := `<html><head><meta charset="utf-8"></head><body><founder-title>稿件一</founder-title><founder-content><p>正文。</p></founder-content></body></html>`
		if err := os.WriteFile(filepath.Join(day, "node.htm"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(day, "content_1.htm"), []byte(article), 0o644); err != nil {
			t.Fatal(err)
		}
		site := t.TempDir()
		out, errOut, code0 := runEpaper(t, "import", "--site", site, mirror)
		if code0 == 0 || !strings.Contains(errOut, `"`+code+`"`) || !strings.Contains(errOut, "--paper") {
			t.Errorf("paper code %s: exit %d, want a failure naming the code and --paper:\n%s%s", code, code0, out, errOut)
		}
		if _, err := os.Stat(filepath.Join(site, "content", code)); err == nil {
			t.Errorf("paper code %s: content/%s was written", code, code)
		}
		if _, errOut, code0 := runEpaper(t, "import", "--site", site, "--paper", code, mirror); code0 != 2 || !strings.Contains(errOut, "--paper "+`"`+code+`"`) {
			t.Errorf("--paper %s: exit %d, want 2:\n%s", code, code0, errOut)
		}
		if _, errOut, code0 := runEpaper(t, "import", "--site", site, "--paper", "test", mirror); code0 != 0 {
			t.Errorf("--paper test: exit %d:\n%s", code0, errOut)
		}
	}
}
