package main

import (
	"errors"
	"fmt"
	"io"
	"os"

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
