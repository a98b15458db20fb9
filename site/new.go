package site

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/create"
	"github.com/gohugoio/hugo/resources/page"

	"github.com/epaper-archive/epaper/importer/bundle"
)

// ErrBadTarget is the error (wrapped) of NewContent asked for a path that exists already,
// lies outside content/ or in a folder the built site publishes for itself (search/, css/ …:
// bundle.SiteRoots): nothing is written.
var ErrBadTarget = errors.New("not a new path in content/")

// NewContent creates content/<target> from the archetypes (the site's own, else the embedded
// theme's), as `hugo new content` does. kind picks the archetype; "" derives it from the
// target's section. A target without an extension is created as a bundle from a directory
// archetype, or as target/index.md.
func NewContent(o Options, target, kind string) (string, error) {
	if err := o.check(); err != nil {
		return "", err
	}
	siteDir, err := filepath.Abs(o.SiteDir)
	if err != nil {
		return "", err
	}
	o.SiteDir = siteDir
	if err := os.MkdirAll(filepath.Join(siteDir, "content"), 0o755); err != nil {
		return "", err
	}
	work, err := tempDir("epaper-new-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	themesDir := filepath.Join(work, "themes")
	if err := extractTheme(o.Theme, themesDir); err != nil {
		return "", err
	}
	if filepath.Ext(target) == "" {
		target = filepath.Join(target, "index.md")
	}
	if !filepath.IsLocal(target) {
		return "", fmt.Errorf("new %q: %w: the path must lie inside content/", target, ErrBadTarget)
	}
	first, _, inFolder := strings.Cut(filepath.ToSlash(target), "/")
	if !inFolder { // content/search.md is published as search/index.html
		first = strings.TrimSuffix(first, filepath.Ext(first))
	}
	for _, r := range bundle.SiteRoots {
		if strings.EqualFold(first, r) {
			return "", fmt.Errorf("new %q: %w: the built site publishes its own %s at its root, where this would go", target, ErrBadTarget, r)
		}
	}
	if _, err := os.Lstat(filepath.Join(siteDir, "content", target)); err == nil {
		return "", fmt.Errorf("new: %s already exists: %w", filepath.Join(siteDir, "content", target), ErrBadTarget)
	}

	hugoMu.Lock()
	defer hugoMu.Unlock()
	defer page.Clear()
	w := o.Log
	if w == nil {
		w = io.Discard
	}
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: w, StdErr: w})
	h, err := newHugoSites(o, shardPlan{}, filepath.Join(work, "public"), themesDir, filepath.Join(work, "cache"), logger)
	if err != nil {
		return "", err
	}
	defer h.Close()
	path := filepath.Join(siteDir, "content", target)
	if err := create.NewContent(h, kind, filepath.Join("content", target), false); err != nil {
		return "", fmt.Errorf("new %q: %w", target, err)
	}
	return path, nil
}
