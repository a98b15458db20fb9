// Command benchrun is make bench: it measures epaper on synthetic archives of a daily
// (package synth) and prints one table and the targets of docs/benchmarks.md, met or not.
//
//	go run ./testdata/synth/benchrun            # the full run (an hour or so on 2 cores)
//	go run ./testdata/synth/benchrun -smoke     # 1 day each, no hugo command: a smoke run
//	go run ./testdata/synth/benchrun -scale     # the table of issue 14 (scale.go): make bench
//
// It generates the archives into a cache folder (-cache; kept between runs, keyed by seed
// and size: the 480-day archive is generated and imported once, smaller sites are hard links
// into it), compiles the benchmarks of ./importer and ./site once, and runs every benchmark
// size in a process of its own with -benchtime 1x, so that each peak RSS is that size's
// alone. For the comparison with the hugo command it installs hugo, of the version go.mod
// names for the library, into the cache folder (go install; the standard build, as the site
// uses no SCSS), never elsewhere. Sizes: import 7, 28, 112 days (1×, 4×, 16× a week); build
// 30, 120, 480 days (1×, 4×, 16× a month) and 365 (a year).
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/epaper-archive/epaper/testdata/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "benchrun:", err)
		os.Exit(1)
	}
}

type config struct {
	cache, hugo, out  string
	seed              uint64
	imports, builds   []int
	cli, search, keep bool
}

func run(args []string, stdout, stderr io.Writer) error {
	if i := slices.Index(args, "-scale"); i >= 0 { // the table of issue 14 (scale.go)
		return runScale(slices.Delete(slices.Clone(args), i, i+1), stdout, stderr)
	}
	fl := flag.NewFlagSet("benchrun", flag.ContinueOnError)
	var c config
	imports := fl.String("import", "7,28,112", "days of the import benchmarks")
	builds := fl.String("build", "30,120,480,365", "days of the build benchmarks; the first is 1×, the third 16×")
	fl.StringVar(&c.cache, "cache", filepath.Join(os.TempDir(), "epaper-bench"), "folder of the archives, sites, test binaries and hugo, kept between runs")
	fl.Uint64Var(&c.seed, "seed", 1, "seed of the archives")
	fl.BoolVar(&c.cli, "cli", true, "compare with the hugo command")
	fl.StringVar(&c.hugo, "hugo", "", "the hugo command to compare with (default: installed into the cache)")
	fl.BoolVar(&c.search, "search", true, "also measure the build with its search index")
	searchDays := fl.String("searchdays", "", "… at these sizes only (default: every build size)")
	fl.StringVar(&c.out, "o", "", "also write the report (Markdown) to this file")
	smoke := fl.Bool("smoke", false, "a smoke run: import and build 1 day, no hugo command, no search")
	prepare := fl.Bool("prepare", false, "only generate and import the archives (and install hugo), measure nothing")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *smoke {
		*imports, *builds, c.cli, c.search = "1", "1", false, false
	}
	var err error
	if c.imports, err = sizes(*imports); err != nil {
		return err
	}
	if c.builds, err = sizes(*builds); err != nil {
		return err
	}
	withSearch := map[int]bool{}
	if *searchDays != "" {
		ds, err := sizes(*searchDays)
		if err != nil {
			return err
		}
		for _, d := range ds {
			withSearch[d] = true
		}
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if c.cache, err = filepath.Abs(c.cache); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(c.cache, "bin"), 0o755); err != nil {
		return err
	}
	var report bytes.Buffer
	out := io.MultiWriter(stdout, &report)
	fmt.Fprintf(out, "## Machine\n\n%s\n", machine(root))
	began := time.Now()

	// Test binaries, compiled once.
	tests := map[string]string{}
	for _, pkg := range []string{"importer", "site"} {
		if *prepare {
			break
		}
		bin := filepath.Join(c.cache, "bin", pkg+".test")
		fmt.Fprintf(stderr, "compiling the benchmarks of ./%s\n", pkg)
		if err := command(stderr, root, nil, "go", "test", "-c", "-o", bin, "./"+pkg); err != nil {
			return err
		}
		tests[pkg] = bin
	}

	// The archives: one mirror of the most days, one imported site of the most build days.
	most := synth.Options{Days: maxOf(append(append([]int{}, c.imports...), c.builds...)), Seed: c.seed}
	t := time.Now()
	fmt.Fprintf(stderr, "archive of %d days (cached in %s)\n", most.Days, c.cache)
	mirror, err := synth.Mirror(c.cache, most)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "  mirror %s ready in %s\n", mirror, synth.Since(t))
	t = time.Now()
	site, err := synth.Site(c.cache, synth.Options{Days: maxOf(c.builds), Seed: c.seed})
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "  site %s ready in %s\n", site, synth.Since(t))

	hugo := c.hugo
	if c.cli && hugo == "" {
		if hugo, err = installHugo(root, c.cache, stderr); err != nil {
			return err
		}
	}

	if *prepare {
		return nil
	}
	env := []string{synth.EnvCache + "=" + c.cache, synth.EnvSeed + "=" + strconv.FormatUint(c.seed, 10)}
	var results []result
	bench := func(pkg, name string, days int, extra ...string) error {
		r, err := runBench(tests[pkg], filepath.Join(root, pkg), name, days, append(env, extra...), stderr)
		if err != nil {
			return err
		}
		results = append(results, r)
		return nil
	}
	for _, d := range c.imports {
		if err := bench("importer", "Import", d); err != nil {
			return err
		}
	}
	for _, d := range c.builds {
		if err := bench("site", "Build", d); err != nil {
			return err
		}
		if c.cli {
			if err := bench("site", "BuildCLI", d, synth.EnvHugo+"="+hugo); err != nil {
				return err
			}
		}
		if c.search && (*searchDays == "" || withSearch[d]) {
			if err := bench("site", "BuildWithSearch", d); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(out, "\n## Results\n\n")
	table(out, results)
	fmt.Fprintf(out, "\n## Targets\n\n")
	targets(out, results, c)
	fmt.Fprintf(out, "\nThe whole run took %s; load afterwards: %s\n", time.Since(began).Round(time.Second), loadavg())
	if c.out != "" {
		return os.WriteFile(c.out, report.Bytes(), 0o644)
	}
	return nil
}

func sizes(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q: not a list of day counts", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func maxOf(ns []int) int {
	m := 0
	for _, n := range ns {
		m = max(m, n)
	}
	return m
}

// moduleRoot is the folder of go.mod above the working directory.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run benchrun inside the epaper module")
	}
	return filepath.Dir(mod), nil
}

