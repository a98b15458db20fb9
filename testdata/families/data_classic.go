package families

import (
	"time"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// The classic family: two sites of the Founder template of the 2000s and 2010s. Every name,
// title and text is invented.

// hxrb is 海西日报 on epaper.hxrb.example.cn: edition-level pages html/2019-06/18/node_N.htm
// with content_N.htm beside them, page codes A01/A02/B01, UTF-8 with a BOM and CRLF, the
// name only in <founder-papername> (the title is a slogan), the page list twice, sidebars
// linking other pages' articles, the stylesheet and logo on static.hxrb.example.cn (not in
// the mirror), scans and PDFs on img.hxrb.example.cn (in the mirror, a host folder of their
// own), the index a script redirect.
func hxrb() *Edition {
	return &Edition{
		Paper: Paper{Code: "hxrb", Name: "海西日报", Host: "epaper.hxrb.example.cn",
			Title: "打造新型传媒集团·海西日报社数字报"},
		Date: day(2019, time.June, 18),
		Pages: []*Page{
			{
				Code: "A01", Name: "要闻", Node: "2", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "51201", IntroTitle: "聚焦高质量发展", Title: "海西港区集装箱吞吐量\n创同期新高",
						SubTitle: "——前五个月同比增长一成二", Author: "本报记者 陈海燕",
						Paragraphs: []string{
							"今年以来，海西港区新开通外贸航线六条，集装箱吞吐量创历年同期新高。",
							"港区负责人介绍，智能闸口投用后，集卡平均通关时间缩短到两分钟以内。",
							"下一步，港区将推进“海铁联运”，让更多货物“坐着火车出海”。",
						},
						Regions: []fixture.Polygon{Rect(10, 40, 290, 160), Rect(160, 170, 290, 260)},
						Image:   &Image{Name: "1560816000101.jpg", Caption: "港区集装箱码头一角。 本报记者 陈海燕 摄"},
					},
					{
						ID: "51202", Title: "老街改造留住“烟火气”", Author: "本报记者 林志远 通讯员 黄丽",
						Paragraphs: []string{
							"青石板路修好了，老字号回来了，改造后的南门老街迎来端午客流高峰。",
							"改造坚持“修旧如旧”，保留了二十多处老建筑的原有格局。",
						},
						Regions: []fixture.Polygon{Rect(10, 270, 150, 440)},
					},
					{
						ID: "51203", Title: "端午假期文旅市场平稳有序",
						Paragraphs: []string{
							"端午假期，全市接待游客人次与旅游收入均实现增长。",
							"各景区落实预约、限流措施，未发生安全事故。",
							"（本报综合）",
						},
						Regions: []fixture.Polygon{{{160, 270}, {290, 270}, {290, 440}, {220, 440}, {220, 380}, {160, 380}}},
					},
				},
				Photos:  []Photo{{Name: "1560816000001.jpg", Region: Rect(10, 170, 150, 260)}},
				Sidebar: []string{"51204", "51206"},
			},
			{
				Code: "A02", Name: "综合", Node: "3", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "51204", Title: "社区食堂开进老旧小区", Author: "本报记者 郑小雨",
						Paragraphs: []string{
							"六月起，城东街道的三家社区食堂陆续开业，一餐两荤一素只要十二元。",
							"老人持卡就餐还能享受补贴，食堂每周公布菜单和食材来源。",
						},
						Regions: []fixture.Polygon{Rect(10, 40, 290, 240)},
					},
					{
						ID: "51205", Title: "科技&人文：“智慧课堂”走进山区学校", Author: "本报记者 郑小雨",
						Paragraphs: []string{
							"通过“双师课堂”，山区孩子与城区学校同上一节课。",
							"目前，全市已有四十二所乡村学校接入智慧课堂平台。",
						},
						Regions: []fixture.Polygon{Rect(10, 250, 290, 440)},
					},
				},
				Sidebar: []string{"51201"},
			},
			{
				Code: "B01", Name: "文化", Node: "4", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "51206", Title: "非遗木偶戏进校园", SubTitle: "——海西木偶剧团开展公益演出",
						Author: "本报记者 吴倩",
						Paragraphs: []string{
							"一根提线，牵动千年技艺。海西木偶剧团走进十所中小学开展公益演出。",
							"演出结束后，孩子们在老艺人指导下学习提线的基本手法。",
						},
						Regions: []fixture.Polygon{Rect(10, 40, 290, 200)},
					},
					{
						ID: "51207", Title: "一座城市的书香记忆",
						Paragraphs: []string{
							"老城图书馆的木楼梯，踩上去会咯吱作响，那是许多人最早的阅读记忆。",
							"如今，城市书房遍布街巷，夜读的灯光一直亮到深夜。",
							"（作者系海西市作家协会会员）",
						},
						Regions: []fixture.Polygon{Rect(10, 210, 290, 440)},
					},
				},
				Sidebar: []string{"51204"},
			},
		},
	}
}

