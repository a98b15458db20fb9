package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
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
	// build, whose relative links work over HTTP as well.
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

	// For the tests: how a site is built (default Build), after how long a build is said to
	// hang (default a minute, and 10 times the longest good build), and how long a stop
	// waits for the build under way (default 10 s).
	build      func(Options) error
	stuckAfter time.Duration
	stopWait   time.Duration
}

// Watched are the folders of a site whose changes rebuild it, at any depth.
var watchedDirs = []string{"content", "layouts", "assets", "static", "archetypes", "data", "i18n", "config"}

// configFiles are the configuration files at the top of a site Hugo reads.
var configFiles = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}

// Serve builds the site into a temporary directory, serves it on 127.0.0.1, rebuilds it when a
// file of the site changes and makes the open pages reload. A failed rebuild is written to
// o.Log and shown in a banner on every page while the last good build stays served. Serve
// returns nil once ctx is cancelled and everything it started is stopped and removed, or an
// error when it cannot start.
func Serve(ctx context.Context, o ServeOptions) error {
	if err := o.check(); err != nil {
		return err
	}
	if o.BaseURL != "" || o.Shard != "" {
		return errors.New("serve: the preview is the whole site's offline build: no base URL, no shard")
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
	if o.build == nil {
		o.build = Build
	}
	if o.stuckAfter <= 0 {
		o.stuckAfter = time.Minute
	}
	if o.stopWait <= 0 {
		o.stopWait = 10 * time.Second
	}

	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(o.Port)))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close()
	tmp, err := os.MkdirTemp("", "epaper-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("serve: watch files: %w", err)
	}
	defer watcher.Close()

	s := &server{o: o, tmp: tmp, cacheDir: o.CacheDir, conns: map[net.Conn]bool{}}
	if s.cacheDir == "" {
		s.cacheDir = filepath.Join(tmp, "cache")
	}
	port := ln.Addr().(*net.TCPAddr).Port
	siteURL := fmt.Sprintf("http://127.0.0.1:%d/", port)
	base, _ := url.Parse(siteURL)
	s.inject = transform.New(livereloadinject.New(base))
	initLivereload()

	// Watch before the first build, so that what changes during it is built next.
	w := &watchTree{w: watcher, site: siteDir, dirs: map[string]bool{}, log: o.Log}
	w.addSite()

	mux := http.NewServeMux()
	mux.HandleFunc("/livereload.js", livereload.ServeJS)
	mux.HandleFunc("/livereload", livereload.Handler)
	mux.HandleFunc("/", s.serveHTTP)
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ConnState:         s.connState,
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	builds := make(chan string, 1) // what changed; asks made during a build wait here
	builds <- ""                   // the first build
	firstDone := make(chan struct{})
	builder := make(chan struct{})
	go func() {
		defer close(builder)
		for first := true; ; first = false {
			select {
			case <-ctx.Done():
				return
			case changed := <-builds:
				if ctx.Err() != nil {
					return
				}
				s.build(changed)
			}
			if first {
				close(firstDone)
			}
		}
	}()
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		w.run(ctx, o.Debounce, builds)
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
	case <-builder:
	case <-time.After(o.stopWait):
		fmt.Fprintf(o.Log, "epaper serve: stopped without waiting any longer for the build under way\n")
	}
	shutdownCtx, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	s.closeHijacked() // the live reload websockets, which Shutdown leaves alone
	if serr := srv.Shutdown(shutdownCtx); serr != nil && err == nil {
		err = serr
	}
	return err
}

var livereloadOnce sync.Once

// initLivereload starts Hugo's live reload hub, once per process: it is a global that runs
// for good.
func initLivereload() { livereloadOnce.Do(livereload.Initialize) }

// server holds the last good build and the result of the last build.
type server struct {
	o        ServeOptions
	tmp      string
	cacheDir string
	inject   transform.Chain // the live reload script, at the start of <head>

	mu       sync.RWMutex
	dir      string        // the last good build; "" until there is one
	buildErr error         // the last build's error, nil if it succeeded
	gen      int           // builds so far, to name their directories
	running  int           // the build under way, 0 if none
	longest  time.Duration // the longest good build so far

	connMu sync.Mutex
	conns  map[net.Conn]bool // hijacked connections (the live reload websockets)
}

// build builds the site into a new directory; if it succeeds the new build is served and the
// previous one removed. Open pages reload either way: with the new site or the error banner.
// It is called by one goroutine at a time.
func (s *server) build(changed string) {
	s.mu.Lock()
	s.gen++
	gen := s.gen
	s.running = gen
	s.mu.Unlock()
	out := filepath.Join(s.tmp, fmt.Sprintf("site-%d", gen))
	opt := s.o.Options
	opt.OutDir, opt.CacheDir = out, s.cacheDir
	start := time.Now()
	limit := max(s.o.stuckAfter, 10*s.longest)
	watchdog := time.AfterFunc(limit, func() { s.stuck(gen, limit) })
	err := s.o.build(opt)
	watchdog.Stop()
	took := time.Since(start)

	s.mu.Lock()
	old := ""
	if err == nil {
		old, s.dir = s.dir, out
		s.longest = max(s.longest, took)
	}
	s.buildErr = err
	s.running = 0
	haveGood := s.dir != ""
	s.mu.Unlock()
	if old != "" {
		// Files a request opened are still read from the removed directory.
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
		fmt.Fprintf(s.o.Log, "epaper serve: build failed%s; %s:\n%v\n", why, served, err)
	} else {
		fmt.Fprintf(s.o.Out, "built in %v%s\n", took.Round(time.Millisecond), why)
	}
	livereload.ForceRefresh()
}

