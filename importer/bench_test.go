package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/testdata/synth"
)

// importDays are the sizes of BenchmarkImport: 1 (a smoke run), then 1×, 4× and 16× a week,
// and the 30-day mirror of make bench's import figure.
var importDays = []int{1, 7, 28, 30, 112}

// BenchmarkImport imports days of a synthetic archive (testdata/synth: 16 pages of 8
// articles a day) from a local mirror: reading, decoding, extracting, writing the bundles,
// as `epaper import --rate 0 --from … --to …` does. Each run writes into a new site. The
// mirror is generated before the timer starts, or taken from $EPAPER_BENCH_DIR; peak RSS is
// that of the whole process since the measured runs began, so run one size per process for
// an honest figure (testdata/synth/benchrun does):
//
//	go test -run '^$' -bench 'Import/days=7$' -benchtime 1x ./importer
func BenchmarkImport(b *testing.B) {
	for _, days := range importDays {
		b.Run(fmt.Sprintf("days=%d", days), func(b *testing.B) {
			o := synth.BenchOptions(b, days)
			began := time.Now()
			mirror, err := synth.Mirror(synth.BenchCache(b), o)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("mirror of %d days ready in %s: %s", days, synth.Since(began), mirror)
			work := b.TempDir()
			want := o.ArticleCount()
			m := synth.StartMeter()
			b.ResetTimer()
			b.StopTimer()
			for i := 0; i < b.N; i++ {
				site := filepath.Join(work, fmt.Sprint("site-", i))
				m.Resume()
				b.StartTimer()
				n, err := synth.Import(mirror, site, o)
				b.StopTimer()
				m.Pause()
				if err != nil {
					b.Fatal(err)
				}
				if n != want {
					b.Fatalf("imported %d articles, want %d", n, want)
				}
				if err := os.RemoveAll(site); err != nil {
					b.Fatal(err)
				}
			}
			m.Report(b, want)
		})
	}
}
