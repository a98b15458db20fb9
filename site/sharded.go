package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// ShardOptions says how BuildSharded shards and which shards it builds.
type ShardOptions struct {
	// By is the way to shard: ByMonth (the default) or ByYear.
	By string
	// Only names the one shard to build, a month ("2021-04"), a year ("2021") or RootShard,
	// into Options.OutDir (default SITE/shards/NAME), for Merge to put together with the
	// others later: shards built so can run on many machines at once. Empty: every shard and
	// the root, merged into Options.OutDir (incrementally, see BuildSharded).
	Only string
	// Jobs is the number of shards built at once when Run is set (default DefaultJobs).
	Jobs int
	// Run, when set, builds one shard (as Only does) into outDir, typically in a process of
	// its own (epaper build --only SHARD): Hugo builds one site at a time in a process, so
	// shards run side by side only so. Nil: the shards are built in this process, one after
	// the other. editions, when not nil, are the only editions of the shard to build (as
	// Editions says).
	Run func(shard string, editions []string, outDir string) error
	// Editions, with Only a shard of editions, are the only editions of it to build
	// (PAPER/DATE), and nothing of the shard's own but their articles for its search: a
	// part of the shard, which a build of all shards completes (epaper build --editions,
	// in the process Run starts). Nil: the whole shard.
	Editions []string
	// Full builds every shard, whatever the manifest of the output says.
	Full bool
	// Built, when set, is called after each shard is built (and for each shard kept as it
	// was, with Kept set).
	Built func(ShardBuilt)
}

// ShardBuilt tells of a shard BuildSharded has built.
type ShardBuilt struct {
	Shard string // a month ("2021-04"), a year ("2021") or RootShard
	// OutDir is the folder the shard was written to with ShardOptions.Only; "" when it is
	// one of all the shards, merged into Options.OutDir at the end.
	OutDir string
	Took   time.Duration
	// Kept: the shard's inputs are those of the last build (the output's manifest says
	// so), and its files were left as they are.
	Kept bool
	// Editions, when not 0, is the number of editions built of a shard built in part (the
	// others' files were left as they are: see partial.go).
	Editions int
}

// BuildSharded builds o.SiteDir as month (or year) shards and a root shard (see RootShard):
// all of them, merged into o.OutDir; or, with s.Only, one shard into a folder of its own.
// The merged site has the same URLs, pages and links as the one Build makes.
//
// A build of all shards records in OUT/.epaper/manifest.json what each shard was built
// from (a digest of its inputs: see manifest.go) and which files it published. The next
// build rebuilds only the shards whose inputs changed (and the root, if its own did),
// writes only the files whose bytes changed, and removes the files no shard publishes any
// more; with no change, it writes nothing. The result is the same bytes as a build from
// scratch. Without a manifest (or with s.Full), every shard is built and the output
// replaced as a whole, as Build does.
func BuildSharded(o Options, s ShardOptions) error {
	if err := o.check(); err != nil {
		return err
	}
	if s.By == "" {
		s.By = ByMonth
	}
	if s.By != ByMonth && s.By != ByYear {
		return fmt.Errorf("build: cannot shard by %q (by %q or %q)", s.By, ByMonth, ByYear)
	}
	o.by = s.By
	if s.Only != "" && o.OutDir == "" {
		o.OutDir = filepath.Join(o.SiteDir, "shards", s.Only)
	}
	siteDir, err := filepath.Abs(o.SiteDir)
	if err != nil {
		return err
	}
	o.SiteDir = siteDir
	if s.Only != "" {
		o.shard, o.editions = s.Only, s.Editions
		start := time.Now()
		if err := Build(o); err != nil {
			return err
		}
		if s.Built != nil {
			s.Built(ShardBuilt{Shard: s.Only, OutDir: o.OutDir, Took: time.Since(start)})
		}
		return nil
	}
	if o.OutDir == "" {
		o.OutDir = filepath.Join(siteDir, "public")
	}
	if o.OutDir, err = filepath.Abs(o.OutDir); err != nil {
		return err
	}
	// Before anything: the output must be one epaper may write (an incremental build
	// updates it in place, past stage's check), and what a killed build left beside it goes
	// (an output it had moved aside comes back, with its manifest).
	if err := guardSite(siteDir).check(o.OutDir); err != nil {
		return err
	}
	removeLeftovers(filepath.Dir(o.OutDir), "."+filepath.Base(o.OutDir)+".", o.OutDir)
	if _, err := os.Stat(filepath.Join(siteDir, "content")); err != nil {
		return fmt.Errorf("build %q: no content directory (run epaper import first): %w", siteDir, err)
	}
	want, err := planManifest(o, s.By)
	if err != nil {
		return fmt.Errorf("build %q: %w", siteDir, err)
	}
	var old *manifest
	if !s.Full {
		old = readManifest(o.OutDir, want)
	}
	if old == nil {
		return buildAll(o, s, want)
	}
	return buildChanged(o, s, old, want)
}

