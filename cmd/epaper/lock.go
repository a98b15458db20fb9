package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/epaper-archive/epaper/sitelock"
)

// lockSite takes the lock of siteDir for cmd (import: exclusive; build, verify: shared),
// waiting for it with a message on stderr, or failing at once with --no-wait. A site that
// does not exist yet is made (import) or left alone (the command then says what is missing).
// Nothing is written into the site.
func lockSite(cmd *cobra.Command, siteDir string, mode sitelock.Mode, noWait bool, stderr io.Writer) (*sitelock.Lock, error) {
	if mode == sitelock.Exclusive {
		if err := os.MkdirAll(siteDir, 0o755); err != nil {
			return nil, err
		}
	} else if _, err := os.Stat(siteDir); err != nil {
		return nil, nil
	}
	l, err := sitelock.Acquire(siteDir, mode, sitelock.Options{
		NoWait: noWait,
		Waiting: func(b *sitelock.BusyError) {
			fmt.Fprintf(stderr, "epaper: waiting: %v (--no-wait fails instead)\n", b)
		},
	})
	if busy := (*sitelock.BusyError)(nil); errors.As(err, &busy) {
		return nil, fmt.Errorf("%s: %w: run it again once that is done, or without --no-wait to wait for it", cmd.Name(), err)
	}
	return l, err
}

// noWaitFlag adds --no-wait to cmd.
func noWaitFlag(cmd *cobra.Command, v *bool) {
	cmd.Flags().BoolVar(v, "no-wait", false, "fail at once if another epaper command holds the site (an import holds it alone, builds share it), instead of waiting")
}

// siteHolding is the site folder p lies in: the nearest folder above p that holds content/;
// "" when none does.
func siteHolding(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return ""
	}
	for d := filepath.Dir(abs); d != filepath.Dir(d); d = filepath.Dir(d) {
		if fi, err := os.Stat(filepath.Join(d, "content")); err == nil && fi.IsDir() {
			return d
		}
	}
	return ""
}

// lockMerge takes the locks of a merge into out of the shard folders: the site that holds
// out exclusively (no build of that site writes a shard or its output, and no other merge
// replaces out, while the merge reads and swaps), and the other sites that hold shards
// shared (no import of them runs meanwhile). Sites are locked in name order, so that two
// merges cannot wait for each other. A folder in no site takes no lock.
func lockMerge(cmd *cobra.Command, out string, shards []string, noWait bool, stderr io.Writer) (release func(), err error) {
	modes := map[string]sitelock.Mode{}
	for _, s := range shards {
		if site := siteHolding(s); site != "" {
			modes[site] = sitelock.Shared
		}
	}
	if site := siteHolding(out); site != "" {
		modes[site] = sitelock.Exclusive
	}
	var held []*sitelock.Lock
	release = func() {
		for _, l := range held {
			l.Release()
		}
	}
	var sites []string
	for site := range modes {
		sites = append(sites, site)
	}
	slices.Sort(sites)
	for _, site := range sites {
		l, err := lockSite(cmd, site, modes[site], noWait, stderr)
		if err != nil {
			release()
			return nil, err
		}
		held = append(held, l)
	}
	return release, nil
}
