package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// PagefindVersion is the Pagefind release epaper's search page is written for (npm package
// pagefind; its platform package ships the pagefind_extended binary, which segments Chinese).
const PagefindVersion = "1.6.0"

// runPagefind indexes the articles of the site in dir with the Pagefind binary bin, writing
// dir/subdir (pagefind, or pagefind/YEAR for a year shard). Only article pages are indexed: their layout marks the article with
// data-pagefind-body.
func runPagefind(ctx context.Context, bin, dir, subdir string) error {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "--site", dir, "--output-subdir", subdir, "--silent")
	cmd.Env = pagefindEnv(os.Environ())
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pagefind (%s): %w\n%s", bin, err, strings.TrimSpace(out.String()))
	}
	return nil
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
