package editionpdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/gif" // scans may be GIF or PNG as well as JPEG
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Edition is what one edition PDF is made of.
type Edition struct {
	Paper string    // the paper's name, 重庆日报
	Code  string    // its short name, cqrb
	Date  time.Time // the edition's day (its time zone is kept in the PDF's dates)
	Title string    // the document title, 重庆日报 2021年04月14日 星期三
	Pages []Page    // in page order: 头版 first
}

// Page is one page (版) of the edition. PDF and Scan are file paths; either may be empty.
type Page struct {
	Number string // as printed, 005
	Name   string // 重庆新闻
	PDF    string // the page's own PDF
	Scan   string // the page's scan, used when it has no PDF
}

// Bookmark is the outline entry of the page: 第005版 重庆新闻.
func (p Page) Bookmark() string {
	s := "第" + p.Number + "版"
	if p.Name != "" {
		s += " " + p.Name
	}
	return s
}

// scanDPI is the resolution a scan is placed at when a page has no PDF.
const scanDPI = 150

// Write writes the PDF of e to w. A page PDF that cannot be read or merged is replaced by
// the page's scan (or by a page saying the page is missing): each such page is reported in
// replaced, and the PDF is still written. err is an error that left no PDF.
func Write(w io.Writer, e Edition) (replaced []error, err error) {
	if len(e.Pages) == 0 {
		return nil, fmt.Errorf("edition pdf %s %s: no pages", e.Code, e.Date.Format(time.DateOnly))
	}
	for {
		var bad int
		bad, err = write(w, e)
		if bad < 0 {
			return replaced, err
		}
		replaced = append(replaced, err)
		e.Pages = append([]Page(nil), e.Pages...)
		e.Pages[bad].PDF = ""
	}
}

// write writes the PDF of e to w; when a page's own PDF fails, it returns that page's index
// and the error (else -1).
func write(w io.Writer, e Edition) (int, error) {
	sum := sha256.New()
	fmt.Fprintf(sum, "%s\x00%s\x00%s\x00%s\x00", e.Paper, e.Code, e.Title, e.Date.Format(time.RFC3339))
	var dest *model.Context
	var bms []pdfcpu.Bookmark
	for i, p := range e.Pages {
		fmt.Fprintf(sum, "%s\x00", p.Bookmark())
		src, err := pageSource(e, p, sum)
		if err != nil {
			return failed(i, p, err)
		}
		ctx, err := api.ReadAndValidate(bytes.NewReader(src), config())
		if err != nil {
			return failed(i, p, fmt.Errorf("edition pdf: page %s (%s): %w", p.Number, pageFile(p), err))
		}
		if ctx.XRefTable.Version() == model.V20 && dest != nil && dest.XRefTable.Version() < model.V20 {
			return failed(i, p, fmt.Errorf("edition pdf: page %s (%s): a PDF 2.0 cannot be merged after PDF 1.x pages", p.Number, pageFile(p)))
		}
		bms = append(bms, pdfcpu.Bookmark{Title: p.Bookmark(), PageFrom: pageCount(dest) + 1})
		if dest == nil {
			dest = ctx
			dest.EnsureVersionForWriting()
			continue
		}
		if err := pdfcpu.MergeXRefTables(fmt.Sprint(i), ctx, dest, false, false); err != nil {
			return failed(i, p, fmt.Errorf("edition pdf: page %s (%s): merge: %w", p.Number, pageFile(p), err))
		}
	}
	if err := pdfcpu.AddBookmarks(dest, bms, true); err != nil {
		return -1, fmt.Errorf("edition pdf: bookmarks: %w", err)
	}
	var merged bytes.Buffer
	if err := api.WriteContext(dest, &merged); err != nil {
		return -1, fmt.Errorf("edition pdf: write: %w", err)
	}
	info := map[string]string{
		"Title":    e.Title,
		"Author":   e.Paper,
		"Subject":  fmt.Sprintf("%s %s", e.Paper, e.Date.Format(time.DateOnly)),
		"Keywords": fmt.Sprintf("%s; %s; %s", e.Paper, e.Code, e.Date.Format(time.DateOnly)),
		"Creator":  "epaper",
		"Producer": "epaper, pdfcpu " + model.VersionStr,
	}
	data, err := canonical(merged.Bytes(), info, e.Date, strings.ToUpper(hex.EncodeToString(sum.Sum(nil)[:16])))
	if err != nil {
		return -1, err
	}
	_, err = w.Write(data)
	return -1, err
}

// failed reports a failure of page i: a page with its own PDF is tried again without it;
// any other failure ends the writing.
func failed(i int, p Page, err error) (int, error) {
	if p.PDF != "" {
		return i, err
	}
	return -1, err
}

