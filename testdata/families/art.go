package families

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

var (
	newsprint = color.RGBA{245, 242, 232, 255}
	ink       = color.RGBA{40, 40, 40, 255}
	photoGrey = color.RGBA{120, 120, 120, 255}
	tints     = []color.RGBA{
		{240, 200, 180, 255}, {190, 215, 240, 255}, {200, 230, 190, 255}, {240, 225, 160, 255},
	}
)

// photoSize is the size of every photo: small, the families are about structure.
var photoSize = fixture.Size{W: 120, H: 80}

// scanJPEG draws page p's scan: newsprint, a header rule, each article's regions in its
// tint (the regions of one article alike), the map's photos grey.
func scanJPEG(p *Page) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, ScanSize.W, ScanSize.H))
	draw.Draw(img, img.Bounds(), image.NewUniform(newsprint), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(10, 30, ScanSize.W-10, 33), image.NewUniform(ink), image.Point{}, draw.Src)
	fill := func(poly fixture.Polygon, c color.RGBA) error {
		b := poly.Bounds()
		if !b.In(img.Bounds()) || len(poly) < 3 {
			return fmt.Errorf("page %s: region %v is not a polygon inside the scan", p.Code, poly)
		}
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if poly.Contains(image.Pt(x, y)) {
					img.SetRGBA(x, y, c)
				}
			}
		}
		return nil
	}
	for i, a := range p.Articles {
		for _, r := range a.Regions {
			if err := fill(r, tints[i%len(tints)]); err != nil {
				return nil, err
			}
		}
	}
	for _, ph := range p.Photos {
		if err := fill(ph.Region, photoGrey); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 60}); err != nil {
		return nil, fmt.Errorf("page %s: encode scan: %w", p.Code, err)
	}
	return b.Bytes(), nil
}

// pagePDF is page p's one-page PDF, by testdata/fixture: each region outlined and labelled.
func pagePDF(e *Edition, p *Page) []byte {
	fe := fixture.Edition{Paper: fixture.Paper{Code: e.Paper.Code, Name: e.Paper.Name, Host: e.Paper.Host}, Date: e.Date}
	fp := fixture.Page{Num: p.Code, Name: p.Name, Scan: ScanSize, Display: ScanSize}
	for _, a := range p.Articles {
		for _, r := range a.Regions {
			fp.Articles = append(fp.Articles, fixture.Article{ID: a.ID, Block: r})
		}
	}
	return fixture.PagePDF(fe, fp)
}

// photoJPEG is the placeholder photo of testdata/fixture at photoSize.
func photoJPEG() ([]byte, error) { return fixture.PhotoJPEG(fixture.Image{Size: photoSize}) }

// Rect is the rectangle x0,y0–x1,y1 as a polygon.
func Rect(x0, y0, x1, y1 int) fixture.Polygon { return fixture.Rect(x0, y0, x1, y1) }

// coords is a region scaled to the size the scan is shown at, as <area coords>.
func coords(poly fixture.Polygon, shown fixture.Size) string {
	return poly.Scale(ScanSize, shown).Coords()
}
