package archive

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"time"
)

// ArchiveTransport answers requests from a web archive — a WARC file (.warc, .warc.gz) or a
// WACZ (a zip with WARC files under archive/) — as the site answered them when it was
// captured, so that an edition can be imported from an archive exactly as from the live site.
// It is an http.RoundTripper, safe for concurrent use, and Local: a Fetcher neither rate
// limits it nor asks it for robots.txt.
//
// Each URL answers with one capture, chosen when the archive is opened: of the URL's
// response, resource and revisit records, a 2xx one before a 3xx one before any other status
// (304 included), a whole one before one marked WARC-Truncated, then the newest (by WARC-Date;
// at the same date the one later in the archive). A revisit answers with the body of the
// record it refers to: the one WARC-Refers-To names, else the capture of
// WARC-Refers-To-Target-URI at WARC-Refers-To-Date, else one with the same
// WARC-Payload-Digest; its status and headers are its own unless it has none or says 304.
//
// The body is what a Go client sees: de-chunked, and gzip Content-Encoding decoded (with
// Content-Encoding and Content-Length removed, as http.Transport does). URLs match whatever
// the "<>" around a target URI, the case of scheme and host, a default port or a fragment; a
// URL captured over the other scheme (http, https) answers too. A URL the archive does not
// hold is a *MissingError ("not in the archive: URL"), not a status no server sent; a 404
// the archive captured is a 404. Responses carry the X-Epaper-Via ("warc"),
// X-Epaper-Retrieved (the WARC-Date of the record holding the body), X-Epaper-Warc-Record and
// X-Epaper-Warc-File headers for the bundle's provenance; Record says the same.
type ArchiveTransport struct {
	path    string
	files   []*archiveFile
	byURL   map[string]*capture // the capture that answers, by archiveKey
	order   []*capture          // the answering captures, in archive order
	skipped []string
	closer  io.Closer
}

// RecordInfo says which record answers a URL. File is the WARC file the record is in: the
// path given to OpenArchive, or for a WACZ that path, "#" and the member
// ("x.wacz#archive/data.warc.gz").
type RecordInfo struct {
	URI      string    // its WARC-Target-URI, without "<>"
	RecordID string    // its WARC-Record-ID, without "<>"
	Date     time.Time // its WARC-Date (for a revisit, the revisit's)
	File     string
	Offset   int64  // where in File the record (its gzip member) starts
	Status   int    // the HTTP status it answers with
	Revisit  bool   // it is a revisit record: the payload is that of RefersTo
	RefersTo string // for a revisit, the WARC-Record-ID of the record holding the payload
}

// archiveFile is one WARC file of an archive, read at random.
type archiveFile struct {
	name string // for RecordInfo.File and errors
	ra   io.ReaderAt
	size int64
}

// OpenArchive opens a .warc, .warc.gz or .wacz file and indexes its records. A file that is
// cut short or is not a WARC is an error naming it. A record whose WARC-Block-Digest does not
// match is left out (see Skipped), and so is a revisit whose original is not in the archive.
func OpenArchive(name string) (*ArchiveTransport, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	t := &ArchiveTransport{path: name, byURL: map[string]*capture{}, closer: f}
	if err := t.open(f); err != nil {
		f.Close()
		return nil, err
	}
	return t, nil
}

func (t *ArchiveTransport) open(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("archive %q: %w", t.path, err)
	}
	if fi.IsDir() {
		return fmt.Errorf("archive %q: a directory, not a .warc, .warc.gz or .wacz file", t.path)
	}
	if isZip(f) {
		err = t.addWACZ(f, fi.Size())
	} else {
		t.files = []*archiveFile{{name: t.path, ra: f, size: fi.Size()}}
	}
	if err != nil {
		return err
	}
	return t.index()
}

func isZip(f io.ReaderAt) bool {
	magic := make([]byte, 4)
	n, _ := f.ReadAt(magic, 0)
	return n == 4 && string(magic) == "PK\x03\x04"
}

// addWACZ adds the WARC files under archive/ in a WACZ. WACZ stores them uncompressed in the
// zip (they are gzipped already), so they are read in place; a compressed member is read
// into memory.
func (t *ArchiveTransport) addWACZ(f *os.File, size int64) error {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return fmt.Errorf("archive %q: zip: %w", t.path, err)
	}
	for _, m := range zr.File {
		if !strings.HasPrefix(m.Name, "archive/") || !(strings.HasSuffix(m.Name, ".warc") || strings.HasSuffix(m.Name, ".warc.gz")) {
			continue
		}
		af, err := waczMember(f, m)
		if err != nil {
			return fmt.Errorf("archive %q: %s: %w", t.path, m.Name, err)
		}
		af.name = t.path + "#" + m.Name
		t.files = append(t.files, af)
	}
	if len(t.files) == 0 {
		return fmt.Errorf("archive %q: a zip with no WARC files under archive/ (not a WACZ?)", t.path)
	}
	return nil
}

