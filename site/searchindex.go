package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/gohugoio/hugo/resources/page"
)

// The built-in search index: what the search page uses where Pagefind cannot run (a site
// opened from file://, where a browser fetches nothing) or was not installed. It is a set of
// script files, loaded with <script> tags, which file:// allows:
//
//	search/index/docs.js      every article: path, title, 引题, 副题, author, date, page
//	search/index/b-NN.js      the terms of bucket NN: term → the docs that contain it
//	search/index/t-NNN.js     the plain text of docs NNN*textChunk …, for snippets
//
// A term is every character and every pair of neighbouring characters (a bigram) of the
// text, after folding (see fold). A query of two or more characters is matched by the
// docs that have all its bigrams, then checked against the text; so 招商 finds every
// article containing 招商, with no word segmentation. assets/js/search.js reads it; the two
// must agree on fold, the term split and the bucket hash: searchindex_test.go pins the Go
// side, and the browser tests (cmd/epaper/search_test.go) search the fixture's index, which
// has minBuckets buckets, with the JavaScript side.
const (
	searchIndexDir     = "search/index"
	searchIndexVersion = 1
	textChunk          = 100       // docs per text file
	bucketTarget       = 256 << 10 // aim for buckets of about this many bytes
	minBuckets         = 16        // even a small site spreads its terms, as a big one does
	maxBuckets         = 4096
)

// searchDoc is one article in the built-in index.
type searchDoc struct {
	Path   string // from the site root, e.g. "cqrb/2021-04-14/005/268824/index.html"
	Title  string
	Intro  string // 引题
	Sub    string // 副题
	Author string
	Date   string // 2021-04-14
	Paper  string // 重庆日报
	Page   string // its page's title, 第005版：重庆新闻
	Text   string // the body as plain text
}

// collectSearchDocs returns the articles of a built site, sorted by path, so that the index
// is the same bytes for the same content.
func collectSearchDocs(ctx context.Context, pages page.Pages, o Options) []searchDoc {
	var docs []searchDoc
	for _, p := range pages {
		params := p.Params()
		if fmt.Sprint(params[bundle.KeyKind]) != bundle.KindArticle {
			continue
		}
		path := strings.TrimPrefix(p.RelPermalink(), homePath(o))
		if o.Offline() && (path == "" || strings.HasSuffix(path, "/")) {
			path += "index.html"
		}
		d := searchDoc{
			Path:   path,
			Title:  p.Title(),
			Intro:  param(params, bundle.KeyIntroTitle),
			Sub:    param(params, bundle.KeySubTitle),
			Author: param(params, bundle.KeyAuthor),
			Paper:  param(params, bundle.KeyPaperName),
			Text:   p.Plain(ctx),
		}
		if !p.Date().IsZero() {
			d.Date = p.Date().Format("2006-01-02")
		}
		if parent := p.Parent(); parent != nil && fmt.Sprint(parent.Params()[bundle.KeyKind]) == bundle.KindPage {
			d.Page = parent.Title()
		}
		docs = append(docs, d)
	}
	slices.SortFunc(docs, func(a, b searchDoc) int { return strings.Compare(a.Path, b.Path) })
	return docs
}

func param(params map[string]any, key string) string {
	v, ok := params[key]
	if !ok || v == nil {
		return ""
	}
	return strings.TrimSpace(fmt.Sprint(v))
}

