package families

import "time"

// The city-paper layout family, the pad family and the People's Daily layout before
// 2024-12. Every name, title and text is invented.

// ljwb is 临江晚报 in the city papers' shape on szb.ljwb.example.cn: ljwb/pc/layout/202105/20/
// node_01.html for page A01 (the URL's number is not the page code), the index index.html a
// script redirect.
func ljwb() *Edition {
	return &Edition{
		Paper: Paper{Code: "ljwb", Name: "临江晚报", Host: "szb.ljwb.example.cn", Title: "临江晚报数字报"},
		Date:  day(2021, time.May, 20),
		Pages: []*Page{
			{
				Code: "A01", Name: "头版", Node: "01", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "4401", IntroTitle: "“520”里的城市温度", Title: "百对新人集体婚礼\n在江滩举行",
						SubTitle: "——新事新办 简约文明", Author: "本报记者 许薇",
						Paragraphs: []string{
							"昨天上午，一百对新人在江滩公园参加集体婚礼。",
							"婚礼不设宴席，新人们共同种下“同心树”。",
							"主办方表示，集体婚礼已连续举办五年。",
						},
						Regions: []poly{Rect(10, 40, 290, 150), Rect(10, 160, 150, 300), Rect(160, 160, 290, 230)},
						Image:   &Image{Name: "4401_1.jpg", Caption: "新人们在江滩合影。 本报记者 许薇 摄"},
					},
					{
						ID: "4402", Title: "夜市经济点亮滨江路", Author: "本报记者 邓超",
						Paragraphs: []string{
							"入夏以来，滨江路夜市每晚吸引市民游客上万人次。",
							"城管部门划定摊位、错时管理，做到“放而不乱”。",
						},
						Regions: []poly{Rect(10, 310, 290, 440)},
					},
				},
				Photos: []Photo{{Name: "20210520_A01_photo.jpg", Region: Rect(160, 240, 290, 300)}},
			},
			{
				Code: "A02", Name: "民生", Node: "02", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "4403", Title: "公交线路优化调整", Author: "本报记者 邓超",
						Paragraphs: []string{
							"自下周一起，市区六条公交线路将优化调整。",
							"调整后，新建小区居民出行更方便。",
						},
						Regions: []poly{Rect(10, 40, 290, 240)},
					},
					{
						ID: "4404", Title: "社区“微更新”让老小区焕新颜",
						Paragraphs: []string{
							"口袋公园、晾晒架、休闲座椅……一处处“微更新”让老小区变了样。",
							"■ 本报记者 许薇",
						},
						Regions: []poly{Rect(10, 250, 290, 440)},
					},
				},
			},
			{
				Code: "B01", Name: "副刊", Node: "03", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "4405", Title: "江城五月", Author: "文/秦川",
						Paragraphs: []string{
							"五月的江城，栀子花开满了街巷。",
							"傍晚的江风里，有人唱起了老歌。",
						},
						Regions: []poly{Rect(10, 40, 290, 440)},
					},
				},
			},
		},
	}
}

func ljwbSite() *Modern {
	return &Modern{Flavour: "city", Scheme: Layout{Prefix: "ljwb/pc", IndexPath: "index.html"},
		IndexJS: true, CSS: "ljwb/pc/css/layout.css", Static: "ljwb/pc"}
}

// bhrb is 滨海日报's mobile edition on epaper.bhrb.example.cn: bhrb/pad/layout/202209/09/
// node_01.html, articles bhrb/pad/content/…, the scans from bhrb/pc/pic/, no map, no PDF,
// the author field holding the date and the byline the body's first paragraph, and one
// article published on pages 01 and 02 under two ids. The index bhrb/pad/index.html is a
// meta refresh.
func bhrb() *Edition {
	school := []string{
		"本报记者 周明 通讯员 何佳",
		"开学前，全市教育、消防、市场监管等部门对中小学校开展安全检查。",
		"检查覆盖校舍、食堂、消防设施等方面，发现的问题已全部整改。",
	}
	return &Edition{
		Paper: Paper{Code: "bhrb", Name: "滨海日报", Host: "epaper.bhrb.example.cn", Title: "滨海日报·移动版"},
		Date:  day(2022, time.September, 9),
		Pages: []*Page{
			{
				Code: "01", Name: "要闻", Node: "01", Scan: true,
				Articles: []*Article{
					{
						ID: "1001", Title: "港城迎来首批国际邮轮游客",
						Paragraphs: []string{
							"本报记者 孟涛",
							"昨天上午，载有两千余名游客的国际邮轮靠泊滨海邮轮码头。",
							"游客们将在港城开展为期两天的观光游览。",
						},
					},
					{ID: "1002", Title: "秋季开学安全检查全覆盖", Paragraphs: school},
				},
			},
			{
				Code: "02", Name: "区县", Node: "02", Scan: true,
				Articles: []*Article{
					{ID: "1005", Title: "秋季开学安全检查全覆盖", Paragraphs: school, SameAs: "1002"},
					{
						ID: "1006", Title: "乡村振兴示范片区建设提速",
						Paragraphs: []string{
							"本报通讯员 郭丽",
							"东岭镇示范片区已完成道路、水系改造，民宿集群初具规模。",
							"片区今年计划接待游客二十万人次。",
						},
					},
				},
			},
			{
				Code: "03", Name: "体育", Node: "03", Scan: true,
				Articles: []*Article{
					{
						ID: "1007", Title: "市运会帆船比赛落幕",
						Paragraphs: []string{
							"本报记者 孟涛",
							"为期三天的市运会帆船比赛昨日在金沙湾落幕。",
						},
					},
				},
			},
		},
	}
}

