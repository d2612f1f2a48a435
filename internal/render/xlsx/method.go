package xlsx

import (
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/xuri/excelize/v2"
)

// themeCues are example cue words of each theme (../shared/spec/vocabulary.md);
// the full keyword lists are in templates/taxonomy.yaml.
var themeCues = map[string]string{
	"fee_reduction":        "减费、让利、减免手续费、降费、免收、优惠利率、降低融资成本",
	"inclusive_finance":    "普惠、小微企业、个体工商户、首贷、信用贷款、融资难、稳企",
	"rural_revitalization": "乡村振兴、三农、涉农贷款、整村授信、农户、脱贫攻坚、定点帮扶",
	"elderly_services":     "老年客户、适老化、敬老、助老、爱心窗口、大字版",
	"new_citizens":         "新市民、外卖骑手、快递员、建筑工人、户外劳动者、进城务工",
	"anti_fraud":           "电信网络诈骗、反诈、防诈、非法集资、反洗钱、堵截、警银联动",
	"financial_literacy":   "金融知识、宣传教育、普及、进社区、进校园、讲座、金融素养",
	"consumer_protection":  "消费者权益、消保、投诉、满意度、诉求、首问负责",
	"service_quality":      "网点、柜面、窗口服务、等候时间、大堂、上门服务、特事特办、服务承诺",
	"digital_services":     "手机银行、网上银行、数字人民币、线上、自助设备、智能、7×24",
	"credit_reporting":     "征信、信用报告、征信查询、异议处理",
	"public_services":      "社保卡、医保、养老金、公积金、政务服务、代收代付、退役军人",
	"employment":           "就业、招聘、校园招聘、应届毕业生、稳岗",
	"employee_care":        "员工关爱、职工、基层减负、食堂、健康、文体活动",
	"public_welfare":       "公益、捐赠、慈善、支教、志愿服务、爱心",
	"pandemic_response":    "疫情、疫苗接种、核酸、抗疫、延期还本付息",
	"disaster_relief":      "抗洪、救灾、防汛、应急救护、受灾",
	"green_finance":        "绿色信贷、碳减排、低碳、环保、清洁能源",
	"party_building":       "党史学习教育、党委、党支部、我为群众办实事、群众路线",
}

// typeNotes explain each metric type: [zh, en].
var typeNotes = map[string][2]string{
	"amount":    {"金额，以元为基准（万元 ×1e4，亿元 ×1e8），表中以万元或亿元显示；其他币种按 ISO 代码。例：约27亿元、1.45亿元", "Money, normalised to yuan (万元 ×1e4, 亿元 ×1e8), shown in CNY 10k or CNY 100m; other currencies by ISO code. E.g. 约27亿元, 1.45亿元"},
	"customers": {"客户与人数：人、户、人次、家企业。例：2.7万户、4000余人次", "Customers and people: persons, households, person-times, enterprises"},
	"items":     {"事项与项目：件、项、个、笔。例：逾1500个办实事项目", "Items and projects (件, 项, 个, 笔)"},
	"events":    {"活动与场次：场、次、期、届。例：近50场", "Events and sessions (场, 次, 期, 届)"},
	"outlets":   {"网点与机构：家、个网点。例：140余家网点", "Outlets and branches. E.g. 140余家网点 (140+ outlets)"},
	"devices":   {"设备：台。例：11410台", "Devices (台)"},
	"staff":     {"员工：名、人（员工）。例：超过2000名员工", "Staff (名, 人 of staff)"},
	"percent":   {"比例与增幅：% 或个百分点；下降为负数。只统计次数和中位数，从不求和", "Percentages and percentage points; falls are negative. Counted with a median, never summed"},
	"duration":  {"时长：分钟。例：10分钟左右", "Duration in minutes"},
	"other":     {"其他计数：单位按原文量词。例：189份调查问卷", "Other counts, with the measure word as written"},
}

