package archive

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// A crawl recorded into a WARC file replays with the same statuses, Content-Types and bodies;
// what was not recorded is not in the archive.
func TestRecordedWARCReplaysTheCrawl(t *testing.T) {
	t.Parallel()
	srv := warcServer(t)
	defer srv.Close()
	name := filepath.Join(t.TempDir(), "crawl.warc.gz")
	rec, err := CreateWARC(name, http.DefaultTransport)
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"/html/cqrb/index.htm", "/big.pdf", "/gzip.htm", "/moved", "/missing.htm"}
	live := map[string]replayed{}
	for _, p := range paths {
		live[p] = replayGet(t, rec, srv.URL+p)
	}
	if got := live["/gzip.htm"].body; string(got) != warcGzipPage {
		t.Errorf("through the recorder /gzip.htm reads %q, want it decoded: %q", got, warcGzipPage)
	}
	if _, err := os.Stat(name); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s exists before Close (%v): want it written atomically", name, err)
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(name)); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want the WARC file alone", len(entries))
	}
	checkRecordedWARC(t, name)

	a := openTestArchive(t, name)
	for _, p := range paths {
		want, got := live[p], replayGet(t, a, srv.URL+p)
		if got.status != want.status || got.ctype != want.ctype || got.location != want.location || !bytes.Equal(got.body, want.body) {
			t.Errorf("%s replays %d %q %q (%d bytes), want %d %q %q (%d bytes)", p, got.status, got.ctype, got.location, len(got.body), want.status, want.ctype, want.location, len(want.body))
		}
		info, ok := a.Record(srv.URL + p)
		if !ok || info.Status != want.status || info.File != name || !strings.HasPrefix(info.RecordID, "urn:uuid:") || time.Since(info.Date) > time.Minute || info.Revisit {
			t.Errorf("Record(%s) = %+v, %v", p, info, ok)
		}
	}
	if got := replayGet(t, a, srv.URL+"/never-fetched.htm"); got.status != notCaptured {
		t.Errorf("a URL not recorded answers %d, want no status: not in the archive", got.status)
	}
	if _, ok := a.Record(srv.URL + "/never-fetched.htm"); ok {
		t.Error("Record of a URL not recorded: ok")
	}
	if got, want := a.StartURL(), srv.URL+"/html/cqrb/index.htm"; got != want {
		t.Errorf("StartURL() = %q, want %q", got, want)
	}
	if s := a.Skipped(); len(s) != 0 {
		t.Errorf("Skipped() = %q, want nothing", s)
	}
	if raw := warcRawResponse(t, name, srv.URL+"/gzip.htm"); !bytes.Contains(raw, []byte("Content-Encoding: gzip")) || !bytes.Contains(raw, gzipString(warcGzipPage)[:10]) {
		t.Errorf("the record of /gzip.htm does not hold the gzip bytes the server sent:\n%q", raw)
	}
}

// checkRecordedWARC checks a WARC file the Recorder wrote with gowarc's own reader at its
// strictest (any syntax error, violation of WARC 1.1 or unknown record type fails it: a
// missing mandatory field, a block or payload digest that does not match), and that each
// record is a gzip member of its own, WARC/1.1, with a plain target URI, a warcinfo first and
// request/response pairs after it.
func checkRecordedWARC(t *testing.T, name string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := lockedGowarc(func() (*gowarc.WarcFileReader, error) {
		return gowarc.NewWarcFileReaderFromStream(bytes.NewReader(data), 0, gowarc.WithStrictValidation())
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var types []string
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatalf("gowarc, strictly: record at offset %d: %v", rec.Offset, err)
		}
		h := rec.WarcRecord.WarcHeader()
		typ := rec.WarcRecord.Type().String()
		types = append(types, typ)
		if data[rec.Offset] != 0x1f || rec.Offset+rec.Size > int64(len(data)) || len(rec.Validation) != 0 {
			t.Errorf("the %s record at %d (%d bytes): not a gzip member of its own, or %v", typ, rec.Offset, rec.Size, rec.Validation)
		}
		for _, f := range []string{"WARC-Record-ID", "WARC-Date", "WARC-Type", "Content-Length", "WARC-Block-Digest"} {
			if h.Get(f) == "" {
				t.Errorf("the %s record has no %s", typ, f)
			}
		}
		if typ != "warcinfo" && (h.Get("WARC-Payload-Digest") == "" || !strings.HasPrefix(h.Get("WARC-Block-Digest"), "sha1:")) {
			t.Errorf("the %s record has digests %q, %q: want SHA-1 of the block and the payload", typ, h.Get("WARC-Block-Digest"), h.Get("WARC-Payload-Digest"))
		}
		if v := rec.WarcRecord.Version().String(); v != "WARC/1.1" || strings.Contains(h.Get("WARC-Target-URI"), "<") {
			t.Errorf("%s record: %q, WARC-Target-URI %q", typ, v, h.Get("WARC-Target-URI"))
		}
		rec.Close()
	}
	if len(types) < 3 || types[0] != "warcinfo" || len(types)%2 != 1 {
		t.Fatalf("record types %q, want warcinfo and request/response pairs", types)
	}
	for i := 1; i < len(types); i += 2 {
		if types[i] != "request" || types[i+1] != "response" {
			t.Errorf("records %d, %d are %s, %s: want request, response", i, i+1, types[i], types[i+1])
		}
	}
}

