package importer

import (
	"net/url"
	"testing"

	"github.com/epaper-archive/epaper/importer/extract"
)

// The regions of an image map are fractions of the scan as shown (the <img>'s size), not of
// its natural size; without a scan, of the map's extent; one string per region.
func TestNormaliseRegions(t *testing.T) {
	t.Parallel()
	p := &extract.Page{ScanW: 400, ScanH: 600, Regions: []extract.Region{
		{Kind: extract.RegionArticle, ID: "11", Target: "http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/content_11.htm", Points: [][2]float64{{0, 0}, {200, 0}, {200, 300}, {0, 300}}},
		{Kind: extract.RegionArticle, ID: "12", Target: "http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/content_12.htm", Points: [][2]float64{{200, 0}, {400, 0}, {400, 600}, {200, 600}}},
		{Kind: extract.RegionArticle, ID: "..%2F", Target: (&url.URL{Scheme: "http", Host: "x", Path: "/content_..%2F.htm"}).String(), Points: [][2]float64{{0, 0}}},
		{Kind: extract.RegionPhoto, Target: "http://epaper.cqrb.cn/res/1.jpg", Points: [][2]float64{{0, 300}, {100, 300}, {100, 600}}},
	}}
	ext, rm := normaliseRegions(p, 800, 1200)
	if len(rm) != 3 || rm[0].Article != "11" || rm[0].Points != "0,0 0.5,0 0.5,0.5 0,0.5" || rm[1].Points != "0.5,0 1,0 1,1 0.5,1" {
		t.Errorf("regions are not fractions of the shown size: %+v", rm)
	}
	if rm[2].Kind != "photo" || rm[2].Article != "" || rm[2].URL != "http://epaper.cqrb.cn/res/1.jpg" || ext.Width != 400 {
		t.Errorf("a photo's region: %+v, extent %+v", rm[2], ext)
	}
	p.ScanW, p.ScanH = 0, 0
	if _, rm := normaliseRegions(p, 800, 1200); rm[0].Points != "0,0 0.25,0 0.25,0.25 0,0.25" {
		t.Errorf("without a shown size, not fractions of the natural size: %+v", rm[0].Points)
	}
	p.MapW, p.MapH = 400, 600
	if ext, rm := normaliseRegions(p, 0, 0); len(rm) != 3 || rm[1].Points != "0.5,0 1,0 1,1 0.5,1" || ext.Height != 600 {
		t.Errorf("without a scan, not fractions of the map's extent: %+v %+v", ext, rm)
	}
}
