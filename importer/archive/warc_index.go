package archive

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// The index of an archive: which record answers each URL. OpenArchive reads every record
// once (scan); a revisit is resolved to the record holding its payload (resolveRevisits); of
// the captures of a URL the best answers (better).

// capture is one response, resource or revisit record of a URL.
type capture struct {
	key       string // archiveKey of the target URI
	uri       string
	id        string
	date      time.Time
	file      *archiveFile
	loc       recordLoc
	seq       int // order in the archive
	status    int
	ctype     string // the HTTP Content-Type
	resource  bool   // a resource record: the block is the body
	truncated bool   // WARC-Truncated: the body is not whole
	revisit   *revisitRef
	payload   *capture // for a revisit: the resolved record holding the payload
	digest    string   // WARC-Payload-Digest
}

// revisitRef is what a revisit record says of the record it refers to.
type revisitRef struct {
	id        string    // WARC-Refers-To
	uri       string    // WARC-Refers-To-Target-URI (else the revisit's own)
	date      time.Time // WARC-Refers-To-Date
	hasStatus bool      // the revisit holds HTTP headers of its own, with a status other than 304
}

// index reads every file of the archive and chooses the capture that answers each URL.
func (t *ArchiveTransport) index() error {
	var all []*capture
	for _, f := range t.files {
		caps, err := t.scan(f, len(all))
		if err != nil {
			return fmt.Errorf("archive %q: %w", f.name, err)
		}
		all = append(all, caps...)
	}
	if len(all) == 0 {
		return fmt.Errorf("archive %q: no response, resource or revisit record of an http(s) URL", t.path)
	}
	t.resolveRevisits(all)
	for _, c := range all {
		if c.revisit != nil && c.payload == nil {
			continue
		}
		if old := t.byURL[c.key]; old == nil || better(c, old) {
			t.byURL[c.key] = c
		}
	}
	for _, c := range all {
		if t.byURL[c.key] == c {
			t.order = append(t.order, c)
		}
	}
	return nil
}

// better says whether capture a answers its URL rather than b: 2xx before 3xx before any
// other status, a whole body before a truncated one, then the newer, then the later.
func better(a, b *capture) bool {
	if ra, rb := statusRank(a), statusRank(b); ra != rb {
		return ra < rb
	}
	if a.truncated != b.truncated {
		return !a.truncated
	}
	if !a.date.Equal(b.date) {
		return a.date.After(b.date)
	}
	return a.seq > b.seq
}

func statusRank(c *capture) int {
	switch {
	case c.status/100 == 2:
		return 0
	case c.status/100 == 3 && c.status != http.StatusNotModified:
		return 1
	}
	return 2
}

// scan reads the records of one WARC file; seq numbers its captures after those before.
func (t *ArchiveTransport) scan(f *archiveFile, seq int) ([]*capture, error) {
	r := newWARCReader(io.NewSectionReader(f.ra, 0, f.size))
	var caps []*capture
	for {
		rec, err := r.next()
		if err == io.EOF {
			return caps, nil
		}
		if err != nil {
			return nil, err
		}
		c, err := t.captureOf(f, rec)
		rec.close()
		if err != nil {
			return nil, err
		}
		if c != nil {
			c.seq = seq + len(caps)
			caps = append(caps, c)
		}
	}
}

// captureOf reads what the index needs of a record, and checks its block digest; nil for a
// record that answers no URL (warcinfo, request, metadata, a non-HTTP URI).
func (t *ArchiveTransport) captureOf(f *archiveFile, rec *warcRecord) (*capture, error) {
	typ := strings.ToLower(rec.get("WARC-Type"))
	if typ != "response" && typ != "resource" && typ != "revisit" {
		return nil, nil
	}
	uri := rec.id("WARC-Target-URI")
	key, ok := archiveKey(uri)
	if !ok {
		return nil, nil
	}
	c := &capture{
		key: key, uri: uri, id: rec.id("WARC-Record-ID"), date: parseWARCDate(rec.get("WARC-Date")),
		file: f, loc: rec.loc, digest: rec.get("WARC-Payload-Digest"),
		truncated: typ != "revisit" && rec.get("WARC-Truncated") != "", // a revisit leaves out the payload: wget marks it so
	}
	block, err := rec.block()
	if err != nil {
		return nil, rec.errorf("block: %w", err)
	}
	why := c.read(typ, rec, block)
	// a revisit's block is HTTP headers at most, and wget writes the digest of an empty one
	if why == "" && typ != "revisit" && !rec.digestOK() {
		why = "WARC-Block-Digest does not match the block"
	}
	if why != "" {
		t.skipped = append(t.skipped, fmt.Sprintf("%s: offset %d: %s %s: %s", f.name, rec.loc.off, typ, uri, why))
		return nil, nil
	}
	return c, nil
}

