package extract_test

import (
	"fmt"
	"net/url"

	"github.com/epaper-archive/epaper/importer/extract"
)

func ExampleExtractArticle() {
	page := `<HTML><BODY>
<founder-introtitle>以文明新风助力乡村振兴</founder-introtitle>
<founder-title>璧山党建引领<BR>推动乡村风气向美向好</founder-title>
<founder-author></founder-author>
<DIV id=ozoom><!--enpcontent--><founder-content>
<P>　　第一段。</P><P>　　本报记者 张三</P>
</founder-content><!--/enpcontent--></DIV></BODY></HTML>`
	u, _ := url.Parse("http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/content_268817.htm")
	a, err := extract.ExtractArticle(page, u)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.ID, a.IntroTitle, "|", a.Title)
	fmt.Println(a.Author, a.AuthorInBody, len(a.Blocks))
	// Output:
	// 268817 以文明新风助力乡村振兴 | 璧山党建引领 推动乡村风气向美向好
	// 张三 true 2
}
