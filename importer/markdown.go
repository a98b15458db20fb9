package importer

import (
	"fmt"
	"strings"
)

// markdown renders an article body: one paragraph per block, a line break as a hard break,
// each image as its own paragraph naming its file in the bundle and its caption.
func markdown(blocks []Block, imageFiles map[string]string) string {
	var b strings.Builder
	for _, blk := range blocks {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		if blk.ImageURL != "" {
			name := imageFiles[blk.ImageURL]
			if name == "" {
				continue
			}
			fmt.Fprintf(&b, "![%s](%s \"%s\")\n", escapeInline(blk.Caption), name, strings.ReplaceAll(blk.Caption, `"`, `\"`))
			continue
		}
		for i, sp := range blk.Spans {
			switch {
			case sp.Text == "\n":
				b.WriteString("\\\n")
			case sp.Bold:
				b.WriteString("**" + escapeInline(sp.Text) + "**")
			default:
				t := escapeInline(sp.Text)
				if i == 0 || blk.Spans[i-1].Text == "\n" {
					t = escapeLineStart(t)
				}
				b.WriteString(t)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// mdSpecial are the characters that would start Markdown (or Hugo's goldmark extensions:
// strikethrough, tables, shortcodes) in running text.
var mdSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`&`, `\&`, `!`, `\!`, `|`, `\|`, `~`, `\~`, `{{`, `\{\{`, `$`, `\$`,
)

func escapeInline(s string) string { return mdSpecial.Replace(s) }

// escapeLineStart keeps a line from being read as a heading, a list, a block quote or a
// definition.
func escapeLineStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '-', '+', '=', ':':
		return `\` + s
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}
