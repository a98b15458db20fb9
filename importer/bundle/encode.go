package bundle

import (
	"reflect"
	"strconv"
	"time"
)

// The front matter of the four kinds of bundle is written field by field, without
// reflection: Encode's yaml.v3 encoder walked every value by reflection and was ~5 % of an
// import's CPU. What is written is exactly what yaml.v3 (indent 2) writes for the same
// values, byte for byte (TestDirectEncodingIsYAMLs compares them on every field of every
// kind, TestStringScalars on strings of every style). A value whose YAML takes what only
// yaml.v3 knows (an escape, a block scalar, a tag) makes the whole document go to yaml.v3,
// and so does a front matter type whose fields are not the ones listed in directFields (a
// field added without teaching this file: TestDirectEncoderKnowsEveryField fails then).

// directFields are the YAML tags of the front matter types, in order (inline types
// flattened), as the direct encoder writes them.
var directFields = map[reflect.Type][]string{
	reflect.TypeFor[Paper]():        {"title", "kind", "paper", "source,omitempty"},
	reflect.TypeFor[EditionHead]():  {"title", "kind", "paper", "paper_name", "date", "edition"},
	reflect.TypeFor[PageHead]():     {",inline", "page", "page_name", "weight"},
	reflect.TypeFor[Edition]():      {",inline", "weekday", "pages,omitempty", "bundles,omitempty", "source,omitempty"},
	reflect.TypeFor[PageEntry]():    {"page", "name", "url", "pdf,omitempty"},
	reflect.TypeFor[Page]():         {",inline", "scan,omitempty", "pdf,omitempty", "map,omitempty", "regions,omitempty", "articles,omitempty", "missing,omitempty", "files,omitempty", "aliases,omitempty", "source,omitempty"},
	reflect.TypeFor[Scan]():         {"src", "width", "height"},
	reflect.TypeFor[MapExtent]():    {"width", "height"},
	reflect.TypeFor[Region]():       {"kind", "article,omitempty", "url,omitempty", "points"},
	reflect.TypeFor[ArticleEntry](): {"id", "title", "title_from,omitempty", "url", "archived", "bundle,omitempty"},
	reflect.TypeFor[Article]():      {",inline", "article_id", "introtitle", "subtitle", "author", "author_in_body", "keywords", "images,omitempty", "missing,omitempty", "files,omitempty", "body_sha256,omitempty", "aliases,omitempty", "source,omitempty"},
	reflect.TypeFor[Image]():        {"src", "caption"},
	reflect.TypeFor[Missing]():      {"part", "url,omitempty", "reason"},
	reflect.TypeFor[File]():         {"name", "url,omitempty", "sha256"},
	reflect.TypeFor[Source]():       {"url", "raw,omitempty", "sha256,omitempty", "charset,omitempty", "etag,omitempty", "last_modified,omitempty", "status,omitempty", "via,omitempty", "retrieved,omitempty", "warc_record,omitempty", "warc_file,omitempty", "profile,omitempty"},
}

// directKnown says whether directFields are the front matter types' fields: checked once,
// by reflection, when the package starts.
var directKnown = fieldsAre(directFields)

// fieldsAre reports whether each type's fields have exactly the YAML tags listed.
func fieldsAre(types map[reflect.Type][]string) bool {
	for t, want := range types {
		if t.NumField() != len(want) {
			return false
		}
		for i := range t.NumField() {
			if t.Field(i).Tag.Get("yaml") != want[i] {
				return false
			}
		}
	}
	return true
}

// encodeDirect writes the front matter of matter as yaml.v3 would, or returns false when it
// cannot (a type it does not know, a value only yaml.v3 writes the same).
func encodeDirect(b []byte, matter any) ([]byte, bool) {
	if !directKnown {
		return nil, false
	}
	w := &matterWriter{b: b, ok: true}
	switch m := matter.(type) {
	case Paper:
		w.paper(&m)
	case *Paper:
		w.paper(m)
	case Edition:
		w.edition(&m)
	case *Edition:
		w.edition(m)
	case Page:
		w.page(&m)
	case *Page:
		w.page(m)
	case Article:
		w.article(&m)
	case *Article:
		w.article(m)
	default:
		return nil, false
	}
	return w.b, w.ok && !isNilPointer(matter)
}

// isNilPointer is true for a nil *Paper, *Edition, *Page or *Article (yaml.v3 writes null).
func isNilPointer(matter any) bool {
	switch m := matter.(type) {
	case *Paper:
		return m == nil
	case *Edition:
		return m == nil
	case *Page:
		return m == nil
	case *Article:
		return m == nil
	}
	return false
}

// matterWriter appends YAML lines; ok turns false once a value needs yaml.v3.
type matterWriter struct {
	b  []byte
	ok bool
}

