package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/epaper-archive/epaper/importer/bundle"
	"golang.org/x/net/html/charset"
)

// variant is one page of testdata/variants: the bytes a server sent, where from and with
// which Content-Type, and what decoding and extraction must make of them.
type variant struct {
	dir, file string // testdata/variants/<dir>/<file>
	url       string // where the page was
	header    string // the Content-Type it came with
	charset   string // what Decode must say it used
	page      func(t *testing.T, p *Page, err error)
	article   func(t *testing.T, a *Article, err error)
}

const cqrb005 = "http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/"

// founderArticle checks an article of the Founder template of testdata/variants whose body is
// the given paragraphs, in order.
func founderArticle(title string, body ...string) func(*testing.T, *Article, error) {
	return func(t *testing.T, a *Article, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		check(t, "title", a.Title, title)
		check(t, "body", texts(a.Blocks), body)
	}
}

var variants = []variant{
	// Encodings.
	{dir: "utf8", file: "content_1001.htm", url: cqrb005 + "content_1001.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("璧山党建引领 推动乡村风气向美向好",
				"4月13日，记者走进璧山区，感受乡风文明。", "第二段。")(t, a, err)
			check(t, "intro title", a.IntroTitle, "以文明新风助力乡村振兴")
			check(t, "subtitle", a.SubTitle, "——来自璧山区的报道")
			check(t, "author", a.Author, "本报记者　张三")
			check(t, "author in body", a.AuthorInBody, false)
			check(t, "id", a.ID, "1001")
			check(t, "from", a.TitleFrom+" "+a.BodyFrom, "founder-title founder-content")
		}},
	{dir: "gb2312-four-byte", file: "content_1002.htm", url: cqrb005 + "content_1002.htm", header: "text/html", charset: "gb18030",
		article: founderArticle("𠮷祥物“山城𠮷”亮相",
			"“𠮷”是“吉”的异体字，GB2312 里没有它，GB18030 用四个字节写它。", "重庆市民争相合影。")},
	{dir: "gbk-meta-charset", file: "content_1003.htm", url: cqrb005 + "content_1003.htm", header: "text/html", charset: "gb18030",
		article: founderArticle("镕铖犇骉：GBK 才有的字", "朱镕基、王铖、犇、骉都不在 GB2312 里。")},
	{dir: "gb18030-header", file: "content_1004.htm", url: cqrb005 + "content_1004.htm", header: "text/html; charset=GB18030", charset: "gb18030",
		article: founderArticle("只在 HTTP 头里声明的 GB18030", "页面没有 meta，服务器的 Content-Type 说 charset=GB18030。")},
	{dir: "wrong-header", file: "content_1005.htm", url: cqrb005 + "content_1005.htm", header: "text/html; charset=utf-8", charset: "gb18030",
		article: founderArticle("服务器说 UTF-8，其实是 GBK", "HTTP 头声明 utf-8，字节却是 GBK，meta 写着 gb2312。")},
	{dir: "wrong-header-no-meta", file: "content_1006.htm", url: cqrb005 + "content_1006.htm", header: "text/html; charset=UTF-8", charset: "gb18030",
		article: founderArticle("服务器说 UTF-8，没有 meta", "HTTP 头声明 utf-8，字节却是 GBK，也没有 meta。")},
	{dir: "undeclared", file: "content_1007.htm", url: cqrb005 + "content_1007.htm", header: "", charset: "gb18030",
		article: founderArticle("没有任何声明的 GBK 页面", "既无 meta，也无 HTTP 头：按 GB18030 猜。")},
	{dir: "meta-after-1024", file: "content_1008.htm", url: cqrb005 + "content_1008.htm", header: "text/html", charset: "gb18030",
		article: founderArticle("声明在第 1024 字节之后", "head 里先有一长串脚本，meta 才出现。")},
	{dir: "utf8-bom", file: "content_1009.htm", url: cqrb005 + "content_1009.htm", header: "text/html; charset=gbk", charset: "utf-8",
		article: founderArticle("带 BOM 的 UTF-8", "字节顺序标记优先于 meta 里错误的 gb2312。")},
	{dir: "utf8-declared-gb2312", file: "content_1010.htm", url: cqrb005 + "content_1010.htm", header: "text/html", charset: "utf-8",
		article: founderArticle("改成 UTF-8 却留着旧 meta", "模板换成了 UTF-8，meta 还写着 gb2312。")},

	// HTML of the 2000s: upper-case tags, unquoted attributes, unclosed <TD>, <TR> and <P>,
	// two <body> elements (the date line in the second), repeated ids.
	{dir: "html-2000s", file: "node.htm", url: "http://epaper.cqrb.cn/html/cqrb/2021-04/14/003/node.htm", header: "text/html", charset: "gb18030",
		page: func(t *testing.T, p *Page, err error) {
			if err != nil {
				t.Fatal(err)
			}
			check(t, "page", p.Num+" "+p.Name, "003 要闻")
			check(t, "page list", pageRefs(p), []string{"001 头版", "002 要闻", "003 要闻"})
			check(t, "articles", articleRefs(p), []string{"2001 甲稿标题", "2002 乙稿标题"})
			check(t, "scan", p.ScanURL, "http://epaper.cqrb.cn/page/cqrb/2021-04/14/003/cqrb20210414003.jpg")
			check(t, "regions", len(p.Regions), 2)
			check(t, "pdf", p.PDFURL, "http://epaper.cqrb.cn/page/cqrb/2021-04/14/003/cqrb20210414003.pdf")
			check(t, "paper", p.Paper+" "+p.PaperName, "cqrb 重庆日报")
		}},
	{dir: "html-2000s", file: "content_2001.htm", url: "http://epaper.cqrb.cn/html/cqrb/2021-04/14/003/content_2001.htm", header: "text/html", charset: "gb18030",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("甲稿标题", "第一段没有结束标签。", "第二段也没有，其中有粗体。", "第三段\u00a0\u00a0有不换行空格。")(t, a, err)
			check(t, "bold", a.Blocks[1].Spans, []Span{{Text: "第二段也没有，"}, {Text: "其中有粗体", Bold: true}, {Text: "。"}})
			check(t, "from", a.BodyFrom, "ozoom") // the second of two #ozoom, the first is empty
		}},

	// Naming of pages and articles.
	{dir: "node-per-folder", file: "node.htm", url: cqrb005 + "node.htm", header: "text/html; charset=utf-8", charset: "utf-8",
		page: func(t *testing.T, p *Page, err error) {
			if err != nil {
				t.Fatal(err)
			}
			check(t, "page", p.Num+" "+p.Name, "005 重庆新闻")
			check(t, "paper", p.Paper, "cqrb")
			check(t, "date", p.Date.Format("2006-01-02"), "2021-04-14")
			// An article of another page (another folder) is not this page's.
			check(t, "articles", articleRefs(p), []string{"268824 贯彻落实“两会”精神 重庆招商引资服务“十四五”开好局起好步"})
			check(t, "pdf", p.PDFURL, "http://epaper.cqrb.cn/page/cqrb/2021-04/14/005/cqrb20210414005.pdf")
		}},
	{dir: "node-per-day", file: "node_187.htm", url: "http://epaper.example.cn/html/2017-10/09/node_187.htm", header: "text/html", charset: "gb18030",
		page: func(t *testing.T, p *Page, err error) {
			if err != nil {
				t.Fatal(err)
			}
			check(t, "page", p.Num+" "+p.Name, "A01 头版")
			check(t, "page list", pageRefs(p), []string{"A01 头版", "A02 要闻", "A03 评论"})
			check(t, "page URLs", p.Pages[1].URL, "http://epaper.example.cn/html/2017-10/09/node_188.htm")
			check(t, "paper", p.Paper+" "+p.PaperName, "example 示例日报")
			check(t, "date", p.Date.Format("2006-01-02"), "2017-10-09")
			check(t, "articles", articleRefs(p), []string{"24501 喜迎十九大", "24502 金秋十月 丰收在望"})
			check(t, "scan", fmt.Sprint(p.ScanURL, " ", p.ScanW, "x", p.ScanH), "http://epaper.example.cn/page/186/2017-10-09/A01/20171009A01_brief.jpg 480x720")
			check(t, "regions", len(p.Regions), 2)
			check(t, "pdf", p.PDFURL, "http://epaper.example.cn/page/186/2017-10-09/A01/20171009A01_pdf.pdf")
		}},
	{dir: "node-per-day", file: "content_24502.htm", url: "http://epaper.example.cn/html/2017-10/09/content_24502.htm", header: "text/html", charset: "gb18030",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("金秋十月 丰收在望", "同一天的稿件和版面都在一个文件夹里。")(t, a, err)
			check(t, "id", a.ID, "24502")
		}},
	{dir: "html-endings", file: "node_2.html", url: "http://szb.example.com/epaper/node_2.html", header: "text/html; charset=utf-8", charset: "utf-8",
		page: func(t *testing.T, p *Page, err error) {
			if err != nil {
				t.Fatal(err)
			}
			check(t, "page", p.Num+" "+p.Name, "02 要闻")
			check(t, "page list", pageRefs(p), []string{"01 头版", "02 要闻", "03 本地"})
			check(t, "paper", p.Paper+" "+p.PaperName, "example 示例晚报") // <title> 第02版：要闻 - 示例晚报
			check(t, "date from the date line", p.Date.Format("2006-01-02"), "2015-06-01")
			check(t, "articles", articleRefs(p), []string{"123 新规今起施行", "124 夏季用电高峰将至"})
			check(t, "no scan, no pdf", p.ScanURL+p.PDFURL, "")
		}},
	{dir: "html-endings", file: "content_123.html", url: "http://szb.example.com/epaper/content_123.html", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("新规今起施行", "以 .html 结尾的网址也一样读。")(t, a, err)
			check(t, "id", a.ID, "123")
		}},

	// Article metadata from Founder's tags (utf8 above), the enpproperty comment only, the
	// layout only.
	{dir: "meta-enpproperty-only", file: "content_3001.htm", url: cqrb005 + "content_3001.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("属性里的标题 第二行", "正文只在 enpcontent 注释之间。", "第二段。")(t, a, err)
			check(t, "intro, sub", a.IntroTitle+"|"+a.SubTitle, "引题|——副题")
			check(t, "author", a.Author, "本报记者 周五")
			check(t, "keywords", a.Keywords, []string{"乡村振兴", "文明"})
			check(t, "from", a.TitleFrom+" "+a.BodyFrom, "enpproperty enpcontent")
		}},
	{dir: "meta-layout-heading", file: "content_3002.htm", url: "http://www.example.cn/2021-10/09/content_3002.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("秋粮收购全面展开", "眼下正是秋粮收购的关键时期，全市各收储库点开秤收购。", "市粮食局相关负责人表示，今年秋粮收购形势总体平稳。")(t, a, err)
			check(t, "from", a.TitleFrom+" "+a.BodyFrom, "heading text block")
		}},
	{dir: "meta-layout-title", file: "content_3003.htm", url: "http://www.example.cn/2021-10/09/content_3003.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("城市书房再添新成员", "近日，又一家城市书房对市民开放。", "书房藏书一万余册，全天开放。")(t, a, err)
			check(t, "from", a.TitleFrom+" "+a.BodyFrom, "title ozoom")
		}},
	{dir: "npm-comments", file: "content_3004.htm", url: cqrb005 + "content_3004.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("注释包着的标题", "注释夹在方正标签里面。", "第二段。")(t, a, err)
			check(t, "author", a.Author, "本报记者 吴七")
		}},
	{dir: "npm-comments", file: "content_3005.htm", url: cqrb005 + "content_3005.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("正文只在 npm 注释之间", "没有 founder-content，也没有 enpcontent。")(t, a, err)
			check(t, "from", a.BodyFrom, "npm:article-content")
		}},
	{dir: "title-br", file: "content_3006.htm", url: cqrb005 + "content_3006.htm", header: "text/html", charset: "utf-8",
		article: founderArticle("第一行 第二行 第三行", "标题里有换行。")},
	{dir: "empty-author-byline-first", file: "content_3007.htm", url: cqrb005 + "content_3007.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("作者在正文第一段", "■本报记者　张三　李四", "正文第一段。", "正文第二段。")(t, a, err)
			check(t, "author", a.Author, "张三　李四")
			check(t, "author in body", a.AuthorInBody, true)
		}},
	{dir: "byline-last", file: "content_3008.htm", url: cqrb005 + "content_3008.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("作者在正文最后一段", "正文第一段。", "正文第二段。", "本报记者 王五")(t, a, err)
			check(t, "author", fmt.Sprint(a.Author, " ", a.AuthorInBody), "王五 true")
		}},
	{dir: "byline-name-alone", file: "content_3009.htm", url: cqrb005 + "content_3009.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			founderArticle("只有一个名字", "正文第一段。", "正文第二段。", "赵六")(t, a, err)
			check(t, "author", fmt.Sprint(a.Author, " ", a.AuthorInBody), "赵六 true")
		}},

	// Missing parts.
	{dir: "no-image-map", file: "node.htm", url: cqrb005 + "node.htm", header: "text/html", charset: "utf-8",
		page: func(t *testing.T, p *Page, err error) {
			if err != nil {
				t.Fatal(err)
			}
			check(t, "scan", p.ScanURL, "http://epaper.cqrb.cn/page/cqrb/2021-04/14/005/cqrb20210414005.jpg")
			check(t, "regions", len(p.Regions), 0)
			check(t, "articles", articleRefs(p), []string{"4001 本版唯一的稿件"})
		}},
	{dir: "no-pdf", file: "node.htm", url: cqrb005 + "node.htm", header: "text/html", charset: "utf-8",
		page: func(t *testing.T, p *Page, err error) {
			if err != nil {
				t.Fatal(err)
			}
			check(t, "pdf", p.PDFURL, "")
			check(t, "regions", len(p.Regions), 1)
		}},
	{dir: "full-page-ad", file: "node.htm", url: "http://epaper.cqrb.cn/html/cqrb/2021-04/14/008/node.htm", header: "text/html", charset: "utf-8",
		page: func(t *testing.T, p *Page, err error) {
			if err != nil {
				t.Fatal(err)
			}
			check(t, "page", p.Num+" "+p.Name, "008 广告")
			check(t, "articles", len(p.Articles), 0)
			check(t, "scan", p.ScanURL != "" && p.PDFURL != "", true)
		}},
	{dir: "no-date", file: "node_5.htm", url: "http://www.example.cn/epaper/node_5.htm", header: "text/html", charset: "utf-8",
		page: func(t *testing.T, p *Page, err error) {
			wantError(t, err, "http://www.example.cn/epaper/node_5.htm", "no date")
		}},
	{dir: "picture-only", file: "content_5001.htm", url: cqrb005 + "content_5001.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			if err != nil {
				t.Fatal(err)
			}
			check(t, "blocks", texts(a.Blocks), []string{"[img http://epaper.cqrb.cn/res/1/20210414/1618357890001.jpg | 4月13日，南山植物园的郁金香竞相开放。　　记者　张三　摄]"})
			check(t, "from", a.BodyFrom, "pictures")
		}},
	{dir: "picture-only-inside", file: "content_5002.htm", url: cqrb005 + "content_5002.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			if err != nil {
				t.Fatal(err)
			}
			check(t, "blocks", texts(a.Blocks), []string{"[img http://epaper.cqrb.cn/res/1/20210414/1618357890002.jpg | 4月12日晚，两江游船驶过朝天门。　记者　李四　摄]"})
		}},
	{dir: "title-entities", file: "node.htm", url: "http://epaper.cqrb.cn/html/cqrb/2021-04/14/001/node.htm", header: "text/html", charset: "utf-8",
		page: func(t *testing.T, p *Page, err error) {
			if err != nil {
				t.Fatal(err)
			}
			check(t, "articles", articleRefs(p), []string{"6001 “两会”精神　重庆&成都：开好局·起好步！（上）"})
		}},
	{dir: "title-entities", file: "content_6001.htm", url: "http://epaper.cqrb.cn/html/cqrb/2021-04/14/001/content_6001.htm", header: "text/html", charset: "utf-8",
		article: founderArticle("“两会”精神　重庆&成都：开好局·起好步！（上）", "正文里的<标签>和 & 原样保留：“引号”，（括号）。")},
	{dir: "no-title", file: "content_7001.htm", url: cqrb005 + "content_7001.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			wantError(t, err, cqrb005+"content_7001.htm", "no title: neither <founder-title> nor enpproperty title")
		}},
	{dir: "no-body", file: "content_7002.htm", url: cqrb005 + "content_7002.htm", header: "text/html", charset: "utf-8",
		article: func(t *testing.T, a *Article, err error) {
			wantError(t, err, cqrb005+"content_7002.htm", "no body")
		}},
}

