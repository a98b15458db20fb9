package extract

import (
	"net/url"
	"time"
)

// HasDay says whether an URL path holds the day of an edition as /YYYY-MM/DD/, the part
// EditionURL replaces.
func HasDay(path string) bool { return reDayURL.FindStringIndex(path) != nil }

// EditionURL puts day into the /YYYY-MM/DD/ part of an edition's URL; a URL without one
// comes back unchanged.
func EditionURL(pattern *url.URL, day time.Time) *url.URL {
	u := *pattern
	loc := reDayURL.FindStringIndex(u.Path)
	if loc == nil {
		return &u
	}
	u.Path = u.Path[:loc[0]] + day.Format("/2006-01/02/") + u.Path[loc[1]:]
	u.RawPath = ""
	return &u
}
