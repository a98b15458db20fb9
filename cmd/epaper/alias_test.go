package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The aliases of the original site's URLs (a CDN build's redirect pages and _redirects) only
// make files nothing else publishes, under the paper's folder of the original site: a page
// that claims /index.html, /robots.txt, another page's original or new path, a path outside
// the paper's folder, or one that would inject a line into _redirects, publishes nothing
// there and is named on stderr; everything else is built as before, again and again.
func TestHostileAliasesOverwriteNothing(t *testing.T) {
	t.Parallel()
	site := copySite(t, "")
	index := filepath.Join(site, "content", "cqrb", "2021-04-14", "001", "268801", "index.md")
	data, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	const genuine = "aliases:\n  - /html/cqrb/2021-04/14/001/content_268801.htm\n"
	hostile := []string{
		"/index.html",
		"/robots.txt",
		"/html/cqrb/2021-04/14/005/node.htm",     // page 005's original URL
		"/cqrb/2021-04-14/005/index.html",        // page 005's new URL
		"/cqrb/2021-04-14/005/268824/",           // an article's new URL
		"/html/cqrb/x\n/* https://evil.example/", // a line injected into _redirects
		"/html/cqrb/a b.htm",
		"/html/cqrb/*.htm",
		"/html/cqrb/:splat.htm",
		"/html/cqrb/%0A.htm",
		"/html/cqrb/../../index.html",
		"/other/path.htm", // outside the paper's folder /html/cqrb/
	}
	var lines strings.Builder
	lines.WriteString(genuine)
	for _, a := range hostile {
		lines.WriteString("  - " + strconvQuote(a) + "\n")
	}
	if !strings.Contains(string(data), genuine) {
		t.Fatalf("%s has no aliases to add to", index)
	}
	if err := os.WriteFile(index, []byte(strings.Replace(string(data), genuine, lines.String(), 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for run := range 2 {
		public := filepath.Join(t.TempDir(), "public")
		out, errOut, code := runEpaper(t, "build", "--no-pagefind", "--site", site, "--base-url", cdnBase, "--out", public)
		if code != 0 {
			t.Fatalf("build %d: exit %d: %s%s", run, code, out, errOut)
		}
		for _, a := range []string{"/index.html", "/robots.txt", "/html/cqrb/2021-04/14/005/node.htm", "/cqrb/2021-04-14/005/index.html", "/other/path.htm"} {
			if !strings.Contains(errOut, strconvQuote(a)) {
				t.Errorf("the build does not name the alias %q it refused:\n%s", a, errOut)
			}
		}
		read := func(rel string) string {
			t.Helper()
			data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(rel)))
			if err != nil {
				t.Error(err)
			}
			return string(data)
		}
		for _, rel := range []string{"index.html", "cqrb/2021-04-14/005/index.html", "cqrb/2021-04-14/005/268824/index.html"} {
			if strings.Contains(read(rel), "http-equiv=\"refresh\"") {
				t.Errorf("%s was replaced by a redirect", rel)
			}
		}
		if got := read("robots.txt"); !strings.HasPrefix(got, "User-agent") {
			t.Errorf("robots.txt was replaced: %q", got)
		}
		if got := read("html/cqrb/2021-04/14/005/node.htm"); !strings.Contains(got, "url="+cdnBase+"cqrb/2021-04-14/005/\"") {
			t.Errorf("page 005's own original URL does not lead to it:\n%s", got)
		}
		if got := read("html/cqrb/2021-04/14/001/content_268801.htm"); !strings.Contains(got, "url="+cdnBase+"cqrb/2021-04-14/001/268801/\"") {
			t.Errorf("the article's genuine alias is gone:\n%s", got)
		}
		for _, rel := range []string{"other/path.htm", "html/cqrb/a b.htm", "html/cqrb/x", "html/cqrb/*.htm", "index.html/index.html"} {
			if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(rel))); err == nil {
				t.Errorf("%s was published", rel)
			}
		}
		redirects := read("_redirects")
		line := regexp.MustCompile(`^/epaper/html/cqrb/[A-Za-z0-9._~/-]+ /epaper/cqrb/[0-9a-z/-]+ 301$`)
		n := 0
		for l := range strings.Lines(redirects) {
			n++
			if !line.MatchString(strings.TrimSuffix(l, "\n")) {
				t.Errorf("_redirects line %q", l)
			}
		}
		if n != 33 || strings.Count(redirects, "/epaper/html/cqrb/2021-04/14/005/node.htm ") != 1 {
			t.Errorf("_redirects has %d lines, want the 33 genuine ones:\n%s", n, redirects)
		}
	}
}

// strconvQuote quotes s as the build names an alias (Go syntax, which YAML reads too).
func strconvQuote(s string) string { return fmt.Sprintf("%q", s) }
