package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/livereload"
	"github.com/gohugoio/hugo/transform"
	"github.com/gohugoio/hugo/transform/livereloadinject"
)

// DefaultPort is the port epaper serve listens on unless told otherwise.
const DefaultPort = 1414

// ServeOptions says what to preview and where.
type ServeOptions struct {
	// Options are the build's: SiteDir and Theme are required, Log receives Hugo's warnings
	// and the errors of failed builds. BaseURL must be empty: the preview is the offline
	// build, whose relative links work over HTTP as well. OutDir is not used.
	Options
	// Port is the port to listen on, on 127.0.0.1 only. 0 picks a free one.
	Port int
	// Out receives a line per build. Default: discarded.
	Out io.Writer
	// Ready, when set, is called with the site's URL (http://127.0.0.1:PORT/) once the first
	// build is done and the server is listening.
	Ready func(url string)
	// Debounce is how long the files must stay unchanged before a rebuild. Default 250ms.
	Debounce time.Duration
}

// serveHooks are what the tests change in Serve; zero values are the defaults.
type serveHooks struct {
	build      func(Options) error // how the site is built. Default Build.
	stuckAfter time.Duration       // when a build is said to hang. Default a minute (and 10 times the longest good build).
	stopWait   time.Duration       // how long a stop waits for the build under way. Default 10 s.
}

// Serve builds the site into a temporary directory, serves it on 127.0.0.1, rebuilds it when a
// file of the site changes and makes the open pages reload. A failed rebuild is written to
// o.Log and shown in a banner on every page while the last good build stays served. Serve
// returns nil once ctx is cancelled and everything it started is stopped and removed, or an
// error when it cannot start.
func Serve(ctx context.Context, o ServeOptions) error {
	return serve(ctx, o, serveHooks{})
}

func serve(ctx context.Context, o ServeOptions, hooks serveHooks) error {
	if err := o.check(); err != nil {
		return err
	}
	if o.BaseURL != "" {
		return errors.New("serve: the preview is the offline build: no base URL")
	}
	siteDir, err := filepath.Abs(o.SiteDir)
	if err != nil {
		return err
	}
	o.SiteDir = siteDir
	if fi, err := os.Stat(filepath.Join(siteDir, "content")); err != nil || !fi.IsDir() {
		return fmt.Errorf("serve %q: no content directory (run epaper import first)", siteDir)
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Debounce <= 0 {
		o.Debounce = 250 * time.Millisecond
	}
	if hooks.build == nil {
		hooks.build = Build
	}
	if hooks.stuckAfter <= 0 {
		hooks.stuckAfter = time.Minute
	}
	if hooks.stopWait <= 0 {
		hooks.stopWait = 10 * time.Second
	}

	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(o.Port)))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close()
	tmp, err := tempDir("epaper-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("serve: watch files: %w", err)
	}
	defer watcher.Close()

	opts := o.Options
	if opts.CacheDir == "" {
		opts.CacheDir = filepath.Join(tmp, "cache") // kept from build to build
	}
	initLivereload()
	b := &builds{opts: opts, tmp: tmp, build: hooks.build, stuckAfter: hooks.stuckAfter,
		reload: livereload.ForceRefresh, out: o.Out, log: o.Log}
	siteURL := fmt.Sprintf("http://127.0.0.1:%d/", ln.Addr().(*net.TCPAddr).Port)
	base, _ := url.Parse(siteURL)
	h := &handler{builds: b, inject: transform.New(livereloadinject.New(base)), conns: map[net.Conn]bool{}}

	// Watch before the first build, so that what changes during it is built next.
	w := &watchTree{w: watcher, site: siteDir, dirs: map[string]bool{}, log: o.Log}
	w.addSite()

	mux := http.NewServeMux()
	mux.HandleFunc("/livereload.js", livereload.ServeJS)
	mux.HandleFunc("/livereload", livereload.Handler)
	mux.Handle("/", h)
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ConnState:         h.connState,
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	asks := make(chan string, 1) // what changed; asks made during a build wait here
	asks <- ""                   // the first build
	firstDone := make(chan struct{})
	building := make(chan struct{})
	go func() {
		defer close(building)
		b.loop(ctx, asks, firstDone)
	}()
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		changes := make(chan string)
		var wg sync.WaitGroup
		wg.Go(func() { w.run(ctx, changes) })
		debounce(ctx, changes, o.Debounce, asks)
		wg.Wait()
	}()

	select {
	case <-firstDone:
		if o.Ready != nil {
			o.Ready(siteURL)
		}
		select {
		case <-ctx.Done():
		case err = <-serveErr:
		}
	case <-ctx.Done():
	case err = <-serveErr:
	}
	if err != nil {
		err = fmt.Errorf("serve: %w", err)
	}
	cancel()
	<-watching
	// A build under way cannot be interrupted: Hugo has no way to. It is waited for, but not
	// for ever (Hugo may hang).
	select {
	case <-building:
	case <-time.After(hooks.stopWait):
		fmt.Fprintf(o.Log, "epaper serve: stopped without waiting any longer for the build under way\n")
	}
	shutdownCtx, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	h.closeHijacked() // the live reload websockets, which Shutdown leaves alone
	if serr := srv.Shutdown(shutdownCtx); serr != nil && err == nil {
		err = serr
	}
	return err
}

var livereloadOnce sync.Once

// initLivereload starts Hugo's live reload hub, once per process: it is a global that runs
// for good.
func initLivereload() { livereloadOnce.Do(livereload.Initialize) }
