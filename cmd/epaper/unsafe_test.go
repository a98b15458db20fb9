package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// hostileEdition serves a one-page edition whose article links, ids and image names try to
// escape the site directory, and whose article bodies carry XSS payloads.
func hostileEdition(t *testing.T, payloads []string) *httptest.Server {
	t.Helper()
	const dir = "/html/test/2021-04/14/001/"
	links := []string{
		"content_../../../../evil.htm",
		"content_%2e%2e%2f%2e%2e%2fevil.htm",
		"content_%2e%2e.htm",
		"content_a%00b.htm",
		"/etc/passwd",
		"content_" + strings.Repeat("9", 300) + ".htm",
		`content_..\..\evil.htm`,
	}
	for i := range payloads {
		links = append(links, fmt.Sprintf("content_%d.htm", 100+i))
	}
	var list strings.Builder
	for i, l := range links {
		fmt.Fprintf(&list, "<TR><TD><A href=\"%s\">稿件%d</A></TD></TR>\n", l, i)
	}
	page := `<HTML><HEAD><TITLE>测试报</TITLE><META http-equiv=Content-Type content="text/html; charset=utf-8"></HEAD><BODY>
<A id=pageLink href=node.htm>第001版：要闻</A><TABLE id=articleList>` + list.String() + `</TABLE></BODY></HTML>`
	mux := http.NewServeMux()
	mux.HandleFunc(dir+"node.htm", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, page) })
	for i, p := range payloads {
		body := fmt.Sprintf(`<HTML><BODY><founder-title>第%d号</founder-title><founder-content><P>　　正文开头。</P>%s<P>　　正文结尾。</P>
<IMG src="../../../../../../../../etc/passwd%%00.jpg"></founder-content></BODY></HTML>`, i, p)
		mux.HandleFunc(fmt.Sprintf("%scontent_%d.htm", dir, 100+i), func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, body) })
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`<P><IMG src=x onerror=alert(1)>图</P>`,
	`<P><A href="javascript:alert(1)">点我</A></P>`,
	`<P><A href="java&#115;cript&#58;alert(1)">实体</A></P>`,
	`<svg onload=alert(1)><circle r=1></svg>`,
	`<iframe src="http://evil.example/"></iframe>`,
	`<style>p{display:none}</style><P style="display:none">藏起来的字</P>`,
	`<P style="background:url(javascript:alert(1));width:expression(alert(1))">样式</P>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<P>[点我](javascript:alert(1)) 与 <b>粗</b></P>`,
	`<P>&lt;script&gt;alert(1)&lt;/script&gt;</P>`,
	`<P>{{< param "x" >}} {{% param "y" %}}</P>`,
	`<object data="x.swf"></object><embed src="x.swf"><form action=x><input name=a></form>`,
}

// No file is written outside the site directory, whatever the links say; a name too long
// for a folder is a failure named in the summary.
func TestHostileNamesStayInsideTheSite(t *testing.T) {
	srv := hostileEdition(t, xssPayloads[:1])
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	_, errOut, code := runEpaper(t, "import", "--rate", "0", "-q", "--site", site, srv.URL+"/html/test/2021-04/14/001/node.htm")
	if code != 1 || !strings.Contains(errOut, "unsafe bundle name") {
		t.Errorf("exit %d; want 1 and the over-long id reported:\n%s", code, errOut)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("files written beside the site: %v", entries)
	}
	err := filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		if strings.Contains(rel, "..") || strings.ContainsRune(rel, 0) || len(d.Name()) > 120 {
			t.Errorf("unsafe path written: %q", rel)
		}
		if d.Type()&os.ModeSymlink != 0 {
			t.Errorf("symlink written: %q", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "test", "2021-04-14", "001", "100", "index.md")); err != nil {
		t.Errorf("the one safe article was not imported: %v", err)
	}
}

// No XSS payload of an article reaches the built page: the article body holds only the
// elements and attributes of text and images.
func TestXSSPayloadsDoNotReachTheBuiltPage(t *testing.T) {
	srv := hostileEdition(t, xssPayloads)
	site := t.TempDir()
	runEpaper(t, "import", "--rate", "0", "-q", "--site", site, srv.URL+"/html/test/2021-04/14/001/node.htm")
	if _, errOut, code := runEpaper(t, "build", "--site", site); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	allowed := map[string]map[string]bool{
		"p": {}, "br": {}, "strong": {}, "em": {}, "b": {}, "i": {},
		"figure": {"class": true}, "figcaption": {}, "img": {"src": true, "alt": true, "width": true, "height": true, "loading": true, "decoding": true, "class": true},
	}
	for i := range xssPayloads {
		file := filepath.Join(site, "public", "test", "2021-04-14", "001", fmt.Sprint(100+i), "index.html")
		doc := openHTML(t, file)
		body := doc.Find(".article-body")
		if body.Length() != 1 {
			t.Fatalf("payload %d: no article body in %s", i, file)
		}
		text := body.Text()
		// The <math>…<style> payload makes the HTML parser read the rest of the body as style
		// text, in a browser as here: only what comes before it can survive.
		swallows := strings.HasPrefix(xssPayloads[i], "<math>")
		if !strings.Contains(text, "正文开头。") || !swallows && !strings.Contains(text, "正文结尾。") {
			t.Errorf("payload %d: the article's own text was lost: %q", i, text)
		}
		body.Find("*").Each(func(_ int, s *goquery.Selection) {
			n := s.Nodes[0]
			attrs, ok := allowed[n.Data]
			if !ok {
				t.Errorf("payload %d (%s): <%s> reached the page", i, xssPayloads[i], n.Data)
				return
			}
			for _, a := range n.Attr {
				if !attrs[a.Key] || strings.Contains(strings.ToLower(a.Val), "javascript:") {
					t.Errorf("payload %d (%s): attribute %s=%q reached the page", i, xssPayloads[i], a.Key, a.Val)
				}
			}
		})
		doc.Find("[href], [src], [action], [data]").Each(func(_ int, s *goquery.Selection) {
			for _, a := range s.Nodes[0].Attr {
				if v := strings.ToLower(strings.TrimSpace(a.Val)); strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:text") {
					t.Errorf("payload %d: %s=%q in the page", i, a.Key, a.Val)
				}
			}
		})
	}
}