// warcRecords reads the records of a WARC file with gowarc and calls fn with the header and
// the block of each.
func warcRecords(t *testing.T, name string, fn func(h *gowarc.WarcFields, block []byte)) {
	t.Helper()
	r, err := lockedGowarc(func() (*gowarc.WarcFileReader, error) { return gowarc.NewWarcFileReader(name, 0) })
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatal(err)
		}
		rb, err := rec.WarcRecord.Block().RawBytes()
		if err != nil {
			t.Fatal(err)
		}
		block, err := io.ReadAll(rb)
		if err != nil {
			t.Fatal(err)
		}
		fn(rec.WarcRecord.WarcHeader(), block)
		rec.Close()
	}
}

// warcRawResponse returns the block of the response record of u in a WARC file.
func warcRawResponse(t *testing.T, name, u string) []byte {
	t.Helper()
	var raw []byte
	warcRecords(t, name, func(h *gowarc.WarcFields, block []byte) {
		if h.Get("WARC-Type") == "response" && h.Get("WARC-Target-URI") == u {
			raw = block
		}
	})
	if raw == nil {
		t.Fatalf("no response record of %s in %s", u, name)
	}
	return raw
}

// The Recorder writes a body as far as it was read: a body closed early is marked truncated
// (and a whole capture of the same URL answers before it), one never closed is written by
// Close.
func TestRecorderWritesWhatWasRead(t *testing.T) {
	t.Parallel()
	srv := warcServer(t)
	defer srv.Close()
	name := filepath.Join(t.TempDir(), "partial.warc.gz")
	rec, err := CreateWARC(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	whole := replayGet(t, rec, srv.URL+"/big.pdf")
	resp, err := rec.RoundTrip(newWARCRequest(t, "GET", srv.URL+"/big.pdf", nil))
	if err != nil {
		t.Fatal(err)
	}
	io.ReadFull(resp.Body, make([]byte, 1000))
	resp.Body.Close()
	unread, err := rec.RoundTrip(newWARCRequest(t, "GET", srv.URL+"/html/cqrb/index.htm", nil))
	if err != nil {
		t.Fatal(err)
	}
	defer unread.Body.Close()
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := rec.RoundTrip(newWARCRequest(t, "GET", srv.URL+"/big.pdf", nil)); err == nil {
		t.Error("RoundTrip after Close: no error")
	}
	checkRecordedWARC(t, name)

	a := openTestArchive(t, name)
	if got := replayGet(t, a, srv.URL+"/big.pdf"); got.status != 200 || !bytes.Equal(got.body, whole.body) {
		t.Errorf("/big.pdf replays %d, %d bytes; want the whole capture, %d bytes", got.status, len(got.body), len(whole.body))
	}
	if got, err := replayFetch(a, srv.URL+"/html/cqrb/index.htm"); got.status != 200 || len(got.body) != 0 || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("a body never read replays %d, %q, %v: want 200, nothing and a body cut short", got.status, got.body, err)
	}
	var marks []string
	warcRecords(t, name, func(h *gowarc.WarcFields, _ []byte) {
		if v := h.Get("WARC-Truncated"); v != "" {
			marks = append(marks, h.Get("WARC-Target-URI")+" "+v)
		}
	})
	want := []string{srv.URL + "/big.pdf length", srv.URL + "/html/cqrb/index.htm unspecified"}
	if fmt.Sprint(marks) != fmt.Sprint(want) {
		t.Errorf("WARC-Truncated marks %q, want %q", marks, want)
	}
}

// Exchanges recorded at once, from many goroutines, are all written whole and replay.
func TestRecorderIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	srv := warcServer(t)
	defer srv.Close()
	var buf bytes.Buffer
	rec := NewRecorder(&buf, nil)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			u := fmt.Sprintf("%s/big.pdf?n=%d", srv.URL, i)
			if got, err := replayFetch(rec, u); err != nil || len(got.body) != len(warcBigBody()) {
				t.Errorf("%s: %d bytes, %v", u, len(got.body), err)
			}
		})
	}
	wg.Wait()
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "concurrent.warc.gz")
	os.WriteFile(name, buf.Bytes(), 0o644)
	checkRecordedWARC(t, name)
	a := openTestArchive(t, name)
	if n := len(a.URLs()); n != 16 {
		t.Errorf("the archive answers %d URLs, want 16", n)
	}
	var wg2 sync.WaitGroup
	for i := range 16 {
		wg2.Go(func() {
			if got, err := replayFetch(a, fmt.Sprintf("%s/big.pdf?n=%d", srv.URL, i)); err != nil || !bytes.Equal(got.body, warcBigBody()) {
				t.Errorf("replay %d: %d bytes, %v", i, len(got.body), err)
			}
		})
	}
	wg2.Wait()
}

// A Recorder that cannot write says so: RoundTrip fails rather than fetch unrecorded, and
// Close returns the error.
func TestRecorderReportsAWriteError(t *testing.T) {
	t.Parallel()
	rec := NewRecorder(warcFailingWriter{}, http.NewFileTransport(http.Dir(t.TempDir())))
	if _, err := rec.RoundTrip(newWARCRequest(t, "GET", "http://example.com/", nil)); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("RoundTrip: %v, want the write error", err)
	}
	if err := rec.Close(); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Close: %v, want the write error", err)
	}
}

type warcFailingWriter struct{}

func (warcFailingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
