package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/epaper-archive/epaper"
	"github.com/epaper-archive/epaper/site"
	"github.com/epaper-archive/epaper/sitelock"
)

func newCmd(stdout, stderr io.Writer) *cobra.Command {
	var siteDir, kind string
	var noWait bool
	cmd := &cobra.Command{
		Use:   "new PATH",
		Short: "Create a hand-made article bundle from the archetypes",
		Long: `New creates SITE/content/PATH from an archetype: the site's own archetypes/, else the
ones compiled into epaper. PATH without an extension becomes a bundle (PATH/index.md). A PATH that exists already,
that leads out of content/, or that lies where the built site publishes its own pages
(search/, css/, js/ …), is a usage error (exit 2): nothing is written. New holds the
site alone while it writes (as an import does): it waits for an import or build of the site
to end, or with --no-wait fails (exit 1) naming it.

  epaper new cqrb/2021-04-14/005/corrections`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lock, err := lockSite(cmd, siteDir, sitelock.Exclusive, noWait, stderr)
			if err != nil {
				return err
			}
			defer lock.Release()
			path, err := site.NewContent(site.Options{SiteDir: siteDir, Theme: epaper.Theme()}, args[0], kind)
			if errors.Is(err, site.ErrBadTarget) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "created %s\n", path)
			return nil
		},
	}
	cmd.Flags().StringVar(&siteDir, "site", ".", "the site directory")
	cmd.Flags().StringVar(&kind, "kind", "article", "the archetype to use")
	noWaitFlag(cmd, &noWait)
	return cmd
}
