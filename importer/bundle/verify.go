package bundle

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// validManifestEntry says whether b is a page ("005") or an article ("005/268824") path.
func validManifestEntry(b string) bool {
	parts := strings.Split(b, "/")
	if len(parts) > 2 {
		return false
	}
	for _, p := range parts {
		if CheckName(p) != nil {
			return false
		}
	}
	return true
}

// Problem is one thing Verify found wrong, in the file it names.
type Problem struct {
	File    string // relative to the directory verified
	Message string
}

func (p Problem) String() string { return p.File + ": " + p.Message }

// VerifyStats counts what Verify checked, and the parts the bundles say they lack.
type VerifyStats struct {
	Bundles, RawPages, Assets int
	Digests                   int       // files and bodies whose SHA-256 matched the one recorded
	Missing                   []Problem // each part a bundle lists under missing:, a warning
}

// Verify checks the bundles under siteDir/content: the raw page each names is there and its
// SHA-256 is the one recorded at import; every file it names (scan, PDF, images) exists and,
// where the bundle records one, has its SHA-256; an article's body has the digest recorded;
// every bundle an edition's manifest lists is there; no folder that holds a branch bundle
// lacks its own index (an edition's _index.md, and its manifest, deleted). The parts bundles list as missing are
// counted in the stats, as warnings.
func Verify(siteDir string) ([]Problem, VerifyStats, error) {
	content := ContentDir(siteDir)
	var problems []Problem
	var stats VerifyStats
	err := filepath.WalkDir(content, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != content && orphaned(path) {
				rel, _ := filepath.Rel(siteDir, path)
				problems = append(problems, Problem{File: filepath.ToSlash(rel), Message: "no " + BranchIndex + ", though bundles below it have theirs: its bundle (an edition's, with the manifest of its pages and articles) is gone, or its import did not finish (import it again)"})
			}
			return nil
		}
		if d.Name() != LeafIndex && d.Name() != BranchIndex {
			return nil
		}
		rel, _ := filepath.Rel(siteDir, path)
		stats.Bundles++
		for _, msg := range verifyBundle(path, filepath.ToSlash(rel), &stats) {
			problems = append(problems, Problem{File: filepath.ToSlash(rel), Message: msg})
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, stats, fmt.Errorf("verify %q: no content directory", siteDir)
	}
	sort.Slice(problems, func(i, j int) bool { return problems[i].String() < problems[j].String() })
	return problems, stats, err
}

// orphaned reports whether dir has no index of its own while a folder in it has a branch
// index: a paper's, an edition's or a page's bundle whose index is gone.
func orphaned(dir string) bool {
	for _, name := range []string{BranchIndex, LeafIndex} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return false
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if fi, err := os.Stat(filepath.Join(dir, e.Name(), BranchIndex)); err == nil && !fi.IsDir() {
			return true
		}
	}
	return false
}

// bundleFiles is what a bundle's front matter says about its files.
type bundleFiles struct {
	Kind       string    `yaml:"kind"`
	Source     *Source   `yaml:"source"`
	Scan       *Scan     `yaml:"scan"`
	PDF        string    `yaml:"pdf"`
	Images     []Image   `yaml:"images"`
	Files      []File    `yaml:"files"`
	BodySHA256 string    `yaml:"body_sha256"`
	Bundles    []string  `yaml:"bundles"`
	Missing    []Missing `yaml:"missing"`
}

func verifyBundle(index, rel string, stats *VerifyStats) []string {
	data, err := os.ReadFile(index)
	if err != nil {
		return []string{err.Error()}
	}
	var m bundleFiles
	body, err := Decode(data, &m)
	if err != nil {
		return []string{err.Error()}
	}
	dir := filepath.Dir(index)
	var msgs []string
	for _, miss := range m.Missing {
		msg := miss.Part + " missing: " + miss.Reason
		if miss.URL != "" {
			msg = fmt.Sprintf("%s missing (%s): %s", miss.Part, miss.URL, miss.Reason)
		}
		stats.Missing = append(stats.Missing, Problem{File: rel, Message: msg})
	}
	for _, f := range m.Files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.Base(f.Name)))
		switch {
		case err != nil:
			msgs = append(msgs, fmt.Sprintf("file %q is missing", f.Name))
		case Digest(got) != f.SHA256:
			msgs = append(msgs, fmt.Sprintf("file %q has SHA-256 %s, not %s as recorded at import from %s", f.Name, Digest(got), f.SHA256, f.URL))
		default:
			stats.Digests++
		}
	}
	if m.BodySHA256 != "" {
		if d := Digest(body); d != m.BodySHA256 {
			msgs = append(msgs, fmt.Sprintf("body has SHA-256 %s, not %s as the import wrote it: edited since", d, m.BodySHA256))
		} else {
			stats.Digests++
		}
	}
	for _, b := range m.Bundles {
		if !validManifestEntry(b) {
			msgs = append(msgs, fmt.Sprintf("manifest entry %q is not a bundle path", b))
			continue
		}
		sub := filepath.Join(dir, filepath.FromSlash(b))
		name := BranchIndex
		if strings.Contains(b, "/") {
			name = LeafIndex
		}
		if fi, err := os.Stat(filepath.Join(sub, name)); err != nil || fi.IsDir() {
			msgs = append(msgs, fmt.Sprintf("bundle %s (%s) listed in the edition's manifest is gone", b, filepath.ToSlash(filepath.Join(b, name))))
		}
	}
	exists := func(what, name string) {
		if name == "" {
			return
		}
		stats.Assets++
		if fi, err := os.Stat(filepath.Join(dir, filepath.Base(name))); err != nil || fi.IsDir() {
			msgs = append(msgs, fmt.Sprintf("%s %q is missing", what, name))
		}
	}
	if s := m.Source; s != nil && s.Raw != "" {
		stats.RawPages++
		raw, err := os.ReadFile(filepath.Join(dir, filepath.Base(s.Raw)))
		switch {
		case err != nil:
			msgs = append(msgs, fmt.Sprintf("raw page %q is missing", s.Raw))
		case Digest(raw) != s.SHA256:
			msgs = append(msgs, fmt.Sprintf("raw page %q has SHA-256 %s, not %s as recorded at import from %s", s.Raw, Digest(raw), s.SHA256, s.URL))
		}
	}
	if m.Scan != nil {
		exists("scan", m.Scan.Src)
	}
	exists("pdf", m.PDF)
	for _, img := range m.Images {
		exists("image", img.Src)
	}
	return msgs
}