// methodSheet writes 说明: what each sheet holds, how the figures are
// formed, and what each theme, metric type, qualifier and bank type means.
func (b *book) methodSheet() error {
	sh := b.sheet(shMethod)
	if err := b.widths(sh, 28, 22, 90); err != nil {
		return err
	}
	row := 0
	section := func(title string) error {
		row += 2
		return b.put(sh, 1, row, excelize.Cell{StyleID: b.st.section, Value: title})
	}
	item := func(name, id, note string) error {
		row++
		wrap := excelize.Cell{StyleID: b.st.wrap, Value: note}
		if err := b.put(sh, 1, row, excelize.Cell{StyleID: b.st.wrap, Value: name}, excelize.Cell{StyleID: b.st.wrap, Value: id}, wrap); err != nil {
			return err
		}
		lines := max(1, (textWidth(note, 10000)+85)/86, (textWidth(name, 1000)+25)/26)
		if lines > 1 {
			return b.f.SetRowHeight(sh, row, float64(15*lines+3))
		}
		return nil
	}
	row = 1
	if err := b.put(sh, 1, 1, excelize.Cell{StyleID: b.st.title, Value: b.t("说明：工作簿内容与计算方法", "Method: what the workbook holds and how figures are formed")}); err != nil {
		return err
	}

	names := b.sheetNames()
	if err := section(b.t("各工作表", "Sheets")); err != nil {
		return err
	}
	notes := [][2]string{
		{"本期的文件、文章、重复、跳过、银行、指标和金额；与上一季度的比较（有上一季度数据时）；各主题和主要银行，附图表。", "Files, articles, duplicates, skipped files, banks, metrics and money of the period; the change against the previous quarter when the input covers it; themes and top banks, with charts."},
		{"每家银行在每个主题下的文章数（计入的文章，按主要银行），颜色越深越多。", "Used articles of each bank under each theme (by primary bank); darker is more."},
		{"银行 × 主题 × 指标类型 × 单位：提及次数、计入次数（重复不计）、合计、中位数、最小值、最大值。金额以万元显示。比例和倍数不求和。", "Bank × theme × metric type × unit: mentions, counted mentions (repeats out), sum, median, min and max. Money in CNY 10k. Percentages and multiples are never summed."},
		{"每个主题和每家银行按季度的文章数、上季度文章数与环比变化、指标数和金额（长表，便于筛选和数据透视）；右侧为主要主题和银行的季度图表。", "Articles per quarter for each theme and bank, with the previous quarter and the change, metrics and money (a long table for filters and pivots); on the right, charts of the leading themes and banks."},
		{"每个指标一行：银行、分支机构、主题、类型、数值、单位、限定、原文、所在句子、文章（链接到原文网址）、日期、文件。重复的指标以灰色标出，不计入合计。", "One row per metric: bank, branch, theme, type, value, unit, qualifier, the exact text, its sentence, the article (linked to its URL), date and file. Repeats are grey and not summed."},
		{"本期每篇文章一行：日期、季度、标题（链接）、来源、主要银行、主题、指标数；转载副本以灰色标出并注明原文。", "One row per article of the period: date, quarter, title (linked), source, primary bank, themes, metrics; syndicated copies are grey and name the article they copy."},
		{"跳过的文件及原因、无日期的文章、读取和抽取时的警告（如数字缺失）、重复转载的文章。", "Files skipped with the reason, articles without a date, warnings (e.g. digits missing), syndicated copies."},
		{"本页。", "This sheet."},
	}
	for i, n := range names {
		if err := item(n, "", b.t(notes[i][0], notes[i][1])); err != nil {
			return err
		}
	}

	if err := section(b.t("计算规则", "How figures are formed")); err != nil {
		return err
	}
	rules := [][3]string{
		{"计入的文章", "Articles used", "本期内、且不是其他文章转载副本的文章。转载副本（近似重复）只列出，不计入任何合计：同一篇文章只计一次。"},
		{"重复指标", "Repeats", "同一篇文章中，数值、单位和主题都相同的指标只计一次（常见于标题与正文重复同一数字）；没有主题的数字与文中有主题的同值、同单位、同限定的数字视为同一个，计入有主题的那个。重复的提及在“指标明细”中标为“重复”，计入“提及次数”，不计入“计入次数”和“合计”。"},
		{"“其中”部分", "Parts", "“其中”后面的数字是前面某个数字的一部分（投放贷款8亿元，其中安置点贷款5440万元）：计在前面那个同单位、不小于它的数字里，自己不再计入，在“指标明细”中标为“其中”部分；若前面那个是存量，它也是存量。"},
		{"存量指标", "Stocks", "余额、总资产、市值、规模（包括从一个水平增加到另一个水平的规模：绿色信贷规模从12万亿元增加到43.5万亿元）、交易量、营收、利息收入、利润、股本、注册资本等存量数字不是本期所做的事：在“指标明细”中标为“存量”，计入“提及次数”，从不计入“计入次数”“合计”和金额合计。"},
		{"差额与计划", "Differences and plans", "与其他时期的差额（同比多增990亿元、比上年多投放2198亿元、较上年增加3718万户）和计划、目标或预测（计划于近期发行50亿元、力争投放、要完成9000亿元任务、将投入20亿元、偿还量将超过5万亿元、有望突破）也不是本期所做的事，与存量一样列出、不计入。“较年初增长”是本期内的增量，照常计入。"},
		{"多年累计", "Totals over several years", "跨越多年的累计数（近几年累计投入400多亿元、近两年来新增贷款2000亿元、2015-17年累计投入、成立以来累计服务3万户、“十三五”期间）不是本期所做的事，标为“多年累计”，与存量一样列出、不计入。“今年以来”“上半年累计”是本期的数字，照常计入。"},
		{"罚款与补充资本", "Fines and capital raised", "银行被处的罚款（被罚款2720万元、各罚20万元、没收财产80万元）和银行为自身补充的资本（配股募集148亿元、发行200亿元永续债、二级资本债、可转债）不是为群众办的事，标为“罚款或补充资本”，列出、不计入。为小微、三农、绿色项目发行的专项金融债照常计入。"},
		{"背景数字", "Context figures", "文章讲述的背景中不是银行所做之事的数字：灾害造成的损失（直接经济损失152.7亿元）、项目的总投资（该项目总投资4.08亿元）、案件涉及的金额（收受财物折合近4亿元、受贿、贪污、挪用），标为“背景数字”，列出、不计入。银行工作避免或挽回的损失（避免经济损失340多万元、挽回损失）是银行的成绩，照常计入。"},
		{"单位数字", "Figures per unit", "按单位计的数字不是本期所做之事的总量：均值（户均8.9万元、人均、平均）、每笔或每单位的价格与收费（每笔5元、5元/笔、360元/年）、每笔或每户的限额与门槛（单笔5万元以上、单户最高），标为“单位数字”，列出、不计入。每年、每月的金额（每年40亿元）是该期的数字，照常计入。"},
		{"金额合计", "Money totals", "“概览”、各主题、各银行和“季度趋势”中的金额合计只计注明银行的金额（句中谈到的银行，否则文章的主要银行），且不含重复和存量。未注明银行的行业数字（如监管部门公布的全市贷款额）在“指标明细”中列出，在“指标汇总”中归入“（未识别银行）”，不计入金额合计。"},
		{"合计", "Sums", "按单位分别求和，不同单位从不相加。比例（%、百分点）从不求和，只给出次数、中位数、最小值和最大值。"},
		{"金额单位", "Money units", "金额以元为基准计算；“指标汇总”和“指标明细”中以万元显示，“概览”和“季度趋势”中以亿元显示。单元格中的数值就是显示的数值（已换算），可直接计算。"},
		{"限定", "Qualifiers", "“约”“逾”“不到”等限定照原文记录；合计按数值本身计算，下限（逾、超、余）意味着实际数字可能更大。"},
		{"季度", "Quarters", "文章按发布日期归入自然季度（2022-01-05 → 2022Q1）；找不到日期的文章归入“无日期”；只看一个季度时它不属于该季度，不计入，在“概览”中计数、在“数据质量”中逐篇列出，从不悄悄丢弃。"},
		{"上一季度", "Previous quarter", "选定季度时，与前一个自然季度比较（输入包含该季度时）。环比 = 本季度 − 上季度；上季度为 0 时不计算百分比。"},
		{"银行", "Banks", "分支机构归入其法人银行（工行深圳市分行 → 中国工商银行，分支机构“深圳市分行”）。指标归属于其所在句子谈到的银行，否则归属于文章的主要银行。"},
		{"党建引领", "Party-building frame", "多数文章以党建为政治框架；该主题会识别和显示，但不参与“主要主题”排名。"},
	}
	for _, rl := range rules {
		note := rl[2]
		if b.lang == "en" {
			note = ruleEn[rl[1]]
		}
		if err := item(b.t(rl[0], rl[1]), "", note); err != nil {
			return err
		}
	}

	if err := section(b.t("主题（示例关键词）", "Themes (example cue words)")); err != nil {
		return err
	}
	for _, t := range model.Themes {
		if err := item(t.Name(b.lang), t.ID, themeCues[t.ID]); err != nil {
			return err
		}
	}
	if err := section(b.t("指标类型", "Metric types")); err != nil {
		return err
	}
	for _, t := range model.MetricTypes {
		n := typeNotes[t.ID]
		if err := item(t.Name(b.lang), t.ID, b.t(n[0], n[1])); err != nil {
			return err
		}
	}
	if err := section(b.t("限定", "Qualifiers")); err != nil {
		return err
	}
	qnotes := map[string][2]string{
		model.Exact:   {"原文数字，无限定词", "the number as written"},
		model.Approx:  {"约、近、左右、大约、将近：大约是该数", "约, 近, 左右, 大约, 将近: about the value"},
		model.AtLeast: {"逾、超、超过、余、多、以上、不少于：该数是下限", "逾, 超, 超过, 余, 多, 以上, 不少于: the value is a lower bound"},
		model.AtMost:  {"不到、以内、不超过、以下：该数是上限", "不到, 以内, 不超过, 以下: the value is an upper bound"},
	}
	for _, q := range model.Qualifiers {
		n := qnotes[q.ID]
		if err := item(b.qualifierName(q.ID), q.ID, b.t(n[0], n[1])); err != nil {
			return err
		}
	}
	if err := section(b.t("银行类型", "Bank types")); err != nil {
		return err
	}
	for _, t := range model.BankTypes {
		note := b.t("表中简称：", "in Chinese: ") + bankTypeShort[t.ID] + b.t("；", "; ") + t.En
		if b.lang == "en" {
			note = t.Zh + "（" + bankTypeShort[t.ID] + "）"
		}
		if err := item(t.Name(b.lang), t.ID, note); err != nil {
			return err
		}
	}
	return b.pageSetup(sh, 1, false)
}

