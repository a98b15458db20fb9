package extract

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	gmtext "github.com/yuin/goldmark/text"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// A page in the Founder template of the 2000s: upper-case tags, unquoted attributes,
// repeated ids, the page name split by <STRONG>, an image map over a scan shown smaller than
// its natural size.
const nodePage = `<HTML><HEAD><TITLE>重庆日报</TITLE>
<META http-equiv=Content-Type content="text/html; charset=utf-8"></HEAD>
<BODY>
<DIV id=titleList><A href=content_11.htm>甲稿</A><A href=content_12.htm>乙稿</A></DIV>
<TABLE><TR><TD><IMG src="../../../../../page/cqrb/2021-04/14/005/p.jpg" useMap=#PagePicMap width=400 height=600>
<MAP NAME="pagepicmap"><Area shape="polygon" coords="0,0,200,0,200,300,0,300" href="content_11.htm">
<AREA shape=rect coords="200,0,400,600" href=content_12.htm></MAP></TD>
<TD><SPAN id=pageName>第005版：<STRONG>重庆新闻</STRONG></SPAN>
<A id=preNode href=../004/node.htm>上一版</A> <A id=nextNode href=../006/node.htm>下一版</A>
<TABLE><TR><TD><A id=pageLink href=../004/node.htm>第004版：重庆新闻</A></TD><TD><A href=../../../../../page/cqrb/2021-04/14/004/p.pdf><IMG src=pdf.gif></A></TD></TR>
<TR><TD><A id=pageLink href=node.htm>第005版：重庆新闻</A></TD><TD><A href=../../../../../page/cqrb/2021-04/14/005/p.pdf><IMG src=pdf.gif></A></TD></TR>
<TR><TD><A id=pageLink href=../006/node.htm>第006版：<STRONG>综合</STRONG></A></TD></TR></TABLE>
<TABLE id=articleList><TR><TD><A href=content_11.htm><DIV style="display:inline" id=mp11>甲稿</DIV></A></TD></TR>
<TR><TD><A href=content_12.htm><DIV style="display:inline" id=mp12>乙稿<BR>下行</DIV></A></TD></TR></TABLE>
2021 年 04 月 14 日 星期<SCRIPT>document.write("三")</SCRIPT>
</TD></TR></TABLE></BODY></HTML>`