func waczMember(f *os.File, m *zip.File) (*archiveFile, error) {
	if m.Method == zip.Store {
		off, err := m.DataOffset()
		if err != nil {
			return nil, err
		}
		return &archiveFile{ra: io.NewSectionReader(f, off, int64(m.CompressedSize64)), size: int64(m.CompressedSize64)}, nil
	}
	rc, err := m.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	return &archiveFile{ra: bytes.NewReader(data), size: int64(len(data))}, nil
}

// Close closes the archive file.
func (t *ArchiveTransport) Close() error {
	if t.closer == nil {
		return nil
	}
	err := t.closer.Close()
	t.closer = nil
	return err
}

// Local says that the archive is on disk: a Fetcher neither rate limits it nor asks it for
// robots.txt.
func (t *ArchiveTransport) Local() bool { return true }

// Skipped lists the records left out of the index, with the reason: a block digest that does
// not match, a revisit whose original is not in the archive, an unreadable HTTP header.
func (t *ArchiveTransport) Skipped() []string { return t.skipped }

// URLs returns the URLs the archive answers (normalised as lookups are), in archive order.
func (t *ArchiveTransport) URLs() []string {
	urls := make([]string, len(t.order))
	for i, c := range t.order {
		urls[i] = c.key
	}
	return urls
}

// Record says which record answers (or answered) a request for u; false if the archive
// holds no capture of u.
func (t *ArchiveTransport) Record(u string) (RecordInfo, bool) {
	c := t.lookup(u)
	if c == nil {
		return RecordInfo{}, false
	}
	info := RecordInfo{URI: c.uri, RecordID: c.id, Date: c.date, File: c.file.name, Offset: c.loc.off, Status: c.status}
	if c.payload != nil {
		info.Revisit, info.RefersTo = true, c.payload.id
	}
	return info, true
}

// StartURL is where an import of the whole archive starts: the first capture (in archive
// order) of an index.htm or node.htm that answers 2xx or 3xx, else the first 2xx text/html
// capture; "" if there is neither.
func (t *ArchiveTransport) StartURL() string {
	for _, c := range t.order {
		base := path.Base(urlPath(c.key))
		if (base == "index.htm" || base == "index.html" || base == "node.htm") && c.status < 400 {
			return c.key
		}
	}
	for _, c := range t.order {
		if c.status/100 == 2 && strings.HasPrefix(strings.ToLower(c.ctype), "text/html") {
			return c.key
		}
	}
	return ""
}

func urlPath(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return p.Path
}

// lookup finds the capture answering u, trying the other scheme (http, https) when the
// archive holds none for u's own.
func (t *ArchiveTransport) lookup(u string) *capture {
	key, ok := archiveKey(u)
	if !ok {
		return nil
	}
	if c := t.byURL[key]; c != nil {
		return c
	}
	if rest, ok := strings.CutPrefix(key, "http://"); ok {
		return t.byURL["https://"+rest]
	}
	if rest, ok := strings.CutPrefix(key, "https://"); ok {
		return t.byURL["http://"+rest]
	}
	return nil
}

// archiveKey normalises a URL for lookup: "<>" removed, scheme and host in lower case, no
// default port, no fragment, "/" for an empty path. Only http(s) URLs have a key.
func archiveKey(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if len(raw) >= 2 && raw[0] == '<' && raw[len(raw)-1] == '>' {
		raw = raw[1 : len(raw)-1]
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", false
	}
	u.Host = strings.ToLower(u.Host)
	if port := u.Port(); port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		u.Host = u.Hostname()
	}
	u.User, u.Fragment, u.RawFragment = nil, "", ""
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	return u.String(), true
}

// RoundTrip answers req from the archive.
func (t *ArchiveTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	c := t.lookup(req.URL.String())
	if c == nil {
		return nil, &MissingError{URL: req.URL.String(), Where: "archive"} // no server was asked: no status
	}
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		return response(req, http.StatusMethodNotAllowed, "", nil), nil
	}
	resp, err := replay(req, c)
	if err != nil {
		return nil, fmt.Errorf("%s: archive %q: %w", req.URL, c.file.name, err)
	}
	return resp, nil
}
