package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/epaper-archive/epaper/sitelock"
)

// lockSite takes the lock of siteDir for cmd (import: exclusive; build, verify: shared),
// waiting for it with a message on stderr, or failing at once with --no-wait. A site that
// does not exist yet is made (import) or left alone (the command then says what is missing).
func lockSite(cmd *cobra.Command, args []string, siteDir string, mode sitelock.Mode, noWait bool, stderr io.Writer) (*sitelock.Lock, error) {
	if mode == sitelock.Exclusive {
		if err := os.MkdirAll(siteDir, 0o755); err != nil {
			return nil, err
		}
	} else if _, err := os.Stat(siteDir); err != nil {
		return nil, nil
	}
	l, err := sitelock.Acquire(siteDir, mode, sitelock.Options{
		Command: commandLine(cmd, args),
		NoWait:  noWait,
		Waiting: func(b *sitelock.BusyError) {
			fmt.Fprintf(stderr, "epaper: waiting: %v (--no-wait fails instead)\n", b)
		},
	})
	if busy := (*sitelock.BusyError)(nil); errors.As(err, &busy) {
		return nil, fmt.Errorf("%s: %w: run it again once that is done, or without --no-wait to wait for it", cmd.Name(), err)
	}
	return l, err
}

// commandLine is cmd as it was given: the command, the flags set, the arguments.
func commandLine(cmd *cobra.Command, args []string) string {
	parts := []string{cmd.CommandPath()}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		parts = append(parts, "--"+f.Name+"="+f.Value.String())
	})
	return strings.Join(append(parts, args...), " ")
}

// noWaitFlag adds --no-wait to cmd.
func noWaitFlag(cmd *cobra.Command, v *bool) {
	cmd.Flags().BoolVar(v, "no-wait", false, "fail at once if another epaper command holds the site (an import holds it alone, builds share it), instead of waiting")
}
