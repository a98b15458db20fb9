package main

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/epaper-archive/epaper/importer"
)

// isTerminal reports whether w is a terminal a person watches.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressLine redraws one line on a terminal: pages done of all, articles, failures.
func progressLine(w io.Writer) func(importer.Progress) {
	return func(p importer.Progress) {
		const width = 24
		filled := 0
		if p.PagesTotal > 0 {
			filled = width * p.Pages / p.PagesTotal
		}
		bar := make([]rune, width)
		for i := range bar {
			bar[i] = '░'
			if i < filled {
				bar[i] = '█'
			}
		}
		fmt.Fprintf(w, "\r%s %d/%d 版 · %d 篇 · %d 失败 ", string(bar), p.Pages, p.PagesTotal, p.Articles, p.Failed)
	}
}
