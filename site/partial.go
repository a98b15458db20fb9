package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Building part of a shard. A day added to an archive changes its month's shard, which a
// build would otherwise rebuild whole: ~5 s early in a month, ~20 s at its end. When the
// only change of a shard is editions added (its other editions and everything else it reads
// as they were), BuildSharded builds only the new editions and the editions next to them
// (their 上一期/下一期 lead to the new ones; the shard's first and last when the editions
// beyond its ends changed), and completes the shard from its files in the output
// (completePart): the other editions' files stay as they are; the shard's built-in search
// index is made again from the articles of the last build (kept in the output's .epaper/
// as each shard's docs) with the new editions' in place of theirs; Pagefind indexes the
// months of the part over their pages as they now are; the shard's sitemap is the last
// one's entries with the part's pages'; its _redirects lines are the last ones' with the
// part's. The result is the same bytes as the shard built whole
// (cmd/epaper/incremental_test.go compares them offline, for a CDN, with Pagefind and by
// year).
//
// Built whole, as before: a shard with an edition changed or removed (the alias files of a
// changed edition could not be told from the others'), or whose sections, layouts,
// configuration or epaper changed; a shard whose docs the output does not have; a root
// shard; a build without search indexes; and a part that cannot be completed (a file it
// publishes outside its editions' folders that another page publishes too, a file of the
// last build gone from the output).

// shardDocsFile is where a shard's build writes its articles (the built-in search index's
// docs) in its output folder, for BuildSharded to keep.
const shardDocsFile = stateDir + "/docs.gob.gz"

// docsCache is the file of the output out that keeps the docs of shard name.
func docsCache(out, name string) string {
	return filepath.Join(out, filepath.FromSlash(stateDir), "docs", name+".gob.gz")
}

// writeShardDocs writes docs to file (gzipped gob: its strings come back byte for byte,
// where JSON would mend invalid UTF-8), atomically.
func writeShardDocs(file string, docs []searchDoc) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".docs-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	zw, _ := gzip.NewWriterLevel(tmp, gzip.BestSpeed)
	if docs == nil {
		docs = []searchDoc{}
	}
	err = errors.Join(gob.NewEncoder(zw).Encode(docs), zw.Close(), tmp.Close())
	if err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	return os.Rename(tmp.Name(), file)
}

// readShardDocs reads the docs writeShardDocs wrote to file.
func readShardDocs(file string) ([]searchDoc, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	var docs []searchDoc
	if err := gob.NewDecoder(zr).Decode(&docs); err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	return docs, nil
}

// partialEditions returns the editions (PAPER/DATE) of shard name to build when only part
// of it needs building (see the top of this file): the editions want has that old had not,
// and those next to them in the shard (and the shard's first and last editions when the
// editions beyond its ends changed); nil when the shard is to be built whole.
func partialEditions(o Options, old, want *manifest, name string) []string {
	if name == RootShard || o.NoSearch {
		return nil
	}
	was, now := old.Shards[name], want.Shards[name]
	if was == nil || now == nil || was.Base == "" || was.Base != now.Base || was.Editions == nil {
		return nil
	}
	for ed, digest := range was.Editions {
		if now.Editions[ed] != digest {
			return nil // changed or removed
		}
	}
	if len(now.Editions) == len(was.Editions) && was.Links == now.Links {
		return nil // nothing of its editions changed: build it whole, as before
	}
	if _, err := os.Stat(docsCache(o.OutDir, name)); err != nil {
		return nil
	}
	// The shard's editions by paper, in date order (PAPER/DATE sorts so).
	all := make([]string, 0, len(now.Editions))
	for ed := range now.Editions {
		all = append(all, ed)
	}
	slices.Sort(all)
	paper := func(ed string) string { return path.Dir(ed) }
	set := map[string]bool{}
	for i, ed := range all {
		if _, ok := was.Editions[ed]; ok {
			continue
		}
		set[ed] = true
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(all) && paper(all[j]) == paper(ed) {
				set[all[j]] = true
			}
		}
	}
	if was.Links != now.Links { // an edition beyond the shard's ends came or went
		for i, ed := range all {
			if i == 0 || paper(all[i-1]) != paper(ed) || i == len(all)-1 || paper(all[i+1]) != paper(ed) {
				set[ed] = true
			}
		}
	}
	if len(set) >= len(all) {
		return nil
	}
	var part []string
	for ed := range set {
		part = append(part, ed)
	}
	slices.Sort(part)
	return part
}

