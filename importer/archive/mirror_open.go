package archive

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/epaper-archive/epaper/importer/extract"
)

// MirrorOptions configure OpenMirror.
type MirrorOptions struct {
	// Host is the host a mirror without a host folder (wget -r -nH) was taken from, so that
	// its bundles name the original URLs. "": what HTTrack's "Mirrored from" comments say,
	// else UnknownHost. A mirror with host folders ignores it.
	Host string
	// Profiles are the profiles its pages are read with, the user's among them
	// (extract.WithProfiles); nil: the built-ins. Their URL patterns find pages and
	// articles besides the layouts (ClassifyPathWith).
	Profiles []*extract.Profile
}

// OpenMirror opens the local mirror that p is part of: the folder wget or HTTrack ran in
// (holding host folders, or HTTrack's project folders holding them), a host folder, any
// folder inside one, or one file of the mirror.
//
// A host folder is a folder named as a host is (epaper.cqrb.cn, a name under a top-level
// domain ICANN manages, an IP address, localhost; with a :port if wget wrote one): a folder
// mktemp named tmp.eutfis2bty is not one. When p holds host folders (or project folders
// holding them), those make the mirror; else, when p is a host folder or inside one, that
// folder and the host folders beside it (wget -H writes the scans' host there) do. Without any host folder,
// p is the site's root (for a file: the folder its path and links say), and the mirror
// stands for opt.Host. Each host folder is opened as an os.Root. An index page HTTrack wrote
// of its own stands for the folder it is in.
func OpenMirror(p string, opt MirrorOptions) (*Mirror, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("mirror %q: %w", p, err)
	}
	if !fi.IsDir() && isHTTrackPage(readHead(abs, 64<<10)) { // HTTrack's own index: its project
		abs = filepath.Dir(abs)
		if fi, err = os.Stat(abs); err != nil {
			return nil, fmt.Errorf("mirror %q: %w", p, err)
		}
	}
	m := &Mirror{dir: abs, profiles: opt.Profiles}
	dir := abs
	if !fi.IsDir() {
		dir = filepath.Dir(abs)
	}
	var found []string
	if fi.IsDir() {
		if found, err = hostFolders(abs, 2); err != nil {
			return nil, fmt.Errorf("mirror %q: %w", p, err)
		}
	}
	switch host := hostAncestor(dir); {
	case len(found) > 0: // first: a project folder named as its host holds the host folder
		m.hostKnown = true
		err = m.addRoots(found)
	case host != "":
		err = m.openBeside(host, abs, fi.IsDir())
	case fi.IsDir():
		err = m.openHostless(abs, "", opt.Host)
	default:
		err = m.openHostless(m.fileRoot(abs), abs, opt.Host)
	}
	if err != nil {
		m.Close()
		return nil, fmt.Errorf("mirror %q: %w", p, err)
	}
	return m, nil
}

// openBeside opens host, the host folder that abs is or is inside, with the host folders
// beside it.
func (m *Mirror) openBeside(host, abs string, isDir bool) error {
	beside, err := hostFolders(filepath.Dir(host), 1)
	if err != nil {
		return err
	}
	if err := m.addRoots(beside); err != nil {
		return err
	}
	m.hostKnown = true
	var r *siteRoot
	for _, sr := range m.roots {
		if sr.dir == host {
			r = sr
		}
	}
	if r == nil { // a host folder whose name only case makes unusual: open it alone
		if err := m.addRoots([]string{host}); err != nil {
			return err
		}
		r = m.roots[len(m.roots)-1]
	}
	rel, err := filepath.Rel(host, abs)
	if err != nil {
		return err
	}
	if isDir {
		m.below, m.belowRel = r, filepath.ToSlash(rel)
		return nil
	}
	m.start = (&url.URL{Scheme: "http", Host: r.host, Path: "/" + filepath.ToSlash(rel)}).String()
	return nil
}

// openHostless opens root as the site of a mirror without a host folder; file is the file
// the mirror was opened from, if any.
func (m *Mirror) openHostless(root, file, host string) error {
	r, err := os.OpenRoot(root)
	if err != nil {
		return err
	}
	rel := "."
	if file != "" {
		if rel, err = filepath.Rel(root, file); err != nil {
			r.Close()
			return err
		}
	}
	if host == "" {
		host = m.httrackHost(r, filepath.ToSlash(rel))
	}
	m.hostKnown, m.hostless = host != "", true
	if host == "" {
		host = UnknownHost
	}
	m.roots = append(m.roots, &siteRoot{host: strings.ToLower(host), dir: root, root: r})
	if file == "" {
		m.below, m.belowRel = m.roots[0], "."
		return nil
	}
	m.start = (&url.URL{Scheme: "http", Host: m.roots[0].host, Path: "/" + filepath.ToSlash(rel)}).String()
	return nil
}

