package extract

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

// metaCharset finds a charset declared in a <meta> tag anywhere in the page, not only in the
// first 1024 bytes that charset.DetermineEncoding looks at: some templates put a long head of
// scripts before it.
var metaCharset = regexp.MustCompile(`(?is)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// Decode turns the raw bytes of a page into UTF-8 and says which charset it used. The
// order is: a byte-order mark, the <meta> declaration, the HTTP header, then a guess (UTF-8 if
// the bytes are UTF-8, else GB18030, the superset of GB2312 and GBK these sites use).
//
// Declarations are checked against the bytes, because these sites get them wrong:
//   - every GB-family label is decoded as GB18030: the GBK decoder breaks on four-byte
//     characters (𠮷);
//   - a UTF-8 declaration on bytes that are not UTF-8 is skipped (a GBK page served as UTF-8);
//   - a GB-family declaration on bytes that are plainly UTF-8 (valid, with several non-ASCII
//     characters) is skipped (a UTF-8 page that kept its old gb2312 <meta>);
//   - Western single-byte labels (iso-8859-1, windows-1252, us-ascii) are treated as no
//     declaration, and so are UTF-16 labels without a byte-order mark, as browsers do;
//   - a UTF-8 page with a few broken bytes (one truncated character) stays UTF-8, the broken
//     bytes replaced by U+FFFD.
//
// The text returned is always valid UTF-8.
func Decode(raw []byte, contentType string) (string, string, error) {
	if e, name, ok := bomEncoding(raw); ok {
		s, err := e.NewDecoder().Bytes(raw)
		return strings.ToValidUTF8(string(s), "\uFFFD"), name, err
	}
	labels := []string{}
	if m := metaCharset.FindSubmatch(raw); m != nil {
		labels = append(labels, string(m[1]))
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		labels = append(labels, params["charset"])
	}
	utf8Like := looksUTF8(raw)
	for _, label := range labels {
		e, name := lookupEncoding(label)
		switch {
		case e == nil:
			continue
		case name == "utf-8" && !utf8Like:
			continue // declared wrongly: fall through to the next declaration or the guess
		case name == "utf-8":
			return strings.ToValidUTF8(string(raw), "\uFFFD"), name, nil
		case name == "gb18030" && utf8Like && multiByteRunes(raw) >= 4:
			continue // a UTF-8 page that kept its old GB declaration
		}
		s, err := e.NewDecoder().Bytes(raw)
		if err != nil {
			return "", "", fmt.Errorf("decode as %s: %w", name, err)
		}
		return strings.ToValidUTF8(string(s), "\uFFFD"), name, nil
	}
	if utf8Like {
		return strings.ToValidUTF8(string(raw), "\uFFFD"), "utf-8", nil
	}
	s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil {
		return "", "", fmt.Errorf("decode as gb18030: %w", err)
	}
	return strings.ToValidUTF8(string(s), "\uFFFD"), "gb18030", nil
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

// lookupEncoding maps a charset label to its decoder, GB-family labels to GB18030. It
// returns nil for labels that are no use as a declaration here: unknown ones, the Western
// single-byte ones, UTF-16 without a byte-order mark, and WHATWG's "replacement" and
// "x-user-defined".
func lookupEncoding(label string) (encoding.Encoding, string) {
	label = strings.ToLower(strings.TrimSpace(label))
	switch label {
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "euc-cn", "csgb2312", "gb_2312-80", "chinese", "iso-ir-58", "csiso58gb231280", "gb_2312", "hz-gb-2312":
		return simplifiedchinese.GB18030, "gb18030"
	}
	e, name := charset.Lookup(label)
	switch {
	case e == nil:
		return nil, ""
	case name == "gbk" || name == "gb18030":
		return simplifiedchinese.GB18030, "gb18030"
	case name == "utf-16le" || name == "utf-16be":
		return unicode.UTF8, "utf-8" // a <meta> that says UTF-16 is read as UTF-8 (WHATWG)
	case name == "windows-1252" || name == "replacement" || name == "x-user-defined":
		return nil, ""
	}
	return e, name
}

// looksUTF8 is true for valid UTF-8, and for UTF-8 with a few broken sequences: at most one
// for every ten multi-byte characters (a truncated last character, a stray
// byte). GBK text has almost no valid multi-byte UTF-8 sequences, so it never passes.
func looksUTF8(raw []byte) bool {
	if utf8.Valid(raw) {
		return true
	}
	valid, invalid := 0, 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size <= 1 {
			invalid++ // one broken sequence: its lead byte and the continuation bytes after it
			for i++; i < len(raw) && raw[i]&0xC0 == 0x80; i++ {
			}
			continue
		}
		valid++
		i += size
	}
	return valid >= 10*invalid
}

// multiByteRunes counts the non-ASCII characters of UTF-8 text.
func multiByteRunes(raw []byte) int {
	n := 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(raw[i:])
		n++
		i += size
	}
	return n
}
