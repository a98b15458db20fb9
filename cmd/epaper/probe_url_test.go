package main

import (
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// epaper probe on a URL follows the paper's index to a page and reads it over HTTP.
func TestProbeURL(t *testing.T) {
	t.Parallel()
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	out, errOut, code := runEpaper(t, "probe", srv.URL()+"/html/cqrb/index.htm")
	for _, want := range []string{"index    ", "profile  founder-classic: ", "paper    cqrb, 重庆日报", "date     2021-04-14", "found", "article  "} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, no %q:\n%s%s", code, want, out, errOut)
		}
	}
}
