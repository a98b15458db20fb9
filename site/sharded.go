package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ShardOptions says which shards BuildSharded builds.
type ShardOptions struct {
	// Only names the one shard to build, a year ("2021") or RootShard, into Options.OutDir
	// (default SITE/shards/NAME), for Merge to put together with the others later: shards
	// built so can run on many machines at once. Empty: every year and the root, one after
	// the other, merged into Options.OutDir.
	Only string
	// Built, when set, is called after each shard is built.
	Built func(ShardBuilt)
}

// ShardBuilt tells of a shard BuildSharded has built.
type ShardBuilt struct {
	Shard string // a year ("2021") or RootShard
	// OutDir is the folder the shard was written to with ShardOptions.Only; "" when it is
	// one of all the shards, merged into Options.OutDir at the end.
	OutDir string
	Took   time.Duration
}

// BuildSharded builds o.SiteDir as year shards and a root shard (see RootShard): all of
// them, merged into o.OutDir, which is replaced as a whole once every shard is built and
// merged; or, with s.Only, one shard into a folder of its own. The merged site has the same
// URLs, pages and links as the one Build makes.
func BuildSharded(o Options, s ShardOptions) error {
	if err := o.check(); err != nil {
		return err
	}
	if s.Only != "" && o.OutDir == "" {
		o.OutDir = filepath.Join(o.SiteDir, "shards", s.Only)
	}
	siteDir, err := filepath.Abs(o.SiteDir)
	if err != nil {
		return err
	}
	o.SiteDir = siteDir
	build := func(o Options, shard, reportDir string) error {
		o.shard = shard
		start := time.Now()
		if err := Build(o); err != nil {
			return err
		}
		if s.Built != nil {
			s.Built(ShardBuilt{Shard: shard, OutDir: reportDir, Took: time.Since(start)})
		}
		return nil
	}
	if s.Only != "" {
		return build(o, s.Only, o.OutDir)
	}
	years, err := Years(siteDir)
	if err != nil {
		return fmt.Errorf("build %q: %w", siteDir, err)
	}
	out := o.OutDir
	if out == "" {
		out = filepath.Join(siteDir, "public")
	}
	return stage(out, "shards", guardSite(siteDir), func(staging string) error {
		// The shards' own folders, beside the output: on its file system, Merge links
		// their files rather than copying them.
		parts, err := os.MkdirTemp(filepath.Dir(staging), filepath.Base(staging)+".parts-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(parts)
		var dirs []string
		for _, shard := range append(years, RootShard) {
			so := o
			so.OutDir = filepath.Join(parts, shard)
			if err := build(so, shard, ""); err != nil {
				return err
			}
			dirs = append(dirs, so.OutDir)
		}
		return mergeInto(staging, dirs)
	})
}

// builtinSearchDir is where a build writes its built-in search index: search/index, or
// search/YEAR for a year shard.
func builtinSearchDir(shard string) string {
	if shard == "" {
		return searchIndexDir
	}
	return "search/" + shard
}

// searchIndexes is what the search page searches, as paths from the site root: the
// built-in index of the site (or of every year, for the root shard), and the Pagefind index
// of every month. A month without articles has no Pagefind index; the page skips it.
func searchIndexes(o Options, plan shardPlan) map[string][]string {
	var builtin, pagefind []string
	if o.shard == RootShard {
		for _, y := range plan.years {
			builtin = append(builtin, builtinSearchDir(y)+"/")
		}
	} else {
		builtin = []string{builtinSearchDir(o.shard) + "/"}
	}
	for _, m := range plan.months {
		pagefind = append(pagefind, pagefindDir(m)+"/")
	}
	return map[string][]string{"builtin": builtin, "pagefind": pagefind}
}

// finishShard makes a shard's output its own: a year shard drops what the root publishes
// (home, search and 404 pages, home feed, robots.txt) and moves its sitemap to
// sitemaps/YEAR.xml; the root moves its sitemap to sitemaps/root.xml and writes sitemap.xml
// as the index of all.
func finishShard(o Options, dir string, years []string) error {
	if o.shard == "" {
		return nil
	}
	if o.shard != RootShard {
		for _, name := range []string{"index.html", "index.xml", "index.json", "404.html", "robots.txt", "search/index.html"} {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		_ = os.Remove(filepath.Join(dir, "search")) // only if empty
	}
	if o.Offline() {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(dir, "sitemaps"), 0o755); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(dir, "sitemap.xml"), filepath.Join(dir, "sitemaps", o.shard+".xml")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if o.shard != RootShard {
		return nil
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8" standalone="yes"?>` + "\n")
	b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, name := range append([]string{RootShard}, years...) {
		fmt.Fprintf(&b, "  <sitemap><loc>%ssitemaps/%s.xml</loc></sitemap>\n", o.BaseURL, name)
	}
	b.WriteString("</sitemapindex>\n")
	return os.WriteFile(filepath.Join(dir, "sitemap.xml"), []byte(b.String()), 0o644)
}
