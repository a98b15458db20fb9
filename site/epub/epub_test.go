package epub

import (
	"github.com/epaper-archive/epaper/testdata/need"

	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func fixture(t *testing.T, rel ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "..", "testdata", "epaper.cqrb.cn"}, rel...)...)
}

func testBook(t *testing.T, scans bool) Book {
	scan := func(n string) string {
		if !scans {
			return ""
		}
		return fixture(t, "page", "cqrb", "2021-04", "14", n, "cqrb20210414"+n+".jpg")
	}
	photo := fixture(t, "res", "1", "20210414", "1618357891234.jpg")
	return Book{
		ID: "urn:epaper:cqrb:2021-04-14", Title: "重庆日报 2021年04月14日 星期三", Paper: "重庆日报",
		Date:   time.Date(2021, 4, 14, 0, 0, 0, 0, time.FixedZone("CST", 8*3600)),
		Source: "http://epaper.cqrb.cn/html/cqrb/2021-04/14/001/node.htm",
		Cover:  fixture(t, "page", "cqrb", "2021-04", "14", "001", "cqrb20210414001.jpg"),
		Pages: []Page{
			{Number: "001", Name: "头版", Scan: scan("001"), Articles: []Article{
				{ID: "268801", Title: "【占位】头版示例稿\n某地春耕生产有序推进", IntroTitle: "引题在此", Author: "本报记者 张三",
					Body:   `<p>第一段 &amp; <strong>加粗</strong><br>换行</p><figure class="figure"><img src="/cqrb/2021-04-14/001/268801/img-1.jpg" alt="图"><figcaption>图说文字</figcaption></figure><p><a href="/x">链接文字</a><script>alert(1)</script><img src="http://remote.example/x.jpg" alt="远程图"></p>`,
					Images: map[string]string{"/cqrb/2021-04-14/001/268801/img-1.jpg": photo}},
			}},
			{Number: "005", Name: "重庆新闻", Scan: scan("005"), Articles: []Article{
				{ID: "268824", Title: "贯彻落实“两会”精神", Subtitle: "——访市政府副秘书长", Author: "杨颖", AuthorInBody: true,
					Body: "<p>本报记者 杨颖</p>\n<p>正文<em>一</em>段。</p>\n<table><tr><td colspan=\"2\" style=\"x\">表</td></tr></table>"},
			}},
			{Number: "008", Name: "广告", Scan: scan("008")},
		},
	}
}

func TestWriteValid(t *testing.T) {
	for _, scans := range []bool{false, true} {
		var a, b bytes.Buffer
		if err := Write(&a, testBook(t, scans)); err != nil {
			t.Fatal(err)
		}
		if err := Write(&b, testBook(t, scans)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("scans %v: two writes of the same book differ", scans)
		}
		file := filepath.Join(t.TempDir(), "book.epub")
		if err := os.WriteFile(file, a.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if scans { // epubcheck takes ~15 s: once, on the book with every part
			need.EPUBCheck(t, file)
		}

		files := unzip(t, a.Bytes())
		nav := files["EPUB/nav.xhtml"]
		for _, want := range []string{"第001版 头版", "第005版 重庆新闻", "第008版 广告", "【占位】头版示例稿 某地春耕生产有序推进", `href="page-002.xhtml#a-268824"`} {
			if !strings.Contains(nav, want) {
				t.Errorf("nav has no %q", want)
			}
		}
		p1, p2 := files["EPUB/page-001.xhtml"], files["EPUB/page-002.xhtml"]
		for _, want := range []string{`<p class="introtitle">引题在此</p>`, "<h2>【占位】头版示例稿<br/>某地春耕生产有序推进</h2>", `<p class="author">本报记者 张三</p>`,
			"<p>第一段 &amp; <strong>加粗</strong><br/>换行</p>", `<img src="images/268801-1.jpg" alt="图"/>`, "<figcaption>图说文字</figcaption>", "<p>链接文字远程图</p>"} {
			if !strings.Contains(p1, want) {
				t.Errorf("page 001 has no %q:\n%s", want, p1)
			}
		}
		if strings.Contains(p1, "alert") || strings.Contains(p1, "remote.example") {
			t.Error("page 001 keeps a script or a remote image")
		}
		for _, want := range []string{`<p class="subtitle">——访市政府副秘书长</p>`, `<td colspan="2">表</td>`} {
			if !strings.Contains(p2, want) {
				t.Errorf("page 005 has no %q:\n%s", want, p2)
			}
		}
		if strings.Contains(p2, `class="author"`) {
			t.Error("page 005 repeats a byline that is in the body")
		}
		opf := files["EPUB/package.opf"]
		for _, want := range []string{"<dc:title>重庆日报 2021年04月14日 星期三</dc:title>", "<dc:date>2021-04-14</dc:date>", "<dc:publisher>重庆日报</dc:publisher>", `properties="cover-image"`} {
			if !strings.Contains(opf, want) {
				t.Errorf("package.opf has no %q", want)
			}
		}
		_, scan5 := files["EPUB/images/scan-005.jpg"]
		if scan5 != scans || strings.Contains(files["EPUB/page-002.xhtml"], "版面图") != scans {
			t.Errorf("scans %v: scan of page 005 in the book: %v", scans, scan5)
		}
	}
}

func unzip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if f := zr.File[0]; f.Name != "mimetype" || f.Method != zip.Store || len(f.Extra) != 0 {
		t.Errorf("first entry %q (method %d, extra %d bytes), want mimetype stored without extra field", f.Name, f.Method, len(f.Extra))
	}
	files := map[string]string{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		files[f.Name] = string(b)
	}
	return files
}
