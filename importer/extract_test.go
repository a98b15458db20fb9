package importer

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
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
	rm := normaliseRegions(p, 800, 1200)
	if rm[0].Points[2] != (point{0.5, 0.5}) {
		t.Errorf("regions are not fractions of the shown size: %+v", rm[0].Points)
	}
}

func TestExtractPageWithoutPageList(t *testing.T) {
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
	md := markdown(a.Blocks, map[string]string{a.Blocks[0].ImageURL: "img-1.jpg"})
	want := "![图为　稻田。](img-1.jpg \"图为　稻田。\")\n\n" +
		"问:国家规划\\*纲要\\*对我市有何机遇?\n\n" +
		"1\\. 第一\\\n第二行 \\& **加粗**\n\n" +
		"杨颖\n"
	if md != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", md, want)
	}
}

func TestExtractArticleFallsBackToEnpProperty(t *testing.T) {
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
	src := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>重庆𠮷</body></html>`
	raw, err := simplifiedchinese.GB18030.NewEncoder().String(src)
	if err != nil {
		t.Fatal(err)
	}
	got, cs, err := decodeHTML([]byte(raw), "text/html; charset=utf-8") // the header is wrong
	if err != nil || got != src || cs != "gb18030" {
		t.Errorf("got %q as %s, %v", got, cs, err)
	}
	bare, _ := simplifiedchinese.GB18030.NewEncoder().String("<html><body>重庆𠮷</body></html>")
	got, cs, _ = decodeHTML([]byte(bare), "") // no declaration at all
	if !strings.Contains(got, "重庆𠮷") || cs != "gb18030" {
		t.Errorf("undeclared GB bytes: got %q as %s", got, cs)
	}
}
