package importer

import (
	"net/url"
	"testing"

	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/extract"
)

// The regions of an image map are fractions of the scan as shown (the <img>'s size), not of
// its natural size.
func TestNormaliseRegions(t *testing.T) {
	t.Parallel()
	p := &extract.Page{ScanW: 400, ScanH: 600, Regions: []extract.Region{
		{ArticleURL: "http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/content_11.htm", Points: [][2]float64{{0, 0}, {200, 0}, {200, 300}, {0, 300}}},
		{ArticleURL: "http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/content_12.htm", Points: [][2]float64{{200, 0}, {400, 0}, {400, 600}, {200, 600}}},
		{ArticleURL: (&url.URL{Scheme: "http", Host: "x", Path: "/content_..%2F.htm"}).String(), Points: [][2]float64{{0, 0}}},
	}}
	rm := normaliseRegions(p, 800, 1200)
	if len(rm) != 2 || rm[0].Article != "11" || rm[0].Points[2] != (bundle.Point{0.5, 0.5}) || rm[1].Points[2] != (bundle.Point{1, 1}) {
		t.Errorf("regions are not fractions of the shown size: %+v", rm)
	}
	p.ScanW, p.ScanH = 0, 0
	if rm := normaliseRegions(p, 800, 1200); rm[0].Points[2] != (bundle.Point{0.25, 0.25}) {
		t.Errorf("without a shown size, not fractions of the natural size: %+v", rm[0].Points)
	}
}
