package charts

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/bankbrief/bankbrief/internal/model"
)

// words are the page's fixed texts in one language.
type words struct {
	pageTitle, allQuarters, periodFmt, datesFmt                string
	statArticles, statBanks, statMetrics, statMoney, statDupes string
	noteUndated, noteSkipped, noteDupes, notePrev              string
	noteOther, noteUndatedLeftOut, footerLeftOut               string
	panelTitle, panelHint, noScript, echartsNote               string
	footerMade, footerGenerated, footerInputs, footerMoney     string

	banksTitle, banksHint, seriesArticles, seriesMetrics string
	other, noBank, noTheme                               string
	heatTitle, heatHint                                  string
	quarterTitle, quarterHint, undatedQuarter            string
	undatedLeftOut                                       string
	moneyTitle, moneyHint, yi, wan                       string
	typeTitle, typeHint                                  string
	treeTitle, treeHint                                  string
	timeTitle, timeHintMonth, timeHintWeek, weekOf       string
	empty                                                string
	unitArticles, unitMetrics                            string

	// drill-down texts used by the page script
	js map[string]string
}

func texts(lang string) words {
	if lang == "en" {
		return words{
			pageTitle: "Banks serving the public — interactive charts", allQuarters: "all quarters",
			periodFmt: "Period: %s", datesFmt: "articles dated %s to %s",
			statArticles: "articles counted", statBanks: "banks", statMetrics: "metrics", statMoney: "amounts (CNY 100m)",
			statDupes:   "duplicates not counted",
			noteUndated: "articles without a date: %d", noteSkipped: "files not readable: %d", noteDupes: "syndicated copies not counted: %d",
			noteOther: "articles of other quarters left out: %d", noteUndatedLeftOut: "articles without a date, so in no quarter, left out: %d",
			footerLeftOut: " Left out of the period: %d articles of other quarters and %d without a date (listed in the workbook's Data quality sheet).",
			notePrev:      "previous quarter %s: %d articles, %d banks, %d metrics",
			panelTitle:    "Articles behind the chart", panelHint: "Click a bar, cell or slice to list its articles here.",
			noScript:    "This page needs JavaScript to draw its charts.",
			echartsNote: "Charts drawn with Apache ECharts " + EChartsVersion + " (Apache License 2.0), inlined in this page: no network needed.",
			footerMade:  "Made by bankbrief; data up to %s.", footerGenerated: " Generated %s.", footerMoney: "Amounts: figures the articles report for a bank (loans granted, fees cut, donations …), unverified; a figure repeated within an article, or given as a part (其中) of one, counts once; stocks such as loan balances, total assets or transaction volumes, differences from another period, plans, totals over several years, fines and capital a bank raised, context figures (losses, a project's total investment), figures per unit (户均, 每笔) and sector figures that name no bank, are listed in the drill-down but not added.", footerInputs: "Inputs: %d files — %d articles in the period (%d counted, %d duplicates), %d files not readable.",
			banksTitle: "Articles and metrics per bank", banksHint: "Banks with most articles first; click a bar for its articles.",
			seriesArticles: "Articles", seriesMetrics: "Metrics", other: "Other (%d banks)", noBank: "(no bank named)", noTheme: "(no theme)",
			heatTitle: "Bank × theme (articles)", heatHint: "Click a cell for the bank's articles on the theme.",
			quarterTitle: "Themes by quarter (articles)", quarterHint: "A bar adds up the articles of each theme: an article with several themes counts in each, so a bar can exceed the articles of the quarter. The tooltip shows the change on the quarter before; click a segment for its articles.",
			undatedQuarter: "undated", undatedLeftOut: "Articles without a date (%d) are left out.",
			moneyTitle: "Amounts by theme and bank (%s)", moneyHint: "Yuan amounts reported for a bank, a figure repeated in an article (or a part of one) counted once; stocks (loan balances, assets), differences from another period, plans, totals over several years, fines, capital raised, context figures (losses, a project's total investment), figures per unit (户均, 每笔) and sector figures naming no bank are not added. Click a segment for the sentences.",
			yi: "CNY 100m", wan: "CNY 10k",
			typeTitle: "Metrics by type", typeHint: "Click a slice for the sentences of that type.",
			treeTitle: "Bank → theme (articles)", treeHint: "Area is the number of articles per theme (an article may have several themes); click a block for its articles.",
			timeTitle: "Articles over time", timeHintMonth: "Articles per month; click a bar for its articles.", timeHintWeek: "Articles per week (starting Monday); click a bar for its articles.",
			weekOf: "week of %s", empty: "No data for this chart in this report.",
			unitArticles: "articles", unitMetrics: "metrics",
			js: map[string]string{
				"date": "Date", "bank": "Bank", "title": "Title", "metrics": "Metrics and sentences",
				"count": "%d articles", "countCut": "%d articles; the first %n shown (by date) — the workbook's Articles sheet lists them all", "none": "No article in this period matches.", "repeat": "repeat, not summed", "part": "part (其中) of a figure before it, counted there", "stock": "stock, not summed", "difference": "difference from another period, not summed", "plan": "plan or target, not summed", "cumulative": "total over several years, not summed", "fine_or_capital": "fine or capital raised, not summed", "context": "context (a loss, a project's total investment, money in a crime), not summed", "per_unit": "an average, a price or a limit per unit (户均, 每笔, 元/笔), not summed",
				"qoqPrev": "vs previous quarter", "qoqNew": "new", "untitled": "(untitled)",
			},
		}
	}
	return words{
		pageTitle: "银行为民办实事 · 交互图表", allQuarters: "全部季度",
		periodFmt: "统计期：%s", datesFmt: "文章日期 %s 至 %s",
		statArticles: "计入文章", statBanks: "银行", statMetrics: "量化指标", statMoney: "金额（亿元）",
		statDupes:   "重复稿未计",
		noteUndated: "%d 篇文章无日期", noteSkipped: "%d 个文件无法读取", noteDupes: "%d 篇转载重复稿未计入",
		noteOther: "%d 篇其他季度的文章未计入", noteUndatedLeftOut: "%d 篇文章无日期、不属任何季度，未计入",
		footerLeftOut: "统计期外：其他季度的文章 %d 篇，无日期的文章 %d 篇（工作簿“数据质量”表逐篇列出）。",
		notePrev:      "上季度（%s）：文章 %d 篇，银行 %d 家，指标 %d 条",
		panelTitle:    "图表背后的文章", panelHint: "点击柱形、方格或扇区，在此列出对应文章。",
		noScript:    "本页需要启用 JavaScript 才能绘制图表。",
		echartsNote: "图表由 Apache ECharts " + EChartsVersion + "（Apache License 2.0）绘制，脚本已内嵌于本页，无需联网。",
		footerMade:  "本页由 bankbrief 生成，数据截至 %s。", footerGenerated: "生成日期 %s。", footerMoney: "金额为文章中注明银行的数字之和（贷款投放、减费让利、捐赠等），未经核实；同一文章重复的数字和“其中”部分只计一次；贷款余额、总资产、交易额等存量，同比差额，计划目标，多年累计数，银行被处的罚款与补充的资本，损失与项目总投资等背景数字、户均与每笔等单位数字，以及未注明银行的行业数字只在明细中列出，不计入合计。", footerInputs: "输入 %d 个文件：统计期内文章 %d 篇（计入 %d 篇，重复 %d 篇），无法读取 %d 个。",
		banksTitle: "各银行文章数与指标数", banksHint: "按文章数排序；点击柱形查看该行文章。",
		seriesArticles: "文章", seriesMetrics: "指标", other: "其他（%d 家）", noBank: "（未识别银行）", noTheme: "（无主题）",
		heatTitle: "银行 × 主题（文章数）", heatHint: "点击方格查看该行该主题的文章。",
		quarterTitle: "各季度主题分布（文章数）", quarterHint: "柱高为各主题文章数之和：一篇文章属多个主题时在每个主题各计一次，故可高于当季文章数。提示框显示较上季度的变化；点击色块查看文章。",
		undatedQuarter: "无日期", undatedLeftOut: "无日期的 %d 篇文章未列入。",
		moneyTitle: "各主题金额（按银行，%s）", moneyHint: "注明银行的人民币金额之和，同一文章重复的数字和“其中”部分只计一次；贷款余额、资产等存量，同比差额，计划目标，多年累计数，罚款与补充资本，损失与项目总投资等背景数字，户均与每笔等单位数字，以及未注明银行的行业数字不计入。点击色块查看原句。",
		yi: "亿元", wan: "万元",
		typeTitle: "指标类型分布", typeHint: "点击扇区查看该类指标的原句。",
		treeTitle: "银行 → 主题（文章数）", treeHint: "面积为各主题的文章数（一篇文章可属多个主题）；点击方块查看文章。",
		timeTitle: "文章时间分布", timeHintMonth: "按月统计文章数；点击柱形查看文章。", timeHintWeek: "按周（周一起）统计文章数；点击柱形查看文章。",
		weekOf: "%s 当周", empty: "本报告没有可绘制此图的数据。",
		unitArticles: "篇", unitMetrics: "条",
		js: map[string]string{
			"date": "日期", "bank": "银行", "title": "标题", "metrics": "指标与原句",
			"count": "共 %d 篇文章", "countCut": "共 %d 篇文章，按日期显示前 %n 篇；全部见工作簿“文章”表", "none": "统计期内没有对应文章。", "repeat": "重复，不计入合计", "part": "“其中”部分，已计入前面的总数", "stock": "存量，不计入合计", "difference": "与其他时期的差额，不计入合计", "plan": "计划或目标，不计入合计", "cumulative": "多年累计，不计入合计", "fine_or_capital": "罚款或补充资本，不计入合计", "context": "背景数字（损失、项目总投资、案件金额），不计入合计", "per_unit": "均值、单价或单笔限额（户均、每笔、元/笔），不计入合计",
			"qoqPrev": "较上季度", "qoqNew": "新增", "untitled": "（无标题）",
		},
	}
}

