package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// verifiedSite imports and builds the fixture edition, and checks that it verifies clean.
func verifiedSite(t *testing.T) string {
	t.Helper()
	site := copySite(t, offlineSite(t))
	out, errOut, code := runEpaper(t, "verify", "--site", site)
	if code != 0 || !strings.Contains(out, "verified 35 bundles: 33 raw pages") {
		t.Fatalf("a fresh site does not verify: exit %d\n%s%s", code, out, errOut)
	}
	return site
}

func expectProblem(t *testing.T, site, want string) {
	t.Helper()
	_, errOut, code := runEpaper(t, "verify", "--site", site)
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("verify: exit %d, want 1 and %q in:\n%s", code, want, errOut)
	}
}

func TestVerifyCatchesATamperedRawPage(t *testing.T) {
	t.Parallel()
	site := verifiedSite(t)
	raw := filepath.Join(site, "content", "cqrb", "2021-04-14", "005", "268824", "source.html.raw")
	data, _ := os.ReadFile(raw)
	if err := os.WriteFile(raw, append(data, ' '), 0o644); err != nil {
		t.Fatal(err)
	}
	expectProblem(t, site, `content/cqrb/2021-04-14/005/268824/index.md: raw page "source.html.raw" has SHA-256`)
}

func TestVerifyCatchesADeletedImage(t *testing.T) {
	t.Parallel()
	site := verifiedSite(t)
	if err := os.Remove(filepath.Join(site, "content", "cqrb", "2021-04-14", "005", "268821", "img-1.jpg")); err != nil {
		t.Fatal(err)
	}
	expectProblem(t, site, `content/cqrb/2021-04-14/005/268821/index.md: image "img-1.jpg" is missing`)
}

func TestVerifyCatchesABrokenLink(t *testing.T) {
	t.Parallel()
	site := verifiedSite(t)
	if err := os.RemoveAll(filepath.Join(site, "public", "cqrb", "2021-04-14", "006", "268825")); err != nil {
		t.Fatal(err)
	}
	expectProblem(t, site, `cqrb/2021-04-14/005/268824/index.html: "../../006/268825/index.html" leads to no file`)
}
