package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/epaper-archive/epaper"
	"github.com/epaper-archive/epaper/importer"
	"github.com/epaper-archive/epaper/site"
)

// run runs the command line args; only main exits.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root := &cobra.Command{
		Use:   "epaper",
		Short: "Turn a Founder (方正) e-paper site into a static site that lasts",
		Long: `epaper imports the original HTML pages of a daily newspaper's e-paper edition
(Founder digital-newspaper system, as used by 重庆日报 and hundreds of other papers) into
Hugo content bundles, and builds them into a static site with Hugo, in process.

  epaper import http://epaper.example.cn/html/cqrb/index.htm
  epaper build
  open public/index.html`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(importCmd(stdout, stderr), buildCmd(stdout, stderr), verifyCmd(stdout, stderr), serveCmd(stdout, stderr), newCmd(stdout), versionCmd(stdout), mergeCmd(stdout))
	return root.ExecuteContext(ctx)
}

// exactArgs is cobra.ExactArgs, as a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{fmt.Errorf("%s: %w", cmd.Name(), err)}
		}
		return nil
	}
}

func importCmd(stdout, stderr io.Writer) *cobra.Command {
	var siteDir, reportFile, from, to, warcOut string
	var quiet bool
	opt := importer.Options{}
	var rate float64
	cmd := &cobra.Command{
		Use:   "import SOURCE",
		Short: "Import an edition's original pages into content bundles",
		Long: `Import reads one edition of a Founder e-paper and writes Hugo content bundles into
SITE/content: a bundle per edition, per page (版) and per article, with the page scans,
PDFs, images and the raw HTML as received.

SOURCE is the paper's index URL (it points at the newest edition), any page or article
URL of an edition, or a local file or directory of a mirror of the site (as written by
wget --mirror or HTTrack). The whole edition is imported: every page of its page list and
every article of each page. What cannot be fetched or read is reported and the rest is
still imported; the exit code is then 1. Importing the same input twice writes the same
bytes.

The crawler is polite: robots.txt (and its Crawl-delay) is honoured, requests to a host
are rate limited, few are in flight at once, and failures that may pass (5xx, 429, 408,
resets, timeouts, bodies cut short) are retried with exponential backoff, honouring
Retry-After. A re-import asks the server whether each page changed since the last one
(ETag / Last-Modified kept in the bundles) and keeps what has not; --force fetches all.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			src, err := importer.ResolveSource(args[0])
			if err != nil {
				return usageError{err}
			}
			defer src.Close()
			if warcOut != "" {
				rec, err := importer.CreateWARC(warcOut, src.Transport)
				if err != nil {
					return err
				}
				defer func() {
					if cerr := rec.Close(); cerr != nil && err == nil {
						err = cerr
					}
				}()
				src.Transport = rec
			}
			opt.SiteDir = siteDir
			if opt.Fetch.UserAgent == "" {
				opt.Fetch.UserAgent = importer.UserAgent(versionNumber())
			}
			opt.Fetch.Rate = rate
			if rate == 0 {
				opt.Fetch.Rate = -1 // no limit
			}
			opt.Log = stderr
			if quiet {
				opt.Log = io.Discard
			} else if isTerminal(stderr) {
				opt.Log = io.Discard // the progress line says it
				opt.Progress = progressLine(stderr)
			}
			im := importer.New(opt, src.Transport)
			if from != "" || to != "" {
				return importRange(cmd.Context(), im, src, from, to, reportFile, stdout, stderr)
			}
			rep, err := im.Import(cmd.Context(), src.URL)
			if opt.Progress != nil {
				fmt.Fprintln(stderr)
			}
			if err != nil {
				return err
			}
			if reportFile != "" {
				if err := writeJSON(reportFile, rep); err != nil {
					return err
				}
			}
			return summarise(stdout, stderr, siteDir, rep)
		},
	}
	f := cmd.Flags()
	f.StringVar(&siteDir, "site", ".", "the site directory; bundles go into its content/")
	f.StringVar(&reportFile, "report", "", "also write a JSON report of every page and article (imported, unchanged, failed and why) to this file")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress, only the summary")
	f.BoolVar(&opt.Force, "force", false, "fetch everything again, without conditional requests")
	f.StringVar(&from, "from", "", "import every day's edition from this date (YYYY-MM-DD), found by the URL pattern of SOURCE")
	f.StringVar(&to, "to", "", "… up to this date, inclusive (with --from)")
	f.StringVar(&warcOut, "warc", "", "also record every request and response into this WARC file (.warc.gz)")
	f.Float64Var(&rate, "rate", importer.DefaultRate, "requests per second to one host at most (0: no limit)")
	f.IntVar(&opt.Fetch.Concurrency, "concurrency", importer.DefaultConcurrency, "requests in flight at most")
	f.DurationVar(&opt.Fetch.Timeout, "timeout", importer.DefaultTimeout, "time one request may take, body included")
	f.IntVar(&opt.Fetch.Retries, "retries", importer.DefaultRetries, "retries of a request that failed in a way that may pass")
	f.DurationVar(&opt.Fetch.MaxRetryAfter, "max-retry-after", importer.DefaultMaxRetryAfter, "longest wait before a retry, whatever Retry-After says")
	f.Int64Var(&opt.Fetch.MaxBytes, "max-bytes", importer.DefaultMaxBytes, "largest response accepted, after decompression")
	f.IntVar(&opt.Fetch.MaxRedirects, "max-redirects", importer.DefaultMaxRedirects, "redirects followed at most")
	f.StringSliceVar(&opt.Fetch.AllowHosts, "allow-host", nil, "another host redirects may lead to (repeatable)")
	f.BoolVar(&opt.Fetch.IgnoreRobots, "ignore-robots", false, "do not read or honour robots.txt")
	f.StringVar(&opt.Fetch.UserAgent, "user-agent", "", "the User-Agent header (default: epaper/VERSION and the project's URL)")
	return cmd
}

// importRange imports the editions of a date range and prints a line per day.
func importRange(ctx context.Context, im *importer.Importer, src *importer.Source, from, to, reportFile string, stdout, stderr io.Writer) error {
	if from == "" || to == "" {
		return usageError{fmt.Errorf("import: --from and --to go together")}
	}
	day := func(s string) (time.Time, error) {
		t, err := time.ParseInLocation(time.DateOnly, s, time.FixedZone("CST", 8*3600))
		if err != nil {
			return t, usageError{fmt.Errorf("import: %q is not a date YYYY-MM-DD", s)}
		}
		return t, nil
	}
	start, err := day(from)
	if err != nil {
		return err
	}
	end, err := day(to)
	if err != nil {
		return err
	}
	days, err := im.ImportRange(ctx, src.URL, start, end)
	if err != nil {
		return err
	}
	if reportFile != "" {
		if err := writeJSON(reportFile, days); err != nil {
			return err
		}
	}
	failed := false
	for _, d := range days {
		switch {
		case d.Absent:
			fmt.Fprintf(stdout, "%s: no edition (%s)\n", d.Day, d.URL)
		case d.Error != "":
			fmt.Fprintf(stderr, "%s: FAILED: %s\n", d.Day, d.Error)
			failed = true
		default:
			if summarise(stdout, stderr, im.SiteDir(), d.Report) != nil {
				failed = true
			}
		}
	}
	if failed {
		return errReported
	}
	return nil
}

// summarise prints what an import did and fails when anything failed.
func summarise(stdout, stderr io.Writer, siteDir string, rep *importer.Report) error {
	fmt.Fprintf(stdout, "imported %s into %s: %d pages, %d articles",
		rep.Edition, filepath.Join(siteDir, "content", filepath.FromSlash(rep.Edition)),
		rep.Count("page", importer.Imported)+rep.Count("page", importer.Unchanged),
		rep.Count("article", importer.Imported)+rep.Count("article", importer.Unchanged))
	if n := rep.Count("page", importer.Unchanged) + rep.Count("article", importer.Unchanged); n > 0 {
		fmt.Fprintf(stdout, " (%d unchanged since the last import)", n)
	}
	fmt.Fprintln(stdout)
	failed := rep.Failures()
	if len(failed) == 0 {
		return nil
	}
	fmt.Fprintf(stderr, "%d failed:\n", len(failed))
	for _, it := range failed {
		fmt.Fprintf(stderr, "  %s %s\n", it.Kind, it.Error)
	}
	return errReported
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func buildCmd(stdout, stderr io.Writer) *cobra.Command {
	var siteDir, outDir, baseURL, pagefind, shard, only string
	var offline, noPagefind, metrics, epubScans, noEditionFiles bool
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

An archive of many years can be built in shards (--shard year): each year as an
independent Hugo site, and a small root site (home, calendars, search across the years).
The merged result has the same URLs, pages and links as the site built whole. Without
--only the shards are built one after the other and merged into OUT; --only YEAR or
--only root builds one shard into its own folder (default SITE/shards/NAME), so that
shards can run on many machines at once, and "epaper merge" puts them together.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if offline && baseURL != "" {
				return usageError{fmt.Errorf("build: --offline and --base-url exclude each other")}
			}
			if outDir == "" {
				outDir = filepath.Join(siteDir, "public")
			}
			if baseURL != "" && !strings.HasSuffix(baseURL, "/") {
				baseURL += "/"
			}
			if shard != "" && shard != "year" {
				return usageError{fmt.Errorf("build: --shard %q: the only way to shard is by year", shard)}
			}
			if only != "" && shard == "" {
				return usageError{fmt.Errorf("build: --only needs --shard year")}
			}
			pf, err := findPagefind(pagefind, noPagefind, stderr)
			if err != nil {
				return err
			}
			o := site.Options{SiteDir: siteDir, OutDir: outDir, BaseURL: baseURL, Theme: epaper.Theme(), Log: stderr, Pagefind: pf, TemplateMetrics: metrics, EPUBScans: epubScans, NoEditionFiles: noEditionFiles}
			if shard != "" {
				return buildSharded(o, only, cmd.Flags().Changed("out"), stdout)
			}
			if err := site.Build(o); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "built %s\n", filepath.Join(outDir, "index.html"))
			return nil
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
	cmd.Flags().StringVar(&shard, "shard", "", `build in shards: "year" (a site per year and a root site)`)
	cmd.Flags().StringVar(&only, "only", "", `with --shard: build only this shard, a year ("2021") or "root"`)
	return cmd
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

func verifyCmd(stdout, stderr io.Writer) *cobra.Command {
	var siteDir, publicDir, baseURL string
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check the bundles against their digests and the built site's links",
		Long: `Verify recomputes the SHA-256 of every raw page kept in SITE/content and compares it
with the one recorded at import, checks that every file a bundle names (scan, PDF,
images) is there, and that every link and image of the built site (--public, default
SITE/public, if it exists) leads to a file. It prints what is wrong and exits 1, or a
short summary and exits 0. Give --base-url for a site built with one, so that its
root-relative links can be followed.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			problems, stats, err := importer.Verify(siteDir)
			if err != nil {
				return err
			}
			for _, p := range problems {
				fmt.Fprintln(stderr, p)
			}
			if publicDir == "" {
				publicDir = filepath.Join(siteDir, "public")
			}
			links, checked := []site.LinkProblem(nil), 0
			if _, err := os.Stat(publicDir); err == nil {
				basePath := "/"
				if u, err := url.Parse(baseURL); err == nil && u.Path != "" {
					basePath = u.Path
				}
				if links, checked, err = site.CheckLinks(publicDir, basePath); err != nil {
					return err
				}
				for _, p := range links {
					fmt.Fprintf(stderr, "%s: %s\n", publicDir, p)
				}
			}
			if n := len(problems) + len(links); n > 0 {
				fmt.Fprintf(stderr, "%d problems\n", n)
				return errReported
			}
			fmt.Fprintf(stdout, "verified %d bundles: %d raw pages match their digests, %d files named are there; %d links of the built site lead to files\n",
				stats.Bundles, stats.RawPages, stats.Assets, checked)
			return nil
		},
	}
	cmd.Flags().StringVar(&siteDir, "site", ".", "the site directory")
	cmd.Flags().StringVar(&publicDir, "public", "", "the built site (default SITE/public)")
	cmd.Flags().StringVar(&baseURL, "base-url", "", "the URL the site was built for, if any")
	return cmd
}

