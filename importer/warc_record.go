package importer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
	"time"
)

// The WARC format (ISO 28500, WARC 1.1) at its simplest: a record is a version line
// ("WARC/1.1"), header fields, an empty line, Content-Length bytes of block and "\r\n\r\n". A
// .warc.gz is the same with each record (usually) in a gzip member of its own, so that a
// record can be read from its offset. warc_record.go reads and writes records; warc.go
// replays an archive, warc_recorder.go writes one.

// warcFields are a record's header fields in the order written.
type warcFields []warcField

type warcField struct{ name, value string }

// get returns the value of the first field named name (case-insensitive), or "".
func (f warcFields) get(name string) string {
	for _, fl := range f {
		if strings.EqualFold(fl.name, name) {
			return fl.value
		}
	}
	return ""
}

// id returns a field naming a record or a URI, without the "<>" WARC wraps record IDs in
// (and wget, following WARC 1.0's grammar, WARC-Target-URI too).
func (f warcFields) id(name string) string {
	v := strings.TrimSpace(f.get(name))
	if len(v) >= 2 && v[0] == '<' && v[len(v)-1] == '>' {
		v = strings.TrimSpace(v[1 : len(v)-1])
	}
	return v
}

// recordLoc is where a record is: the offset of its gzip member (or of the record, in an
// uncompressed file) and, for a file gzipped as a whole, how far into the member it starts.
type recordLoc struct {
	off   int64
	inner int64
}

