package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func versionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the versions of epaper and of the Hugo and goquery it was built with",
		Args:  exactArgs(0),
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintln(stdout, versionString())
		},
	}
}

// version is set by the Makefile (-ldflags -X main.version=…).
var version = ""

// versionNumber is epaper's version: set by the Makefile, else from the build information.
func versionNumber() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "epaper (no build information)"
	}
	v := version
	if v == "" {
		v = info.Main.Version
	}
	if v == "" || v == "(devel)" {
		v = "devel"
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	deps := map[string]string{}
	for _, d := range info.Deps {
		deps[d.Path] = d.Version
	}
	return fmt.Sprintf("epaper %s (hugo %s, goquery %s, %s)", v,
		deps["github.com/gohugoio/hugo"], deps["github.com/PuerkitoBio/goquery"], info.GoVersion)
}
