package importer

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	nethtml "golang.org/x/net/html"
)

var (
	selIntroTitle = cascadia.MustCompile("founder-introtitle")
	selFTitle     = cascadia.MustCompile("founder-title")
	selSubTitle   = cascadia.MustCompile("founder-subtitle")
	selAuthor     = cascadia.MustCompile("founder-author")
	selContent    = cascadia.MustCompile("founder-content")
	selOzoom      = cascadia.MustCompile("#ozoom")
	reEnpProperty = regexp.MustCompile(`(?s)<!--\s*enpproperty(.*?)/enpproperty\s*-->`)
	reEnpField    = regexp.MustCompile(`(?s)<([a-zA-Z]+)>(.*?)</([a-zA-Z]+)>`)
	reEnpContent  = regexp.MustCompile(`(?s)<!--\s*enpcontent\s*-->(.*?)<!--\s*/enpcontent\s*-->`)
	reByline      = regexp.MustCompile(`^(?:■|●|◆|□)?\s*(?:本报记者|本报通讯员|记者|通讯员|文/图|文/|图/)\s*(.+)$`)
	reNameOnly    = regexp.MustCompile(`^\p{Han}{2,4}$`)
	reKeywordSep  = regexp.MustCompile(`[,，;；、\s]+`)
)

// ExtractArticle reads an article page: 引题, title, 副题 and author from Founder's own tags,
// else from the enpproperty comment; the body from <founder-content>, else from between the
// enpcontent comments, else from #ozoom. A title and a body are required.
func ExtractArticle(body string, articleURL *url.URL) (*Article, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s: parse: %w", articleURL, err)
	}
	prop := enpProperty(body)
	a := &Article{URL: articleURL.String(), ID: articleID(articleURL.String())}
	if a.ID == "" {
		a.ID = prop["articleid"]
	}
	if a.ID == "" {
		return nil, fmt.Errorf("%s: no article id: neither content_N.htm nor enpproperty articleid", articleURL)
	}
	a.Title = firstNonEmpty(titleText(doc.FindMatcher(selFTitle)), cleanText(prop["title"]))
	if a.Title == "" {
		return nil, fmt.Errorf("%s: no title: neither <founder-title> nor enpproperty title", articleURL)
	}
	a.IntroTitle = firstNonEmpty(titleText(doc.FindMatcher(selIntroTitle)), cleanText(prop["introtitle"]))
	a.SubTitle = firstNonEmpty(titleText(doc.FindMatcher(selSubTitle)), cleanText(prop["subtitle"]))
	a.Author = firstNonEmpty(titleText(doc.FindMatcher(selAuthor)), cleanText(prop["author"]))
	a.Keywords = keywords(prop["keyword"])

	root, err := bodyRoot(doc, body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", articleURL, err)
	}
	a.Blocks = bodyBlocks(root, articleURL)
	if len(a.Blocks) == 0 {
		return nil, fmt.Errorf("%s: no body: the article body holds no text and no image", articleURL)
	}
	if a.Author == "" {
		a.Author, a.AuthorInBody = bylineInBody(a.Blocks)
	}
	return a, nil
}

// enpProperty reads Founder's <!--enpproperty <field>value</field>…/enpproperty--> comment.
func enpProperty(body string) map[string]string {
	m := reEnpProperty.FindStringSubmatch(body)
	if m == nil {
		return map[string]string{}
	}
	fields := map[string]string{}
	for _, f := range reEnpField.FindAllStringSubmatch(m[1], -1) {
		if strings.EqualFold(f[1], f[3]) {
			fields[strings.ToLower(f[1])] = html.UnescapeString(strings.TrimSpace(f[2]))
		}
	}
	return fields
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

// bodyRoot finds the element that holds the article body.
func bodyRoot(doc *goquery.Document, body string) (*nethtml.Node, error) {
	if s := doc.FindMatcher(selContent); s.Length() > 0 {
		return s.Nodes[0], nil
	}
	if m := reEnpContent.FindStringSubmatch(body); m != nil {
		frag, err := goquery.NewDocumentFromReader(strings.NewReader("<div>" + m[1] + "</div>"))
		if err != nil {
			return nil, fmt.Errorf("no body: enpcontent does not parse: %w", err)
		}
		return frag.Find("body").Nodes[0], nil
	}
	if s := doc.FindMatcher(selOzoom); s.Length() > 0 {
		return s.Nodes[0], nil
	}
	return nil, fmt.Errorf("no body: neither <founder-content>, enpcontent comments nor #ozoom")
}

// bylineInBody finds a byline the paper printed in the body: 本报记者 XXX in the first or last
// paragraph, or a name alone (two to four Han characters) as the last paragraph.
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
		if m := reByline.FindStringSubmatch(p); m != nil && utf8.RuneCountInString(m[1]) <= 20 {
			return cleanText(m[1]), true
		}
	}
	if last := paras[len(paras)-1]; len(paras) > 1 && reNameOnly.MatchString(last) {
		return last, true
	}
	return "", false
}
