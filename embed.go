// Package epaper holds the files that are compiled into the epaper binary: the Hugo layouts,
// archetypes and assets that render an imported e-paper. The code lives in the sub-packages:
// importer (original HTML → content bundles), site (bundles → static site, the only user of
// Hugo's Go API) and cmd/epaper (the command).
package epaper

import (
	"embed"
	"io/fs"
)

//go:embed all:layouts all:archetypes all:assets
var themeFiles embed.FS

// Theme returns the embedded theme: layouts/, archetypes/ and assets/ at its root.
func Theme() fs.FS { return themeFiles }
