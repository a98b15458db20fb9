package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A build for a CDN under a sub-path: canonical links, fingerprinted assets with integrity,
// sitemap, robots.txt, feeds per paper and per page, a 404 page that keeps its style, and
// no raw HTML published.
func TestBuildForCDN(t *testing.T) {
	t.Parallel()
	const base = cdnBase
	public := cdnSite(t)
	read := func(rel string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	article := read("cqrb/2021-04-14/005/268824/index.html")
	for _, re := range []string{
		`<link rel="canonical" href="` + regexp.QuoteMeta(base) + `cqrb/2021-04-14/005/268824/">`,
		`<link rel="stylesheet" href="/epaper/css/epaper\.min\.[0-9a-f]{64,}\.css" integrity="sha384-([A-Za-z0-9/=]|&#43;)+"`,
		`<script src="/epaper/js/epaper\.min\.[0-9a-f]{64,}\.js" integrity="sha384-`,
	} {
		if !regexp.MustCompile(re).MatchString(article) {
			t.Errorf("article page lacks %s", re)
		}
	}
	if sitemap := read("sitemap.xml"); !strings.Contains(sitemap, "<loc>"+base+"cqrb/2021-04-14/005/268824/</loc>") {
		t.Error("sitemap.xml does not list the article")
	}
	read("robots.txt")
	if feed := read("cqrb/2021-04-14/005/index.xml"); !strings.Contains(feed, "贯彻落实“两会”精神") {
		t.Error("the feed of 第005版 does not list its articles")
	}
	if feed := read("cqrb/index.xml"); !strings.Contains(feed, base+"cqrb/2021-04-14/") {
		t.Error("the paper's feed does not link its articles")
	}
	// The original site's URLs live on: an alias page at the old path, and a _redirects line.
	alias := read("html/cqrb/2021-04/14/005/content_268824.htm")
	if !strings.Contains(alias, `http-equiv="refresh" content="0; url=`+base+`cqrb/2021-04-14/005/268824/"`) {
		t.Errorf("the old article URL does not redirect to the new one:\n%s", alias)
	}
	redirects := read("_redirects")
	for _, line := range []string{
		"/epaper/html/cqrb/2021-04/14/005/node.htm /epaper/cqrb/2021-04-14/005/ 301\n",
		"/epaper/html/cqrb/2021-04/14/005/content_268824.htm /epaper/cqrb/2021-04-14/005/268824/ 301\n",
	} {
		if !strings.Contains(redirects, line) {
			t.Errorf("_redirects lacks %q", line)
		}
	}
	if n := strings.Count(redirects, "\n"); n != 8+25 {
		t.Errorf("_redirects has %d lines, want 33", n)
	}
	notFound := read("404.html")
	if !regexp.MustCompile(`<link rel="stylesheet" href="/epaper/css/`).MatchString(notFound) {
		t.Error("404.html does not load its CSS by a root-relative URL (it is served at any depth)")
	}
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".raw") {
			t.Errorf("raw HTML published: %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runEpaper(t, "build", "--offline", "--base-url", base); code != 2 {
		t.Errorf("--offline with --base-url: exit %d, %s", code, errOut)
	}
}
