package synth

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Environment of the benchmarks (importer/bench_test.go, site/bench_test.go).
const (
	EnvCache = "EPAPER_BENCH_DIR"  // cache of archives and sites; default: a temporary folder per benchmark
	EnvSeed  = "EPAPER_BENCH_SEED" // seed of the archives; default 1
	EnvHugo  = "EPAPER_BENCH_HUGO" // the hugo command for the CLI comparison; unset: skipped
)

// BenchCache returns the cache folder of the benchmarks: $EPAPER_BENCH_DIR, or a temporary
// folder removed after b.
func BenchCache(b *testing.B) string {
	if dir := os.Getenv(EnvCache); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		return dir
	}
	return b.TempDir()
}

// BenchOptions returns the archive of a benchmark of days days: defaults, seed from
// $EPAPER_BENCH_SEED.
func BenchOptions(b *testing.B, days int) Options {
	o := Options{Days: days, Seed: 1}
	if s := os.Getenv(EnvSeed); s != "" {
		seed, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			b.Fatalf("%s=%q: %v", EnvSeed, s, err)
		}
		o.Seed = seed
	}
	return o.WithDefaults()
}

// Meter counts what the timed parts of a benchmark allocate, as -benchmem does, and the
// peak resident memory of the process from its start: it clears the kernel's high-water
// mark (VmHWM, through /proc/self/clear_refs), so that preparing the benchmark (generating
// and importing an archive) does not count. What the process still holds from that
// preparation does; it is little after a GC.
type Meter struct {
	running           bool
	mallocs, bytes    uint64
	startMall, startB uint64
	cpu, startCPU     time.Duration
	resetHWM          bool
}

// StartMeter collects garbage, returns freed memory to the system and clears the
// high-water mark. Call it after preparing, before the loop, with the timer stopped.
func StartMeter() *Meter {
	runtime.GC()
	debug.FreeOSMemory()
	err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	return &Meter{resetHWM: err == nil}
}

// Resume starts counting; call it right before b.StartTimer.
func (m *Meter) Resume() {
	var s runtime.MemStats
	runtime.ReadMemStats(&s)
	m.startMall, m.startB, m.running = s.Mallocs, s.TotalAlloc, true
	m.startCPU = CPUTime()
}

// Pause stops counting; call it right after b.StopTimer.
func (m *Meter) Pause() {
	if !m.running {
		return
	}
	m.cpu += CPUTime() - m.startCPU
	var s runtime.MemStats
	runtime.ReadMemStats(&s)
	m.mallocs += s.Mallocs - m.startMall
	m.bytes += s.TotalAlloc - m.startB
	m.running = false
}

// Report reports per-article metrics of b's b.N runs of articles articles each: ns/article,
// articles/s, cpu-ns/article (user and system time of the process, all threads: less
// disturbed than wall time by other work on a shared machine), B/article, allocs/article,
// and peak-RSS-MiB of the process.
func (m *Meter) Report(b *testing.B, articles int) {
	m.Pause()
	ReportTime(b, articles)
	n := float64(b.N) * float64(articles)
	b.ReportMetric(float64(m.cpu.Nanoseconds())/n, "cpu-ns/article")
	b.ReportMetric(float64(m.bytes)/n, "B/article")
	b.ReportMetric(float64(m.mallocs)/n, "allocs/article")
	if hwm := PeakRSS(); hwm > 0 && m.resetHWM {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MiB")
	}
}

// ReportTime reports ns/article and articles/s of b's b.N runs of articles articles each.
func ReportTime(b *testing.B, articles int) {
	n := float64(b.N) * float64(articles)
	if n == 0 {
		return
	}
	el := b.Elapsed()
	b.ReportMetric(float64(el.Nanoseconds())/n, "ns/article")
	if el > 0 {
		b.ReportMetric(n/el.Seconds(), "articles/s")
	}
}

// CPUTime returns the user and system time the process has used, all threads.
func CPUTime() time.Duration {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// PeakRSS returns the process's VmHWM in bytes, 0 when unknown.
func PeakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// Since is time.Since, for benchmarks that log how long preparing took.
func Since(t time.Time) string { return time.Since(t).Round(time.Millisecond).String() }
