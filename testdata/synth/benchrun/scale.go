package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/epaper-archive/epaper/testdata/synth"
)

// The table of issue 14 (make bench): daily publishing at archive scale. Every figure is
// the epaper command in a process of its own (its shards are processes of their own in
// turn: the CPU time and peak RSS of a run are those of wait4, which counts them), repeated
// -repeat times (min / median / max), with the load average before and after. The builds
// shard by month (--shard month, what --shard auto does with more than one month), without
// Pagefind (as the figures of the issue). A target of a year is scaled to -days when the run
// is not of a year.

type scaleConfig struct {
	days, importDays, years, repeat int
	smoke, importOnly               bool
}

// runScale is benchrun -scale.
func runScale(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("benchrun -scale", flag.ContinueOnError)
	var c scaleConfig
	fl.IntVar(&c.days, "days", 365, "days of the archive built from scratch, added to, rebuilt (a year: 365)")
	fl.IntVar(&c.importDays, "import", 30, "days of the mirror imported whole")
	fl.IntVar(&c.years, "times", 3, "the larger archive is this many times -days (0: not measured)")
	fl.IntVar(&c.repeat, "repeat", 3, "runs of each figure")
	cache := fl.String("cache", filepath.Join(os.TempDir(), "epaper-bench"), "folder of the archives and sites, kept between runs")
	out := fl.String("o", "", "also write the report (Markdown) to this file")
	fl.BoolVar(&c.importOnly, "import-only", false, "measure the import figure alone (no build)")
	fl.BoolVar(&c.smoke, "smoke", false, "a smoke run: 2 days, 1 day imported, twice as many, 1 run each; information only")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if c.smoke {
		c.days, c.importDays, c.years, c.repeat = 2, 1, 2, 1
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if *cache, err = filepath.Abs(*cache); err != nil {
		return err
	}
	bin := filepath.Join(*cache, "bin", "epaper")
	fmt.Fprintf(stderr, "compiling epaper into %s\n", bin)
	if err := command(stderr, root, nil, "go", "build", "-o", bin, "./cmd/epaper"); err != nil {
		return err
	}
	var report strings.Builder
	w := io.MultiWriter(stdout, &report)
	fmt.Fprintf(w, "## Machine\n\n%s\n", machine(root))
	began := time.Now()
	rows, err := scaleFigures(c, *cache, bin, stderr)
	if err != nil {
		return err
	}
	if c.importOnly {
		fmt.Fprintf(w, "## Issue 14: import of a whole mirror (%d days; %d runs each)\n\n", c.importDays, c.repeat)
	} else {
		fmt.Fprintf(w, "## Issue 14: daily publishing at archive scale (%d days; %d runs each)\n\n", c.days, c.repeat)
	}
	fmt.Fprintln(w, "| figure | target | min | median | max | load before → after | met? |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---|---|")
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s → %s | %s |\n", r.name, r.target, r.min, r.median, r.max, r.loadBefore, r.loadAfter, r.verdict)
	}
	fmt.Fprintf(w, "\nThe whole run took %s; load afterwards: %s\n", time.Since(began).Round(time.Second), loadavg())
	if c.smoke {
		fmt.Fprintln(w, "(a smoke run: the figures are information, not the targets' measure)")
	}
	if *out != "" {
		return os.WriteFile(*out, []byte(report.String()), 0o644)
	}
	return nil
}

// sample is one run of the command.
type sample struct {
	wall, cpu, sys time.Duration // sys: the kernel's part of cpu
	rssMiB         float64
}

