package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchedDirs are the folders of a site whose changes rebuild it, at any depth.
var watchedDirs = []string{"content", "layouts", "assets", "static", "archetypes", "data", "i18n", "config"}

// configFiles are the configuration files at the top of a site Hugo reads.
var configFiles = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}

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
	if slices.Contains(watchedDirs, top) {
		return true
	}
	return top == rel && slices.Contains(configFiles, rel)
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

// run follows the changes of the site's files until ctx is done, keeps the watches up to
// date, and sends each change that may change the build on changes: the path of the file
// or folder from the site's root, or "" for one not worth naming (a temporary file) or
// changes that were lost.
func (t *watchTree) run(ctx context.Context, changes chan<- string) {
	send := func(name string) bool {
		select {
		case changes <- name:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		select {
		case <-ctx.Done():
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
			name := ""
			if rel, err := filepath.Rel(t.site, ev.Name); err == nil && !hidden(rel) {
				name = filepath.ToSlash(rel)
			}
			if !send(name) {
				return
			}
		case err, ok := <-t.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Changes were lost, folders created among them too: watch all again.
				t.addSite()
				if !send("") {
					return
				}
				continue
			}
			fmt.Fprintf(t.log, "epaper serve: watching files: %v\n", err)
		}
	}
}

// debounce asks for a build on builds once the changes have been quiet for quiet (or have
// kept coming for 10 times that), naming the last file changed and how many more did. An
// ask while one is waiting (a build is under way) is dropped: the build asked for reads the
// files as they are when it starts. debounce returns when ctx is done or changes is closed.
func debounce(ctx context.Context, changes <-chan string, quiet time.Duration, builds chan<- string) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var first time.Time          // of the changes not built yet
	changed := map[string]bool{} // the files changed, apart from unnamed ones
	last := ""                   // the last of them
	for {
		select {
		case <-ctx.Done():
			return
		case name, ok := <-changes:
			if !ok {
				return
			}
			now := time.Now()
			if first.IsZero() {
				first = now
			}
			if name != "" {
				last = name
				changed[name] = true
			}
			wait := quiet
			if limit := first.Add(10 * quiet); now.Add(wait).After(limit) {
				wait = max(limit.Sub(now), 0)
			}
			timer.Reset(wait)
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
