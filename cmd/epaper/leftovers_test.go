package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// A build killed with SIGKILL leaves its staging folder beside the output and its work
// folder in TMPDIR; the next build removes them (their owner is dead) and publishes whole.
func TestKilledBuildLeavesNothingBehind(t *testing.T) {
	bin, err := epaperBinary()
	if err != nil {
		t.Fatal(err)
	}
	site := copySite(t, "")
	tmp := t.TempDir()
	env := append(os.Environ(), "TMPDIR="+tmp)
	leftovers := func() []string {
		var found []string
		for _, pattern := range []string{filepath.Join(site, ".public.*"), filepath.Join(tmp, "epaper-build-*")} {
			m, _ := filepath.Glob(pattern)
			found = append(found, m...)
		}
		return found
	}
	for range 2 {
		build := exec.Command(bin, "build", "--no-pagefind", "--site", site)
		build.Env = env
		var errOut bytes.Buffer
		build.Stderr = &errOut
		if err := build.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(time.Millisecond) {
			if staged, _ := filepath.Glob(filepath.Join(site, ".public.*", "cqrb")); len(staged) > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the build wrote nothing to kill it in: %s", errOut.String())
			}
		}
		build.Process.Kill()
		if err := build.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("the build was not killed part-way (%v): %s", err, errOut.String())
		}
	}
	if len(leftovers()) == 0 {
		t.Fatal("the killed builds left nothing: the test kills too late")
	}
	cmd := exec.Command(bin, "build", "--no-pagefind", "--site", site)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the build after the kills: %v\n%s", err, out)
	}
	if left := leftovers(); len(left) != 0 {
		t.Errorf("left by the killed builds, after the next one: %v", left)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "cqrb", "2021-04-14", "005", "268824", "index.html")); err != nil {
		t.Error(err)
	}
}

// A build killed between moving the old output aside and moving the new one in leaves no
// public/ at all: the next build puts the old one back before anything else, so a reader
// finds the site even while it builds.
func TestBuildRecoversOutputMovedAside(t *testing.T) {
	t.Parallel()
	site := copySite(t, offlineSite(t))
	public := filepath.Join(site, "public")
	aside := filepath.Join(site, ".public.new-p999999999-1.old") // a dead pid
	if err := os.Rename(public, aside); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runEpaper(t, "build", "--no-pagefind", "--site", site); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(aside); err == nil {
		t.Error("the old output is still aside")
	}
}

// An import killed inside an article's rename window leaves its only copy in .tmp-ID-N.old;
// the next import puts it back, and keeps it when the source no longer has the article.
func TestKilledImportKeepsTheArticleRenamedAside(t *testing.T) {
	t.Parallel()
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	site := copySite(t, "")
	page := filepath.Join(site, "content", "cqrb", "2021-04-14", "005")
	if err := os.Rename(filepath.Join(page, "268824"), filepath.Join(page, ".tmp-268824-1.old")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(page, ".tmp-268824-1"), 0o755); err != nil {
		t.Fatal(err)
	}
	srv.Fail("/html/cqrb/2021-04/14/005/content_268824.htm", 404)
	_, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--force", "--site", site, srv.URL()+"/html/cqrb/index.htm")
	if code != 1 || !strings.Contains(errOut, "content_268824.htm") {
		t.Errorf("exit %d, %q; want 1 and the article that failed", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(page, "268824", "index.md")); err != nil {
		t.Errorf("the article is lost: %v", err)
	}
	if m, _ := filepath.Glob(filepath.Join(page, ".tmp-*")); len(m) != 0 {
		t.Errorf("left: %v", m)
	}
}
