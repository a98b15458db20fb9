package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The built-in profiles are the drafts testdata/families proves on its fixtures, byte for
// byte, so that the two cannot drift apart.
func TestBuiltinProfilesAreTheProvenDrafts(t *testing.T) {
	drafts, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "families", "profiles", "*.yaml"))
	if len(drafts) != 7 {
		t.Fatalf("%d drafts", len(drafts))
	}
	for _, d := range drafts {
		want, _ := os.ReadFile(d)
		got, err := builtinFS.ReadFile("profiles/" + filepath.Base(d))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s: the built-in differs (%v)", filepath.Base(d), err)
		}
	}
	if b := Builtin(); len(b) != 8 || b[len(b)-1].Name != Generic {
		t.Errorf("built-ins %d, last %s", len(b), b[len(b)-1].Name)
	}
}

// A bad profile is an error naming the file, the line and the key; unknown keys are errors;
// a user's profile of a built-in's name replaces it, another one comes first.
func TestLoadProfile(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{"name: x\nmatch:\n  page: '/x'\n  require: ['a', 'b[']\n", `x.yaml:4: match.require.1: selector "b["`},
		{"name: x\nmatch:\n  page: '/x('\n", `x.yaml:3: match.page: pattern "/x("`},
		{"name: x\nmatch:\n  page: '/x'\n  article: '/c_\\d+'\npage:\n  current: {select: p}\n  list: {item: li}\n", `x.yaml:4: match.article: pattern "/c_\\d+" has no group (?P<id>`},
		{"name: x\nmatch:\n  pages: '/x'\n", "x.yaml: yaml: unmarshal errors:\n  line 3: field pages not found"},
		{"description: no name\n", "x.yaml:1: name"},
	} {
		_, err := LoadProfile("x.yaml", []byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.yaml, err, tt.want)
		}
	}
	p, err := LoadProfile("c.yaml", []byte("name: founder-classic\nmatch:\n  page: '/x'\npage:\n  current: {select: p}\n  list: {item: li}\n"))
	if err != nil {
		t.Fatal(err)
	}
	q, _ := LoadProfile("q.yaml", []byte("name: qhwb\nmatch:\n  page: '/q'\npage:\n  current: {select: p}\n  list: {item: li}\n"))
	ps := WithProfiles(p, q)
	if len(ps) != 9 || ps[0] != q || ps[7] != p {
		t.Errorf("profiles %v", names(ps))
	}
}

func names(ps []*Profile) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}