// measure runs bin with args and returns its wall time, CPU time (user + system, its
// descendants too) and peak RSS (the largest of it and its descendants).
func measure(log io.Writer, bin string, args ...string) (sample, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, log
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("epaper %s: %w", strings.Join(args, " "), err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return sample{wall: wall}, nil
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return sample{wall: wall, cpu: cpu, sys: time.Duration(ru.Stime.Nano()), rssMiB: float64(ru.Maxrss) / 1024}, nil
}

// row is a line of the table.
type row struct {
	name, target, min, median, max, loadBefore, loadAfter, verdict string
}

// stats formats values (one per run) with format, and judges the median with ok.
func stats(name, target string, values []float64, format string, ok func(float64) bool, before string) row {
	s := slices.Clone(values)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	v := verdict(ok(med))
	return row{name: name, target: target, min: fmt.Sprintf(format, s[0]), median: fmt.Sprintf(format, med),
		max: fmt.Sprintf(format, s[len(s)-1]), loadBefore: before, loadAfter: loadavg(), verdict: v}
}

func scaleFigures(c scaleConfig, cache, bin string, log io.Writer) ([]row, error) {
	work := filepath.Join(cache, "scale")
	if err := os.RemoveAll(work); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	if c.importOnly {
		mirror, err := synth.Mirror(cache, synth.Options{Days: c.importDays, Seed: 1})
		if err != nil {
			return nil, err
		}
		r, err := importFigure(c, work, bin, mirror, log)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "  %s: %s / %s / %s (target %s; load %s → %s)\n", r.name, r.min, r.median, r.max, r.target, r.loadBefore, r.loadAfter)
		return []row{r}, os.RemoveAll(work)
	}
	year := synth.Options{Days: c.days, Seed: 1}
	articles := float64(year.ArticleCount())
	mirror, err := synth.Mirror(cache, synth.Options{Days: max(c.days+c.repeat, c.days*max(c.years, 1), c.importDays), Seed: 1})
	if err != nil {
		return nil, err
	}
	site, err := synth.Site(cache, year)
	if err != nil {
		return nil, err
	}
	// scaled is a target for a year, scaled to c.days when the run is not of a year.
	scaled := func(perYear float64) float64 { return perYear * float64(c.days) / 365 }
	var rows []row
	add := func(r row) { // and log it at once, for a run stopped later
		rows = append(rows, r)
		fmt.Fprintf(log, "  %s: %s / %s / %s (target %s; load %s → %s)\n", r.name, r.min, r.median, r.max, r.target, r.loadBefore, r.loadAfter)
	}
	var peaks []float64 // of every build run, judged by the largest
	note := func(s sample) { peaks = append(peaks, s.rssMiB) }
	firstLoad := loadavg()

	// 1, 5: from scratch
	fmt.Fprintf(log, "build %d days from scratch ×%d\n", c.days, c.repeat)
	out := filepath.Join(work, "public")
	var walls, cpus []float64
	before := loadavg()
	for range c.repeat {
		if err := os.RemoveAll(out); err != nil {
			return nil, err
		}
		s, err := measure(log, bin, "build", "--no-pagefind", "--shard", "month", "--site", site, "--out", out)
		if err != nil {
			return nil, err
		}
		note(s)
		walls = append(walls, s.wall.Seconds())
		cpus = append(cpus, s.cpu.Seconds()*1000/articles)
	}
	add(stats(fmt.Sprintf("build %d days (%d articles) from scratch", c.days, int(articles)),
		fmt.Sprintf("≤ %.1f s (90 s a year)", scaled(90)), walls, "%.1f s", func(v float64) bool { return v <= scaled(90) }, before))
	oneYear := median(walls) / articles
	cpuRow := stats("build CPU per article", "≤ 3 ms", cpus, "%.2f ms", func(v float64) bool { return v <= 3 }, before)

	// 3: a day added to the built archive (a copy of the site whose files are links)
	fmt.Fprintf(log, "add a day and rebuild ×%d\n", c.repeat)
	daily := filepath.Join(work, "site")
	if err := command(log, work, nil, "cp", "-al", site, daily); err != nil {
		return nil, err
	}
	if _, err := measure(log, bin, "build", "--no-pagefind", "--shard", "month", "--site", daily, "--out", out); err != nil {
		return nil, err
	}
	var adds []float64
	before = loadavg()
	for i := range c.repeat { // the next day each time, as a daily does
		next := year.WithDefaults().End().AddDate(0, 0, 1+i).Format(time.DateOnly)
		imp, err := measure(log, bin, "import", "--rate", "0", "-q", "--site", daily, "--from", next, "--to", next, mirror)
		if err != nil {
			return nil, err
		}
		b, err := measure(log, bin, "build", "--no-pagefind", "--shard", "month", "--site", daily, "--out", out)
		if err != nil {
			return nil, err
		}
		note(b)
		adds = append(adds, (imp.wall + b.wall).Seconds())
	}
	add(stats("add one day (import and build) to the built archive", "≤ 10 s", adds, "%.1f s",
		func(v float64) bool { return v <= 10 }, before))

	// 4: nothing changed
	fmt.Fprintf(log, "rebuild with nothing changed ×%d\n", c.repeat)
	var noops []float64
	written := 0
	before = loadavg()
	for range c.repeat {
		times, err := modTimes(out)
		if err != nil {
			return nil, err
		}
		changed := filepath.Join(work, "changed.txt")
		s, err := measure(log, bin, "build", "--no-pagefind", "--shard", "month", "--site", daily, "--out", out, "--changed", changed)
		if err != nil {
			return nil, err
		}
		note(s)
		noops = append(noops, s.wall.Seconds())
		after, err := modTimes(out)
		if err != nil {
			return nil, err
		}
		for p, t := range after {
			if !times[p].Equal(t) {
				written++
			}
		}
		if list, _ := os.ReadFile(changed); len(list) > 0 {
			written++
		}
	}
	r := stats("rebuild with nothing changed", "≤ 3 s, no file written", noops, "%.1f s", func(v float64) bool { return v <= 3 && written == 0 }, before)
	r.verdict += fmt.Sprintf(" (%d files written)", written)
	add(r)

	// 6: import of a whole mirror
	r, err = importFigure(c, work, bin, mirror, log)
	if err != nil {
		return nil, err
	}
	add(r)

	// 7: an archive several times as large
	if c.years > 1 {
		big := synth.Options{Days: c.days * c.years, Seed: 1}
		fmt.Fprintf(log, "build %d days from scratch ×%d\n", big.Days, c.repeat)
		bigSite, err := synth.Site(cache, big)
		if err != nil {
			return nil, err
		}
		var ratios []float64
		before = loadavg()
		for range c.repeat {
			if err := os.RemoveAll(out); err != nil {
				return nil, err
			}
			s, err := measure(log, bin, "build", "--no-pagefind", "--shard", "month", "--site", bigSite, "--out", out)
			if err != nil {
				return nil, err
			}
			note(s)
			ratios = append(ratios, s.wall.Seconds()/float64(big.ArticleCount())/oneYear)
		}
		add(stats(fmt.Sprintf("%d days from scratch: time per article against %d days", big.Days, c.days), "≤ 1.2×", ratios, "%.2f×",
			func(v float64) bool { return v <= 1.2 }, before))
	}

	add(cpuRow)
	r = stats(fmt.Sprintf("peak RSS of a build (any one process; %d builds)", len(peaks)), "≤ 2 GiB (the largest)", peaks, "%.0f MiB",
		func(float64) bool { return slices.Max(peaks) <= 2048 }, firstLoad)
	add(r)
	return rows, os.RemoveAll(work)
}

