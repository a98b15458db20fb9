package bundle

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Problem is one thing Verify found wrong, in the file it names.
type Problem struct {
	File    string // relative to the directory verified
	Message string
}

func (p Problem) String() string { return p.File + ": " + p.Message }

// VerifyStats counts what Verify checked.
type VerifyStats struct {
	Bundles, RawPages, Assets int
}

// Verify checks the bundles under siteDir/content: the raw page each names is there and its
// SHA-256 is the one recorded at import, and every file it names (scan, PDF, images) exists.
func Verify(siteDir string) ([]Problem, VerifyStats, error) {
	content := ContentDir(siteDir)
	var problems []Problem
	var stats VerifyStats
	err := filepath.WalkDir(content, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || (d.Name() != LeafIndex && d.Name() != BranchIndex) {
			return nil
		}
		rel, _ := filepath.Rel(siteDir, path)
		stats.Bundles++
		for _, msg := range verifyBundle(path, &stats) {
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

// bundleFiles is what a bundle's front matter says about its files.
type bundleFiles struct {
	Source *Source `yaml:"source"`
	Scan   *Scan   `yaml:"scan"`
	PDF    string  `yaml:"pdf"`
	Images []Image `yaml:"images"`
}

func verifyBundle(index string, stats *VerifyStats) []string {
	data, err := os.ReadFile(index)
	if err != nil {
		return []string{err.Error()}
	}
	var m bundleFiles
	if _, err := Decode(data, &m); err != nil {
		return []string{err.Error()}
	}
	dir := filepath.Dir(index)
	var msgs []string
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
