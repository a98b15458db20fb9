package site

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// LinkProblem is a link or image of the built site that leads to no file, or out of the
// built site's folder.
type LinkProblem struct {
	File string // the page, relative to the site's root
	Ref  string // the href, src or srcset candidate as written
	Out  bool   // it leads out of the built site's folder, whether or not a file is there
}

func (p LinkProblem) String() string {
	if p.Out {
		return fmt.Sprintf("%s: %q leads out of the site", p.File, p.Ref)
	}
	return fmt.Sprintf("%s: %q leads to no file", p.File, p.Ref)
}

// CheckLinks reads every HTML file under public and checks that each href, src, poster,
// data and srcset candidate that stays on the site names a file that is there, inside public (a relative
// link that climbs out of it is a problem even when a file is there). basePath is the path of the site's URL
// ("/" offline, "/epaper/" for https://example.org/epaper/): root-relative links start with
// it. Links to other sites are not followed. It returns the problems and how many links it
// checked.
func CheckLinks(public, basePath string) ([]LinkProblem, int, error) {
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	var problems []LinkProblem
	checked := 0
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		refs, err := pageRefs(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		for _, ref := range refs {
			target, ok := localTarget(public, p, basePath, ref)
			if !ok {
				continue
			}
			checked++
			if r, err := filepath.Rel(public, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
				problems = append(problems, LinkProblem{File: filepath.ToSlash(rel), Ref: ref, Out: true})
			} else if fi, err := os.Stat(target); err != nil || fi.IsDir() {
				problems = append(problems, LinkProblem{File: filepath.ToSlash(rel), Ref: ref})
			}
		}
		return nil
	})
	sort.Slice(problems, func(i, j int) bool { return problems[i].String() < problems[j].String() })
	return problems, checked, err
}

// pageRefs returns the href, src, poster and data (<object>) attributes of a page, and the
// URLs of its srcset attributes.
func pageRefs(file string) ([]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var refs []string
	z := html.NewTokenizer(f)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return refs, nil
		case html.StartTagToken, html.SelfClosingTagToken:
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "href", "src", "poster", "data":
					refs = append(refs, string(v))
				case "srcset", "imagesrcset":
					refs = append(refs, srcsetURLs(string(v))...)
				}
				if !more {
					break
				}
			}
		}
	}
}

// localTarget is the file a link of page names, or false for a link that leaves the site
// or names no file (a fragment, mailto:, data:). A file: URL names a file of the machine
// the site is read on, outside the site: its target lies out of public.
func localTarget(public, page, basePath, ref string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err == nil && strings.EqualFold(u.Scheme, "file") {
		return filepath.Join(filepath.Dir(public), "\x00a-file-url"), true // a file of the machine, not of the site
	}
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false
	}
	p := u.Path
	if strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, basePath) {
			return filepath.Join(public, "\x00outside-the-base-path"), true
		}
		p = path.Join("/", strings.TrimPrefix(p, basePath))
		if strings.HasSuffix(u.Path, "/") {
			p += "/"
		}
		p = filepath.Join(public, filepath.FromSlash(p))
	} else {
		p = filepath.Join(filepath.Dir(page), filepath.FromSlash(p))
	}
	if strings.HasSuffix(u.Path, "/") {
		p = filepath.Join(p, "index.html")
	}
	return p, true
}

// srcsetURLs are the URLs of a srcset attribute: "a.jpg 2x, b.jpg 600w" → a.jpg, b.jpg.
func srcsetURLs(v string) []string {
	var out []string
	for _, cand := range strings.Split(v, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}
