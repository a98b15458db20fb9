package site_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/epaper-archive/epaper"
	"github.com/epaper-archive/epaper/site"
	"github.com/epaper-archive/epaper/testdata/synth"
)

// buildDays are the sizes of the build benchmarks: 1 (a smoke run), 30, 120 and 480 days
// (1×, 4×, 16× a month), and 365, a year of one paper.
var buildDays = []int{1, 30, 120, 365, 480}

// BenchmarkBuild renders days of a synthetic archive (testdata/synth, imported) with the
// Hugo library as epaper build does, offline (the default), but without the search index
// (Options.NoSearch) and the editions' PDFs and EPUBs (Options.NoEditionFiles): the Hugo
// render alone, comparable with the hugo command
// (BenchmarkBuildCLI). The site is imported before the timer starts, or taken from
// $EPAPER_BENCH_DIR. Peak RSS is of the whole process from the first measured run; run one
// size per process (testdata/synth/benchrun does):
//
//	go test -run '^$' -bench 'Build/days=30$' -benchtime 1x ./site
func BenchmarkBuild(b *testing.B) { benchBuild(b, true) }

// BenchmarkBuildWithSearch is BenchmarkBuild with the built-in search index, as epaper
// build writes it: the difference is the cost of the index. (Still without the editions'
// PDFs and EPUBs: BenchmarkBuildWithEditionFiles.)
func BenchmarkBuildWithSearch(b *testing.B) { benchBuild(b, false) }

// BenchmarkBuildWithEditionFiles is BenchmarkBuild with the editions' PDFs and EPUBs: the
// difference is their cost.
func BenchmarkBuildWithEditionFiles(b *testing.B) { benchBuildWith(b, true, false) }

func benchBuild(b *testing.B, noSearch bool) { benchBuildWith(b, noSearch, true) }

func benchBuildWith(b *testing.B, noSearch, noEditionFiles bool) {
	for _, days := range buildDays {
		b.Run(fmt.Sprintf("days=%d", days), func(b *testing.B) {
			o := synth.BenchOptions(b, days)
			dir := prepareSite(b, o)
			work := b.TempDir()
			m := synth.StartMeter()
			b.ResetTimer()
			b.StopTimer()
			for i := 0; i < b.N; i++ {
				out := filepath.Join(work, fmt.Sprint("public-", i))
				freshBuild(b, dir)
				m.Resume()
				b.StartTimer()
				err := site.Build(site.Options{SiteDir: dir, OutDir: out, Theme: epaper.Theme(), NoSearch: noSearch, NoEditionFiles: noEditionFiles})
				b.StopTimer()
				m.Pause()
				if err != nil {
					b.Fatal(err)
				}
				checkBuilt(b, out, o)
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
			}
			m.Report(b, o.ArticleCount())
		})
	}
}

