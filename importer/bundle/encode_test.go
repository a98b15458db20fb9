package bundle

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// The direct encoder knows every field of every front matter type: a field added to one
// of them must be added to encode.go (and directFields) too, else every bundle would be
// written by yaml.v3 again, slowly.
func TestDirectEncoderKnowsEveryField(t *testing.T) {
	for typ, want := range directFields {
		var got []string
		for i := range typ.NumField() {
			got = append(got, typ.Field(i).Tag.Get("yaml"))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s has the YAML fields %q; encode.go writes %q: teach encodeDirect the change", typ, got, want)
		}
	}
	if !directKnown {
		t.Error("directKnown is false: Encode writes every bundle with yaml.v3")
	}
}

// strings the front matter is filled with, in turn: every style of scalar yaml.v3 writes.
var sampleStrings = []string{
	"重庆日报", "第005版：重庆新闻", "http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/content_268824.htm",
	"2021-04-14", "005", "268824", "0.025,0.0833 0.975,0.0833", "贯彻落实“两会”精神 重庆招商引资服务“十四五”开好局起好步",
	"", "true", "no", "~", "null", "1e5", "0x1F", "0b101", "-0o17", "1_000", ".5", "+.inf", "12:30", "2021-04-14T00:00:00+08:00",
	`"W/abc"`, "it's", "a: b", "a #b", "#a", "- a", "-a", ":a", "? x", "--- x", "...", " lead", "trail ", "Mon, 02 Jan 2006 15:04:05 GMT",
	"a\\b", `say "hi"`, "{x}", "[x]", "x, y", "@x", "`x`", "%x", "|x", ">x", "!x", "&x", "*x", "x:", "x: ", "ｘ：ｙ", "\u3000全角空格",
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "7e10", "<<", "Yes", "OFF",
	// left to yaml.v3: escapes and block scalars
	"two\nlines", "tab\there", "bom\ufeff", "𠮷", "nul\x00", "del\x7f", "\u0085", "line\u2028sep", "\xff\xfe",
}

// fill sets every field of v (a pointer) to a non-zero value, strings from sampleStrings
// beginning at *next.
func fill(v reflect.Value, next *int) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), next)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2021, 4, 14, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))))
			return
		}
		for i := range v.NumField() {
			fill(v.Field(i), next)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), next)
		}
	case reflect.String:
		v.SetString(sampleStrings[*next%len(sampleStrings)])
		*next++
	case reflect.Int:
		v.SetInt(int64(*next*37 - 100))
		*next++
	case reflect.Float64:
		v.SetFloat([]float64{0.25, 1000, 1e21, 3.0000001}[*next%4])
		*next++
	case reflect.Bool:
		v.SetBool(*next%2 == 0)
		*next++
	default:
		panic(fmt.Sprintf("fill: %s", v.Type()))
	}
}

// Every kind of bundle, empty, with every field filled (with each sample string in each
// place in turn) and with some fields emptied again, encodes to the bytes yaml.v3 writes.
func TestDirectEncodingIsYAMLs(t *testing.T) {
	kinds := []any{&Paper{}, &Edition{}, &Page{}, &Article{}}
	direct := 0
	for _, kind := range kinds {
		typ := reflect.TypeOf(kind).Elem()
		for start := range len(sampleStrings) + 1 {
			v := reflect.New(typ)
			if start > 0 {
				next := start
				fill(v.Elem(), &next)
			}
			for _, m := range variants(v) {
				want, err := encodeYAML(m)
				if err != nil {
					t.Fatal(err)
				}
				got, ok := encodeDirect(nil, m)
				if !ok {
					continue // a string only yaml.v3 writes: Encode leaves it to yaml.v3
				}
				direct++
				if string(got) != string(want) {
					t.Fatalf("%T (strings from %d) encodes as\n%s\nyaml.v3 writes\n%s", m, start, got, want)
				}
				doc, err := Encode(m, "body\n")
				if err != nil || string(doc) != "---\n"+string(want)+"---\n\nbody\n" {
					t.Fatalf("Encode(%T): %v\n%s", m, err, doc)
				}
			}
		}
	}
	if direct < len(kinds)*len(sampleStrings)/2 {
		t.Errorf("only %d documents written directly", direct)
	}
}

// variants are m as a pointer and a value, and with its optional parts emptied.
func variants(v reflect.Value) []any {
	out := []any{v.Interface(), v.Elem().Interface()}
	empty := reflect.New(v.Elem().Type())
	empty.Elem().Set(v.Elem())
	for i := range empty.Elem().NumField() {
		if f := empty.Elem().Field(i); (f.Kind() == reflect.Slice || f.Kind() == reflect.Pointer) && i%2 == 0 {
			f.Set(reflect.Zero(f.Type()))
		}
	}
	return append(out, empty.Interface())
}

// A string is written by the direct encoder as yaml.v3 writes it, in each style; the
// strings bundles hold most (Chinese text, URLs, dates, numbers) are not left to yaml.v3.
func TestStringScalars(t *testing.T) {
	for _, s := range sampleStrings {
		checkScalar(t, s)
	}
	for _, s := range []string{"重庆日报", "http://epaper.cqrb.cn/x.htm", "2021-04-14", "005", "", "a: b", `"1"`} {
		if plainStyle(s) == styleYAML {
			t.Errorf("%q is left to yaml.v3", s)
		}
	}
}

func checkScalar(t *testing.T, s string) {
	t.Helper()
	w := &matterWriter{ok: true}
	w.str(top, "v", s)
	want, err := yaml.Marshal(struct {
		V string `yaml:"v"`
	}{s})
	if err != nil {
		t.Fatal(err)
	}
	if w.ok && string(w.b) != string(want) {
		t.Errorf("%q is written %q; yaml.v3 writes %q", s, w.b, want)
	}
	if !w.ok && plainStyle(s) != styleYAML {
		t.Errorf("%q: not ok but style %d", s, plainStyle(s))
	}
}

func FuzzStringScalar(f *testing.F) {
	for _, s := range sampleStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Count(s, "\n") > 3 {
			return
		}
		checkScalar(t, s)
	})
}