func bhrbSite() *Modern {
	return &Modern{Flavour: "pad", Scheme: Layout{Prefix: "bhrb/pad", Files: "bhrb/pc", IndexPath: "bhrb/pad/index.html"},
		CSS: "bhrb/pad/css/pad.css", Static: "bhrb/pad"}
}

// zhrb is 中和日报 in People's Daily's layout before 2024-12 on paper.zhrb.example.cn:
// zhrb/html/2022-08/12/nbs.D110000zhrbao_01.htm and nw.D110000zhrbao_20220812_1-01.htm (the
// site's word "zhrbao" is not the code in the path, "zhrb"), pages 01 and 02 both named 要闻,
// the index zhrb/paperindex.htm a meta refresh.
func zhrb() *Edition {
	return &Edition{
		Paper: Paper{Code: "zhrb", Name: "中和日报", Host: "paper.zhrb.example.cn", Title: "中和日报-中和网"},
		Date:  day(2022, time.August, 12),
		Pages: []*Page{
			{
				Code: "01", Name: "要闻", Node: "01", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "1-01", IntroTitle: "立秋过后抓农时", Title: "秋粮生产总体形势较好", Author: "本报记者 宋平",
						Paragraphs: []string{
							"立秋过后，各地加强田间管理，秋粮长势总体较好。",
							"农业部门组织专家分区指导，防范高温干旱影响。",
						},
						Regions: []poly{Rect(10, 40, 290, 170), Rect(10, 180, 150, 300)},
					},
					{
						ID: "2-01", Title: "暑期文化活动丰富多彩", Author: "本报记者 唐悦",
						Paragraphs: []string{
							"博物馆、图书馆、文化馆暑期推出各类活动三千余场。",
							"不少场次一经推出就被预约一空。",
						},
						Regions: []poly{Rect(10, 310, 290, 440)},
					},
				},
				Photos: []Photo{{Name: "20220812_01_photo.jpg", Region: Rect(160, 180, 290, 300)}},
			},
			{
				Code: "02", Name: "要闻", Node: "02", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "1-02", Title: "高温天气下电力供应平稳", Author: "本报记者 宋平",
						Paragraphs: []string{
							"入伏以来，用电负荷多次创新高，电网运行总体平稳。",
							"电力部门加强巡检，保障迎峰度夏。",
						},
						Regions: []poly{Rect(10, 40, 290, 240)},
					},
					{
						ID: "2-02", Title: "多地开展防汛应急演练",
						Paragraphs: []string{
							"演练模拟强降雨引发城市内涝等险情。",
							"（本报综合报道）",
						},
						Regions: []poly{Rect(10, 250, 290, 440)},
					},
				},
			},
			{
				Code: "03", Name: "经济", Node: "03", Scan: true, PDF: true,
				Articles: []*Article{
					{
						ID: "1-03", Title: "跨境电商进出口保持增长", SubTitle: "——上半年同比增长百分之十二", Author: "本报记者 唐悦",
						Paragraphs: []string{
							"上半年，跨境电商进出口额同比增长百分之十二。",
							"海外仓数量稳步增加，服务网络不断完善。",
						},
						Regions: []poly{Rect(10, 40, 290, 440)},
					},
				},
			},
		},
	}
}

func zhrbSite() *Modern {
	return &Modern{Flavour: "nbs", Scheme: NBS{Word: "zhrbao"}, CSS: "zhrb/css/paper.css", Static: "zhrb"}
}
