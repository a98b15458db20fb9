package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Damage that verify must catch beyond the raw pages (issue 13.10): each case damages a copy
// of a verified site and names what verify must say.
func TestVerifyCatchesDamage(t *testing.T) {
	t.Parallel()
	page := filepath.Join("content", "cqrb", "2021-04-14", "005")
	appendTo := func(rel, data string) func(t *testing.T, site string) {
		return func(t *testing.T, site string) {
			f, err := os.OpenFile(filepath.Join(site, rel), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteString(data); err != nil {
				t.Fatal(err)
			}
		}
	}
	remove := func(rel string) func(t *testing.T, site string) {
		return func(t *testing.T, site string) {
			if err := os.RemoveAll(filepath.Join(site, rel)); err != nil {
				t.Fatal(err)
			}
		}
	}
	// a link into the page of article 268824 that the built site holds
	article := filepath.Join("public", "cqrb", "2021-04-14", "005", "268824", "index.html")
	for _, c := range []struct {
		name   string
		damage func(t *testing.T, site string)
		want   string
	}{
		{"tampered scan", appendTo(filepath.Join(page, "scan.jpg"), "x"), `content/cqrb/2021-04-14/005/_index.md: file "scan.jpg" has SHA-256`},
		{"tampered PDF", appendTo(filepath.Join(page, "page.pdf"), "x"), `content/cqrb/2021-04-14/005/_index.md: file "page.pdf" has SHA-256`},
		{"tampered image", appendTo(filepath.Join(page, "268821", "img-1.jpg"), "x"), `content/cqrb/2021-04-14/005/268821/index.md: file "img-1.jpg" has SHA-256`},
		{"edited body", appendTo(filepath.Join(page, "268824", "index.md"), "\n一句编造的话。\n"), `content/cqrb/2021-04-14/005/268824/index.md: body has SHA-256`},
		{"deleted article", remove(filepath.Join(page, "268824")), `content/cqrb/2021-04-14/_index.md: bundle 005/268824`},
		{"deleted page index", remove(filepath.Join(page, "_index.md")), `content/cqrb/2021-04-14/_index.md: bundle 005 (005/_index.md)`},
		{"srcset target", appendTo(article, `<img src="../../../../cqrb/2021-04-14/005/scan.jpg" srcset="nothing-here.jpg 2x, ../268821/img-1.jpg 3x">`), `"nothing-here.jpg" leads to no file`},
		{"link out of the public folder", appendTo(article, `<a href="../../../../../../../../../../etc/passwd">x</a>`), `"../../../../../../../../../../etc/passwd" leads out of the site`},
		{"deleted edition index", remove(filepath.Join("content", "cqrb", "2021-04-14", "_index.md")), `content/cqrb/2021-04-14: no _index.md`},
		{"file URL", appendTo(article, `<a href="file:///etc/passwd">x</a>`), `"file:///etc/passwd" leads out of the site`},
		{"poster out of the public folder", appendTo(article, `<video poster="../../../../../../../../../etc/hostname"></video>`), `"../../../../../../../../../etc/hostname" leads out of the site`},
		{"object out of the public folder", appendTo(article, `<object data="../../../../../../../../../etc/hosts"></object>`), `"../../../../../../../../../etc/hosts" leads out of the site`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			site := verifiedSite(t)
			c.damage(t, site)
			expectProblem(t, site, c.want)
		})
	}
}

// The parts bundles list as missing are warnings, counted: verify still passes.
func TestVerifyWarnsOfMissingParts(t *testing.T) {
	t.Parallel()
	site := verifiedSite(t)
	out, errOut, code := runEpaper(t, "verify", "--site", site)
	if code != 0 || !strings.Contains(errOut, "warning: content/cqrb/2021-04-14/008/_index.md: pdf missing") ||
		!strings.Contains(out, "parts the bundles list as missing") {
		t.Errorf("verify: exit %d, want 0, the missing PDF of page 008 as a warning and a count:\n%s%s", code, out, errOut)
	}
}
