package families

import (
	"time"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// The layout/content families: four sites in the shapes of Founder's pc/layout templates of
// the 2020s. Every name, title and text is invented.

type poly = fixture.Polygon

// dhrb is 东华日报 in People's Daily's shape since 2024-12-01, on paper.dhrb.example.cn:
// dhrb/pc/layout/202503/15/node_01.html, PDFs named by GUIDs, the index dhrb/paperindex.htm
// a meta refresh.
func dhrb() *Edition {
	return &Edition{
		Paper: Paper{Code: "dhrb", Name: "东华日报", Host: "paper.dhrb.example.cn", Title: "东华日报-东华网"},
		Date:  day(2025, time.March, 15),
		Pages: []*Page{
			{
				Code: "01", Name: "要闻", Node: "01", Scan: true, PDF: true, PDFName: "8c1f0b7e4d2a49c6b3e5a7d9f0c2e4b6.pdf",
				Articles: []*Article{
					{
						ID: "30051201", IntroTitle: "春耕时节看东华", Title: "十万亩高标准农田完成改造",
						Author: "本报记者 钱明",
						Paragraphs: []string{
							"眼下正值春耕备耕关键期，东华县十万亩高标准农田改造全部完工。",
							"改造后的农田沟渠相连、旱涝保收，亩均产量预计提高一成。",
							"县里还组建了二十支农机服务队，为农户提供代耕代种服务。",
						},
						Regions: []poly{Rect(10, 40, 290, 150), Rect(10, 160, 140, 300)},
						Image:   &Image{Name: "30051201_1.jpg", Caption: "农机手在田间作业。 本报记者 钱明 摄"},
					},
					{
						ID: "30051202", Title: "东华至滨江城际铁路开工", Author: "本报记者 孔磊",
						Paragraphs: []string{
							"全长八十六公里的东华至滨江城际铁路昨日开工建设。",
							"建成后，两地通行时间将由两小时缩短至四十分钟。",
						},
						Regions: []poly{Rect(150, 160, 290, 300)},
					},
					{
						ID: "30051203", Title: "消费者权益日：守护“舌尖上的安全”",
						Paragraphs: []string{
							"3·15当天，市场监管部门在全市设立咨询点一百余个。",
							"市场监管部门提醒消费者保留购物凭证。",
						},
						Regions: []poly{Rect(10, 310, 200, 440)},
					},
				},
				Photos: []Photo{{Name: "20250315_01_photo.jpg", Region: Rect(210, 310, 290, 440)}},
			},
			{
				Code: "02", Name: "评论", Node: "02", Scan: true, PDF: true, PDFName: "1e3a5c7f9b2d4f6a8c0e2b4d6f8a0c1e.pdf",
				Articles: []*Article{
					{
						ID: "30051204", Title: "让好政策“落地有声”", Author: "李文",
						Paragraphs: []string{
							"政策的生命力在于落实。再好的政策，也要打通“最后一公里”。",
							"各级干部要多到基层走一走，把问题解决在一线。",
						},
						Regions: []poly{Rect(10, 40, 290, 250)},
					},
					{
						ID: "30051205", Title: "书香润泽城市", Author: "张宁",
						Paragraphs: []string{
							"一座城市的气质，藏在街角的书店里。",
							"愿更多人在忙碌之余，给自己留一段读书的时光。",
						},
						Regions: []poly{Rect(10, 260, 290, 440)},
					},
				},
			},
			{
				Code: "03", Name: "国际", Node: "03", Scan: true, PDF: true, PDFName: "5b7d9f1a3c5e7a9b1d3f5a7c9e1b3d5f.pdf",
				Articles: []*Article{
					{
						ID: "30051206", Title: "多国专家共商海洋生态保护", Author: "本报驻外记者 刘畅",
						Paragraphs: []string{
							"来自二十多个国家的专家日前在滨海论坛上共商海洋生态保护。",
							"与会者呼吁加强数据共享与联合监测。",
						},
						Regions: []poly{Rect(10, 40, 290, 440)},
					},
				},
			},
		},
	}
}

func dhrbSite() *Modern {
	return &Modern{Flavour: "people", Scheme: Layout{Prefix: "dhrb/pc", IndexPath: "dhrb/paperindex.htm"},
		CSS: "dhrb/pc/css/layout.css", Static: "dhrb/pc"}
}

// syrb is 实业日报 in 经济日报's shape on paper.syrb.example.cn: pc/layout/202306/05/…,
// no paper code in the path, root-relative links, the index index.html a script redirect.
func syrb() *Edition {
	return &Edition{
		Paper: Paper{Code: "syrb", Name: "实业日报", Host: "paper.syrb.example.cn", Title: "实业日报—实业网"},
		Date:  day(2023, time.June, 5),
		Pages: []*Page{
			{
				Code: "01", Name: "要闻", Node: "01", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "276501", Title: "制造业投资保持较快增长", Author: "本报记者 马骏",
						Paragraphs: []string{
							"前五个月，全省制造业投资同比增长百分之九点六。",
							"其中高技术制造业投资增速明显快于全部投资。",
						},
						Regions: []poly{Rect(10, 40, 290, 140), Rect(10, 150, 150, 440)},
					},
					{
						ID: "276502", IntroTitle: "稳外贸 促消费", Title: "夏季消费季启动",
						SubTitle: "——发放消费券一亿元", Author: "本报记者 高原",
						Paragraphs: []string{
							"以“乐享夏日”为主题的夏季消费季日前启动。",
							"活动期间，各地将举办展销、夜市等活动四百余场。",
						},
						Regions: []poly{Rect(160, 150, 290, 330)},
					},
				},
				Photos: []Photo{{Name: "20230605_01_photo.jpg", Region: Rect(160, 340, 290, 440)}},
			},
			{
				Code: "02", Name: "产业", Node: "02", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "276503", Title: "新能源汽车产业链加速集聚", Author: "本报记者 马骏",
						Paragraphs: []string{
							"电池、电机、电控等核心零部件企业相继落户开发区。",
							"产业链本地配套率已超过六成。",
						},
						Regions: []poly{Rect(10, 40, 290, 240)},
					},
					{
						ID: "276504", Title: "中小企业数字化转型调查", Author: "本报调查组",
						Paragraphs: []string{
							"调查显示，七成受访企业已使用云服务。",
							"受访企业普遍希望获得更多数字化人才支持。",
						},
						Regions: []poly{Rect(10, 250, 290, 440)},
					},
				},
			},
			{
				Code: "03", Name: "金融", Node: "03", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "276505", Title: "普惠小微贷款余额稳步增长", Author: "本报记者 高原",
						Paragraphs: []string{
							"截至五月末，全省普惠小微贷款余额同比增长两成。",
							"贷款平均利率较上年同期有所下降。",
						},
						Regions: []poly{Rect(10, 40, 290, 440)},
					},
				},
			},
		},
	}
}

