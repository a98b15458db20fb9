package main

import (
	"github.com/epaper-archive/epaper/testdata/need"

	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// The edition's PDF and EPUB, as a reader gets them from the edition and page views: every
// page in order with its bookmark, 第005版 the fifth; a page without its own PDF made of
// its scan; the EPUB valid for epubcheck, with every article.
func TestEditionPDFAndEPUB(t *testing.T) {
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	site := t.TempDir()
	if _, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--site", site, srv.URL()+"/html/cqrb/index.htm"); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	// 第007版 lost its PDF: the edition PDF has its scan there.
	p007 := filepath.Join(site, "content", "cqrb", "2021-04-14", "007")
	index, err := os.ReadFile(filepath.Join(p007, "_index.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p007, "_index.md"), bytes.Replace(index, []byte("\npdf: page.pdf\n"), []byte("\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(p007, "page.pdf")); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runEpaper(t, "build", "--no-pagefind", "--epub-scans", "--site", site); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	public := filepath.Join(site, "public")
	edition := filepath.Join(public, "cqrb", "2021-04-14", "index.html")
	doc := openHTML(t, edition)
	pdf := follow(t, edition, doc.Find("a.edition-pdf").AttrOr("href", ""))
	book := follow(t, edition, doc.Find("a.edition-epub").AttrOr("href", ""))
	page005 := filepath.Join(public, "cqrb", "2021-04-14", "005", "index.html")
	if got := follow(t, page005, openHTML(t, page005).Find("a.edition-pdf").AttrOr("href", "")); got != pdf {
		t.Errorf("本期PDF of 第005版 leads to %s, want %s", got, pdf)
	}

	ed := fixture.CQRB20210414()
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	conf := &model.Configuration{ValidationMode: model.ValidationRelaxed, Eol: types.EolLF, Offline: true, Reader15: true, Limits: model.DefaultResourceLimits()}
	ctx, err := api.ReadAndValidate(bytes.NewReader(data), conf)
	if err != nil {
		t.Fatalf("%s does not read back: %v", pdf, err)
	}
	if ctx.PageCount != len(ed.Pages) {
		t.Errorf("%s: %d pages, want %d", pdf, ctx.PageCount, len(ed.Pages))
	}
	bms, err := api.Bookmarks(bytes.NewReader(data), conf)
	if err != nil {
		t.Fatal(err)
	}
	if len(bms) != len(ed.Pages) {
		t.Fatalf("%d bookmarks, want %d", len(bms), len(ed.Pages))
	}
	for i, p := range ed.Pages {
		want := fmt.Sprintf("第%s版 %s", p.Num, p.Name)
		if bms[i].Title != want || bms[i].PageFrom != i+1 {
			t.Errorf("bookmark %d: %q on page %d, want %q on page %d", i+1, bms[i].Title, bms[i].PageFrom, want, i+1)
		}
	}
	// page 5 is 第005版's own PDF (its label is in the text), page 7 the scan of 第007版
	if text := need.PDFText(t, pdf, 5); !strings.Contains(text, "cqrb 2021-04-14 005") {
		t.Errorf("page 5 of the edition PDF says %q, want 第005版's own PDF", text)
	}
	if text := need.PDFText(t, pdf, 7); strings.Contains(text, "cqrb 2021-04-14 007") {
		t.Errorf("page 7 has the text of a PDF that was removed: %q", text)
	}
	for _, page := range []int{5, 7} {
		if ink := need.PDFInk(t, pdf, page); ink < 0.005 {
			t.Errorf("page %d of the edition PDF renders blank (%.4f of it dark)", page, ink)
		}
	}

	need.EPUBCheck(t, book)
	out := zipEntry(t, book, "EPUB/page-005.xhtml")
	p005, _ := ed.Page("005")
	for _, a := range p005.Articles {
		if !strings.Contains(string(out), strings.ReplaceAll(a.Title, "\n", "<br/>")) {
			t.Errorf("the EPUB's 第005版 has no article %q", a.Title)
		}
	}
	if !strings.Contains(string(out), "版面图") {
		t.Error("--epub-scans: the EPUB's 第005版 has no scan")
	}
}

func zipEntry(t *testing.T, file, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
