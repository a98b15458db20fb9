package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/epaper-archive/epaper/importer"
	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/fetch"
	"github.com/epaper-archive/epaper/sitelock"
	"github.com/spf13/cobra"
)

func importCmd(stdout, stderr io.Writer) *cobra.Command {
	var siteDir, reportFile, from, to, warcOut, host string
	var profileFiles []string
	var quiet, noWait bool
	opt := importer.Options{Fetch: fetch.DefaultFetchOptions()}
	opt.Fetch.UserAgent = ""
	cmd := &cobra.Command{
		Use:   "import SOURCE",
		Short: "Import an edition's original pages into content bundles",
		Long: `Import reads the editions of a Founder e-paper and writes Hugo content bundles into
SITE/content: a bundle per edition, per page (版) and per article, with the page scans,
PDFs, images and the raw HTML as received.

SOURCE is the paper's index URL (it points at the newest edition), any page or article
URL of an edition, a WARC or WACZ file, or a local mirror of the site as wget --mirror,
wget -r or HTTrack leave it: the folder the tool ran in, a host folder, any folder inside
one, or one page or article file. Every edition found in a mirror's folder is imported,
in date order (--from/--to pick the days); a URL or a file imports the edition it belongs
to. The whole edition is imported: every page of its page list and every article of each
page. What cannot be fetched or read is reported and the rest is still imported; the exit
code is then 1. Importing the same input twice writes the same bytes.

A mirror without a host folder (wget -r -nH) stands for the host --host names; without
it, its URLs are recorded as http://unknown.invalid/PATH and the paper's code must come
from the paths (html/PAPER/…, PAPER/html/…) or from --paper.

The crawler is polite: robots.txt (and its Crawl-delay) is honoured, requests to a host
are rate limited, few are in flight at once, and failures that may pass (5xx, 429, 408,
resets, timeouts, bodies cut short) are retried with exponential backoff, honouring
Retry-After. A re-import asks the server whether each page changed since the last one
(ETag / Last-Modified kept in the bundles) and keeps what has not; --force fetches all.
A local mirror or archive is read without rate limit or robots.txt.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			if opt.Fetch.UserAgent == "" {
				opt.Fetch.UserAgent = fetch.UserAgent(versionNumber())
			}
			if err := checkAllowHosts(cmd, opt.Fetch.AllowHosts); err != nil {
				return err
			}
			if err := flagError(cmd, opt.Fetch.Validate()); err != nil {
				return err
			}
			if r := opt.Fetch.Rate; r > 0 && r < minRate {
				return usageError{fmt.Errorf("import: --rate %s: must be 0 (no limit) or at least one request a day (%.3g a second): at %s a second each request after the first would wait %s",
					cmd.Flags().Lookup("rate").Value, minRate, cmd.Flags().Lookup("rate").Value, time.Duration(float64(time.Second)/r).Round(time.Hour))}
			}
			if opt.Paper != "" {
				if err := bundle.CheckPaper(opt.Paper); err != nil {
					return usageError{fmt.Errorf("import: --paper %q: %w", opt.Paper, err)}
				}
			}
			if from != "" || to != "" {
				if from == "" || to == "" {
					return usageError{fmt.Errorf("import: --from and --to go together")}
				}
				start, end, err := dateRange(from, to)
				if err != nil {
					return err
				}
				if end.Before(start) {
					return usageError{fmt.Errorf("import: --to %s is before --from %s", to, from)}
				}
			}
			if opt.Profiles, err = loadProfiles(profileFiles); err != nil {
				return err
			}
			src, err := importer.OpenSource(args[0], importer.SourceOptions{Host: host, Profiles: opt.Profiles})
			if err != nil {
				return usageError{err}
			}
			defer src.Close()
			if host != "" && (src.Mirror == nil || !src.Mirror.Hostless()) {
				return usageError{fmt.Errorf("import: --host names the host of a mirror without host folder; %s is not one", args[0])}
			}
			if src.Transport == nil { // the network
				opt.Fetch.PublicOnly, opt.Fetch.PrivateHosts = true, reachableHosts(src.URL, opt.Fetch.AllowHosts)
				src.Transport = fetch.NewTransport(opt.Fetch) // under the WARC recorder too
			}
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
			lock, err := lockSite(cmd, siteDir, sitelock.Exclusive, noWait, stderr)
			if err != nil {
				return err
			}
			defer lock.Release()
			im, err := importer.New(opt, src.Transport)
			if err != nil {
				return err
			}
			if src.Mirror != nil {
				return importMirror(cmd.Context(), im, src, opt.Paper, from, to, reportFile, stdout, stderr)
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
	noWaitFlag(cmd, &noWait)
	f.BoolVar(&opt.Force, "force", false, "fetch everything again, without conditional requests")
	f.StringVar(&from, "from", "", "import every day's edition from this date (YYYY-MM-DD): of a mirror, those found in it; of a URL, by its URL pattern")
	f.StringVar(&to, "to", "", "… up to this date, inclusive (with --from)")
	f.StringVar(&opt.Paper, "paper", "", "the paper's code (its folder in content/), whatever the pages and URLs say")
	f.StringVar(&opt.PaperName, "paper-name", "", "the paper's name, whatever the pages say")
	f.StringVar(&host, "host", "", "the host a mirror without a host folder (wget -r -nH) was taken from, for its original URLs")
	f.StringArrayVar(&profileFiles, "profile", nil, "read pages with the profile in this YAML file too (docs/profiles.md); may be given again")
	f.StringVar(&warcOut, "warc", "", "also record every request and response into this WARC file (.warc.gz)")
	def := opt.Fetch
	f.Float64Var(&opt.Fetch.Rate, fetchFlags["Rate"], def.Rate, "requests per second to one host at most (0: no limit)")
	f.IntVar(&opt.Fetch.Concurrency, fetchFlags["Concurrency"], def.Concurrency, "requests in flight at most")
	f.DurationVar(&opt.Fetch.Timeout, fetchFlags["Timeout"], def.Timeout, "time one request may take, body included")
	f.IntVar(&opt.Fetch.Retries, fetchFlags["Retries"], def.Retries, "retries of a request that failed in a way that may pass (0: none)")
	f.DurationVar(&opt.Fetch.MaxRetryAfter, fetchFlags["MaxRetryAfter"], def.MaxRetryAfter, "longest wait before a retry, whatever Retry-After says")
	f.Int64Var(&opt.Fetch.MaxBytes, fetchFlags["MaxBytes"], def.MaxBytes, "largest response accepted, after decompression")
	f.Int64Var(&opt.Fetch.MaxMemory, fetchFlags["MaxMemory"], def.MaxMemory, "bytes of responses held in memory while being read, all requests together; past it they are read into temporary files")
	f.IntVar(&opt.Fetch.MaxRedirects, fetchFlags["MaxRedirects"], def.MaxRedirects, "redirects followed at most (0: none)")
	f.StringSliceVar(&opt.Fetch.AllowHosts, "allow-host", nil, "another host (name, or name:port) to fetch from besides the edition's, and redirects may lead to (repeatable)")
	f.BoolVar(&opt.Fetch.IgnoreRobots, "ignore-robots", false, "do not read or honour robots.txt")
	f.StringVar(&opt.Fetch.UserAgent, fetchFlags["UserAgent"], "", "the User-Agent header (default: epaper/VERSION and the project's URL)")
	return cmd
}

// minRate is the lowest --rate other than 0 (no limit): one request a day.
const minRate = 1.0 / (24 * 60 * 60)

// fetchFlags are the flags of import that set a fetch option, by the option's name.
var fetchFlags = map[string]string{
	"UserAgent": "user-agent", "Timeout": "timeout", "MaxBytes": "max-bytes", "Rate": "rate",
	"Concurrency": "concurrency", "Retries": "retries", "MaxRetryAfter": "max-retry-after",
	"MaxRedirects": "max-redirects", "MaxMemory": "max-memory",
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

// checkAllowHosts makes an --allow-host that is not a host name or name:port (a URL, a path,
// nothing) a usage error: it would match no host, and what the user meant to allow would be
// reported as on another host.
func checkAllowHosts(cmd *cobra.Command, hosts []string) error {
	if cmd.Flags().Changed("allow-host") && len(hosts) == 0 {
		hosts = []string{""}
	}
	for _, h := range hosts {
		if u, err := url.Parse("http://" + h); err != nil || h == "" || u.Host != h || u.User != nil {
			return usageError{fmt.Errorf("%s: --allow-host %q: must be a host name or name:port (img.example.cn, img.example.cn:8080), not a URL", cmd.Name(), h)}
		}
	}
	return nil
}

// reachableHosts are the hosts an import of source may reach on loopback, private or
// link-local addresses: the source's own host, and the --allow-host hosts when the source
// itself is on such an address. Every other host is reached on public addresses only.
func reachableHosts(source *url.URL, allow []string) []string {
	hosts := []string{source.Hostname()}
	private := false
	if a, err := netip.ParseAddr(strings.Trim(source.Hostname(), "[]")); err == nil {
		private = !a.IsGlobalUnicast() || a.IsPrivate()
	} else if ips, err := net.LookupIP(source.Hostname()); err == nil {
		for _, ip := range ips {
			private = private || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast()
		}
	}
	if private {
		hosts = append(hosts, allow...)
	}
	return hosts
}
