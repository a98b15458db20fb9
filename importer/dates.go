package importer

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/epaper-archive/epaper/importer/archive"
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
// reported, not fatal.
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
		if err := ctx.Err(); err != nil {
			return days, err
		}
		u := extract.EditionURL(pattern, day)
		res := DayResult{Day: day.Format(time.DateOnly), URL: u.String()}
		rep, err := im.Import(ctx, u)
		var status *fetch.StatusError
		switch {
		case err == nil:
			res.Report = rep
		case errors.As(err, &status) && (status.StatusCode == http.StatusNotFound || status.StatusCode == http.StatusGone),
			errors.Is(err, archive.ErrNotCaptured):
			res.Absent = true
			fmt.Fprintf(im.opt.Log, "no edition on %s: %s\n", res.Day, u)
		default:
			res.Error = err.Error()
			fmt.Fprintf(im.opt.Log, "FAILED edition of %s: %v\n", res.Day, err)
		}
		days = append(days, res)
	}
	return days, nil
}
