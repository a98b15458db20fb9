package archive

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// Records are read and written by gowarc. What is epaper's own is the framing around them:
// which gzip member a record is in (a .warc.gz is usually a gzip member per record, so that
// a record can be read from its offset, but may be gzipped as a whole), and the line ends
// some writers put between records.
//
// gowarc is used as follows, because of how it validates:
//   - a record is read with WithSkipParseBlock and the default policies, so that its block is
//     cached whole (in memory, or a temporary file past 1 MiB) and its WARC-Block-Digest and
//     Content-Length are checked; without validation gowarc leaves the block unread at the
//     next record, and a block read later is cut to what its buffer held;
//   - a field its validation cannot parse it replaces by "" (wget's "<http://…>" target URIs,
//     following WARC 1.0's grammar), so the header is also read as written, with
//     WithNoValidation, from the bytes of the header before the validating read.

// recordLoc is where a record is: the offset of its gzip member (or of the record, in an
// uncompressed file) and, for a file gzipped as a whole, how far into the member it starts.
type recordLoc struct {
	off   int64
	inner int64
}

// warcRecord is a record as read: its header fields as written, and the record as gowarc
// read and validated it, its block cached.
type warcRecord struct {
	loc      recordLoc
	version  string
	fields   *gowarc.WarcFields
	rec      gowarc.WarcRecord
	problems []error // what gowarc's validation found
}

// get returns the value of the field name as written, or "".
func (r *warcRecord) get(name string) string { return strings.TrimSpace(r.fields.Get(name)) }

// id returns a field naming a record or a URI, without the "<>" WARC wraps record IDs in
// (and wget, following WARC 1.0's grammar, WARC-Target-URI too).
func (r *warcRecord) id(name string) string {
	v := r.get(name)
	if len(v) >= 2 && v[0] == '<' && v[len(v)-1] == '>' {
		v = strings.TrimSpace(v[1 : len(v)-1])
	}
	return v
}

// block returns the record's block, from its start.
func (r *warcRecord) block() (io.Reader, error) { return r.rec.Block().RawBytes() }

// length is the size of the block as read.
func (r *warcRecord) length() int64 { return r.rec.Block().Size() }

// close releases the cached block.
func (r *warcRecord) close() error { return r.rec.Close() }

// digestOK says whether the block matched its WARC-Block-Digest (or had none to match, or
// one whose encoding could not be read).
func (r *warcRecord) digestOK() bool {
	for _, p := range r.problems {
		if de := (*gowarc.DigestError)(nil); errors.As(p, &de) && strings.HasPrefix(p.Error(), "block") {
			return false
		}
	}
	return true
}

// whole returns an error when the block is shorter than its Content-Length: the file was cut.
func (r *warcRecord) whole() error {
	for _, p := range r.problems {
		if ce := (*gowarc.ContentLengthError)(nil); errors.As(p, &ce) && ce.Actual < ce.Expected {
			return r.errorf("block cut short: %d of %d bytes (truncated file?)", ce.Actual, ce.Expected)
		}
	}
	return nil
}

func (r *warcRecord) errorf(format string, a ...any) error {
	return fmt.Errorf("record at offset %d: %w", r.loc.off, fmt.Errorf(format, a...))
}

// readOptions are those of the validating read of a record.
var readOptions = []gowarc.WarcRecordOption{gowarc.WithSkipParseBlock()}

// gowarcNew serialises the making of gowarc's unmarshalers and record builders: each sets a
// global of the uuid package (EnableRandPool) without a lock, a data race between two
// archives read or written at once. What they do afterwards needs no lock.
var gowarcNew sync.Mutex

func newUnmarshaler(opts ...gowarc.WarcRecordOption) gowarc.Unmarshaler {
	gowarcNew.Lock()
	defer gowarcNew.Unlock()
	return gowarc.NewUnmarshaler(opts...)
}

func newRecordBuilder(typ gowarc.RecordType, opts ...gowarc.WarcRecordOption) gowarc.WarcRecordBuilder {
	gowarcNew.Lock()
	defer gowarcNew.Unlock()
	return gowarc.NewRecordBuilder(typ, opts...)
}

// readRecord reads the record at the start of br (a stream of plain WARC records): its
// header as written, then the whole record through gowarc's validating reader.
func readRecord(br *bufio.Reader, loc recordLoc) (*warcRecord, error) {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("record at offset %d: %w", loc.off, fmt.Errorf(format, a...))
	}
	if magic, err := br.Peek(5); err != nil {
		return nil, fail("version line: %w", io.ErrUnexpectedEOF)
	} else if string(magic) != "WARC/" {
		line, _ := br.Peek(min(br.Buffered(), 20))
		return nil, fail("not a WARC record: starts %q", truncate(string(line), 20))
	}
	head, err := peekHeader(br)
	if err != nil {
		return nil, fail("header: %w", err)
	}
	rec := &warcRecord{loc: loc, version: strings.TrimSpace(string(head[:bytes.IndexByte(head, '\n')]))}
	asWritten, _, _, err := newUnmarshaler(gowarc.WithNoValidation()).Unmarshal(bufio.NewReader(bytes.NewReader(head)))
	if err != nil {
		return nil, fail("header: %w", err)
	}
	rec.fields = asWritten.WarcHeader()
	asWritten.Close()
	if _, err := rec.fields.GetInt64(gowarc.ContentLength); err != nil {
		return nil, fail("Content-Length %q: not a length", rec.fields.Get(gowarc.ContentLength))
	}
	r, _, problems, err := newUnmarshaler(readOptions...).Unmarshal(br)
	if err != nil {
		if r != nil {
			r.Close()
		}
		return nil, fail("%w", err)
	}
	rec.rec, rec.problems = r, problems
	if err := rec.whole(); err != nil {
		rec.close()
		return nil, err
	}
	return rec, nil
}

