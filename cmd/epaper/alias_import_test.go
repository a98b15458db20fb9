package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// The importer keeps an original path as an alias only when it is a safe site path: an
// article whose original URL is at the site's root (/content_268830.htm, where the built
// site's own files are) is imported without the alias, and the import says so (log and
// --report), while every other bundle keeps its alias.
func TestImportRefusesUnsafeAliases(t *testing.T) {
	t.Parallel()
	root := copyRoot(t)
	page := filepath.Join(root, "html", "cqrb", "2021-04", "14", "007", "node.htm")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "content_268830.htm"); n == 0 {
		t.Fatal("page 007 names no content_268830.htm")
	}
	os.WriteFile(page, []byte(strings.ReplaceAll(string(data), "content_268830.htm", "/content_268830.htm")), 0o644)
	article, err := os.ReadFile(filepath.Join(filepath.Dir(page), "content_268830.htm"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "content_268830.htm"), article, 0o644)
	srv := fixture.NewServer(root)
	defer srv.Close()
	site := t.TempDir()
	report := filepath.Join(t.TempDir(), "report.json")
	out, errOut, code := runEpaper(t, "import", "--rate", "0", "--site", site, "--report", report, srv.URL()+"/html/cqrb/2021-04/14/007/node.htm")
	if code > 1 {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	bundleFile := filepath.Join(site, "content", "cqrb", "2021-04-14", "007", "268830", "index.md")
	b := readFile(t, bundleFile)
	if !strings.Contains(b, "  url: "+srv.URL()+"/content_268830.htm\n") {
		t.Fatalf("the article was not imported from the root:\n%s", b)
	}
	if strings.Contains(b, "\naliases:") {
		t.Errorf("the article at the site's root keeps an alias:\n%s", b)
	}
	const warning = `the original path "/content_268830.htm" is not kept as an alias (a redirect of the built site): at the site's root`
	if !strings.Contains(errOut, "WARNING article "+srv.URL()+"/content_268830.htm: "+warning) {
		t.Errorf("the log does not say the alias was refused:\n%s", errOut)
	}
	if r := readFile(t, report); !strings.Contains(r, strconvQuote(warning)[1:len(strconvQuote(warning))-1]) {
		t.Errorf("the report does not say the alias was refused:\n%s", r)
	}
	if p := readFile(t, filepath.Join(site, "content", "cqrb", "2021-04-14", "007", "_index.md")); !strings.Contains(p, "aliases:\n  - /html/cqrb/2021-04/14/007/node.htm\n") {
		t.Errorf("the page lost its alias:\n%s", p)
	}
}
