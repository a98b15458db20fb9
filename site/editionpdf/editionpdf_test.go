package editionpdf

import (
	"github.com/epaper-archive/epaper/testdata/need"

	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
)

// fixtureDir is the sample edition's page files (testdata/epaper.cqrb.cn).
func fixtureDir(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "epaper.cqrb.cn", "page", "cqrb", "2021-04", "14")
}

func testEdition(t *testing.T) Edition {
	dir := fixtureDir(t)
	return Edition{
		Paper: "重庆日报", Code: "cqrb", Title: "重庆日报 2021年04月14日 星期三",
		Date: time.Date(2021, 4, 14, 0, 0, 0, 0, time.FixedZone("CST", 8*3600)),
		Pages: []Page{
			{Number: "001", Name: "头版", PDF: filepath.Join(dir, "001", "cqrb20210414001.pdf")},
			{Number: "002", Name: "要闻", Scan: filepath.Join(dir, "002", "cqrb20210414002.jpg")},
			{Number: "003", Name: "要闻"},
			{Number: "005", Name: "重庆新闻", PDF: filepath.Join(dir, "005", "cqrb20210414005.pdf"), Scan: filepath.Join(dir, "005", "cqrb20210414005.jpg")},
		},
	}
}

func TestWrite(t *testing.T) {
	e := testEdition(t)
	var a, b bytes.Buffer
	if replaced, err := Write(&a, e); err != nil || len(replaced) > 0 {
		t.Fatal(replaced, err)
	}
	if _, err := Write(&b, e); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5 && bytes.Equal(a.Bytes(), b.Bytes()); i++ { // pdfcpu's map order varies from run to run
		b.Reset()
		if _, err := Write(&b, e); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same edition differ")
	}
	ctx, err := api.ReadAndValidate(bytes.NewReader(a.Bytes()), config())
	if err != nil {
		t.Fatalf("the PDF does not read back: %v", err)
	}
	if ctx.PageCount != 4 {
		t.Errorf("%d pages, want 4", ctx.PageCount)
	}
	bms, err := api.Bookmarks(bytes.NewReader(a.Bytes()), config())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"第001版 头版", "第002版 要闻", "第003版 要闻", "第005版 重庆新闻"}
	if len(bms) != len(want) {
		t.Fatalf("%d bookmarks, want %d: %v", len(bms), len(want), bms)
	}
	for i, bm := range bms {
		if bm.Title != want[i] || bm.PageFrom != i+1 {
			t.Errorf("bookmark %d: %q → page %d, want %q → page %d", i, bm.Title, bm.PageFrom, want[i], i+1)
		}
	}
	props, err := api.Properties(bytes.NewReader(a.Bytes()), config())
	if err != nil {
		t.Fatal(err)
	}
	info := ctx.XRefTable.Title + "|" + ctx.XRefTable.Author + "|" + ctx.XRefTable.Subject
	if !strings.Contains(info, "重庆日报 2021年04月14日 星期三") || !strings.Contains(info, "重庆日报 2021-04-14") {
		t.Errorf("document information %q (properties %v)", info, props)
	}
	if !bytes.Contains(a.Bytes(), []byte("/CreationDate(D:20210414000000+08'00')")) {
		t.Errorf("creation date %q, want the edition's day", ctx.XRefTable.CreationDate)
	}

	// Each kind of page shows something: the page's own PDF (its outlines and label), the
	// scan, the page that says it is missing.
	file := filepath.Join(t.TempDir(), "edition.pdf")
	if err := os.WriteFile(file, a.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for page := 1; page <= 4; page++ {
		if dark := need.PDFInk(t, file, page); dark < 0.001 {
			t.Errorf("page %d rendered with pdftoppm is blank (%.4f of its pixels dark)", page, dark)
		}
	}
}

func TestWriteReplacesBadPDFs(t *testing.T) {
	e := testEdition(t)
	e.Pages[0].PDF = filepath.Join(t.TempDir(), "gone.pdf") // no scan either
	bad := filepath.Join(t.TempDir(), "bad.pdf")
	if err := os.WriteFile(bad, []byte("<html>not a pdf</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.Pages[3].PDF = bad // with a scan
	var out bytes.Buffer
	replaced, err := Write(&out, e)
	if err != nil {
		t.Fatal(err)
	}
	if len(replaced) != 2 || !strings.Contains(replaced[0].Error(), "gone.pdf") || !strings.Contains(replaced[0].Error(), "page 001") ||
		!strings.Contains(replaced[1].Error(), "bad.pdf") {
		t.Errorf("replaced pages: %v", replaced)
	}
	ctx, err := api.ReadAndValidate(bytes.NewReader(out.Bytes()), config())
	if err != nil || ctx.PageCount != 4 {
		t.Fatalf("the PDF with replaced pages: %v", err)
	}
	file := filepath.Join(t.TempDir(), "edition.pdf")
	os.WriteFile(file, out.Bytes(), 0o644)
	if dark := need.PDFInk(t, file, 4); dark < 0.01 {
		t.Errorf("page 005 made from its scan is blank (%.4f)", dark)
	}
	if _, err := Write(new(bytes.Buffer), Edition{Code: "cqrb"}); err == nil {
		t.Error("an edition without pages: no error")
	}
}
