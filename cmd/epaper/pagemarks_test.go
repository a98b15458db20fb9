package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A page's 版面导航 and its scan are rendered once and shared (layouts: page-list.html once
// per edition, scan.html once per page), then each page view marks its own page and each
// view sets its scan's loading: the page view marks exactly its own page as current, its
// scan loads first, the scan beside an article loads lazily, and no mark is left over.
func TestSharedPageListAndScanMarkedPerView(t *testing.T) {
	t.Parallel()
	for name, public := range map[string]string{"offline": offlineSite(t), "cdn": cdnSite(t)} {
		t.Run(name, func(t *testing.T) {
			edition := filepath.Join(public, "cqrb", "2021-04-14")
			pages, err := filepath.Glob(filepath.Join(edition, "[0-9][0-9][0-9]", "index.html"))
			if err != nil || len(pages) < 2 {
				t.Fatalf("page views of the fixture edition: %v, %v", pages, err)
			}
			nav := regexp.MustCompile(`(?s)<nav class="page-list".*?</nav>`)
			current := regexp.MustCompile(`(?s)<li class="current">\s*<a class="page-link" href="([^"]*)" aria-current="page">`)
			scan := regexp.MustCompile(`<img class="scan-image"[^>]*>`)
			for _, p := range pages {
				html := readText(t, p)
				list := nav.FindString(html)
				code := filepath.Base(filepath.Dir(p))
				m := current.FindAllStringSubmatch(list, -1)
				if len(m) != 1 || strings.Count(list, "current") != 2 {
					t.Errorf("%s: want its own page marked current once in 版面导航, got %q", p, list)
				} else if !strings.Contains(m[0][1], "/"+code+"/") {
					t.Errorf("%s: 版面导航 marks %s current, not page %s", p, m[0][1], code)
				}
				if img := scan.FindString(html); !strings.Contains(img, `fetchpriority="high"`) || strings.Contains(img, "loading=") {
					t.Errorf("%s: the page view's scan should load first: %s", p, img)
				}
			}
			articles, _ := filepath.Glob(filepath.Join(edition, "[0-9][0-9][0-9]", "*", "index.html"))
			for _, a := range articles {
				if img := scan.FindString(readText(t, a)); img != "" && (!strings.Contains(img, `loading="lazy" decoding="async"`) || strings.Contains(img, "fetchpriority")) {
					t.Errorf("%s: the scan beside an article should load lazily: %s", a, img)
				}
			}
			err = filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
					return err
				}
				if html := readText(t, p); strings.Contains(html, "data-epaper-current") || strings.Contains(html, "data-epaper-load") {
					t.Errorf("%s: a mark of a shared partial is left in the page", p)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
