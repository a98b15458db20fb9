package importer

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/epaper-archive/epaper/importer/fetch"
	"github.com/epaper-archive/epaper/testdata/fixture"
)

// The mirror of a source directory works through a Fetcher with the defaults.
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
	want, err := os.ReadFile(filepath.Join(fixture.Root(), "html", "cqrb", "index.htm"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != 200 || !bytes.Equal(got.Body, want) {
		t.Errorf("%s: %d, %d bytes, want the index, %d bytes", src.URL, got.Status, len(got.Body), len(want))
	}
	_, err = f.Get(t.Context(), "http://epaper.cqrb.cn/html/cqrb/2021-04/14/009/node.htm", fetch.Validators{})
	if se := (*fetch.StatusError)(nil); !errors.As(err, &se) || se.StatusCode != 404 {
		t.Errorf("a file not in the mirror: %v, want a 404", err)
	}
}
