package epub

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// Book is one edition as an e-book.
type Book struct {
	ID       string    // unique identifier of the book, e.g. urn:epaper:cqrb:2021-04-14
	Title    string    // 重庆日报 2021年04月14日 星期三
	Paper    string    // the paper's name: creator and publisher
	Language string    // default zh-CN
	Date     time.Time // the edition's day
	Source   string    // the URL of the original edition, if known
	Cover    string    // image file of the cover (the front page's scan); "" for none
	Pages    []Page    // in page order
}

// Page is a page (版) of the edition.
type Page struct {
	Number   string // as printed, 005
	Name     string // 重庆新闻
	Scan     string // image file of the page's scan, shown at the head of the page; "" for none
	Articles []Article
}

// Title is the page's heading: 第005版 重庆新闻.
func (p Page) Title() string {
	s := "第" + p.Number + "版"
	if p.Name != "" {
		s += " " + p.Name
	}
	return s
}

// Article is one article of a page.
type Article struct {
	ID           string // unique in the book, e.g. the article's number 268824
	IntroTitle   string // 引题
	Title        string
	Subtitle     string // 副题
	Author       string
	AuthorInBody bool              // the byline is part of Body: not repeated
	Body         string            // HTML fragment
	Images       map[string]string // img src in Body → image file
}

// Write writes the EPUB of b to w.
func Write(w io.Writer, b Book) error {
	if len(b.Pages) == 0 {
		return fmt.Errorf("epub %q: no pages", b.ID)
	}
	if b.Language == "" {
		b.Language = "zh-CN"
	}
	bk := &book{Book: b, byFile: map[string]*item{}}
	if b.Cover != "" {
		it, err := bk.image(b.Cover, "cover")
		if err != nil {
			return fmt.Errorf("epub %q: cover: %w", b.ID, err)
		}
		if it == nil {
			return fmt.Errorf("epub %q: cover %q is not a JPEG, PNG or GIF", b.ID, b.Cover)
		}
		it.props = "cover-image"
		bk.cover = it
		bk.add(&item{id: "cover", href: "cover.xhtml", mediaType: xhtmlType, data: coverXHTML(bk), spine: true})
	}
	navAt := len(bk.items)
	for i, p := range b.Pages {
		data, err := pageXHTML(bk, p)
		if err != nil {
			return fmt.Errorf("epub %q: page %s: %w", b.ID, p.Number, err)
		}
		bk.add(&item{id: fmt.Sprintf("page-%d", i+1), href: pageHref(i), mediaType: xhtmlType, data: data, spine: true})
	}
	nav := &item{id: "nav", href: "nav.xhtml", mediaType: xhtmlType, props: "nav", data: navXHTML(bk), spine: true}
	bk.items = append(bk.items[:navAt], append([]*item{nav}, bk.items[navAt:]...)...)
	bk.add(&item{id: "css", href: "style.css", mediaType: "text/css", data: []byte(styleCSS)})
	return bk.write(w)
}

const xhtmlType = "application/xhtml+xml"

// pageHref is the file of the i-th page (from 0).
func pageHref(i int) string { return fmt.Sprintf("page-%03d.xhtml", i+1) }

// item is a file of the book's manifest.
type item struct {
	id, href, mediaType, props string
	data                       []byte
	spine                      bool
}

type book struct {
	Book
	items  []*item
	byFile map[string]*item // image files already in the book
	cover  *item
}

func (bk *book) add(it *item) { bk.items = append(bk.items, it) }

// image adds the image file once and returns its item; nil (and no error) when the file is
// not an image type every reading system shows (JPEG, PNG, GIF).
func (bk *book) image(file, name string) (*item, error) {
	if it, ok := bk.byFile[file]; ok {
		return it, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	ext := map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif"}
	mt := http.DetectContentType(data)
	if ext[mt] == "" {
		bk.byFile[file] = nil
		return nil, nil
	}
	it := &item{id: "img-" + name, href: "images/" + name + ext[mt], mediaType: mt, data: data}
	bk.byFile[file] = it
	bk.add(it)
	return it, nil
}

// write writes the container: mimetype first and stored, then the rest in a fixed order.
func (bk *book) write(w io.Writer) error {
	zw := zip.NewWriter(w)
	date, tm := dosTime(bk.Date)
	mimetype := []byte("application/epub+zip")
	mh := &zip.FileHeader{Name: "mimetype", Method: zip.Store, ModifiedDate: date, ModifiedTime: tm,
		CRC32: crc32.ChecksumIEEE(mimetype), CompressedSize64: uint64(len(mimetype)), UncompressedSize64: uint64(len(mimetype))}
	f, err := zw.CreateRaw(mh)
	if err != nil {
		return err
	}
	if _, err := f.Write(mimetype); err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{
		{"META-INF/container.xml", []byte(containerXML)},
		{"EPUB/package.opf", packageOPF(bk)},
	}
	for _, it := range bk.items {
		files = append(files, struct {
			name string
			data []byte
		}{"EPUB/" + it.href, it.data})
	}
	for _, file := range files {
		method := zip.Deflate
		if strings.HasPrefix(file.name, "EPUB/images/") {
			method = zip.Store // already compressed
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: file.name, Method: method, ModifiedDate: date, ModifiedTime: tm})
		if err != nil {
			return err
		}
		if _, err := f.Write(file.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// dosTime is t as the date and time fields of a zip header (no extra field, so the mimetype
// entry has none, as the EPUB container requires).
func dosTime(t time.Time) (date, tm uint16) {
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`

const styleCSS = `body { margin: 0 5%; line-height: 1.7; }
h1 { font-size: 1.4em; margin: 1em 0 0.5em; }
h2 { font-size: 1.2em; margin: 0.2em 0; }
article { margin: 0 0 2.5em; }
article > header { margin-bottom: 1em; }
.introtitle, .subtitle { margin: 0.2em 0; font-size: 0.95em; }
.author { margin: 0.4em 0; color: #555; }
p { text-indent: 2em; margin: 0.6em 0; }
header p, figcaption, .empty { text-indent: 0; }
figure { margin: 1em 0; text-align: center; }
figure img, .scan img { max-width: 100%; }
figcaption { font-size: 0.9em; color: #555; }
.cover { text-align: center; margin: 0; }
.cover img { max-width: 100%; max-height: 100%; }
`

// esc escapes text for XML content and attribute values.
func esc(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\n', '\t':
			b.WriteRune(r)
		default:
			if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
				continue // not allowed in XML
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