func command(log io.Writer, dir string, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, log, log
	cmd.Env = append(os.Environ(), env...)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return nil
}

// installHugo installs the hugo command of the library's version into the cache, unless
// it is there.
func installHugo(root, cache string, log io.Writer) (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/gohugoio/hugo")
	cmd.Dir = root
	v, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("the library's hugo version: %w", err)
	}
	version := strings.TrimSpace(string(v))
	bin := filepath.Join(cache, "hugo-"+version)
	hugo := filepath.Join(bin, "hugo")
	if out, err := exec.Command(hugo, "version").Output(); err == nil && strings.Contains(string(out), version) {
		return hugo, nil
	}
	fmt.Fprintf(log, "installing the hugo command %s into %s (go install, a few minutes)\n", version, bin)
	if err := command(log, os.TempDir(), []string{"GOBIN=" + bin, "GOFLAGS=-mod=mod"}, "go", "install", "github.com/gohugoio/hugo@"+version); err != nil {
		return "", err
	}
	return hugo, nil
}

// result is one benchmark line: its name, size and metrics by unit.
type result struct {
	bench   string // Import, Build, BuildCLI, BuildWithSearch
	days    int
	metrics map[string]float64
}

var reBenchLine = regexp.MustCompile(`^Benchmark(\w+)/days=(\d+)-\d+\s+(\d+)\s+(.*)$`)

// runBench runs one size of one benchmark in a process of its own and returns its line.
func runBench(test, dir, name string, days int, env []string, log io.Writer) (result, error) {
	pattern := fmt.Sprintf("^Benchmark%s$/^days=%d$", name, days)
	fmt.Fprintf(log, "%s/days=%d …\n", name, days)
	cmd := exec.Command(test, "-test.run", "^$", "-test.bench", pattern, "-test.benchtime", "1x", "-test.timeout", "3h")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var buf bytes.Buffer
	cmd.Stdout = io.MultiWriter(&buf, log)
	cmd.Stderr = log
	if err := cmd.Run(); err != nil {
		return result{}, fmt.Errorf("%s: %w", pattern, err)
	}
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		m := reBenchLine.FindStringSubmatch(sc.Text())
		if m == nil || m[1] != name {
			continue
		}
		r := result{bench: name, days: days, metrics: map[string]float64{}}
		f := strings.Fields(m[4])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err == nil {
				r.metrics[f[i+1]] = v
			}
		}
		return r, nil
	}
	return result{}, fmt.Errorf("%s: no benchmark line in its output (skipped?)", pattern)
}

func (r result) get(unit string) (float64, bool) { v, ok := r.metrics[unit]; return v, ok }

