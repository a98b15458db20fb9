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

// Merge puts the output folders of a sharded build (the root's and the years', in any order)
// together into out, which it replaces as a whole once all is in place. The shards publish
// different files, but for the theme's CSS and scripts, which they share: a file in two
// folders must be the same bytes, else Merge fails naming it. _redirects, which every shard
// writes for its own pages, is the exception: its lines are merged, sorted. out may not be
// or lie among the shard folders, nor among the inputs of the site whose folder holds it
// (its content/, layouts/, static/ …), as a build's output may not.
func Merge(out string, dirs []string) error {
	if len(dirs) == 0 {
		return errors.New("merge: no shard folders given")
	}
	g := outGuard{inputs: dirs}
	if site := siteHolding(out); site != "" {
		g = guardSite(site)
		g.inputs = append(g.inputs, dirs...)
	}
	return stage(out, "merge", g, func(staging string) error { return mergeInto(staging, dirs) })
}

// mergeInto puts the shard folders dirs together into the empty folder staging, as Merge
// says.
func mergeInto(staging string, dirs []string) error {
	from := map[string]string{} // file → the folder it came from
	var redirects []string
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil {
			return fmt.Errorf("merge: %w", err)
		} else if !fi.IsDir() {
			return fmt.Errorf("merge: %q is not a folder", dir)
		}
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			target := filepath.Join(staging, rel)
			if d.IsDir() {
				if filepath.ToSlash(rel) == stateDir { // the shards' own marker and manifest
					return fs.SkipDir
				}
				return os.MkdirAll(target, 0o755)
			}
			if !d.Type().IsRegular() {
				return fmt.Errorf("%s: not a regular file", path)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if rel == "_redirects" {
				for line := range strings.Lines(string(data)) {
					if line = strings.TrimSpace(line); line != "" {
						redirects = append(redirects, line)
					}
				}
				return nil
			}
			if first, ok := from[rel]; ok {
				old, err := os.ReadFile(target)
				if err != nil {
					return err
				}
				if !bytes.Equal(old, data) {
					return fmt.Errorf("%s differs between %s and %s: shards of one build publish the same bytes or different files", rel, first, dir)
				}
				return nil
			}
			from[rel] = dir
			// a hard link where the folders share a file system, else a copy
			if err := os.Link(path, target); err == nil {
				return nil
			}
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			return fmt.Errorf("merge %q: %w", dir, err)
		}
	}
	if redirects != nil {
		slices.Sort(redirects)
		redirects = slices.Compact(redirects)
		return os.WriteFile(filepath.Join(staging, "_redirects"), []byte(strings.Join(redirects, "\n")+"\n"), 0o644)
	}
	return nil
}
