package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/testdata/synth"
)

// TestIncrementalBuild: a month-sharded site brought up to date by an incremental build is
// the same bytes (every file, the manifest too) as one built from scratch with --full,
// after each change a publisher makes: a day added, an article imported again with a change,
// a layout changed, an edition deleted, a month's last edition deleted (its shard gone).
// Only the shards concerned are built; --changed lists exactly the files whose bytes
// changed and the files removed; a build with nothing changed writes no file.
func TestIncrementalBuild(t *testing.T) {
	t.Parallel()
	for _, mode := range []struct {
		name string
		args []string
	}{
		{"offline", []string{"--no-pagefind"}},
		{"cdn", []string{"--no-pagefind", "--base-url", "https://paper.example.org/"}},
		{"cdn+pagefind", []string{"--pagefind", "", "--base-url", "https://paper.example.org/"}},
		{"cdn by year", []string{"--no-pagefind", "--base-url", "https://paper.example.org/", "--shard", "year"}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			args := slices.Clone(mode.args)
			if i := slices.Index(args, "--pagefind"); i >= 0 {
				args[i+1] = pagefind(t)
			}
			incremental(t, args)
		})
	}
}

func incremental(t *testing.T, args []string) {
	byYear := slices.Contains(args, "year") // shards named as months below are the year's
	dir := t.TempDir()
	mirror := filepath.Join(dir, "mirror", synth.Paper().Host)
	o := synth.Options{Start: time.Date(2021, 1, 30, 0, 0, 0, 0, synth.CST), Days: 5, Pages: 2, Articles: 2, Seed: 3}
	if _, err := synth.Write(mirror, o); err != nil {
		t.Fatal(err)
	}
	site, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	imp := func(from, to string) {
		t.Helper()
		if _, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--site", site, "--from", from, "--to", to, mirror); code != 0 {
			t.Fatalf("import %s…%s: exit %d\n%s", from, to, code, errOut)
		}
	}
	changes := filepath.Join(dir, "changed.txt")
	// step builds incrementally, checks it against a build from scratch and --changed
	// against what changed, and returns what the build printed.
	step := func(what string, wantBuilt ...string) string {
		t.Helper()
		before := tree(t, out)
		stdout, errOut, code := runEpaper(t, append([]string{"build", "--site", site, "--out", out, "--shard", "month", "--changed", changes}, args...)...)
		if code != 0 {
			t.Fatalf("%s: build: exit %d\n%s", what, code, errOut)
		}
		if strings.Contains(errOut, "building it whole") {
			t.Errorf("%s: a part could not be completed: %s", what, errOut)
		}
		var built []string
		for line := range strings.Lines(stdout) {
			if name, ok := strings.CutPrefix(line, "built shard "); ok {
				built = append(built, strings.Fields(name)[0])
			}
		}
		if byYear {
			for i, name := range wantBuilt {
				wantBuilt[i] = strings.Split(name, "-")[0]
			}
		}
		slices.Sort(built)
		slices.Sort(wantBuilt)
		wantBuilt = slices.Compact(wantBuilt)
		if !slices.Equal(built, wantBuilt) {
			t.Errorf("%s: built shards %q, want %q", what, built, wantBuilt)
		}
		scratch := filepath.Join(dir, "scratch")
		if _, errOut, code := runEpaper(t, append([]string{"build", "--site", site, "--out", scratch, "--shard", "month", "--full"}, args...)...); code != 0 {
			t.Fatalf("%s: build from scratch: exit %d\n%s", what, code, errOut)
		}
		after, want := tree(t, out), tree(t, scratch)
		for name, data := range want {
			if got, ok := after[name]; !ok {
				t.Errorf("%s: %s: in the build from scratch, not in the incremental one", what, name)
			} else if !bytes.Equal(got, data) {
				t.Errorf("%s: %s differs between the incremental build and the one from scratch", what, name)
			}
		}
		for name := range after {
			if _, ok := want[name]; !ok {
				t.Errorf("%s: %s: in the incremental build, not in the one from scratch", what, name)
			}
		}
		var wantList []string
		for name, data := range after {
			if old, ok := before[name]; (!ok || !bytes.Equal(old, data)) && !strings.HasPrefix(name, ".epaper/") {
				wantList = append(wantList, "+ "+name)
			}
		}
		for name := range before {
			if _, ok := after[name]; !ok && !strings.HasPrefix(name, ".epaper/") {
				wantList = append(wantList, "- "+name)
			}
		}
		list, err := os.ReadFile(changes)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Split(strings.TrimSuffix(string(list), "\n"), "\n")
		if len(list) == 0 {
			got = nil
		}
		slices.Sort(got)
		slices.Sort(wantList)
		if !slices.Equal(got, wantList) {
			t.Errorf("%s: --changed lists %q,\nwant %q", what, got, wantList)
		}
		return stdout
	}

	imp("2021-01-30", "2021-02-01") // 01-30, 01-31, 02-01
	if _, errOut, code := runEpaper(t, append([]string{"build", "--site", site, "--out", out, "--shard", "month"}, args...)...); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}

	// Nothing changed: nothing built, no file written.
	mtimes := modTimes(t, out)
	step("no change")
	if got := modTimes(t, out); !maps(got, mtimes) {
		t.Errorf("a build with nothing changed touched files")
	}
	// --full with nothing changed replaces the output, and lists nothing: not even
	// epaper's own .epaper/ (marker, manifest), which is not published.
	if _, errOut, code := runEpaper(t, append([]string{"build", "--site", site, "--out", out, "--shard", "month", "--full", "--changed", changes}, args...)...); code != 0 {
		t.Fatalf("build --full: exit %d\n%s", code, errOut)
	}
	if list, err := os.ReadFile(changes); err != nil || len(list) != 0 {
		t.Errorf("build --full with nothing changed: --changed lists %q (%v), want nothing", list, err)
	}

	imp("2021-02-02", "2021-02-02")
	step("a day added", "2021-02", "root")

	// A third day of February: only it and the day before (whose 下一期 leads to it) are
	// built; the shard's other files stay, its search index holds all three days, its
	// sitemap all their pages (compared above with the shard built whole).
	imp("2021-02-03", "2021-02-03")
	stdout := step("a day added to a month of two", "2021-02", "root")
	if shard := map[bool]string{false: "2021-02", true: "2021"}[byYear]; !strings.Contains(stdout, "built shard "+shard+" in ") || !strings.Contains(stdout, " (2 editions, the others as they were)\n") {
		t.Errorf("a day added to a month of two: the shard was not built in part:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, ".epaper", "docs", "2021-02.gob.gz")); err != nil && !byYear {
		t.Errorf("the articles of February are not kept for the next build: %v", err)
	}

	article := filepath.Join(site, "content", "cqrb", "2021-01-30", "001")
	arts, err := os.ReadDir(article)
	if err != nil {
		t.Fatal(err)
	}
	var md string
	for _, a := range arts {
		if a.IsDir() {
			md = filepath.Join(article, a.Name(), "index.md")
			break
		}
	}
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(md, append(data, []byte("\n补充的一段。\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	step("an article changed", "2021-01", "root") // the root holds the newest 50 articles in full, for the feeds

	footer := filepath.Join(site, "layouts", "_partials", "epaper", "footer.html")
	if err := os.MkdirAll(filepath.Dir(footer), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(footer, []byte(`<footer class="site-footer"><p>本地的页脚</p></footer>`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	step("a layout changed", "2021-01", "2021-02", "root")

	if err := os.RemoveAll(filepath.Join(site, "content", "cqrb", "2021-02-01")); err != nil {
		t.Fatal(err)
	}
	step("an edition deleted", "2021-01", "2021-02", "root") // 2021-01-31's 下一期 is 02-02 now

	for _, ed := range []string{"2021-02-02", "2021-02-03"} {
		if err := os.RemoveAll(filepath.Join(site, "content", "cqrb", ed)); err != nil {
			t.Fatal(err)
		}
	}
	step("a month's last editions deleted", "2021-01", "root")
	if _, err := os.Stat(filepath.Join(out, "cqrb", "2021-02-02")); err == nil {
		t.Errorf("the deleted edition's folder is still in the output")
	}
	if _, err := os.Stat(filepath.Join(out, ".epaper", "docs", "2021-02.gob.gz")); err == nil && !byYear {
		t.Errorf("the docs of the month gone are still kept")
	}
	// The site built whole into the same output: --changed lists where the search indexes
	// and sitemaps of the two ways differ, never .epaper/ (epaper's own, not published).
	if _, errOut, code := runEpaper(t, append([]string{"build", "--site", site, "--out", out, "--shard", "none", "--changed", changes}, args...)...); code != 0 {
		t.Fatalf("build --shard none: exit %d\n%s", code, errOut)
	}
	if list, err := os.ReadFile(changes); err != nil || strings.Contains(string(list), ".epaper") {
		t.Errorf("build --shard none: --changed lists %q (%v), nothing of .epaper/", list, err)
	}
}

// modTimes returns the modification time of every file below root.
func modTimes(t *testing.T, root string) map[string]time.Time {
	t.Helper()
	m := map[string]time.Time{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		m[p] = fi.ModTime()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func maps(a, b map[string]time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !b[k].Equal(v) {
			return false
		}
	}
	return true
}
