package site

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"strings"
)

// Sitemaps list their pages by URL. Hugo writes a site's sitemap in its pages' order
// (weight, date, title), which no build of part of a shard could rebuild from the sitemap of
// the last; sorted by URL, the sitemap of a shard is the last one's entries with those of the
// editions built in their place (completePart), the same bytes as the shard's built whole.

// sitemapEntry is one <url> element of a sitemap, as written, and its <loc>.
type sitemapEntry struct {
	loc, xml string
}

var (
	reSitemapURL = regexp.MustCompile(`(?s)<url>.*?</url>`)
	reSitemapLoc = regexp.MustCompile(`<loc>([^<]*)</loc>`)
)

// sitemapEntries splits a sitemap Hugo wrote into what comes before its first <url>, its
// <url> elements and what comes after the last.
func sitemapEntries(data []byte) (head string, entries []sitemapEntry, tail string) {
	s := string(data)
	idx := reSitemapURL.FindAllStringIndex(s, -1)
	if len(idx) == 0 {
		if i := strings.Index(s, "</urlset>"); i >= 0 {
			return s[:i], nil, s[i:]
		}
		return s, nil, ""
	}
	for _, ix := range idx {
		xml := s[ix[0]:ix[1]]
		loc := ""
		if m := reSitemapLoc.FindStringSubmatch(xml); m != nil {
			loc = m[1]
		}
		entries = append(entries, sitemapEntry{loc: loc, xml: xml})
	}
	return s[:idx[0][0]], entries, s[idx[len(idx)-1][1]:]
}

// writeSitemap is the sitemap of head, entries sorted by URL and tail, each entry once.
func writeSitemap(head string, entries []sitemapEntry, tail string) []byte {
	slices.SortStableFunc(entries, func(a, b sitemapEntry) int { return strings.Compare(a.loc, b.loc) })
	entries = slices.CompactFunc(entries, func(a, b sitemapEntry) bool { return a.xml == b.xml })
	var b bytes.Buffer
	b.WriteString(head)
	for _, e := range entries {
		b.WriteString(e.xml)
	}
	b.WriteString(tail)
	return b.Bytes()
}

// sortSitemap sorts the entries of the sitemap file by URL, if there is one.
func sortSitemap(file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	head, entries, tail := sitemapEntries(data)
	return os.WriteFile(file, writeSitemap(head, entries, tail), 0o644)
}
