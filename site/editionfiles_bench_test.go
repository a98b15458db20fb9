package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/site/editionpdf"
	"github.com/epaper-archive/epaper/site/epub"
	"github.com/epaper-archive/epaper/testdata/synth"
)

// BenchmarkEditionFiles writes the PDF and the EPUB of synthetic editions (testdata/synth:
// 16 pages of 8 articles, a scan of ~200 KB and a PDF per page), as epaper build does after
// Hugo's render: the writers alone, from the structs the build collects (here read from
// the bundles, each article body its paragraphs as HTML). cpu-ns/article is the cost of both
// files per article; with and without the scans in the EPUB.
//
//	go test -run '^$' -bench EditionFiles -benchtime 3x ./site
func BenchmarkEditionFiles(b *testing.B) {
	for _, scans := range []bool{false, true} {
		b.Run(fmt.Sprintf("epub-scans=%v", scans), func(b *testing.B) {
			o := synth.BenchOptions(b, 3)
			dir, err := synth.Site(synth.BenchCache(b), o)
			if err != nil {
				b.Fatal(err)
			}
			eds := editionFilesFromBundles(b, dir, scans)
			out := b.TempDir()
			m := synth.StartMeter()
			m.Resume()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := writeEditionFiles(out, eds, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			m.Pause()
			m.Report(b, o.ArticleCount())
			var size int64
			for _, ed := range eds {
				for _, ext := range []string{".pdf", ".epub"} {
					fi, err := os.Stat(filepath.Join(out, ed.dir, ed.name+ext))
					if err != nil {
						b.Fatal(err)
					}
					size += fi.Size()
				}
			}
			b.ReportMetric(float64(size)/float64(len(eds))/(1<<20), "MiB/edition")
		})
	}
}

// editionFilesFromBundles reads the editions of an imported site as the build would
// collect them.
func editionFilesFromBundles(b *testing.B, site string, scans bool) []editionFiles {
	var eds []editionFiles
	editions, _ := filepath.Glob(filepath.Join(site, "content", "cqrb", "*-*-*"))
	for _, edDir := range editions {
		date := filepath.Base(edDir)
		ed := editionFiles{dir: "cqrb/" + date, name: editionFileName("cqrb/" + date)}
		ed.pdf = editionpdf.Edition{Paper: "重庆日报", Code: "cqrb", Title: "重庆日报 " + date}
		ed.book = epub.Book{ID: "urn:epaper:cqrb:" + date, Title: "重庆日报 " + date, Paper: "重庆日报"}
		pages, _ := filepath.Glob(filepath.Join(edDir, "[0-9][0-9][0-9]"))
		for _, pg := range pages {
			num := filepath.Base(pg)
			p := editionpdf.Page{Number: num, Name: "版面", PDF: filepath.Join(pg, "page.pdf"), Scan: filepath.Join(pg, "scan.jpg")}
			ed.pdf.Pages = append(ed.pdf.Pages, p)
			bp := epub.Page{Number: num, Name: "版面"}
			if scans {
				bp.Scan = p.Scan
			}
			if ed.book.Cover == "" {
				ed.book.Cover = p.Scan
			}
			arts, _ := filepath.Glob(filepath.Join(pg, "*", "index.md"))
			for _, a := range arts {
				data, err := os.ReadFile(a)
				if err != nil {
					b.Fatal(err)
				}
				parts := strings.SplitN(string(data), "\n---\n", 2)
				var body strings.Builder
				art := epub.Article{ID: filepath.Base(filepath.Dir(a)), Title: "标题", Images: map[string]string{}}
				for _, para := range strings.Split(parts[len(parts)-1], "\n\n") {
					if strings.HasPrefix(para, "![") {
						src := "/" + art.ID + "/img-1.jpg"
						art.Images[src] = filepath.Join(filepath.Dir(a), "img-1.jpg")
						fmt.Fprintf(&body, `<figure><img src="%s" alt=""></figure>`, src)
					} else if para = strings.TrimSpace(para); para != "" {
						fmt.Fprintf(&body, "<p>%s</p>\n", para)
					}
				}
				art.Body = body.String()
				bp.Articles = append(bp.Articles, art)
			}
			ed.book.Pages = append(ed.book.Pages, bp)
		}
		eds = append(eds, ed)
	}
	if len(eds) == 0 {
		b.Fatalf("no editions in %s", site)
	}
	return eds
}
