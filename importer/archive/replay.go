package archive

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// replay builds the response of capture c: the status and headers of c, the body of the
// record holding the payload (c itself, or the original of a revisit).
func replay(req *http.Request, c *capture) (*http.Response, error) {
	body := c
	if c.payload != nil {
		body = c.payload
	}
	resp, err := readCapture(req, body)
	if err != nil {
		return nil, err
	}
	if c.payload != nil && c.revisit.hasStatus {
		if err := overlayRevisit(resp, c); err != nil {
			resp.Body.Close()
			return nil, err
		}
	}
	decodeGzip(resp)
	resp.Header.Set(HeaderVia, "warc")
	if !body.date.IsZero() {
		resp.Header.Set(HeaderRetrieved, body.date.Format(time.RFC3339)) // for a revisit, when the bytes were first captured
	}
	resp.Header.Set(HeaderWARCRecord, c.id)
	resp.Header.Set(HeaderWARCFile, c.file.name)
	if req.Method == http.MethodHead {
		resp.Body.Close()
		resp.Body = http.NoBody
	}
	return resp, nil
}

// readCapture reads the HTTP response of a response record (or makes one of a resource
// record's block), with its body streaming from the archive.
func readCapture(req *http.Request, c *capture) (*http.Response, error) {
	rec, err := readRecordAt(c.file.ra, c.file.size, c.loc)
	if err != nil {
		return nil, err
	}
	block, err := rec.block()
	if err != nil {
		rec.close()
		return nil, rec.errorf("block: %w", err)
	}
	body := recordBody{Reader: block, rec: rec}
	if c.resource {
		resp := response(req, http.StatusOK, c.ctype, nil)
		resp.Body, resp.ContentLength = body, rec.length()
		return resp, nil
	}
	get := req
	if req.Method != http.MethodGet { // read the body as recorded, even for HEAD
		get = req.Clone(req.Context())
		get.Method = http.MethodGet
	}
	resp, err := http.ReadResponse(bufio.NewReader(body), get)
	if err != nil {
		rec.close()
		return nil, fmt.Errorf("record %s: HTTP response: %w", c.id, err)
	}
	resp.Body = closeBoth{ReadCloser: resp.Body, also: rec}
	resp.Request = req
	return resp, nil
}

// overlayRevisit gives resp (the original's) the status and headers the revisit recorded,
// except those that describe the stored payload's encoding.
func overlayRevisit(resp *http.Response, c *capture) error {
	rec, err := readRecordAt(c.file.ra, c.file.size, c.loc)
	if err != nil {
		return err
	}
	defer rec.close()
	block, err := rec.block()
	if err != nil {
		return rec.errorf("block: %w", err)
	}
	head, err := http.ReadResponse(bufio.NewReader(block), nil)
	if err != nil {
		return fmt.Errorf("record %s: HTTP response: %w", c.id, err)
	}
	head.Body.Close()
	h := head.Header.Clone()
	for _, name := range []string{"Content-Encoding", "Content-Length", "Transfer-Encoding"} {
		delete(h, name)
		if v, ok := resp.Header[name]; ok {
			h[name] = v
		}
	}
	resp.Status, resp.StatusCode, resp.Header = head.Status, head.StatusCode, h
	return nil
}

// decodeGzip decodes a gzip Content-Encoding, as http.Transport does for a request it
// asked gzip for.
func decodeGzip(resp *http.Response) {
	ce := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	if ce != "gzip" && ce != "x-gzip" || resp.Body == http.NoBody {
		return
	}
	resp.Body = &gunzipBody{rc: resp.Body}
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
	resp.Uncompressed = true
}

// gunzipBody decodes a gzip body lazily, so that an empty or broken one is an error of Read.
type gunzipBody struct {
	rc  io.ReadCloser
	zr  io.Reader
	err error
}

func (b *gunzipBody) Read(p []byte) (int, error) {
	if b.zr == nil && b.err == nil {
		b.zr, b.err = gzip.NewReader(b.rc)
	}
	if b.err != nil {
		return 0, b.err
	}
	return b.zr.Read(p)
}

func (b *gunzipBody) Close() error { return b.rc.Close() }

// recordBody is the block of a record being replayed; closing it releases the record.
type recordBody struct {
	io.Reader
	rec *warcRecord
}

func (b recordBody) Close() error { return b.rec.close() }

// closeBoth is a response body read from a record: closing it releases the record too.
type closeBoth struct {
	io.ReadCloser
	also *warcRecord
}

func (b closeBoth) Close() error { return errors.Join(b.ReadCloser.Close(), b.also.close()) }
