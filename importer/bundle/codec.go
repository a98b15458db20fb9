package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// Encode renders a bundle's index file: front matter (matter, one of *Paper, *Edition,
// *Page and *Article or the values) as YAML between "---" lines, keys in the order of the
// struct, indented by two, then, when body is not empty, an empty line and body. The same
// values give the same bytes. The four kinds are written field by field (encode.go), in the
// bytes yaml.v3 writes; anything else by yaml.v3.
func Encode(matter any, body string) ([]byte, error) {
	b := make([]byte, 0, 1024+len(body))
	b = append(b, "---\n"...)
	if fm, ok := encodeDirect(b, matter); ok {
		return appendBody(fm, body), nil
	}
	fm, err := encodeYAML(matter)
	if err != nil {
		return nil, err
	}
	return appendBody(append(b, fm...), body), nil
}

// appendBody ends the front matter and appends the body after an empty line.
func appendBody(b []byte, body string) []byte {
	b = append(b, "---\n"...)
	if body != "" {
		b = append(b, '\n')
		b = append(b, body...)
	}
	return b
}

// encodeYAML is the front matter as yaml.v3 writes it, indented by two.
func encodeYAML(matter any) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(matter); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ErrNoFrontMatter is the error of Split for a file that does not begin with front matter
// between "---" lines.
var ErrNoFrontMatter = errors.New("no front matter between --- lines")

// Split splits an index file into its front matter (the YAML between the "---" lines, with
// its last line end) and its body (what follows the closing "---" line and the empty line
// Encode puts after it).
func Split(data []byte) (matter, body []byte, err error) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, nil, ErrNoFrontMatter
	}
	var end int
	switch {
	case bytes.HasPrefix(rest, []byte("---\n")):
		end = 0
	default:
		i := bytes.Index(rest, []byte("\n---\n"))
		if i < 0 {
			return nil, nil, ErrNoFrontMatter
		}
		end = i + 1
	}
	matter, body = rest[:end], rest[end+len("---\n"):]
	body, _ = bytes.CutPrefix(body, []byte("\n"))
	return matter, body, nil
}

// Decode reads an index file: its front matter into matter (a pointer to Paper, Edition,
// Page or Article; keys it does not know are ignored) and returns its body.
func Decode(data []byte, matter any) (body []byte, err error) {
	fm, body, err := Split(data)
	if err != nil {
		return nil, err
	}
	if err := yaml.Unmarshal(fm, matter); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	return body, nil
}

// ReadFile reads the index file at path as Decode does; errors name the file.
func ReadFile(path string, matter any) (body []byte, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	body, err = Decode(data, matter)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", path, err)
	}
	return body, nil
}

// Digest is the SHA-256 of b as a Source records it: 64 lower-case hex digits.
func Digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Kept is what an earlier import kept of a bundle's original: its Source and the raw bytes.
type Kept struct {
	Source
	Raw []byte
}

// ReadKept reads the Source of the bundle whose index file is path and the raw bytes it
// names, or returns nil when there are none to trust: no file, no front matter, no raw file,
// or raw bytes whose digest is not the one recorded. Then the original is fetched again.
func ReadKept(path string) *Kept {
	var m struct {
		Source *Source `yaml:"source"`
	}
	if _, err := ReadFile(path, &m); err != nil || m.Source == nil || m.Source.Raw == "" {
		return nil
	}
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(path), filepath.Base(m.Source.Raw)))
	if err != nil || Digest(raw) != m.Source.SHA256 {
		return nil
	}
	return &Kept{Source: *m.Source, Raw: raw}
}