// warcRecord is a record being read: its header, and its block, which reads Content-Length
// bytes at most.
type warcRecord struct {
	loc     recordLoc
	version string
	fields  warcFields
	length  int64
	block   *countingReader
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

// warcReader reads the records of one WARC file, plain or gzipped, in order.
type warcReader struct {
	file   *countingReader // the file's bytes, counted
	src    *bufio.Reader   // over file
	gz     *gzip.Reader    // the current gzip member, if any
	zcount *countingReader // the member's uncompressed bytes, counted
	zsrc   *bufio.Reader   // over zcount
	member int64           // offset of the current member; -1: none
	cur    *warcRecord     // the record last returned, to finish before the next
}

func newWARCReader(r io.Reader) *warcReader {
	c := &countingReader{r: r}
	return &warcReader{file: c, src: bufio.NewReaderSize(c, 64<<10), member: -1}
}

// pos is the offset in the file of the next byte src gives.
func (r *warcReader) pos() int64 { return r.file.n - int64(r.src.Buffered()) }

// next returns the next record, or io.EOF after the last. The record's block is valid until
// the following call, which skips what the caller left of it.
func (r *warcReader) next() (*warcRecord, error) {
	if err := r.finish(); err != nil {
		return nil, err
	}
	if r.member >= 0 {
		more, err := r.moreInMember()
		if err != nil {
			return nil, err
		}
		if more {
			inner := r.zcount.n - int64(r.zsrc.Buffered())
			return r.read(r.zsrc, recordLoc{off: r.member, inner: inner})
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
		return r.read(r.src, recordLoc{off: off})
	}
	if err := r.openMember(); err != nil {
		return nil, fmt.Errorf("offset %d: gzip: %w", off, err)
	}
	r.member = off
	return r.read(r.zsrc, recordLoc{off: off})
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

// finish skips what is left of the current record's block and its end marker; a block
// shorter than its Content-Length is an error (the file was cut).
func (r *warcRecord) finish() error {
	if _, err := io.Copy(io.Discard, r.block); err != nil {
		return r.errorf("block: %w", err)
	}
	if r.block.n < r.length {
		return r.errorf("block cut short: %d of %d bytes (truncated file?)", r.block.n, r.length)
	}
	return nil
}

func (r *warcReader) finish() error {
	if r.cur == nil {
		return nil
	}
	cur := r.cur
	r.cur = nil
	return cur.finish()
}

func (r *warcRecord) errorf(format string, a ...any) error {
	return fmt.Errorf("record at offset %d: %w", r.loc.off, fmt.Errorf(format, a...))
}

// read reads a record's version line and header from br, and leaves br at its block.
func (r *warcReader) read(br *bufio.Reader, loc recordLoc) (*warcRecord, error) {
	rec, err := readRecordHeader(br, loc)
	if err != nil {
		return nil, err
	}
	r.cur = rec
	return rec, nil
}

func readRecordHeader(br *bufio.Reader, loc recordLoc) (*warcRecord, error) {
	rec := &warcRecord{loc: loc}
	line, err := readLine(br)
	if err != nil {
		return nil, rec.errorf("version line: %w", eofIsUnexpected(err))
	}
	if !strings.HasPrefix(line, "WARC/") {
		return nil, rec.errorf("not a WARC record: starts %q", truncate(line, 20))
	}
	rec.version = line
	for {
		line, err := readLine(br)
		if err != nil {
			return nil, rec.errorf("header: %w", eofIsUnexpected(err))
		}
		if line == "" {
			break
		}
		if (line[0] == ' ' || line[0] == '\t') && len(rec.fields) > 0 { // a folded line
			rec.fields[len(rec.fields)-1].value += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, rec.errorf("header line %q: no colon", truncate(line, 40))
		}
		rec.fields = append(rec.fields, warcField{strings.TrimSpace(name), strings.TrimSpace(value)})
	}
	n, err := strconv.ParseInt(rec.fields.get("Content-Length"), 10, 64)
	if err != nil || n < 0 {
		return nil, rec.errorf("Content-Length %q: not a length", rec.fields.get("Content-Length"))
	}
	rec.length = n
	rec.block = &countingReader{r: io.LimitReader(br, n)}
	return rec, nil
}

// readLine reads a line without its "\r\n" (or "\n").
func readLine(br *bufio.Reader) (string, error) {
	line, err := br.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func eofIsUnexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// readRecordAt reads the header of the record at loc in ra (size bytes long) and returns it,
// its block ready to read.
func readRecordAt(ra io.ReaderAt, size int64, loc recordLoc) (*warcRecord, error) {
	src := bufio.NewReader(io.NewSectionReader(ra, loc.off, size-loc.off))
	br := src
	if magic, err := src.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(src)
		if err != nil {
			return nil, fmt.Errorf("record at offset %d: gzip: %w", loc.off, err)
		}
		gz.Multistream(false)
		br = bufio.NewReader(gz)
	}
	if _, err := br.Discard(int(loc.inner)); err != nil {
		return nil, fmt.Errorf("record at offset %d+%d: %w", loc.off, loc.inner, err)
	}
	if err := skipNewlines(br); err != nil {
		return nil, fmt.Errorf("record at offset %d: %w", loc.off, eofIsUnexpected(err))
	}
	return readRecordHeader(br, loc)
}

// writeRecord writes one record, as a gzip member of its own, in a single Write: what w holds
// is whole records only, up to the first error. Content-Length is added to fields.
func writeRecord(w io.Writer, fields warcFields, block ...[]byte) error {
	var length int
	for _, b := range block {
		length += len(b)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	bw := bufio.NewWriter(zw)
	bw.WriteString("WARC/1.1\r\n")
	for _, f := range fields {
		bw.WriteString(f.name + ": " + f.value + "\r\n")
	}
	bw.WriteString("Content-Length: " + strconv.Itoa(length) + "\r\n\r\n")
	for _, b := range block {
		bw.Write(b)
	}
	bw.WriteString("\r\n\r\n")
	if err := errors.Join(bw.Flush(), zw.Close()); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// sha1Digest is a WARC digest of the concatenated parts: "sha1:" and base32, as WARC
// writers (wget, Heritrix, warcio) write it.
func sha1Digest(parts ...[]byte) string {
	h := sha1.New()
	for _, p := range parts {
		h.Write(p)
	}
	return "sha1:" + base32.StdEncoding.EncodeToString(h.Sum(nil))
}

// digestChecker checks a WARC-Block-Digest of sha1 or sha256 in base32, base16 or base64;
// new returns nil for another algorithm or an encoding it cannot read (nothing to check).
type digestChecker struct {
	h    hash.Hash
	want []byte
}

func newDigestChecker(field string) *digestChecker {
	algo, value, ok := strings.Cut(strings.TrimSpace(field), ":")
	if !ok {
		return nil
	}
	var h hash.Hash
	switch strings.ToLower(strings.ReplaceAll(algo, "-", "")) {
	case "sha1":
		h = sha1.New()
	case "sha256":
		h = sha256.New()
	default:
		return nil
	}
	want := decodeDigest(value, h.Size())
	if want == nil {
		return nil
	}
	return &digestChecker{h: h, want: want}
}

func decodeDigest(v string, size int) []byte {
	decoders := []func(string) ([]byte, error){
		func(s string) ([]byte, error) { return base32.StdEncoding.DecodeString(strings.ToUpper(s)) },
		hex.DecodeString,
		base64.StdEncoding.DecodeString,
		base64.RawStdEncoding.DecodeString,
		base64.URLEncoding.DecodeString,
	}
	for _, dec := range decoders {
		if b, err := dec(v); err == nil && len(b) == size {
			return b
		}
	}
	return nil
}

func (d *digestChecker) Write(p []byte) (int, error) { return d.h.Write(p) }

func (d *digestChecker) ok() bool { return bytes.Equal(d.h.Sum(nil), d.want) }

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
