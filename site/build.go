package site

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/resources/page"
	"github.com/spf13/afero"
)

// hugoMu serialises builds in one process: Hugo keeps a global page cache (cleared with
// page.Clear after each build) that two concurrent builds would share.
var hugoMu sync.Mutex

// environ is what Hugo sees of the environment. It must not be empty (Hugo then reads
// os.Environ, and HUGO_* variables of the user's shell would change the build).
var environ = []string{"EPAPER=1"}

// Build renders o.SiteDir into o.OutDir. The site is built into a temporary directory beside
// OutDir, which then replaces OutDir, so files of an earlier build never linger and a failed
// build leaves the old output as it was.
func Build(o Options) error {
	if err := o.check(); err != nil {
		return err
	}
	siteDir, err := filepath.Abs(o.SiteDir)
	if err != nil {
		return err
	}
	o.SiteDir = siteDir
	out := o.OutDir
	if out == "" {
		out = filepath.Join(siteDir, "public")
	}
	if _, err := os.Stat(filepath.Join(siteDir, "content")); err != nil {
		return fmt.Errorf("build %q: no content directory (run epaper import first): %w", siteDir, err)
	}
	eds, err := scanEditions(siteDir)
	if err != nil {
		return fmt.Errorf("build %q: %w", siteDir, err)
	}
	plan, err := planOf(siteDir, eds, o.shard, o.by, feedLimit)
	if err != nil {
		return fmt.Errorf("build %q: %w", siteDir, err)
	}
	if o.editions != nil {
		if o.shard == "" || o.shard == RootShard {
			return fmt.Errorf("build %q: only a shard of editions is built in part, not %q", siteDir, o.shard)
		}
		plan = plan.restrict(eds, o.editions)
	}
	var written, removed []string
	err = stage(out, "new", guardSite(siteDir), func(staging string) error {
		if err := buildInto(o, plan, staging); err != nil {
			return fmt.Errorf("build %q: %w", siteDir, err)
		}
		if o.Changed != nil {
			written, removed, err = compareTrees(out, staging)
		}
		return err
	})
	if err == nil && o.Changed != nil {
		o.Changed(written, removed)
	}
	return err
}