// Line prefixes: a top-level key, a key of a nested mapping, the first key of a sequence
// item and its other keys, a scalar sequence item.
const (
	top    = ""
	nested = "  "
	item   = "  - "
	inItem = "    "
)

func (w *matterWriter) key(pre, k string) {
	w.b = append(w.b, pre...)
	w.b = append(w.b, k...)
	w.b = append(w.b, ':')
}

func (w *matterWriter) str(pre, k, v string) {
	w.key(pre, k)
	w.b = append(w.b, ' ')
	w.scalar(v)
	w.b = append(w.b, '\n')
}

func (w *matterWriter) strOmit(pre, k, v string) {
	if v != "" {
		w.str(pre, k, v)
	}
}

func (w *matterWriter) int(pre, k string, v int) {
	w.key(pre, k)
	w.b = append(w.b, ' ')
	w.b = strconv.AppendInt(w.b, int64(v), 10)
	w.b = append(w.b, '\n')
}

func (w *matterWriter) bool(pre, k string, v bool) {
	w.key(pre, k)
	w.b = append(w.b, ' ')
	w.b = strconv.AppendBool(w.b, v)
	w.b = append(w.b, '\n')
}

// float writes v as yaml.v3 does: the shortest 'g' form, .inf, -.inf, .nan.
func (w *matterWriter) float(pre, k string, v float64) {
	w.key(pre, k)
	s := strconv.FormatFloat(v, 'g', -1, 64)
	switch s {
	case "+Inf":
		s = ".inf"
	case "-Inf":
		s = "-.inf"
	case "NaN":
		s = ".nan"
	}
	w.b = append(w.b, ' ')
	w.b = append(w.b, s...)
	w.b = append(w.b, '\n')
}

// time writes t as yaml.v3 does: RFC 3339 with nanoseconds, plain. A zero time is written
// the same way (the field has no omitempty).
func (w *matterWriter) time(pre, k string, t time.Time) {
	w.key(pre, k)
	w.b = append(w.b, ' ')
	s := t.Format(time.RFC3339Nano)
	if hasIndicator(s) { // written plain whatever it reads as; never for a year of ours
		w.ok = false
	}
	w.b = append(w.b, s...)
	w.b = append(w.b, '\n')
}

// strings writes a sequence of strings: "[]" when empty (the field has no omitempty).
func (w *matterWriter) strings(pre, k string, vs []string) {
	w.key(pre, k)
	if len(vs) == 0 {
		w.b = append(w.b, " []\n"...)
		return
	}
	w.b = append(w.b, '\n')
	for _, v := range vs {
		w.b = append(w.b, item...)
		w.scalar(v)
		w.b = append(w.b, '\n')
	}
}

func (w *matterWriter) stringsOmit(pre, k string, vs []string) {
	if len(vs) > 0 {
		w.strings(pre, k, vs)
	}
}

// seq writes a sequence of mappings under k, each by one(i, first-key prefix).
func (w *matterWriter) seq(k string, n int, one func(i int)) {
	if n == 0 {
		return
	}
	w.key(top, k)
	w.b = append(w.b, '\n')
	for i := range n {
		one(i)
	}
}

// scalar writes a string as yaml.v3 writes a mapping value or sequence item in block
// context: plain when it may be, else single-quoted when it would read back as another type
// or holds an indicator, else double-quoted.
func (w *matterWriter) scalar(s string) {
	switch plainStyle(s) {
	case stylePlain:
		w.b = append(w.b, s...)
	case styleSingle:
		w.b = append(w.b, '\'')
		for i := 0; i < len(s); i++ {
			if s[i] == '\'' {
				w.b = append(w.b, '\'')
			}
			w.b = append(w.b, s[i])
		}
		w.b = append(w.b, '\'')
	case styleDouble:
		w.b = append(w.b, '"')
		for i := 0; i < len(s); i++ {
			if s[i] == '"' || s[i] == '\\' {
				w.b = append(w.b, '\\')
			}
			w.b = append(w.b, s[i])
		}
		w.b = append(w.b, '"')
	default:
		w.ok = false
	}
}

func (w *matterWriter) editionHead(h *EditionHead) {
	w.str(top, KeyTitle, h.Title)
	w.str(top, KeyKind, h.Kind)
	w.str(top, KeyPaper, h.Paper)
	w.str(top, KeyPaperName, h.PaperName)
	w.time(top, KeyDate, h.Date)
	w.str(top, KeyEdition, h.Edition)
}

func (w *matterWriter) pageHead(h *PageHead) {
	w.editionHead(&h.EditionHead)
	w.str(top, KeyPage, h.Page)
	w.str(top, KeyPageName, h.PageName)
	w.int(top, KeyWeight, h.Weight)
}

