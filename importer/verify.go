package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"go.yaml.in/yaml/v3"
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
	content := filepath.Join(siteDir, "content")
	var problems []Problem
	var stats VerifyStats
	err := filepath.WalkDir(content, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || (d.Name() != "index.md" && d.Name() != "_index.md") {
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
	Source *sourceInfo   `yaml:"source"`
	Scan   *scanInfo     `yaml:"scan"`
	PDF    string        `yaml:"pdf"`
	Images []imageMatter `yaml:"images"`
}

func verifyBundle(index string, stats *VerifyStats) []string {
	data, err := os.ReadFile(index)
	if err != nil {
		return []string{err.Error()}
	}
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	end := bytes.Index(rest, []byte("\n---\n"))
	if !ok || end < 0 {
		return []string{"no front matter between --- lines"}
	}
	var m bundleFiles
	if err := yaml.Unmarshal(rest[:end+1], &m); err != nil {
		return []string{"front matter: " + err.Error()}
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
		case digest(raw) != s.SHA256:
			msgs = append(msgs, fmt.Sprintf("raw page %q has SHA-256 %s, not %s as recorded at import from %s", s.Raw, digest(raw), s.SHA256, s.URL))
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
