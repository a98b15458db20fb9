package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// buildChanged brings the output o.OutDir, built as old says, up to the site as want says:
// it rebuilds the shards whose digest changed, writes the files of theirs whose bytes
// changed (each replaced atomically, the root's last, as it links to the others), merges
// the _redirects lines, removes the files that no shard publishes any more, and writes the
// new manifest. Nothing changed: nothing is written. Unlike a full build, the output is
// updated in place: a reader may see some shards new and others not yet.
func buildChanged(o Options, s ShardOptions, old, want *manifest) error {
	var todo, gone []string
	for _, name := range want.names() {
		e, was := want.Shards[name], old.Shards[name]
		if was != nil && was.Digest == e.Digest {
			e.Files, e.Redirects = was.Files, was.Redirects
			if s.Built != nil {
				s.Built(ShardBuilt{Shard: name, Kept: true})
			}
			continue
		}
		todo = append(todo, name)
	}
	for _, name := range old.names() {
		if want.Shards[name] == nil {
			gone = append(gone, name)
		}
	}
	if len(todo) == 0 && len(gone) == 0 {
		if o.Changed != nil {
			o.Changed(nil, nil)
		}
		return nil
	}
	parts, err := partsDir(o.OutDir)
	if err != nil {
		return err
	}
	defer os.RemoveAll(parts)
	part := map[string][]string{}
	for _, name := range todo {
		if eds := partialEditions(o, old, want, name); eds != nil {
			part[name] = eds
		}
	}
	if err := buildShards(o, s, todo, part, parts); err != nil {
		return fmt.Errorf("build %q: %w", o.SiteDir, err)
	}
	var whole []string               // shards built in part that could not be completed
	fromDir := map[string][]string{} // of those that could, the files their folder has
	for name, eds := range part {
		files, err := completePart(o, old, want, name, filepath.Join(parts, name), eds)
		fromDir[name] = files
		if err != nil {
			if o.Log != nil {
				fmt.Fprintf(o.Log, "epaper: shard %s: %v: building it whole\n", name, err)
			}
			if err := os.RemoveAll(filepath.Join(parts, name)); err != nil {
				return err
			}
			whole = append(whole, name)
		}
	}
	if len(whole) > 0 {
		slices.Sort(whole)
		if err := buildShards(o, s, whole, nil, parts); err != nil {
			return fmt.Errorf("build %q: %w", o.SiteDir, err)
		}
		for _, name := range whole {
			delete(part, name)
		}
	}
	var written, removed []string
	for _, name := range todo {
		dir := filepath.Join(parts, name)
		files := fromDir[name] // built in part: the others stay as they are
		if part[name] == nil {
			if err := want.record(name, dir); err != nil {
				return err
			}
			files = want.Shards[name].Files
		}
		for _, rel := range files {
			changed, err := moveIfChanged(filepath.Join(dir, filepath.FromSlash(rel)), filepath.Join(o.OutDir, filepath.FromSlash(rel)))
			if err != nil {
				return fmt.Errorf("build %q: %w", o.SiteDir, err)
			}
			if changed {
				written = append(written, rel)
			}
		}
	}
	// _redirects: every shard's lines
	target := filepath.Join(o.OutDir, "_redirects")
	if lines := want.redirects(); lines != nil {
		data := []byte(strings.Join(lines, "\n") + "\n")
		if now, err := os.ReadFile(target); err != nil || !bytes.Equal(now, data) {
			if err := writeFileAtomic(target, data); err != nil {
				return err
			}
			written = append(written, "_redirects")
		}
	} else if old.redirects() != nil {
		if err := os.Remove(target); err == nil {
			removed = append(removed, "_redirects")
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	// the files no shard publishes any more
	keep := map[string]bool{}
	for _, e := range want.Shards {
		for _, f := range e.Files {
			keep[f] = true
		}
	}
	for _, name := range append(todo, gone...) {
		if old.Shards[name] == nil {
			continue
		}
		for _, rel := range old.Shards[name].Files {
			if keep[rel] {
				continue
			}
			keep[rel] = true // once
			if err := removeFile(o.OutDir, rel); err != nil {
				return err
			}
			removed = append(removed, rel)
		}
	}
	if err := keepDocs(o.OutDir, parts, todo); err != nil {
		return err
	}
	for _, name := range gone {
		if err := os.Remove(docsCache(o.OutDir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := want.write(o.OutDir); err != nil {
		return err
	}
	if o.Changed != nil {
		slices.Sort(written)
		written = slices.Compact(written)
		slices.Sort(removed)
		o.Changed(written, removed)
	}
	return nil
}

// redirects are the _redirects lines of every shard of m, sorted, each once; nil if none.
func (m *manifest) redirects() []string {
	var lines []string
	for _, e := range m.Shards {
		lines = append(lines, e.Redirects...)
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}

// moveIfChanged moves the file src to dst unless dst has the same bytes already, and says
// whether it did. The move is a rename, so dst is replaced atomically.
func moveIfChanged(src, dst string) (bool, error) {
	a, err := os.ReadFile(src)
	if err != nil {
		return false, err
	}
	if b, err := os.ReadFile(dst); err == nil && bytes.Equal(a, b) {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return false, err
	}
	return true, os.Rename(src, dst)
}

// removeFile removes rel (slash separated) from out, and the folders above it that are
// then empty. A file already gone is no error.
func removeFile(out, rel string) error {
	p := filepath.Join(out, filepath.FromSlash(rel))
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for dir := filepath.Dir(p); dir != out && strings.HasPrefix(dir, out+string(filepath.Separator)); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil { // not empty
			break
		}
	}
	return nil
}

// compareTrees compares the folder built (a new output) with old (the output it replaces,
// which may not exist): the files of built whose bytes old does not have, and the files of
// old that built does not have, as slash-separated paths, sorted. The manifest's folder
// .epaper/ is left out.
func compareTrees(old, built string) (written, removed []string, err error) {
	files := func(root string) (map[string]bool, error) {
		set := map[string]bool{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if d.IsDir() && rel == stateDir {
				return fs.SkipDir
			}
			if !d.IsDir() {
				set[rel] = true
			}
			return nil
		})
		return set, err
	}
	before, err := files(old)
	if err != nil {
		return nil, nil, err
	}
	after, err := files(built)
	if err != nil {
		return nil, nil, err
	}
	for rel := range after {
		if before[rel] {
			a, err1 := os.ReadFile(filepath.Join(old, filepath.FromSlash(rel)))
			b, err2 := os.ReadFile(filepath.Join(built, filepath.FromSlash(rel)))
			if err := errors.Join(err1, err2); err != nil {
				return nil, nil, err
			}
			if bytes.Equal(a, b) {
				continue
			}
		}
		written = append(written, rel)
	}
	for rel := range before {
		if !after[rel] {
			removed = append(removed, rel)
		}
	}
	slices.Sort(written)
	slices.Sort(removed)
	return written, removed, nil
}
