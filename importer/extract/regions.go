package extract

import (
	"fmt"
	"math"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/andybalholm/cascadia"
)

// Limits of an image map, per page. A page over them keeps what fits and says what it left
// out in Page.Warnings: a map of tens of thousands of points is no use to a reader, and makes
// a bundle too large for Hugo's front-matter reader.
const (
	MaxRegions      = 500   // regions of one page
	MaxRegionPoints = 1000  // points of one region
	MaxPagePoints   = 20000 // points of all regions of one page
)

// scanMap finds the page scan (the image using a map, else an image under a page/ folder)
// and the regions of its image map: every area with a link, an article's, a photo's or any
// other, its coordinates checked (a NaN, an infinity or a negative number drops the area,
// with a warning) and within the limits above.
func scanMap(doc sel, base *url.URL, p *Page) {
	var scan sel
	doc.find(selImages).eachWhile(func(img sel) bool {
		if _, ok := img.attr("usemap"); ok {
			scan = img
			return false
		}
		return true
	})
	if scan == nil {
		doc.find(selImages).eachWhile(func(img sel) bool {
			src := strings.ToLower(img.attrOr("src", ""))
			if strings.Contains(src, "/page/") && (strings.HasSuffix(src, ".jpg") || strings.HasSuffix(src, ".jpeg") || strings.HasSuffix(src, ".png")) {
				scan = img
				return false
			}
			return true
		})
	}
	if scan == nil {
		return
	}
	p.ScanURL = resolve(base, scan.attrOr("src", ""))
	p.ScanW, _ = strconv.Atoi(strings.TrimSpace(scan.attrOr("width", "")))
	p.ScanH, _ = strconv.Atoi(strings.TrimSpace(scan.attrOr("height", "")))
	readMap(doc, scan, base, p, ArticleID)
}

// readMap reads the image map the scan's usemap names into p's regions and extent; articleID
// says which targets are articles (their id, else "").
func readMap(doc sel, scan sel, base *url.URL, p *Page, articleID func(string) string) {
	name := strings.TrimPrefix(strings.TrimSpace(scan.attrOr("usemap", "")), "#")
	if name != "" {
		doc.find(selMaps).eachWhile(func(m sel) bool {
			if !strings.EqualFold(m.attrOr("name", m.attrOr("id", "")), name) {
				return true
			}
			var areas []areaAttrs
			m.find(selAreas).each(func(a sel) {
				areas = append(areas, areaAttrs{a.attrOr("shape", "poly"), a.attrOr("coords", ""), a.attrOr("href", ""),
					cleanText(a.attrOr("alt", "")), cleanText(a.attrOr("title", ""))})
			})
			p.Regions, p.Warnings = readAreas(areas, base, articleID)
			return false
		})
	}
	p.MapW, p.MapH = float64(p.ScanW), float64(p.ScanH)
	if p.MapW <= 0 || p.MapH <= 0 {
		p.MapW, p.MapH = 0, 0
		for _, r := range p.Regions {
			for _, pt := range r.Points {
				p.MapW, p.MapH = math.Max(p.MapW, pt[0]), math.Max(p.MapH, pt[1])
			}
		}
	}
}

var selLI = cascadia.MustCompile("li")

// areaAttrs are the attributes of an <area> that a Region is made of.
type areaAttrs struct{ shape, coords, href, alt, title string }

// readAreas turns a map's areas into regions, in document order, within the limits.
func readAreas(areas []areaAttrs, base *url.URL, articleID func(string) string) ([]Region, []string) {
	var out []Region
	var warn []string
	bad, long, over, total := 0, 0, 0, 0
	for _, a := range areas {
		u := resolve(base, a.href)
		if u == "" {
			continue
		}
		pts, err := areaPoints(a.shape, a.coords)
		switch {
		case err != nil:
			bad++
			continue
		case pts == nil:
			continue
		case len(pts) > MaxRegionPoints:
			long++
			continue
		case len(out) >= MaxRegions || total+len(pts) > MaxPagePoints:
			over++
			continue
		}
		total += len(pts)
		r := Region{Target: u, Kind: regionKind(u), ID: articleID(u), Title: cmpOr(a.alt, a.title), Points: pts}
		if r.ID != "" {
			r.Kind = RegionArticle
		} else if r.Kind == RegionArticle {
			r.Kind = RegionLink
		}
		out = append(out, r)
	}
	if bad > 0 {
		warn = append(warn, fmt.Sprintf("image map: %d areas with coordinates that are not numbers of at least 0 (NaN, infinite, negative) left out", bad))
	}
	if long > 0 {
		warn = append(warn, fmt.Sprintf("image map: %d areas of more than %d points left out", long, MaxRegionPoints))
	}
	if over > 0 {
		warn = append(warn, fmt.Sprintf("image map: %d areas past the limit of %d regions or %d points a page left out", over, MaxRegions, MaxPagePoints))
	}
	return out, warn
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// regionKind says where an area leads: an article (content_N.htm), a photo (an image file) or
// elsewhere.
func regionKind(u string) string {
	if ArticleID(u) != "" {
		return RegionArticle
	}
	switch strings.ToLower(path.Ext(hrefPath(u))) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return RegionPhoto
	}
	return RegionLink
}

// errCoords is an area whose coordinates are not finite numbers of at least 0.
var errCoords = fmt.Errorf("coordinates not finite numbers of at least 0")

// areaPoints turns an <area>'s coords into a polygon; rectangles become four corners. nil,
// nil for a shape it does not know or the wrong count of numbers; errCoords for a coordinate
// that is NaN, infinite or negative.
func areaPoints(shape, coords string) ([][2]float64, error) {
	var nums []float64
	for _, f := range strings.FieldsFunc(coords, func(r rune) bool { return r == ',' || r == ' ' }) {
		n, err := strconv.ParseFloat(f, 64)
		if err != nil && !math.IsInf(n, 0) { // out of range is an infinity
			return nil, nil
		}
		if math.IsNaN(n) || math.IsInf(n, 0) || n < 0 {
			return nil, errCoords
		}
		nums = append(nums, n)
	}
	switch strings.ToLower(shape) {
	case "rect", "rectangle":
		if len(nums) != 4 {
			return nil, nil
		}
		x1, y1, x2, y2 := nums[0], nums[1], nums[2], nums[3]
		return [][2]float64{{x1, y1}, {x2, y1}, {x2, y2}, {x1, y2}}, nil
	case "poly", "polygon", "":
		if len(nums) < 6 || len(nums)%2 != 0 {
			return nil, nil
		}
		pts := make([][2]float64, 0, len(nums)/2)
		for i := 0; i < len(nums); i += 2 {
			pts = append(pts, [2]float64{nums[i], nums[i+1]})
		}
		return pts, nil
	}
	return nil, nil
}

// rowPDF is the PDF linked beside a page list's link a: in its table row or list item.
func rowPDF(a sel, base *url.URL) string {
	for _, scope := range []sel{a.closest(selTR), a.closest(selLI)} {
		if scope.length() == 0 {
			continue
		}
		found := ""
		scope.find(selLinks).eachWhile(func(l sel) bool {
			if strings.HasSuffix(strings.ToLower(hrefPath(l.attrOr("href", ""))), ".pdf") {
				found = resolve(base, l.attrOr("href", ""))
				return false
			}
			return true
		})
		if found != "" {
			return found
		}
	}
	return ""
}