// hxrbSite renders hxrb.
func hxrbSite() *Classic {
	return &Classic{
		Scheme:       HTMLDate{FileHost: "img.hxrb.example.cn"},
		Encoding:     Encoding{Charset: "utf-8", BOM: true, CRLF: true},
		PaperNameTag: true, ListTwice: true, Static: "static.hxrb.example.cn", IndexJS: true,
	}
}

// njrb and njwb are 南江日报 and 南江晚报, two papers on one host, epaper.njnews.example.cn,
// in the layout PAPER/html/YYYY-MM/DD/node_N.htm, GBK (declared gb2312), pages numbered 01,
// 02, the name in the masthead (a DIV for njrb, a logo's alt for njwb), the scan shown at half
// its size (map coordinates in the halved pixels), and a title with site
// words. Each paper's index is a meta refresh.
func njrb() *Edition {
	return &Edition{
		Paper: Paper{Code: "njrb", Name: "南江日报", Host: "epaper.njnews.example.cn",
			Title: "南江日报数字报刊平台"},
		Date: day(2016, time.March, 8),
		Pages: []*Page{
			{
				Code: "01", Name: "要闻", Node: "21", Charset: "gbk", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "7701", Title: "市人大代表热议民生实事", Author: "本报记者 王建国",
						Paragraphs: []string{
							"连日来，市人大代表围绕今年的十件民生实事展开讨论。",
							"代表们建议，把老旧小区改造和养老服务放在更突出的位置。",
						},
						Regions: []fixture.Polygon{Rect(10, 40, 290, 220)},
					},
					{
						ID: "7702", IntroTitle: "纪念“三八”国际劳动妇女节", Title: "巾帼建功新时代",
						Paragraphs: []string{
							"全市各界以座谈会、志愿服务等形式纪念“三八”国际劳动妇女节。",
							"活动表彰了一批在科研、医疗和基层治理一线的优秀女性代表。",
						},
						Regions: []fixture.Polygon{Rect(10, 230, 290, 440)},
					},
				},
			},
			{
				Code: "02", Name: "时政", Node: "22", Charset: "gbk", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "7703", Title: "政务服务“一窗通办”全面推开", Author: "本报记者 赵敏",
						Paragraphs: []string{
							"即日起，市民到区县政务服务中心办事，只需在一个窗口提交材料。",
							"首批纳入“一窗通办”的事项共一百六十项。",
						},
						Regions: []fixture.Polygon{Rect(10, 40, 290, 440)},
					},
				},
			},
		},
	}
}

func njwb() *Edition {
	return &Edition{
		Paper: Paper{Code: "njwb", Name: "南江晚报", Host: "epaper.njnews.example.cn",
			Title: "南江晚报-南江新闻网"},
		Date: day(2016, time.March, 8),
		Pages: []*Page{
			{
				Code: "01", Name: "封面", Node: "41", Charset: "gbk", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "8801", Title: "春季招聘会提供岗位两万个", Author: "记者 孙悦",
						Paragraphs: []string{
							"周末的春季招聘会上，三百多家企业带来两万多个岗位。",
							"智能制造、电子商务类岗位最受求职者关注。",
						},
						Regions: []fixture.Polygon{Rect(10, 40, 290, 200), Rect(10, 330, 140, 440)},
					},
					{
						ID: "8802", Title: "地铁三号线进入试运行",
						Paragraphs: []string{
							"地铁三号线一期工程昨日进入试运行阶段，预计年内开通。",
							"试运行期间，列车不载客，按图定时刻空载运行。",
						},
						Regions: []fixture.Polygon{Rect(10, 210, 290, 320)},
					},
				},
				Photos: []Photo{{Name: "20160308_01_photo.jpg", Region: Rect(150, 330, 290, 440)}},
			},
			{
				Code: "02", Name: "城事", Node: "42", Charset: "gbk", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "8803", Title: "老小区加装电梯有了新进展", Author: "记者 孙悦",
						Paragraphs: []string{
							"今年全市计划为老旧小区加装电梯三百部，目前已开工一百二十部。",
							"相关部门简化了审批流程，居民协商一致即可申请。",
						},
						Regions: []fixture.Polygon{Rect(10, 40, 290, 440)},
					},
				},
			},
			{
				Code: "03", Name: "副刊", Node: "43", Charset: "gbk", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "8804", Title: "春到南江",
						Paragraphs: []string{
							"江边的柳树绿了，早起晨练的人多了起来。",
							"文/周晓",
						},
						Regions: []fixture.Polygon{Rect(10, 40, 290, 440)},
					},
				},
			},
		},
	}
}

// njSite renders njrb (masthead a DIV) and njwb (masthead a logo).
func njSite(masthead string) *Classic {
	return &Classic{Scheme: PaperHTML{}, Encoding: Encoding{Charset: "gbk"}, Masthead: masthead,
		Shown: fixture.Size{W: 150, H: 225}}
}
