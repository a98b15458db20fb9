package families

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// Renderer writes an edition's files in one template family.
type Renderer interface {
	Files(e *Edition) ([]File, error)
}

// Site is one paper's edition and the template that renders it.
type Site struct {
	Edition  *Edition
	Renderer Renderer
}

// Family is one template family's fixture: its sites, written as a full capture and as a
// partial one (Gaps), each a mirror with the host folders at its top.
type Family struct {
	Name    string // its folder below testdata/families: "classic"
	Profile string // the built-in profile its pages should match: "founder-classic"
	Sites   []Site
	Gaps    []Gap // what the partial capture lacks
}

// Variants are the captures of every family: "full" has every file, "partial" lacks Gaps.
var Variants = []string{"full", "partial"}

// All returns every family's fixture.
func All() []Family {
	return []Family{
		{
			Name: "classic", Profile: "founder-classic",
			Sites: []Site{
				{hxrb(), hxrbSite()}, {njrb(), njSite("text")}, {njwb(), njSite("img")},
			},
			Gaps: []Gap{
				{Paper: "hxrb", Page: "A01", Articles: []string{"*"}, PDF: true},
				{Paper: "hxrb", Page: "A02", Scan: true, Articles: []string{"51205"}},
				{Paper: "hxrb", Page: "B01", Node: true, Scan: true, PDF: true, Articles: []string{"*"}},
				{Paper: "njwb", Page: "01", Articles: []string{"*"}, PDF: true},
				{Paper: "njwb", Page: "02", Scan: true},
				{Paper: "njwb", Page: "03", Node: true, Scan: true, PDF: true, Articles: []string{"*"}},
			},
		},
		layoutFamily("layout-people", "founder-layout-people", dhrb(), dhrbSite()),
		layoutFamily("layout-economic", "founder-layout-economic", syrb(), syrbSite()),
		layoutFamily("layout-guangming", "founder-layout-guangming", qmrb(), qmrbSite()),
		layoutFamily("layout-city", "founder-layout-city", ljwb(), ljwbSite()),
		layoutFamily("pad", "founder-pad", bhrb(), bhrbSite()),
		layoutFamily("nbs", "people-nbs", zhrb(), zhrbSite()),
	}
}

// layoutFamily is a family of one three-page edition whose partial capture lacks page 1's
// articles and PDF, page 2's scan and its second article, and all of page 3.
func layoutFamily(name, profile string, e *Edition, r Renderer) Family {
	p := e.Pages
	return Family{
		Name: name, Profile: profile, Sites: []Site{{e, r}},
		Gaps: []Gap{
			{Paper: e.Paper.Code, Page: p[0].Code, Articles: []string{"*"}, PDF: true},
			{Paper: e.Paper.Code, Page: p[1].Code, Scan: true, Articles: []string{p[1].Articles[len(p[1].Articles)-1].ID}},
			{Paper: e.Paper.Code, Page: p[2].Code, Node: true, Scan: true, PDF: true, Articles: []string{"*"}},
		},
	}
}

// Files returns the files of the family's capture variant ("full" or "partial"), in a fixed
// order. A file two sites share (a host's template image) is kept once.
func (f Family) Files(variant string) ([]File, error) {
	var all []File
	seen := map[string][]byte{}
	for _, s := range f.Sites {
		files, err := s.Renderer.Files(s.Edition)
		if err != nil {
			return nil, fmt.Errorf("family %s: %s: %w", f.Name, s.Edition.Paper.Code, err)
		}
		for _, file := range files {
			if data, ok := seen[file.Path]; ok {
				if !bytes.Equal(data, file.Data) {
					return nil, fmt.Errorf("family %s: %s written twice, differently", f.Name, file.Path)
				}
				continue
			}
			seen[file.Path] = file.Data
			all = append(all, file)
		}
	}
	switch variant {
	case "full":
		return all, nil
	case "partial":
		return Capture(all, f.Gaps), nil
	}
	return nil, fmt.Errorf("family %s: no variant %q", f.Name, variant)
}

// Dir is the folder of a family's variant below root (testdata/families): the folder that
// holds the host folders, the one to give `epaper import`.
func Dir(root, family, variant string) string { return filepath.Join(root, family, variant) }

// ExpectedDir is the folder of the oracles of a family's variant below root.
func ExpectedDir(root, family, variant string) string {
	return filepath.Join(root, family, "expected", variant)
}

// RootDir is the committed fixtures' folder, relative to the module root.
const RootDir = "testdata/families"

// Root returns testdata/families of the module that holds the working directory: it walks
// up from there to the go.mod. It panics when there is none, which only a broken checkout
// can cause.
func Root() string {
	dir, err := os.Getwd()
	if err != nil {
		panic("families.Root: " + err.Error())
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, filepath.FromSlash(RootDir))
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			panic("families.Root: no go.mod above the working directory")
		}
		dir = parent
	}
}
