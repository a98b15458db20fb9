package archive

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/epaper-archive/epaper/importer/extract"
)

// UnknownHost is the host a mirror without a host folder (wget -r -nH) stands for when
// nothing says which host it was taken from (MirrorOptions.Host, HTTrack's comments). The
// .invalid domain is reserved (RFC 2606): such a URL never reaches the network, and reads as
// what it is.
const UnknownHost = "unknown.invalid"

// Mirror is an http.RoundTripper that answers requests from the files of a local mirror of a
// site, as wget --mirror, wget -r and HTTrack write them, as the site's server would: a file
// as 200, a folder as its index.html or index.htm. Each host folder of the mirror answers for
// its host (a mirror may hold several: epaper.example.cn and the img.example.cn of its
// scans); a mirror without a host folder answers for UnknownHost or the host it was told.
// A URL the mirror does not hold is a *MissingError ("not in the mirror: PATH"), never an
// HTTP status: no server was asked.
//
// Every read is confined to the site's folder through os.Root: no ".." and no symbolic link
// leads out of it, and a URL of a host the mirror has no folder for is never read.
// Responses carry X-Epaper-Via ("mirror") and X-Epaper-Retrieved (the file's modification
// time: wget and HTTrack set it to the server's Last-Modified). Open one with OpenMirror.
type Mirror struct {
	dir       string      // the folder or file the mirror was opened from
	roots     []*siteRoot // every site root, in the order found
	hostKnown bool        // false: the roots stand for UnknownHost
	hostless  bool        // the root is not a host folder (wget -r -nH)
	start     string      // for a file: its URL; for a folder: ""
	below     *siteRoot   // for a folder inside a site root: that root
	belowRel  string      // and the folder, relative to it ("." for the root itself)
	profiles  []*extract.Profile
}

// siteRoot is a folder that stands for the root of a host's site.
type siteRoot struct {
	host string // lower-case, with the port if the folder names one
	dir  string // absolute
	root *os.Root
}

// Local says that the mirror is on disk: a Fetcher neither rate limits it nor asks it for
// robots.txt.
func (m *Mirror) Local() bool { return true }

// Close closes the mirror's folders.
func (m *Mirror) Close() error {
	var errs []error
	for _, r := range m.roots {
		errs = append(errs, r.root.Close())
	}
	return errors.Join(errs...)
}

// Hosts are the hosts the mirror holds folders of, in the order found.
func (m *Mirror) Hosts() []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range m.roots {
		if !seen[r.host] {
			seen[r.host] = true
			out = append(out, r.host)
		}
	}
	return out
}

// HostKnown says whether the mirror's URLs name the original host: false for a mirror
// without a host folder that was not told its host (its URLs are of UnknownHost).
func (m *Mirror) HostKnown() bool { return m.hostKnown }

// Start is the URL of the file the mirror was opened from, "" when it was opened from a
// folder.
func (m *Mirror) Start() string { return m.start }

// Dir is the folder or file the mirror was opened from.
func (m *Mirror) Dir() string { return m.dir }

func (m *Mirror) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	var roots []*siteRoot
	if req.URL.Scheme == "http" || req.URL.Scheme == "https" {
		for _, r := range m.roots {
			if strings.EqualFold(r.host, req.URL.Host) {
				roots = append(roots, r)
			}
		}
	}
	if len(roots) == 0 {
		return nil, &MissingError{URL: req.URL.String(), Where: "mirror"}
	}
	var first error
	for _, r := range roots { // the same host in several folders: the first that has the file
		data, fi, err := r.read(req.URL)
		if err == nil {
			return fileResponse(req, fi, data), nil
		}
		if first == nil || errors.Is(first, ErrNotCaptured) && !errors.Is(err, ErrNotCaptured) {
			first = err
		}
	}
	if me := (*MissingError)(nil); errors.As(first, &me) {
		me.URL = req.URL.String()
	}
	return nil, first
}

// read reads the file u stands for below r: the path with its query (wget saves node.htm?x=1
// under that name), else the path; a folder's index.html or index.htm.
func (r *siteRoot) read(u *url.URL) ([]byte, fs.FileInfo, error) {
	name := strings.TrimPrefix(path.Clean("/"+u.Path), "/") // never above the root
	if name == "" {
		name = "."
	}
	var names []string
	if u.RawQuery != "" && name != "." {
		names = append(names, name+"?"+u.RawQuery)
	}
	names = append(names, name, path.Join(name, "index.html"), path.Join(name, "index.htm"))
	var first error
	for _, n := range names {
		data, fi, err := r.readFile(n)
		if err == nil {
			return data, fi, nil
		}
		if first == nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) && !errors.Is(err, errFolder) {
			first = r.missing(n, err)
		}
	}
	if first != nil {
		return nil, nil, first
	}
	return nil, nil, &MissingError{Where: "mirror", Path: filepath.Join(r.dir, filepath.FromSlash(name))}
}

var errFolder = errors.New("a folder")

// readFile reads the regular file name below r, opening it once.
func (r *siteRoot) readFile(name string) ([]byte, fs.FileInfo, error) {
	f, err := r.root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, errFolder
	}
	data := make([]byte, 0, fi.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, fi, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// missing is the error of reading name below r that failed with err: a link out of the
// folder is not in the mirror; anything else (permissions) is an error of its own.
func (r *siteRoot) missing(name string, err error) error {
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if strings.Contains(err.Error(), "path escapes from parent") || strings.Contains(err.Error(), "too many levels of symbolic links") {
		return &MissingError{Where: "mirror", Path: p, Reason: "a link that leads out of the mirror's folder " + r.dir}
	}
	return fmt.Errorf("mirror: %w", err)
}

func fileResponse(req *http.Request, fi fs.FileInfo, data []byte) *http.Response {
	ctype := mime.TypeByExtension(path.Ext(fi.Name()))
	if strings.HasPrefix(ctype, "text/html") {
		ctype = "text/html" // a mirror keeps no headers: the page's <meta> tells the charset
	}
	resp := response(req, http.StatusOK, ctype, data)
	resp.Header.Set(HeaderVia, "mirror")
	resp.Header.Set(HeaderRetrieved, fi.ModTime().UTC().Format(time.RFC3339)) // wget and HTTrack keep the server's date
	return resp
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

// Hostless says whether the mirror has no host folder (wget -r -nH): its root is the folder
// it was opened from, and its host is the one it was told, HTTrack's comments say, or
// UnknownHost.
func (m *Mirror) Hostless() bool { return m.hostless }
