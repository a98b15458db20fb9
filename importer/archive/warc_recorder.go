package archive

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// Recorder is an http.RoundTripper that passes each request on to the next one and writes
// the exchange to a WARC 1.1 file: a request record and a response record, each a gzip member
// of its own, after a warcinfo record (software: epaper). It is safe for concurrent use; the
// records of one exchange are written together.
//
// The response record holds the body as received, teed while the caller reads it, and is
// written when the caller has read the body to its end or closes it. A body closed before its
// end is recorded with what was read, marked "WARC-Truncated: length"; one cut by a read
// error, "disconnect"; one still open when the Recorder is closed, "unspecified" (what was
// read by then). A body read after Close is not recorded. Bodies are held until written, in
// memory up to 1 MiB each, past it in temporary files.
//
// Like http.Transport, the Recorder asks for gzip when the request names no Accept-Encoding
// (and no Range, and is not HEAD) and decodes the answer for the caller: the record keeps the
// compressed bytes the server sent, the caller sees the decoded ones. The request record
// holds the request line, Host and the request's headers (what the next transport adds,
// such as a default User-Agent, it cannot see). A response without a body (HEAD, 304) is
// written at once; a request that fails with no response writes nothing. Once a write has
// failed, RoundTrip fails too, rather than fetch what it can no longer record.
type Recorder struct {
	next http.RoundTripper
	w    io.Writer
	info string // the warcinfo record's ID
	done func(err error) error

	mu      sync.Mutex
	err     error // the first write error
	closed  bool  // no new exchanges
	sealed  bool  // nothing more is written
	pending map[*recordedBody]struct{}
}

var errRecorderClosed = errors.New("warc recorder: closed")

// NewRecorder returns a Recorder writing to w, which passes requests on to next (nil:
// http.DefaultTransport). It writes the warcinfo record at once; an error writing is
// returned by the next RoundTrip and by Close.
func NewRecorder(w io.Writer, next http.RoundTripper) *Recorder {
	return newRecorder(w, next, "")
}

func newRecorder(w io.Writer, next http.RoundTripper, filename string) *Recorder {
	if next == nil {
		next = http.DefaultTransport
	}
	r := &Recorder{next: next, w: w, info: newRecordID(), pending: map[*recordedBody]struct{}{}}
	block := []byte("software: epaper\r\nformat: WARC File Format 1.1\r\n" +
		"conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n")
	fields := []field{{"WARC-Record-ID", r.info}, {"WARC-Date", warcDate(time.Now())}}
	if filename != "" {
		fields = append(fields, field{"WARC-Filename", filename})
	}
	fields = append(fields, field{"Content-Type", "application/warc-fields"})
	r.err = writeRecord(w, gowarc.Warcinfo, fields, block)
	return r
}

// CreateWARC returns a Recorder writing a gzipped WARC file (name it .warc.gz) at path,
// through a temporary file beside it that Close renames to path once everything is written
// and synced: path is a whole WARC file or nothing.
func CreateWARC(path string, next http.RoundTripper) (*Recorder, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("warc %q: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	r := newRecorder(bw, next, filepath.Base(path))
	r.done = func(err error) error {
		err = errors.Join(err, bw.Flush(), f.Sync(), f.Close())
		if err == nil {
			err = os.Rename(f.Name(), path)
		}
		if err != nil {
			os.Remove(f.Name())
			return fmt.Errorf("warc %q: %w", path, err)
		}
		return nil
	}
	return r, nil
}

// Close writes the records of bodies still open, with what was read of them, and returns
// the first error writing. For CreateWARC it then syncs the file and renames it into place
// (or removes it after an error).
func (r *Recorder) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return errRecorderClosed
	}
	r.closed = true
	open := make([]*recordedBody, 0, len(r.pending))
	for b := range r.pending {
		open = append(open, b)
	}
	r.mu.Unlock()
	for _, b := range open {
		b.finish("unspecified")
	}
	r.mu.Lock()
	r.sealed = true
	err := r.err
	r.mu.Unlock()
	if r.done != nil {
		return r.done(err)
	}
	return err
}

// Local says whether the next transport is local (a mirror or an archive being recorded
// again), so that a Fetcher treats the Recorder as it would treat it.
func (r *Recorder) Local() bool {
	l, ok := r.next.(interface{ Local() bool })
	return ok && l.Local()
}