func TestExtractPage(t *testing.T) {
	t.Parallel()
	base := "http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/"
	p, err := ExtractPage(nodePage, mustURL(t, base+"node.htm"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Num != "005" || p.Name != "重庆新闻" || p.Paper != "cqrb" || p.PaperName != "重庆日报" {
		t.Errorf("page = %q %q of %q %q", p.Num, p.Name, p.Paper, p.PaperName)
	}
	if got := p.Date.Format("2006-01-02 -0700"); got != "2021-04-14 +0800" {
		t.Errorf("date = %s", got)
	}
	var pages []string
	for _, r := range p.Pages {
		pages = append(pages, r.Num+":"+r.Name)
	}
	if got := strings.Join(pages, " "); got != "004:重庆新闻 005:重庆新闻 006:综合" {
		t.Errorf("page list = %s", got)
	}
	if len(p.Articles) != 2 || p.Articles[0].ID != "11" || p.Articles[1].Title != "乙稿 下行" {
		t.Errorf("articles = %+v", p.Articles)
	}
	if p.ScanURL != "http://epaper.cqrb.cn/page/cqrb/2021-04/14/005/p.jpg" || p.ScanW != 400 || p.ScanH != 600 {
		t.Errorf("scan = %s %dx%d", p.ScanURL, p.ScanW, p.ScanH)
	}
	if p.PDFURL != "http://epaper.cqrb.cn/page/cqrb/2021-04/14/005/p.pdf" {
		t.Errorf("pdf = %s, want this page's, not its neighbour's", p.PDFURL)
	}
	if len(p.Regions) != 2 || len(p.Regions[1].Points) != 4 || p.Regions[1].Points[2] != [2]float64{400, 600} {
		t.Errorf("regions = %+v", p.Regions)
	}
}

func TestExtractPageWithoutPageList(t *testing.T) {
	t.Parallel()
	_, err := ExtractPage(`<HTML><BODY>广告</BODY></HTML>`, mustURL(t, "http://x.cn/html/cqrb/2021-04/14/005/node.htm"))
	if err == nil || !strings.Contains(err.Error(), "node.htm") || !strings.Contains(err.Error(), "page list") {
		t.Errorf("want an error naming the URL and the page list, got %v", err)
	}
}

const articlePage = `<HTML><BODY>
<SPAN>第005版：<STRONG>重庆新闻</STRONG></SPAN>
<A id=pageLink href=node.htm>第005版：重庆新闻</A>
<TABLE><TR><TD><founder-introtitle>引题在此</founder-introtitle></TD></TR>
<TR><TD><founder-title>标题第一行<BR>第二行</founder-title></TD></TR>
<TR><TD><founder-subtitle>——副题</founder-subtitle></TD></TR>
<TR><TD><founder-author></founder-author></TD></TR></TABLE>
<DIV id=ozoom><!--enpcontent--><founder-content>
<TABLE><TR><TD><IMG src="../../../../../res/1/20210414/1.jpg"></TD></TR><TR><TD>图为　稻田。</TD></TR></TABLE>
<P>　　问:国家规划*纲要*对
我市有何机遇?</P>
<P>&nbsp;&nbsp;1. 第一<BR>　　第二行 &amp; <B>加粗</B></P>
<P>　　杨颖</P>
</founder-content><!--/enpcontent--></DIV>
<!--enpproperty <articleid>268824</articleid><date>2021-04-14 00:00:00:0</date><author></author><title>标题</title><keyword>招商,十四五；规划</keyword>/enpproperty-->
</BODY></HTML>`

func TestExtractArticle(t *testing.T) {
	t.Parallel()
	a, err := ExtractArticle(articlePage, mustURL(t, "http://x.cn/html/cqrb/2021-04/14/005/content_268824.htm"))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "268824" || a.IntroTitle != "引题在此" || a.Title != "标题第一行 第二行" || a.SubTitle != "——副题" {
		t.Errorf("got %q %q %q %q", a.ID, a.IntroTitle, a.Title, a.SubTitle)
	}
	if a.Author != "杨颖" || !a.AuthorInBody {
		t.Errorf("byline in the body: author = %q, in body = %v", a.Author, a.AuthorInBody)
	}
	if strings.Join(a.Keywords, "|") != "招商|十四五|规划" {
		t.Errorf("keywords = %q", a.Keywords)
	}
	if len(a.Blocks) != 4 || a.Blocks[0].ImageURL != "http://x.cn/res/1/20210414/1.jpg" || a.Blocks[0].Caption != "图为　稻田。" {
		t.Fatalf("blocks = %+v", a.Blocks)
	}
	md := Markdown(a.Blocks, map[string]string{a.Blocks[0].ImageURL: "img-1.jpg"})
	want := "![图为　稻田。](img-1.jpg \"图为　稻田。\")\n\n" +
		"问:国家规划\\*纲要\\*对我市有何机遇?\n\n" +
		"1\\. 第一\\\n第二行 \\& **加粗**\n\n" +
		"杨颖\n"
	if md != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", md, want)
	}
}

func TestExtractArticleFallsBackToEnpProperty(t *testing.T) {
	t.Parallel()
	page := `<HTML><BODY><!--enpcontent--><P>正文。</P><!--/enpcontent-->
<!--enpproperty <articleid>7</articleid><author>本报记者 张三</author><title>只在属性里的标题</title><subtitle>副</subtitle><introtitle>引</introtitle>/enpproperty--></BODY></HTML>`
	a, err := ExtractArticle(page, mustURL(t, "http://x.cn/a/content_7.htm"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "只在属性里的标题" || a.SubTitle != "副" || a.IntroTitle != "引" || a.Author != "本报记者 张三" || a.AuthorInBody {
		t.Errorf("got %+v", a)
	}
	if len(a.Blocks) != 1 || a.Blocks[0].Text() != "正文。" {
		t.Errorf("body = %+v", a.Blocks)
	}
}

func TestExtractArticleErrorsNameURLAndPart(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"no title": `<HTML><BODY><founder-content><P>正文</P></founder-content></BODY></HTML>`,
		"no body":  `<HTML><BODY><founder-title>标题</founder-title></BODY></HTML>`,
	}
	for part, page := range cases {
		_, err := ExtractArticle(page, mustURL(t, "http://x.cn/a/content_123.htm"))
		if err == nil || !strings.Contains(err.Error(), "content_123.htm") || !strings.Contains(err.Error(), part) {
			t.Errorf("%s: got %v", part, err)
		}
	}
}

func TestDecodeGB18030(t *testing.T) {
	t.Parallel()
	src := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>重庆𠮷</body></html>`
	raw, err := simplifiedchinese.GB18030.NewEncoder().String(src)
	if err != nil {
		t.Fatal(err)
	}
	got, cs, err := Decode([]byte(raw), "text/html; charset=utf-8") // the header is wrong
	if err != nil || got != src || cs != "gb18030" {
		t.Errorf("got %q as %s, %v", got, cs, err)
	}
	bare, _ := simplifiedchinese.GB18030.NewEncoder().String("<html><body>重庆𠮷</body></html>")
	got, cs, _ = Decode([]byte(bare), "") // no declaration at all
	if !strings.Contains(got, "重庆𠮷") || cs != "gb18030" {
		t.Errorf("undeclared GB bytes: got %q as %s", got, cs)
	}
}

// Two paragraphs of the seed (content_268824.htm), to show that sanitising loses no text.
var seedParagraphs = []string{
	"问:国家第十四个五年规划和2035年远景目标纲要对我市招商工作带来哪些机遇?如何抓住这些机遇?",
	"“一”是完成一个招商总体目标。全市合同引资1.6万亿元,到位资金额3200亿元,拉动经济增长1个百分点左右,其中工业占比45%以上,招商项目总体质量进一步提高。",
}

// xssPage puts a payload of testdata/xss between paragraphs of the seed in an article page.
func xssPage(payload string) string {
	return `<HTML><BODY><founder-title>标题</founder-title><DIV id=ozoom><!--enpcontent--><founder-content>
<P>　　` + seedParagraphs[0] + `</P>
` + payload + `
<P>　　` + seedParagraphs[1] + `</P>
</founder-content><!--/enpcontent--></DIV></BODY></HTML>`
}

// TestXSSCorpus runs the payloads of testdata/xss through extraction and Markdown: what comes
// out holds no HTML, no javascript: link and no shortcode, and the text around (and, where
// it was text, of) the payload is all there.
func TestXSSCorpus(t *testing.T) {
	t.Parallel()
	survives := map[string][]string{ // text that must still be read, as HTML-escaped in the rendering
		"script.html":             {"前文。", "后文。"},
		"img-onerror.html":        {"图片："},
		"a-javascript.html":       {"点这里和这里和那里。"},
		"svg-onload.html":         {"矢量图之后。"},
		"iframe.html":             {"嵌入：完。"},
		"style-hiding.html":       {"被藏起来的文字。", "盖住页面的文字。"},
		"css-expression.html":     {"CSS 表达式。", "行为。"},
		"entity-javascript.html":  {"实体冒号制表符全实体完。"},
		"math-mutation.html":      {"数学：完。"},
		"noscript-mutation.html":  {"完。"},
		"object-embed.html":       {"嵌入完。"},
		"form.html":               {"表单："},
		"form-math-mutation.html": {"表单数学：", "其后。"},
		"markdown-link.html":      {"[点我](javascript:alert(1)) 和 ![图](javascript:alert(1)) 和 &lt;", "example.com", "&gt; 和 &lt;javascript:alert(1)&gt; 和 [x]: javascript:alert(1)", "[ref]: javascript:alert(1)"},
		"script-as-text.html":     {"&lt;script&gt;alert(1)&lt;/script&gt; 和 &lt;img src=x onerror=alert(1)&gt; 是文字。", "&lt;div&gt;"},
		// In shortcode.html, </* c */> is an HTML comment, as a browser reads it.
		"shortcode.html":        {"{{&lt; shortcode &gt;}} 和 {{% shortcode %}} 和 {{{% x %}}} 和 {{}} 和 { {&lt; y &gt;} }。", "{{&lt; param &quot;x&quot; &gt;}}"},
		"markdown-blocks.html":  {"# 标题", "- 列表", "1. 编号", "&gt; 引用", "缩进的代码", "```", "| 表 | 格 |", "---", "&lt;!--more--&gt;", "$$x$$"},
		"caption-breakout.html": {`alt="说明&quot;) {{&lt; x &gt;}} [a](javascript:alert(1)) \"`},
		"base-meta.html":        {"元素之后。"},
		"event-handlers.html":   {"<strong>粗体</strong>文字", "细节"},
	}
	files, err := filepath.Glob("testdata/xss/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			payload, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a, err := ExtractArticle(xssPage(string(payload)), mustURL(t, cqrb005+"content_1.htm"))
			if err != nil {
				t.Fatal(err)
			}
			images := map[string]string{}
			for _, b := range a.Blocks {
				if b.ImageURL != "" {
					images[b.ImageURL] = fmt.Sprintf("img-%d.jpg", len(images)+1)
				}
			}
			md := Markdown(a.Blocks, images)
			rendered := assertSafeMarkdown(t, md, images)
			for _, p := range seedParagraphs {
				if !strings.Contains(md, "\n"+p+"\n") && !strings.HasPrefix(md, p+"\n") {
					t.Errorf("seed paragraph lost or changed: %s\nmarkdown:\n%s", p, md)
				}
			}
			want, ok := survives[name]
			if !ok {
				t.Errorf("no expectations for %s", name)
			}
			for _, s := range want {
				if !strings.Contains(rendered, s) {
					t.Errorf("text %q lost\nmarkdown:\n%s\nrendered:\n%s", s, md, rendered)
				}
			}
		})
	}
}

