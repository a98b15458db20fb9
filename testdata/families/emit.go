package families

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
)

// emitter collects the files of one edition, each at its scheme path on the paper's host.
type emitter struct {
	e      *Edition
	scheme Scheme
	files  []File
	err    error
}

// put adds the file at scheme path p unless an error came first.
func (w *emitter) put(p string, kind Kind, page *Page, a *Article, data []byte, err error) {
	if w.err != nil {
		return
	}
	if err != nil {
		w.err = err
		return
	}
	f := File{Path: FilePath(w.e.Paper.Host, p), Data: data, Kind: kind, Paper: w.e.Paper.Code}
	if page != nil {
		f.Page = page.Code
	}
	if a != nil {
		f.Article = a.ID
	}
	w.files = append(w.files, f)
}

// asset adds a template file of the site, once per edition.
func (w *emitter) asset(p string, data []byte) {
	w.put(p, KindAsset, nil, nil, data, nil)
}

// pageFiles adds page p's scan, PDF, the photos of its articles and of its map.
func (w *emitter) pageFiles(p *Page) {
	e, s := w.e, w.scheme
	if p.Scan {
		data, err := scanJPEG(p)
		w.put(s.Scan(e, p), KindScan, p, nil, data, err)
	}
	if p.PDF {
		w.put(s.PDF(e, p), KindPDF, p, nil, pagePDF(e, p), nil)
	}
	for _, a := range p.Articles {
		if a.Image != nil {
			data, err := photoJPEG()
			w.put(s.Asset(e, a.Image.Name), KindPhoto, p, a, data, err)
		}
	}
	for _, ph := range p.Photos {
		data, err := photoJPEG()
		w.put(s.Asset(e, ph.Name), KindPhoto, p, nil, data, err)
	}
}

// pdfIcon is a 16×16 red GIF, the icon beside a page's PDF link.
var pdfIcon = func() []byte {
	pal := color.Palette{color.RGBA{255, 255, 255, 255}, color.RGBA{200, 30, 30, 255}}
	img := image.NewPaletted(image.Rect(0, 0, 16, 16), pal)
	for y := 2; y < 14; y++ {
		for x := 3; x < 13; x++ {
			img.SetColorIndex(x, y, 1)
		}
	}
	var b bytes.Buffer
	if err := gif.Encode(&b, img, nil); err != nil {
		panic("families: pdf icon: " + err.Error())
	}
	return b.Bytes()
}()