// RoundTrip passes req on and records the exchange.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	closed, werr := r.closed, r.err
	r.mu.Unlock()
	if closed {
		return nil, errRecorderClosed
	}
	if werr != nil { // recording stopped: say so rather than fetch without it
		return nil, fmt.Errorf("warc recorder: %w", werr)
	}
	ex := &exchange{rec: r, date: time.Now()}
	out, err := ex.prepare(req)
	if err != nil {
		return nil, err
	}
	resp, err := r.next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	ex.respHead = responseHead(resp)
	resp.Request = req
	if resp.Body == nil || resp.Body == http.NoBody {
		r.write(ex, nil, "")
		return resp, nil
	}
	body := &recordedBody{rc: resp.Body, ex: ex, length: resp.ContentLength}
	r.mu.Lock()
	r.pending[body] = struct{}{}
	r.mu.Unlock()
	resp.Body = body
	if ex.askedGzip {
		decodeGzip(resp)
	}
	return resp, nil
}

// exchange is one request and its response, being recorded.
type exchange struct {
	rec       *Recorder
	date      time.Time
	uri       string
	reqHead   []byte
	reqBody   []byte
	respHead  []byte
	askedGzip bool

	ipMu sync.Mutex
	ip   string
}

// prepare returns the request to send: req with a trace for the server's IP address, and
// Accept-Encoding: gzip where http.Transport would add it; it keeps its head and body.
func (ex *exchange) prepare(req *http.Request) (*http.Request, error) {
	trace := &httptrace.ClientTrace{GotConn: func(ci httptrace.GotConnInfo) {
		if ci.Conn == nil {
			return
		}
		if host, _, err := net.SplitHostPort(ci.Conn.RemoteAddr().String()); err == nil {
			ex.ipMu.Lock()
			ex.ip = host
			ex.ipMu.Unlock()
		}
	}}
	out := req.Clone(httptrace.WithClientTrace(req.Context(), trace))
	if req.Body != nil && req.Body != http.NoBody {
		data, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("warc recorder: request body: %w", err)
		}
		ex.reqBody = data
		out.Body = io.NopCloser(bytes.NewReader(data))
	}
	if out.Header.Get("Accept-Encoding") == "" && out.Header.Get("Range") == "" && out.Method != http.MethodHead {
		out.Header.Set("Accept-Encoding", "gzip")
		ex.askedGzip = true
	}
	ex.uri = req.URL.String()
	host := out.Host
	if host == "" {
		host = out.URL.Host
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", out.Method, out.URL.RequestURI(), host)
	out.Header.Write(&b)
	b.WriteString("\r\n")
	ex.reqHead = b.Bytes()
	return out, nil
}

