package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// Plausible news Chinese from a fixed vocabulary: sentences put together from templates whose
// slots are filled with words of the right kind. It reads like a local daily's reporting
// (and means nothing); only the random source decides, so the same seed gives the same text.

var (
	places = []string{
		"渝中区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "渝北区", "巴南区",
		"涪陵区", "万州区", "永川区", "璧山区", "铜梁区", "梁平区", "合川区", "江津区",
		"綦江区", "大足区", "荣昌区", "开州区", "潼南区", "长寿区", "南川区", "武隆区",
		"黔江区", "巫山县", "奉节县", "云阳县", "忠县", "垫江县", "丰都县", "石柱县",
		"酉阳县", "秀山县", "彭水县", "城口县", "巫溪县", "两江新区", "重庆高新区", "重庆",
	}
	orgs = []string{
		"市发展改革委", "市经济信息委", "市商务委", "市农业农村委", "市住房城乡建委",
		"市生态环境局", "市交通局", "市教委", "市卫生健康委", "市文化旅游委", "市科技局",
		"市人力社保局", "市招商投资局", "市大数据发展局", "市统计局", "市市场监管局",
		"市公安局", "市民政局", "市水利局", "市规划自然资源局",
	}
	subjects = []string{
		"全市", "各区县", "市政府", "相关部门", "当地", "企业", "基层干部", "广大群众",
		"村民", "科研团队", "志愿者", "社区工作者", "农业合作社", "市民", "园区",
		"主城都市区", "渝东北三峡库区城镇群", "渝东南武陵山区城镇群", "各级党组织", "项目建设者",
	}
	adverbs = []string{
		"持续", "加快", "全面", "着力", "大力", "进一步", "深入", "扎实", "积极", "稳步", "不断", "切实",
	}
	verbs = []string{
		"推进", "深化", "落实", "完善", "提升", "优化", "打造", "建设", "培育", "扩大", "强化",
		"保障", "促进", "探索", "实施", "开展", "推动", "聚焦", "统筹", "壮大",
	}
	objects = []string{
		"乡村振兴", "城市更新", "产业升级", "科技创新", "营商环境", "生态保护", "数字经济",
		"公共服务", "基础设施", "民生保障", "文化旅游", "招商引资", "成渝地区双城经济圈建设",
		"智能制造", "现代农业", "交通物流", "教育改革", "医疗卫生", "社会治理", "就业创业",
		"长江经济带绿色发展", "老旧小区改造", "农村人居环境整治", "中小企业发展", "对外开放",
		"安全生产", "防汛抗旱", "养老服务", "消费升级", "河长制", "智慧城市", "职业教育",
		"文明城市创建", "特色产业", "人才引进", "知识产权保护", "食品安全", "交通拥堵治理",
	}
	times = []string{
		"今年以来", "近日", "日前", "截至目前", "去年以来", "今年一季度", "上半年", "近年来",
		"“十四五”以来", "春节前后", "本月初", "昨日",
	}
	leads = []string{
		"据了解", "据介绍", "与此同时", "在此基础上", "下一步", "记者注意到", "值得一提的是",
		"从目前情况看", "总体来看", "另一方面",
	}
	results = []string{
		"取得明显成效", "为高质量发展注入新动能", "群众获得感不断增强", "形成了可复制可推广的经验",
		"推动各项工作落地见效", "为全市经济社会发展提供有力支撑", "实现了良好开局",
		"走出了一条特色发展之路", "有效激发了市场活力", "受到群众普遍欢迎",
	}
	aims = []string{
		"推动高质量发展", "创造高品质生活", "服务群众", "建设美丽重庆", "加快产业转型",
		"巩固脱贫攻坚成果", "增进民生福祉", "激发市场主体活力",
	}
	measures = []string{
		"累计完成投资%d亿元", "同比增长%d.%d%%", "惠及群众%d万人", "新建项目%d个",
		"覆盖%d个乡镇（街道）", "带动就业%d万人", "签约项目%d个", "新增市场主体%d万户",
	}
	surnames  = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "胡", "朱", "郭", "何", "罗", "高", "林"}
	given     = []string{"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建华", "志强", "海燕", "晓东", "雪梅", "国庆", "春燕"}
	pageNames = []string{
		"头版", "要闻", "要闻", "重庆新闻", "重庆新闻", "区县新闻", "经济", "财经",
		"政务", "社会", "文化", "教育", "健康", "体育", "国际", "副刊",
	}
)

// text draws words and sentences from one random source.
type text struct{ r *rand.Rand }

func (t text) pick(words []string) string { return words[t.r.IntN(len(words))] }

func (t text) name() string { return t.pick(surnames) + t.pick(given) }

func (t text) measure() string {
	m := t.pick(measures)
	switch strings.Count(m, "%d") {
	case 2:
		return fmt.Sprintf(m, 1+t.r.IntN(40), t.r.IntN(10))
	default:
		return fmt.Sprintf(m, 2+t.r.IntN(980))
	}
}

// sentence returns one sentence, ending in 。
func (t text) sentence() string {
	switch t.r.IntN(7) {
	case 0:
		return t.pick(times) + "，" + t.pick(subjects) + t.pick(adverbs) + t.pick(verbs) + t.pick(objects) + "，" + t.pick(results) + "。"
	case 1:
		return t.pick(subjects) + t.pick(verbs) + t.pick(objects) + "，" + t.measure() + "，" + t.pick(results) + "。"
	case 2:
		return "“" + t.pick(verbs) + t.pick(objects) + "，是" + t.pick(aims) + "的重要举措。”" + t.pick(orgs) + "相关负责人" + t.name() + "说。"
	case 3:
		return "记者从" + t.pick(orgs) + "获悉，" + t.pick(places) + t.pick(adverbs) + t.pick(verbs) + t.pick(objects) + "，" + t.measure() + "。"
	case 4:
		return t.pick(leads) + "，" + t.pick(subjects) + "将" + t.pick(adverbs) + t.pick(verbs) + t.pick(objects) + "和" + t.pick(objects) + "，" + t.pick(results) + "。"
	case 5:
		return t.pick(places) + "把" + t.pick(objects) + "作为" + t.pick(aims) + "的重要抓手，" + t.pick(adverbs) + t.pick(verbs) + t.pick(objects) + "，" + t.measure() + "。"
	default:
		return "在" + t.pick(places) + "，" + t.pick(subjects) + "围绕" + t.pick(objects) + t.pick(verbs) + t.pick(objects) + "，" + t.pick(results) + "。"
	}
}

// paragraphs returns a body of about chars characters (±15%), in paragraphs of 2 to 5
// sentences.
func (t text) paragraphs(chars int) []string {
	target := chars * (85 + t.r.IntN(31)) / 100
	var paras []string
	n := 0
	for n < target {
		var b strings.Builder
		for range 2 + t.r.IntN(4) {
			b.WriteString(t.sentence())
		}
		paras = append(paras, b.String())
		n += utf8.RuneCountInString(b.String())
	}
	return paras
}

// title returns a headline of 8 to 30 characters.
func (t text) title() string {
	switch t.r.IntN(5) {
	case 0:
		return t.pick(places) + t.pick(verbs) + t.pick(objects)
	case 1:
		return t.pick(places) + "：" + t.pick(objects) + "跑出“加速度”"
	case 2:
		return t.pick(verbs) + t.pick(objects) + " " + t.pick(verbs) + t.pick(objects)
	case 3:
		return t.pick(subjects) + t.pick(adverbs) + t.pick(verbs) + t.pick(objects) + t.pick(results)
	default:
		return t.pick(places) + t.pick(objects) + t.measure()
	}
}
