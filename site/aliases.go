package site

import (
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/resources/page"

	"github.com/epaper-archive/epaper/importer/bundle"
)

// Aliases keep the original site's URLs alive in a CDN build: a redirect page at each
// alias a published page gives (its original path, as the importer writes it) and a line of
// _redirects. Hugo's own aliases are off (it would write them over any file, in any order,
// and _redirects lines from whatever a page says): epaper writes them after the build, and
// only where they are harmless. An alias is published only if
//
//   - it is a clean path of plain characters (letters, digits, - . _ ~ + = @ ,; segments
//     not . or ..), so that neither a file name nor a _redirects line can be bent;
//   - its file is not at the site's root (no /index.html, /robots.txt …) and does not lie
//     in a folder the site itself publishes at its root (a paper's, css/, search/ …);
//   - it lies under the paper's folder on the original site, when the paper's bundle says
//     where that is (its source url: /html/cqrb/);
//   - its file is one nothing else publishes: no page, asset or static file, and no other
//     alias (of several pages claiming one file, the page whose original URL it is wins;
//     else none does).
//
// Each alias not published is named on Options.Log with the reason.

// aliasClaim is an alias a published page gives.
type aliasClaim struct {
	alias     string // as the page gives it
	page      string // the page's path in the content, for messages
	permalink string // where the redirect leads
	rel       string // the same, as a RelPermalink (for _redirects)
	own       bool   // the alias is the path of the page's own source URL
	prefix    string // the paper's folder on the original site, "" if unknown
}

// collectAliases returns the aliases of the pages the build publishes (a shard's link-only
// pages have no output formats), and the first segments of every page's path (the folders
// the site publishes at its root).
func collectAliases(pages page.Pages) (claims []aliasClaim, roots []string) {
	for _, p := range pages {
		if first, _, _ := strings.Cut(strings.TrimPrefix(p.Path(), "/"), "/"); first != "" && !slices.Contains(roots, first) {
			roots = append(roots, first)
		}
		// The aliases as the front matter gives them: Page.Aliases has them cleaned and
		// joined to the output format's folder of the moment.
		given, _ := p.Params()["aliases"].([]string)
		if len(given) == 0 || len(p.OutputFormats()) == 0 {
			continue
		}
		own := ""
		if u, err := url.Parse(sourceURL(p.Params())); err == nil {
			own = u.Path
		}
		prefix := ""
		if s := p.FirstSection(); s != nil {
			if u, err := url.Parse(sourceURL(s.Params())); err == nil && strings.HasSuffix(u.Path, "/") {
				prefix = u.Path
			}
		}
		for _, a := range given {
			claims = append(claims, aliasClaim{alias: a, page: p.Path(), permalink: p.Permalink(), rel: p.RelPermalink(), own: a == own, prefix: prefix})
		}
	}
	return claims, roots
}

// sourceURL is the source url a bundle's front matter gives, or "".
func sourceURL(params map[string]any) string {
	switch m := params[keySource].(type) {
	case hmaps.Params:
		return param(m, keySourceURL)
	case map[string]any:
		return param(m, keySourceURL)
	}
	return ""
}

// aliasSegment is a segment of an alias: plain characters only.
var aliasSegment = regexp.MustCompile(`^[A-Za-z0-9._~+=@,-]+$`)

// aliasFile returns the file an alias makes, relative to the site root (slash-separated), as
// Hugo names it (a folder alias gets index.html), or an error saying why it makes none.
func aliasFile(a, prefix string) (string, error) {
	if len(a) > 1024 || !strings.HasPrefix(a, "/") {
		return "", errors.New("not a path from the site root")
	}
	segs := strings.Split(strings.TrimSuffix(a[1:], "/"), "/")
	for _, s := range segs {
		if s == "." || s == ".." || !aliasSegment.MatchString(s) {
			return "", errors.New("not a clean path of letters, digits and - . _ ~ + = @ ,")
		}
	}
	if prefix != "" && !strings.HasPrefix(a, prefix) {
		return "", fmt.Errorf("outside the paper's folder %s on the original site", prefix)
	}
	file := strings.Join(segs, "/")
	if strings.HasSuffix(a, "/") || (path.Ext(file) != ".html" && path.Ext(file) != ".htm") {
		file += "/index.html"
	}
	return file, nil
}

// reservedRoots are names at the site's root that a build may publish (or a server read).
var reservedRoots = bundle.SiteRoots

// publishAliases writes the redirect pages of claims into the built site dir, and, for a
// CDN build, its _redirects; roots are the folders of the site's own pages. What it refuses
// it names on log.
func publishAliases(dir string, claims []aliasClaim, roots []string, o Options, log io.Writer) error {
	if log == nil {
		log = io.Discard
	}
	refuse := func(c aliasClaim, why string) {
		fmt.Fprintf(log, "epaper: alias %q of %s not published: %s\n", c.alias, c.page, why)
	}
	byFile := map[string][]aliasClaim{}
	for _, c := range claims {
		file, err := aliasFile(c.alias, c.prefix)
		if err == nil {
			root, _, nested := strings.Cut(file, "/")
			switch {
			case !nested:
				err = errors.New("a file at the site's root")
			case slices.Contains(reservedRoots, root) || slices.Contains(roots, root):
				err = fmt.Errorf("the site publishes its own files in %s/", root)
			}
		}
		if err != nil {
			refuse(c, err.Error())
			continue
		}
		if !slices.ContainsFunc(byFile[file], func(d aliasClaim) bool { return d.page == c.page }) {
			byFile[file] = append(byFile[file], c)
		}
	}
	var redirects []string
	for _, file := range slices.Sorted(maps.Keys(byFile)) {
		cs := byFile[file]
		winner := -1
		if len(cs) == 1 {
			winner = 0
		} else if owners := slices.IndexFunc(cs, func(c aliasClaim) bool { return c.own }); owners >= 0 && !slices.ContainsFunc(cs[owners+1:], func(c aliasClaim) bool { return c.own }) {
			winner = owners
		}
		for i, c := range cs {
			if i != winner {
				refuse(c, fmt.Sprintf("%d pages claim %s", len(cs), file))
			}
		}
		if winner < 0 {
			continue
		}
		c := cs[winner]
		target := filepath.Join(dir, filepath.FromSlash(file))
		if _, err := os.Lstat(target); err == nil {
			refuse(c, file+" is a file the site publishes")
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			refuse(c, err.Error())
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			refuse(c, "a file the site publishes is in the way")
			continue
		}
		if err := os.WriteFile(target, aliasPage(c.permalink), 0o644); err != nil {
			return err
		}
		if !o.Offline() && !strings.ContainsAny(c.rel, " \t\r\n") {
			redirects = append(redirects, homePath(o)+strings.TrimPrefix(c.alias, "/")+" "+c.rel+" 301")
		}
	}
	if len(redirects) == 0 {
		return nil
	}
	slices.Sort(redirects)
	return os.WriteFile(filepath.Join(dir, "_redirects"), []byte(strings.Join(redirects, "\n")+"\n"), 0o644)
}

// aliasPage is the redirect page to permalink, the bytes Hugo's alias template writes.
func aliasPage(permalink string) []byte {
	p := html.EscapeString(permalink)
	return []byte("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n\t<head>\n\t\t<title>" + p + "</title>\n\t\t<link rel=\"canonical\" href=\"" + p +
		"\">\n\t\t<meta charset=\"utf-8\">\n\t\t<meta http-equiv=\"refresh\" content=\"0; url=" + p + "\">\n\t</head>\n</html>\n")
}
