package importer

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/extract"
)

// Source is where an import starts: a URL, and the transport that reaches it.
type Source struct {
	// URL is where a one-edition import (Import) starts: the URL given; for a file of a
	// mirror, its original URL; for a folder, the first page of its newest edition; for an
	// archive, its first edition page.
	URL       *url.URL
	Transport http.RoundTripper // nil: the network
	// Mirror is the local mirror SOURCE is part of (a folder or a file of it); nil for a URL
	// or an archive.
	Mirror *archive.Mirror
	// Editions are the editions found in a folder, in date order (archive.Mirror.Editions);
	// for a file of a mirror, its own edition alone (Date "" when it is an index page, whose
	// edition is known once it is followed); nil for a URL or an archive.
	Editions []archive.Edition
	closer   io.Closer
}

// SourceOptions configure OpenSource.
type SourceOptions struct {
	// Host is the host a mirror without a host folder was taken from (wget -r -nH): its
	// bundles then name that host's URLs. "": see archive.MirrorOptions.
	Host string
	// Profiles are the profiles pages are read with (Options.Profiles; nil: the built-ins):
	// a mirror's pages and articles are found by their URL patterns too.
	Profiles []*extract.Profile
}

// ResolveSource is OpenSource with no options.
func ResolveSource(arg string) (*Source, error) { return OpenSource(arg, SourceOptions{}) }

// OpenSource reads a SOURCE argument: an http(s) URL, a WARC or WACZ file, or a local mirror
// as wget --mirror, wget -r and HTTrack leave them — the folder the tool ran in, a host folder,
// any folder inside one, or one page or article file (see archive.OpenMirror). A mirror's
// bundles name the original URLs. For a folder, the editions in it are found (Editions); a
// folder in which none can be found is an error that says what was looked for.
func OpenSource(arg string, opt SourceOptions) (*Source, error) {
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
	m, err := archive.OpenMirror(abs, archive.MirrorOptions{Host: opt.Host, Profiles: opt.Profiles})
	if err != nil {
		return nil, fmt.Errorf("source %q: %w", arg, err)
	}
	src := &Source{Transport: m, Mirror: m, closer: m}
	if start := m.Start(); start != "" {
		src.URL, _ = url.Parse(start)
		src.Editions = []archive.Edition{fileEdition(opt.Profiles, start, abs)}
		return src, nil
	}
	if src.Editions, err = m.Editions(); err != nil {
		m.Close()
		return nil, fmt.Errorf("source %q: %w", arg, err)
	}
	src.URL, _ = url.Parse(src.Editions[len(src.Editions)-1].URL)
	return src, nil
}

// fileEdition is the edition a file of a mirror starts.
func fileEdition(profiles []*extract.Profile, start, file string) archive.Edition {
	u, _ := url.Parse(start)
	info := archive.ClassifyPathWith(profiles, u.Path)
	ed := archive.Edition{Paper: info.Paper, PaperFrom: "path", Date: info.Date, Layout: info.Layout, URL: start, File: file}
	if ed.Paper == "" {
		ed.Paper, ed.PaperFrom = archive.HostCode(u.Host), "host"
	}
	if ed.Paper == "" {
		ed.PaperFrom = ""
	}
	if info.Layout == "" {
		ed.Layout = "file"
	}
	return ed
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

// Close releases what the source holds open (an archive, a mirror's folders).
func (s *Source) Close() error {
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}