// buildShards builds the shards names into folders of their own below parts (parts/NAME),
// s.Jobs at a time with s.Run, else one after the other in this process; of a shard that
// part names, only those editions (see partial.go).
func buildShards(o Options, s ShardOptions, names []string, part map[string][]string, parts string) error {
	jobs := s.Jobs
	if jobs <= 0 {
		jobs = DefaultJobs(s.By)
	}
	if s.Run == nil {
		jobs = 1
	}
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
	)
	sem := make(chan struct{}, jobs)
	for _, shard := range names {
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			dir := filepath.Join(parts, shard)
			start := time.Now()
			var err error
			if s.Run != nil {
				err = s.Run(shard, part[shard], dir)
			} else {
				so := o
				so.shard, so.OutDir, so.Changed, so.editions = shard, dir, nil, part[shard]
				err = Build(so)
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if first == nil {
					first = fmt.Errorf("shard %s: %w", shard, err)
				}
				return
			}
			if s.Built != nil {
				s.Built(ShardBuilt{Shard: shard, Took: time.Since(start), Editions: len(part[shard])})
			}
		}()
	}
	wg.Wait()
	return first
}

// partsDir makes the folder the shards are built into before they are merged: beside the
// output, on its file system, so that Merge links their files rather than copying them.
func partsDir(out string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", err
	}
	return os.MkdirTemp(filepath.Dir(out), ownedPattern("."+filepath.Base(out)+".parts-"))
}

// buildAll builds every shard and replaces o.OutDir with their merge and the manifest.
func buildAll(o Options, s ShardOptions, want *manifest) error {
	parts, err := partsDir(o.OutDir)
	if err != nil {
		return err
	}
	defer os.RemoveAll(parts)
	names := want.names()
	if err := buildShards(o, s, names, nil, parts); err != nil {
		return fmt.Errorf("build %q: %w", o.SiteDir, err)
	}
	var written, removed []string
	err = stage(o.OutDir, "shards", guardSite(o.SiteDir), func(staging string) error {
		var dirs []string
		for _, name := range names {
			dir := filepath.Join(parts, name)
			if err := want.record(name, dir); err != nil {
				return err
			}
			dirs = append(dirs, dir)
		}
		if err := mergeInto(staging, dirs); err != nil {
			return err
		}
		if err := keepDocs(staging, parts, names); err != nil {
			return err
		}
		if err := want.write(staging); err != nil {
			return err
		}
		if o.Changed != nil {
			written, removed, err = compareTrees(o.OutDir, staging)
		}
		return err
	})
	if err != nil {
		return err
	}
	if o.Changed != nil {
		o.Changed(written, removed)
	}
	return nil
}

// DefaultJobs is the number of shards built at once by default: the cores, but no more
// than the available memory holds (shardMemory a shard).
func DefaultJobs(by string) int {
	jobs := runtime.NumCPU()
	if avail := memAvailable(); avail > 0 {
		jobs = min(jobs, int(max(1, avail/shardMemory(by))))
	}
	return max(1, jobs)
}

// shardMemory is what a shard's build may take at most, as measured with the synthetic
// archive (docs/benchmarks.md): a month of 128 articles a day, or a year.
func shardMemory(by string) uint64 {
	if by == ByYear {
		return 6 << 30
	}
	return 1 << 30
}

// memAvailable is MemAvailable of /proc/meminfo in bytes; 0 where unknown.
func memAvailable() uint64 {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "MemAvailable:"); ok {
			var kb uint64
			if _, err := fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb); err == nil {
				return kb << 10
			}
		}
	}
	return 0
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
		for _, s := range plan.shards {
			builtin = append(builtin, builtinSearchDir(s)+"/")
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
func finishShard(o Options, dir string, shards []string) error {
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
	for _, name := range append([]string{RootShard}, shards...) {
		fmt.Fprintf(&b, "  <sitemap><loc>%ssitemaps/%s.xml</loc></sitemap>\n", o.BaseURL, name)
	}
	b.WriteString("</sitemapindex>\n")
	return os.WriteFile(filepath.Join(dir, "sitemap.xml"), []byte(b.String()), 0o644)
}
