package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/epaper-archive/epaper/importer"
	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/bundle"
)

// dateRange reads --from and --to, or returns zero times when neither is given.
func dateRange(from, to string) (start, end time.Time, err error) {
	if from == "" && to == "" {
		return start, end, nil
	}
	day := func(s string) (time.Time, error) {
		t, err := time.ParseInLocation(time.DateOnly, s, time.FixedZone("CST", 8*3600))
		if err != nil {
			return t, usageError{fmt.Errorf("import: %q is not a date YYYY-MM-DD", s)}
		}
		return t, nil
	}
	if start, err = day(from); err != nil {
		return start, end, err
	}
	end, err = day(to)
	return start, end, err
}

// importMirror imports the editions of a local mirror (those of --from/--to, when given) and
// prints a line per edition and the totals.
func importMirror(ctx context.Context, im *importer.Importer, src *importer.Source, paper, from, to, reportFile string, stdout, stderr io.Writer) error {
	start, end, err := dateRange(from, to)
	if err != nil {
		return err
	}
	eds := src.Editions
	if !start.IsZero() {
		if end.Before(start) {
			return usageError{fmt.Errorf("import: --to %s is before --from %s", to, from)}
		}
		if src.Mirror.Start() != "" { // a file: the range is of the whole mirror
			if eds, err = src.Mirror.Editions(); err != nil {
				return err
			}
		}
		all := eds
		eds = nil
		for _, ed := range all {
			if ed.Date != "" && ed.Date >= from && ed.Date <= to {
				eds = append(eds, ed)
			}
		}
		if len(eds) == 0 {
			return fmt.Errorf("import: no edition from %s to %s in %s; it holds %s", from, to, src.Mirror.Dir(), holding(all))
		}
	}
	if paper == "" {
		for _, ed := range eds {
			if ed.PaperFrom == "" && ed.Date != "" { // an index page's edition says its code once followed
				return usageError{fmt.Errorf("import: nothing says the paper's code of %s: the mirror has no host folder and its paths hold no code (html/PAPER/…, PAPER/html/… would): pass --paper CODE, or --host HOST (the host the mirror was taken from)", ed.File)}
			}
		}
	}
	results, err := im.ImportEditions(ctx, eds)
	if reportFile != "" {
		if werr := writeJSON(reportFile, results); werr != nil && err == nil {
			err = werr
		}
	}
	if err != nil {
		return err
	}
	return summariseEditions(stdout, stderr, im.SiteDir(), results)
}

// holding says what editions a mirror holds, for a message.
func holding(eds []archive.Edition) string {
	var dated []string
	for _, ed := range eds {
		if ed.Date != "" {
			dated = append(dated, ed.Date)
		}
	}
	switch len(dated) {
	case 0:
		return "no edition of a known layout"
	case 1:
		return "one edition, of " + dated[0]
	}
	return fmt.Sprintf("%d editions, %s … %s", len(dated), dated[0], dated[len(dated)-1])
}