// responseHead is the status line and headers of resp as an HTTP/1.x message whose body
// follows as received: without Transfer-Encoding, which the client has undone.
func responseHead(resp *http.Response) []byte {
	proto, status := resp.Proto, resp.Status
	if proto == "" {
		proto = "HTTP/1.1"
	}
	if status == "" || status == strconv.Itoa(resp.StatusCode) {
		status = fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	h := resp.Header.Clone()
	h.Del("Transfer-Encoding")
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s\r\n", proto, status)
	h.Write(&b)
	b.WriteString("\r\n")
	return b.Bytes()
}

// write writes the request and response records of ex, with body (nil: none) and, if not
// "", the WARC-Truncated reason.
func (r *Recorder) write(ex *exchange, body *spillBuffer, truncated string) {
	respID, reqID := newRecordID(), newRecordID()
	date := warcDate(ex.date)
	ex.ipMu.Lock()
	ip := ex.ip
	ex.ipMu.Unlock()
	common := func(id string) []field {
		f := []field{{"WARC-Record-ID", id}, {"WARC-Date", date}, {"WARC-Target-URI", ex.uri}}
		if ip != "" {
			f = append(f, field{"WARC-IP-Address", ip})
		}
		return append(f, field{"WARC-Warcinfo-ID", r.info})
	}
	reqFields := append(common(reqID), field{"WARC-Concurrent-To", respID}, field{"Content-Type", "application/http;msgtype=request"})
	respFields := append(common(respID), field{"Content-Type", "application/http;msgtype=response"})
	if truncated != "" {
		respFields = append(respFields, field{"WARC-Truncated", truncated})
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sealed || r.err != nil {
		return
	}
	if r.err = writeRecord(r.w, gowarc.Request, reqFields, ex.reqHead, ex.reqBody); r.err == nil {
		var payload io.Reader = bytes.NewReader(nil)
		if body != nil {
			if payload, r.err = body.Reader(); r.err != nil {
				return
			}
		}
		r.err = writeRecordFrom(r.w, gowarc.Response, respFields, io.MultiReader(bytes.NewReader(ex.respHead), payload))
	}
}

// recordedBody tees a response body into memory (past 1 MiB, a temporary file) and has the exchange written when the body
// ends or is closed.
type recordedBody struct {
	rc     io.ReadCloser
	ex     *exchange
	length int64 // the response's ContentLength; -1: unknown

	mu   sync.Mutex
	buf  spillBuffer
	done bool
}

func (b *recordedBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.mu.Lock()
	if !b.done {
		b.buf.Write(p[:n])
	}
	b.mu.Unlock()
	switch {
	case err == io.EOF:
		b.finish("")
	case err != nil:
		b.finish("disconnect")
	}
	return n, err
}

func (b *recordedBody) Close() error {
	err := b.rc.Close()
	b.finish("length")
	return err
}

// finish writes the exchange, once, with what was read; reason says why the body may not be
// whole, unless all of a known length was read.
func (b *recordedBody) finish(reason string) {
	b.mu.Lock()
	if b.done {
		b.mu.Unlock()
		return
	}
	b.done = true
	b.mu.Unlock()
	defer b.buf.Close()
	if b.length >= 0 && b.buf.Len() == b.length {
		reason = ""
	}
	r := b.ex.rec
	r.write(b.ex, &b.buf, reason)
	r.mu.Lock()
	delete(r.pending, b)
	r.mu.Unlock()
}

// field is a WARC header field to write.
type field struct{ name, value string }

// writeOptions are those of the records a Recorder writes: WARC/1.1, SHA-1 digests in
// base32 (as wget, Heritrix and warcio write them) of the block and of the HTTP payload,
// added by gowarc, which checks the record.
var writeOptions = []gowarc.WarcRecordOption{
	gowarc.WithVersion(gowarc.V1_1), gowarc.WithAddMissingDigest(true),
	gowarc.WithDefaultDigestAlgorithm("sha1"), gowarc.WithDefaultDigestEncoding(gowarc.Base32),
}

// writeRecord builds a record of typ with fields and the concatenated block through gowarc
// (which adds Content-Length and the digests, and checks the record against WARC 1.1), and
// writes it to w as a gzip member of its own in a single Write: what w holds is whole
// records only, up to the first error.
func writeRecord(w io.Writer, typ gowarc.RecordType, fields []field, block ...[]byte) error {
	readers := make([]io.Reader, len(block))
	for i, b := range block {
		readers[i] = bytes.NewReader(b)
	}
	return writeRecordFrom(w, typ, fields, io.MultiReader(readers...))
}

// writeRecordFrom is writeRecord of the block block reads. gowarc holds the block in memory
// up to 1 MiB, then in a temporary file; the compressed record is held as spillBuffer
// holds it. A record larger than spillMem compressed is written in several Writes.
func writeRecordFrom(w io.Writer, typ gowarc.RecordType, fields []field, block io.Reader) error {
	rb := newRecordBuilder(typ, writeOptions...)
	for _, f := range fields {
		rb.AddWarcHeader(f.name, f.value)
	}
	if _, err := io.Copy(rb, block); err != nil {
		rb.Close()
		return err
	}
	rec, problems, err := rb.Build()
	if err != nil {
		return fmt.Errorf("warc %s record: %w", typ, err)
	}
	defer rec.Close()
	if len(problems) > 0 {
		return fmt.Errorf("warc %s record: %w", typ, errors.Join(problems...))
	}
	var buf spillBuffer
	defer buf.Close()
	zw := gzip.NewWriter(&buf)
	if _, _, err := gowarc.NewMarshaler().Marshal(zw, rec, 0); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if buf.file == nil {
		_, err = w.Write(buf.mem.Bytes())
		return err
	}
	r, err := buf.Reader()
	if err != nil {
		return err
	}
	_, err = io.CopyBuffer(w, r, make([]byte, 256<<10))
	return err
}