// buildInto builds the site (or the shard o.shard) as plan says into the empty folder dir:
// Hugo's output, the search indexes, what a shard does differently, and static/.
func buildInto(o Options, plan shardPlan, dir string) error {
	work, err := tempDir("epaper-build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	themesDir := filepath.Join(work, "themes")
	if err := extractTheme(o.Theme, themesDir); err != nil {
		return err
	}
	cacheDir := o.CacheDir
	if cacheDir == "" {
		cacheDir = filepath.Join(work, "cache")
	}
	docs, eds, aliases, err := render(o, plan, dir, themesDir, cacheDir)
	if err != nil {
		return err
	}
	if err := writeEditionFiles(dir, eds, o.Log); err != nil {
		return err
	}
	if !o.NoSearch && o.shard != "" && o.shard != RootShard {
		// the articles of a shard, for BuildSharded's next build of a part of it
		if err := writeShardDocs(filepath.Join(dir, filepath.FromSlash(shardDocsFile)), docs); err != nil {
			return err
		}
	}
	if !o.NoSearch && o.shard != RootShard && o.editions == nil { // the root searches the shards' indexes; BuildSharded completes a part's
		if err := writeSearchIndex(filepath.Join(dir, filepath.FromSlash(builtinSearchDir(o.shard))), docs); err != nil {
			return err
		}
		if o.Pagefind != "" {
			if err := runPagefind(context.Background(), o.Pagefind, dir, docMonths(docs)); err != nil {
				return fmt.Errorf("search index: %w", err)
			}
		}
	}
	if !o.Offline() {
		if err := sortSitemap(filepath.Join(dir, "sitemap.xml")); err != nil {
			return err
		}
	}
	if err := finishShard(o, dir, plan.shards); err != nil {
		return fmt.Errorf("shard %s: %w", o.shard, err)
	}
	if o.shard == "" || o.shard == RootShard {
		if err := copyStatic(filepath.Join(o.SiteDir, "static"), dir); err != nil {
			return fmt.Errorf("copy static files: %w", err)
		}
	}
	if !o.Offline() { // last: an alias takes no file anything else publishes
		return publishAliases(dir, aliases.claims, aliases.roots, o, o.Log)
	}
	return nil
}

// builtAliases are the aliases of a build's pages, read while Hugo holds them
// (collectAliases).
type builtAliases struct {
	claims []aliasClaim
	roots  []string
}

// render runs one Hugo build with a fresh HugoSites. It returns the articles for the
// built-in search index (none with o.NoSearch), the editions' PDFs and EPUBs to write
// (none with o.NoEditionFiles) and the pages' aliases, read while Hugo still holds them.
func render(o Options, plan shardPlan, publishDir, themesDir, cacheDir string) ([]searchDoc, []editionFiles, builtAliases, error) {
	hugoMu.Lock()
	defer hugoMu.Unlock()
	defer page.Clear()

	var logBuf bytes.Buffer
	w := io.Writer(&logBuf)
	if o.Log != nil {
		w = io.MultiWriter(&logBuf, o.Log)
	}
	logger := loggers.New(loggers.Options{
		Level:         logg.LevelWarn,
		StdOut:        w,
		StdErr:        w,
		DistinctLevel: logg.LevelWarn,
	})
	h, err := newHugoSites(o, plan, publishDir, themesDir, cacheDir, logger)
	if err != nil {
		return nil, nil, builtAliases{}, err
	}
	buildErr, stuck := buildOrGiveUp(h)
	if stuck {
		// The stuck build holds nothing of ours but h; Hugo's global page cache is cleared
		// below, and the next build uses a fresh HugoSites.
		return nil, nil, builtAliases{}, fmt.Errorf("Hugo stopped rendering after %d or more pages failed and did not return (Hugo %s loses those errors here): "+
			"look for a template error in the site's layouts/, which override epaper's (a build without them shows whether they are the cause)", hugoMaxRenderErrors, hugoVersion())
	}
	var docs []searchDoc
	if buildErr == nil && !o.NoSearch && o.shard != RootShard {
		docs = collectSearchDocs(context.Background(), h.RegularPages(), o)
	}
	var eds []editionFiles
	if buildErr == nil && !o.NoEditionFiles {
		if eds, buildErr = collectEditionFiles(context.Background(), h.Pages(), o); buildErr != nil {
			buildErr = fmt.Errorf("edition PDF and EPUB: %w", buildErr)
		}
	}
	var aliases builtAliases
	if buildErr == nil && !o.Offline() {
		aliases.claims, aliases.roots = collectAliases(h.Pages())
	}
	closeErr := h.Close()
	if buildErr != nil {
		return nil, nil, builtAliases{}, buildErr
	}
	if n := logger.LoggCount(logg.LevelError); n > 0 {
		return nil, nil, builtAliases{}, fmt.Errorf("%d errors logged:\n%s", n, logBuf.String())
	}
	return docs, eds, aliases, closeErr
}

// hugoMaxRenderErrors is the number of failed pages after which Hugo stops a build
// (hugolib's errorCollator).
const hugoMaxRenderErrors = 10

// stuckAfter is how long a build may go on once Hugo has stopped it. Then it is taken to be
// stuck: Hugo v0.165.0's page walker can block for ever on a full channel when the render
// workers have quit after hugoMaxRenderErrors errors (hugolib/site_render.go, renderPages).
var stuckAfter = 20 * time.Second

// buildOrGiveUp runs h.Build; if Hugo stops the build (too many errors) and the build does
// not return within stuckAfter, it gives up on it and reports it stuck. The stuck goroutine
// stays blocked for the life of the process.
func buildOrGiveUp(h *hugolib.HugoSites) (err error, stuck bool) {
	done := make(chan error, 1)
	go func() { done <- h.Build(hugolib.BuildCfg{}) }()
	select {
	case err := <-done:
		return err, false
	case <-h.Done():
	}
	select {
	case err := <-done:
		return err, false
	case <-time.After(stuckAfter):
		return nil, true
	}
}

// hugoVersion is the version of the Hugo module epaper is built with.
func hugoVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "github.com/gohugoio/hugo" {
				return m.Version
			}
		}
	}
	return "(unknown version)"
}

// newHugoSites loads the configuration and returns a fresh HugoSites: one per build, as
// Hugo keeps state in it.
func newHugoSites(o Options, plan shardPlan, publishDir, themesDir, cacheDir string, logger loggers.Logger) (*hugolib.HugoSites, error) {
	osFs := afero.NewOsFs()
	res, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:       hugoConfig(o, publishDir, themesDir, cacheDir, plan),
		Fs:          osFs,
		Logger:      logger,
		Environ:     environ,
		Environment: "production",
		ConfigDir:   configDir(o.SiteDir),
	})
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	return hugolib.NewHugoSites(deps.DepsCfg{
		Configs:  res,
		Fs:       hugofs.NewFrom(osFs, res.LoadingInfo.BaseConfig),
		LogLevel: logger.Level(),
		StdErr:   logger.StdErr(),
		StdOut:   logger.StdOut(),
	})
}

// configDir returns the site's config/ directory if it has one, as Hugo's command does.
func configDir(siteDir string) string {
	dir := filepath.Join(siteDir, "config")
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		return dir
	}
	return ""
}
