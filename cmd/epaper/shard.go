package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/epaper-archive/epaper/site"
)

// buildSharded builds the site as year shards and a root (site/shard.go): only the shard
// named by only, into out (default SITE/shards/ONLY), or all of them, one after the other,
// merged into out.
func buildSharded(o site.Options, only string, outSet bool, stdout io.Writer) error {
	if only != "" {
		if !outSet {
			o.OutDir = filepath.Join(o.SiteDir, "shards", only)
		}
		o.Shard = only
		start := time.Now()
		if err := site.Build(o); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "built shard %s into %s in %s\n", only, o.OutDir, time.Since(start).Round(time.Millisecond))
		return nil
	}
	years, err := site.Years(o.SiteDir)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	out, err := filepath.Abs(o.OutDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".shards-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	var dirs []string
	for _, shard := range append(years, site.RootShard) {
		so := o
		so.Shard = shard
		so.OutDir = filepath.Join(work, shard)
		start := time.Now()
		if err := site.Build(so); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "built shard %s in %s\n", shard, time.Since(start).Round(time.Millisecond))
		dirs = append(dirs, so.OutDir)
	}
	if err := site.Merge(out, dirs); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %s (%d year shards and the root)\n", filepath.Join(out, "index.html"), len(years))
	return nil
}

func mergeCmd(stdout io.Writer) *cobra.Command {
	var outDir string
	cmd := &cobra.Command{
		Use:   "merge --out DIR SHARD_DIR...",
		Short: "Put the output folders of a sharded build together",
		Long: `Merge puts the folders written by "epaper build --shard year --only YEAR" and
"--only root" together into one site (--out), which replaces the old one as a whole. The
shards publish different files but for the shared CSS and scripts, which must be the same
bytes; their _redirects lines are merged.

  epaper build --site archive --shard year --only 2020 --out shards/2020   # any machine
  epaper build --site archive --shard year --only 2021 --out shards/2021   # any machine
  epaper build --site archive --shard year --only root --out shards/root
  epaper merge --out public shards/*`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("merge: name the shard folders to merge")}
			}
			if outDir == "" {
				return usageError{fmt.Errorf("merge: --out is required")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := site.Merge(outDir, args); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "merged %d shards into %s\n", len(args), outDir)
			return nil
		},
	}
	cmd.Flags().StringVar(&outDir, "out", "", "the site folder to write")
	return cmd
}
