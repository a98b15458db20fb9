package archive

import (
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/epaper-archive/epaper/importer/extract"
)

// The URL layouts of the Founder e-papers a mirror is searched for: where the pages (版) of
// an edition are, where its articles are, and which parts of the path give the paper's code
// and the date. Paths are those below a site's root, with a leading slash.
var layouts = []layout{
	newLayout("html/PAPER/YYYY-MM/DD/NNN/node.htm",
		`/html/(?P<paper>`+seg+`)/`+dashDate+folder+node,
		`/html/(?P<paper>`+seg+`)/`+dashDate+folder+content),
	newLayout("[PAPER/]html/YYYY-MM/DD/node_N.htm",
		`/`+optPaper+`html/`+dashDate+folder+node,
		`/`+optPaper+`html/`+dashDate+folder+content),
	newLayout("[PAPER/]html/YYYY-MM/DD/nbs.D110000…_NN.htm",
		`/`+optPaper+`html/`+dashDate+`nbs\.d110000[a-z0-9]+_[a-z0-9]+\.html?`,
		`/`+optPaper+`html/`+dashDate+`nw\.d110000[a-z0-9]+_\d{8}_[a-z0-9]+-[a-z0-9]+\.html?`),
	newLayout("[PAPER/][pc/|pad/]layout/YYYYMM/DD/node_NN.html",
		`/`+optPaper+`(?:(?P<ui>pc|pad)/)?layout/`+compactDate+`node_[a-z0-9]+\.html?`,
		`/`+optPaper+`(?:(?P<ui>pc|pad)/)?content/`+compactDate+content),
	newLayout("PAPER/YYYY-MM/DD/NNN/node.htm",
		`/(?P<paper>`+seg+`)/`+dashDate+folder+node,
		`/(?P<paper>`+seg+`)/`+dashDate+folder+content),
}

const (
	seg         = `[a-z][a-z0-9_-]{0,39}`
	optPaper    = `(?:(?P<paper>` + seg + `)/)?`
	dashDate    = `(?P<y>\d{4})-(?P<m>\d{2})/(?P<d>\d{2})/`
	compactDate = `(?P<y>\d{4})(?P<m>\d{2})/(?P<d>\d{2})/`
	folder      = `(?:[a-z0-9]+/)?`
	node        = `node(?:_[a-z0-9]+)?\.html?`
	content     = `content_[a-z0-9_-]+\.html?`
)

// reservedPaper are folder names that are never a paper's code: /html/2019-06/18/ is not a
// paper called html.
var reservedPaper = map[string]bool{"html": true, "pc": true, "pad": true, "page": true, "res": true,
	"images": true, "layout": true, "content": true, "pic": true, "attachement": true}

type layout struct {
	name          string
	page, article *regexp.Regexp
}

func newLayout(name, page, article string) layout {
	return layout{name: name, page: regexp.MustCompile(`(?i)^` + page + `$`), article: regexp.MustCompile(`(?i)^` + article + `$`)}
}

// PathInfo is what a path below a site's root says by its shape alone.
type PathInfo struct {
	Kind   string // "page", "article", or "" for a path of no known layout
	Layout string // the layout's name, e.g. "html/PAPER/YYYY-MM/DD/NNN/node.htm"
	Paper  string // the paper's code the path holds, lower-case; "" when it holds none
	Date   string // YYYY-MM-DD
	Mobile bool   // a page of the pad (mobile) pages
}

// ClassifyPath says what a path below a site's root is by its shape: a page or an article of
// one of the layouts a mirror is searched for (see Layouts) or of the URL patterns of the
// built-in profiles, with the paper's code and the date its folders give.
func ClassifyPath(p string) PathInfo { return ClassifyPathWith(nil, p) }

// ClassifyPathWith is ClassifyPath with the profiles pages are read with (nil: the
// built-ins): a path is what the URL patterns of a user's profile among them say first (its
// match.page or match.article, its paper.code, its date sources on the URL:
// extract.Profile.MatchPath), then what the layouts say, then the built-in profiles'
// patterns. So a paper whose URLs only a user's profile knows is found in a mirror as it is
// read from a URL.
func ClassifyPathWith(profiles []*extract.Profile, p string) PathInfo {
	if profiles == nil {
		profiles = extract.Builtin()
	}
	for _, pr := range profiles {
		if !pr.IsBuiltin() {
			if info := profilePath(pr, p); info.Kind != "" {
				return info
			}
		}
	}
	if info := classify(p); info.Kind != "" {
		return info
	}
	for _, pr := range profiles {
		if pr.IsBuiltin() {
			if info := profilePath(pr, p); info.Kind != "" {
				return info
			}
		}
	}
	return PathInfo{}
}

// classify is ClassifyPathWith with the mirror's profiles.
func (m *Mirror) classify(p string) PathInfo { return ClassifyPathWith(m.profiles, p) }

// notPages are the endings of files no profile's page or article is: they are not matched
// against the profiles' patterns (the scans and images of a mirror are most of its files).
var notPages = []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".ico", ".svg", ".pdf", ".css", ".js", ".json", ".xml", ".txt", ".zip", ".mp4", ".mp3", ".woff", ".woff2", ".ttf"}

// profilePath is what the profile's URL patterns say of the path p.
func profilePath(pr *extract.Profile, p string) PathInfo {
	low := strings.ToLower(p)
	for _, ext := range notPages {
		if strings.HasSuffix(low, ext) {
			return PathInfo{}
		}
	}
	pm := pr.MatchPath(p)
	if pm.Kind == "" {
		return PathInfo{}
	}
	return PathInfo{Kind: pm.Kind, Layout: "profile " + pr.Name, Paper: pm.Paper, Date: pm.Date, Mobile: strings.Contains(low, "/pad/")}
}

// Layouts names the layouts of pages a mirror is searched for, for messages.
func Layouts() []string {
	var names []string
	for _, l := range layouts {
		names = append(names, l.name)
	}
	return names
}

func classify(p string) PathInfo {
	base := strings.ToLower(p[strings.LastIndexByte(p, '/')+1:])
	if !strings.HasPrefix(base, "node") && !strings.HasPrefix(base, "nbs.") &&
		!strings.HasPrefix(base, "content_") && !strings.HasPrefix(base, "nw.") {
		return PathInfo{}
	}
	for _, l := range layouts {
		for _, k := range []struct {
			kind string
			re   *regexp.Regexp
		}{{"page", l.page}, {"article", l.article}} {
			m := k.re.FindStringSubmatch(p)
			if m == nil {
				continue
			}
			info := PathInfo{Kind: k.kind, Layout: l.name}
			var y, mo, d int
			for i, name := range k.re.SubexpNames() {
				switch name {
				case "paper":
					if code := strings.ToLower(m[i]); !reservedPaper[code] {
						info.Paper = code
					}
				case "y":
					y, _ = strconv.Atoi(m[i])
				case "m":
					mo, _ = strconv.Atoi(m[i])
				case "d":
					d, _ = strconv.Atoi(m[i])
				case "ui":
					info.Mobile = strings.EqualFold(m[i], "pad")
				}
			}
			t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
			if y < 1900 || t.Month() != time.Month(mo) || t.Day() != d {
				continue // not a day
			}
			info.Date = t.Format(time.DateOnly)
			return info
		}
	}
	return PathInfo{}
}

// HostCode is the paper's code a host gives (extract.HostCode: its first label that is not
// a generic one nor part of the public suffix, epaper.cqrb.cn → cqrb); "" for an IP address,
// localhost or UnknownHost.
func HostCode(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if strings.EqualFold(host, UnknownHost) {
		return ""
	}
	return extract.HostCode(host)
}
