package extract

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// mapPage is a page with one page-list link and an image map of the areas given.
func mapPage(areas string) string {
	return `<html><body><a href="node_1.htm">第01版：要闻</a>
<img src="../../../page/1.jpg" usemap="#m"><map name="m">` + areas + `</map></body></html>`
}

func pageWithMap(t *testing.T, areas string) *Page {
	t.Helper()
	u, _ := url.Parse("http://epaper.example.cn/html/x/2021-04/14/node_1.htm")
	p, err := ExtractPage(mapPage(areas), u)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Every area with a link is kept, with its kind: an article's, a photo's, another link's;
// its title from alt or title; the map's extent is the largest x and y without a shown size.
func TestRegionKinds(t *testing.T) {
	p := pageWithMap(t, `<area shape="rect" coords="0,0,100,50" href="content_1.htm" alt="一">
<area coords="0,60,100,60,100,90" href="content_1.htm"><area shape="rect" coords="0,100,50,200" href="/res/p.jpg" title="照片">
<area shape="rect" coords="0,210,80,220" href="http://other.example.cn/">`)
	var got []string
	for _, r := range p.Regions {
		got = append(got, r.Kind+" "+r.Title+" "+fmt.Sprint(len(r.Points)))
	}
	if strings.Join(got, "|") != "article 一 4|article  3|photo 照片 4|link  4" {
		t.Errorf("regions %q", got)
	}
	if p.MapW != 100 || p.MapH != 220 || len(p.Warnings) != 0 {
		t.Errorf("extent %v×%v, warnings %q", p.MapW, p.MapH, p.Warnings)
	}
}

// A NaN, an infinity or a negative coordinate drops the area, with a warning.
func TestRegionBadCoordinates(t *testing.T) {
	for _, c := range []string{"NaN,0,10,10", "0,0,+Inf,10", "0,-1,10,10", "0,0,1e400,10"} {
		p := pageWithMap(t, `<area shape="rect" coords="0,0,10,10" href="content_1.htm"><area shape="rect" coords="`+c+`" href="content_2.htm">`)
		if len(p.Regions) != 1 || len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "NaN") {
			t.Errorf("%s: regions %+v, warnings %q", c, p.Regions, p.Warnings)
		}
	}
}

func poly(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%d,%d", i%300, i%400)
	}
	return b.String()
}

// More than MaxRegionPoints points in one area drops it, with a warning.
func TestRegionTooManyPoints(t *testing.T) {
	p := pageWithMap(t, `<area coords="`+poly(MaxRegionPoints)+`" href="content_1.htm"><area coords="`+poly(MaxRegionPoints+1)+`" href="content_2.htm">`)
	if len(p.Regions) != 1 || len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "1000 points") {
		t.Errorf("%d regions, warnings %q", len(p.Regions), p.Warnings)
	}
}

// More than MaxRegions regions, or MaxPagePoints points, on a page: the first that fit are
// kept, with a warning.
func TestRegionPageLimits(t *testing.T) {
	var b strings.Builder
	for i := range MaxRegions + 5 {
		fmt.Fprintf(&b, `<area shape="rect" coords="0,0,%d,10" href="content_%d.htm">`, i+1, i)
	}
	p := pageWithMap(t, b.String())
	if len(p.Regions) != MaxRegions || len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "5 areas past the limit") {
		t.Errorf("%d regions, warnings %q", len(p.Regions), p.Warnings)
	}
	b.Reset()
	for i := range 25 { // 25 × 1000 points > 20000
		fmt.Fprintf(&b, `<area coords="%s" href="content_%d.htm">`, poly(1000), i)
	}
	p = pageWithMap(t, b.String())
	if len(p.Regions) != MaxPagePoints/1000 || len(p.Warnings) != 1 {
		t.Errorf("%d regions, warnings %q", len(p.Regions), p.Warnings)
	}
}

// The page list keeps each page's PDF, the one in its row.
func TestPageListPDF(t *testing.T) {
	u, _ := url.Parse("http://epaper.example.cn/html/x/2021-04/14/node_1.htm")
	p, err := ExtractPage(`<table><tr><td><a href="node_1.htm">第01版：要闻</a></td><td><a href="1.pdf">PDF</a></td></tr>
<tr><td><a href="node_2.htm">第02版：综合</a></td><td><a href="2.pdf">PDF</a></td></tr><tr><td><a href="node_3.htm">第03版：文化</a></td></tr></table>`, u)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range p.Pages {
		got = append(got, r.Num+" "+r.PDFURL)
	}
	want := "01 http://epaper.example.cn/html/x/2021-04/14/1.pdf|02 http://epaper.example.cn/html/x/2021-04/14/2.pdf|03 "
	if strings.Join(got, "|") != want {
		t.Errorf("page list %q", got)
	}
}
