package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// Command lines that cannot be run as given exit 2 with a message saying why, before
// anything is fetched or written.
func TestCommandsThatSurpriseExit2(t *testing.T) {
	t.Parallel()
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	src := srv.URL() + "/html/cqrb/index.htm"
	site := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"help", "bogus"}, `help: no command "bogus"`},
		{[]string{"help", "import", "bogus"}, `help: no command "import bogus"`},
		{[]string{"import", "--site", site, "--from", "2021-04-15", "--to", "2021-04-13", src}, "--to 2021-04-13 is before --from 2021-04-15"},
		{[]string{"import", "--site", site, "--from", "2021-4-13", "--to", "2021-04-15", src}, `"2021-4-13" is not a date`},
		{[]string{"import", "--site", site, "--rate", "1e-9", src}, "--rate 1e-09: must be"},
		{[]string{"import", "--site", site, "--rate", "NaN", src}, "--rate NaN"},
		{[]string{"build", "--site", site, "--base-url", "not a url"}, `--base-url "not a url"`},
		{[]string{"build", "--site", site, "--base-url", "ftp://example.org/"}, `--base-url "ftp://example.org/"`},
		{[]string{"build", "--site", site, "--base-url", "https:///paper/"}, `--base-url "https:///paper/"`},
		{[]string{"build", "--site", site, "--base-url", "https://example.org/?q=1"}, `--base-url "https://example.org/?q=1"`},
		{[]string{"verify", "--site", site, "--base-url", "ftp://example.org/"}, `--base-url "ftp://example.org/"`},
	} {
		_, errOut, code := runEpaper(t, c.args...)
		if code != 2 || !strings.HasPrefix(errOut, "epaper: ") || !strings.Contains(errOut, c.want) {
			t.Errorf("epaper %q: exit %d, %q; want 2 and %q", c.args, code, errOut, c.want)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests made by command lines refused", n)
	}
}

// epaper help COMMAND prints that command's help, as epaper COMMAND --help does.
func TestHelpOfACommand(t *testing.T) {
	t.Parallel()
	want, _, _ := runEpaper(t, "import", "--help")
	out, errOut, code := runEpaper(t, "help", "import")
	if code != 0 || out != want || !strings.Contains(out, "epaper import") {
		t.Errorf("help import: exit %d, %q %q; want %q", code, out, errOut, want)
	}
	top, _, code := runEpaper(t, "help")
	if code != 0 || !strings.Contains(top, "Available Commands") {
		t.Errorf("help: exit %d, %q", code, top)
	}
}

// epaper --version says what epaper version says.
func TestVersionFlag(t *testing.T) {
	t.Parallel()
	want, _, _ := runEpaper(t, "version")
	out, errOut, code := runEpaper(t, "--version")
	if code != 0 || out != want {
		t.Errorf("--version: exit %d, %q %q; want %q", code, out, errOut, want)
	}
}

// epaper new on a path that exists says so, in its own words, and changes nothing.
func TestNewOnAnExistingPath(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	if _, errOut, code := runEpaper(t, "new", "--site", site, "cqrb/2021-04-15/001/note"); code != 0 {
		t.Fatalf("new: exit %d: %s", code, errOut)
	}
	path := filepath.Join(site, "content", "cqrb", "2021-04-15", "001", "note", "index.md")
	for _, arg := range []string{"cqrb/2021-04-15/001/note", "cqrb/2021-04-15/001/note/index.md"} {
		_, errOut, code := runEpaper(t, "new", "--site", site, arg)
		if code != 2 || !strings.Contains(errOut, path+" already exists") || strings.Contains(errOut, "conflicts") {
			t.Errorf("new %s again: exit %d, %q; want 2 and %q", arg, code, errOut, path+" already exists")
		}
	}
}

// epaper new under a folder the built site publishes for itself (search/, css/ …), whose
// page would be built over the site's own, is refused like a path that exists.
func TestNewRefusesAFolderTheSiteUses(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	for _, arg := range []string{"search/2021-04-15/001/note", "CSS/x", "index.html/note", "search.md"} {
		_, errOut, code := runEpaper(t, "new", "--site", site, arg)
		if code != 2 || !strings.Contains(errOut, "publishes its own") {
			t.Errorf("new %s: exit %d, %q; want 2 and the reason", arg, code, errOut)
		}
	}
	if _, errOut, code := runEpaper(t, "new", "--site", site, "cqrb/2021-04-15/001/note"); code != 0 {
		t.Errorf("new under a paper: exit %d: %s", code, errOut)
	}
}
