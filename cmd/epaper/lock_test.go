package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// An import holds its site alone: a second import or a build, each a process of its own,
// waits for it (saying so) or, with --no-wait, fails naming the import's pid and command.
// Builds share the site with each other.
func TestImportLocksTheSite(t *testing.T) {
	bin, err := epaperBinary()
	if err != nil {
		t.Fatal(err)
	}
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	src := srv.URL() + "/html/cqrb/index.htm"
	site := copySite(t, "")
	srv.SetDelay(100 * time.Millisecond)

	var importOut bytes.Buffer
	imp := exec.Command(bin, "import", "--rate", "0", "-q", "--force", "--site", site, src)
	imp.Stdout, imp.Stderr = &importOut, &importOut
	if err := imp.Start(); err != nil {
		t.Fatal(err)
	}
	defer imp.Process.Kill()
	for deadline := time.Now().Add(30 * time.Second); len(srv.Requests()) < 2; {
		if time.Now().After(deadline) {
			t.Fatalf("the import made no request:\n%s", importOut.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	holder := fmt.Sprintf("pid %d (epaper import", imp.Process.Pid)
	for _, args := range [][]string{
		{"build", "--no-pagefind", "--no-wait", "--site", site},
		{"import", "--rate", "0", "-q", "--no-wait", "--site", site, src},
		{"verify", "--no-wait", "--site", site},
	} {
		_, errOut, code := runBinary(t, args...)
		if code != 1 || !strings.Contains(errOut, holder) {
			t.Errorf("epaper %s during an import: exit %d, %q; want 1 and %q", args[0], code, errOut, holder)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Error("a build ran during the import")
	}

	// Without --no-wait, a build waits until the import is over.
	var buildOut, buildErr bytes.Buffer
	build := exec.Command(bin, "build", "--no-pagefind", "--site", site)
	build.Stdout, build.Stderr = &buildOut, &buildErr
	if err := build.Start(); err != nil {
		t.Fatal(err)
	}
	if err := imp.Wait(); err != nil {
		t.Fatalf("the import failed: %v\n%s", err, importOut.String())
	}
	importDone := time.Now()
	if err := build.Wait(); err != nil {
		t.Fatalf("the build that waited failed: %v\n%s", err, buildErr.String())
	}
	if !strings.Contains(buildErr.String(), "waiting") || !strings.Contains(buildErr.String(), holder) {
		t.Errorf("the waiting build did not say what it waits for: %q", buildErr.String())
	}
	if fi, err := os.Stat(filepath.Join(site, "public", "index.html")); err != nil || fi.ModTime().Before(importDone.Add(-time.Second)) {
		t.Errorf("the build did not wait for the import: %v", err)
	}
}
