package site

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

func TestTerms(t *testing.T) {
	t.Parallel()
	var got []string
	terms("招商引资，ＧＤＰ 2021年", func(s string) { got = append(got, s) })
	want := []string{"招", "商", "招商", "引", "商引", "资", "引资", "g", "d", "gd", "p", "dp", "2", "0", "20", "2", "02", "1", "21", "年", "1年"}
	if !slices.Equal(got, want) {
		t.Errorf("terms:\n got %q\nwant %q", got, want)
	}
}

// bucketOf is FNV-1a over code points. The hashes are what search.js's bucketOf computes
// (node: the function copied from search.js), "a" also FNV-1a's published value.
func TestBucketOf(t *testing.T) {
	t.Parallel()
	for term, hash := range map[string]uint64{"a": 0xe40c292c, "招商": 0x7afc2e34, "𠮷a": 0x43217335} {
		for _, n := range []uint64{16, 4096, 1 << 31} {
			if got := bucketOf(term, int(n)); uint64(got) != hash%n {
				t.Errorf("bucketOf(%q, %d) = %d, want %d", term, n, got, hash%n)
			}
		}
	}
}

func TestEncodeIDs(t *testing.T) {
	t.Parallel()
	if got := encodeIDs([]int32{0, 1, 37, 1000}); got != "0,1,10,qr" {
		t.Errorf("encodeIDs = %q", got)
	}
}

// The index of two docs: every term of each in its bucket, the same bytes when written
// twice, and nothing in it that would end the script early.
func TestWriteSearchIndex(t *testing.T) {
	t.Parallel()
	docs := []searchDoc{
		{Path: "a/index.html", Title: "重庆招商引资", Date: "2021-04-14", Text: "正文</script><b>"},
		{Path: "b/index.html", Title: "梁平", Author: "张三", Text: "招商"},
	}
	write := func() map[string]string {
		dir := t.TempDir()
		if err := writeSearchIndex(filepath.Join(dir, searchIndexDir), docs); err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		entries, err := os.ReadDir(filepath.Join(dir, searchIndexDir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, searchIndexDir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[e.Name()] = string(data)
		}
		return files
	}
	a, b := write(), write()
	if len(a) != minBuckets+2 {
		t.Errorf("%d files, want docs.js, t-0.js and %d buckets", len(a), minBuckets)
	}
	for name, data := range a {
		if b[name] != data {
			t.Errorf("%s differs between two writes", name)
		}
		if strings.Contains(data, "</script") || strings.Contains(data, "<b>") {
			t.Errorf("%s has markup in it: %s", name, data)
		}
	}
	bucket := a["b-"+itoa(bucketOf("招商", minBuckets))+".js"]
	if !regexp.MustCompile(`"招商":"0,1"`).MatchString(bucket) {
		t.Errorf("招商 should be in docs 0 and 1: %s", bucket)
	}
	if bucket := a["b-"+itoa(bucketOf("张三", minBuckets))+".js"]; !strings.Contains(bucket, `"张三":"1"`) {
		t.Errorf("the author should be indexed: %s", bucket)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// fold's fast paths (CJK, ASCII) give what the general rule gives, for every code point.
func TestFoldFastPaths(t *testing.T) {
	t.Parallel()
	general := func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if r == 0x3000 {
			return -1
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) {
			return unicode.ToLower(r)
		}
		return -1
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := fold(r), general(r); got != want {
			t.Fatalf("fold(%U) = %d, want %d", r, got, want)
		}
	}
}

// termKeys gives the terms terms gives, in the same order, as keys termString turns back.
func TestTermKeys(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"招商引资，ＧＤＰ 2021年", "Hello, World! 𠮷野家ａＢ", "é́x ǅ — 〇一二", ""} {
		var want, got []string
		terms(s, func(t string) { want = append(want, t) })
		termKeys(s, func(k uint64) { got = append(got, termString(k)) })
		if !slices.Equal(got, want) {
			t.Errorf("termKeys(%q):\n got %q\nwant %q", s, got, want)
		}
	}
}
