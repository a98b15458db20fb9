package archive

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/importer/fetch"
	"github.com/epaper-archive/epaper/testdata/fixture"
)

// warcServer serves what the recording tests crawl: a page, a large chunked body, a page
// gzipString for who asks, a redirect and a 404.
func warcServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/html/cqrb/index.htm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("ETag", `"index-1"`)
		io.WriteString(w, `<html><meta http-equiv=refresh content="0; URL=2021-04/14/001/node.htm"></html>`)
	})
	mux.HandleFunc("/big.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(warcBigBody()) // no Content-Length: chunked
	})
	mux.HandleFunc("/gzip.htm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			io.WriteString(w, warcGzipPage)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipString(warcGzipPage))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/html/cqrb/index.htm", http.StatusFound)
	})
	return httptest.NewServer(mux)
}

const warcGzipPage = "<p>压缩的页面 compressed page</p>"

// warcBigBody is a body larger than any buffer on the way.
var warcBigBody = sync.OnceValue(func() []byte {
	b := make([]byte, 300<<10)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
})

func gzipString(s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, s)
	zw.Close()
	return b.Bytes()
}

// notCaptured is the status replayFetch gives a URL the archive does not hold: no status at
// all, but a *MissingError.
const notCaptured = -1

// replayed is what a client saw of one response.
type replayed struct {
	status   int
	ctype    string
	location string
	body     []byte
}

