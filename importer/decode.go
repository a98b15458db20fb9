package importer

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// metaCharset finds a charset declared in a <meta> tag anywhere in the head, not only in the
// first 1024 bytes that charset.DetermineEncoding looks at.
var metaCharset = regexp.MustCompile(`(?is)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// decodeHTML turns the raw bytes of a page into UTF-8 and says which charset it used. The
// order is: a byte-order mark, the <meta> declaration, the HTTP header, then a guess (UTF-8 if
// the bytes are valid UTF-8, else GB18030, the superset of GB2312 and GBK these sites use).
// Every GB-family label is decoded as GB18030: the GBK decoder breaks on four-byte characters.
func decodeHTML(raw []byte, contentType string) (string, string, error) {
	if e, name, ok := bomEncoding(raw); ok {
		s, err := e.NewDecoder().Bytes(raw)
		return string(s), name, err
	}
	labels := []string{}
	if m := metaCharset.FindSubmatch(raw); m != nil {
		labels = append(labels, string(m[1]))
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		labels = append(labels, params["charset"])
	}
	for _, label := range labels {
		e, name := lookupEncoding(label)
		if e == nil {
			continue
		}
		if name == "utf-8" && !utf8.Valid(raw) {
			continue // declared wrongly: fall through to the next declaration or the guess
		}
		s, err := e.NewDecoder().Bytes(raw)
		if err != nil {
			return "", "", fmt.Errorf("decode as %s: %w", name, err)
		}
		return string(s), name, nil
	}
	if utf8.Valid(raw) {
		return string(raw), "utf-8", nil
	}
	s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil {
		return "", "", fmt.Errorf("decode as gb18030: %w", err)
	}
	return string(s), "gb18030", nil
}

func bomEncoding(raw []byte) (encoding.Encoding, string, bool) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8BOM, "utf-8", true
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be", true
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le", true
	}
	return nil, "", false
}

// lookupEncoding maps a charset label to its decoder, GB-family labels to GB18030.
func lookupEncoding(label string) (encoding.Encoding, string) {
	label = strings.ToLower(strings.TrimSpace(label))
	switch label {
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "euc-cn", "csgb2312", "gb_2312-80", "chinese", "iso-ir-58", "csiso58gb231280":
		return simplifiedchinese.GB18030, "gb18030"
	}
	e, name := charset.Lookup(label)
	if e == nil {
		return nil, ""
	}
	if name == "gbk" || name == "gb18030" {
		return simplifiedchinese.GB18030, "gb18030"
	}
	return e, name
}