func (w *matterWriter) paper(m *Paper) {
	if m == nil {
		return
	}
	w.str(top, KeyTitle, m.Title)
	w.str(top, KeyKind, m.Kind)
	w.str(top, KeyPaper, m.Paper)
	w.source(m.Source)
}

func (w *matterWriter) edition(m *Edition) {
	if m == nil {
		return
	}
	w.editionHead(&m.EditionHead)
	w.str(top, KeyWeekday, m.Weekday)
	w.seq(KeyPages, len(m.Pages), func(i int) {
		p := m.Pages[i]
		w.str(item, "page", p.Page)
		w.str(inItem, "name", p.Name)
		w.str(inItem, "url", p.URL)
		w.strOmit(inItem, "pdf", p.PDF)
	})
	w.stringsOmit(top, KeyBundles, m.Bundles)
	w.source(m.Source)
}

func (w *matterWriter) page(m *Page) {
	if m == nil {
		return
	}
	w.pageHead(&m.PageHead)
	if s := m.Scan; s != nil {
		w.key(top, KeyScan)
		w.b = append(w.b, '\n')
		w.str(nested, "src", s.Src)
		w.int(nested, "width", s.Width)
		w.int(nested, "height", s.Height)
	}
	w.strOmit(top, KeyPDF, m.PDF)
	if e := m.Map; e != nil {
		w.key(top, KeyMap)
		w.b = append(w.b, '\n')
		w.float(nested, "width", e.Width)
		w.float(nested, "height", e.Height)
	}
	w.seq(KeyRegions, len(m.Regions), func(i int) {
		r := m.Regions[i]
		w.str(item, "kind", r.Kind)
		w.strOmit(inItem, "article", r.Article)
		w.strOmit(inItem, "url", r.URL)
		w.str(inItem, "points", r.Points)
	})
	w.seq(KeyArticles, len(m.Articles), func(i int) {
		a := m.Articles[i]
		w.str(item, "id", a.ID)
		w.str(inItem, "title", a.Title)
		w.strOmit(inItem, "title_from", a.TitleFrom)
		w.str(inItem, "url", a.URL)
		w.bool(inItem, "archived", a.Archived)
		w.strOmit(inItem, "bundle", a.Bundle)
	})
	w.missing(m.Missing)
	w.files(m.Files)
	w.stringsOmit(top, KeyAliases, m.Aliases)
	w.source(m.Source)
}

func (w *matterWriter) article(m *Article) {
	if m == nil {
		return
	}
	w.pageHead(&m.PageHead)
	w.str(top, KeyArticleID, m.ArticleID)
	w.str(top, KeyIntroTitle, m.IntroTitle)
	w.str(top, KeySubTitle, m.SubTitle)
	w.str(top, KeyAuthor, m.Author)
	w.bool(top, KeyAuthorInBody, m.AuthorInBody)
	w.strings(top, KeyKeywords, m.Keywords)
	w.seq(KeyImages, len(m.Images), func(i int) {
		w.str(item, "src", m.Images[i].Src)
		w.str(inItem, "caption", m.Images[i].Caption)
	})
	w.missing(m.Missing)
	w.files(m.Files)
	w.strOmit(top, KeyBodySHA256, m.BodySHA256)
	w.stringsOmit(top, KeyAliases, m.Aliases)
	w.source(m.Source)
}

func (w *matterWriter) missing(ms []Missing) {
	w.seq(KeyMissing, len(ms), func(i int) {
		w.str(item, "part", ms[i].Part)
		w.strOmit(inItem, "url", ms[i].URL)
		w.str(inItem, "reason", ms[i].Reason)
	})
}

func (w *matterWriter) files(fs []File) {
	w.seq(KeyFiles, len(fs), func(i int) {
		w.str(item, "name", fs[i].Name)
		w.strOmit(inItem, "url", fs[i].URL)
		w.str(inItem, "sha256", fs[i].SHA256)
	})
}

func (w *matterWriter) source(s *Source) {
	if s == nil {
		return
	}
	w.key(top, KeySource)
	w.b = append(w.b, '\n')
	w.str(nested, "url", s.URL)
	w.strOmit(nested, "raw", s.Raw)
	w.strOmit(nested, "sha256", s.SHA256)
	w.strOmit(nested, "charset", s.Charset)
	w.strOmit(nested, "etag", s.ETag)
	w.strOmit(nested, "last_modified", s.LastModified)
	if s.Status != 0 {
		w.int(nested, "status", s.Status)
	}
	w.strOmit(nested, "via", s.Via)
	w.strOmit(nested, "retrieved", s.Retrieved)
	w.strOmit(nested, "warc_record", s.WARCRecord)
	w.strOmit(nested, "warc_file", s.WARCFile)
	w.strOmit(nested, "profile", s.Profile)
}
