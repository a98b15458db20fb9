package extract

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
)

var (
	selIntroTitle = cascadia.MustCompile("founder-introtitle")
	selFTitle     = cascadia.MustCompile("founder-title")
	selSubTitle   = cascadia.MustCompile("founder-subtitle")
	selAuthor     = cascadia.MustCompile("founder-author")
	selContent    = cascadia.MustCompile("founder-content")
	selOzoom      = cascadia.MustCompile("#ozoom")
	selBody       = cascadia.MustCompile("body")
	selFounder    = cascadia.MustCompile("founder-title, founder-content, founder-introtitle, founder-subtitle, founder-author")
	selHeadings   = []cascadia.Selector{
		cascadia.MustCompile("h1"), cascadia.MustCompile("h2"), cascadia.MustCompile("h3"),
		cascadia.MustCompile(`[class*="title" i], [id*="title" i]`),
		cascadia.MustCompile("h4"), cascadia.MustCompile("h5"), cascadia.MustCompile("h6"),
	}
	reEnpOpen    = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9_]{0,31})>`)
	reEnpContent = regexp.MustCompile(`(?s)<!--\s*enpcontent\s*-->(.*?)<!--\s*/enpcontent\s*-->`)
	reNpmContent = regexp.MustCompile(`(?s)<!--\s*<npm:article-content>\s*-->(.*?)<!--\s*</npm:article-content>\s*-->`)
	reTagBreak   = regexp.MustCompile(`(?i)<br\s*/?>`)
	reTag        = regexp.MustCompile(`<[^>]*>`)
	reByline     = regexp.MustCompile(`^[■●◆□▲★]?[\s\x{3000}\x{a0}]*(?:本报(?:首席|特约|见习)?记者|本报通讯员|(?:首席|特约|见习)?记者|通讯员|实习生|文[/／]图|文[/／]|图[/／])[\s\x{3000}\x{a0}:：]*(.+)$`)
	reNameOnly   = regexp.MustCompile(`^\p{Han}{2,4}$`)
	reKeywordSep = regexp.MustCompile(`[,，;；、\s]+`)
	reContentImg = regexp.MustCompile(`(?i)/(?:res|attachement|attachment)/.*\.(?:jpe?g|png|gif|webp)$`)
)

// ExtractArticle reads an article page. Pages with Founder's markup (<founder-…> tags or the
// enpproperty comment) give 引题, title, 副题 and author from the tags, else from the
// enpproperty comment. Pages without any of it are read from the layout: the title is the
// first heading (h1, h2, h3, an element whose class or id says "title" and that holds no
// link, h4 … h6) that is not a 第N版 label, else the longest part of <title>.
//
// The body is the first of these that holds text or a picture: <founder-content>; the part
// between the enpcontent comments; the part between the <npm:article-content> comments;
// #ozoom; on a page without Founder's markup, the largest text block (largestTextBlock); and
// last the article's pictures beside an empty body (a picture-only article). When
// <founder-content> sits in #ozoom with pictures beside it, #ozoom is read, to keep them.
// Every body goes through the sanitiser (sanitizeNodes). A title and a body are required.
func ExtractArticle(body string, articleURL *url.URL) (*Article, error) {
	doc, err := parse(body)
	if err != nil {
		return nil, fmt.Errorf("%s: parse: %w", articleURL, err)
	}
	return extractArticle(doc, body, articleURL)
}

// extractArticle is ExtractArticle of a page already parsed into doc (body is its text, for
// the comments the parser does not keep in place). It only reads doc, which the caller may
// read with a profile before or after.
func extractArticle(doc sel, body string, articleURL *url.URL) (*Article, error) {
	prop, hasProp := enpProperty(body)
	founder := hasProp || doc.find(selFounder).length() > 0
	a := &Article{URL: articleURL.String(), ID: ArticleID(articleURL.String()), Profile: Generic}
	if a.ID == "" {
		a.ID = prop["articleid"]
	}
	if a.ID == "" {
		return nil, fmt.Errorf("%s: no article id: neither content_N.htm nor enpproperty articleid", articleURL)
	}
	a.Title, a.TitleFrom = articleTitle(doc, prop, founder)
	if a.Title == "" {
		if founder {
			return nil, fmt.Errorf("%s: no title: neither <founder-title> nor enpproperty title", articleURL)
		}
		return nil, fmt.Errorf("%s: no title: no <founder-title>, enpproperty, heading or <title>", articleURL)
	}
	a.IntroTitle = firstNonEmpty(titleText(doc.find(selIntroTitle)), cleanText(prop["introtitle"]))
	a.SubTitle = firstNonEmpty(titleText(doc.find(selSubTitle)), cleanText(prop["subtitle"]))
	a.Author = firstNonEmpty(titleText(doc.find(selAuthor)), cleanText(prop["author"]))
	a.Keywords = keywords(prop["keyword"])

	var err error
	a.Blocks, a.BodyFrom, err = articleBody(doc, body, articleURL, founder)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", articleURL, err)
	}
	if a.TitleFrom == "heading" || a.TitleFrom == "title" {
		a.Blocks = dropLeadingTitle(a.Blocks, a.Title)
	}
	a.Blocks = captionPictures(a.Blocks)
	if len(a.Blocks) == 0 {
		return nil, fmt.Errorf("%s: no body: the article body holds no text and no image", articleURL)
	}
	if a.Author == "" {
		a.Author, a.AuthorInBody = bylineInBody(a.Blocks)
	}
	return a, nil
}

// articleTitle finds the title and says where: Founder's tag, the enpproperty comment, or,
// on a page without Founder's markup, the layout.
func articleTitle(doc sel, prop map[string]string, founder bool) (string, string) {
	if t := titleText(doc.find(selFTitle)); t != "" {
		return t, "founder-title"
	}
	if t := cleanText(prop["title"]); t != "" {
		return t, "enpproperty"
	}
	if founder {
		return "", ""
	}
	return layoutTitle(doc)
}

// layoutTitle is the title of a page without Founder's markup (see ExtractArticle).
func layoutTitle(doc sel) (string, string) {
	for _, m := range selHeadings {
		title := ""
		doc.find(m).eachWhile(func(s sel) bool {
			if s.closest(selA).length() > 0 || s.find(selLinks).length() > 0 {
				return true
			}
			t := titleText(s)
			if t == "" || utf8.RuneCountInString(t) > 200 || rePageName.MatchString(t) {
				return true
			}
			title = t
			return false
		})
		if title != "" {
			return title, "heading"
		}
	}
	title := ""
	for _, part := range reTitleSep.Split(cleanText(doc.find(selTitle).first().text()), -1) {
		part = cleanText(part)
		if !rePageName.MatchString(part) && utf8.RuneCountInString(part) > utf8.RuneCountInString(title) {
			title = part
		}
	}
	if title == "" {
		return "", ""
	}
	return title, "title"
}

// enpProperty reads Founder's <!--enpproperty <field>value</field>…/enpproperty--> comment;
// the bool says whether the page has one. Tags inside a value are dropped (a <br> read as a
// space) and entities decoded.
func enpProperty(body string) (map[string]string, bool) {
	fields := map[string]string{}
	rest, ok := enpComment(body)
	if !ok {
		return fields, false
	}
	missing := map[string]bool{}
	for i := 0; i < 100 && rest != ""; i++ { // real comments have a dozen fields
		loc := reEnpOpen.FindStringSubmatchIndex(rest)
		if loc == nil {
			break
		}
		name := strings.ToLower(rest[loc[2]:loc[3]])
		after := rest[loc[1]:]
		end := -1
		if !missing[name] {
			end = indexFoldASCII(after, "</"+name+">")
		}
		if end < 0 {
			missing[name] = true
			rest = after
			continue
		}
		if _, seen := fields[name]; !seen {
			fields[name] = propText(after[:end])
		}
		rest = after[end+len(name)+3:]
	}
	return fields, true
}

// enpComment is what reEnpProperty's group matches in body: the text between the first
// "<!--", spaces, "enpproperty" and the first "/enpproperty", spaces, "-->" after it. Found
// without the regular expression, which ran over the whole page (~2 % of an import's CPU).
func enpComment(body string) (string, bool) {
	const open, closing = "enpproperty", "/enpproperty"
	for start := 0; ; {
		i := strings.Index(body[start:], "<!--")
		if i < 0 {
			return "", false
		}
		i += start
		from := skipRESpace(body, i+len("<!--"))
		if !strings.HasPrefix(body[from:], open) {
			start = i + 1
			continue
		}
		from += len(open)
		for k := from; ; { // the first end after it; a later start has no other
			e := strings.Index(body[k:], closing)
			if e < 0 {
				return "", false
			}
			e += k
			if strings.HasPrefix(body[skipRESpace(body, e+len(closing)):], "-->") {
				return body[from:e], true
			}
			k = e + 1
		}
	}
}

// skipRESpace skips what \s of a regular expression matches from i.
func skipRESpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// propText is the text of an enpproperty value.
func propText(v string) string {
	v = reTagBreak.ReplaceAllString(v, " ")
	v = reTag.ReplaceAllString(v, "")
	return strings.TrimSpace(html.UnescapeString(v))
}

// indexFoldASCII is strings.Index for an ASCII needle, ignoring ASCII case.
func indexFoldASCII(s, needle string) int {
	for i := 0; i+len(needle) <= len(s); {
		j := strings.IndexByte(s[i:], needle[0])
		if j < 0 {
			return -1
		}
		i += j
		if i+len(needle) <= len(s) && strings.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
		i++
	}
	return -1
}

func keywords(s string) []string {
	var out []string
	for _, k := range reKeywordSep.Split(s, -1) {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// dropLeadingTitle drops paragraphs at the start of a body read from the layout that repeat
// the title (a heading inside the text block).
func dropLeadingTitle(blocks []Block, title string) []Block {
	want := squeeze(title)
	for len(blocks) > 0 && blocks[0].ImageURL == "" && squeeze(blocks[0].Text()) == want {
		blocks = blocks[1:]
	}
	return blocks
}

// squeeze drops all white space, to compare texts whose line breaks were read differently.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// captionPictures reads a picture-only article: when every paragraph of the body directly
// follows a picture without a caption and is short (at most 300 characters), each paragraph
// is that picture's caption. Any other body is returned as it is.
func captionPictures(blocks []Block) []Block {
	pictures := 0
	for i, b := range blocks {
		if b.ImageURL != "" {
			pictures++
			continue
		}
		if i == 0 || blocks[i-1].ImageURL == "" || blocks[i-1].Caption != "" || utf8.RuneCountInString(b.Text()) > 300 {
			return blocks
		}
	}
	if pictures == 0 || pictures == len(blocks) {
		return blocks
	}
	out := make([]Block, 0, pictures)
	for _, b := range blocks {
		if b.ImageURL != "" {
			out = append(out, b)
			continue
		}
		out[len(out)-1].Caption = cleanText(strings.ReplaceAll(b.Text(), "\n", " "))
	}
	return out
}

// isNames is true for what can follow 本报记者 in a byline: up to 20 characters and no
// sentence punctuation (记者近日获悉。 is a sentence, not a byline).
func isNames(s string) bool {
	return utf8.RuneCountInString(s) <= 20 && !strings.ContainsAny(s, "。，,！!？?；;：:")
}

// bylineInBody finds a byline the paper printed in the body: ■ 本报记者 XXX (or 记者, 通讯员,
// 文/ …) as the first or last paragraph, or a name alone (two to four Han characters) as the
// last paragraph.
func bylineInBody(blocks []Block) (string, bool) {
	var paras []string
	for _, b := range blocks {
		if b.ImageURL == "" {
			paras = append(paras, cleanText(b.Text()))
		}
	}
	if len(paras) == 0 {
		return "", false
	}
	for _, p := range []string{paras[0], paras[len(paras)-1]} {
		if m := reByline.FindStringSubmatch(p); m != nil && isNames(m[1]) {
			return cleanText(m[1]), true
		}
	}
	if last := paras[len(paras)-1]; len(paras) > 1 && reNameOnly.MatchString(last) {
		return last, true
	}
	return "", false
}