func newCmd(stdout io.Writer) *cobra.Command {
	var siteDir, kind string
	cmd := &cobra.Command{
		Use:   "new PATH",
		Short: "Create a hand-made article bundle from the archetypes",
		Long: `New creates SITE/content/PATH from an archetype: the site's own archetypes/, else the
ones compiled into epaper. PATH without an extension becomes a bundle (PATH/index.md).

  epaper new cqrb/2021-04-14/005/corrections`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := site.NewContent(site.Options{SiteDir: siteDir, Theme: epaper.Theme()}, args[0], kind)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "created %s\n", path)
			return nil
		},
	}
	cmd.Flags().StringVar(&siteDir, "site", ".", "the site directory")
	cmd.Flags().StringVar(&kind, "kind", "article", "the archetype to use")
	return cmd
}

func versionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the versions of epaper and of the Hugo and goquery it was built with",
		Args:  exactArgs(0),
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintln(stdout, versionString())
		},
	}
}

// version is set by the Makefile (-ldflags -X main.version=…).
var version = ""

// versionNumber is epaper's version: set by the Makefile, else from the build information.
func versionNumber() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "epaper (no build information)"
	}
	v := version
	if v == "" {
		v = info.Main.Version
	}
	if v == "" || v == "(devel)" {
		v = "devel"
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	deps := map[string]string{}
	for _, d := range info.Deps {
		deps[d.Path] = d.Version
	}
	return fmt.Sprintf("epaper %s (hugo %s, goquery %s, %s)", v,
		deps["github.com/gohugoio/hugo"], deps["github.com/PuerkitoBio/goquery"], info.GoVersion)
}
