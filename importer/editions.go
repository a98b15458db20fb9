package importer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/bundle"
)

// ImportEditions imports the editions eds (a mirror's: Source.Editions), each as Import
// does, and returns one result per edition, in the order of eds. Options.EditionJobs editions
// are crawled side by side; each is found (its start page read, its index followed), named
// and its paper's bundle written one after the other in the order of eds, and its log lines
// are written together once it and those before it are done, so the log, the results and
// the bundles are the same whatever finished first. An edition whose bundle an earlier one
// of eds took (two papers given one code) is a failure, not a mix of both. The error is the
// context's, with the results of the editions begun.
func (im *Importer) ImportEditions(ctx context.Context, eds []archive.Edition) ([]DayResult, error) {
	jobs := im.editionJobs()
	o := &ordered{im: im, logs: make([]*bytes.Buffer, len(eds)), done: make([]bool, len(eds)), progress: make([]Progress, len(eds))}
	results := make([]DayResult, len(eds))
	type job struct {
		i       int
		im      *Importer
		entry   *decoded
		edition bundle.Ref
	}
	work := make(chan job)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				rep, err := j.im.crawl(ctx, j.entry, j.edition)
				results[j.i].Report = rep
				if err != nil {
					results[j.i].Error = err.Error()
					fmt.Fprintf(j.im.opt.Log, "FAILED edition %s: %v\n", j.edition.Rel(), err)
				}
				o.finish(j.i)
			}
		}()
	}
	claimed := map[string]string{} // bundle → the URL of the edition that took it
	begun := 0
	for i, ed := range eds {
		if ctx.Err() != nil {
			break
		}
		begun++
		res := &results[i]
		res.Paper, res.Day, res.URL = ed.Paper, ed.Date, ed.URL
		sub := o.sub(i)
		entry, err := sub.findEdition(ctx, ed.URL)
		var edition bundle.Ref
		if err == nil {
			edition, err = sub.editionOf(entry)
		}
		if err == nil {
			res.Paper, res.Day = edition.Paper, edition.Edition
			if first, ok := claimed[edition.Rel()]; ok {
				err = fmt.Errorf("%s: edition %s was imported from %s in this run already (two papers read as one code? give each its own paper code)", ed.URL, edition.Rel(), first)
			}
		}
		if err == nil {
			claimed[edition.Rel()] = ed.URL
			err = sub.writePaper(entry.page)
		}
		if err != nil {
			res.Error = err.Error()
			fmt.Fprintf(sub.opt.Log, "FAILED edition of %s (%s): %v\n", ed.Date, ed.URL, err)
			o.finish(i)
			continue
		}
		work <- job{i, sub, entry, edition}
	}
	close(work)
	wg.Wait()
	return results[:begun], ctx.Err()
}

// editionJobs is how many editions are crawled side by side: Options.EditionJobs, or two.
func (im *Importer) editionJobs() int {
	if im.opt.EditionJobs <= 0 {
		return 2
	}
	return im.opt.EditionJobs
}

// ordered keeps the log lines and progress of editions imported side by side in their order.
type ordered struct {
	im       *Importer
	mu       sync.Mutex
	logs     []*bytes.Buffer // each edition's log lines until they are written
	done     []bool
	next     int // the first edition whose lines are not written yet
	progress []Progress
}

// sub is the Importer of edition i: the same fetcher, its own log and progress.
func (o *ordered) sub(i int) *Importer {
	o.logs[i] = &bytes.Buffer{}
	c := *o.im
	c.opt.Log = &lockedWriter{w: o.logs[i]}
	if o.im.opt.Progress != nil {
		c.opt.Progress = func(p Progress) { o.report(i, p) }
	}
	return &c
}

// finish marks edition i done and writes the log lines of every done edition that no
// undone one comes before.
func (o *ordered) finish(i int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.done[i] = true
	for o.next < len(o.done) && o.done[o.next] {
		if b := o.logs[o.next]; b != nil {
			io.Copy(o.im.opt.Log, b)
			o.logs[o.next] = nil
		}
		o.next++
	}
	o.reportLocked()
}

// report takes edition i's progress and tells the sum.
func (o *ordered) report(i int, p Progress) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.progress[i] = p
	o.reportLocked()
}

func (o *ordered) reportLocked() {
	if o.im.opt.Progress == nil {
		return
	}
	sum := Progress{EditionsTotal: len(o.done)}
	for i, p := range o.progress {
		sum.Pages += p.Pages
		sum.PagesTotal += p.PagesTotal
		sum.Articles += p.Articles
		sum.Failed += p.Failed
		if o.done[i] {
			sum.Editions++
		}
	}
	o.im.opt.Progress(sum)
}
