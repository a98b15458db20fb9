package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// buildBinary builds the epaper command, to run it as a process of its own.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "epaper")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// An import killed with SIGKILL at any moment leaves only whole bundles, and the next run
// completes the edition: the tree is then the same as an uninterrupted import's.
func TestKilledImportResumes(t *testing.T) {
	bin := buildBinary(t)
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	src := srv.URL() + "/html/cqrb/index.htm"

	whole := t.TempDir()
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--site", whole, src); code != 0 {
		t.Fatalf("uninterrupted import: %s", errOut)
	}
	want := withoutRetrievalTimes(tree(t, filepath.Join(whole, "content")))

	srv.SetDelay(20 * time.Millisecond)
	for _, killAfter := range []int{3, 15, 40} {
		site := t.TempDir()
		before := len(srv.Requests())
		cmd := exec.Command(bin, "import", "--rate", "0", "-q", "--site", site, src)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for len(srv.Requests())-before < killAfter && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		if err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("after %d requests: the import was not killed part-way (%v): make the server slower", killAfter, err)
		}
		checkWholeBundles(t, filepath.Join(site, "content"))

		if out, err := exec.Command(bin, "import", "--rate", "0", "-q", "--site", site, src).CombinedOutput(); err != nil {
			t.Fatalf("after %d requests: the second run failed: %v\n%s", killAfter, err, out)
		}
		sameTree(t, "killed, then run again", want, withoutRetrievalTimes(tree(t, filepath.Join(site, "content"))))
	}
}

// checkWholeBundles fails for an article bundle (content/PAPER/DATE/PAGE/ID) without its
// index.md or raw page, and for a page whose _index.md names a file that is not there.
// Temporary files of the killed run are allowed: the next run removes them. A page folder
// without its _index.md is unfinished (it is written last) and the next run finishes it.
func checkWholeBundles(t *testing.T, content string) {
	t.Helper()
	articles, _ := filepath.Glob(filepath.Join(content, "*", "*", "*", "[0-9]*"))
	for _, dir := range articles {
		for _, f := range []string{"index.md", "source.html.raw"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("half-written article bundle: %v", err)
			}
		}
	}
	pages, _ := filepath.Glob(filepath.Join(content, "*", "*", "*", "_index.md"))
	for _, index := range pages {
		data, _ := os.ReadFile(index)
		for _, f := range []string{"scan.jpg", "page.pdf", "source.html.raw"} {
			if strings.Contains(string(data), " "+f+"\n") {
				if _, err := os.Stat(filepath.Join(filepath.Dir(index), f)); err != nil {
					t.Errorf("%s names a missing file: %v", index, err)
				}
			}
		}
	}
}