// stuck says that build gen has been running for longer than limit, in the terminal and
// on the pages, unless it has finished meanwhile.
func (s *server) stuck(gen int, limit time.Duration) {
	s.mu.Lock()
	if s.running != gen {
		s.mu.Unlock()
		return
	}
	err := fmt.Errorf("the build has not finished after %v. Hugo can hang when ten or more pages fail to render "+
		"(a template error); if it does not finish, fix the error, stop epaper serve with Ctrl-C and start it again", limit)
	s.buildErr = err
	s.mu.Unlock()
	fmt.Fprintf(s.o.Log, "epaper serve: %v\n", err)
	livereload.ForceRefresh()
}

// serveHTTP serves a file of the last good build. HTML gets the live reload script and, while
// the last build failed, a banner with its error.
func (s *server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	name := path.Clean("/" + r.URL.Path)

	s.mu.RLock() // the build's directory stays while files are opened in it
	dir, buildErr := s.dir, s.buildErr
	var f *os.File
	var fi fs.FileInfo
	err := errNoBuild
	if dir != "" {
		f, fi, err = openIn(dir, name)
		if err == nil && fi.IsDir() && strings.HasSuffix(r.URL.Path, "/") {
			f.Close()
			f, fi, err = openIn(dir, path.Join(name, "index.html"))
		}
	}
	s.mu.RUnlock()
	switch {
	case err == errNoBuild:
		s.servePage(w, http.StatusServiceUnavailable, "no build yet", buildErr)
		return
	case err != nil:
		s.servePage(w, http.StatusNotFound, "404 page not found: "+name, buildErr)
		return
	}
	defer f.Close()
	if fi.IsDir() {
		if strings.HasSuffix(r.URL.Path, "/") {
			s.servePage(w, http.StatusNotFound, "404 page not found: "+name, buildErr)
			return
		}
		// A folder's index.html: with a slash at the end, for its relative links.
		target := url.URL{Path: name + "/", RawQuery: r.URL.RawQuery}
		http.Redirect(w, r, target.String(), http.StatusFound)
		return
	}
	if ext := strings.ToLower(path.Ext(fi.Name())); ext != ".html" && ext != ".htm" {
		http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
		return
	}
	page, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	s.writeHTML(w, http.StatusOK, page, buildErr)
}

