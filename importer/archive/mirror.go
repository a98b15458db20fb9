package archive

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Mirror is an http.RoundTripper that answers requests from the files of a mirror of a site
// (as wget --mirror and HTTrack write them), as the site's server would: a file as 200, a
// folder as its index.htm, a missing one as 404. A request for another host fails: a mirror
// holds one site. Responses carry X-Epaper-Via ("mirror") and X-Epaper-Retrieved (the file's
// modification time: wget and HTTrack set it to the server's Last-Modified).
type Mirror struct {
	root string // the folder that stands for the site's root
	host string // the host it stands for; "" for file:// URLs
}

// NewMirror returns a Mirror of host whose root folder is root. With host "", it answers
// file:// URLs, root being the folder their paths start from.
func NewMirror(root, host string) *Mirror { return &Mirror{root: root, host: host} }

// Local says that the mirror is on disk: a Fetcher neither rate limits it nor asks it for
// robots.txt.
func (t *Mirror) Local() bool { return true }

func (t *Mirror) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.host != "" && !strings.EqualFold(req.URL.Host, t.host) || t.host == "" && req.URL.Scheme != "file" {
		return nil, fmt.Errorf("%s is not in the mirror of %s", req.URL, t.root)
	}
	clean := path.Clean("/" + req.URL.Path) // never above the mirror's root
	name := filepath.Join(t.root, filepath.FromSlash(clean))
	if fi, err := os.Stat(name); err == nil && fi.IsDir() {
		name = filepath.Join(name, "index.htm")
	}
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return response(req, http.StatusNotFound, "", []byte("not in the mirror")), nil
	}
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if strings.HasPrefix(ctype, "text/html") {
		ctype = "text/html" // a mirror keeps no headers: the page's <meta> tells the charset
	}
	resp := response(req, http.StatusOK, ctype, data)
	resp.Header.Set(HeaderVia, "mirror")
	resp.Header.Set(HeaderRetrieved, fi.ModTime().UTC().Format(time.RFC3339)) // wget and HTTrack keep the server's date
	return resp, nil
}

// Headers a Mirror and an ArchiveTransport add to say where a response came from, for the
// provenance of a bundle. An importer trusts them only from a transport that says it is local
// (a method Local() returning true), never from the network.
const (
	HeaderVia        = "X-Epaper-Via"         // "mirror" or "warc"
	HeaderRetrieved  = "X-Epaper-Retrieved"   // when the bytes were captured, RFC 3339
	HeaderWARCRecord = "X-Epaper-Warc-Record" // the WARC-Record-ID that answered
	HeaderWARCFile   = "X-Epaper-Warc-File"   // the archive file
)

func response(req *http.Request, status int, ctype string, body []byte) *http.Response {
	h := http.Header{}
	if ctype != "" {
		h.Set("Content-Type", ctype)
	}
	return &http.Response{
		Status: fmt.Sprintf("%d %s", status, http.StatusText(status)), StatusCode: status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
		Request: req,
	}
}
