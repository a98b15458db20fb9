// Command gen writes a synthetic archive of 重庆日报 (see package synth) as a local mirror:
//
//	go run ./testdata/synth/gen -days 30 -start 2020-01-01 -seed 1 -o /tmp/archive
//
// writes /tmp/archive/epaper.cqrb.cn/html/cqrb/2020-01/01/001/node.htm and so on, the host
// folder as wget --mirror writes it, which `epaper import --from … --to …` reads:
//
//	epaper import --site S --rate 0 --from 2020-01-01 --to 2020-01-30 /tmp/archive/epaper.cqrb.cn
//
// -layout writes the days in another URL layout of issue 12 (package mirrors: html-paper,
// paper-html, html-date, paper-date, layout-content), -tool as another tool leaves them
// (wget-mirror, wget-r-nH, httrack), -no-index without the sites' index pages; -o is then the
// folder the tool ran in, the SOURCE to give epaper import:
//
//	go run ./testdata/synth/gen -days 30 -pages 4 -articles 3 -layout paper-date -tool httrack -o /tmp/m
//	epaper import --site S /tmp/m
//
// Without -layout, -tool and -no-index the output is synth's, byte for byte as before.
//
// The same flags write the same bytes.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/epaper-archive/epaper/testdata/mirrors"
	"github.com/epaper-archive/epaper/testdata/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("gen", flag.ContinueOnError)
	days := fl.Int("days", 7, "editions to write, one a day")
	start := fl.String("start", synth.DefaultStart.Format(time.DateOnly), "the first day, YYYY-MM-DD")
	seed := fl.Uint64("seed", 1, "seed of the random source: the same seed writes the same bytes")
	pages := fl.Int("pages", synth.DefaultPages, "pages (版) per edition")
	articles := fl.Int("articles", synth.DefaultArticles, "articles per page")
	out := fl.String("o", "", "folder to write the mirror into (as DIR/"+synth.Paper().Host+"); required")
	layout := fl.String("layout", "", "URL layout, one of html-paper, paper-html, html-date, paper-date, layout-content (package mirrors); \"\": synth's own")
	tool := fl.String("tool", "", "what left the mirror: wget-mirror, wget-r-nH or httrack (package mirrors)")
	noIndex := fl.Bool("no-index", false, "no index pages (package mirrors)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" || fl.NArg() > 0 || *days < 1 || *pages < 1 || *articles < 1 {
		fl.Usage()
		return fmt.Errorf("need -o DIR, and -days, -pages, -articles of at least 1")
	}
	day, err := time.ParseInLocation(time.DateOnly, *start, synth.CST)
	if err != nil {
		return fmt.Errorf("-start: %w", err)
	}
	if *layout != "" || *tool != "" || *noIndex {
		return writeLayout(stdout, *out, mirrors.Options{Start: day, Days: *days, Pages: *pages, Articles: *articles,
			Seed: *seed, Layout: mirrors.Layout(*layout), Tool: mirrors.Tool(*tool), NoIndex: *noIndex})
	}
	o := synth.Options{Start: day, Days: *days, Pages: *pages, Articles: *articles, Seed: *seed}
	dir := filepath.Join(*out, synth.Paper().Host)
	began := time.Now()
	st, err := synth.Write(dir, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d editions, %d pages, %d articles: %d files, %.1f MiB to %s in %.1fs\n",
		st.Editions, st.Pages, st.Articles, st.Files, float64(st.Bytes)/(1<<20), dir, time.Since(began).Seconds())
	fmt.Fprintf(stdout, "import: epaper import --rate 0 --from %s --to %s %s\n",
		o.WithDefaults().Start.Format(time.DateOnly), o.End().Format(time.DateOnly), dir)
	return nil
}

// writeLayout writes a mirror with package mirrors.
func writeLayout(stdout io.Writer, out string, o mirrors.Options) error {
	began := time.Now()
	m, err := mirrors.Write(out, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d editions: %d files, %.1f MiB below %s (the site's root: %s) in %.1fs\n",
		len(m.Editions), m.Files, float64(m.Bytes)/(1<<20), m.Dir, m.Root, time.Since(began).Seconds())
	paper := ""
	if m.NeedsPaper {
		paper = " --paper " + m.Paper.Code
	}
	fmt.Fprintf(stdout, "import: epaper import --rate 0%s %s\n", paper, m.Dir)
	return nil
}
