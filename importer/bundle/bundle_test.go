package bundle

import (
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// goldenTree is the content tree of an import of the fixture, as the importer's golden test
// keeps it.
const goldenTree = "../testdata/golden/content.txtar"

// Every index file the importer wrote reads back into its type and encodes to the same
// bytes: what Encode writes, Decode reads, with nothing lost or reordered.
func TestGoldenTreeRoundTrips(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(goldenTree)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, f := range txtar.Parse(data).Files {
		if !strings.HasSuffix(f.Name, ".md") {
			continue
		}
		names := strings.Split(path.Dir(f.Name), "/")
		ref := Ref{}
		for i, n := range names {
			*[]*string{&ref.Paper, &ref.Edition, &ref.Page, &ref.Article}[i] = n
		}
		if ref.Rel() != path.Dir(f.Name) || path.Base(f.Name) != ref.IndexName() || ref.Check() != nil {
			t.Errorf("%s: Ref %+v names %s/%s (%v)", f.Name, ref, ref.Rel(), ref.IndexName(), ref.Check())
		}
		var matter any
		switch ref.Kind() {
		case KindPaper:
			matter = &Paper{}
		case KindEdition:
			matter = &Edition{}
		case KindPage:
			matter = &Page{}
		default:
			matter = &Article{}
		}
		body, err := Decode(f.Data, matter)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		kind := reflect.ValueOf(matter).Elem().FieldByName("Kind")
		if !kind.IsValid() {
			kind = reflect.ValueOf(matter).Elem().FieldByName("EditionHead").FieldByName("Kind")
		}
		if kind.String() != ref.Kind() {
			t.Errorf("%s: kind %q, its place says %q", f.Name, kind, ref.Kind())
		}
		kinds[ref.Kind()]++
		if _, ok := encodeDirect(nil, matter); !ok {
			t.Errorf("%s is not written by the direct encoder", f.Name)
		}
		again, err := Encode(matter, string(body))
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(f.Data) {
			t.Errorf("%s does not encode back to the same bytes:\n%s\nwant\n%s", f.Name, again, f.Data)
		}
	}
	if kinds[KindPaper] != 1 || kinds[KindEdition] != 1 || kinds[KindPage] < 8 || kinds[KindArticle] < 20 {
		t.Errorf("the golden tree holds %v bundles by kind", kinds)
	}
}

// The Key constants are exactly the YAML keys of the front matter types.
func TestKeysAreTheFrontMatterKeys(t *testing.T) {
	t.Parallel()
	keys := []string{KeyTitle, KeyKind, KeyPaper, KeyPaperName, KeyDate, KeyEdition, KeyWeekday,
		KeyPage, KeyPageName, KeyWeight, KeyScan, KeyPDF, KeyRegions, KeyMissing, KeyAliases,
		KeySource, KeyArticleID, KeyIntroTitle, KeySubTitle, KeyAuthor, KeyAuthorInBody,
		KeyKeywords, KeyImages, KeyMap, KeyArticles, KeyPages, KeyFiles, KeyBodySHA256, KeyBundles}
	var tags []string
	var walk func(reflect.Type)
	walk = func(ty reflect.Type) {
		for f := range ty.Fields() {
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if opts == "inline" {
				walk(f.Type)
				continue
			}
			if !slices.Contains(tags, name) {
				tags = append(tags, name)
			}
		}
	}
	for _, v := range []any{Paper{}, Edition{}, Page{}, Article{}} {
		walk(reflect.TypeOf(v))
	}
	slices.Sort(keys)
	slices.Sort(tags)
	if !slices.Equal(keys, tags) {
		t.Errorf("Key constants %q, front matter keys %q", keys, tags)
	}
}

func TestSplit(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, matter, body string }{
		{"---\ntitle: a\n---\n\nbody\n", "title: a\n", "body\n"},
		{"---\ntitle: a\n---\n", "title: a\n", ""},
		{"---\n---\nbody", "", "body"},
		{"---\ntitle: a\n---\nbody", "title: a\n", "body"},
	} {
		m, b, err := Split([]byte(tt.in))
		if err != nil || string(m) != tt.matter || string(b) != tt.body {
			t.Errorf("Split(%q) = %q, %q, %v; want %q, %q", tt.in, m, b, err, tt.matter, tt.body)
		}
	}
	for _, in := range []string{"", "title: a\n", "---\ntitle: a\n", "+++\ntitle = 'a'\n+++\n"} {
		if _, _, err := Split([]byte(in)); err != ErrNoFrontMatter {
			t.Errorf("Split(%q): %v, want ErrNoFrontMatter", in, err)
		}
	}
}

func TestRefPaths(t *testing.T) {
	t.Parallel()
	art := Ref{Paper: "cqrb", Edition: "2021-04-14", Page: "005", Article: "268824"}
	content := filepath.Join("site", "content")
	if art.Rel() != "cqrb/2021-04-14/005/268824" || art.Kind() != KindArticle ||
		art.Index(content) != filepath.Join(content, "cqrb", "2021-04-14", "005", "268824", "index.md") ||
		art.PageRef().Index(content) != filepath.Join(content, "cqrb", "2021-04-14", "005", "_index.md") ||
		art.EditionRef().Kind() != KindEdition || art.Year() != "2021" || (Ref{Paper: "cqrb"}).Kind() != KindPaper {
		t.Errorf("paths of %+v: %s %s %s", art, art.Rel(), art.Kind(), art.Index(content))
	}
	for _, bad := range []Ref{{}, {Paper: ".."}, {Paper: "cqrb", Edition: "2021-04-14", Page: "a/b"},
		{Paper: "cqrb", Page: "005"}, {Paper: "cqrb", Edition: "x", Page: "-1"}, {Paper: strings.Repeat("a", 101)}} {
		if bad.Check() == nil {
			t.Errorf("Check(%+v): no error", bad)
		}
	}
}

