package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// The fixture edition is imported once for the package and built once in each way that
// several tests read: a test that only reads a site shares it, a test that changes one
// works on a copy (copySite). They live in sharedDir, removed when the tests end.
var sharedDir string

func TestMain(m *testing.M) {
	// A sharded build runs each shard as this program (runShard): in the tests, this
	// test binary, which then is the command.
	if os.Getenv(shardChildEnv) != "" {
		os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr), os.Stderr))
	}
	dir, err := os.MkdirTemp("", "epaper-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sharedDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runOnce runs the command in process, for what is shared between tests (no *testing.T).
func runOnce(args ...string) error {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, &out, &errOut); err != nil {
		return fmt.Errorf("epaper %q: %w\n%s%s", args, err, out.String(), errOut.String())
	}
	return nil
}

var fixtureImport = sync.OnceValues(func() (string, error) {
	srv := fixture.NewServer(fixture.Root())
	defer srv.Close()
	site := filepath.Join(sharedDir, "site")
	return site, runOnce("import", "--rate", "0", "-q", "--site", site, srv.URL()+"/html/cqrb/index.htm")
})

// importedSite returns the site the fixture edition was imported into (from a loopback
// server), imported once for the package. Read it only.
func importedSite(t *testing.T) string {
	t.Helper()
	site, err := fixtureImport()
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// sharedBuild builds the imported site once for the package with the flags given (and
// --no-pagefind: a test of search builds its own) into a folder of its own.
func sharedBuild(name string, flags ...string) func(*testing.T) string {
	build := sync.OnceValues(func() (string, error) {
		site, err := fixtureImport()
		if err != nil {
			return "", err
		}
		public := filepath.Join(sharedDir, name)
		return public, runOnce(append([]string{"build", "--no-pagefind", "--site", site, "--out", public}, flags...)...)
	})
	return func(t *testing.T) string {
		t.Helper()
		public, err := build()
		if err != nil {
			t.Fatal(err)
		}
		return public
	}
}

// offlineSite is the fixture edition built for file:// (the default). Read it only.
var offlineSite = sharedBuild("offline")

// cdnBase is the URL cdnSite is built for.
const cdnBase = "https://paper.example.org/epaper/"

// cdnSite is the fixture edition built for a CDN under a sub-path. Read it only.
var cdnSite = sharedBuild("cdn", "--base-url", cdnBase)

// copySite returns a copy of the imported site and, if public is not "", of that build as
// the copy's public/: a site a test may change.
func copySite(t *testing.T, public string) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(importedSite(t))); err != nil {
		t.Fatal(err)
	}
	if public != "" {
		if err := os.CopyFS(filepath.Join(site, "public"), os.DirFS(public)); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// builtSite builds the imported site with args into a folder of the test's own, and returns
// the folder.
func builtSite(t *testing.T, args ...string) string {
	t.Helper()
	public := filepath.Join(t.TempDir(), "public")
	if _, errOut, code := runEpaper(t, append([]string{"build", "--site", importedSite(t), "--out", public}, args...)...); code != 0 {
		t.Fatalf("build %q: %s", args, errOut)
	}
	return public
}