// openIn opens name (a cleaned, slash-separated path from the URL) inside dir; nothing
// outside dir can be reached, symbolic links included.
func openIn(dir, name string) (*os.File, fs.FileInfo, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	defer root.Close()
	rel := strings.TrimPrefix(name, "/")
	if rel == "" {
		rel = "."
	}
	f, err := root.Open(filepath.FromSlash(rel))
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// servePage answers with a page of the preview server's own (no build yet, not found), which
// reloads too when the site is rebuilt.
func (s *server) servePage(w http.ResponseWriter, code int, msg string, buildErr error) {
	page := fmt.Sprintf("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body><p>%s</p></body></html>\n",
		html.EscapeString(msg), html.EscapeString(msg))
	s.writeHTML(w, code, []byte(page), buildErr)
}

// writeHTML writes page with the live reload script and, if buildErr is set, the error banner.
func (s *server) writeHTML(w http.ResponseWriter, code int, page []byte, buildErr error) {
	var out bytes.Buffer
	if err := s.inject.Apply(&out, bytes.NewReader(page)); err != nil {
		out.Reset()
		out.Write(page)
	}
	page = out.Bytes()
	if buildErr != nil {
		page = insertBanner(page, buildErr, code == http.StatusOK)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(code)
	_, _ = w.Write(page)
}

// BannerID is the id of the element that shows a failed build's error on every page.
const BannerID = "epaper-serve-error"

var errNoBuild = errors.New("no good build yet")

var bodyTag = regexp.MustCompile(`(?is)<body(?:\s[^>]*)?>`)

// insertBanner puts the error banner at the start of the body (at the end of the page if it
// has no <body> tag). stale says the page is of the last good build.
func insertBanner(page []byte, buildErr error, stale bool) []byte {
	what := "epaper serve: the build failed."
	if stale {
		what = "epaper serve: the last build failed; this page is of the last good build."
	}
	banner := `<div id="` + BannerID + `" role="alert" style="position:fixed;top:0;left:0;right:0;z-index:2147483647;` +
		`max-height:60vh;overflow:auto;margin:0;padding:.75em 1em;box-sizing:border-box;background:#fff3f3;color:#8b0000;` +
		`border-bottom:3px solid #c00;font:13px/1.45 ui-monospace,monospace;white-space:pre-wrap;text-align:left">` +
		`<strong>` + what + `</strong>` + "\n" +
		html.EscapeString(buildErr.Error()) + `</div>`
	at := len(page)
	if loc := bodyTag.FindIndex(page); loc != nil {
		at = loc[1]
	}
	out := make([]byte, 0, len(page)+len(banner))
	out = append(out, page[:at]...)
	out = append(out, banner...)
	return append(out, page[at:]...)
}

// connState keeps the hijacked connections, to close them on shutdown.
func (s *server) connState(c net.Conn, st http.ConnState) {
	s.connMu.Lock()
	defer s.connMu.Unlock()
	switch st {
	case http.StateHijacked:
		s.conns[c] = true
	case http.StateClosed:
		delete(s.conns, c)
	}
}

func (s *server) closeHijacked() {
	s.connMu.Lock()
	defer s.connMu.Unlock()
	for c := range s.conns {
		_ = c.Close()
		delete(s.conns, c)
	}
}

// watchTree watches every folder of a site that a build reads, at any depth, and the site's
// folder itself for its configuration files and for watched folders that appear.
// fsnotify watches single folders: folders created later (an import writes a bundle into a
// temporary folder and renames it into place) are added as they appear and dropped when
// they are removed or renamed away.
type watchTree struct {
	w    *fsnotify.Watcher
	site string
	dirs map[string]bool // the folders watched below the site
	log  io.Writer
	full bool // a watch could not be added (too many folders): said once
}

func (t *watchTree) addSite() {
	t.addOne(t.site)
	for _, d := range watchedDirs {
		t.addTree(filepath.Join(t.site, d))
	}
}

func (t *watchTree) addOne(dir string) {
	if err := t.w.Add(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return
		}
		if !t.full {
			t.full = true
			fmt.Fprintf(t.log, "epaper serve: cannot watch %s: %v (changes there are not seen; on Linux raise fs.inotify.max_user_watches)\n", dir, err)
		}
		return
	}
	if dir != t.site {
		t.dirs[dir] = true
	}
}

// addTree watches dir and every folder below it. A folder is watched before its entries are
// listed, so an entry made meanwhile is either listed or reported.
func (t *watchTree) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone meanwhile, or unreadable: skipped
		}
		if d.IsDir() {
			t.addOne(p)
		}
		return nil
	})
}

// removeTree stops watching dir and the folders below it. A folder renamed elsewhere keeps
// its watch in the kernel, under its old name; dropping it lets the new name be watched
// afresh.
func (t *watchTree) removeTree(dir string) {
	if !t.dirs[dir] {
		return
	}
	prefix := dir + string(filepath.Separator)
	for p := range t.dirs {
		if p == dir || strings.HasPrefix(p, prefix) {
			_ = t.w.Remove(p)
			delete(t.dirs, p)
		}
	}
}

// relevant reports whether a change of name (below the site) may change the build.
func (t *watchTree) relevant(name string) bool {
	rel, err := filepath.Rel(t.site, name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	for _, d := range watchedDirs {
		if top == d {
			return true
		}
	}
	if top == rel {
		for _, f := range configFiles {
			if rel == f {
				return true
			}
		}
	}
	return false
}

// hidden reports whether a path relative to the site has a part whose name starts with a
// dot: the temporary files and folders of an import or an editor.
func hidden(rel string) bool {
	for part := range strings.SplitSeq(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return false
}

// run follows the changes until ctx is done. Once the files have been quiet for debounce
// (or have kept changing for 10 times that), it asks for a build on builds; asks made while
// a build runs make one more build after it.
func (t *watchTree) run(ctx context.Context, debounce time.Duration, builds chan<- string) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var first time.Time          // of the changes not built yet
	changed := map[string]bool{} // the files changed, apart from temporary ones
	last := ""                   // the last of them
	note := func(name string) {
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		if rel, err := filepath.Rel(t.site, name); err == nil && name != "" && !hidden(rel) {
			last = filepath.ToSlash(rel)
			changed[last] = true
		}
		wait := debounce
		if limit := first.Add(10 * debounce); now.Add(wait).After(limit) {
			wait = max(limit.Sub(now), 0)
		}
		timer.Reset(wait)
	}
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-t.w.Events:
			if !ok {
				return
			}
			if !t.relevant(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				t.removeTree(ev.Name)
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					t.addTree(ev.Name)
				}
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			note(ev.Name)
		case err, ok := <-t.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Changes were lost, folders created among them too: watch all again.
				t.addSite()
				note("")
				continue
			}
			fmt.Fprintf(t.log, "epaper serve: watching files: %v\n", err)
		case <-timer.C:
			what := last
			if len(changed) > 1 {
				what += fmt.Sprintf(" and %d more", len(changed)-1)
			}
			select {
			case builds <- what:
			default: // a build is already asked for; it reads the files as they are then
			}
			first, last = time.Time{}, ""
			clear(changed)
		}
	}
}
