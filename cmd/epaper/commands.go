package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

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
