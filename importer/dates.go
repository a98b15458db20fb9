package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/extract"
	"github.com/epaper-archive/epaper/importer/fetch"
)

// DayResult is the outcome of one day of a date range, or of one edition of a mirror.
type DayResult struct {
	Paper  string  `json:"paper,omitempty"` // the paper's code, for an edition of a mirror
	Day    string  `json:"day"`             // 2021-04-14
	URL    string  `json:"url"`
	Report *Report `json:"report,omitempty"`
	Error  string  `json:"error,omitempty"`  // the edition could not be had at all
	Absent bool    `json:"absent,omitempty"` // the site has no edition that day (404, or not in the mirror or archive)
}

// ImportRange imports the edition of every day from from to to (inclusive), each found by
// putting the day into the URL pattern of start: an URL of any edition of the paper, or the
// paper's index (then the newest edition's URL is the pattern). A day without an edition is
// reported, not fatal. As ImportEditions, it crawls Options.EditionJobs days side by side and
// gives the bundles, log and results of one day after the other: each day is found in date
// order, its log lines written together once it and those before it are done; a day that
// leads to an edition an earlier day of the range is still importing is imported again
// after the others, as it would have been one day at a time.
func (im *Importer) ImportRange(ctx context.Context, start *url.URL, from, to time.Time) ([]DayResult, error) {
	if to.Before(from) {
		return nil, fmt.Errorf("date range: %s is before %s", to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	pattern := start
	if !extract.HasDay(start.Path) {
		d, err := im.findEdition(ctx, start.String())
		if err != nil {
			return nil, err
		}
		if pattern, err = url.Parse(d.url); err != nil {
			return nil, err
		}
		if !extract.HasDay(pattern.Path) {
			return nil, fmt.Errorf("date range: %s: no /YYYY-MM/DD/ in the edition's URL to put other days into", d.url)
		}
	}
	var days []DayResult
	for day := from; !day.After(to); day = day.AddDate(0, 0, 1) {
		days = append(days, DayResult{Day: day.Format(time.DateOnly), URL: extract.EditionURL(pattern, day).String()})
	}
	return im.importDays(ctx, days)
}

// importDays imports the edition of each of days (Day and URL set), side by side.
func (im *Importer) importDays(ctx context.Context, days []DayResult) ([]DayResult, error) {
	o := &ordered{im: im, logs: make([]*bytes.Buffer, len(days)), done: make([]bool, len(days)), progress: make([]Progress, len(days))}
	done := func(i int, sub *Importer, rep *Report, err error) {
		res := &days[i]
		var status *fetch.StatusError
		switch {
		case err == nil:
			res.Report = rep
		case errors.As(err, &status) && (status.StatusCode == http.StatusNotFound || status.StatusCode == http.StatusGone),
			errors.Is(err, archive.ErrNotCaptured):
			res.Absent = true
			fmt.Fprintf(sub.opt.Log, "no edition on %s: %s\n", res.Day, res.URL)
		default:
			res.Error = err.Error()
			fmt.Fprintf(sub.opt.Log, "FAILED edition of %s: %v\n", res.Day, err)
		}
		o.finish(i)
	}
	type job struct {
		i       int
		im      *Importer
		entry   *decoded
		edition bundle.Ref
	}
	work := make(chan job)
	var wg sync.WaitGroup
	var mu sync.Mutex
	busy := map[string]bool{} // the editions being crawled
	for range max(1, im.editionJobs()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				rep, err := j.im.crawl(ctx, j.entry, j.edition)
				mu.Lock()
				delete(busy, j.edition.Rel())
				mu.Unlock()
				done(j.i, j.im, rep, err)
			}
		}()
	}
	var again []job // days whose edition another day was crawling
	begun := 0
	for i := range days {
		if ctx.Err() != nil {
			break
		}
		begun++
		sub := o.sub(i)
		entry, err := sub.findEdition(ctx, days[i].URL)
		var edition bundle.Ref
		if err == nil {
			edition, err = sub.editionOf(entry)
		}
		if err == nil {
			err = sub.writePaper(entry.page) // in date order, as one day at a time writes it
		}
		if err != nil {
			done(i, sub, nil, err)
			continue
		}
		mu.Lock()
		taken := busy[edition.Rel()] || slices.ContainsFunc(again, func(j job) bool { return j.edition == edition })
		if !taken {
			busy[edition.Rel()] = true
		}
		mu.Unlock()
		if taken {
			again = append(again, job{i, sub, entry, edition})
			continue
		}
		work <- job{i, sub, entry, edition}
	}
	close(work)
	wg.Wait()
	for _, j := range again {
		if err := ctx.Err(); err != nil {
			done(j.i, j.im, nil, err)
			continue
		}
		rep, err := j.im.crawl(ctx, j.entry, j.edition)
		done(j.i, j.im, rep, err)
	}
	return days[:begun], ctx.Err()
}
