package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// ExtractArticleWith reads an article with the profile among ps that detects it (Generic,
// ExtractArticle's heuristics, when none does). A profile whose title is Founder's own tag
// (founder-title) is read by ExtractArticle, which knows Founder's tags and comments best.
// The page is parsed once, for the detection and whatever reads it.
func ExtractArticleWith(ps []*Profile, body string, articleURL *url.URL) (*Article, error) {
	doc, err := parse(body)
	if err != nil {
		return nil, fmt.Errorf("%s: parse: %w", articleURL, err)
	}
	d := detect(ps, articleURL, doc)
	if d.Profile == nil || d.Profile.Name == Generic || d.Profile.Article.Title == "" || d.Profile.Article.Body == "" ||
		strings.HasPrefix(d.Profile.Article.Title, "founder-") {
		return extractArticle(doc, body, articleURL)
	}
	a, err := d.Profile.readArticle(doc, articleURL)
	if err != nil {
		if g, gerr := extractArticle(doc, body, articleURL); gerr == nil {
			return g, nil // the profile accepted it, but the heuristics read it
		}
	}
	return a, err
}

// readArticle reads an article with the profile: its fields by their selectors, the body's
// paragraphs and pictures (a paragraph after a picture is its caption), the byline from the
// author field or, where that is empty, a paragraph the profile's byline names.
func (pr *Profile) readArticle(doc sel, u *url.URL) (*Article, error) {
	a := &Article{URL: u.String(), ID: pr.ArticleID(u.String()), TitleFrom: pr.Article.Title, BodyFrom: pr.Article.Body, Profile: pr.Name}
	if a.ID == "" {
		a.ID = ArticleID(u.String())
	}
	if a.ID == "" {
		return nil, fmt.Errorf("%s: no article id: profile %s: match.article gives none", u, pr.Name)
	}
	field := func(s string) string {
		if s == "" {
			return ""
		}
		return flatText(doc.find(pr.sel(s)).first())
	}
	a.IntroTitle, a.Title, a.SubTitle, a.Author = field(pr.Article.IntroTitle), field(pr.Article.Title), field(pr.Article.SubTitle), field(pr.Article.Author)
	if a.Title == "" {
		return nil, fmt.Errorf("%s: no title: profile %s: article.title %q matches nothing", u, pr.Name, pr.Article.Title)
	}
	body := doc.find(pr.sel(pr.Article.Body)).first()
	if body.length() == 0 {
		return nil, fmt.Errorf("%s: no body: profile %s: article.body %q matches nothing", u, pr.Name, pr.Article.Body)
	}
	a.Blocks = captionPictures(bodyBlocks(nonNil(children(body[0])), u))
	a.Blocks = dropTableCaptions(a.Blocks, body[0])
	if len(a.Blocks) == 0 {
		return nil, fmt.Errorf("%s: no body: the article body holds no text and no image", u)
	}
	if a.Author == "" {
		a.Author, a.AuthorInBody = pr.byline(a.Blocks)
	}
	return a, nil
}

// byline is the byline the profile's byline places (first, last paragraph) hold.
func (pr *Profile) byline(blocks []Block) (string, bool) {
	var paras []string
	for _, b := range blocks {
		if b.ImageURL == "" {
			paras = append(paras, cleanText(b.Text()))
		}
	}
	if len(paras) == 0 {
		return "", false
	}
	for _, where := range pr.Article.Byline {
		line := paras[0]
		if where == "last" {
			line = paras[len(paras)-1]
		}
		if reProfileByline.MatchString(line) {
			return strings.TrimSpace(strings.TrimLeft(line, "■ ")), true
		}
	}
	return "", false
}

// dropTableCaptions leaves out the paragraphs whose text is a caption in a photo's table
// inside the body (the picture keeps it as its caption).
func dropTableCaptions(blocks []Block, body *html.Node) []Block {
	captions := map[string]bool{}
	forEach(body, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" {
			forEach(n, func(c *html.Node) {
				if c.Type == html.ElementNode && (c.Data == "p" || c.Data == "td") {
					if t := cleanText(textWithout(c, nil)); t != "" {
						captions[t] = true
					}
				}
			})
		}
	})
	if len(captions) == 0 {
		return blocks
	}
	var out []Block
	for _, b := range blocks {
		if b.ImageURL == "" && captions[cleanText(b.Text())] {
			continue
		}
		out = append(out, b)
	}
	return out
}

// reProfileByline is a byline paragraph (docs/profiles-design.md §3): ■ 本报记者 …, 记者 …,
// 通讯员 …, 文/ …; not notes such as （本报综合）.
var reProfileByline = regexp.MustCompile(`^■?\s*((本报|特约)?(记者|通讯员)|文\s*[/／]|本报通讯员)`)
