package extract

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/publicsuffix"
)

// Detection is which profile reads a document, and why.
type Detection struct {
	Profile   *Profile
	Why       string   // "url matches …; ul#layoutlist found"
	Rejected  []string // "founder-layout-people: no div.swiper-slide a#pageLink"
	Ambiguous []string // the other profiles accepted as well, when more than one was
}

// detect picks the profile of a document at u (docs/profiles-design.md §5): the candidates
// whose page or article pattern matches the path, of them those whose required selectors all
// match, of them the one with most requirements (a tie: the first); Generic when none.
func detect(ps []*Profile, u *url.URL, doc sel) Detection {
	var d Detection
	var accepted []*Profile
	for _, p := range ps {
		if p.Name == Generic {
			continue
		}
		if !p.matchesURL(u.Path) {
			d.Rejected = append(d.Rejected, p.Name+": url")
			continue
		}
		missing := ""
		for _, r := range p.Match.Require {
			if doc.find(p.sel(r)).length() == 0 {
				missing = r
				break
			}
		}
		if missing != "" {
			d.Rejected = append(d.Rejected, p.Name+": no "+missing)
			continue
		}
		accepted = append(accepted, p)
	}
	for _, p := range accepted {
		if d.Profile == nil || len(p.Match.Require) > len(d.Profile.Match.Require) {
			d.Profile = p
		}
	}
	if d.Profile == nil {
		for _, p := range ps {
			if p.Name == Generic {
				d.Profile = p
			}
		}
		d.Why = "no other profile accepts the page: epaper's heuristics"
		return d
	}
	for _, p := range accepted {
		if p != d.Profile && len(p.Match.Require) == len(d.Profile.Match.Require) {
			d.Ambiguous = append(d.Ambiguous, p.Name)
		}
	}
	d.Why = "url matches " + d.Profile.Match.Page
	if d.Profile.Match.Article != "" && !d.Profile.re(d.Profile.Match.Page).MatchString(u.Path) {
		d.Why = "url matches " + d.Profile.Match.Article
	}
	if len(d.Profile.Match.Require) > 0 {
		d.Why += "; " + strings.Join(d.Profile.Match.Require, ", ") + " found"
	}
	return d
}

func (p *Profile) matchesURL(path string) bool {
	return (p.Match.Page != "" && p.re(p.Match.Page).MatchString(path)) ||
		(p.Match.Article != "" && p.re(p.Match.Article).MatchString(path))
}

// flatText is an element's text, white space folded, a <br> adding nothing.
func flatText(s sel) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style"):
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
	}
	if len(s) > 0 {
		walk(s[0])
	}
	return cleanText(b.String())
}

// value is the first of srcs that gives something: its text (or attribute, or the URL's
// path, or the name the title gives), and its pattern's groups; from says which source.
func (p *Profile) value(srcs []Source, doc sel, u *url.URL, skip func(string) bool) (v string, groups map[string]string, from string) {
	for _, s := range srcs {
		text, where := "", ""
		switch {
		case s.Title:
			text, where = NameFromTitle(cleanText(doc.find(selTitle).first().text())), "title"
		case s.URL != "":
			text, where = u.Path, "url"
		case s.Select != "":
			e := doc.find(p.sel(s.Select)).first()
			if e.length() == 0 {
				continue
			}
			text, where = flatText(e), s.Select
			if s.Attr != "" {
				text, where = cleanText(e.attrOr(s.Attr, "")), s.Select+" "+s.Attr
			}
		}
		pat := s.Pattern
		if s.URL != "" {
			pat = s.URL
		}
		if pat != "" {
			re := p.re(pat)
			m := re.FindStringSubmatch(text)
			if m == nil {
				continue
			}
			groups = map[string]string{}
			for i, n := range re.SubexpNames() {
				if n != "" {
					groups[n] = strings.TrimSpace(m[i])
				}
			}
		}
		if text == "" || (skip != nil && skip(text)) {
			continue
		}
		return text, groups, where
	}
	return "", nil, ""
}

// siteWords are what a site calls itself, never a paper's name.
var siteWords = map[string]bool{"数字报": true, "电子报": true, "电子版": true, "数字报刊": true}

var (
	reNameSep   = regexp.MustCompile(`\s*[·\-—–|_]+\s*|\s+`)
	reSiteTail  = regexp.MustCompile(`(数字报刊平台|数字报刊|数字报|电子报|电子版|手机版|移动版|网)$`)
	rePaperName = regexp.MustCompile(`^\p{Han}{1,8}(日报|晚报|早报|时报|商报|都市报|报)$`)
)

// NameFromTitle is a paper's name in a page's <title>: split at · - — – | _ and spaces,
// the site's words (数字报, 移动版, 网 …) and a trailing 社 stripped from each part, the first
// part that reads as a paper's name (1–8 Han characters ending in 日报, 晚报, 报 …); "" when
// none does. "打造新型传媒集团·海西日报社数字报" gives 海西日报.
func NameFromTitle(title string) string {
	for _, part := range reNameSep.Split(title, -1) {
		for {
			cut := strings.TrimSuffix(reSiteTail.ReplaceAllString(part, ""), "社")
			if cut == part {
				break
			}
			part = cut
		}
		if rePaperName.MatchString(part) {
			return part
		}
	}
	return ""
}

// reservedCodes are path segments that are never a paper's code.
var reservedCodes = map[string]bool{"html": true, "pc": true, "pad": true, "page": true, "res": true, "images": true}

// genericLabels are the labels of e-paper hosts that say nothing of the paper.
var genericLabels = map[string]bool{"www": true, "epaper": true, "paper": true, "szb": true,
	"dzb": true, "e": true, "news": true, "m": true, "wap": true}

// HostCode is the paper's code a host gives: its first label that is not a generic one
// (www, epaper, paper, szb, dzb, e, news, m, wap) nor part of the public suffix
// (epaper.cqrb.cn → cqrb, www.example.com.cn → example); "" for an IP address or localhost.
func HostCode(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "" || host == "localhost" || net.ParseIP(host) != nil {
		return ""
	}
	suffix, _ := publicsuffix.PublicSuffix(host)
	labels := strings.Split(strings.TrimSuffix(strings.TrimSuffix(host, suffix), "."), ".")
	for _, l := range labels {
		if l != "" && !genericLabels[l] && reHostLabel.MatchString(l) {
			return l
		}
	}
	return ""
}

// paperCode is the code the profile's patterns find in the path, else the host's.
func (p *Profile) paperCode(u *url.URL) (string, string) {
	for _, c := range p.Paper.Code {
		if code := strings.ToLower(group(p.re(c), u.Path, "paper")); code != "" && !reservedCodes[code] {
			return code, "path"
		}
	}
	if code := HostCode(u.Host); code != "" {
		return code, "host"
	}
	return "paper", ""
}

// date is the edition's date by the profile's date sources.
func (p *Profile) date(doc sel, u *url.URL) (time.Time, error) {
	for i := range p.Date {
		_, g, _ := p.value(p.Date[i:i+1], doc, u, nil)
		if g == nil || g["y"] == "" {
			continue
		}
		y, _ := strconv.Atoi(g["y"])
		m, _ := strconv.Atoi(g["m"])
		d, _ := strconv.Atoi(g["d"])
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, chinaTime)
		if t.Month() == time.Month(m) && t.Day() == d {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%s: no date: profile %s: none of its date sources gives one", u, p.Name)
}
