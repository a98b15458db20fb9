package site

import (
	"bytes"
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

	"github.com/gohugoio/hugo/transform"
)

// BannerID is the id of the element that shows a failed build's error on every page.
const BannerID = "epaper-serve-error"

// handler serves the files of the last good build. HTML gets the live reload script and,
// while the last build failed, a banner with its error.
type handler struct {
	builds *builds
	inject transform.Chain // the live reload script, at the start of <head>

	connMu sync.Mutex
	conns  map[net.Conn]bool // hijacked connections (the live reload websockets)
}

var errNoBuild = errors.New("no good build yet")

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	name := path.Clean("/" + r.URL.Path)

	var f *os.File
	var fi fs.FileInfo
	var buildErr error
	err := errNoBuild
	h.builds.last(func(dir string, lastErr error) {
		buildErr = lastErr
		if dir == "" {
			return
		}
		f, fi, err = openIn(dir, name)
		if err == nil && fi.IsDir() && strings.HasSuffix(r.URL.Path, "/") {
			f.Close()
			f, fi, err = openIn(dir, path.Join(name, "index.html"))
		}
	})
	switch {
	case err == errNoBuild:
		h.servePage(w, http.StatusServiceUnavailable, "no build yet", buildErr)
		return
	case err != nil:
		h.servePage(w, http.StatusNotFound, "404 page not found: "+name, buildErr)
		return
	}
	defer f.Close()
	if fi.IsDir() {
		if strings.HasSuffix(r.URL.Path, "/") {
			h.servePage(w, http.StatusNotFound, "404 page not found: "+name, buildErr)
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
	h.writeHTML(w, http.StatusOK, page, buildErr)
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
func (h *handler) servePage(w http.ResponseWriter, code int, msg string, buildErr error) {
	page := fmt.Sprintf("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body><p>%s</p></body></html>\n",
		html.EscapeString(msg), html.EscapeString(msg))
	h.writeHTML(w, code, []byte(page), buildErr)
}

// writeHTML writes page with the live reload script and, if buildErr is set, the error banner.
func (h *handler) writeHTML(w http.ResponseWriter, code int, page []byte, buildErr error) {
	var out bytes.Buffer
	if err := h.inject.Apply(&out, bytes.NewReader(page)); err != nil {
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
func (h *handler) connState(c net.Conn, st http.ConnState) {
	h.connMu.Lock()
	defer h.connMu.Unlock()
	switch st {
	case http.StateHijacked:
		h.conns[c] = true
	case http.StateClosed:
		delete(h.conns, c)
	}
}

func (h *handler) closeHijacked() {
	h.connMu.Lock()
	defer h.connMu.Unlock()
	for c := range h.conns {
		_ = c.Close()
		delete(h.conns, c)
	}
}
