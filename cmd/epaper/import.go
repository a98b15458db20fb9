package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/epaper-archive/epaper/importer"
	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/fetch"
	"github.com/spf13/cobra"
)

func importCmd(stdout, stderr io.Writer) *cobra.Command {
	var siteDir, reportFile, from, to, warcOut string
	var quiet bool
	opt := importer.Options{Fetch: fetch.DefaultFetchOptions()}
	opt.Fetch.UserAgent = ""
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
			if opt.Fetch.UserAgent == "" {
				opt.Fetch.UserAgent = fetch.UserAgent(versionNumber())
			}
			if err := flagError(cmd, opt.Fetch.Validate()); err != nil {
				return err
			}
			src, err := importer.ResolveSource(args[0])
			if err != nil {
				return usageError{err}
			}
			defer src.Close()
			if warcOut != "" {
				rec, err := archive.CreateWARC(warcOut, src.Transport)
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
			opt.Log = stderr
			if quiet {
				opt.Log = io.Discard
			} else if isTerminal(stderr) {
				opt.Log = io.Discard // the progress line says it
				opt.Progress = progressLine(stderr)
			}
			im, err := importer.New(opt, src.Transport)
			if err != nil {
				return err
			}
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
	def := opt.Fetch
	f.Float64Var(&opt.Fetch.Rate, fetchFlags["Rate"], def.Rate, "requests per second to one host at most (0: no limit)")
	f.IntVar(&opt.Fetch.Concurrency, fetchFlags["Concurrency"], def.Concurrency, "requests in flight at most")
	f.DurationVar(&opt.Fetch.Timeout, fetchFlags["Timeout"], def.Timeout, "time one request may take, body included")
	f.IntVar(&opt.Fetch.Retries, fetchFlags["Retries"], def.Retries, "retries of a request that failed in a way that may pass (0: none)")
	f.DurationVar(&opt.Fetch.MaxRetryAfter, fetchFlags["MaxRetryAfter"], def.MaxRetryAfter, "longest wait before a retry, whatever Retry-After says")
	f.Int64Var(&opt.Fetch.MaxBytes, fetchFlags["MaxBytes"], def.MaxBytes, "largest response accepted, after decompression")
	f.IntVar(&opt.Fetch.MaxRedirects, fetchFlags["MaxRedirects"], def.MaxRedirects, "redirects followed at most (0: none)")
	f.StringSliceVar(&opt.Fetch.AllowHosts, "allow-host", nil, "another host redirects may lead to (repeatable)")
	f.BoolVar(&opt.Fetch.IgnoreRobots, "ignore-robots", false, "do not read or honour robots.txt")
	f.StringVar(&opt.Fetch.UserAgent, fetchFlags["UserAgent"], "", "the User-Agent header (default: epaper/VERSION and the project's URL)")
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
		rep.Edition, filepath.Join(bundle.ContentDir(siteDir), filepath.FromSlash(rep.Edition)),
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

// fetchFlags are the flags of import that set a fetch option, by the option's name.
var fetchFlags = map[string]string{
	"UserAgent": "user-agent", "Timeout": "timeout", "MaxBytes": "max-bytes", "Rate": "rate",
	"Concurrency": "concurrency", "Retries": "retries", "MaxRetryAfter": "max-retry-after",
	"MaxRedirects": "max-redirects",
}

// flagError turns the error of fetch.FetchOptions.Validate into a usage error naming the
// flag and the value given.
func flagError(cmd *cobra.Command, err error) error {
	oe := (*fetch.OptionError)(nil)
	if !errors.As(err, &oe) {
		return err
	}
	name, ok := fetchFlags[oe.Option]
	if !ok {
		return usageError{fmt.Errorf("%s: %w", cmd.Name(), err)}
	}
	value := fmt.Sprint(oe.Value)
	if fl := cmd.Flags().Lookup(name); fl != nil {
		value = fl.Value.String()
	}
	return usageError{fmt.Errorf("%s: --%s %s: must be %s", cmd.Name(), name, value, oe.Want)}
}
