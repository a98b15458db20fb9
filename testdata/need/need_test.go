package need

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records a skip or a failure instead of acting on it.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}

func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// call runs f with a recorder, as a test would, and returns what f returned and the recorder.
func call(f func(testing.TB) string) (string, *recorder) {
	r := &recorder{}
	got := make(chan string, 1)
	go func() {
		defer close(got)
		got <- f(r)
	}()
	return <-got, r
}

// fakeProgram makes an executable file name in a new folder and returns the folder.
func fakeProgram(t *testing.T, name string) string {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestMissingSkipsOrFails(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // nothing there
	t.Setenv(EnvPagefind, "")
	for _, c := range []struct {
		require    string
		program    func(testing.TB) string
		skip, fail bool
		inMessage  []string
	}{
		{"", Chromium, true, false, []string{"Chromium", "apt-get install -y chromium", "EPAPER_REQUIRE=chromium makes this a failure"}},
		{"", Pagefind, true, false, []string{"Pagefind", "make pagefind", "EPAPER_PAGEFIND"}},
		{"pagefind", Chromium, true, false, []string{"apt-get install -y chromium"}},
		{"chromium,pagefind", Chromium, false, true, []string{"apt-get install -y chromium", "required: EPAPER_REQUIRE=chromium,pagefind"}},
		{" Pagefind ", Pagefind, false, true, []string{"make pagefind", "required"}},
		{"chromum", Chromium, false, true, []string{`no program "chromum"`}},
	} {
		t.Setenv(EnvRequire, c.require)
		path, r := call(c.program)
		msg := r.skipped + r.failed
		if path != "" || (r.skipped != "") != c.skip || (r.failed != "") != c.fail {
			t.Errorf("EPAPER_REQUIRE=%q: returned %q, skipped %q, failed %q; want skip %v, fail %v", c.require, path, r.skipped, r.failed, c.skip, c.fail)
		}
		for _, want := range c.inMessage {
			if !strings.Contains(msg, want) {
				t.Errorf("EPAPER_REQUIRE=%q: the message does not say %q: %s", c.require, want, msg)
			}
		}
	}
}

func TestFound(t *testing.T) {
	t.Setenv(EnvRequire, "chromium,pagefind")
	t.Setenv("PATH", fakeProgram(t, "chromium-browser")+string(os.PathListSeparator)+fakeProgram(t, "pagefind"))
	t.Setenv(EnvPagefind, "")
	for _, c := range []struct {
		program func(testing.TB) string
		want    string
	}{{Chromium, "chromium-browser"}, {Pagefind, "pagefind"}} {
		path, r := call(c.program)
		if filepath.Base(path) != c.want || r.skipped != "" || r.failed != "" {
			t.Errorf("got %q (skipped %q, failed %q), want the %s on the PATH", path, r.skipped, r.failed, c.want)
		}
	}

	// $EPAPER_PAGEFIND comes first, and must work when set.
	own := filepath.Join(fakeProgram(t, "my-pagefind"), "my-pagefind")
	t.Setenv(EnvPagefind, own)
	if path, r := call(Pagefind); path != own || r.failed != "" {
		t.Errorf("with %s=%s: got %q, failed %q", EnvPagefind, own, path, r.failed)
	}
	t.Setenv(EnvRequire, "")
	t.Setenv(EnvPagefind, filepath.Join(t.TempDir(), "gone"))
	if _, r := call(Pagefind); !strings.Contains(r.failed, EnvPagefind) {
		t.Errorf("%s naming no program: skipped %q, failed %q; want a failure naming it", EnvPagefind, r.skipped, r.failed)
	}
}