// completePart makes the folder dir, where part (editions PAPER/DATE) of shard name was
// built, the shard's output as a build of the whole shard would have written it, but for
// the files of its other editions, which stay in the output o.OutDir as they are: it
// writes the shard's search indexes (the built-in one from the docs of the last build with
// part's in place of theirs, Pagefind's of the months of part over the month's pages), its
// sitemap (the last one's entries with part's in place of theirs) and sets the shard's files
// and _redirects lines in want to those of dir and the others of old. It fails, and the
// shard is to be built whole, if a file dir publishes outside part's folders is one that
// another edition's page publishes (an alias the whole build would have refused or given
// to another page).
func completePart(o Options, old, want *manifest, name, dir string, part []string) (fromDir []string, err error) {
	inPart := func(p string) bool {
		for _, ed := range part {
			if strings.HasPrefix(p, ed+"/") {
				return true
			}
		}
		return false
	}
	was := old.Shards[name]

	// The articles of the shard: the last build's, part's in place of theirs.
	cached, err := readShardDocs(docsCache(o.OutDir, name))
	if err != nil {
		return nil, err
	}
	built, err := readShardDocs(filepath.Join(dir, filepath.FromSlash(shardDocsFile)))
	if err != nil {
		return nil, err
	}
	docs := slices.DeleteFunc(cached, func(d searchDoc) bool { return inPart(d.Path) })
	docs = append(docs, built...)
	slices.SortFunc(docs, func(a, b searchDoc) int { return strings.Compare(a.Path, b.Path) })

	// What this completes: the built-in search index, the sitemap, and the Pagefind index
	// of each month of part that has articles (a month without has none, as in a whole
	// build).
	index := builtinSearchDir(name) + "/"
	sitemap := "sitemaps/" + name + ".xml"
	withDocs := docMonths(docs)
	var months []string
	for _, ed := range part {
		if m := path.Base(ed)[:7]; slices.Contains(withDocs, m) && !slices.Contains(months, m) {
			months = append(months, m)
		}
	}
	slices.Sort(months)
	remade := func(f string) bool {
		if strings.HasPrefix(f, index) || f == sitemap {
			return true
		}
		for _, m := range months {
			if strings.HasPrefix(f, pagefindDir(m)+"/") {
				return true
			}
		}
		return false
	}

	// What dir publishes outside part's folders is the shard's own (the theme's files as
	// they were) or an alias no other page has.
	if err := want.record(name, dir); err != nil {
		return nil, err
	}
	owned := map[string][]string{} // file → the shards of the last build that published it
	for shard, e := range old.Shards {
		for _, f := range e.Files {
			owned[f] = append(owned[f], shard)
		}
	}
	for _, f := range want.Shards[name].Files {
		if inPart(f) || remade(f) {
			continue
		}
		shards, ok := owned[f]
		if !ok {
			if paperDate.MatchString(f) {
				return nil, fmt.Errorf("%s lies in an edition's folder that is not of the editions built", f)
			}
			continue // a new alias
		}
		if !slices.Contains(shards, name) {
			slices.Sort(shards)
			return nil, fmt.Errorf("%s is published by shard %s", f, strings.Join(shards, ", "))
		}
		a, err1 := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		b, err2 := os.ReadFile(filepath.Join(o.OutDir, filepath.FromSlash(f)))
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			return nil, fmt.Errorf("%s differs from the last build's", f)
		}
	}

	if err := writeSearchIndex(filepath.Join(dir, filepath.FromSlash(index)), docs); err != nil {
		return nil, err
	}
	if err := writeShardDocs(filepath.Join(dir, filepath.FromSlash(shardDocsFile)), docs); err != nil {
		return nil, err
	}
	if o.Pagefind != "" && len(months) > 0 {
		if err := pagefindPart(o, dir, months, want.Shards[name].Files, was.Files, inPart); err != nil {
			return nil, err
		}
	}
	if !o.Offline() {
		if err := mergeSitemap(o, dir, sitemap, inPart); err != nil {
			return nil, err
		}
	}

	// The shard's files: dir's, and the others' of the last build.
	if err := want.record(name, dir); err != nil {
		return nil, err
	}
	e := want.Shards[name]
	fromDir = slices.Clone(e.Files)
	have := map[string]bool{}
	for _, f := range e.Files {
		have[f] = true
	}
	for _, f := range was.Files {
		if have[f] || inPart(f) || remade(f) {
			continue
		}
		if _, err := os.Lstat(filepath.Join(o.OutDir, filepath.FromSlash(f))); err != nil {
			return nil, fmt.Errorf("%s of the last build is not in %s", f, o.OutDir)
		}
		e.Files = append(e.Files, f)
	}
	slices.Sort(e.Files)
	e.Redirects = append(e.Redirects, was.Redirects...)
	slices.Sort(e.Redirects)
	e.Redirects = slices.Compact(e.Redirects)
	return fromDir, nil
}