func (m *Mirror) addRoots(dirs []string) error {
	for _, d := range dirs {
		r, err := os.OpenRoot(d)
		if err != nil {
			return err
		}
		m.roots = append(m.roots, &siteRoot{host: strings.ToLower(filepath.Base(d)), dir: d, root: r})
	}
	return nil
}

// hostAncestor is the nearest of dir and the folders above it that is named as a host, or "";
// an HTTrack project folder (it holds hts-cache) is not one, whatever its name.
func hostAncestor(dir string) string {
	for d := dir; d != filepath.Dir(d); d = filepath.Dir(d) {
		if isHostName(filepath.Base(d)) {
			if fi, err := os.Stat(filepath.Join(d, "hts-cache")); err != nil || !fi.IsDir() {
				return d
			}
		}
	}
	return ""
}

// hostFolders are the host folders in dir and, depth permitting, in its other folders (an
// HTTrack project, a folder of several wget runs), in name order. HTTrack's hts-cache and
// hidden folders are not looked into.
func hostFolders(dir string, depth int) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var found []string
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || e.Name() == "hts-cache" {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if isHostName(e.Name()) {
			found = append(found, p)
		} else if depth > 1 {
			below, err := hostFolders(p, depth-1)
			if err != nil {
				return nil, err
			}
			found = append(found, below...)
		}
	}
	return found, nil
}

var reHostName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$`)

// isHostName says whether a folder's name is a host's, as wget and HTTrack name host
// folders: an IP address or localhost, or a name whose top-level domain ICANN manages,
// optionally with :port.
func isHostName(name string) bool {
	name = strings.ToLower(name)
	if !reHostName.MatchString(name) {
		return false
	}
	host := name
	if h, _, err := net.SplitHostPort(name); err == nil {
		host = h
	}
	if host == "localhost" || net.ParseIP(host) != nil {
		return true
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 || strings.Trim(labels[len(labels)-1], "abcdefghijklmnopqrstuvwxyz") != "" {
		return false
	}
	suffix, icann := publicsuffix.PublicSuffix(host)
	return icann && suffix != host
}

// fileRoot is the site's root of a file of a mirror without a host folder: the nearest folder
// above it below which the file's path is of a known layout and which its relative links do
// not climb out of, else the file's folder. The links are the page's own, so a page may not
// take the root higher than the last folder below which its path is of one of the layouts
// (or of a user's profile): the built-in profiles' patterns match a path below any folder,
// and a hostile page would otherwise have the machine's files above the mirror read as its
// own (../../../../../../secret.jpg).
func (m *Mirror) fileRoot(file string) string {
	up := linkDepth(file)
	dir := filepath.Dir(file)
	shaped := "" // the highest folder so far below which the path is of a layout's shape
	levels := 0
	for d := dir; d != filepath.Dir(d) && levels < 10; d, levels = filepath.Dir(d), levels+1 {
		rel, err := filepath.Rel(d, file)
		if err != nil {
			break
		}
		p := "/" + filepath.ToSlash(rel)
		if m.classify(p).Kind == "" {
			continue
		}
		byShape := m.byShape(p)
		if byShape {
			shaped = d
		}
		if levels >= up {
			if byShape || shaped == "" {
				return d
			}
			return shaped
		}
	}
	return dir
}

// byShape says whether p is a page or an article of one of the layouts or of a user's
// profile's URL patterns: a path of a shape that starts at the site's root.
func (m *Mirror) byShape(p string) bool {
	for _, pr := range m.profiles {
		if !pr.IsBuiltin() && profilePath(pr, p).Kind != "" {
			return true
		}
	}
	return classify(p).Kind != ""
}

var reUpLink = regexp.MustCompile(`(?i)(?:href|src)\s*=\s*["']?((?:\.\./)+)`)

// linkDepth is how many folders up the file's relative links climb at most.
func linkDepth(file string) int {
	head := readHead(file, 256<<10)
	depth := 0
	for _, m := range reUpLink.FindAllSubmatch(head, -1) {
		depth = max(depth, len(m[1])/3)
	}
	return depth
}

func readHead(file string, n int64) []byte {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	data, _ := io.ReadAll(io.LimitReader(f, n))
	return data
}

var reHTTrack = regexp.MustCompile(`<!-- Mirrored from ([^ /]+)(/[^ ]*)? by HTTrack Website Copier`)

// httrackHost is the host HTTrack's comment in the page at rel below r (or, for a folder, in
// its first page) says the page was mirrored from, when the path it names is rel: HTTrack
// writes its host folder, so this tells the host of one whose folder was lost or renamed.
func (m *Mirror) httrackHost(r *os.Root, rel string) string {
	if rel == "." {
		rel = m.firstPage(r)
	}
	if rel == "" {
		return ""
	}
	f, err := r.Open(rel)
	if err != nil {
		return ""
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, 8<<10))
	mm := reHTTrack.FindSubmatch(head)
	if mm == nil || path.Clean("/"+string(mm[2])) != "/"+rel || !isHostName(string(mm[1])) {
		return ""
	}
	return string(bytes.ToLower(mm[1]))
}
