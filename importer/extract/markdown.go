package extract

import (
	"fmt"
	"strings"
)

// Markdown renders an article body: one paragraph per block, a line break as a hard break,
// each image as its own paragraph naming its file in the bundle and its caption. All text is
// escaped: what comes out is text, hard breaks, bold and images, never raw HTML, a link or a
// Hugo shortcode, whatever the source page held.
func Markdown(blocks []Block, imageFiles map[string]string) string {
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
			caption := oneLine.Replace(blk.Caption)
			fmt.Fprintf(&b, "![%s](%s \"%s\")\n", escapeInline(caption), escapeDest(name), escapeTitle(caption))
			continue
		}
		for i, sp := range blk.Spans {
			switch {
			case sp.Text == "\n":
				b.WriteString("\\\n")
				continue
			case sp.Bold && strings.TrimFunc(sp.Text, isSpace) != "":
				// Emphasis must not start or end with white space: keep it outside.
				text := oneLine.Replace(sp.Text)
				core := strings.TrimFunc(text, isSpace)
				start := strings.Index(text, core)
				b.WriteString(text[:start] + "**" + escapeInline(core) + "**" + text[start+len(core):])
				continue
			}
			t := escapeInline(oneLine.Replace(sp.Text))
			if i == 0 || blk.Spans[i-1].Text == "\n" {
				t = escapeLineStart(t)
			}
			b.WriteString(t)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// oneLine keeps text that should hold no line break on one line.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// escapeDest makes a bundle file name safe as a link destination (the names epaper chooses,
// img-1.jpg …, need nothing).
var escapeDest = strings.NewReplacer("\n", "", "\r", "", " ", "%20", "<", "%3C", ">", "%3E",
	"(", "%28", ")", "%29", `\`, "%5C", `"`, "%22").Replace

// mdSpecial are the characters that would start Markdown (or Hugo's goldmark extensions:
// strikethrough, tables, attributes) or a Hugo shortcode ({{< … >}}, {{% … %}}) in running
// text. Every brace is escaped, so that no two braces ever stand side by side in the output.
var mdSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`&`, `\&`, `!`, `\!`, `|`, `\|`, `~`, `\~`, `{`, `\{`, `}`, `\}`, `$`, `\$`,
)

// escapeInline escapes text for running Markdown: a backslash before each ASCII punctuation
// character that could mean something. CommonMark reads every such escape back as the
// character itself.
func escapeInline(s string) string { return mdSpecial.Replace(s) }

// escapeTitle escapes text for a link title in double quotes: as running text, and the quote.
func escapeTitle(s string) string { return strings.ReplaceAll(escapeInline(s), `"`, `\"`) }

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
