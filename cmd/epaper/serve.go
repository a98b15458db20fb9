package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/epaper-archive/epaper"
	"github.com/epaper-archive/epaper/site"
)

func serveCmd(stdout, stderr io.Writer) *cobra.Command {
	var siteDir string
	var port int
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site on this machine, rebuilt and reloaded as its files change",
		Long: `Serve builds the site (as epaper build does without --base-url) into a temporary
folder and serves it on http://127.0.0.1:PORT/, on this machine only. It watches the
site's content/, layouts/, assets/, static/, archetypes/ (and data/, i18n/, config/,
hugo.toml) at any depth, folders created later included, so a running import or an edited
article shows up: after a change the site is rebuilt and the pages open in a browser
reload by themselves.

A build that fails is reported here and, in a banner, on every page, while the last good
build stays served; fixing the file clears it. SITE/public is not touched. Ctrl-C stops
the server and removes the temporary folder.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if port < 0 || port > 65535 {
				return usageError{fmt.Errorf("serve: --port %d is not a port", port)}
			}
			return site.Serve(cmd.Context(), site.ServeOptions{
				Options: site.Options{SiteDir: siteDir, Theme: epaper.Theme(), Log: stderr},
				Port:    port,
				Out:     stdout,
				Ready: func(url string) {
					fmt.Fprintf(stdout, "serving %s (Ctrl-C to stop)\n", url)
				},
			})
		},
	}
	cmd.Flags().StringVar(&siteDir, "site", ".", "the site directory (holding content/)")
	cmd.Flags().IntVar(&port, "port", site.DefaultPort, "the port to listen on, on 127.0.0.1 (0: any free port)")
	return cmd
}
