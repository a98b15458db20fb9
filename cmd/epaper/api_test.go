package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemas compiles the documented JSON schemas of docs/schema.
func schemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	dir := filepath.Join("..", "..", "docs", "schema")
	files, _ := filepath.Glob(filepath.Join(dir, "*.schema.json"))
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		id := "https://github.com/epaper-archive/epaper/docs/schema/" + filepath.Base(f)
		if err := c.AddResource(id, doc); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, name := range []string{"paper", "edition", "page", "article"} {
		s, err := c.Compile("https://github.com/epaper-archive/epaper/docs/schema/" + name + ".schema.json")
		if err != nil {
			t.Fatalf("schema %s: %v", name, err)
		}
		out[name] = s
	}
	return out
}

func validate(t *testing.T, s *jsonschema.Schema, file string) map[string]any {
	t.Helper()
	r, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	doc, err := jsonschema.UnmarshalJSON(r)
	if err != nil {
		t.Fatalf("%s: not JSON: %v", file, err)
	}
	if err := s.Validate(doc); err != nil {
		t.Errorf("%s does not match its schema: %v", file, err)
	}
	m, _ := doc.(map[string]any)
	return m
}

// The static JSON API: one document per paper, edition, page and article, each valid
// against the schema documented in docs/schema, with what a reuser needs.
func TestJSONDocumentsMatchTheirSchemas(t *testing.T) {
	t.Parallel()
	public := cdnSite(t)
	s := schemas(t)
	validate(t, s["paper"], filepath.Join(public, "cqrb", "index.json"))
	ed := validate(t, s["edition"], filepath.Join(public, "cqrb", "2021-04-14", "index.json"))
	pages, _ := ed["pages"].([]any)
	if len(pages) != 8 {
		t.Fatalf("the edition document lists %d pages, want 8", len(pages))
	}
	p005, _ := pages[4].(map[string]any)
	arts, _ := p005["articles"].([]any)
	var titles []string
	for _, a := range arts {
		a := a.(map[string]any)
		titles = append(titles, a["title"].(string))
		if a["region"] == nil {
			t.Errorf("article %v of 005 has no region", a["id"])
		}
	}
	if strings.Join(titles, "|") != strings.Join(page005Titles, "|") {
		t.Errorf("the edition document's 005 articles: %v", titles)
	}
	validate(t, s["page"], filepath.Join(public, "cqrb", "2021-04-14", "005", "index.json"))
	files, _ := filepath.Glob(filepath.Join(public, "cqrb", "2021-04-14", "*", "*", "index.json"))
	if len(files) != 25 {
		t.Errorf("%d article documents, want 25", len(files))
	}
	for _, f := range files {
		a := validate(t, s["article"], f)
		if strings.HasSuffix(filepath.Dir(f), "268824") {
			if !strings.Contains(a["text"].(string), "市招商投资局将会同各区县") || a["author"] != "杨颖" {
				t.Errorf("article 268824's document lacks its text or author: %v", a["author"])
			}
		}
	}
}