var (
	reHTMLTag  = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>`)
	reHTMLAttr = regexp.MustCompile(`\s([^\s=/>]+)(?:="([^"]*)")?`)
)

// assertSafeMarkdown checks Markdown made by Markdown(): no shortcode call; read by goldmark
// with the extensions Hugo turns on, only paragraphs, text, bold and the bundle's images (and
// linkified http(s) addresses); rendered to HTML with raw HTML allowed, only the tags those
// make, with no attribute but src, alt, title and an http(s) href. It returns the rendering.
func assertSafeMarkdown(t testing.TB, md string, images map[string]string) string {
	t.Helper()
	if strings.Contains(md, "{{") {
		t.Errorf("a shortcode call can start here:\n%s", md)
	}
	names := map[string]bool{}
	for _, n := range images {
		names[n] = true
	}
	doc, rendered := parseMarkdown(md)
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Document, *ast.Paragraph, *ast.Text, *ast.String, *ast.Emphasis:
		case *ast.Image:
			if !names[string(n.Destination)] {
				t.Errorf("an image of %q, not a file of the bundle:\n%s", n.Destination, md)
			}
		case *ast.AutoLink:
			if u := strings.ToLower(string(n.URL([]byte(md)))); !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "www.") {
				t.Errorf("an autolink to %q:\n%s", u, md)
			}
		default:
			t.Errorf("Markdown makes a %s:\n%s", n.Kind(), md)
		}
		return ast.WalkContinue, nil
	})
	for _, m := range reHTMLTag.FindAllStringSubmatch(rendered, -1) {
		switch strings.ToLower(m[2]) {
		case "p", "br", "strong", "img", "a":
		default:
			t.Errorf("rendered HTML holds <%s%s>:\n%s", m[1], m[2], rendered)
		}
		for _, at := range reHTMLAttr.FindAllStringSubmatch(m[3], -1) {
			v := strings.ToLower(at[2])
			switch strings.ToLower(at[1]) {
			case "src", "alt", "title":
				if strings.Contains(v, "javascript:") && strings.ToLower(at[1]) == "src" {
					t.Errorf("a javascript: src: %s", m[0])
				}
			case "href":
				if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
					t.Errorf("a link to %q: %s", v, m[0])
				}
			default:
				t.Errorf("rendered HTML has the attribute %s: %s", at[1], m[0])
			}
		}
	}
	return rendered
}

