package site

import (
	"errors"
	"io"
	"io/fs"
)

// Options says what to build and how. SiteDir and Theme are required.
type Options struct {
	// SiteDir holds content/ (the bundles) and, optionally, a user's own layouts/, assets/,
	// archetypes/, static/ and hugo.toml, which take precedence over the embedded theme.
	SiteDir string
	// OutDir is where the site is published; its old content is replaced as a whole.
	// Default: SiteDir/public.
	OutDir string
	// BaseURL, when set, builds for a web server or CDN at that URL: absolute links,
	// fingerprinted assets, sitemap and feeds. When empty the site is built for offline use:
	// relative links that work from file://.
	BaseURL string
	// Theme is the embedded theme (layouts/, archetypes/, assets/ at its root).
	Theme fs.FS
	// CacheDir is Hugo's cache directory (modules, processed images). Default: a temporary
	// directory removed after the build.
	CacheDir string
	// Log receives Hugo's warnings and errors. Default: discarded.
	Log io.Writer
	// Pagefind is the path of a Pagefind binary (npm package pagefind, PagefindVersion):
	// when set, the articles are indexed with it into pagefind/YYYY-MM/, which the search page
	// uses over HTTP. The built-in index (search/index/) is written either way.
	Pagefind string
	// NoSearch leaves out both search indexes (the search page then finds nothing); for
	// measuring the Hugo build alone.
	NoSearch bool
	// TemplateMetrics writes Hugo's template metrics (time and count per template, and
	// hints for caching partials) to Log: for finding what makes a site's layouts slow.
	TemplateMetrics bool
	// EPUBScans puts the scan of every page into the edition's EPUB (the front page's is
	// its cover either way).
	EPUBScans bool
	// NoEditionFiles leaves out the edition PDFs and EPUBs (and the links to them); for
	// measuring the Hugo build alone.
	NoEditionFiles bool
	// Version is epaper's version: part of the digest of a sharded build's manifest, so
	// that another epaper rebuilds every shard.
	Version string
	// Changed, when set, is called once the output is in place with the files (paths from
	// the output's root, slash separated, sorted) the build wrote with new bytes, and the
	// files it removed. The manifest of a sharded build (.epaper/) is not among them.
	Changed func(written, removed []string)

	// shard is the part of a sharded site to build (set by BuildSharded): RootShard, a
	// year ("2021") or a month ("2021-04"). Empty: the whole site.
	shard string
	// by is the way the site is sharded (ByYear or ByMonth), for the root shard.
	by string
	// editions, for a shard of editions, are the only ones of its editions to build
	// (PAPER/DATE): a part of the shard (shardPlan.restrict), which BuildSharded completes
	// with the rest of the shard as it was. Nil: the whole shard.
	editions []string
}

func (o Options) check() error {
	if o.SiteDir == "" {
		return errors.New("site: no site directory given")
	}
	if o.Theme == nil {
		return errors.New("site: no theme given")
	}
	return nil
}

// Offline reports whether the options build for file:// use.
func (o Options) Offline() bool { return o.BaseURL == "" }