// homePath is the path of the site root in RelPermalinks: "/" or the base URL's path.
func homePath(o Options) string {
	if o.Offline() {
		return "/"
	}
	p := o.BaseURL
	if i := strings.Index(p, "://"); i >= 0 {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		} else {
			p = "/"
		}
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// fold maps a rune to its searchable form: lower case, full-width ASCII as ASCII, and
// separators (spaces, punctuation, symbols) to -1.
func fold(r rune) rune {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // CJK unified ideographs, most of a Chinese text
		return r
	case r < utf8.RuneSelf: // ASCII: letters (lower-cased) and digits
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return r
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}
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

// terms calls fn with every term of s: each folded character and each pair of neighbouring
// characters within a run of non-separators.
func terms(s string, fn func(string)) {
	prev := rune(-1)
	var buf [2 * utf8.UTFMax]byte
	for _, r := range s {
		r = fold(r)
		if r < 0 {
			prev = -1
			continue
		}
		n := utf8.EncodeRune(buf[:], r)
		fn(string(buf[:n]))
		if prev >= 0 {
			m := utf8.EncodeRune(buf[:], prev)
			m += utf8.EncodeRune(buf[m:], r)
			fn(string(buf[:m]))
		}
		prev = r
	}
}

// termKeys calls fn with every term of s as terms does, each as a number rather than a
// string (no allocation): a character is its code point, a pair (a, b) is (a+1)<<21 | b
// (code points are under 1<<21). termString turns a key back into the term.
func termKeys(s string, fn func(uint64)) {
	prev := rune(-1)
	for _, r := range s {
		r = fold(r)
		if r < 0 {
			prev = -1
			continue
		}
		fn(uint64(r))
		if prev >= 0 {
			fn(uint64(prev+1)<<21 | uint64(r))
		}
		prev = r
	}
}

// termString is the term of a key of termKeys.
func termString(k uint64) string {
	if k < 1<<21 {
		return string(rune(k))
	}
	return string([]rune{rune(k>>21) - 1, rune(k & (1<<21 - 1))})
}

// bucketOf is FNV-1a (32 bit) over the term's code points, modulo n; search.js computes the
// same with Math.imul.
func bucketOf(term string, n int) int {
	h := uint32(2166136261)
	for _, r := range term {
		h ^= uint32(r)
		h *= 16777619
	}
	return int(h % uint32(n))
}

// writeSearchIndex writes the built-in index of docs into dir (PUBLISH/search/index).
func writeSearchIndex(dir string, docs []searchDoc) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// term → doc numbers (ascending, as docs are visited in order); int32 as a year of a
	// daily has ~47,000 docs and ~70 million postings
	// (terms as termKeys' numbers, each term's list in lists; a doc is added to a list once:
	// the docs come in order, so it is there already if it is the list's last)
	index := map[uint64]int32{}
	var lists [][]int32
	size := 0
	for i, d := range docs {
		doc := int32(i)
		add := func(k uint64) {
			n, ok := index[k]
			if !ok {
				n = int32(len(lists))
				index[k] = n
				lists = append(lists, nil)
			} else if l := lists[n]; l[len(l)-1] == doc {
				return
			}
			lists[n] = append(lists[n], doc)
			size += 3
		}
		for _, f := range []string{d.Title, d.Intro, d.Sub, d.Author, d.Text} {
			termKeys(f, add)
		}
	}
	buckets := minBuckets
	for buckets < maxBuckets && size/buckets > bucketTarget {
		buckets *= 2
	}

	table := make([][]string, len(docs))
	for i, d := range docs {
		table[i] = []string{d.Path, d.Title, d.Intro, d.Sub, d.Author, d.Date, d.Paper, d.Page}
	}
	head := map[string]any{
		"v":       searchIndexVersion,
		"buckets": buckets,
		"chunk":   textChunk,
		"docs":    table,
	}
	if err := writeScript(dir, "docs", head); err != nil {
		return err
	}

	// one bucket at a time, so that only one bucket's encoded lists are held at once
	type term struct {
		s    string
		list int32
	}
	byBucket := make([][]term, buckets)
	for k, n := range index {
		t := term{termString(k), n}
		b := bucketOf(t.s, buckets)
		byBucket[b] = append(byBucket[b], t)
	}
	index = nil
	for i, ts := range byBucket {
		m := make(map[string]string, len(ts))
		for _, t := range ts {
			m[t.s] = encodeIDs(lists[t.list])
			lists[t.list] = nil
		}
		byBucket[i] = nil
		if err := writeScript(dir, "b-"+strconv.Itoa(i), m); err != nil {
			return err
		}
	}
	for start := 0; start < len(docs); start += textChunk {
		end := min(start+textChunk, len(docs))
		texts := make([]string, 0, end-start)
		for _, d := range docs[start:end] {
			texts = append(texts, d.Text)
		}
		if err := writeScript(dir, "t-"+strconv.Itoa(start/textChunk), texts); err != nil {
			return err
		}
	}
	return nil
}

// encodeIDs writes ascending doc numbers as base-36 gaps joined by commas.
func encodeIDs(ids []int32) string {
	var b strings.Builder
	prev := int32(0)
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(int64(id-prev), 36))
		prev = id
	}
	return b.String()
}

// writeScript writes dir/name.js, which hands v to the page that loads it:
// (self.epaperSearch=self.epaperSearch||{})["name"]=<v as JSON>;
// encoding/json sorts map keys, so the file is the same bytes for the same v.
func writeScript(dir, name string, v any) error {
	var b bytes.Buffer
	b.WriteString(`(self.epaperSearch=self.epaperSearch||{})["` + name + `"]=`)
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true) // no "</script>" can appear in the data
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("search index %s: %w", name, err)
	}
	b.Truncate(b.Len() - 1) // the encoder's newline
	b.WriteString(";\n")
	return os.WriteFile(filepath.Join(dir, name+".js"), b.Bytes(), 0o644)
}
