package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runEpaper runs the command in process as a user would run the binary, and returns what it
// printed and its exit code.
func runEpaper(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	code = exitCode(err, &errOut)
	return out.String(), errOut.String(), code
}

func TestHelpOnEveryCommand(t *testing.T) {
	t.Parallel()
	for _, cmd := range [][]string{{"--help"}, {"import", "--rate", "0", "--help"}, {"build", "--help"}, {"serve", "--help"}, {"merge", "--help"}, {"new", "--help"}, {"version", "--help"}} {
		out, errOut, code := runEpaper(t, cmd...)
		if code != 0 || !strings.Contains(out, "Usage:") {
			t.Errorf("epaper %v: exit %d, stdout %q, stderr %q", cmd, code, out, errOut)
		}
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	t.Parallel()
	for _, cmd := range [][]string{{"import"}, {"build", "extra"}, {"import", "--rate", "0", "--no-such-flag", "x"}, {"import", "--rate", "0", filepath.Join(t.TempDir(), "missing")}} {
		_, errOut, code := runEpaper(t, cmd...)
		if code != 2 || !strings.HasPrefix(errOut, "epaper: ") {
			t.Errorf("epaper %v: exit %d, stderr %q; want 2 and a message", cmd, code, errOut)
		}
	}
}

func TestVersionNamesItsLibraries(t *testing.T) {
	t.Parallel()
	out, _, code := runEpaper(t, "version")
	if code != 0 || !strings.HasPrefix(out, "epaper ") {
		t.Fatalf("exit %d: %q", code, out)
	}
	// Test binaries carry the module's dependencies in their build information too: the
	// versions go.mod requires.
	for _, l := range versionedLibraries {
		if want := l.name + " " + required(t, l.path); !strings.Contains(out, want) {
			t.Errorf("version %q does not say %q", out, want)
		}
	}
}

// required returns the version of module that the repository's go.mod requires.
func required(t *testing.T, module string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == module {
			return f[1]
		}
	}
	t.Fatalf("go.mod does not require %s", module)
	return ""
}

func TestNewArticleBundleBuilds(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	out, errOut, code := runEpaper(t, "new", "--site", site, "cqrb/2021-04-15/001/note")
	if code != 0 {
		t.Fatalf("new: exit %d: %s", code, errOut)
	}
	path := filepath.Join(site, "content", "cqrb", "2021-04-15", "001", "note", "index.md")
	if !strings.Contains(out, path) {
		t.Errorf("new printed %q, want the path %s", out, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "kind: article") {
		t.Errorf("the new bundle is not an article:\n%s", data)
	}
	if _, errOut, code := runEpaper(t, "new", "--site", site, "cqrb/2021-04-15/001/note"); code == 0 {
		t.Errorf("new over an existing bundle succeeded: %s", errOut)
	}
	if _, errOut, code := runEpaper(t, "build", "--site", site); code != 0 {
		t.Fatalf("build with a hand-made article: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "cqrb", "2021-04-15", "001", "note", "index.html")); err != nil {
		t.Error(err)
	}
}
