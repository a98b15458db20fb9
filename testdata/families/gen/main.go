// Command gen regenerates the committed template-family fixtures, testdata/families/FAMILY/
// {full,partial}/HOST/…, from package families. Run it from anywhere in the module:
//
//	go run ./testdata/families/gen
//
// Each variant is written into a new folder next to the old one, which it then replaces, so
// that files a fixture no longer has disappear. The hand-written oracles in
// FAMILY/expected/ are left alone. The -o flag writes below another folder instead.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/epaper-archive/epaper/testdata/families"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("gen", flag.ContinueOnError)
	out := fl.String("o", "", "folder to write the families below (default: the module's "+families.RootDir+")")
	if err := fl.Parse(args); err != nil {
		return err
	}
	root := *out
	if root == "" {
		root = families.Root()
	}
	for _, f := range families.All() {
		for _, v := range families.Variants {
			files, err := f.Files(v)
			if err != nil {
				return err
			}
			dir := families.Dir(root, f.Name, v)
			tmp := dir + ".new"
			if err := os.RemoveAll(tmp); err != nil {
				return err
			}
			if err := families.WriteFiles(tmp, files); err != nil {
				return err
			}
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
			if err := os.Rename(tmp, dir); err != nil {
				return err
			}
			n := 0
			for _, file := range files {
				n += len(file.Data)
			}
			fmt.Fprintf(stdout, "%s/%s: %d files, %d KB\n", f.Name, v, len(files), n/1024)
		}
	}
	return nil
}
