package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/epaper-archive/epaper"
	"github.com/epaper-archive/epaper/site"
	"github.com/epaper-archive/epaper/testdata/synth"
)

// BenchmarkBuildShard builds one shard of a 30-day synthetic archive as epaper build
// --only SHARD does in each of its processes: the month shard (with the built-in search
// index and the editions' PDFs and EPUBs, as the command builds it) and the root shard.
// It is the benchmark to profile a month-shard build with (docs/benchmarks.md, "Where a
// build's time goes"):
//
//	go test -run '^$' -bench 'BuildShard/shard=month$' -benchtime 1x -cpuprofile cpu.out ./site
func BenchmarkBuildShard(b *testing.B) {
	for _, shard := range []string{"month", "root"} {
		b.Run("shard="+shard, func(b *testing.B) {
			o := synth.BenchOptions(b, 30)
			dir := prepareSite(b, o)
			only := site.RootShard
			if shard == "month" {
				only = o.WithDefaults().Start.Format("2006-01")
			}
			work := b.TempDir()
			m := synth.StartMeter()
			b.ResetTimer()
			b.StopTimer()
			for i := 0; i < b.N; i++ {
				out := filepath.Join(work, fmt.Sprint("public-", i))
				freshBuild(b, dir)
				m.Resume()
				b.StartTimer()
				err := site.BuildSharded(site.Options{SiteDir: dir, OutDir: out, Theme: epaper.Theme()}, site.ShardOptions{By: site.ByMonth, Only: only})
				b.StopTimer()
				m.Pause()
				if err != nil {
					b.Fatal(err)
				}
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
			}
			m.Report(b, o.ArticleCount())
		})
	}
}
