package families

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// readTree returns every file below dir by its slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatalf("read %q: %v", dir, err)
	}
	return files
}

func TestCommittedTreesAreWhatTheGeneratorWrites(t *testing.T) {
	const fix = "; run `go run ./testdata/families/gen` and commit the result"
	for _, f := range All() {
		for _, v := range Variants {
			want, err := f.Files(v)
			if err != nil {
				t.Fatal(err)
			}
			got := readTree(t, Dir(Root(), f.Name, v))
			for _, file := range want {
				data, ok := got[file.Path]
				switch {
				case !ok:
					t.Errorf("%s/%s: %s missing from the committed tree%s", f.Name, v, file.Path, fix)
				case !bytes.Equal(data, file.Data):
					t.Errorf("%s/%s: %s differs from what the generator writes%s", f.Name, v, file.Path, fix)
				}
				delete(got, file.Path)
			}
			for p := range got {
				t.Errorf("%s/%s: %s is committed but not generated%s", f.Name, v, p, fix)
			}
		}
	}
}

func TestGeneratorIsDeterministic(t *testing.T) {
	again := All()
	for i, f := range All() {
		for _, v := range Variants {
			a, err := f.Files(v)
			if err != nil {
				t.Fatal(err)
			}
			b, err := again[i].Files(v)
			if err != nil {
				t.Fatal(err)
			}
			if len(a) != len(b) {
				t.Fatalf("%s/%s: %d files, then %d", f.Name, v, len(a), len(b))
			}
			for i := range a {
				if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
					t.Errorf("%s/%s: file %d is %s, then %s, or its bytes differ", f.Name, v, i, a[i].Path, b[i].Path)
				}
			}
		}
	}
}

// The gen command's output, written twice into fresh folders, is the same bytes.
func TestWriteTwiceSameBytes(t *testing.T) {
	f := All()[0]
	files, err := f.Files("partial")
	if err != nil {
		t.Fatal(err)
	}
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := WriteFiles(dir, files); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(files) || len(ta) != len(tb) {
		t.Fatalf("%d files to write, %d and %d written", len(files), len(ta), len(tb))
	}
	for p, data := range ta {
		if !bytes.Equal(data, tb[p]) {
			t.Errorf("%s differs between two writes", p)
		}
	}
}

// The fixtures stay small: under 2 MB in all, no file over 64 KB.
func TestFixturesAreSmall(t *testing.T) {
	total := 0
	for _, f := range All() {
		for _, v := range Variants {
			files, err := f.Files(v)
			if err != nil {
				t.Fatal(err)
			}
			for _, file := range files {
				total += len(file.Data)
				if len(file.Data) > 64<<10 {
					t.Errorf("%s/%s: %s is %d KB", f.Name, v, file.Path, len(file.Data)>>10)
				}
			}
		}
	}
	if total > 2<<20 {
		t.Errorf("the families are %d KB in all, want under 2 MB", total>>10)
	}
}

// A partial capture lacks exactly what its gaps say, and each family's has every kind of gap.
func TestPartialCapturesHaveTheirGaps(t *testing.T) {
	for _, f := range All() {
		full, err := f.Files("full")
		if err != nil {
			t.Fatal(err)
		}
		part, err := f.Files("partial")
		if err != nil {
			t.Fatal(err)
		}
		kept := map[string]bool{}
		for _, file := range part {
			kept[file.Path] = true
		}
		lacks := map[Kind]int{}
		for _, file := range full {
			if !kept[file.Path] {
				lacks[file.Kind]++
			}
		}
		for _, k := range []Kind{KindPage, KindArticle, KindScan} {
			if lacks[k] == 0 {
				t.Errorf("%s: the partial capture lacks no %s", f.Name, k)
			}
		}
		if lacks[KindIndex] != 0 || lacks[KindAsset] != 0 {
			t.Errorf("%s: the partial capture lacks an index or an asset", f.Name)
		}
	}
}
