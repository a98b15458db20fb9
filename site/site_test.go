package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"
)

// theme is a minimal stand-in for the embedded theme: these tests are about how site drives
// Hugo, not about epaper's layouts (those are tested end to end in cmd/epaper).
var theme = fstest.MapFS{
	"layouts/baseof.html":          {Data: []byte(`<html>{{ block "main" . }}{{ end }}</html>`)},
	"layouts/home.html":            {Data: []byte(`{{ define "main" }}home:{{ site.Title }}|{{ range site.RegularPages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}`)},
	"layouts/page.html":            {Data: []byte(`{{ define "main" }}theme-page:{{ .Title }}:{{ .Content }}{{ end }}`)},
	"layouts/section.html":         {Data: []byte(`{{ define "main" }}section:{{ .Title }}{{ end }}`)},
	"archetypes/default.md":        {Data: []byte("---\ntitle: \"{{ .File.ContentBaseName }}\"\nkind: article\n---\n")},
	"assets/css/x.css":             {Data: []byte("body{}")},
	"layouts/_partials/empty.html": {Data: []byte(``)},
}

// writeTxtar unpacks a txtar archive into a new temporary directory.
func writeTxtar(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildOfflineRelativeLinksAndOverride(t *testing.T) {
	t.Parallel()
	dir := writeTxtar(t, `
-- hugo.toml --
title = "My Paper"
-- content/a/_index.md --
---
title: A
---
-- content/a/p1/index.md --
---
title: P1
---
He said "yes" -- twice.
-- layouts/section.html --
{{ define "main" }}local-section:{{ .Title }}{{ end }}
-- static/extra.txt --
static file
`)
	out := filepath.Join(dir, "public")
	if err := Build(Options{SiteDir: dir, Theme: theme}); err != nil {
		t.Fatal(err)
	}
	home := readFile(t, filepath.Join(out, "index.html"))
	if !strings.Contains(home, "home:My Paper") {
		t.Errorf("home does not use the site's hugo.toml title: %q", home)
	}
	if !strings.Contains(home, `href="./a/p1/"`) {
		t.Errorf("offline build: want relative link ./a/p1/, got %q", home)
	}
	if got := readFile(t, filepath.Join(out, "a", "index.html")); !strings.Contains(got, "local-section:A") {
		t.Errorf("a local layout does not override the theme: %q", got)
	}
	p1 := readFile(t, filepath.Join(out, "a", "p1", "index.html"))
	if !strings.Contains(p1, `He said "yes" -- twice.`) && !strings.Contains(p1, `He said &quot;yes&quot; -- twice.`) {
		t.Errorf("the typographer must be off (quotes and dashes of the original kept): %q", p1)
	}
	if got := readFile(t, filepath.Join(out, "extra.txt")); got != "static file\n" {
		t.Errorf("static file not copied: %q", got)
	}
	for _, f := range []string{"sitemap.xml", "index.xml", "404.html", "robots.txt"} {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil {
			t.Errorf("offline build wrote %s", f)
		}
	}
}

func TestBuildCDNAndReplacesOldOutput(t *testing.T) {
	dir := writeTxtar(t, `
-- content/a/_index.md --
---
title: A
---
-- content/a/p1/index.md --
---
title: P1
---
-- static/robots.txt --
User-agent: *
Disallow: /a/
`)
	out := filepath.Join(t.TempDir(), "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, "stale.html")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeOutMarker(out); err != nil { // an earlier build's
		t.Fatal(err)
	}
	t.Setenv("HUGO_TITLE", "leaked from the environment")
	if err := Build(Options{SiteDir: dir, OutDir: out, BaseURL: "https://example.org/paper/", Theme: theme}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a file of the old output survived the build")
	}
	home := readFile(t, filepath.Join(out, "index.html"))
	if strings.Contains(home, "leaked") {
		t.Errorf("HUGO_* environment variables reach the build: %q", home)
	}
	if !strings.Contains(home, `href="/paper/a/p1/"`) {
		t.Errorf("CDN build: want root-relative link under the base path, got %q", home)
	}
	if _, err := os.Stat(filepath.Join(out, "sitemap.xml")); err != nil {
		t.Errorf("CDN build: %v", err)
	}
	if got := readFile(t, filepath.Join(out, "robots.txt")); got != "User-agent: *\nDisallow: /a/\n" {
		t.Errorf("the site's static/robots.txt does not replace the one built: %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary directories left beside the output: %v", entries)
	}
}

func TestBuildTemplateErrorKeepsOldOutput(t *testing.T) {
	t.Parallel()
	dir := writeTxtar(t, `
-- content/a/_index.md --
---
title: A
---
-- layouts/section.html --
{{ define "main" }}{{ .NoSuchMethod }}{{ end }}
`)
	out := filepath.Join(dir, "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(out, "index.html")
	if err := os.WriteFile(keep, []byte("previous build"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeOutMarker(out); err != nil {
		t.Fatal(err)
	}
	err := Build(Options{SiteDir: dir, Theme: theme})
	if err == nil || !strings.Contains(err.Error(), "NoSuchMethod") {
		t.Fatalf("want an error naming the template problem, got %v", err)
	}
	if got := readFile(t, keep); got != "previous build" {
		t.Errorf("a failed build changed the old output: %q", got)
	}
}

func TestBuildTwiceIsByteIdentical(t *testing.T) {
	t.Parallel()
	dir := writeTxtar(t, `
-- content/a/_index.md --
---
title: A
---
-- content/a/p1/index.md --
---
title: P1
date: 2021-04-14
---
body
`)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, out := range []string{a, b} {
		if err := Build(Options{SiteDir: dir, OutDir: out, BaseURL: "https://example.org/", Theme: theme}); err != nil {
			t.Fatal(err)
		}
	}
	if diff := diffTrees(t, a, b); diff != "" {
		t.Error(diff)
	}
}

// TestBrokenLayoutNeverHangs: with a layout that fails on every page, Hugo stops after 10
// failed pages, and its page walker can then block for ever (seen with the Hugo of go.mod).
// Every build must still end with an error, whichever way it goes. Not parallel: it
// shortens stuckAfter for every build of the process while it runs.
func TestBrokenLayoutNeverHangs(t *testing.T) {
	var files strings.Builder
	for i := range 300 {
		fmt.Fprintf(&files, "-- content/p%03d.md --\n---\ntitle: P%d\n---\nbody\n", i, i)
	}
	files.WriteString("-- layouts/page.html --\n{{ define \"main\" }}{{ .NoSuchMethod }}{{ end }}\n")
	dir := writeTxtar(t, files.String())
	old := stuckAfter
	stuckAfter = 3 * time.Second
	t.Cleanup(func() { stuckAfter = old })
	stuck := 0
	for i := range 25 {
		done := make(chan error, 1)
		go func() { done <- Build(Options{SiteDir: dir, Theme: theme}) }()
		select {
		case err := <-done:
			switch {
			case err == nil:
				t.Fatalf("build %d: no error", i)
			case strings.Contains(err.Error(), "did not return"):
				stuck++
			case !strings.Contains(err.Error(), "NoSuchMethod"):
				t.Fatalf("build %d: the error does not name the problem: %v", i, err)
			}
		case <-time.After(time.Minute):
			t.Fatalf("build %d hangs", i)
		}
	}
	t.Logf("25 builds: %d given up as stuck, the rest reported the template error", stuck)
}