// read reads the HTTP status and Content-Type of a record from the start of its block, and
// what a revisit refers to; it returns why the record answers nothing, or "".
func (c *capture) read(typ string, rec *warcRecord, block io.Reader) string {
	switch typ {
	case "resource":
		c.resource, c.status, c.ctype = true, http.StatusOK, rec.get("Content-Type")
		return ""
	case "revisit":
		ref := &revisitRef{
			id: rec.id("WARC-Refers-To"), uri: rec.id("WARC-Refers-To-Target-URI"),
			date: parseWARCDate(rec.get("WARC-Refers-To-Date")),
		}
		if ref.uri == "" {
			ref.uri = c.uri
		}
		c.revisit = ref
		if head, err := http.ReadResponse(bufio.NewReader(block), nil); err == nil && head.StatusCode != http.StatusNotModified {
			ref.hasStatus, c.status, c.ctype = true, head.StatusCode, head.Header.Get("Content-Type")
		}
		return ""
	}
	if ct := strings.ToLower(rec.get("Content-Type")); ct != "" && !strings.HasPrefix(ct, "application/http") && !strings.HasPrefix(ct, "message/http") {
		c.resource, c.status, c.ctype = true, http.StatusOK, rec.get("Content-Type") // a response record of a non-HTTP capture: its block is the body
		return ""
	}
	head, err := http.ReadResponse(bufio.NewReader(block), nil)
	if err != nil {
		return "HTTP response: " + err.Error()
	}
	c.status, c.ctype = head.StatusCode, head.Header.Get("Content-Type")
	return ""
}

// resolveRevisits finds, for each revisit record, the record holding its payload: the
// record WARC-Refers-To names; else a capture of WARC-Refers-To-Target-URI (or of the
// revisit's own URI) made at WARC-Refers-To-Date; else a capture with the same
// WARC-Payload-Digest (of the same URI if there is one, the newest not after the revisit);
// else, when the revisit names neither date nor digest, the newest capture of the URI before
// it. A revisit of a revisit takes the payload of the one it refers to. A revisit without
// HTTP headers of its own, or with a 304, answers with the status and headers of its
// original; one with its own status with those, and the original's body.
func (t *ArchiveTransport) resolveRevisits(all []*capture) {
	byID := map[string]*capture{}
	byKey := map[string][]*capture{}
	byDigest := map[string][]*capture{}
	for _, c := range all {
		byID[c.id] = c
		if c.revisit == nil {
			byKey[c.key] = append(byKey[c.key], c)
			if c.digest != "" {
				byDigest[c.digest] = append(byDigest[c.digest], c)
			}
		}
	}
	for _, c := range all { // in archive order: a revisit of an earlier revisit finds it resolved
		if c.revisit == nil {
			continue
		}
		c.payload = original(c, byID, byKey, byDigest)
		if c.payload == nil {
			t.skipped = append(t.skipped, fmt.Sprintf("%s: offset %d: revisit %s: the record it refers to is not in the archive", c.file.name, c.loc.off, c.uri))
			continue
		}
		c.truncated = c.payload.truncated
		if !c.revisit.hasStatus {
			c.status, c.ctype = c.payload.status, c.payload.ctype
		}
	}
}

func original(c *capture, byID map[string]*capture, byKey, byDigest map[string][]*capture) *capture {
	ref := c.revisit
	if o := byID[ref.id]; ref.id != "" && o != nil && o != c {
		if o.revisit == nil {
			return o
		}
		if o.payload != nil {
			return o.payload
		}
	}
	refKey, _ := archiveKey(ref.uri)
	if !ref.date.IsZero() {
		for _, o := range byKey[refKey] {
			if o.date.Equal(ref.date) && (c.digest == "" || o.digest == "" || o.digest == c.digest) {
				return o
			}
		}
	}
	if c.digest != "" {
		return newestBefore(c, byDigest[c.digest], refKey)
	}
	if ref.date.IsZero() {
		return newestBefore(c, byKey[refKey], refKey)
	}
	return nil
}

// newestBefore picks from candidates the newest one made before c (or, if none is, the
// first), preferring those of URL key.
func newestBefore(c *capture, candidates []*capture, key string) *capture {
	var pick *capture
	score := func(o *capture) (bool, bool) { return o.key == key, !o.date.After(c.date) }
	for _, o := range candidates {
		if pick == nil {
			pick = o
			continue
		}
		sameO, beforeO := score(o)
		sameP, beforeP := score(pick)
		switch {
		case sameO != sameP:
			if sameO {
				pick = o
			}
		case beforeO != beforeP:
			if beforeO {
				pick = o
			}
		case beforeO && o.date.After(pick.date):
			pick = o
		}
	}
	return pick
}