func TestVariants(t *testing.T) {
	t.Parallel()
	for _, v := range variants {
		t.Run(v.dir+"/"+v.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "variants", v.dir, v.file))
			if err != nil {
				t.Fatal(err)
			}
			text, cs, err := Decode(raw, v.header)
			if err != nil {
				t.Fatal(err)
			}
			check(t, "charset", cs, v.charset)
			if !utf8.ValidString(text) || strings.ContainsRune(text, utf8.RuneError) {
				t.Errorf("decoded text is not clean UTF-8")
			}
			u, err := url.Parse(v.url)
			if err != nil {
				t.Fatal(err)
			}
			if v.page != nil {
				p, err := ExtractPage(text, u)
				v.page(t, p, err)
			}
			if v.article != nil {
				a, err := ExtractArticle(text, u)
				v.article(t, a, err)
			}
		})
	}
}

// TestVariantsReadme keeps testdata/variants/README.md listing every case and every case
// tested.
func TestVariantsReadme(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("testdata/variants/README.md")
	if err != nil {
		t.Fatal(err)
	}
	dirs, err := os.ReadDir("testdata/variants")
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	for _, v := range variants {
		tested[v.dir] = true
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		if !bytes.Contains(readme, []byte("`"+d.Name()+"`")) {
			t.Errorf("README.md does not list %s", d.Name())
		}
		if !tested[d.Name()] {
			t.Errorf("no test reads %s", d.Name())
		}
	}
}

