package extract

import (
	"strconv"
	"strings"
	"time"
)

// PathMatch is what a URL's path says by a profile's patterns alone, without the page: what
// a local mirror's files are found by.
type PathMatch struct {
	Kind  string // "page" (match.page), "article" (match.article), or "" for neither
	Paper string // the code the profile's paper.code patterns find in the path, lower-case; "" when none
	Date  string // YYYY-MM-DD by the first of the profile's date sources on the URL ({url: …}) that gives a day
}

// MatchPath says whether path (a URL's path, with its leading slash) is a page or an article
// of the profile by its match.page and match.article patterns, with the paper's code and the
// date its paper.code and {url: …} date sources find there. A path the patterns accept but
// no date source on the URL dates is no match: without its page, nothing says its edition.
// Generic, which has no patterns, matches nothing.
func (p *Profile) MatchPath(path string) PathMatch {
	var m PathMatch
	switch {
	case p.Match.Page != "" && p.re(p.Match.Page).MatchString(path):
		m.Kind = "page"
	case p.Match.Article != "" && p.re(p.Match.Article).MatchString(path):
		m.Kind = "article"
	default:
		return PathMatch{}
	}
	for _, s := range p.Date {
		if s.URL == "" {
			continue
		}
		re := p.re(s.URL)
		g := re.FindStringSubmatch(path)
		if g == nil || re.SubexpIndex("y") < 0 || re.SubexpIndex("m") < 0 || re.SubexpIndex("d") < 0 {
			continue
		}
		y, _ := strconv.Atoi(g[re.SubexpIndex("y")])
		mo, _ := strconv.Atoi(g[re.SubexpIndex("m")])
		d, _ := strconv.Atoi(g[re.SubexpIndex("d")])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if y >= 1900 && t.Month() == time.Month(mo) && t.Day() == d {
			m.Date = t.Format(time.DateOnly)
			break
		}
	}
	if m.Date == "" {
		return PathMatch{}
	}
	for _, c := range p.Paper.Code {
		if code := strings.ToLower(group(p.re(c), path, "paper")); code != "" && !reservedCodes[code] {
			m.Paper = code
			break
		}
	}
	return m
}

// IsBuiltin says whether p is one of the profiles compiled into epaper (Builtin), not one a
// user loaded.
func (p *Profile) IsBuiltin() bool {
	for _, b := range builtins {
		if b == p {
			return true
		}
	}
	return false
}