// parseMarkdown reads Markdown as Hugo's goldmark does (GFM, definition lists, footnotes) and
// renders it with raw HTML allowed, the most dangerous setting a site could choose.
func parseMarkdown(md string) (ast.Node, string) {
	gm := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote, extension.CJK),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
	)
	src := []byte(md)
	doc := gm.Parser().Parse(gmtext.NewReader(src))
	var b strings.Builder
	if err := gm.Renderer().Render(&b, src, doc); err != nil {
		return doc, "render error: " + err.Error()
	}
	return doc, b.String()
}

// TestSanitizingKeepsTheFixture walks every article of the fixture edition with and without
// the sanitiser: the blocks are the same.
func TestSanitizingKeepsTheFixture(t *testing.T) {
	t.Parallel()
	root := fixture.Root()
	files, _ := filepath.Glob(filepath.Join(root, "html", "cqrb", "*", "*", "*", "content_*.htm"))
	if len(files) == 0 {
		t.Fatal("no fixture articles")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, _, _ := Decode(raw, "")
		doc, err := parse(text)
		if err != nil {
			t.Fatal(err)
		}
		base := mustURL(t, "http://epaper.cqrb.cn/"+strings.TrimPrefix(filepath.ToSlash(f), filepath.ToSlash(root)+"/"))
		root := doc.find(selContent)[0]
		raw1 := walkBlocks(children(root), base)
		clean := bodyBlocks(children(root), base)
		if !reflect.DeepEqual(raw1, clean) {
			t.Errorf("%s: sanitising changed the body:\n%q\n%q", f, texts(raw1), texts(clean))
		}
		if len(clean) < 2 {
			t.Errorf("%s: %d blocks", f, len(clean))
		}
	}
}