// importFigure is the import of a whole mirror of c.importDays days, c.repeat times, each
// into a new site: articles a second of wall time.
func importFigure(c scaleConfig, work, bin, mirror string, log io.Writer) (row, error) {
	fmt.Fprintf(log, "import %d days ×%d\n", c.importDays, c.repeat)
	whole := synth.Options{Days: c.importDays, Seed: 1}
	var rates []float64
	before := loadavg()
	// Each run into a site of its own, all removed with work at the end: on this VM's ext4,
	// creating files right after removing a tree of them (the last run's ~15,000) costs
	// several times the kernel time, which is the removal's cost, not the import's.
	for i := range c.repeat {
		dst := filepath.Join(work, "import", strconv.Itoa(i))
		s, err := measure(log, bin, "import", "--rate", "0", "-q", "--site", dst, "--from", whole.WithDefaults().Start.Format(time.DateOnly), "--to", whole.End().Format(time.DateOnly), mirror)
		if err != nil {
			return row{}, err
		}
		rates = append(rates, float64(whole.ArticleCount())/s.wall.Seconds())
		n := float64(whole.ArticleCount())
		fmt.Fprintf(log, "  %.1f s wall, %.1f s CPU (%.2f ms an article: %.2f user, %.2f system), peak RSS %.0f MiB\n", s.wall.Seconds(), s.cpu.Seconds(),
			s.cpu.Seconds()*1000/n, (s.cpu-s.sys).Seconds()*1000/n, s.sys.Seconds()*1000/n, s.rssMiB)
	}
	return stats(fmt.Sprintf("import of a %d-day mirror (%d articles)", c.importDays, whole.ArticleCount()), "≥ 900 articles/s", rates, "%.0f/s",
		func(v float64) bool { return v >= 900 }, before), nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 0 {
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return s[len(s)/2]
}

// modTimes returns the modification time of every file below root.
func modTimes(root string) (map[string]time.Time, error) {
	m := map[string]time.Time{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		m[p] = fi.ModTime()
		return err
	})
	return m, err
}