// peekHeader returns the version line and header fields of the record at the start of br,
// with the empty line that ends them, without reading them.
func peekHeader(br *bufio.Reader) ([]byte, error) {
	for n := min(4096, br.Size()); ; n = br.Size() {
		b, err := br.Peek(n)
		if i := bytes.Index(b, []byte("\r\n\r\n")); i >= 0 {
			return b[:i+4], nil
		}
		if i := bytes.Index(b, []byte("\n\n")); i >= 0 {
			return b[:i+2], nil
		}
		switch {
		case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
			return nil, io.ErrUnexpectedEOF
		case err != nil && err != bufio.ErrBufferFull:
			return nil, err
		case n == br.Size():
			return nil, fmt.Errorf("longer than %d bytes", n)
		}
	}
}

// warcReader reads the records of one WARC file, plain or gzipped, in order.
type warcReader struct {
	file   *countingReader // the file's bytes, counted
	src    *bufio.Reader   // over file
	gz     *gzip.Reader    // the current gzip member, if any
	zcount *countingReader // the member's uncompressed bytes, counted
	zsrc   *bufio.Reader   // over zcount
	member int64           // offset of the current member; -1: none
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func newWARCReader(r io.Reader) *warcReader {
	c := &countingReader{r: r}
	return &warcReader{file: c, src: bufio.NewReaderSize(c, 64<<10), member: -1}
}

// pos is the offset in the file of the next byte src gives.
func (r *warcReader) pos() int64 { return r.file.n - int64(r.src.Buffered()) }

// next returns the next record, or io.EOF after the last. The caller closes it.
func (r *warcReader) next() (*warcRecord, error) {
	if r.member >= 0 {
		more, err := r.moreInMember()
		if err != nil {
			return nil, err
		}
		if more {
			inner := r.zcount.n - int64(r.zsrc.Buffered())
			return readRecord(r.zsrc, recordLoc{off: r.member, inner: inner})
		}
	}
	if err := skipNewlines(r.src); err != nil {
		return nil, err
	}
	off := r.pos()
	magic, err := r.src.Peek(2)
	if err != nil {
		return nil, fmt.Errorf("offset %d: %w", off, io.ErrUnexpectedEOF)
	}
	if magic[0] != 0x1f || magic[1] != 0x8b {
		return readRecord(r.src, recordLoc{off: off})
	}
	if err := r.openMember(); err != nil {
		return nil, fmt.Errorf("offset %d: gzip: %w", off, err)
	}
	r.member = off
	return readRecord(r.zsrc, recordLoc{off: off})
}

func (r *warcReader) openMember() error {
	if r.gz == nil {
		r.gz = new(gzip.Reader)
		r.zcount = &countingReader{}
		r.zsrc = bufio.NewReaderSize(r.zcount, 64<<10)
	}
	if err := r.gz.Reset(r.src); err != nil { // src is an io.ByteReader: gzip reads no further than the member
		return err
	}
	r.gz.Multistream(false)
	r.zcount.r, r.zcount.n = r.gz, 0
	r.zsrc.Reset(r.zcount)
	return nil
}

// moreInMember says whether the current gzip member holds another record (a file gzipped as a
// whole); at its end it checks the member's checksum and leaves it.
func (r *warcReader) moreInMember() (bool, error) {
	err := skipNewlines(r.zsrc)
	if err == nil {
		return true, nil
	}
	if err != io.EOF {
		return false, fmt.Errorf("offset %d: gzip: %w", r.member, err)
	}
	r.member = -1
	return false, nil
}

// skipNewlines skips the line ends some writers put between records; io.EOF at the end.
func skipNewlines(br *bufio.Reader) error {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return err
		}
		if b != '\r' && b != '\n' {
			return br.UnreadByte()
		}
	}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// readRecordAt reads the record at loc in ra (size bytes long), its block cached.
func readRecordAt(ra io.ReaderAt, size int64, loc recordLoc) (*warcRecord, error) {
	src := bufio.NewReader(io.NewSectionReader(ra, loc.off, size-loc.off))
	br := src
	if magic, err := src.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(src)
		if err != nil {
			return nil, fmt.Errorf("record at offset %d: gzip: %w", loc.off, err)
		}
		gz.Multistream(false)
		br = bufio.NewReaderSize(gz, 64<<10)
	} else {
		br = bufio.NewReaderSize(src, 64<<10)
	}
	if _, err := br.Discard(int(loc.inner)); err != nil {
		return nil, fmt.Errorf("record at offset %d+%d: %w", loc.off, loc.inner, err)
	}
	if err := skipNewlines(br); err != nil {
		return nil, fmt.Errorf("record at offset %d: %w", loc.off, eofIsUnexpected(err))
	}
	return readRecord(br, loc)
}

func eofIsUnexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// newRecordID returns a fresh WARC-Record-ID: a random (version 4) UUID URN, in "<>".
func newRecordID() string {
	var u [16]byte
	rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// warcDate formats t as WARC-Date: UTC, to the second, as every reader understands.
func warcDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// parseWARCDate reads a WARC-Date: ISO 8601 in UTC, to the second or finer (WARC 1.1), or
// less precise (W3C-DTF, which WARC 1.0 allows). A missing or unreadable date is the zero time.
func parseWARCDate(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02", "2006-01", "2006", "20060102150405"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
