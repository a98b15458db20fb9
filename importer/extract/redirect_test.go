package extract

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// The script redirects of index pages, in the forms sites write them, and of the index pages
// of the template-family fixtures; scripts that go nowhere are not redirects.
func TestExtractScriptRedirect(t *testing.T) {
	t.Parallel()
	base, _ := url.Parse("http://epaper.example.cn/index.html")
	for _, tt := range []struct{ page, want string }{
		{`<SCRIPT language=javascript>location.href="html/2019-06/18/node_2.htm";</SCRIPT>`, "http://epaper.example.cn/html/2019-06/18/node_2.htm"},
		{"<script>\n\tlocation.href = '/pc/layout/202306/05/node_01.html';\n</script>", "http://epaper.example.cn/pc/layout/202306/05/node_01.html"},
		{`<script>window.location = "cqrb/paperindex.htm"</script>`, "http://epaper.example.cn/cqrb/paperindex.htm"},
		{`<script>window.location.href="a/node_1.htm"</script>`, "http://epaper.example.cn/a/node_1.htm"},
		{`<script>location.replace( "b/node.htm" );</script>`, "http://epaper.example.cn/b/node.htm"},
		{`<script>top.location.assign('c.htm')</script>`, "http://epaper.example.cn/c.htm"},
		{`<script>var mylocation = "x.htm"; function go(u) { location.href = u }</script>`, ""},
		{`<script src="jump.js">location.href="nope.htm"</script>`, ""},
		{`<a onclick="location.href='d.htm'">d</a>`, ""},
		{`<script>location.href="javascript:void(0)"</script>`, ""},
	} {
		if got := ExtractScriptRedirect("<html><head>"+tt.page+"</head><body></body></html>", base); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.page, got, tt.want)
		}
	}
	for _, tt := range []struct{ file, url, want string }{
		{"classic/full/epaper.hxrb.example.cn/index.html", "http://epaper.hxrb.example.cn/index.html", "http://epaper.hxrb.example.cn/html/2019-06/18/node_2.htm"},
		{"layout-economic/full/paper.syrb.example.cn/index.html", "http://paper.syrb.example.cn/index.html", "http://paper.syrb.example.cn/pc/layout/202306/05/node_01.html"},
	} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "families", filepath.FromSlash(tt.file)))
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(tt.url)
		if got := ExtractScriptRedirect(string(data), u); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.file, got, tt.want)
		}
	}
}