func periodText(r *model.Report, t words) string {
	p := r.Period
	if p == "" {
		p = t.allQuarters
	}
	s := fmt.Sprintf(t.periodFmt, p)
	if r.FirstDate != "" && r.LastDate != "" {
		s += " · " + fmt.Sprintf(t.datesFmt, r.FirstDate, r.LastDate)
	}
	return s
}

func headerStats(r *model.Report, t words) []stat {
	return []stat{
		{t.statArticles, strconv.Itoa(r.Counts.Used)},
		{t.statBanks, strconv.Itoa(r.Counts.Banks)},
		{t.statMetrics, strconv.Itoa(r.Counts.Metrics)},
		{t.statMoney, grouped(formatAmount(r.Counts.Money / 1e8))},
	}
}

func headerNotes(r *model.Report, t words) []string {
	var notes []string
	if r.Prev != nil && r.PrevPeriod != "" {
		notes = append(notes, fmt.Sprintf(t.notePrev, r.PrevPeriod, r.Prev.Used, r.Prev.Banks, r.Prev.Metrics))
	}
	if r.Counts.Duplicates > 0 {
		notes = append(notes, fmt.Sprintf(t.noteDupes, r.Counts.Duplicates))
	}
	if r.Counts.Undated > 0 {
		notes = append(notes, fmt.Sprintf(t.noteUndated, r.Counts.Undated))
	}
	if r.Counts.OtherPeriods > 0 {
		notes = append(notes, fmt.Sprintf(t.noteOther, r.Counts.OtherPeriods))
	}
	if r.Counts.UndatedLeftOut > 0 {
		notes = append(notes, fmt.Sprintf(t.noteUndatedLeftOut, r.Counts.UndatedLeftOut))
	}
	if r.Counts.Skipped > 0 {
		notes = append(notes, fmt.Sprintf(t.noteSkipped, r.Counts.Skipped))
	}
	return notes
}