// ruleEn are the English texts of the rules, by English name.
var ruleEn = map[string]string{
	"Articles used":             "Articles of the period that are not a syndicated copy of another. Copies (near duplicates) are listed but never counted: one story counts once.",
	"Repeats":                   "Within one article, a metric with the same value, unit and theme as an earlier one counts once (a heading repeating its body's figure); a figure with no theme that has the value, unit and qualifier of a themed one in the article is the same figure, counted in its theme. Repeats are marked in Metric detail, counted in Mentions, left out of Counted and Sum.",
	"Parts":                     "A figure after 其中 (“of which”) is a part of a figure before it (loans of 8亿元, 其中 5440万元 for one site): it is counted within the nearest figure before it in the same unit that is not smaller, not again on its own, and marked as a part in Metric detail; the part of a stock is a stock.",
	"Differences and plans":     "A difference from another period (同比多增990亿元, 比上年多投放2198亿元: “990 more than a year before”) and a plan, target or forecast (计划于近期发行50亿元, 力争投放, 要完成9000亿元任务, 将投入20亿元: “will put in”, 偿还量将超过5万亿元: “repayments will exceed”, 有望突破: “is expected to pass”) are not something done in the period either: listed like stocks, never summed. Growth since the start of the year (较年初增长) is what was done in the period and is summed.",
	"Context figures":           "Figures of the story around the bank that are not its doing: a disaster's losses (直接经济损失152.7亿元 “direct economic losses of 152.7亿 yuan”), a project's total investment (该项目总投资4.08亿元), the money in a crime (收受财物折合近4亿元 “took property worth nearly 4亿 yuan”; 受贿, 贪污, 挪用): marked “context”, listed but not summed. A loss the bank's work avoided or recovered (避免经济损失340多万元 “losses of over 340万 avoided”, 挽回损失) is its result and is summed.",
	"Figures per unit":          "A figure per unit is no total of what was done: an average (户均8.9万元 “8.9万 a household on average”, 人均, 平均), a price or fee per item (每笔5元, 5元/笔, 360元/年), a limit or threshold per item (单笔5万元以上, 单户最高): marked “per unit”, listed but not summed. An amount per year or month (每年40亿元) is the period's own and is summed.",
	"Fines and capital raised":  "A fine the bank was given (被罚款2720万元 “fined 2720万 yuan”, 各罚20万元, a confiscation 没收财产80万元) and capital it raised for itself (配股募集148亿元 “148亿 raised by a rights issue”, a 200亿元 perpetual bond 永续债, tier-2 capital bonds 二级资本债, convertibles 可转债) are not something done for the public: marked “fine or capital raised”, listed but not summed. Special bonds issued to fund small-firm, rural or green lending (小微企业专项金融债, 绿色金融债) are summed.",
	"Totals over several years": "A total over several years (近几年累计投入400多亿元 “400亿元 and more put in over recent years”, 近两年来新增贷款2000亿元, 2015-17年累计投入, 成立以来累计服务3万户 “3万 households served since the bank was founded”, “十三五”期间 “in the 13th five-year plan”) is not something done in the period: marked “total over several years” and, like a stock, listed but not summed. 今年以来 (“since the start of this year”) and 上半年累计 (“in the first half, in all”) are the period's own and are summed.",
	"Stocks":                    "Balances, total assets, market value, scale (also a scale going from one level to another: 绿色信贷规模从12万亿元增加到43.5万亿元), transaction volume, revenue, income, profit, share capital and registered capital (注册资本) are stocks, not something done in the period: marked “stock” in Metric detail, counted in Mentions, never in Counted, Sum or the money totals.",
	"Money totals":              "The money totals of Summary, of each theme and bank and of Quarterly trend add only amounts reported for a bank (the bank its sentence is about, else the article's primary bank), repeats and stocks left out. Sector figures that name no bank (a regulator's city-wide loan total) are listed in Metric detail and summed under “(no bank)” in Metric summary, never in the money totals.",
	"Sums":                      "Summed per unit; different units are never added. Percentages and percentage points are never summed: count, median, min and max only.",
	"Money units":               "Money is computed in yuan and shown in CNY 10k (Metric summary, Metric detail) or CNY 100m (Summary, Quarterly trend). The stored value is the value shown, ready to compute with.",
	"Qualifiers":                "约, 逾, 不到 … are kept as written; sums use the value itself, so a lower bound (逾, 超, 余) means the true figure may be larger.",
	"Quarters":                  "An article belongs to the calendar quarter of its date (2022-01-05 → 2022Q1); an article without a date goes to “undated”; a quarter's report leaves it out (it is in no quarter), counts it in Summary and lists it in Data quality: never dropped silently.",
	"Previous quarter":          "With a quarter chosen, figures are compared with the calendar quarter before it when the input covers it. Change = this − previous; no percentage when the previous is 0.",
	"Banks":                     "Branches roll up to their bank (工行深圳市分行 → 中国工商银行, branch 深圳市分行). A metric counts for the bank its sentence is about, else the article's primary bank.",
	"Party-building frame":      "Most articles carry the party-building frame; it is detected and shown but left out of top-theme rankings.",
}
