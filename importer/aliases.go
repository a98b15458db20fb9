package importer

import (
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// aliasSegment is a segment of an alias: plain characters only (the build's rule too).
var aliasSegment = regexp.MustCompile(`^[A-Za-z0-9._~+=@,-]+$`)

// checkAlias says why the path of an original URL cannot be kept as an alias (a redirect
// the built site writes at that path), or nil. An alias is a path from the site root, in a
// folder (never at the root, where the site's own index.html, robots.txt … are), of
// segments of plain characters (letters, digits, - . _ ~ + = @ ,; not . or ..): no space,
// %, *, :, line break or other character can bend a file name or a _redirects line. What
// depends on the built site (a folder it publishes, the paper's folder on the original site,
// a file something else publishes) the build checks.
func checkAlias(p string) error {
	if len(p) > 1024 || !strings.HasPrefix(p, "/") {
		return errors.New("not a path from the site root")
	}
	segs := strings.Split(strings.TrimSuffix(p[1:], "/"), "/")
	for _, s := range segs {
		if s == "." || s == ".." || !aliasSegment.MatchString(s) {
			return errors.New("not a clean path of letters, digits and - . _ ~ + = @ ,")
		}
	}
	if len(segs) < 2 {
		return errors.New("at the site's root")
	}
	return nil
}

// aliases keeps the original site's path of a page alive on the built site: Hugo writes a
// redirect there (and the CDN build a _redirects line). A path checkAlias refuses gives none
// (aliasWarning says why).
func (d *decoded) aliases() []string {
	p, err := d.aliasPath()
	if err != nil || p == "" {
		return nil
	}
	return []string{p}
}

// aliasWarning says why the original URL's path is not kept as an alias, or "" when it is
// (or the URL is not http(s), which has no path to keep).
func (d *decoded) aliasWarning() string {
	p, err := d.aliasPath()
	if err == nil {
		return ""
	}
	return "the original path " + strconv.Quote(p) + " is not kept as an alias (a redirect of the built site): " + err.Error()
}

func (d *decoded) aliasPath() (string, error) {
	u, err := url.Parse(d.url)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", nil
	}
	return u.Path, checkAlias(u.Path)
}