// Editions lists finished editions only (with their _index.md), by paper and date; Articles
// the article bundles of one.
func TestEditionsAndArticles(t *testing.T) {
	t.Parallel()
	content := t.TempDir()
	for _, f := range []string{"cqrb/_index.md", "cqrb/2021-04-15/_index.md", "cqrb/2021-04-14/_index.md",
		"cqrb/2021-04-14/005/_index.md", "cqrb/2021-04-14/005/268824/index.md", "cqrb/2021-04-14/001/268801/index.md",
		"cqrb/2021-04-16/001/_index.md", "cqrb/notes/_index.md", "abc/2020-01-01/_index.md", "readme.md"} {
		p := filepath.Join(content, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("---\n---\n"), 0o644)
	}
	eds, err := Editions(content)
	if err != nil {
		t.Fatal(err)
	}
	want := []Ref{{Paper: "abc", Edition: "2020-01-01"}, {Paper: "cqrb", Edition: "2021-04-14"}, {Paper: "cqrb", Edition: "2021-04-15"}}
	if !slices.Equal(eds, want) {
		t.Errorf("Editions = %+v, want %+v", eds, want)
	}
	arts, err := Articles(content, Ref{Paper: "cqrb", Edition: "2021-04-14", Page: "005"})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[0].Rel() != "cqrb/2021-04-14/001/268801" || arts[1].Rel() != "cqrb/2021-04-14/005/268824" {
		t.Errorf("Articles = %+v", arts)
	}
}

// A kept original is trusted only when its bytes have the digest recorded.
func TestReadKept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	raw := []byte("<html>原文</html>")
	doc, err := Encode(Article{Source: &Source{URL: "http://x/content_1.htm", Raw: RawFile, SHA256: Digest(raw), ETag: `"1"`}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteLeaf(dir, map[string][]byte{LeafIndex: doc, RawFile: raw}); err != nil {
		t.Fatal(err)
	}
	k := ReadKept(filepath.Join(dir, LeafIndex))
	if k == nil || string(k.Raw) != string(raw) || k.ETag != `"1"` {
		t.Fatalf("ReadKept = %+v", k)
	}
	os.WriteFile(filepath.Join(dir, RawFile), []byte("changed"), 0o644)
	if k := ReadKept(filepath.Join(dir, LeafIndex)); k != nil {
		t.Errorf("ReadKept of a raw file that does not match its digest = %+v", k)
	}
	if problems, _, err := Verify(filepath.Dir(filepath.Dir(dir))); err == nil {
		t.Errorf("Verify of a site without content/: %v, %v", problems, err)
	}
}

func TestWriteBranchNeedsItsIndex(t *testing.T) {
	t.Parallel()
	if err := WriteBranch(t.TempDir(), map[string][]byte{RawFile: nil}); err == nil {
		t.Error("WriteBranch without _index.md: no error")
	}
}

// A source names the profile that read its page; a bundle written before that key existed
// reads as before, with no profile.
func TestSourceProfile(t *testing.T) {
	older := []byte("---\ntitle: t\nkind: article\nsource:\n  url: http://e.example.cn/a/content_1.htm\n  via: mirror\n---\n\nbody\n")
	var a Article
	if _, err := Decode(older, &a); err != nil || a.Source == nil || a.Source.Profile != "" || a.Source.Via != ViaMirror {
		t.Fatalf("an older bundle: %v, %+v", err, a.Source)
	}
	a.Source.Profile = "qhwb"
	doc, err := Encode(a, "body\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "\n  via: mirror\n  profile: qhwb\n") {
		t.Errorf("the source does not name its profile:\n%s", doc)
	}
	var b Article
	if _, err := Decode(doc, &b); err != nil || b.Source.Profile != "qhwb" {
		t.Errorf("read back: %v, %+v", err, b.Source)
	}
}

// A page bundle written before regions were one string each (no kind, points a list of
// pairs) reads as today's: the same points string, kind article, and is written back in
// today's form; a pair that is not two finite numbers of at least 0 is an error.
func TestOlderRegionsRead(t *testing.T) {
	older := []byte("---\ntitle: p\nkind: page\nregions:\n  - article: \"100\"\n    points:\n      - [0.02, 0.1333]\n      - [0.98, 0.1333]\n      - [1, 0.5]\n  - kind: photo\n    url: http://e.example.cn/p.jpg\n    points: 0.1,0.2 0.3,0.4\n---\n")
	var p Page
	if _, err := Decode(older, &p); err != nil {
		t.Fatal(err)
	}
	want := []Region{
		{Kind: RegionArticle, Article: "100", Points: "0.02,0.1333 0.98,0.1333 1,0.5"},
		{Kind: RegionPhoto, URL: "http://e.example.cn/p.jpg", Points: "0.1,0.2 0.3,0.4"},
	}
	if !reflect.DeepEqual(p.Regions, want) {
		t.Fatalf("older regions read as %+v, want %+v", p.Regions, want)
	}
	doc, err := Encode(p, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "  - kind: article\n    article: \"100\"\n    points: 0.02,0.1333 0.98,0.1333 1,0.5\n") {
		t.Errorf("written back:\n%s", doc)
	}
	for _, bad := range []string{"[.nan, 0.1]", "[-0.5, 0.1]", "[0.1]", "[a, b]"} {
		doc := []byte("---\ntitle: p\nkind: page\nregions:\n  - article: \"1\"\n    points:\n      - " + bad + "\n---\n")
		if _, err := Decode(doc, &p); err == nil {
			t.Errorf("points %s: no error", bad)
		}
	}
}