// pagefindPart writes into dir Pagefind's index of each of months over the month's pages:
// those dir has (files) and the others the output o.OutDir has of the last build (last),
// linked into a folder of their own for Pagefind to read.
func pagefindPart(o Options, dir string, months, files, last []string, inPart func(string) bool) error {
	view := dir + ".view"
	defer os.RemoveAll(view)
	isPage := func(f string) bool {
		for _, m := range months {
			if ok, _ := path.Match("*/"+m+"-??/*/*/index.html", f); ok {
				return true
			}
		}
		return false
	}
	for _, f := range files {
		if isPage(f) {
			if err := linkFile(filepath.Join(dir, filepath.FromSlash(f)), filepath.Join(view, filepath.FromSlash(f))); err != nil {
				return err
			}
		}
	}
	for _, f := range last {
		if isPage(f) && !inPart(f) {
			if err := linkFile(filepath.Join(o.OutDir, filepath.FromSlash(f)), filepath.Join(view, filepath.FromSlash(f))); err != nil {
				return err
			}
		}
	}
	if err := runPagefind(context.Background(), o.Pagefind, view, months); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	for _, m := range months {
		dst := filepath.Join(dir, filepath.FromSlash(pagefindDir(m)))
		if err := os.RemoveAll(dst); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(view, filepath.FromSlash(pagefindDir(m))), dst); err != nil {
			return err
		}
	}
	return nil
}

// mergeSitemap makes the sitemap file (a path from the root) of dir the last build's
// entries, with dir's of the pages in part in place of theirs.
func mergeSitemap(o Options, dir, file string, inPart func(string) bool) error {
	partMap, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
	if err != nil {
		return err
	}
	lastMap, err := os.ReadFile(filepath.Join(o.OutDir, filepath.FromSlash(file)))
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(o.BaseURL, "/") + "/"
	under := func(loc string) bool {
		rel, ok := strings.CutPrefix(loc, base)
		return ok && inPart(rel)
	}
	head, entries, tail := sitemapEntries(lastMap)
	entries = slices.DeleteFunc(entries, func(e sitemapEntry) bool { return under(e.loc) })
	_, now, _ := sitemapEntries(partMap)
	for _, e := range now {
		if under(e.loc) {
			entries = append(entries, e)
		}
	}
	return os.WriteFile(filepath.Join(dir, filepath.FromSlash(file)), writeSitemap(head, entries, tail), 0o644)
}

// paperDate matches a path in an edition's folder, PAPER/DATE/….
var paperDate = regexp.MustCompile(`^[^/]+/\d{4}-\d{2}-\d{2}/`)

// linkFile makes dst the file src: a hard link, else a copy.
func linkFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if os.Link(src, dst) == nil {
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

// keepDocs moves the docs of the shards names, built below parts, into the output out's
// .epaper/docs/, for the next build of a part of them.
func keepDocs(out, parts string, names []string) error {
	for _, name := range names {
		src := filepath.Join(parts, name, filepath.FromSlash(shardDocsFile))
		if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
			_ = os.Remove(docsCache(out, name)) // none (the root, --no-search): none kept
			continue
		}
		dst := docsCache(out, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(src, dst); err != nil {
			return err
		}
	}
	return nil
}
