package mirrors

import (
	"fmt"
	"strconv"

	"github.com/epaper-archive/epaper/testdata/families"
	"github.com/epaper-archive/epaper/testdata/fixture"
	"github.com/epaper-archive/epaper/testdata/synth"
)

// site is a layout's renderer and the scheme it places files by.
type site struct {
	families.Renderer
	scheme families.Scheme
}

// renderer returns the template and scheme of layout l: the classic template for the four
// classic layouts, the city papers' layout/content template for LayoutContent.
func renderer(l Layout, p families.Paper) site {
	classic := func(s families.Scheme, nameTag bool) site {
		return site{&families.Classic{Scheme: s, PaperNameTag: nameTag}, s}
	}
	switch l {
	case PaperHTML:
		return classic(families.PaperHTML{}, false)
	case HTMLDate:
		return classic(families.HTMLDate{}, true)
	case PaperDate:
		return classic(families.PaperDate{}, false)
	case LayoutContent:
		s := families.Layout{Prefix: p.Code + "/pc", IndexPath: p.Code + "/paperindex.htm"}
		return site{&families.Modern{Flavour: "city", Scheme: s, CSS: p.Code + "/pc/css/layout.css", Static: p.Code + "/pc"}, s}
	}
	return classic(families.HTMLPaper{}, false)
}

// edition is day d of o as a families.Edition: synth's texts, its article blocks scaled to
// the families' scans. Page codes are "001"… in the layouts with page folders (NNN/node.htm),
// "01"… in the others; node ids follow the layout's habit.
func edition(o Options, d int, paper families.Paper) *families.Edition {
	se := synth.Edition(synth.Options{Start: o.Start, Days: o.Days, Pages: o.Pages, Articles: o.Articles, Seed: o.Seed}, d)
	e := &families.Edition{Paper: paper, Date: se.Date}
	for i, sp := range se.Pages {
		p := &families.Page{Name: sp.Name, Scan: true, PDF: true}
		switch o.Layout {
		case HTMLPaper, PaperDate:
			p.Code, p.Node = sp.Num, sp.Num
		case LayoutContent:
			p.Code = fmt.Sprintf("%02d", i+1)
			p.Node = p.Code
		default:
			p.Code = fmt.Sprintf("%02d", i+1)
			p.Node = strconv.Itoa(i + 2) // node_2.htm is the first page, as on many sites
		}
		for _, sa := range sp.Articles {
			a := &families.Article{
				ID: sa.ID, IntroTitle: sa.IntroTitle, Title: sa.Title, SubTitle: sa.SubTitle,
				Author: sa.Author, Paragraphs: sa.Paragraphs,
				Regions: []fixture.Polygon{sa.Block.Scale(sp.Scan, families.ScanSize)},
			}
			if o.Layout == PaperDate {
				a.ID = "rb_" + sa.ID
			}
			if sa.Image != nil {
				a.Image = &families.Image{Name: sa.Image.Name, Caption: sa.Image.Caption}
			}
			p.Articles = append(p.Articles, a)
		}
		e.Pages = append(e.Pages, p)
	}
	return e
}
