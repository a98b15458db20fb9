package archive

import (
	"github.com/epaper-archive/epaper/testdata/need"

	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// fixtureFiles are paths of the sample edition that a crawl of it fetches, a page, an article,
// their scan, PDF, picture and style among them.
var fixtureFiles = []string{
	"/html/cqrb/index.htm",
	"/html/cqrb/2021-04/14/005/node.htm",
	"/html/cqrb/2021-04/14/005/content_268821.htm",
	"/html/cqrb/2021-04/14/005/content_268824.htm",
	"/page/cqrb/2021-04/14/005/cqrb20210414005.pdf",
	"/css/epaper.css",
}

// requireTool returns the path of a command a test needs, or skips the test saying which is
// missing and how to install it; with the tool named in EPAPER_REQUIRE (comma-separated) a

// A WARC that Debian's wget writes while fetching the sample edition from the loopback
// fixture server replays through epaper: every file as served, wget's "<URI>" fields read.
func TestWgetWARCReplays(t *testing.T) {
	t.Parallel()
	wget := need.Program(t, "wget")
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	dir := t.TempDir()
	var urls []string
	for _, p := range fixtureFiles {
		urls = append(urls, srv.URL()+p)
	}
	cmd := exec.Command(wget, append([]string{"--quiet", "-e", "robots=off", "--no-warc-keep-log", "--tries=1",
		"--warc-file=" + filepath.Join(dir, "crawl"), "-O", os.DevNull}, urls...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, out)
	}
	name := filepath.Join(dir, "crawl.warc.gz")
	a := openTestArchive(t, name)
	if s := a.Skipped(); len(s) != 0 {
		t.Errorf("Skipped() = %q", s)
	}
	for _, p := range fixtureFiles {
		want, err := os.ReadFile(filepath.Join(fixture.Root(), filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		got := replayGet(t, a, srv.URL()+p)
		info, ok := a.Record(srv.URL() + p)
		if got.status != 200 || !bytes.Equal(got.body, want) || !ok || info.URI != srv.URL()+p || info.File != name {
			t.Errorf("%s: %d, %d bytes, record %+v; want 200 and the file, %d bytes", p, got.status, len(got.body), info, len(want))
		}
	}
	if got := a.StartURL(); got != srv.URL()+"/html/cqrb/index.htm" {
		t.Errorf("StartURL() = %q", got)
	}
}

// A WARC written by gowarc's own file writer (SHA-256 digests in hex, its warcinfo, its file
// naming) replays through epaper. Not parallel: gowarc's file writer makes record options in
// goroutines of its own, out of reach of the lock that keeps them from racing on uuid's global.
func TestGowarcWARCReplays(t *testing.T) {
	dir := t.TempDir()
	w, _ := lockedGowarc(func() (*gowarc.WarcFileWriter, error) {
		return gowarc.NewWarcFileWriter(gowarc.WithCompression(true),
			gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: dir, Pattern: "gowarc.%{ext}s"})), nil
	})
	bodies := map[string][]byte{}
	for _, p := range fixtureFiles {
		body, err := os.ReadFile(filepath.Join(fixture.Root(), filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		u := "http://epaper.cqrb.cn" + p
		bodies[u] = body
		rb := newRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true))
		rb.AddWarcHeader(gowarc.WarcTargetURI, u)
		rb.AddWarcHeaderTime(gowarc.WarcDate, time.Date(2021, 4, 14, 1, 0, 0, 0, time.UTC))
		rb.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		rb.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n")
		rb.Write(body)
		rec, problems, err := rb.Build()
		if err != nil || len(problems) > 0 {
			t.Fatalf("%s: %v %v", u, err, problems)
		}
		if res := w.Write(rec); res[0].Err != nil {
			t.Fatal(res[0].Err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if len(files) != 1 {
		t.Fatalf("gowarc wrote %q", files)
	}
	a := openTestArchive(t, files[0])
	if s := a.Skipped(); len(s) != 0 {
		t.Errorf("Skipped() = %q", s)
	}
	for u, want := range bodies {
		if got := replayGet(t, a, u); got.status != 200 || !bytes.Equal(got.body, want) {
			t.Errorf("%s: %d, %d bytes; want 200 and %d bytes", u, got.status, len(got.body), len(want))
		}
	}
}

// lockedGowarc makes a gowarc reader or writer under the lock the package makes its own under
// (gowarc's options set a global of the uuid package, racing with the package's own).
func lockedGowarc[T any](make func() (T, error)) (T, error) {
	gowarcNew.Lock()
	defer gowarcNew.Unlock()
	return make()
}
