package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// The build manifest. A build of all shards writes OUT/.epaper/manifest.json: for every
// shard the digest of its inputs and the files it published. The next build compares the
// digests with those of the site as it is now and rebuilds only the shards that differ
// (buildChanged).
//
// A shard's digest covers:
//   - the content files it reads (shardPlan.inputs): a month's editions in full, the
//     _index.md of the editions before and after it (上一期/下一期), the home's and the
//     papers' _index.md; for the root every edition's _index.md and the newest editions in
//     full, and the list of shards and months (its search page and sitemap index name them);
//   - what every shard depends on (envDigest): epaper's theme, version and executable,
//     Hugo's version, the build options, and the site's own layouts/, assets/, i18n/,
//     data/, static/, config/ and hugo.* or config.* files.
//
// For a shard of editions the manifest also keeps the parts of its digest: Base (what it
// reads but its editions), each edition's digest and Links (the editions beyond its ends).
// A shard whose Base and old editions are as they were, with editions added, is built in
// part (partial.go): the new editions and their neighbours only.
//
// Files are compared by path, size, modification time and type, as make does: a file
// rewritten with the same bytes makes its shard rebuild (and then write nothing new); a file
// changed without a new modification time is not seen (epaper build --full sees it).

// manifestFile is where the manifest is in the output.
const manifestFile = stateDir + "/manifest.json"

// manifestFormat is the version of the manifest's format; another is ignored.
const manifestFormat = 2

type manifest struct {
	Format int                    `json:"format"`
	By     string                 `json:"by"`
	Shards map[string]*shardEntry `json:"shards"`
}

type shardEntry struct {
	Digest string `json:"digest"`
	// The parts of Digest, for a shard of editions: Base of what it reads but its editions
	// (env, sections), Editions of each of its editions (PAPER/DATE: its folder), Links of
	// the editions beyond its ends it links to. What lets a build build only part of the
	// shard (partialEditions).
	Base     string            `json:"base,omitempty"`
	Editions map[string]string `json:"editions,omitempty"`
	Links    string            `json:"links,omitempty"`
	// Files are the files the shard published, paths from the output's root, sorted;
	// _redirects is not among them: its lines are.
	Files     []string `json:"files"`
	Redirects []string `json:"redirects,omitempty"`
}

// names are the shards of m in build order: the editions' shards by name, the root last.
func (m *manifest) names() []string {
	var names []string
	for name := range m.Shards {
		if name != RootShard {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	if _, ok := m.Shards[RootShard]; ok {
		names = append(names, RootShard)
	}
	return names
}

// planManifest returns the manifest of the site of o as it is now, shards by by, with the
// shards' digests but no files yet.
func planManifest(o Options, by string) (*manifest, error) {
	eds, err := scanEditions(o.SiteDir)
	if err != nil {
		return nil, err
	}
	all, err := planOf(o.SiteDir, eds, "", by, feedLimit)
	if err != nil {
		return nil, err
	}
	if len(all.shards) == 0 {
		return nil, fmt.Errorf("no editions in %s", bundleContent(o.SiteDir))
	}
	env, err := envDigest(o)
	if err != nil {
		return nil, err
	}
	m := &manifest{Format: manifestFormat, By: by, Shards: map[string]*shardEntry{}}
	content := bundleContent(o.SiteDir)
	digests, err := editionDigests(content, eds)
	if err != nil {
		return nil, err
	}
	for _, name := range append(slices.Clone(all.shards), RootShard) {
		plan, err := planOf(o.SiteDir, eds, name, by, feedLimit)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00", env, by, name)
		e := &shardEntry{}
		if name == RootShard {
			fmt.Fprintf(h, "%q\x00%q\x00", all.shards, all.months)
			for _, in := range plan.inputs {
				if err := hashTree(h, content, in); err != nil {
					return nil, err
				}
			}
			e.Digest = hex.EncodeToString(h.Sum(nil))
			m.Shards[name] = e
			continue
		}
		// A shard of editions: its digest is that of its parts, each file read once.
		base, links := sha256.New(), sha256.New()
		fmt.Fprintf(base, "%s\x00%s\x00%s\x00", env, by, name)
		e.Editions = map[string]string{}
		for _, in := range plan.inputs {
			var err error
			switch {
			case editionInput(in, "/"):
				ed := strings.TrimSuffix(in, "/")
				d, ok := digests[ed]
				if !ok {
					return nil, fmt.Errorf("no digest of %s", in) // planOf and editionDigests disagree
				}
				e.Editions[ed] = d
				fmt.Fprintf(h, "%s\x00%s\n", ed, d)
			case editionInput(in, "/_index.md"):
				err = hashTree(links, content, in)
			default:
				err = hashTree(base, content, in)
			}
			if err != nil {
				return nil, err
			}
		}
		e.Base, e.Links = hex.EncodeToString(base.Sum(nil)), hex.EncodeToString(links.Sum(nil))
		fmt.Fprintf(h, "%s\x00%s\x00", e.Base, e.Links)
		e.Digest = hex.EncodeToString(h.Sum(nil))
		m.Shards[name] = e
	}
	return m, nil
}

// editionDigests returns the digest of every edition of eds (hashTree of its folder below
// content), by PAPER/DATE. Editions are hashed side by side: a year's ~200,000 files are
// ~200,000 system calls, which one goroutine after the other makes seconds of.
func editionDigests(content string, eds []edition) (map[string]string, error) {
	digests := make(map[string]string, len(eds))
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
	)
	next := make(chan edition)
	for range min(len(eds), 4*runtime.NumCPU()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range next {
				h := sha256.New()
				err := hashTree(h, content, e.path()[1:]+"/")
				mu.Lock()
				if err != nil && first == nil {
					first = err
				}
				digests[e.path()[1:]] = hex.EncodeToString(h.Sum(nil))
				mu.Unlock()
			}
		}()
	}
	for _, e := range eds {
		next <- e
	}
	close(next)
	wg.Wait()
	return digests, first
}

