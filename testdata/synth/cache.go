package synth

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/epaper-archive/epaper/importer"
	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/fetch"
)

// Archives and imported sites are kept in a cache folder between benchmark runs, each in a
// folder named by its kind and Options.Key, complete once its marker file is there (a run
// stopped halfway leaves a folder that is written anew next time):
//
//	CACHE/mirror-20200101-d112-p16-a8-s1/epaper.cqrb.cn/…   a mirror (Write)
//	CACHE/site-20200101-d480-p16-a8-s1/content/cqrb/…        the mirror imported (importer)
//
// A request for fewer days than a cached archive of the same start, pages, articles and seed
// holds is served from it: a mirror holds every day of its range, so the larger one is
// returned; a site gets its own folder whose files are hard links into the larger site.

const complete = ".complete"

// Mirror returns the host folder of a mirror under cache that holds every day of o, writing
// one unless the cache has it.
func Mirror(cache string, o Options) (string, error) {
	o = o.WithDefaults()
	if dir := cached(cache, "mirror", o, ""); dir != "" {
		return filepath.Join(dir, Paper().Host), nil
	}
	dir := filepath.Join(cache, "mirror-"+o.Key())
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	host := filepath.Join(dir, Paper().Host)
	st, err := Write(host, o)
	if err != nil {
		return "", err
	}
	return host, markComplete(dir, fmt.Sprintf("%+v\n", st))
}

// Site returns a site folder under cache whose content/ holds exactly the days of o as
// epaper import writes them, importing the mirror unless the cache has the site or a larger
// one to take the days from.
//
// A cached site is used only when it was imported by an importer that writes the same
// bundles as this one: its marker records the digest of the first day as the importer
// wrote it then (formatStamp), and a site whose digest differs from today's is imported
// again (a site imported before a change of the bundle format measured the old format, or
// failed to build).
func Site(cache string, o Options) (string, error) {
	o = o.WithDefaults()
	mirror, err := Mirror(cache, o)
	if err != nil {
		return "", err
	}
	stamp, err := formatStamp(cache, mirror, o)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cache, "site-"+o.Key())
	if hasStamp(dir, stamp) {
		return dir, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if larger := cached(cache, "site", o, stamp); larger != "" {
		if err := linkSubset(larger, dir, o); err != nil {
			return "", err
		}
		return dir, markComplete(dir, stamp+"linked from "+larger+"\n")
	}
	n, err := Import(mirror, dir, o)
	if err != nil {
		return "", err
	}
	return dir, markComplete(dir, stamp+fmt.Sprintf("imported %d articles from %s\n", n, mirror))
}

var stamps sync.Map // mirror and first day → the stamp, computed once a process

// formatStamp is the line a cached site's marker holds: the SHA-256 of the files the
// importer writes for the first day of o (their paths and bytes, in order), imported now
// into a temporary folder. The import is deterministic, so the digest changes only when
// what the importer writes does.
func formatStamp(cache, mirror string, o Options) (string, error) {
	key := mirror + "|" + o.Start.Format(time.DateOnly)
	if s, ok := stamps.Load(key); ok {
		return s.(string), nil
	}
	tmp, err := os.MkdirTemp(cache, "format-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	one := o
	one.Days = 1
	if _, err := Import(mirror, tmp, one); err != nil {
		return "", fmt.Errorf("the format stamp: %w", err)
	}
	h := sha256.New()
	content := filepath.Join(tmp, "content")
	err = filepath.WalkDir(content, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(content, path)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", err
	}
	s := fmt.Sprintf("format: %x\n", h.Sum(nil))
	stamps.Store(key, s)
	return s, nil
}

// hasStamp says whether dir is complete and its marker holds stamp.
func hasStamp(dir, stamp string) bool {
	note, err := os.ReadFile(filepath.Join(dir, complete))
	return err == nil && strings.HasPrefix(string(note), stamp)
}

// Import imports the days of o from the mirror host folder into siteDir, without rate
// limit, as `epaper import --from … --to … MIRROR` does: the mirror's editions of those days,
// side by side (importer.ImportEditions). It returns the number of articles imported. Any
// failure is an error, and so is a day the mirror lacks.
func Import(mirror, siteDir string, o Options) (int, error) {
	o = o.WithDefaults()
	src, err := importer.ResolveSource(mirror)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	fo := fetch.DefaultFetchOptions()
	fo.Rate = 0 // no limit
	im, err := importer.New(importer.Options{SiteDir: siteDir, Fetch: fo}, src.Transport)
	if err != nil {
		return 0, err
	}
	from, to := o.Start.Format(time.DateOnly), o.End().Format(time.DateOnly)
	var eds []archive.Edition
	for _, ed := range src.Editions {
		if ed.Date >= from && ed.Date <= to {
			eds = append(eds, ed)
		}
	}
	if len(eds) != o.Days {
		return 0, fmt.Errorf("import: %d editions from %s to %s in %s, want %d", len(eds), from, to, mirror, o.Days)
	}
	days, err := im.ImportEditions(context.Background(), eds)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range days {
		if d.Report == nil {
			return n, fmt.Errorf("import %s: %s (absent: %v)", d.Day, d.Error, d.Absent)
		}
		if f := d.Report.Failures(); len(f) > 0 {
			return n, fmt.Errorf("import %s: %d failures, the first: %s: %s", d.Day, len(f), f[0].URL, f[0].Error)
		}
		n += d.Report.Count("article", importer.Imported)
	}
	return n, nil
}

var reKey = regexp.MustCompile(`^(mirror|site)-(\d{8})-d(\d+)-p(\d+)-a(\d+)-s(\d+)$`)

// cached returns the smallest complete folder of a kind under cache that holds every day
// of o (and whose marker begins with stamp), or "".
func cached(cache, kind string, o Options, stamp string) string {
	entries, _ := os.ReadDir(cache)
	best, bestDays := "", 0
	for _, e := range entries {
		m := reKey.FindStringSubmatch(e.Name())
		if m == nil || m[1] != kind || m[2] != o.Start.Format("20060102") ||
			m[4] != strconv.Itoa(o.Pages) || m[5] != strconv.Itoa(o.Articles) || m[6] != strconv.FormatUint(o.Seed, 10) {
			continue
		}
		days, _ := strconv.Atoi(m[3])
		if days < o.Days || best != "" && days >= bestDays {
			continue
		}
		dir := filepath.Join(cache, e.Name())
		if hasStamp(dir, stamp) {
			best, bestDays = dir, days
		}
	}
	return best
}

func markComplete(dir, note string) error {
	return os.WriteFile(filepath.Join(dir, complete), []byte(note), 0o644)
}

// linkSubset makes dst a site with the paper and the editions of o's days from src, every
// file a hard link.
func linkSubset(src, dst string, o Options) error {
	paper := filepath.Join("content", Paper().Code)
	if err := linkFile(filepath.Join(src, paper, "_index.md"), filepath.Join(dst, paper, "_index.md")); err != nil {
		return err
	}
	for d := range o.Days {
		day := filepath.Join(paper, o.Start.AddDate(0, 0, d).Format(time.DateOnly))
		err := filepath.WalkDir(filepath.Join(src, day), func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			rel, err := filepath.Rel(src, path)
			if err != nil {
				return err
			}
			return linkFile(path, filepath.Join(dst, rel))
		})
		if err != nil {
			return fmt.Errorf("link %s: %w", day, err)
		}
	}
	return nil
}

func linkFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	err := os.Link(src, dst)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	return err
}
