package bundle

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// How yaml.v3 writes a string as a value in block context (go.yaml.in/yaml/v3 v3.0.5:
// encoder.stringv, yaml_emitter_analyze_scalar and yaml_emitter_select_scalar_style), for
// the strings the direct encoder writes itself.
type scalarStyle int

const (
	styleYAML   scalarStyle = iota // one only yaml.v3 writes the same: escapes, a block scalar, !!binary
	stylePlain                     // as it is
	styleSingle                    // 'quoted', ' doubled
	styleDouble                    // "quoted", " and \ escaped
)

// plainStyle says how yaml.v3 writes s. Strings with a character it escapes or breaks a
// line at (controls, tabs, line breaks, a byte-order mark, characters beyond U+FFFD, invalid
// UTF-8) are styleYAML: left to yaml.v3.
func plainStyle(s string) scalarStyle {
	if s == "" {
		return styleDouble // "" would read as null
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return styleYAML
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r < 0xa0 || r == 0xfeff || r == 0x2028 || r == 0x2029 || r > 0xfffd {
			return styleYAML
		}
		i += size
	}
	if !readsAsString(s) {
		return styleDouble
	}
	if hasIndicator(s) {
		return styleSingle
	}
	return stylePlain
}

// hasIndicator says whether s, written plain in block context, would not read back as s:
// a leading or trailing space, "---" or "..." first, an indicator first, ": " or " #".
func hasIndicator(s string) bool {
	blankAfter := func(i int) bool { return i+1 >= len(s) || s[i+1] == ' ' }
	if s[0] == ' ' || s[len(s)-1] == ' ' || strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		return true
	}
	switch s[0] {
	case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return true
	case '?', ':', '-':
		if blankAfter(0) {
			return true
		}
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case ':':
			if blankAfter(i) {
				return true
			}
		case '#':
			if s[i-1] == ' ' {
				return true
			}
		}
	}
	return false
}

// readsAsString says whether s written plain reads back as a string, not a null, bool,
// number or timestamp (yaml.v3's resolve, isBase60Float and isOldBool).
func readsAsString(s string) bool {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL",
		".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
		"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return false
	}
	switch c := s[0]; {
	case c == '.':
		_, err := strconv.ParseFloat(s, 64)
		return err != nil
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		return !readsAsNumber(s) && !base60Float.MatchString(s)
	}
	return true
}

var (
	yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	base60Float    = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)
)

// readsAsNumber is yaml.v3's resolve of a plain scalar beginning with a sign or a digit:
// a timestamp, an integer (any base, _ allowed) or a float.
func readsAsNumber(s string) bool {
	if readsAsTimestamp(s) {
		return true
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return true
	}
	if yamlStyleFloat.MatchString(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return true
		}
	}
	for _, p := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if rest, ok := strings.CutPrefix(plain, p.prefix); ok {
			if _, err := strconv.ParseInt(rest, p.base, 64); err == nil {
				return true
			}
			if _, err := strconv.ParseUint(rest, p.base, 64); err == nil {
				return true
			}
		} else if rest, ok := strings.CutPrefix(plain, "-"+p.prefix); ok {
			if _, err := strconv.ParseInt("-"+rest, p.base, 64); err == nil {
				return true
			}
		}
	}
	return false
}

// readsAsTimestamp is yaml.v3's parseTimestamp.
func readsAsTimestamp(s string) bool {
	i := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, format := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if _, err := time.Parse(format, s); err == nil {
			return true
		}
	}
	return false
}
