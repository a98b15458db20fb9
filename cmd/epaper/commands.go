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

	"github.com/spf13/cobra"

	"github.com/epaper-archive/epaper"
	"github.com/epaper-archive/epaper/importer/bundle"
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

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func buildCmd(stdout, stderr io.Writer) *cobra.Command {
	var siteDir, outDir, baseURL, pagefind, shard, only string
	var offline, noPagefind, metrics bool
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
			o := site.Options{SiteDir: siteDir, OutDir: outDir, BaseURL: baseURL, Theme: epaper.Theme(), Log: stderr, Pagefind: pf, TemplateMetrics: metrics}
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
			problems, stats, err := bundle.Verify(siteDir)
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
		Short: "Print the versions of epaper and of the Hugo, HTML and WARC libraries it was built with",
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

// versionedLibraries are the libraries whose version decides what epaper makes of a page:
// the site engine, the HTML parser and selector engine of extraction, and the WARC library.
var versionedLibraries = []struct{ name, path string }{
	{"hugo", "github.com/gohugoio/hugo"},
	{"x/net/html", "golang.org/x/net"},
	{"cascadia", "github.com/andybalholm/cascadia"},
	{"gowarc", "github.com/nlnwa/gowarc/v3"},
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
	var libs []string
	for _, l := range versionedLibraries {
		libs = append(libs, l.name+" "+deps[l.path])
	}
	return fmt.Sprintf("epaper %s (%s, %s)", v, strings.Join(libs, ", "), info.GoVersion)
}
