package synth

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"sync"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// Scans: 1000×1500 pixels (a page scan of a Founder site is about that size), shown at
// 400×600 on node.htm. Each article block is outlined and filled with lines of "glyphs"
// (random strokes in 14-pixel cells), so that the JPEG compresses like print, not like a
// flat colour: about 200 KB at quality 75. Drawing and encoding one takes some 50 ms, which
// a year (5,840 pages) would turn into minutes, so a scan is drawn once per layout (the
// number of articles, the layout variant, the masthead) and the same bytes are written for
// every page of that layout.

var (
	scanSize    = fixture.Size{W: 1000, H: 1500}
	displaySize = fixture.Size{W: 400, H: 600}
	photoSize   = fixture.Size{W: 640, H: 427}
)

const scanQuality = 75

// layoutKey names one distinct scan.
type layoutKey struct {
	articles, variant int
	masthead          bool
}

// blocks returns the articles' blocks on the scan: the first across the top, the others in
// two columns below it (the last across the page when they are odd); variant moves the
// column split and the height of the lead.
func blocks(k layoutKey) []image.Rectangle {
	x0, x1, y0, y1 := 20, scanSize.W-20, 100, scanSize.H-20
	if k.masthead {
		y0 = 200
	}
	if k.articles == 0 {
		return nil
	}
	const gap = 10
	lead := (y1 - y0) * (28 + 4*k.variant) / 100
	out := []image.Rectangle{image.Rect(x0, y0, x1, y0+lead)}
	rest := k.articles - 1
	if rest == 0 {
		out[0].Max.Y = y1
		return out
	}
	rows := (rest + 1) / 2
	top := y0 + lead + gap
	rowH := (y1 - top - (rows-1)*gap) / rows
	split := x0 + (x1-x0)*(45+5*k.variant)/100
	for i := range rest {
		row, col := i/2, i%2
		r := image.Rect(x0, top+row*(rowH+gap), split-gap/2, top+row*(rowH+gap)+rowH)
		if col == 1 {
			r.Min.X, r.Max.X = split+gap/2, x1
		}
		if i == rest-1 && rest%2 == 1 {
			r.Min.X, r.Max.X = x0, x1
		}
		out = append(out, r)
	}
	return out
}

// scans holds each layout's JPEG, drawn once.
type scans struct {
	mu    sync.Mutex
	byKey map[layoutKey]*scanEntry
}

type scanEntry struct {
	once sync.Once
	data []byte
	err  error
}

func (s *scans) get(k layoutKey) ([]byte, error) {
	s.mu.Lock()
	if s.byKey == nil {
		s.byKey = map[layoutKey]*scanEntry{}
	}
	e := s.byKey[k]
	if e == nil {
		e = &scanEntry{}
		s.byKey[k] = e
	}
	s.mu.Unlock()
	e.once.Do(func() { e.data, e.err = drawScan(k) })
	return e.data, e.err
}

var (
	paper   = color.RGBA{240, 236, 224, 255}
	inkDark = color.RGBA{30, 30, 34, 255}
	inkGrey = color.RGBA{90, 88, 86, 255}
	mastRed = color.RGBA{178, 34, 34, 255}
)

// glyphs are 64 random 12×12 stroke patterns standing for Chinese characters.
var glyphs = func() [64][12][12]bool {
	r := rand.New(rand.NewPCG(7, 7))
	var g [64][12][12]bool
	for i := range g {
		for range 3 + r.IntN(4) {
			if r.IntN(2) == 0 { // horizontal stroke
				y, xa := r.IntN(12), r.IntN(6)
				for x := xa; x < xa+4+r.IntN(8) && x < 12; x++ {
					g[i][y][x] = true
				}
			} else {
				x, ya := r.IntN(12), r.IntN(6)
				for y := ya; y < ya+4+r.IntN(8) && y < 12; y++ {
					g[i][y][x] = true
				}
			}
		}
	}
	return g
}()

func drawScan(k layoutKey) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, scanSize.W, scanSize.H))
	fill(img, img.Rect, paper)
	r := rand.New(rand.NewPCG(uint64(k.articles), uint64(k.variant)))
	if k.masthead {
		fill(img, image.Rect(20, 20, scanSize.W-20, 180), mastRed)
		glyphLines(img, r, image.Rect(60, 60, scanSize.W-60, 140), 40, paper)
	} else {
		glyphLines(img, r, image.Rect(20, 30, scanSize.W/2, 60), 20, inkDark)
	}
	fill(img, image.Rect(20, 88, scanSize.W-20, 91), inkDark)
	for _, b := range blocks(k) {
		fill(img, b, inkGrey)
		fill(img, b.Inset(1), paper)
		title := image.Rect(b.Min.X+12, b.Min.Y+12, b.Max.X-12, b.Min.Y+12+28)
		glyphLines(img, r, title, 28, inkDark)
		glyphLines(img, r, image.Rect(b.Min.X+10, title.Max.Y+10, b.Max.X-10, b.Max.Y-10), 14, inkDark)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: scanQuality}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// glyphLines fills area with lines of glyphs of size cell (a line every 2*cell pixels), the last
// line of each paragraph short.
func glyphLines(img *image.RGBA, r *rand.Rand, area image.Rectangle, cell int, c color.RGBA) {
	scale := max(1, cell/12)
	step := cell * 2
	for y := area.Min.Y; y+cell <= area.Max.Y; y += step {
		end := area.Max.X
		if r.IntN(6) == 0 {
			end = area.Min.X + (area.Max.X-area.Min.X)*(2+r.IntN(6))/10
		}
		for x := area.Min.X; x+cell <= end; x += cell + 3 {
			g := &glyphs[r.IntN(len(glyphs))]
			for gy := range 12 {
				for gx := range 12 {
					if g[gy][gx] {
						fill(img, image.Rect(x+gx*scale, y+gy*scale, x+(gx+1)*scale, y+(gy+1)*scale), c)
					}
				}
			}
		}
	}
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[img.PixOffset(r.Min.X, y):img.PixOffset(r.Max.X, y)]
		for i := 0; i < len(row); i += 4 {
			row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, c.A
		}
	}
}