func pageCount(ctx *model.Context) int {
	if ctx == nil {
		return 0
	}
	return ctx.PageCount
}

func pageFile(p Page) string {
	if p.PDF != "" {
		return p.PDF
	}
	if p.Scan != "" {
		return p.Scan
	}
	return "no PDF, no scan"
}

// pageSource returns a PDF of the page: its own, one made of its scan, or one saying that
// there is neither. What it is made of goes into sum.
func pageSource(e Edition, p Page, sum io.Writer) ([]byte, error) {
	switch {
	case p.PDF != "":
		b, err := os.ReadFile(p.PDF)
		if err != nil {
			return nil, fmt.Errorf("edition pdf: page %s: %w", p.Number, err)
		}
		fmt.Fprintf(sum, "pdf %d\x00", len(b))
		sum.Write(b)
		return b, nil
	case p.Scan != "":
		b, err := scanPDF(p.Scan, sum)
		if err != nil {
			return nil, fmt.Errorf("edition pdf: page %s: scan %q: %w", p.Number, p.Scan, err)
		}
		return b, nil
	default:
		b := missingPDF(e, p)
		fmt.Fprintf(sum, "none %d\x00", len(b))
		sum.Write(b)
		return b, nil
	}
}

// scanPDF returns a one-page PDF of the image file, the page the size of the image at scanDPI.
func scanPDF(file string, sum io.Writer) ([]byte, error) {
	img, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(sum, "scan %d\x00", len(img))
	sum.Write(img)
	cfg, _, err := image.DecodeConfig(bytes.NewReader(img))
	if err != nil {
		return nil, err
	}
	dim := &types.Dim{Width: float64(cfg.Width) * 72 / scanDPI, Height: float64(cfg.Height) * 72 / scanDPI}
	conf := config()
	conf.Cmd = model.IMPORTIMAGES
	ctx, err := pdfcpu.CreateContextWithXRefTable(conf, dim)
	if err != nil {
		return nil, err
	}
	pagesRef, err := ctx.Pages()
	if err != nil {
		return nil, err
	}
	pages, err := ctx.DereferenceDict(*pagesRef)
	if err != nil {
		return nil, err
	}
	imp := &pdfcpu.Import{PageDim: dim, UserDim: true, Pos: types.Center, Scale: 1, InpUnit: types.POINTS}
	refs, err := pdfcpu.NewPagesForImage(ctx.XRefTable, bytes.NewReader(img), pagesRef, imp)
	if err != nil {
		return nil, err
	}
	for _, ref := range refs {
		if err := model.AppendPageTree(ref, 1, pages); err != nil {
			return nil, err
		}
		ctx.PageCount++
	}
	var out bytes.Buffer
	if err := api.WriteContext(ctx, &out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// missingPDF returns a one-page PDF (A4) that says the page was not archived, in Helvetica:
// Latin letters and digits only, so that no font need be embedded.
func missingPDF(e Edition, p Page) []byte {
	lines := []string{
		fmt.Sprintf("%s %s, page %s", e.Code, e.Date.Format(time.DateOnly), p.Number),
		"Neither a PDF nor a scan of this page was archived.",
	}
	var c strings.Builder
	for i, l := range lines {
		fmt.Fprintf(&c, "BT /F1 %d Tf 56 %d Td (%s) Tj ET\n", 18-4*min(i, 1), 760-28*i, pdfString(l))
	}
	stream := c.String()
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(stream), stream),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// pdfString keeps the printable ASCII of s, with the characters a PDF string escapes escaped.
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// config is pdfcpu's configuration, built here rather than read from pdfcpu's configuration
// directory (model.NewDefaultConfiguration creates one in the user's home). Plain objects
// and a plain cross-reference table: canonical reads them back.
func config() *model.Configuration {
	return &model.Configuration{
		Version:                   model.VersionStr,
		Reader15:                  true,
		ValidationMode:            model.ValidationRelaxed,
		UnsupportedResourcePolicy: model.UnsupportedResourceSkip,
		Eol:                       types.EolLF,
		WriteObjectStream:         false,
		WriteXRefStream:           false,
		EncryptUsingAES:           true,
		EncryptKeyLength:          256,
		Permissions:               model.PermissionsPrint,
		TimestampFormat:           "2006-01-02 15:04",
		DateFormat:                "2006-01-02",
		Optimize:                  true,
		OptimizeBeforeWriting:     true,
		OptimizeResourceDicts:     true,
		CreateBookmarks:           false,
		MergeBookmarkMode:         model.MergeBookmarkModeWrap,
		Offline:                   true,
		Timeout:                   5,
		Limits:                    model.DefaultResourceLimits(),
	}
}
