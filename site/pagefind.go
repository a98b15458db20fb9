package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// PagefindVersion is the Pagefind release epaper's search page is written for (npm package
// pagefind; its platform package ships the pagefind_extended binary, which segments Chinese).
const PagefindVersion = "1.6.0"

// runPagefind indexes the articles of the site in dir with the Pagefind binary bin, a month
// at a time: the articles of month M (2021-04) go to dir/pagefind/M/. Pagefind holds all it
// indexes in memory (about 600 KB per article of 1,500 characters, measured with 1.6.0), so
// a year in one run would need tens of GiB; a month of a 16-page daily takes about 2.5 GiB.
// The search page merges the months' indexes. Only article pages are indexed (the glob names
// them, and their layout marks the article with data-pagefind-body).
func runPagefind(ctx context.Context, bin, dir string, months []string) error {
	for _, m := range months {
		var out bytes.Buffer
		cmd := exec.CommandContext(ctx, bin, "--site", dir,
			"--glob", "*/"+m+"-??/*/*/index.html",
			"--output-subdir", pagefindDir(m), "--silent")
		cmd.Env = pagefindEnv(os.Environ())
		cmd.Stdout = &out
		cmd.Stderr = &out
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("pagefind (%s) for %s: %w\n%s", bin, m, err, strings.TrimSpace(out.String()))
		}
	}
	return nil
}

// pagefindDir is where the Pagefind index of month m (2021-04) is written in the site.
func pagefindDir(month string) string { return "pagefind/" + month }

// docMonths returns the months (2021-04) of the editions the docs belong to, in order.
func docMonths(docs []searchDoc) []string {
	var months []string
	for _, d := range docs {
		parts := strings.SplitN(d.Path, "/", 3)
		if len(parts) < 3 || !editionDir.MatchString(parts[1]) {
			continue // an article outside an edition: in the built-in index only
		}
		if m := parts[1][:7]; !slices.Contains(months, m) {
			months = append(months, m)
		}
	}
	slices.Sort(months)
	return months
}

// pagefindEnv is the environment without PAGEFIND_* variables, which would change the
// index (Pagefind reads its options from them too).
func pagefindEnv(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		if !strings.HasPrefix(kv, "PAGEFIND_") {
			out = append(out, kv)
		}
	}
	return out
}

// PagefindVersionOf returns what bin --version prints, e.g. "pagefind 1.6.0".
func PagefindVersionOf(ctx context.Context, bin string) (string, error) {
	out, err := exec.CommandContext(ctx, bin, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("pagefind %s: %w", bin, err)
	}
	return strings.TrimSpace(string(out)), nil
}