// BenchmarkBuildCLI builds the same sites as BenchmarkBuild with the hugo command named by
// $EPAPER_BENCH_HUGO (the same version as the library, installed by make bench), given the
// same configuration and theme (site.WriteCLISite). Its peak-RSS-MiB is the hugo process's,
// ns/op the wall time from starting the command to its exit, cpu-ns/article its CPU time
// (with GNU time). Skipped unless
// $EPAPER_BENCH_HUGO is set.
//
// The peak RSS is measured by /usr/bin/time (GNU time, its %M) where it is installed: a child
// that Go starts (clone with CLONE_VM, then exec) inherits the high-water mark of the Go
// process in its rusage, so the rusage of hugo started from here would say at least the
// benchmark's own peak. Without /usr/bin/time that rusage is used, and the benchmark's own
// peak (VmHWM) is reported too, as parent-RSS-MiB, a floor under the figure.
func BenchmarkBuildCLI(b *testing.B) {
	hugo := os.Getenv(synth.EnvHugo)
	if hugo == "" {
		b.Skipf("$%s is not set: no hugo command to compare with", synth.EnvHugo)
	}
	for _, days := range buildDays {
		b.Run(fmt.Sprintf("days=%d", days), func(b *testing.B) {
			o := synth.BenchOptions(b, days)
			dir := prepareSite(b, o)
			work := b.TempDir()
			var peak int64
			var cpuTotal time.Duration
			b.ResetTimer()
			b.StopTimer()
			for i := 0; i < b.N; i++ {
				cli := filepath.Join(work, fmt.Sprint("cli-", i))
				out := filepath.Join(cli, "public")
				freshBuild(b, dir)
				args, err := site.WriteCLISite(site.Options{SiteDir: dir, OutDir: out, Theme: epaper.Theme()}, cli)
				if err != nil {
					b.Fatal(err)
				}
				cmd, rssFile := hugoCommand(hugo, args, work)
				// No HUGO_* variables: the library build sees none either.
				cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "TMPDIR=" + os.TempDir()}
				cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
				b.StartTimer()
				err = cmd.Run()
				b.StopTimer()
				if err != nil {
					b.Fatalf("%s %v: %v", hugo, args, err)
				}
				if rssFile != "" {
					rss, cpu := readTime(b, rssFile)
					peak, cpuTotal = max(peak, rss), cpuTotal+cpu
				} else if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					peak = max(peak, ru.Maxrss<<10) // kB on Linux
				}
				checkBuilt(b, out, o)
				if err := os.RemoveAll(cli); err != nil {
					b.Fatal(err)
				}
			}
			synth.ReportTime(b, o.ArticleCount())
			if cpuTotal > 0 {
				b.ReportMetric(float64(cpuTotal.Nanoseconds())/float64(b.N)/float64(o.ArticleCount()), "cpu-ns/article")
			}
			if peak > 0 {
				b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
			}
			if timeCmd == "" {
				b.ReportMetric(float64(synth.PeakRSS())/(1<<20), "parent-RSS-MiB")
			}
		})
	}
}

// timeCmd is GNU time, which measures a command's peak RSS, or "".
var timeCmd = func() string {
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		return "/usr/bin/time"
	}
	return ""
}()

// hugoCommand returns the command that runs hugo with args, under GNU time when there is
// one, and the file where time writes hugo's peak RSS (KiB) and CPU time (s), or "".
func hugoCommand(hugo string, args []string, work string) (*exec.Cmd, string) {
	if timeCmd == "" {
		return exec.Command(hugo, args...), ""
	}
	rss := filepath.Join(work, "maxrss")
	return exec.Command(timeCmd, append([]string{"-f", "%M %U %S", "-o", rss, hugo}, args...)...), rss
}

// readTime reads what GNU time wrote: hugo's peak RSS in bytes and its CPU time (user and
// system).
func readTime(b *testing.B, file string) (int64, time.Duration) {
	b.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	var kb int64
	var user, sys float64
	if _, err := fmt.Sscanf(strings.TrimSpace(string(data)), "%d %f %f", &kb, &user, &sys); err != nil {
		b.Fatalf("%s: %q: %v", file, data, err)
	}
	return kb << 10, time.Duration((user + sys) * float64(time.Second))
}

// prepareSite returns the imported site of o, from the cache or imported now.
func prepareSite(b *testing.B, o synth.Options) string {
	b.Helper()
	began := time.Now()
	dir, err := synth.Site(synth.BenchCache(b), o)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("site of %d days (%d articles) ready in %s: %s", o.Days, o.ArticleCount(), synth.Since(began), dir)
	return dir
}

// freshBuild removes what an earlier build left in the site: Hugo keeps processed images
// (the home page's thumbnails) under resources/_gen, which would make later builds cheaper.
func freshBuild(b *testing.B, dir string) {
	b.Helper()
	if err := os.RemoveAll(filepath.Join(dir, "resources")); err != nil {
		b.Fatal(err)
	}
}

// checkBuilt checks that the last day's last article was rendered.
func checkBuilt(b *testing.B, out string, o synth.Options) {
	b.Helper()
	last := synth.Edition(o, o.Days-1)
	p := last.Pages[len(last.Pages)-1]
	a := p.Articles[len(p.Articles)-1]
	page := filepath.Join(out, last.Paper.Code, last.Date.Format(time.DateOnly), p.Num, a.ID, "index.html")
	if _, err := os.Stat(page); err != nil {
		b.Fatalf("not built: %v", err)
	}
}