// TestMetaAfter1024 shows why Decode looks for <meta> itself: the fixture declares its
// charset after byte 1024, and charset.DetermineEncoding guesses windows-1252.
func TestMetaAfter1024(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/variants/meta-after-1024/content_1008.htm")
	if err != nil {
		t.Fatal(err)
	}
	if i := bytes.Index(raw, []byte("charset")); i < 1024 {
		t.Fatalf("the fixture declares its charset at byte %d, not after 1024", i)
	}
	if _, name, _ := charset.DetermineEncoding(raw, "text/html"); name != "windows-1252" {
		t.Errorf("DetermineEncoding found %s; the fixture no longer shows the pitfall", name)
	}
}

func TestPaperCode(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/node.htm":  "cqrb",
		"http://epaper.cqrb.cn/html/NCB/2021-04/14/001/node.htm":   "ncb",
		"http://epaper.example.cn/html/2017-10/09/node_187.htm":    "example",
		"http://www.example.com.cn/epaper/node_2.html":             "example",
		"https://szb.example.com/html/2015-06/01/content_123.html": "example",
		"http://paper.people.com.cn/rmrb/html/2021-04/14/nw.htm":   "people",
		"http://dzb.xyz.gov.cn/node_1.htm":                         "xyz",
		"http://epaper.cn/node_1.htm":                              "paper",
		"http://127.0.0.1:8080/html/2021-04/14/node_1.htm":         "paper",
		"http://[::1]:8080/node_1.htm":                             "paper",
		"http://localhost:8080/node_1.htm":                         "paper",
		"file:///mirror/node_1.htm":                                "paper",
	} {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := PaperCode(u); got != want {
			t.Errorf("PaperCode(%s) = %q, want %q", in, got, want)
		} else if bundle.CheckName(got) != nil {
			t.Errorf("PaperCode(%s) = %q cannot name a folder", in, got)
		}
	}
}

