package importer

import (
	"math"
	"net/url"
	"os"
	"path"
	"strings"

	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/extract"
)

// What a page bundle keeps of what its page says, whether or not the parts could be had:
// every article it names, every region of its image map.

// articleEntries are the page's articles as its bundle lists them, each archived or not (its
// bundle is in the site: imported now, or kept from an earlier import); each not archived is
// added to missing with the reason its import failed.
func (im *Importer) articleEntries(page bundle.Ref, articles []extract.ArticleRef, errs []error, missing []bundle.Missing) ([]bundle.ArticleEntry, []bundle.Missing) {
	var out []bundle.ArticleEntry
	for i, a := range articles {
		e := bundle.ArticleEntry{ID: a.ID, Title: a.Title, TitleFrom: a.TitleFrom, URL: a.URL}
		art := page
		art.Article = a.ID
		if bundle.CheckName(a.ID) == nil {
			_, err := os.Stat(art.Index(im.content))
			e.Archived = err == nil
		}
		if !e.Archived {
			reason := "not imported"
			if errs[i] != nil {
				reason = errs[i].Error()
			}
			missing = append(missing, bundle.Missing{Part: bundle.PartArticle, URL: a.URL, Reason: reason})
		}
		out = append(out, e)
	}
	return out, missing
}

// pageArticles is the page's article list, then any article only its image map names (its
// title from the area's alt or title); one entry per article id.
func pageArticles(p *extract.Page) []extract.ArticleRef {
	all := append([]extract.ArticleRef(nil), p.Articles...)
	for _, r := range p.Regions {
		if r.Kind == extract.RegionArticle {
			a := extract.ArticleRef{URL: r.Target, ID: r.ID, Title: r.Title}
			if r.Title != "" {
				a.TitleFrom = "alt"
			}
			all = append(all, a)
		}
	}
	var out []extract.ArticleRef
	index := map[string]int{}
	for _, a := range all {
		if i, ok := index[a.ID]; ok {
			if out[i].Title == "" && a.Title != "" {
				out[i].Title, out[i].TitleFrom = a.Title, a.TitleFrom
			}
			continue
		}
		index[a.ID] = len(out)
		out = append(out, a)
	}
	return out
}

// normaliseRegions turns the image map's pixel coordinates into fractions of the map's
// extent: the scan as shown (the <img>'s width and height), else the scan's natural size,
// else, without a scan, the largest x and y of the map's areas. A region of an article whose
// id cannot name a bundle is left out.
func normaliseRegions(p *extract.Page, natW, natH int) (*bundle.MapExtent, []bundle.Region) {
	w, h := float64(p.ScanW), float64(p.ScanH)
	if w <= 0 || h <= 0 {
		w, h = float64(natW), float64(natH)
	}
	if w <= 0 || h <= 0 {
		w, h = p.MapW, p.MapH
	}
	if w <= 0 || h <= 0 || len(p.Regions) == 0 {
		return nil, nil
	}
	var out []bundle.Region
	for _, r := range p.Regions {
		rm := bundle.Region{Kind: r.Kind, URL: r.Target}
		if r.Kind == extract.RegionArticle {
			rm.Article = r.ID
			if bundle.CheckName(rm.Article) != nil {
				continue
			}
		}
		pts := make([]bundle.Point, 0, len(r.Points))
		for _, pt := range r.Points {
			pts = append(pts, bundle.Point{round4(clamp01(pt[0] / w)), round4(clamp01(pt[1] / h))})
		}
		rm.Points = bundle.Points(pts)
		out = append(out, rm)
	}
	return &bundle.MapExtent{Width: w, Height: h}, out
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }
func round4(v float64) float64  { return math.Round(v*10000) / 10000 }

// imageExt is the image's extension from its URL, one of a known few.
func imageExt(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ".jpg"
	}
	switch ext := strings.ToLower(path.Ext(pu.Path)); ext {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return ext
	}
	return ".jpg"
}
