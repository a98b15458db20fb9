package bundle

import (
	"os"
	"path/filepath"
	"slices"
)

// File records one file a page or article bundle holds besides its index and raw page (a
// scan, a PDF, an image): its name, the URL it was fetched from and its SHA-256, so that
// Verify can tell a changed file and a re-import which kept file stands for which URL.
type File struct {
	Name   string `yaml:"name"`
	URL    string `yaml:"url,omitempty"`
	SHA256 string `yaml:"sha256"` // as Digest writes it
}

// FileOf records data, fetched from u, as the file name.
func FileOf(name, u string, data []byte) File { return File{Name: name, URL: u, SHA256: Digest(data)} }

// BodyDigest is the digest an article records of its body (the Markdown after its front
// matter, as Encode wrote it), so that Verify can tell an edited body.
func BodyDigest(body string) string { return Digest([]byte(body)) }

// keptFiles is what an earlier import recorded of a bundle's files.
type keptFiles struct {
	Files   []File    `yaml:"files"`
	Missing []Missing `yaml:"missing"`
	Scan    *Scan     `yaml:"scan"`
	PDF     string    `yaml:"pdf"`
	Images  []Image   `yaml:"images"`
}

// KeptFile returns the bytes of the file name that the bundle of index holds, when it holds
// one that was fetched from u (or, in a bundle that recorded no URLs, one of that name) and
// whose digest, if recorded, is the one on disk; else nil.
func KeptFile(index, name, u string) []byte {
	var m keptFiles
	if _, err := ReadFile(index, &m); err != nil {
		return nil
	}
	i := slices.IndexFunc(m.Files, func(f File) bool { return f.Name == name })
	if i < 0 && len(m.Files) > 0 {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(index), filepath.Base(name)))
	if err != nil {
		return nil
	}
	if i >= 0 && ((m.Files[i].URL != "" && m.Files[i].URL != u) || m.Files[i].SHA256 != Digest(data)) {
		return nil
	}
	return data
}

// Complete says whether the bundle of index holds every file it names, with the digest it
// recorded, and lacks no part that failed to be fetched (a Missing with a URL): a bundle
// that is not complete is worth importing again even when its page did not change.
func Complete(index string) bool {
	var m keptFiles
	if _, err := ReadFile(index, &m); err != nil {
		return false
	}
	for _, miss := range m.Missing {
		if miss.URL != "" && miss.Part != PartExternalImage {
			return false
		}
	}
	dir := filepath.Dir(index)
	names := []string{m.PDF}
	if m.Scan != nil {
		names = append(names, m.Scan.Src)
	}
	for _, img := range m.Images {
		names = append(names, img.Src)
	}
	for _, n := range names {
		if fi, err := os.Stat(filepath.Join(dir, filepath.Base(n))); n != "" && (err != nil || fi.IsDir()) {
			return false
		}
	}
	for _, f := range m.Files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.Base(f.Name)))
		if err != nil || Digest(data) != f.SHA256 {
			return false
		}
	}
	return true
}

// ReadManifest returns the manifest (Edition.Bundles) of the edition whose index file is
// index, or nil when there is none yet.
func ReadManifest(index string) []string {
	var m struct {
		Bundles []string `yaml:"bundles"`
	}
	if _, err := ReadFile(index, &m); err != nil {
		return nil
	}
	return m.Bundles
}