func table(w io.Writer, rs []result) {
	fmt.Fprintln(w, "| benchmark | days | articles | wall | ms/article | articles/s | CPU ms/article | KB alloc/article | allocs/article | peak RSS |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rs {
		cell := func(unit string, scale float64, format string) string {
			v, ok := r.get(unit)
			if !ok {
				return "–"
			}
			return fmt.Sprintf(format, v*scale)
		}
		articles := synth.Options{Days: r.days}.ArticleCount()
		fmt.Fprintf(w, "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s |\n", r.bench, r.days, articles,
			cell("ns/op", 1e-9, "%.1f s"), cell("ns/article", 1e-6, "%.2f"), cell("articles/s", 1, "%.0f"),
			cell("cpu-ns/article", 1e-6, "%.2f"), cell("B/article", 1.0/1024, "%.0f"), cell("allocs/article", 1, "%.0f"),
			cell("peak-RSS-MiB", 1, "%.0f MiB"))
	}
}

func find(rs []result, bench string, days int) (result, bool) {
	for _, r := range rs {
		if r.bench == bench && r.days == days {
			return r, true
		}
	}
	return result{}, false
}

func verdict(ok bool) string {
	if ok {
		return "**met**"
	}
	return "**not met**"
}

// targets prints each target of issue 7 and whether this run met it.
func targets(w io.Writer, rs []result, c config) {
	// Import ≥ 500 articles/s at every size.
	minRate, at := 0.0, 0
	for _, d := range c.imports {
		if r, ok := find(rs, "Import", d); ok {
			if v, _ := r.get("articles/s"); at == 0 || v < minRate {
				minRate, at = v, d
			}
		}
	}
	if at > 0 {
		fmt.Fprintf(w, "- Import from a local mirror ≥ 500 articles/s: %s (slowest: %.0f articles/s at %d days)\n", verdict(minRate >= 500), minRate, at)
	}
	// Build cost per article at 16× within 1.3× of 1×.
	if len(c.builds) >= 3 {
		one, ok1 := find(rs, "Build", c.builds[0])
		sixteen, ok16 := find(rs, "Build", c.builds[2])
		if ok1 && ok16 {
			a, _ := one.get("ns/article")
			b, _ := sixteen.get("ns/article")
			fmt.Fprintf(w, "- Build cost per article at %d days within 1.3× of %d days: %s (%.2f ms vs %.2f ms: %.2f×)\n",
				c.builds[2], c.builds[0], verdict(b <= 1.3*a), b/1e6, a/1e6, b/a)
		}
	}
	// A year in ≤ 90 s with peak RSS ≤ 4 GiB.
	if r, ok := find(rs, "Build", 365); ok {
		wall, _ := r.get("ns/op")
		rss, _ := r.get("peak-RSS-MiB")
		fmt.Fprintf(w, "- A year of one paper (365 days) built in ≤ 90 s with peak RSS ≤ 4 GiB: %s (%.1f s, %.0f MiB)\n",
			verdict(wall <= 90e9 && rss <= 4096), wall/1e9, rss)
	}
	// Library build no slower than the CLI (within 5%).
	for _, d := range c.builds {
		lib, ok1 := find(rs, "Build", d)
		cli, ok2 := find(rs, "BuildCLI", d)
		if !ok1 || !ok2 {
			continue
		}
		a, _ := lib.get("ns/op")
		b, _ := cli.get("ns/op")
		ra, _ := lib.get("peak-RSS-MiB")
		rb, _ := cli.get("peak-RSS-MiB")
		cpu := ""
		if ca, ok := lib.get("cpu-ns/article"); ok {
			if cb, ok := cli.get("cpu-ns/article"); ok {
				cpu = fmt.Sprintf("; CPU %.2f vs %.2f ms/article: %+.1f%%", ca/1e6, cb/1e6, 100*(ca/cb-1))
			}
		}
		fmt.Fprintf(w, "- Library build no slower than the hugo command (within 5%%), %d days: %s (wall %.1f s vs %.1f s: %+.1f%%%s; peak RSS %.0f vs %.0f MiB)\n",
			d, verdict(a <= 1.05*b), a/1e9, b/1e9, 100*(a/b-1), cpu, ra, rb)
	}
	// The search index, separately.
	for _, d := range c.builds {
		plain, ok1 := find(rs, "Build", d)
		full, ok2 := find(rs, "BuildWithSearch", d)
		if !ok1 || !ok2 {
			continue
		}
		a, _ := plain.get("ns/op")
		b, _ := full.get("ns/op")
		fmt.Fprintf(w, "- Search index (built-in, no Pagefind), %d days: %+.1f s over the Hugo render (%.1f s with it, %.1f s without)\n", d, (b-a)/1e9, b/1e9, a/1e9)
	}
}