func syrbSite() *Modern {
	return &Modern{Flavour: "economic", Scheme: Layout{Prefix: "pc", IndexPath: "index.html"},
		Links: "root", IndexJS: true, CSS: "pc/css/style.css", Static: "pc"}
}

// qmrb is 启明日报 in 光明日报's shape on epaper.qmrb.example.cn: qmrb/pc/layout/…, article
// links absolute, the page list without PDFs, the index index.html a meta refresh.
func qmrb() *Edition {
	return &Edition{
		Paper: Paper{Code: "qmrb", Name: "启明日报", Host: "epaper.qmrb.example.cn", Title: "启明日报 - 启明网"},
		Date:  day(2024, time.January, 10),
		Pages: []*Page{
			{
				Code: "01", Name: "要闻", Node: "01", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "88101", Title: "基础研究投入持续加大", Author: "本报记者 何静",
						Paragraphs: []string{
							"去年全社会基础研究经费投入比上年增长一成以上。",
							"一批重大科技基础设施建成投用。",
						},
						Regions: []poly{Rect(10, 40, 290, 160), Rect(10, 170, 290, 230)},
					},
					{
						ID: "88102", IntroTitle: "寒假将至", Title: "中小学生假期安全提示发布", Author: "本报记者 方圆",
						Paragraphs: []string{
							"教育部门提醒家长，假期要特别注意防溺水、防火和交通安全。",
							"各校将通过家长会等形式开展安全教育。",
						},
						Regions: []poly{Rect(10, 240, 150, 440)},
					},
				},
				Photos: []Photo{{Name: "20240110_01_photo.jpg", Region: Rect(160, 240, 290, 440)}},
			},
			{
				Code: "02", Name: "理论", Node: "02", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "88103", Title: "以创新精神推动文化繁荣", SubTitle: "——学习札记", Author: "陈思远",
						Paragraphs: []string{
							"文化的生命在于创新。",
							"（作者单位：启明大学文学院）",
						},
						Regions: []poly{Rect(10, 40, 290, 440)},
					},
				},
			},
			{
				Code: "03", Name: "文荟", Node: "03", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "88104", Title: "冬日的湖", Author: "林岚",
						Paragraphs: []string{
							"湖面结了一层薄冰，几只水鸟在冰边觅食。",
							"远处的山，在晨雾里只剩一道淡淡的轮廓。",
						},
						Regions: []poly{Rect(10, 40, 290, 300)},
					},
					{
						ID: "88105", Title: "读书的温度", Author: "吴桐",
						Paragraphs: []string{
							"旧书页上的批注，是与前人隔空的对话。",
							"读书，也是读人。",
						},
						Regions: []poly{Rect(10, 310, 290, 440)},
					},
				},
			},
		},
	}
}

func qmrbSite() *Modern {
	return &Modern{Flavour: "guangming", Scheme: Layout{Prefix: "qmrb/pc", IndexPath: "index.html"},
		Links: "abs", CSS: "qmrb/pc/css/main.css", Static: "qmrb/pc"}
}
