package importer

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/fetch"
	"github.com/epaper-archive/epaper/testdata/fixture"
)

// The mirror of a source directory works through a Fetcher with the defaults: its edition is
// found, and a file it lacks is "not in the mirror", with no HTTP status.
func TestFetchFromAMirror(t *testing.T) {
	t.Parallel()
	src, err := ResolveSource(fixture.Root())
	if err != nil {
		t.Fatal(err)
	}
	f, err := fetch.NewFetcher(fetch.DefaultFetchOptions(), src.Transport)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.Get(t.Context(), src.URL.String(), fetch.Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if len(src.Editions) != 1 || src.Editions[0].Date != "2021-04-14" || src.Editions[0].Paper != "cqrb" || src.URL.String() != src.Editions[0].URL {
		t.Errorf("editions %+v, start %s; want the one of 2021-04-14 and its first page", src.Editions, src.URL)
	}
	want, err := os.ReadFile(filepath.Join(fixture.Root(), "html", "cqrb", "2021-04", "14", "001", "node.htm"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != 200 || !bytes.Equal(got.Body, want) {
		t.Errorf("%s: %d, %d bytes, want the first page, %d bytes", src.URL, got.Status, len(got.Body), len(want))
	}
	_, err = f.Get(t.Context(), "http://epaper.cqrb.cn/html/cqrb/2021-04/14/009/node.htm", fetch.Validators{})
	missing := filepath.Join(fixture.Root(), "html", "cqrb", "2021-04", "14", "009", "node.htm")
	if se := (*fetch.StatusError)(nil); errors.As(err, &se) || !errors.Is(err, archive.ErrNotCaptured) || !strings.Contains(err.Error(), "not in the mirror: "+missing) {
		t.Errorf("a file not in the mirror: %v, want \"not in the mirror: %s\" and no HTTP status", err, missing)
	}
}
