package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/site"
	"github.com/epaper-archive/epaper/sitelock"
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
	root.Version = versionString() // --version
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetHelpCommand(helpCmd(root))
	root.AddCommand(importCmd(stdout, stderr), buildCmd(stdout, stderr), verifyCmd(stdout, stderr), serveCmd(stdout, stderr), newCmd(stdout, stderr), versionCmd(stdout), mergeCmd(stdout, stderr), probeCmd(stdout))
	err := root.ExecuteContext(ctx)
	if err != nil && strings.HasPrefix(err.Error(), "unknown command ") { // cobra's own words
		return usageError{fmt.Errorf("%w (epaper --help lists the commands)", err)}
	}
	return err
}

// helpCmd is cobra's help command, except that a topic it does not know is a usage error
// (exit 2) instead of a usage printed with exit 0.
func helpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(cmd *cobra.Command, args []string) error {
			c, rest, err := root.Find(args)
			if err != nil || c == nil || len(rest) > 0 {
				return usageError{fmt.Errorf("help: no command %q (epaper --help lists the commands)", strings.Join(args, " "))}
			}
			c.InitDefaultHelpFlag()
			c.InitDefaultVersionFlag()
			return c.Help()
		},
	}
}

// checkBaseURL returns a usage error unless u (a --base-url) is an absolute http or https
// URL with a host and nothing after its path.
func checkBaseURL(cmd, u string) error {
	if u == "" {
		return nil
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.User != nil || p.RawQuery != "" || p.ForceQuery || p.Fragment != "" || strings.ContainsAny(u, " \t\n\"'<>") {
		return usageError{fmt.Errorf("%s: --base-url %q: must be the absolute http or https URL the site is served at, such as https://paper.example.org/ or https://example.org/paper/", cmd, u)}
	}
	return nil
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

func verifyCmd(stdout, stderr io.Writer) *cobra.Command {
	var siteDir, publicDir, baseURL string
	var noWait bool
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check the bundles against their digests and the built site's links",
		Long: `Verify recomputes the SHA-256 of every raw page, scan, PDF and image kept in
SITE/content and of every article's body, and compares each with the one recorded at
import; checks that every file a bundle names is there and that every page and article
bundle an edition's manifest lists is there; and that every link, image and srcset target
of the built site (--public, default SITE/public, if it exists) leads to a file inside it.
The parts the bundles list as missing are printed as warnings, with a count. It prints
what is wrong and exits 1, or a short summary and exits 0. Give --base-url for a site built with one, so that its
root-relative links can be followed.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkBaseURL("verify", baseURL); err != nil {
				return err
			}
			lock, err := lockSite(cmd, siteDir, sitelock.Shared, noWait, stderr)
			if err != nil {
				return err
			}
			defer lock.Release()
			problems, stats, err := bundle.Verify(siteDir)
			if err != nil {
				return err
			}
			for _, p := range problems {
				fmt.Fprintln(stderr, p)
			}
			for _, w := range stats.Missing {
				fmt.Fprintf(stderr, "warning: %s\n", w)
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
			fmt.Fprintf(stdout, "verified %d bundles: %d raw pages match their digests, %d files named are there, %d files and bodies match their digests; %d links of the built site lead to files\n",
				stats.Bundles, stats.RawPages, stats.Assets, stats.Digests, checked)
			if n := len(stats.Missing); n > 0 {
				fmt.Fprintf(stdout, "%d %s the bundles list as missing (warnings above)\n", n, plural(n, "part", "parts"))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&siteDir, "site", ".", "the site directory")
	cmd.Flags().StringVar(&publicDir, "public", "", "the built site (default SITE/public)")
	cmd.Flags().StringVar(&baseURL, "base-url", "", "the URL the site was built for, if any")
	noWaitFlag(cmd, &noWait)
	return cmd
}
