package main

import (
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// A fetch flag with a value that makes no sense is a usage error (exit 2) that names the
// flag and the value, before anything is fetched or written.
func TestImportRefusesNonsensicalFetchFlags(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ flag, value, says string }{
		{"--timeout", "-1s", "--timeout -1s: must be more than 0"},
		{"--timeout", "0s", "--timeout 0s: must be more than 0"},
		{"--concurrency", "0", "--concurrency 0: must be 1 or more"},
		{"--rate", "-1", "--rate -1: must be 0 (no limit) or more"},
		{"--rate", "NaN", "--rate NaN"},
		{"--max-bytes", "-5", "--max-bytes -5: must be more than 0"},
		{"--retries", "-1", "--retries -1: must be 0 or more"},
		{"--max-redirects", "-2", "--max-redirects -2: must be 0 or more"},
		{"--max-retry-after", "-1m", "--max-retry-after -1m0s: must be 0 or more"},
		{"--allow-host", "https://img.example.cn/", `--allow-host "https://img.example.cn/": must be a host name or name:port`},
		{"--allow-host", "", `--allow-host "": must be a host name or name:port`},
		{"--allow-host", "img.example.cn/res", `--allow-host "img.example.cn/res": must be a host name or name:port`},
	} {
		site := t.TempDir()
		_, errOut, code := runEpaper(t, "import", "--site", site, tt.flag, tt.value, fixture.Root())
		if code != 2 || !strings.Contains(errOut, tt.says) {
			t.Errorf("import %s %s: exit %d, %q; want 2 and %q", tt.flag, tt.value, code, errOut, tt.says)
		}
	}
}

// --retries 0 and --max-redirects 0 are no retry and no redirect, not the defaults: an
// import that needs neither works with them.
func TestImportWithNoRetriesAndNoRedirects(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	out, errOut, code := runEpaper(t, "import", "-q", "--site", site, "--retries", "0", "--max-redirects", "0", "--rate", "0", fixture.Root())
	if code != 0 || !strings.Contains(out, "8 pages, 25 articles") {
		t.Errorf("exit %d: %s%s", code, out, errOut)
	}
}
