package site

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// The preview's timing, on synctest's clock: a build is asked for once the files have been
// quiet for the debounce time, or have kept changing for 10 times that.
func TestDebounce(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const quiet = 250 * time.Millisecond
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		changes := make(chan string)
		builds := make(chan string, 1)
		done := make(chan struct{})
		go func() { defer close(done); debounce(ctx, changes, quiet, builds) }()
		asked := func() (string, bool) {
			synctest.Wait()
			select {
			case what := <-builds:
				return what, true
			default:
				return "", false
			}
		}

		// Three changes 100 ms apart (one of a temporary file, unnamed), then quiet.
		start := time.Now()
		changes <- "content/a/index.md"
		time.Sleep(100 * time.Millisecond)
		changes <- ""
		time.Sleep(100 * time.Millisecond)
		changes <- "content/b/index.md"
		time.Sleep(quiet - time.Millisecond)
		if what, ok := asked(); ok {
			t.Fatalf("a build was asked for (%q) %v after the last change, before the files were quiet for %v", what, quiet-time.Millisecond, quiet)
		}
		time.Sleep(time.Millisecond)
		what, ok := asked()
		if !ok {
			t.Fatalf("no build asked for %v after the last change", quiet)
		}
		if want := "content/b/index.md and 1 more"; what != want {
			t.Errorf("the build asked for says %q, want %q", what, want)
		}
		if took := time.Since(start); took != 200*time.Millisecond+quiet {
			t.Errorf("the build was asked for %v after the first change, want %v", took, 200*time.Millisecond+quiet)
		}

		// Changes that never stop for long: a build every 10 × quiet all the same.
		start = time.Now()
		var at []time.Duration
		for i := 0; time.Since(start) < 6*time.Second; i++ {
			changes <- fmt.Sprintf("content/p%d/index.md", i)
			time.Sleep(200 * time.Millisecond)
			if what, ok := asked(); ok {
				at = append(at, time.Since(start))
				if !strings.HasSuffix(what, " and 12 more") {
					t.Errorf("a build after 2.5 s of changes every 200 ms says %q: want 13 files named", what)
				}
			}
		}
		if want := []time.Duration{2600 * time.Millisecond, 5200 * time.Millisecond}; fmt.Sprint(at) != fmt.Sprint(want) {
			t.Errorf("with changes every 200 ms, builds were asked for at %v, want %v (10 × %v after the first change of each)", at, want, quiet)
		}

		// While a build is asked for and not yet started, more asks are dropped: one waits.
		synctest.Wait()
		for range len(builds) {
			<-builds
		}
		builds <- "under way"
		changes <- "content/c/index.md"
		time.Sleep(time.Second)
		if what, _ := asked(); what != "under way" || len(builds) != 0 {
			t.Errorf("an ask made while one waits: got %q and %d more, want the one waiting only", what, len(builds))
		}

		cancel()
		synctest.Wait()
		select {
		case <-done:
		default:
			t.Error("debounce does not return when its context is done")
		}
	})
}

// A build that takes longer than stuckAfter, and than 10 times the longest good build, is
// said to hang, on the log and on the pages; when it ends after all, its result counts.
func TestBuildsReportAHangingBuild(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		release := make(chan error)
		defer close(release) // a hanging build ends with the test, whatever happens
		var calls, reloads atomic.Int32
		log, out := &syncBuffer{}, &syncBuffer{}
		b := &builds{
			tmp:        t.TempDir(),
			stuckAfter: time.Minute,
			reload:     func() { reloads.Add(1) },
			out:        out,
			log:        log,
			build: func(o Options) error {
				if err := os.Mkdir(o.OutDir, 0o755); err != nil {
					return err
				}
				if calls.Add(1) == 1 {
					time.Sleep(30 * time.Second) // good, and slow
					return nil
				}
				return <-release
			},
		}
		lastBuild := func() (dir string, err error) {
			b.last(func(d string, e error) { dir, err = d, e })
			return dir, err
		}

		b.run("")
		dir, err := lastBuild()
		if err != nil || !strings.HasSuffix(dir, "site-1") || !strings.Contains(out.String(), "built in 30s") {
			t.Fatalf("after a good build: dir %q, error %v, out %q", dir, err, out)
		}

		// The next build hangs: not said at stuckAfter, as the good build took 30 s; at
		// 10 × 30 s it is.
		finished := make(chan struct{})
		go func() { defer close(finished); b.run("content/x.md") }()
		time.Sleep(5*time.Minute - time.Second)
		synctest.Wait()
		if _, err := lastBuild(); err != nil || log.String() != "" {
			t.Fatalf("a build said to hang before 10 × the longest good build: %v, log %q", err, log)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		_, err = lastBuild()
		if err == nil || !strings.Contains(err.Error(), "has not finished after 5m0s") || !strings.Contains(log.String(), "has not finished after 5m0s") {
			t.Fatalf("a build running for 5 min: error %v, log %q", err, log)
		}
		if n := reloads.Load(); n != 2 {
			t.Errorf("%d page reloads, want 2 (the good build, the hang)", n)
		}
		if dir2, _ := lastBuild(); dir2 != dir {
			t.Errorf("while a build hangs, the last good build %q is not served but %q", dir, dir2)
		}

		// It ends after all, failing: its error replaces the hang's.
		release <- errors.New("template broken")
		<-finished
		if _, err := lastBuild(); err == nil || err.Error() != "template broken" {
			t.Errorf("after the hanging build failed: %v", err)
		}
		if !strings.Contains(log.String(), "build failed (content/x.md changed); the last good build is still served:\ntemplate broken") {
			t.Errorf("the failed build on the log: %q", log)
		}
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("the last good build was removed: %v", err)
		}
	})
}
