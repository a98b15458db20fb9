package site

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// builds runs the preview's builds, one at a time, each into a new folder, and keeps the
// last good build and the outcome of the last build for the pages served.
type builds struct {
	opts       Options             // what to build; OutDir is set for each build
	tmp        string              // the folder the builds go into
	build      func(Options) error // Build, or what a test makes of it
	stuckAfter time.Duration       // a build running longer (and 10 times the longest good one) is said to hang
	reload     func()              // makes the open pages reload
	out, log   io.Writer           // a line per good build; failed builds

	mu      sync.RWMutex
	dir     string        // the last good build; "" until there is one
	err     error         // the last build's error, nil if it succeeded
	gen     int           // builds so far, to name their folders
	running int           // the build under way, 0 if none
	longest time.Duration // the longest good build so far
}

// loop builds the site whenever asked on asks (what changed, "" for nothing in particular)
// until ctx is done, and closes firstDone after the first build. An ask made during a build
// waits in the channel: one more build follows.
func (b *builds) loop(ctx context.Context, asks <-chan string, firstDone chan<- struct{}) {
	for first := true; ; first = false {
		select {
		case <-ctx.Done():
			return
		case changed := <-asks:
			if ctx.Err() != nil {
				return
			}
			b.run(changed)
		}
		if first {
			close(firstDone)
		}
	}
}

// last calls f with the last good build's folder ("" if none) and the last build's error.
// The folder stays while f runs: f may open files in it.
func (b *builds) last(f func(dir string, buildErr error)) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	f(b.dir, b.err)
}

// run builds the site into a new folder; if it succeeds the new build is served and the
// previous one removed. Open pages reload either way: with the new site or the error banner.
// It is called by one goroutine at a time.
func (b *builds) run(changed string) {
	b.mu.Lock()
	b.gen++
	gen := b.gen
	b.running = gen
	limit := max(b.stuckAfter, 10*b.longest)
	b.mu.Unlock()
	out := filepath.Join(b.tmp, fmt.Sprintf("site-%d", gen))
	opt := b.opts
	opt.OutDir = out
	start := time.Now()
	watchdog := time.AfterFunc(limit, func() { b.stuck(gen, limit) })
	err := b.build(opt)
	watchdog.Stop()
	took := time.Since(start)

	b.mu.Lock()
	old := ""
	if err == nil {
		old, b.dir = b.dir, out
		b.longest = max(b.longest, took)
	}
	b.err = err
	b.running = 0
	haveGood := b.dir != ""
	b.mu.Unlock()
	if old != "" {
		// Files a request opened are still read from the removed folder.
		_ = os.RemoveAll(old)
	}

	why := ""
	if changed != "" {
		why = " (" + changed + " changed)"
	}
	if err != nil {
		_ = os.RemoveAll(out)
		served := "the last good build is still served"
		if !haveGood {
			served = "pages show the error until it is fixed"
		}
		fmt.Fprintf(b.log, "epaper serve: build failed%s; %s:\n%v\n", why, served, err)
	} else {
		fmt.Fprintf(b.out, "built in %v%s\n", took.Round(time.Millisecond), why)
	}
	b.reload()
}

// stuck says that build gen has been running for longer than limit, in the terminal and
// on the pages, unless it has finished meanwhile.
func (b *builds) stuck(gen int, limit time.Duration) {
	b.mu.Lock()
	if b.running != gen {
		b.mu.Unlock()
		return
	}
	err := fmt.Errorf("the build has not finished after %v. Hugo can hang when ten or more pages fail to render "+
		"(a template error); if it does not finish, fix the error, stop epaper serve with Ctrl-C and start it again", limit)
	b.err = err
	b.mu.Unlock()
	fmt.Fprintf(b.log, "epaper serve: %v\n", err)
	b.reload()
}