func TestMarkdownEscapesCaptionsAndBraces(t *testing.T) {
	t.Parallel()
	blocks := []Block{
		{ImageURL: "http://x/a.jpg", Caption: `说明") {{< x >}} \`},
		{Spans: []Span{{Text: "{{{% y %}}}"}}},
		{Spans: []Span{{Text: "前"}, {Text: " 粗体 ", Bold: true}, {Text: "后"}}},
	}
	md := Markdown(blocks, map[string]string{"http://x/a.jpg": "img-1.jpg"})
	want := "![说明\") \\{\\{\\< x \\>\\}\\} \\\\](img-1.jpg \"说明\\\") \\{\\{\\< x \\>\\}\\} \\\\\")\n\n" +
		"\\{\\{\\{% y %\\}\\}\\}\n\n" +
		"前 **粗体** 后\n"
	if md != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", md, want)
	}
	assertSafeMarkdown(t, md, map[string]string{"http://x/a.jpg": "img-1.jpg"})
}

func TestBylineInBody(t *testing.T) {
	t.Parallel()
	para := func(s string) Block { return Block{Spans: []Span{{Text: s}}} }
	for _, c := range []struct {
		first, last, want string
	}{
		{"■ 本报记者 张三", "正文。", "张三"},
		{"●本报首席记者　李四　实习生　王五", "正文。", "李四　实习生　王五"},
		{"记者近日获悉。", "正文。", ""},
		{"正文。", "文/图 赵六", "赵六"},
		{"正文。", "本报通讯员：钱七", "钱七"},
		{"正文。", "孙八", "孙八"},
		{"正文。", "这是一个句子。", ""},
	} {
		got, _ := bylineInBody([]Block{para(c.first), para("中间。"), para(c.last)})
		if got != c.want {
			t.Errorf("%q … %q: author %q, want %q", c.first, c.last, got, c.want)
		}
	}
}

// An article whose body opens more than 512 elements and never closes them (x/net/html
// refuses such a page) is read anyway, through a parse that drops the tags nested too deep
// and keeps their text (issue 13.7).
func TestExtractArticleNestedTooDeep(t *testing.T) {
	t.Parallel()
	for _, tag := range []string{"font", "div", "span", "b"} {
		deep := strings.Replace(articlePage, "问:国家规划", strings.Repeat("<"+tag+">", 600)+"深处的文字。问:国家规划", 1)
		if deep == articlePage {
			t.Fatal("the sample article has changed")
		}
		a, err := ExtractArticle(deep, mustURL(t, "http://x.cn/html/cqrb/2021-04/14/005/content_268824.htm"))
		if err != nil {
			t.Errorf("600 unclosed <%s>: %v", tag, err)
			continue
		}
		if md := Markdown(a.Blocks, nil); !strings.Contains(md, "深处的文字。") || !strings.Contains(md, "杨颖") || a.Title != "标题第一行 第二行" {
			t.Errorf("600 unclosed <%s>: title %q, body:\n%s", tag, a.Title, md)
		}
	}
}
