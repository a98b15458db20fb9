package importer

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
	"regexp"
	"strings"
	"time"
)

// Source is where an import starts: a URL, and the transport that reaches it.
type Source struct {
	URL       *url.URL
	Transport http.RoundTripper // nil: the network
	closer    io.Closer
}

var hostLike = regexp.MustCompile(`^[a-z0-9]([a-z0-9\-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9\-]*[a-z0-9])?)+(:\d+)?$`)

// ResolveSource reads a SOURCE argument: an http(s) URL, or a local file or directory of a
// mirror. A mirror whose path has a folder named like a host (as wget --mirror and HTTrack
// write them: epaper.cqrb.cn/html/…) is read as that host's site, so its bundles name the
// original URLs; any other local path is read through file:// URLs.
func ResolveSource(arg string) (*Source, error) {
	if strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://") {
		u, err := url.Parse(arg)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("source %q: not a URL: %v", arg, err)
		}
		return &Source{URL: u}, nil
	}
	abs, err := filepath.Abs(arg)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("source %q: neither an http(s) URL nor a readable file or directory: %w", arg, err)
	}
	if low := strings.ToLower(abs); !fi.IsDir() && (strings.HasSuffix(low, ".warc") || strings.HasSuffix(low, ".warc.gz") || strings.HasSuffix(low, ".wacz")) {
		return archiveSource(abs)
	}
	start := abs
	if fi.IsDir() {
		if start, err = startFile(abs); err != nil {
			return nil, fmt.Errorf("source %q: %w", arg, err)
		}
	}
	for dir := filepath.Dir(start); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		host := strings.ToLower(filepath.Base(dir))
		if hostLike.MatchString(host) {
			rel, _ := filepath.Rel(dir, start)
			u := &url.URL{Scheme: "http", Host: host, Path: "/" + filepath.ToSlash(rel)}
			return &Source{URL: u, Transport: &mirrorTransport{root: dir, host: host}}, nil
		}
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(start)}
	return &Source{URL: u, Transport: &mirrorTransport{root: "/", host: ""}}, nil
}

// archiveSource replays a WARC or WACZ file, starting at its first edition page.
func archiveSource(path string) (*Source, error) {
	t, err := OpenArchive(path)
	if err != nil {
		return nil, err
	}
	start := t.StartURL()
	u, err := url.Parse(start)
	if start == "" || err != nil {
		t.Close()
		return nil, fmt.Errorf("source %q: no HTML page in the archive to start from", path)
	}
	return &Source{URL: u, Transport: t, closer: t}, nil
}

// Close releases what the source holds open (an archive).
func (s *Source) Close() error {
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}

// startFile finds where to start in a mirror directory: its index page, or, at the top of a
// mirror, the index of the only paper under html/.
func startFile(dir string) (string, error) {
	for _, name := range []string{"index.htm", "index.html", "node.htm", "node.html", "default.htm"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err == nil && !fi.IsDir() {
			return filepath.Join(dir, name), nil
		}
	}
	papers, _ := filepath.Glob(filepath.Join(dir, "html", "*", "index.htm*"))
	if len(papers) == 1 {
		return papers[0], nil
	}
	if len(papers) > 1 {
		return "", fmt.Errorf("several papers under html/ (%d): name one of their folders", len(papers))
	}
	return "", errors.New("no index.htm, node.htm or html/PAPER/index.htm in it")
}

// mirrorTransport answers requests from files of a mirror, as the site's server would: a file
// as 200, a missing one as 404. A request for another host fails: a mirror holds one site.
type mirrorTransport struct {
	root string // the folder that stands for the site's root
	host string // the host it stands for; "" for file:// URLs
}

// Local says that the mirror is on disk: a Fetcher neither rate limits it nor asks it for
// robots.txt.
func (t *mirrorTransport) Local() bool { return true }

func (t *mirrorTransport) RoundTrip(req *http.Request) (*http.Response, error) {
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
	resp.Header.Set(headerVia, "mirror")
	resp.Header.Set(headerRetrieved, fi.ModTime().UTC().Format(time.RFC3339)) // wget and HTTrack keep the server's date
	return resp, nil
}

// Headers a local transport adds to say where a response came from, for the bundle's
// provenance. They never come from the network: the importer sets them only for its own
// transports (mirror, archive).
const (
	headerVia        = "X-Epaper-Via"         // "mirror" or "warc"
	headerRetrieved  = "X-Epaper-Retrieved"   // when the bytes were captured, RFC 3339
	headerWARCRecord = "X-Epaper-Warc-Record" // the WARC-Record-ID that answered
	headerWARCFile   = "X-Epaper-Warc-File"   // the archive file
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
