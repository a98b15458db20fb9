package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

func versionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the versions of epaper and of the Hugo, HTML and WARC libraries it was built with",
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

// versionedLibraries are the libraries whose version decides what epaper makes of a page:
// the site engine, the HTML parser and selector engine of extraction, and the WARC library.
var versionedLibraries = []struct{ name, path string }{
	{"hugo", "github.com/gohugoio/hugo"},
	{"x/net/html", "golang.org/x/net"},
	{"cascadia", "github.com/andybalholm/cascadia"},
	{"gowarc", "github.com/nlnwa/gowarc/v3"},
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
	var libs []string
	for _, l := range versionedLibraries {
		libs = append(libs, l.name+" "+deps[l.path])
	}
	return fmt.Sprintf("epaper %s (%s, %s)", v, strings.Join(libs, ", "), info.GoVersion)
}
