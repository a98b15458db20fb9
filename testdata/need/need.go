package need

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// EnvRequire names the environment variable that lists the programs a test run requires.
const EnvRequire = "EPAPER_REQUIRE"

// EnvPagefind names the environment variable that names the Pagefind binary, as it does
// for epaper build.
const EnvPagefind = "EPAPER_PAGEFIND"

// programs are the names EPAPER_REQUIRE knows.
var programs = []string{"chromium", "pagefind", "axe", "wget", "pdftoppm", "epubcheck"}

// Chromium returns the path of a Chromium to drive (chromium, chromium-browser or
// google-chrome on the PATH), or skips t, or fails it when EPAPER_REQUIRE names chromium.
func Chromium(t testing.TB) string {
	t.Helper()
	names := []string{"chromium", "chromium-browser", "google-chrome"}
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	missing(t, "chromium", fmt.Sprintf("this test drives a headless Chromium, and there is none on the PATH (%s). "+
		"Install Debian's: apt-get install -y chromium (make test does, as root)", strings.Join(names, ", ")))
	return ""
}

// Pagefind returns the Pagefind binary to index with: $EPAPER_PAGEFIND, which must then
// work (t fails if it does not), else pagefind on the PATH; else it skips t, or fails it
// when EPAPER_REQUIRE names pagefind.
func Pagefind(t testing.TB) string {
	t.Helper()
	if named := os.Getenv(EnvPagefind); named != "" {
		path, err := exec.LookPath(named)
		if err != nil {
			t.Fatalf("%s=%q: %v (make pagefind installs Pagefind into .tools/node_modules/.bin/pagefind)", EnvPagefind, named, err)
		}
		return path
	}
	if path, err := exec.LookPath("pagefind"); err == nil {
		return path
	}
	missing(t, "pagefind", fmt.Sprintf("this test indexes a site with Pagefind, and there is none: $%s is not set and no pagefind is on the PATH. "+
		"Install the pinned version with make pagefind (npm, into .tools/), then set %s=$PWD/.tools/node_modules/.bin/pagefind (make test does both)", EnvPagefind, EnvPagefind))
	return ""
}

// EnvAxe names the environment variable that names axe-core's axe.min.js.
const EnvAxe = "EPAPER_AXE"

// Axe returns the axe-core script ($EPAPER_AXE, which must then be readable), or skips t,
// or fails it when EPAPER_REQUIRE names axe.
func Axe(t testing.TB) string {
	t.Helper()
	file := os.Getenv(EnvAxe)
	if file == "" {
		missing(t, "axe", fmt.Sprintf("this test runs axe-core in the pages, and $%s does not name its axe.min.js. "+
			"Install the pinned version with make axe (npm, into .tools/axe), then set %s=$PWD/.tools/axe/node_modules/axe-core/axe.min.js (make test does both)", EnvAxe, EnvAxe))
		return ""
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%s: %v (make axe installs axe-core into .tools/axe)", EnvAxe, err)
	}
	return string(data)
}

// debianPackages are the Debian packages of the programs Program knows.
var debianPackages = map[string]string{"wget": "wget", "pdftoppm": "poppler-utils", "epubcheck": "epubcheck"}

// Program returns the path of name (wget, pdftoppm or epubcheck) on the PATH, or skips t,
// or fails it when EPAPER_REQUIRE names it.
func Program(t testing.TB, name string) string {
	t.Helper()
	pkg, ok := debianPackages[name]
	if !ok {
		t.Fatalf("need.Program: no program %q (known: wget, pdftoppm, epubcheck)", name)
	}
	if path, err := exec.LookPath(name); err == nil {
		return path
	}
	missing(t, name, fmt.Sprintf("this test runs %s, and there is none on the PATH. "+
		"Install Debian's: apt-get install -y %s (make test does, as root)", name, pkg))
	return ""
}

// missing skips t for want of program, or fails it if EPAPER_REQUIRE requires program.
func missing(t testing.TB, program, why string) {
	t.Helper()
	required, err := requires(os.Getenv(EnvRequire), program)
	switch {
	case err != nil:
		t.Fatalf("%s: %v", why, err)
	case required:
		t.Fatalf("%s. It is required: %s=%s", why, EnvRequire, os.Getenv(EnvRequire))
	default:
		t.Skipf("skipped: %s. (%s=%s makes this a failure.)", why, EnvRequire, program)
	}
}

// requires reports whether the list (EPAPER_REQUIRE's value) names program; a name it does
// not know is an error, so that a typo does not pass for a requirement met.
func requires(list, program string) (bool, error) {
	found := false
	for name := range strings.SplitSeq(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		if !slices.Contains(programs, name) {
			return false, fmt.Errorf("%s=%q: no program %q (known: %s)", EnvRequire, list, name, strings.Join(programs, ", "))
		}
		found = found || name == program
	}
	return found, nil
}
