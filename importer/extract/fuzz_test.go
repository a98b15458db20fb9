package extract

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/epaper-archive/epaper/testdata/fixture"
	"github.com/yuin/goldmark/ast"
)

// fuzzTimeLimit is how long one input may take through decoding, extraction and Markdown.
const fuzzTimeLimit = 2 * time.Second

// FuzzExtract feeds pages through the whole extraction: Decode, ExtractRefresh,
// ExtractPage, ExtractArticle, markdown and goldmark. Nothing may panic or take longer than
// fuzzTimeLimit, every string that comes out is valid UTF-8, and the Markdown parses back
// holding no raw HTML, no link but linkified http(s) addresses and no shortcode call.
//
// Seeds: the pages of testdata/variants (with the Content-Type each came with), the fixture
// edition (testdata/epaper.cqrb.cn of the module) and the XSS corpus of testdata/xss; crashers found
// are kept in testdata/fuzz/FuzzExtract.
func FuzzExtract(f *testing.F) {
	headers := map[string]string{}
	for _, v := range variants {
		headers[filepath.Join("testdata", "variants", v.dir, v.file)] = v.header
	}
	for _, root := range []string{filepath.Join("testdata", "variants"), filepath.Join(fixture.Root(), "html")} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".htm") || strings.HasSuffix(p, ".html")) {
				return err
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			f.Add(raw, headers[p])
			return nil
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	xss, _ := filepath.Glob(filepath.Join("testdata", "xss", "*.html"))
	for _, p := range xss {
		payload, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add([]byte(xssPage(string(payload))), "text/html; charset=utf-8")
	}
	pageURL, _ := url.Parse("http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/node.htm")
	articleURL, _ := url.Parse("http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/content_268824.htm")

	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		done := make(chan []string, 1)
		go func() {
			var problems []string
			defer func() {
				if r := recover(); r != nil {
					problems = append(problems, fmt.Sprintf("panic: %v\n%s", r, debug.Stack()))
				}
				done <- problems
			}()
			problems = extractAll(raw, contentType, pageURL, articleURL)
		}()
		select {
		case problems := <-done:
			for _, p := range problems {
				t.Error(p)
			}
		case <-time.After(fuzzTimeLimit):
			t.Fatalf("extraction of %d bytes took more than %s", len(raw), fuzzTimeLimit)
		}
	})
}

// extractAll runs one input through the pipeline and lists what is wrong with the results.
func extractAll(raw []byte, contentType string, pageURL, articleURL *url.URL) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	text, cs, err := Decode(raw, contentType)
	if err != nil {
		bad("Decode: %v", err)
		return problems
	}
	if !utf8.ValidString(text) || !utf8.ValidString(cs) {
		bad("Decode: invalid UTF-8 out (as %q)", cs)
	}
	if s := ExtractRefresh(text, pageURL); !utf8.ValidString(s) {
		bad("ExtractRefresh: invalid UTF-8 %q", s)
	}
	p, err := ExtractPage(text, pageURL)
	checkStrings(bad, "ExtractPage", p, err)
	a, err := ExtractArticle(text, articleURL)
	checkStrings(bad, "ExtractArticle", a, err)
	if err != nil {
		return problems
	}
	images := map[string]string{}
	for _, b := range a.Blocks {
		if b.ImageURL != "" && images[b.ImageURL] == "" {
			images[b.ImageURL] = fmt.Sprintf("img-%d.jpg", len(images)+1)
		}
	}
	md := Markdown(a.Blocks, images)
	if !utf8.ValidString(md) {
		bad("markdown: invalid UTF-8")
	}
	if strings.Contains(md, "{{") {
		bad("markdown: a shortcode call can start in\n%s", md)
	}
	doc, _ := parseMarkdown(md)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindRawHTML, ast.KindHTMLBlock, ast.KindLink:
			if entering {
				bad("markdown makes a %s:\n%s", n.Kind(), md)
			}
		}
		return ast.WalkContinue, nil
	})
	return problems
}

// checkStrings reports an error message or any string inside v that is not valid UTF-8.
func checkStrings(bad func(string, ...any), what string, v any, err error) {
	if err != nil {
		if !utf8.ValidString(err.Error()) {
			bad("%s: invalid UTF-8 in the error %q", what, err)
		}
		return
	}
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.String:
			if !utf8.ValidString(v.String()) {
				bad("%s: invalid UTF-8 in %s: %q", what, path, v.String())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		}
	}
	walk(what, reflect.ValueOf(v))
}