// TestDecodeDeclarations covers the declaration rules of Decode beyond the fixtures.
func TestDecodeDeclarations(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, raw, header, want, charset string
	}{
		{"latin-1 header on UTF-8", "<p>重庆日报</p>", "text/html; charset=iso-8859-1", "<p>重庆日报</p>", "utf-8"},
		{"latin-1 meta on GBK", "<meta charset=iso-8859-1><p>\xd6\xd8\xc7\xec</p>", "", "<meta charset=iso-8859-1><p>重庆</p>", "gb18030"},
		{"utf-16 meta without BOM", "<meta charset=utf-16><p>重庆</p>", "", "<meta charset=utf-16><p>重庆</p>", "utf-8"},
		{"a truncated last character", "<p>重庆日报，重庆日报，重庆日报，重庆日报" + "\xe6\x97", "text/html; charset=utf-8", "<p>重庆日报，重庆日报，重庆日报，重庆日报\uFFFD", "utf-8"},
		{"unknown label", "<meta charset=klingon><p>\xd6\xd8\xc7\xec</p>", "", "<meta charset=klingon><p>重庆</p>", "gb18030"},
	}
	for _, c := range cases {
		got, cs, err := Decode([]byte(c.raw), c.header)
		if err != nil || got != c.want || cs != c.charset {
			t.Errorf("%s: got %q as %s, %v; want %q as %s", c.name, got, cs, err, c.want, c.charset)
		}
	}
}

// check compares got with want and names what differs.
func check(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

// wantError checks that an extraction failed with an error naming the URL and the part.
func wantError(t *testing.T, err error, url, part string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one naming %s and %q", url, part)
	}
	if !strings.Contains(err.Error(), url) || !strings.Contains(err.Error(), part) {
		t.Errorf("error %q does not name %s and %q", err, url, part)
	}
}

// texts shows blocks as strings: a paragraph's text, an image as [img URL | caption].
func texts(blocks []Block) []string {
	var out []string
	for _, b := range blocks {
		if b.ImageURL != "" {
			out = append(out, "[img "+b.ImageURL+" | "+b.Caption+"]")
			continue
		}
		out = append(out, b.Text())
	}
	return out
}

func pageRefs(p *Page) []string {
	var out []string
	for _, r := range p.Pages {
		out = append(out, r.Num+" "+r.Name)
	}
	return out
}

func articleRefs(p *Page) []string {
	var out []string
	for _, r := range p.Articles {
		out = append(out, r.ID+" "+r.Title)
	}
	return out
}
