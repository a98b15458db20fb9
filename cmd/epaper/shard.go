package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/epaper-archive/epaper/site"
)

// shardFlags are the flags of epaper build that say how to shard.
type shardFlags struct {
	by, only string
	jobs     int
	full     bool
	editions []string // --editions (hidden): a part of the shard --only
}

var monthName = regexp.MustCompile(`^\d{4}-\d{2}$`)

// autoShard is what --shard auto means for siteDir: month shards if it has editions of
// more than one month (or --only names a month or the root), else none.
func autoShard(siteDir, only string) (string, error) {
	if only != "" {
		return site.ByMonth, nil
	}
	months, err := site.Shards(siteDir, site.ByMonth)
	if err != nil {
		return "", fmt.Errorf("build %q: %w", siteDir, err)
	}
	if len(months) > 1 {
		return site.ByMonth, nil
	}
	return "none", nil
}

// buildShards builds the shards f asks for, each in a process of its own (this program,
// epaper build --only SHARD), and says what it built.
func buildShards(o site.Options, f shardFlags, stdout, stderr io.Writer) error {
	built, kept := 0, 0
	log := &lockedWriter{w: stderr}
	err := site.BuildSharded(o, site.ShardOptions{By: f.by, Only: f.only, Jobs: f.jobs, Full: f.full, Editions: f.editions,
		Run: func(shard string, editions []string, outDir string) error {
			return runShard(o, f.by, shard, editions, outDir, log)
		},
		Built: func(b site.ShardBuilt) {
			took := b.Took.Round(time.Millisecond)
			switch {
			case b.OutDir != "":
				fmt.Fprintf(stdout, "built shard %s into %s in %s\n", b.Shard, b.OutDir, took)
			case b.Kept:
				kept++
			case b.Editions > 0:
				built++
				fmt.Fprintf(stdout, "built shard %s in %s (%d %s, the others as they were)\n", b.Shard, took, b.Editions, plural(b.Editions, "edition", "editions"))
			default:
				built++
				fmt.Fprintf(stdout, "built shard %s in %s\n", b.Shard, took)
			}
		}})
	if err != nil || f.only != "" {
		return err
	}
	fmt.Fprintf(stdout, "built %s (%d shards by %s and the root: %d built, %d unchanged)\n", filepath.Join(o.OutDir, "index.html"), built+kept-1, f.by, built, kept)
	return nil
}

// runShard builds one shard (or only the editions of it, when not nil) into outDir with this
// program, in a process of its own.
func runShard(o site.Options, by, shard string, editions []string, outDir string, stderr io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	args := []string{"build", "--site", o.SiteDir, "--shard", by, "--only", shard, "--out", outDir}
	if editions != nil {
		args = append(args, "--editions", strings.Join(editions, ","))
	}
	if o.BaseURL != "" {
		args = append(args, "--base-url", o.BaseURL)
	}
	if o.Pagefind != "" {
		args = append(args, "--pagefind", o.Pagefind)
	} else {
		args = append(args, "--no-pagefind")
	}
	for flag, on := range map[string]bool{"--epub-scans": o.EPUBScans, "--no-edition-files": o.NoEditionFiles, "--template-metrics": o.TemplateMetrics} {
		if on {
			args = append(args, flag)
		}
	}
	cmd := exec.Command(exe, args...)
	cmd.Stderr = stderr
	cmd.Env = append(os.Environ(), shardChildEnv+"=1")
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("epaper %s: %w", strings.Join(args, " "), err)
	}
	return nil
}

// shardChildEnv is set in the environment of a shard's process: the tests' binary then acts
// as the command (TestMain).
const shardChildEnv = "EPAPER_SHARD_CHILD"

// lockedWriter writes for several processes' output copiers at once.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// changeList is what --changed FILE writes: "+ PATH" for every file written, "- PATH" for
// every file removed.
type changeList struct {
	file             string
	written, removed []string
}

func (c *changeList) set(written, removed []string) { c.written, c.removed = written, removed }

func (c *changeList) write() error {
	var b strings.Builder
	for _, p := range c.written {
		b.WriteString("+ " + p + "\n")
	}
	for _, p := range c.removed {
		b.WriteString("- " + p + "\n")
	}
	if err := os.WriteFile(c.file, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("build: --changed: %w", err)
	}
	return nil
}

func mergeCmd(stdout, stderr io.Writer) *cobra.Command {
	var outDir string
	var noWait bool
	cmd := &cobra.Command{
		Use:   "merge --out DIR SHARD_DIR...",
		Short: "Put the output folders of a sharded build together",
		Long: `Merge puts the folders written by "epaper build --only MONTH" (or "--shard year
--only YEAR") and "--only root" together into one site (--out), which replaces the old one as a whole. The
shards publish different files but for the shared CSS and scripts, which must be the same
bytes; their _redirects lines are merged.

  epaper build --site archive --only 2021-03 --out shards/2021-03   # any machine
  epaper build --site archive --only 2021-04 --out shards/2021-04   # any machine
  epaper build --site archive --only root --out shards/root
  epaper merge --out public shards/*

Merge holds the site whose folder holds --out alone while it reads and replaces (no build
of it runs meanwhile), and shares the other sites whose folders hold the shards; it waits
for what holds them, or with --no-wait fails (exit 1) naming it.`,
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
			release, err := lockMerge(cmd, outDir, args, noWait, stderr)
			if err != nil {
				return err
			}
			defer release()
			if err := site.Merge(outDir, args); err != nil {
				return outUsage(err)
			}
			fmt.Fprintf(stdout, "merged %d shards into %s\n", len(args), outDir)
			return nil
		},
	}
	cmd.Flags().StringVar(&outDir, "out", "", "the site folder to write")
	noWaitFlag(cmd, &noWait)
	return cmd
}
