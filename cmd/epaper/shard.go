package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/epaper-archive/epaper/site"
)

// buildShards builds the shards --shard year and --only ask for, and says what it built.
func buildShards(o site.Options, only string, stdout io.Writer) error {
	years := 0
	err := site.BuildSharded(o, site.ShardOptions{Only: only, Built: func(b site.ShardBuilt) {
		took := b.Took.Round(time.Millisecond)
		if b.OutDir != "" {
			fmt.Fprintf(stdout, "built shard %s into %s in %s\n", b.Shard, b.OutDir, took)
			return
		}
		if b.Shard != site.RootShard {
			years++
		}
		fmt.Fprintf(stdout, "built shard %s in %s\n", b.Shard, took)
	}})
	if err != nil || only != "" {
		return err
	}
	fmt.Fprintf(stdout, "built %s (%d year shards and the root)\n", filepath.Join(o.OutDir, "index.html"), years)
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
				return outUsage(err)
			}
			fmt.Fprintf(stdout, "merged %d shards into %s\n", len(args), outDir)
			return nil
		},
	}
	cmd.Flags().StringVar(&outDir, "out", "", "the site folder to write")
	return cmd
}
