package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/epaper-archive/epaper/importer/bundle"
)

// ErrUnsafeOut is the error (wrapped) of a build or merge asked to write into a folder it
// must not replace: the site or one of its inputs, a folder holding them or inside them, or a
// folder of files epaper did not build. Nothing is written then.
var ErrUnsafeOut = errors.New("not a folder epaper may replace")

// OutMarker is the file every output folder epaper writes holds (Build, BuildSharded,
// Merge): a folder with it is one epaper built, which the next build may replace as a whole.
// It lies in the output's stateDir, beside the build manifest, which is not published.
const OutMarker = stateDir + "/build"

// stateDir is the output's folder of what epaper keeps for itself (OutMarker, the build
// manifest): not part of the site, left out of merges, manifests and --changed, and to be
// left off a CDN.
const stateDir = ".epaper"

// outMarkerText is what OutMarker holds: the same bytes in every build.
const outMarkerText = "This folder was written by epaper (build or merge), which replaces it as a whole.\n"

// siteInputs are the files and folders of a site that a build reads (or that hold what an
// import wrote): an output folder may be neither one of them, nor hold one, nor lie inside one.
var siteInputs = []string{
	"content", "layouts", "assets", "static", "archetypes", "data", "i18n", "config", "themes",
	"hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json", ".epaper",
}

// outGuard says what an output folder must keep clear of: the site (if any) and other
// inputs (the shard folders of a merge).
type outGuard struct {
	site   string   // the site folder, or ""
	inputs []string // folders and files read
}

// guardSite is the outGuard of a build of the site in siteDir.
func guardSite(siteDir string) outGuard {
	g := outGuard{site: siteDir}
	for _, name := range siteInputs {
		g.inputs = append(g.inputs, filepath.Join(siteDir, name))
	}
	return g
}

// siteHolding returns the nearest folder above out that holds a content/ folder (the site
// out is written in), or "".
func siteHolding(out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		return ""
	}
	for d := filepath.Dir(abs); d != filepath.Dir(d); d = filepath.Dir(d) {
		if fi, err := os.Stat(bundle.ContentDir(d)); err == nil && fi.IsDir() {
			return d
		}
	}
	return ""
}

// check returns an error wrapping ErrUnsafeOut if out may not be replaced as a whole.
func (g outGuard) check(out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	real := resolve(abs)
	if g.site != "" {
		if site := resolve(g.site); within(site, real) {
			return fmt.Errorf("output folder %q: %w: it is the site %q or holds it, and a build replaces its output as a whole", out, ErrUnsafeOut, g.site)
		}
	}
	for _, in := range g.inputs {
		r := resolve(in)
		if within(r, real) || within(real, r) {
			return fmt.Errorf("output folder %q: %w: it is, holds or lies inside %q, which the build reads, and a build replaces its output as a whole", out, ErrUnsafeOut, in)
		}
	}
	fi, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("output folder %q: %w: it is a file", out, ErrUnsafeOut)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(abs, filepath.FromSlash(OutMarker))); err == nil {
		return nil
	}
	if g.olderBuild(abs) {
		return nil
	}
	return fmt.Errorf("output folder %q: %w: it holds files and no %s, so epaper did not build it (give an empty or new folder, or remove it yourself)", out, ErrUnsafeOut, OutMarker)
}

// olderBuild reports whether dir, without OutMarker, is the output of an older epaper that
// wrote none: the site's public/ or a folder of its shards/ that holds the folder of one of
// the site's papers (public/cqrb/ for content/cqrb/).
func (g outGuard) olderBuild(dir string) bool {
	if g.site == "" {
		return false
	}
	site := resolve(g.site)
	real := resolve(dir)
	if real != filepath.Join(site, "public") && filepath.Dir(real) != filepath.Join(site, "shards") {
		return false
	}
	papers, err := os.ReadDir(bundle.ContentDir(site))
	if err != nil {
		return false
	}
	for _, p := range papers {
		if !p.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(bundle.ContentDir(site), p.Name(), bundle.BranchIndex)); err != nil {
			continue
		}
		if fi, err := os.Stat(filepath.Join(real, p.Name())); err == nil && fi.IsDir() {
			return true
		}
	}
	return false
}

// writeOutMarker marks dir as an output folder epaper wrote.
func writeOutMarker(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, stateDir), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, filepath.FromSlash(OutMarker)), []byte(outMarkerText), 0o644)
}

// resolve returns the absolute path with the symbolic links of its longest existing part
// resolved, so that two names of one folder compare equal.
func resolve(path string) string {
	path = filepath.Clean(path)
	rest := ""
	for p := path; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(p) == p {
			return path
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// within reports whether path is dir or lies inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