// summariseEditions prints a line per edition, the failures, and the totals; it fails when
// anything failed.
func summariseEditions(stdout, stderr io.Writer, siteDir string, results []importer.DayResult) error {
	var editions, pages, articles, failedEditions, notCaptured int
	failedKinds := map[string]int{} // page, article, file: each counted under its own name
	var first, last string
	for _, r := range results {
		if r.Error != "" || r.Report == nil {
			failedEditions++
			if r.Day == "" {
				fmt.Fprintf(stderr, "FAILED edition at %s: %s\n", r.URL, r.Error)
			} else {
				fmt.Fprintf(stderr, "FAILED edition %s (%s): %s\n", r.Day, r.URL, r.Error)
			}
			continue
		}
		editions++
		if first == "" {
			first = r.Day
		}
		last = r.Day
		pages += r.Report.Count("page", importer.Imported) + r.Report.Count("page", importer.Unchanged)
		articles += r.Report.Count("article", importer.Imported) + r.Report.Count("article", importer.Unchanged)
		for _, it := range r.Report.Failures() {
			failedKinds[it.Kind]++
			if it.NotCaptured {
				notCaptured++
			}
		}
		summarise(stdout, stderr, siteDir, r.Report) // its failures are counted above
	}
	span := ""
	switch {
	case editions == 1:
		span = " (" + first + ")"
	case editions > 1:
		span = " (" + first + " … " + last + ")"
	}
	fmt.Fprintf(stdout, "%d %s%s: %d %s, %d %s", editions, plural(editions, "edition", "editions"), span, pages, plural(pages, "page", "pages"), articles, plural(articles, "article", "articles"))
	var failed []string
	if failedEditions > 0 {
		failed = append(failed, fmt.Sprintf("%d %s", failedEditions, plural(failedEditions, "edition", "editions")))
	}
	var items []string
	for _, k := range [...]struct{ kind, one, many string }{
		{"page", "page", "pages"}, {"article", "article", "articles"}, {importer.KindFile, "file", "files"},
	} {
		if n := failedKinds[k.kind]; n > 0 {
			items = append(items, fmt.Sprintf("%d %s", n, plural(n, k.one, k.many)))
		}
		delete(failedKinds, k.kind)
	}
	var others []string // a kind the report may gain later
	for kind := range failedKinds {
		others = append(others, kind)
	}
	slices.Sort(others)
	for _, kind := range others {
		items = append(items, fmt.Sprintf("%d of kind %s", failedKinds[kind], kind))
	}
	if len(items) > 0 {
		failed = append(failed, fmt.Sprintf("%s (%d not in the mirror)", strings.Join(items, ", "), notCaptured))
	}
	if len(failed) == 0 {
		fmt.Fprintln(stdout, "; nothing failed")
		return nil
	}
	fmt.Fprintf(stdout, "; failed: %s\n", strings.Join(failed, ", "))
	return errReported
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// importRange imports the editions of a date range and prints a line per day.
func importRange(ctx context.Context, im *importer.Importer, src *importer.Source, from, to, reportFile string, stdout, stderr io.Writer) error {
	start, end, err := dateRange(from, to)
	if err != nil {
		return err
	}
	days, err := im.ImportRange(ctx, src.URL, start, end)
	if err != nil {
		return err
	}
	if reportFile != "" {
		if err := writeJSON(reportFile, days); err != nil {
			return err
		}
	}
	failed := false
	for _, d := range days {
		switch {
		case d.Absent:
			fmt.Fprintf(stdout, "%s: no edition (%s)\n", d.Day, d.URL)
		case d.Error != "":
			fmt.Fprintf(stderr, "%s: FAILED: %s\n", d.Day, d.Error)
			failed = true
		default:
			if summarise(stdout, stderr, im.SiteDir(), d.Report) != nil {
				failed = true
			}
		}
	}
	if failed {
		return errReported
	}
	return nil
}

// summarise prints what an import did and fails when anything failed.
func summarise(stdout, stderr io.Writer, siteDir string, rep *importer.Report) error {
	pages := rep.Count("page", importer.Imported) + rep.Count("page", importer.Unchanged)
	articles := rep.Count("article", importer.Imported) + rep.Count("article", importer.Unchanged)
	fmt.Fprintf(stdout, "imported %s into %s: %d %s, %d %s",
		rep.Edition, filepath.Join(bundle.ContentDir(siteDir), filepath.FromSlash(rep.Edition)),
		pages, plural(pages, "page", "pages"), articles, plural(articles, "article", "articles"))
	if n := rep.Count("page", importer.Unchanged) + rep.Count("article", importer.Unchanged); n > 0 {
		fmt.Fprintf(stdout, " (%d unchanged since the last import)", n)
	}
	fmt.Fprintln(stdout)
	failed := rep.Failures()
	if len(failed) == 0 {
		return nil
	}
	fmt.Fprintf(stderr, "%d failed:\n", len(failed))
	for _, it := range failed {
		fmt.Fprintf(stderr, "  %s %s\n", it.Kind, it.Error)
	}
	return errReported
}
