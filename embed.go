package epaper

import (
	"embed"
	"io/fs"
)

//go:embed all:layouts all:archetypes all:assets
var themeFiles embed.FS

// Theme returns the embedded theme: layouts/, archetypes/ and assets/ at its root.
func Theme() fs.FS { return themeFiles }
