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

// progressLine redraws one line on a terminal: editions done of all (of a mirror), pages done
// of those begun, articles, failures.
func progressLine(w io.Writer) func(importer.Progress) {
	return func(p importer.Progress) {
		const width = 24
		filled := 0
		switch {
		case p.EditionsTotal > 1:
			filled = width * p.Editions / p.EditionsTotal
		case p.PagesTotal > 0:
			filled = width * p.Pages / p.PagesTotal
		}
		bar := make([]rune, width)
		for i := range bar {
			bar[i] = '░'
			if i < filled {
				bar[i] = '█'
			}
		}
		editions := ""
		if p.EditionsTotal > 1 {
			editions = fmt.Sprintf("%d/%d 期 · ", p.Editions, p.EditionsTotal)
		}
		fmt.Fprintf(w, "\r%s %s%d/%d 版 · %d 篇 · %d 失败 ", string(bar), editions, p.Pages, p.PagesTotal, p.Articles, p.Failed)
	}
}
