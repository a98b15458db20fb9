package importer

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/epaper-archive/epaper/importer/archive"
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
			return &Source{URL: u, Transport: archive.NewMirror(dir, host)}, nil
		}
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(start)}
	return &Source{URL: u, Transport: archive.NewMirror("/", "")}, nil
}

// archiveSource replays a WARC or WACZ file, starting at its first edition page.
func archiveSource(path string) (*Source, error) {
	t, err := archive.OpenArchive(path)
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
