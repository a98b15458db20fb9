package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/epaper-archive/epaper/testdata/fixture"
	"github.com/epaper-archive/epaper/testdata/need"
)

// boundaries are the characters a snippet may start after: sentence and clause ends, spaces.
const boundaries = "。！？；，、：,.!?;: \u3000\n”’」』）》)—"

// openings are the characters a snippet may start with wherever they are.
const openings = "“‘「『（《(["

// Search snippets, from Pagefind over HTTP and from the built-in index from file://, read as
// Chinese: a snippet that does not start the article starts after a sentence or clause
// boundary, not inside a word; title and 副题 are joined as Chinese, not with Pagefind's ". ",
// and no zero-width space is left in.
func TestSearchSnippetsStartAtBoundaries(t *testing.T) {
	pf := need.Pagefind(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	public := builtSite(t, "--base-url", base, "--pagefind", pf)
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.FileServer(http.Dir(public))}}
	srv.Start()
	t.Cleanup(srv.Close)
	offline := builtSite(t, "--pagefind", pf)

	ed := fixture.CQRB20210414()
	p005, _ := ed.Page("005")
	a := p005.Articles[7]
	full := strings.Join(append([]string{a.Title, a.SubTitle}, a.Paragraphs...), "\n")

	b := newBrowser(t)
	for _, c := range []struct{ engine, page, q string }{
		{"pagefind", base + "search/", "副秘书长"},
		{"pagefind", base + "search/", "西洽会"},
		{"builtin", "file://" + filepath.Join(offline, "search", "index.html"), "西洽会"},
	} {
		engine, status, rs := searchFor(t, b, c.page+"?q="+url.QueryEscape(c.q))
		if engine != c.engine {
			t.Fatalf("%s: searched with %q, want %s (%s)", c.q, engine, c.engine, status)
		}
		var snip string
		for _, r := range rs {
			if r.Title == page005Titles[7] {
				snip = r.Snippet
			}
		}
		if snip == "" {
			t.Fatalf("%s (%s): article 268824 not found or without snippet: %q", c.q, engine, titles(rs))
		}
		t.Logf("%s (%s): %s", c.q, engine, snip)
		if strings.Contains(snip, "\u200b") || strings.Contains(snip, ". ") || strings.HasSuffix(snip, ".") {
			t.Errorf("%s (%s): snippet keeps Pagefind's separators: %q", c.q, engine, snip)
		}
		if c.q == "副秘书长" && !strings.Contains(snip, "——访市政府副秘书长") {
			t.Errorf("%s (%s): title and 副题 not joined as Chinese: %q", c.q, engine, snip)
		}
		text := strings.TrimSuffix(strings.TrimPrefix(snip, "…"), "…")
		if !strings.HasPrefix(snip, "…") {
			if !strings.HasPrefix(noSpace(full), noSpace(text)[:min(len(noSpace(text)), 12)]) {
				t.Errorf("%s (%s): snippet %q neither starts the article nor says it is cut (…)", c.q, engine, snip)
			}
			continue
		}
		head := noSpace(text)
		head = head[:min(len(head), 3*6)] // six characters
		at := strings.Index(noSpace(full), head)
		if at < 0 {
			t.Errorf("%s (%s): snippet %q is not from the article", c.q, engine, snip)
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(noSpace(full)[:at])
		first, _ := utf8.DecodeRuneInString(head)
		if at > 0 && !strings.ContainsRune(boundaries, before) && !strings.ContainsRune(openings, first) {
			t.Errorf("%s (%s): snippet %q starts inside a sentence part (after %q)", c.q, engine, snip, before)
		}
	}
}