// replayGet fetches u through rt, following no redirect.
func replayGet(t *testing.T, rt http.RoundTripper, u string) replayed {
	t.Helper()
	a, err := replayFetch(rt, u)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// newWARCRequest is a client request, as a RoundTripper expects it.
func newWARCRequest(t *testing.T, method, u string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func replayFetch(rt http.RoundTripper, u string) (replayed, error) {
	c := &http.Client{Transport: rt, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(u)
	if me := (*MissingError)(nil); errors.As(err, &me) && errors.Is(err, ErrNotCaptured) {
		return replayed{status: notCaptured, body: []byte(me.Error())}, nil
	}
	if err != nil {
		return replayed{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	a := replayed{resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Location"), body}
	if err != nil {
		return a, fmt.Errorf("GET %s: body: %w", u, err)
	}
	return a, nil
}

func openTestArchive(t *testing.T, name string) *ArchiveTransport {
	t.Helper()
	a, err := OpenArchive(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// The dates of the hand-made archive.
var (
	capT0 = time.Date(2021, 4, 14, 1, 0, 0, 0, time.UTC)
	capT1 = capT0.Add(time.Hour)
	capT2 = capT0.Add(2 * time.Hour)
)

const warcOrigID = "<urn:uuid:00000000-0000-4000-8000-000000000001>"

// warcHandRecord is a record of the hand-made archive.
type warcHandRecord struct {
	typ, uri string
	date     time.Time
	block    string
	extra    warcFields
}

func warcHTTPBlock(head string, body []byte) string { return head + "\r\n" + string(body) }

// warcHandMadeRecords are records the way other tools write them: wget's "<>" around the target
// URI, chunked and gzipString bodies, revisits of three kinds, several captures of a URL, a
// resource record, a bad digest and records to be passed over.
func warcHandMadeRecords() []warcHandRecord {
	chunked := "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
	gz := gzipString(warcGzipPage)
	gzChunked := fmt.Sprintf("%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n", 10, gz[:10], len(gz)-10, gz[10:])
	html := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
	return []warcHandRecord{
		{typ: "warcinfo", block: "software: hand\r\n"},
		{typ: "request", uri: "<http://example.com/wget.htm>", date: capT0, block: "GET /wget.htm HTTP/1.1\r\nHost: example.com\r\n\r\n"},
		{typ: "response", uri: "<http://EXAMPLE.com:80/wget.htm>", date: capT0, block: warcHTTPBlock(html+"Content-Length: 9\r\n", []byte("wget page"))},
		{typ: "response", uri: "http://example.com/chunked.htm", date: capT0, block: warcHTTPBlock(html+"Transfer-Encoding: chunked\r\n", []byte(chunked))},
		{typ: "response", uri: "http://example.com/gzip.htm", date: capT0, block: warcHTTPBlock(html+"Content-Encoding: gzip\r\n"+fmt.Sprintf("Content-Length: %d\r\n", len(gz)), gz)},
		{typ: "response", uri: "http://example.com/chunked-gzip.htm", date: capT0, block: warcHTTPBlock(html+"Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", []byte(gzChunked))},
		{typ: "response", uri: "http://example.com/orig.htm", date: capT0, block: warcHTTPBlock(html, []byte("the original")),
			extra: warcFields{{"WARC-Record-ID", warcOrigID}, {"WARC-Payload-Digest", sha1Digest([]byte("the original"))}}},
		{typ: "revisit", uri: "http://example.com/copy.htm", date: capT1, block: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n",
			extra: warcFields{{"WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"}, {"WARC-Payload-Digest", sha1Digest([]byte("the original"))}}},
		{typ: "revisit", uri: "http://example.com/byid.htm", date: capT2, extra: warcFields{{"WARC-Refers-To", warcOrigID}}},
		{typ: "response", uri: "http://example.com/page.htm", date: capT0, block: warcHTTPBlock(html, []byte("page v1"))},
		{typ: "revisit", uri: "http://example.com/page.htm", date: capT2, block: "HTTP/1.1 304 Not Modified\r\n\r\n",
			extra: warcFields{{"WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/server-not-modified"}, {"WARC-Refers-To-Target-URI", "http://example.com/page.htm"}, {"WARC-Refers-To-Date", warcDate(capT0)}}},
		{typ: "revisit", uri: "http://example.com/lost.htm", date: capT2, extra: warcFields{{"WARC-Refers-To", "<urn:uuid:00000000-0000-4000-8000-00000000dead>"}}},
		{typ: "response", uri: "http://example.com/multi.htm", date: capT1, block: warcHTTPBlock(html, []byte("new"))},
		{typ: "response", uri: "http://example.com/multi.htm", date: capT2, block: warcHTTPBlock("HTTP/1.1 500 Internal Server Error\r\n", []byte("error"))},
		{typ: "response", uri: "http://example.com/multi.htm", date: capT0, block: warcHTTPBlock(html, []byte("old"))},
		{typ: "response", uri: "http://example.com/errors.htm", date: capT0, block: warcHTTPBlock("HTTP/1.1 404 Not Found\r\n", []byte("gone"))},
		{typ: "response", uri: "http://example.com/errors.htm", date: capT1, block: warcHTTPBlock("HTTP/1.1 503 Service Unavailable\r\n", []byte("busy"))},
		{typ: "response", uri: "http://example.com/bad-digest.htm", date: capT0, block: warcHTTPBlock(html, []byte("changed")),
			extra: warcFields{{"WARC-Block-Digest", sha1Digest([]byte("something else"))}}},
		{typ: "resource", uri: "http://example.com/scan.jpg", date: capT0, block: "\xff\xd8\xff scan",
			extra: warcFields{{"Content-Type", "image/jpeg"}}},
		{typ: "response", uri: "http://example.com/redirect", date: capT0, block: warcHTTPBlock("HTTP/1.1 302 Found\r\nLocation: /wget.htm\r\n", nil)},
		{typ: "response", uri: "http://example.com/frag.htm#top", date: capT0, block: warcHTTPBlock(html, []byte("fragment"))},
		{typ: "response", uri: "https://example.com/secure.htm", date: capT0, block: warcHTTPBlock(html, []byte("over https"))},
		{typ: "metadata", uri: "http://example.com/wget.htm", date: capT0, block: "outlinks: none\r\n", extra: warcFields{{"Content-Type", "application/warc-fields"}}},
	}
}

// warcFields are the header fields of a hand-made record, in the order written.
type warcFields []warcField

type warcField struct{ name, value string }

func (f warcFields) get(name string) string {
	for _, fl := range f {
		if strings.EqualFold(fl.name, name) {
			return fl.value
		}
	}
	return ""
}

// sha1Digest is a WARC digest of b: "sha1:" and base32.
func sha1Digest(b []byte) string {
	sum := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

// writeHandRecord writes a record byte by byte as given, "<>", wrong digests and all, as a
// gzip member of its own; Content-Length is added.
func writeHandRecord(w io.Writer, fields warcFields, block []byte) error {
	zw := gzip.NewWriter(w)
	fmt.Fprintf(zw, "WARC/1.1\r\n")
	for _, f := range fields {
		fmt.Fprintf(zw, "%s: %s\r\n", f.name, f.value)
	}
	fmt.Fprintf(zw, "Content-Length: %d\r\n\r\n", len(block))
	zw.Write(block)
	io.WriteString(zw, "\r\n\r\n")
	return zw.Close()
}

// writeHandMadeWARC writes the hand-made records, each a gzip member.
func writeHandMadeWARC(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, r := range warcHandMadeRecords() {
		f := warcFields{{"WARC-Type", r.typ}}
		if r.extra.get("WARC-Record-ID") == "" {
			f = append(f, warcField{"WARC-Record-ID", newRecordID()})
		}
		if r.uri != "" {
			f = append(f, warcField{"WARC-Target-URI", r.uri})
		}
		if !r.date.IsZero() {
			f = append(f, warcField{"WARC-Date", warcDate(r.date)})
		}
		if r.extra.get("Content-Type") == "" && r.typ == "request" {
			f = append(f, warcField{"Content-Type", "application/http;msgtype=request"})
		} else if r.extra.get("Content-Type") == "" && r.typ != "warcinfo" {
			f = append(f, warcField{"Content-Type", "application/http;msgtype=response"})
		}
		if r.extra.get("WARC-Block-Digest") == "" {
			f = append(f, warcField{"WARC-Block-Digest", sha1Digest([]byte(r.block))})
		}
		if err := writeHandRecord(&buf, append(f, r.extra...), []byte(r.block)); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// handMadeWARC writes the hand-made archive as a .warc.gz and returns its path.
func handMadeWARC(t *testing.T) string {
	name := filepath.Join(t.TempDir(), "hand-made.warc.gz")
	if err := os.WriteFile(name, writeHandMadeWARC(t), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// warcArchiveForms writes the hand-made archive as a .warc.gz (a gzip member a record), a .warc,
// a .warc.gz gzipString as a whole, and WACZ files with the WARC stored and deflated. It
// returns the paths and, for each, the File a record names.
func warcArchiveForms(t *testing.T) (paths, files []string) {
	dir := t.TempDir()
	perRecord := writeHandMadeWARC(t)
	zr, _ := gzip.NewReader(bytes.NewReader(perRecord))
	plain, err := io.ReadAll(zr) // gzip's Reader reads the members one after the other
	if err != nil {
		t.Fatal(err)
	}
	add := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths, files = append(paths, p), append(files, p)
		return p
	}
	add("per-record.warc.gz", perRecord)
	add("plain.warc", plain)
	add("whole.warc.gz", gzipString(string(plain)))
	for _, method := range []uint16{zip.Store, zip.Deflate} {
		p := add(fmt.Sprintf("method-%d.wacz", method), makeWACZ(t, perRecord, method))
		files[len(files)-1] = p + "#archive/data.warc.gz"
	}
	return paths, files
}

// makeWACZ makes a WACZ: datapackage.json, pages, and the WARC as archive/data.warc.gz.
func makeWACZ(t *testing.T, warc []byte, method uint16) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct {
		name string
		data []byte
	}{
		{"datapackage.json", []byte(`{"profile": "data-package", "wacz_version": "1.1.1"}`)},
		{"pages/pages.jsonl", []byte(`{"format": "json-pages-1.0"}` + "\n")},
		{"archive/data.warc.gz", warc},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Every form of the hand-made archive replays as a Go client would see the site: "<>"
// stripped, URLs matched whatever the case of the host, default port or fragment, bodies
// de-chunked and gunzipped, revisits answered with their original's payload, the best capture
// of a URL chosen, and "not in the archive" (no status) for what it lacks or had to leave out.
func TestArchiveReplaysHandMadeRecords(t *testing.T) {
	t.Parallel()
	const origRecord = "urn:uuid:00000000-0000-4000-8000-000000000001"
	tests := []struct {
		url, ctype, body string
		status           int
		revisit          bool
		refersTo         string
		date             time.Time
	}{
		{url: "http://example.com/wget.htm", status: 200, ctype: "text/html", body: "wget page", date: capT0},
		{url: "http://Example.com/chunked.htm", status: 200, ctype: "text/html", body: "hello world", date: capT0},
		{url: "http://example.com/gzip.htm", status: 200, ctype: "text/html", body: warcGzipPage, date: capT0},
		{url: "http://example.com/chunked-gzip.htm", status: 200, ctype: "text/html", body: warcGzipPage, date: capT0},
		{url: "http://example.com/orig.htm", status: 200, ctype: "text/html", body: "the original", date: capT0},
		{url: "http://example.com/copy.htm", status: 200, ctype: "text/plain", body: "the original", revisit: true, refersTo: origRecord, date: capT1},
		{url: "http://example.com/byid.htm", status: 200, ctype: "text/html", body: "the original", revisit: true, refersTo: origRecord, date: capT2},
		{url: "http://example.com/page.htm", status: 200, ctype: "text/html", body: "page v1", revisit: true, date: capT2},
		{url: "http://example.com/lost.htm", status: notCaptured, body: "not in the archive: http://example.com/lost.htm"},
		{url: "http://example.com/multi.htm", status: 200, ctype: "text/html", body: "new", date: capT1},
		{url: "http://example.com/errors.htm", status: 503, body: "busy", date: capT1},
		{url: "http://example.com/bad-digest.htm", status: notCaptured, body: "not in the archive: http://example.com/bad-digest.htm"},
		{url: "http://example.com/scan.jpg", status: 200, ctype: "image/jpeg", body: "\xff\xd8\xff scan", date: capT0},
		{url: "http://example.com/redirect", status: 302, date: capT0},
		{url: "http://example.com/frag.htm", status: 200, ctype: "text/html", body: "fragment", date: capT0},
		{url: "http://example.com/secure.htm", status: 200, ctype: "text/html", body: "over https", date: capT0},
		{url: "http://example.org/wget.htm", status: notCaptured, body: "not in the archive: http://example.org/wget.htm"},
	}
	paths, files := warcArchiveForms(t)
	for i, name := range paths {
		t.Run(filepath.Base(name), func(t *testing.T) {
			a := openTestArchive(t, name)
			for _, tt := range tests {
				got := replayGet(t, a, tt.url)
				if got.status != tt.status || tt.ctype != "" && got.ctype != tt.ctype || tt.body != "" && string(got.body) != tt.body {
					t.Errorf("%s: %d %q %q, want %d %q %q", tt.url, got.status, got.ctype, got.body, tt.status, tt.ctype, tt.body)
				}
				info, ok := a.Record(tt.url)
				if tt.date.IsZero() {
					if ok {
						t.Errorf("Record(%s) = %+v, want none", tt.url, info)
					}
					continue
				}
				if !ok || info.Status != tt.status || info.Revisit != tt.revisit || tt.refersTo != "" && info.RefersTo != tt.refersTo || !info.Date.Equal(tt.date) || info.File != files[i] {
					t.Errorf("Record(%s) = %+v, %v; want status %d, revisit %v of %q, date %v, file %s", tt.url, info, ok, tt.status, tt.revisit, tt.refersTo, tt.date, files[i])
				}
			}
			if got := replayGet(t, a, "http://example.com/redirect"); got.location != "/wget.htm" {
				t.Errorf("the redirect replays Location %q", got.location)
			}
			if got, want := a.StartURL(), "http://example.com/wget.htm"; got != want {
				t.Errorf("StartURL() = %q, want the first text/html capture %q", got, want)
			}
			skipped := strings.Join(a.Skipped(), "\n")
			for _, want := range []string{"lost.htm: the record it refers to is not in the archive", "bad-digest.htm: WARC-Block-Digest does not match"} {
				if !strings.Contains(skipped, want) {
					t.Errorf("Skipped() = %q, want %q", skipped, want)
				}
			}
		})
	}
}

// What a Go client sees of a replayed response: no Transfer-Encoding or Content-Encoding
// left to undo, HEAD without a body, another method refused.
func TestArchiveResponsesAreDecoded(t *testing.T) {
	t.Parallel()
	a := openTestArchive(t, handMadeWARC(t))
	resp, err := a.RoundTrip(newWARCRequest(t, "GET", "http://example.com/chunked-gzip.htm", nil))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if h := resp.Header; h.Get("Content-Encoding") != "" || h.Get("Transfer-Encoding") != "" || !resp.Uncompressed || string(body) != warcGzipPage {
		t.Errorf("chunked gzip: headers %v, Uncompressed %v, body %q", h, resp.Uncompressed, body)
	}
	head, err := a.RoundTrip(newWARCRequest(t, "HEAD", "http://example.com/wget.htm", nil))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(head.Body); head.StatusCode != 200 || len(b) != 0 || head.Header.Get("Content-Length") != "9" {
		t.Errorf("HEAD: %d, %q, Content-Length %q", head.StatusCode, b, head.Header.Get("Content-Length"))
	}
	post, err := a.RoundTrip(newWARCRequest(t, "POST", "http://example.com/wget.htm", strings.NewReader("x")))
	if err != nil || post.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %v, %v; want 405", post, err)
	}
}

// Through a Fetcher, an archive is local (no robots.txt, no waiting) and a URL it lacks is
// "not in the archive", not a status no server sent.
func TestArchiveThroughAFetcher(t *testing.T) {
	t.Parallel()
	a := openTestArchive(t, handMadeWARC(t))
	opt := fetch.DefaultFetchOptions()
	opt.Rate = 0.001 // a rate that would take minutes
	f, err := fetch.NewFetcher(opt, a)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Local() {
		t.Fatal("the Fetcher does not take the archive for local")
	}
	got := mustGet(t, f, "http://example.com/wget.htm")
	if string(got.Body) != "wget page" || got.Header.Get(HeaderVia) != "warc" {
		t.Errorf("got %q, via %q", got.Body, got.Header.Get(HeaderVia))
	}
	got = mustGet(t, f, "http://example.com/redirect")
	if got.URL != "http://example.com/wget.htm" {
		t.Errorf("the redirect led to %s", got.URL)
	}
	_, err = f.Get(t.Context(), "http://example.com/not-archived.htm", fetch.Validators{})
	if se := (*fetch.StatusError)(nil); errors.As(err, &se) || !errors.Is(err, ErrNotCaptured) || !strings.Contains(err.Error(), "not in the archive: http://example.com/not-archived.htm") {
		t.Errorf("a URL not in the archive: %v, want \"not in the archive\" and no HTTP status", err)
	}
}

// A WARC file wget 1.21.3 wrote (testdata/warc/README.md says how) replays the sample
// edition's files: wget's "<>" and its revisit records, whose block digest is that of an
// empty block, are understood; the 404 wget captured is a 404.
func TestArchiveReadsWgetWARC(t *testing.T) {
	t.Parallel()
	name := filepath.Join("testdata", "warc", "wget-1.21.3.warc.gz")
	a := openTestArchive(t, name)
	if s := a.Skipped(); len(s) != 0 {
		t.Errorf("Skipped() = %q", s)
	}
	const site = "http://epaper.cqrb.cn"
	for _, p := range []string{"/html/cqrb/index.htm", "/html/cqrb/2021-04/14/007/node.htm", "/html/cqrb/2021-04/14/007/content_268830.htm",
		"/page/cqrb/2021-04/14/007/cqrb20210414007.pdf", "/images/dot.gif", "/css/epaper.css"} {
		want, err := os.ReadFile(filepath.Join(fixture.Root(), filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		got := replayGet(t, a, site+p)
		if got.status != 200 || !bytes.Equal(got.body, want) {
			t.Errorf("%s: %d, %d bytes; want 200 and the file, %d bytes", p, got.status, len(got.body), len(want))
		}
		info, ok := a.Record(site + p)
		if !ok || !info.Revisit || info.RefersTo == "" || info.RefersTo == info.RecordID || info.File != name {
			t.Errorf("Record(%s) = %+v, %v; want wget's second run, a revisit", p, info, ok)
		}
	}
	if got := replayGet(t, a, site+"/html/cqrb/2021-04/14/009/node.htm"); got.status != 404 {
		t.Errorf("the captured 404 replays %d", got.status)
	}
	if info, ok := a.Record(site + "/html/cqrb/2021-04/14/009/node.htm"); !ok || info.Status != 404 {
		t.Errorf("Record of the captured 404: %+v, %v", info, ok)
	}
	if got := a.StartURL(); got != site+"/html/cqrb/index.htm" {
		t.Errorf("StartURL() = %q", got)
	}
}

// An archive that is cut short, damaged or not an archive at all is an error naming the file.
func TestOpenArchiveRefusesABrokenArchive(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	perRecord := writeHandMadeWARC(t)
	zr, _ := gzip.NewReader(bytes.NewReader(perRecord))
	plain, _ := io.ReadAll(zr)
	flipped := bytes.Clone(perRecord)
	flipped[len(flipped)/2] ^= 0xff
	noWARC := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("datapackage.json")
		io.WriteString(w, "{}")
		zw.Close()
		return buf.Bytes()
	}()
	tests := []struct {
		name string
		data []byte
		says string
	}{
		{"cut.warc.gz", perRecord[:len(perRecord)-100], "unexpected EOF"},
		{"cut.warc", plain[:bytes.LastIndex(plain, []byte("outlinks"))+3], "block cut short: 3 of 16 bytes"},
		{"cut-header.warc", plain[:200], "offset"},
		{"flipped.warc.gz", flipped, "offset"},
		{"notes.warc", []byte("these are not WARC records\n"), "not a WARC record"},
		{"empty.warc.gz", nil, "no response, resource or revisit record"},
		{"no-warc.wacz", noWARC, "no WARC files under archive/"},
		{"cut.wacz", makeWACZ(t, perRecord[:len(perRecord)-100], zip.Store), "cut.wacz#archive/data.warc.gz"},
	}
	for _, tt := range tests {
		name := filepath.Join(dir, tt.name)
		os.WriteFile(name, tt.data, 0o644)
		a, err := OpenArchive(name)
		if err == nil {
			a.Close()
			t.Errorf("%s: opened", tt.name)
			continue
		}
		errorSays(t, err, name, tt.says)
	}
	if _, err := OpenArchive(filepath.Join(dir, "missing.warc.gz")); err == nil || !strings.Contains(err.Error(), "missing.warc.gz") {
		t.Errorf("a missing file: %v", err)
	}
}

func TestArchiveKey(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"<http://Epaper.CQRB.cn/html/cqrb/index.htm>": "http://epaper.cqrb.cn/html/cqrb/index.htm",
		"HTTP://epaper.cqrb.cn:80/a?b=1#frag":         "http://epaper.cqrb.cn/a?b=1",
		"https://epaper.cqrb.cn:443":                  "https://epaper.cqrb.cn/",
		"http://epaper.cqrb.cn:8080/a":                "http://epaper.cqrb.cn:8080/a",
		"dns:epaper.cqrb.cn":                          "",
		"metadata://gnu.org/software/wget/warc/x":     "",
	} {
		if got, _ := archiveKey(in); got != want {
			t.Errorf("archiveKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func mustGet(t *testing.T, f *fetch.Fetcher, u string) *fetch.Fetched {
	t.Helper()
	got, err := f.Get(t.Context(), u, fetch.Validators{})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// errorSays fails the test unless err's message holds every part.
func errorSays(t *testing.T, err error, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not say %q", err, p)
		}
	}
}