// editionInput reports whether in (a shard's input) is an edition's folder PAPER/DATE
// followed by suffix.
func editionInput(in, suffix string) bool {
	rest, ok := strings.CutSuffix(in, suffix)
	if !ok {
		return false
	}
	paper, date, ok := strings.Cut(rest, "/")
	return ok && paper != "" && !strings.Contains(date, "/") && editionDir.MatchString(date)
}

// bundleContent is the site's content folder.
func bundleContent(siteDir string) string { return filepath.Join(siteDir, "content") }

// hashTree writes to h the path, type, size and modification time of rel below root (a
// slash-separated path; ending in / for a folder and all below it); of a missing file, that
// it is missing.
func hashTree(h io.Writer, root, rel string) error {
	start := filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(rel, "/")))
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(root, p)
		fmt.Fprintf(h, "%s\x00%v\x00%d\x00%d\n", filepath.ToSlash(r), fi.Mode().Type(), fi.Size(), fi.ModTime().UnixNano())
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(h, "%s\x00missing\n", rel)
		return nil
	}
	return err
}

// envDigest is the digest of what every shard of o depends on (see the top of this file).
func envDigest(o Options) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "format %d\x00epaper %s\x00hugo %s\x00", manifestFormat, o.Version, hugoVersion())
	fmt.Fprintf(h, "base %q pagefind %q nosearch %v epubscans %v noeditionfiles %v\x00", o.BaseURL, o.Pagefind, o.NoSearch, o.EPUBScans, o.NoEditionFiles)
	if exe, err := os.Executable(); err == nil {
		_ = hashTree(h, filepath.Dir(exe), filepath.Base(exe))
	}
	if o.Pagefind != "" {
		_ = hashTree(h, filepath.Dir(o.Pagefind), filepath.Base(o.Pagefind))
	}
	if err := hashFS(h, o.Theme); err != nil {
		return "", fmt.Errorf("theme: %w", err)
	}
	for _, dir := range []string{"layouts/", "assets/", "i18n/", "data/", "static/", "config/"} {
		if err := hashTree(h, o.SiteDir, dir); err != nil {
			return "", err
		}
	}
	entries, err := os.ReadDir(o.SiteDir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		base := strings.TrimSuffix(e.Name(), path.Ext(e.Name()))
		if !e.IsDir() && (base == "hugo" || base == "config") {
			if err := hashTree(h, o.SiteDir, e.Name()); err != nil {
				return "", err
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFS writes every file of fsys, path and bytes, to h.
func hashFS(h hash.Hash, fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
		return nil
	})
}

// readManifest returns the manifest of the output out, or nil if it has none that a build
// by want.By can go on from.
func readManifest(out string, want *manifest) *manifest {
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(manifestFile)))
	if err != nil {
		return nil
	}
	var m manifest
	if json.Unmarshal(data, &m) != nil || m.Format != manifestFormat || m.By != want.By || m.Shards == nil {
		return nil
	}
	for _, e := range m.Shards {
		if e == nil {
			return nil
		}
	}
	return &m
}

// record sets the files of shard name in m from the folder dir it was built into.
func (m *manifest) record(name, dir string) error {
	e := m.Shards[name]
	e.Files, e.Redirects = nil, nil
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == stateDir { // epaper's own, not published
				return fs.SkipDir
			}
			return nil
		}
		if rel != "_redirects" {
			e.Files = append(e.Files, rel)
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		e.Redirects = redirectLines(data)
		return nil
	})
	slices.Sort(e.Files)
	return err
}

// redirectLines are the lines of a _redirects file, without blank ones.
func redirectLines(data []byte) []string {
	var lines []string
	for line := range strings.Lines(string(data)) {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// write writes m into the output folder out (atomically: a reader sees the old manifest or
// the new one).
func (m *manifest) write(out string) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(out, filepath.FromSlash(manifestFile)), append(data, '\n'))
}

// writeFileAtomic writes data to name through a temporary file beside it, renamed.
func writeFileAtomic(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // a no-op once renamed
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
