package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/epaper-archive/epaper"
	"github.com/epaper-archive/epaper/site"
	"github.com/epaper-archive/epaper/sitelock"
)

func buildCmd(stdout, stderr io.Writer) *cobra.Command {
	var siteDir, outDir, baseURL, pagefind, shard, only, changed string
	var offline, noPagefind, metrics, epubScans, noEditionFiles, full, noWait bool
	var jobs int
	var editions []string
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the static site from the content bundles",
		Long: `Build renders SITE/content with Hugo (in process) and the layouts compiled into
epaper; a layouts/ folder in SITE overrides them, file by file. The output replaces OUT
as a whole once the build has succeeded.

Without --base-url (or with --offline) the site is built for offline reading: every link
is relative and names a file, so the site works when opened from a disk (file://), and
nothing is loaded from elsewhere. With --base-url it is built for a web server or CDN at
that URL: canonical links, fingerprinted CSS and JS with integrity attributes, sitemap.xml,
robots.txt, RSS feeds per paper and per page, and a 404 page.

Every page has a search box. The articles are indexed for full-text search twice: by
epaper itself into search/index/ (script files a browser loads even from file://, where
the search page uses them), and by Pagefind (` + "`npm install pagefind@" + site.PagefindVersion + "`" + `) into pagefind/,
one index a month,
which the search page uses when the site is served over HTTP. Pagefind is found as
--pagefind, $EPAPER_PAGEFIND or pagefind on the PATH; without it the build says so and the
search page uses epaper's own index everywhere.

Every edition also gets one PDF of all its pages in page order, with a bookmark per page
(PAPER-DATE.pdf beside the edition's index.html: the pages' own PDFs, merged; a page
without one from its scan), and an EPUB of all its articles by page (PAPER-DATE.epub,
cover from the front page's scan; --epub-scans adds every page's scan).

A site of more than one month is built in shards (--shard auto, the default): each month
as an independent Hugo site, and a small root site (home, calendars, search across the
months), --jobs at a time, each in a process of its own, so that the memory a build needs
depends on the size of a month, not of the archive. --shard year shards by year, --shard
none builds the site whole. The merged result has the same URLs, pages and links as the
site built whole. OUT/.epaper/manifest.json records what each shard was built from: the
next build rebuilds only the shards whose inputs changed (a new day, an article imported
again, a layout), writes only the files whose bytes changed and removes those no shard
publishes any more; with nothing changed it writes nothing. --full rebuilds everything.
--changed FILE writes the files the build wrote ("+ PATH") and removed ("- PATH"), paths
from OUT, for uploading only those to a CDN.

--only MONTH (2021-04), --only YEAR (with --shard year) or --only root builds one shard
into its own folder (default SITE/shards/NAME), so that shards can run on many machines
at once, and "epaper merge" puts them together.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if offline && baseURL != "" {
				return usageError{fmt.Errorf("build: --offline and --base-url exclude each other")}
			}
			if err := checkBaseURL("build", baseURL); err != nil {
				return err
			}
			if outDir == "" && only == "" { // a shard built alone goes to SITE/shards/NAME
				outDir = filepath.Join(siteDir, "public")
			}
			if baseURL != "" && !strings.HasSuffix(baseURL, "/") {
				baseURL += "/"
			}
			switch shard {
			case "auto", "none", site.ByMonth, site.ByYear:
			default:
				return usageError{fmt.Errorf("build: --shard %q: shard by month or year, or auto or none", shard)}
			}
			if only != "" && (shard == "none" || shard == "auto" && !monthName.MatchString(only) && only != site.RootShard) {
				return usageError{fmt.Errorf("build: --only %q needs --shard month (a month, YYYY-MM, or root) or --shard year (a year or root)", only)}
			}
			if jobs < 0 {
				return usageError{fmt.Errorf("build: --jobs %d: at least 1", jobs)}
			}
			pf, err := findPagefind(pagefind, noPagefind, stderr)
			if err != nil {
				return err
			}
			if os.Getenv(shardChildEnv) == "" { // a shard's process runs under its parent's lock
				lock, err := lockSite(cmd, siteDir, sitelock.Shared, noWait, stderr)
				if err != nil {
					return err
				}
				defer lock.Release()
			}
			o := site.Options{SiteDir: siteDir, OutDir: outDir, BaseURL: baseURL, Theme: epaper.Theme(), Log: stderr, Pagefind: pf, TemplateMetrics: metrics, EPUBScans: epubScans, NoEditionFiles: noEditionFiles, Version: versionNumber()}
			var changes *changeList
			if changed != "" {
				changes = &changeList{file: changed}
				o.Changed = changes.set
			}
			if shard == "auto" {
				if shard, err = autoShard(siteDir, only); err != nil {
					return err
				}
			}
			if shard != "none" {
				if editions != nil && (only == "" || only == site.RootShard || os.Getenv(shardChildEnv) == "") {
					// a part of a shard is no shard to merge: only a build of all shards completes it
					return usageError{fmt.Errorf("build: --editions is epaper's own, for the shards a build of all shards starts")}
				}
				err = outUsage(buildShards(o, shardFlags{by: shard, only: only, jobs: jobs, full: full, editions: editions}, stdout, stderr))
			} else if err = outUsage(site.Build(o)); err == nil {
				fmt.Fprintf(stdout, "built %s\n", filepath.Join(outDir, "index.html"))
			}
			if err == nil && changes != nil {
				err = changes.write()
			}
			return err
		},
	}
	cmd.Flags().StringVar(&siteDir, "site", ".", "the site directory (holding content/)")
	cmd.Flags().StringVar(&outDir, "out", "", "where to write the site (default SITE/public)")
	cmd.Flags().StringVar(&baseURL, "base-url", "", "the URL the site will be served at (a CDN build)")
	cmd.Flags().BoolVar(&offline, "offline", false, "build for file:// (the default without --base-url)")
	cmd.Flags().StringVar(&pagefind, "pagefind", "", "the Pagefind binary to index the site with (default $EPAPER_PAGEFIND, else pagefind on the PATH)")
	cmd.Flags().BoolVar(&noPagefind, "no-pagefind", false, "no Pagefind index: the search page uses epaper's own index only")
	cmd.Flags().BoolVar(&epubScans, "epub-scans", false, "put the scan of every page into the edition's EPUB (the front page's is its cover either way)")
	cmd.Flags().BoolVar(&noEditionFiles, "no-edition-files", false, "no PDF and EPUB of each edition (and no links to them)")
	cmd.Flags().BoolVar(&metrics, "template-metrics", false, "print the time spent in each template (for making your own layouts fast)")
	noWaitFlag(cmd, &noWait)
	cmd.Flags().StringVar(&shard, "shard", "auto", `build in shards: "month" (a site per month and a root site), "year", "none" (whole), "auto" (months if more than one)`)
	cmd.Flags().StringVar(&only, "only", "", `build only this shard, a month ("2021-04"), a year ("2021", with --shard year) or "root"`)
	cmd.Flags().IntVar(&jobs, "jobs", 0, "shards built at once (default: the cores, as many as the memory holds)")
	cmd.Flags().BoolVar(&full, "full", false, "rebuild every shard, whatever the output's manifest says")
	cmd.Flags().StringSliceVar(&editions, "editions", nil, "with --only: build only these editions of the shard (PAPER/DATE), for the build of all shards that started this one")
	_ = cmd.Flags().MarkHidden("editions")
	cmd.Flags().StringVar(&changed, "changed", "", `write the files written ("+ PATH") and removed ("- PATH") to this file`)
	return cmd
}

// outUsage makes an output folder a build or merge may not replace a usage error (exit 2).
func outUsage(err error) error {
	if errors.Is(err, site.ErrUnsafeOut) {
		return usageError{err}
	}
	return err
}

// findPagefind returns the Pagefind binary to use: flag (which must work), else
// $EPAPER_PAGEFIND (which must work too), else pagefind on the PATH, else "" with a warning.
func findPagefind(flag string, off bool, stderr io.Writer) (string, error) {
	if off {
		return "", nil
	}
	named, from := flag, "--pagefind"
	if named == "" {
		named, from = os.Getenv("EPAPER_PAGEFIND"), "$EPAPER_PAGEFIND"
	}
	if named != "" {
		bin, err := exec.LookPath(named)
		if err != nil {
			return "", fmt.Errorf("build: %s %q: %w", from, named, err)
		}
		return bin, nil
	}
	if bin, err := exec.LookPath("pagefind"); err == nil {
		return bin, nil
	}
	fmt.Fprintf(stderr, "epaper: pagefind not found: the search page will use epaper's own index only (install it with npm install -g pagefind@%s, or pass --pagefind PATH; --no-pagefind silences this)\n", site.PagefindVersion)
	return "", nil
}