func footerLines(r *model.Report, t words) []string {
	upTo := r.DataUpTo
	if upTo == "" {
		upTo = "—"
	}
	made := fmt.Sprintf(t.footerMade, upTo)
	if r.Generated != "" {
		made += fmt.Sprintf(t.footerGenerated, r.Generated)
	}
	c := r.Counts
	inputs := fmt.Sprintf(t.footerInputs, c.Files, c.Articles, c.Used, c.Duplicates, c.Skipped)
	if c.OtherPeriods > 0 || c.UndatedLeftOut > 0 {
		inputs += fmt.Sprintf(t.footerLeftOut, c.OtherPeriods, c.UndatedLeftOut)
	}
	return []string{
		made,
		inputs,
		t.footerMoney,
		t.echartsNote,
	}
}

// formatNumber writes v with at most two decimals, trailing zeros dropped.
func formatNumber(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// formatAmount writes an amount like formatNumber, but one under 0.01
// with as many decimals as give it two significant digits (up to eight),
// so that a small sum never reads 0: 20万元 is 0.002亿元.
func formatAmount(v float64) string {
	a := math.Abs(v)
	if a == 0 || a >= 0.01 || math.IsNaN(a) || math.IsInf(a, 0) {
		return formatNumber(v)
	}
	dec := min(8, int(math.Ceil(-math.Log10(a)))+1)
	s := strconv.FormatFloat(v, 'f', dec, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "0" || s == "-0" {
		return strconv.FormatFloat(v, 'g', 2, 64) // under 1e-8
	}
	return s
}

// grouped puts thousands separators in a number formatted by formatNumber:
// 119057.83 → 119,057.83.
func grouped(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if dot {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}
