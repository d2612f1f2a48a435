package xlsx

import (
	"strconv"
	"strings"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/xuri/excelize/v2"
)

// topBanks is how many banks the summary lists.
const topBanks = 20

// summarySheet writes 概览: the period, the headline counts (with the
// previous quarter when known), the themes and the top banks, with charts.
func (b *book) summarySheet() error {
	r, sh := b.r, b.sheet(shSummary)
	first := 30.0
	if b.lang == "en" {
		first = 38
	}
	if err := b.widths(sh, first, 15, 13, 13, 13, 13, 13, 10, 10); err != nil {
		return err
	}
	period := r.Period
	if period == "" {
		period = b.t("全部季度", "all quarters")
		if span := quarterSpan(r.Quarters); len(span) > 0 {
			period += b.t("（", " (") + span[0] + "–" + span[len(span)-1] + b.t("）", ")")
		}
	}
	if err := b.put(sh, 1, 1, excelize.Cell{StyleID: b.st.title, Value: b.t("银行“我为群众办实事”季度简报", "Banks' public-service initiatives: quarterly workbook")}); err != nil {
		return err
	}
	dates := ""
	if r.FirstDate != "" {
		dates = b.t("　文章日期：", "   article dates: ") + r.FirstDate + b.t(" 至 ", " to ") + r.LastDate
	}
	sub := b.t("期间：", "Period: ") + period + dates
	if r.DataUpTo != "" {
		sub += b.t("　数据截至：", "   data up to: ") + r.DataUpTo
	}
	if r.Generated != "" {
		sub += b.t("　生成日期：", "   generated: ") + r.Generated
	}
	if err := b.put(sh, 1, 2, excelize.Cell{StyleID: b.st.subtitle, Value: sub}); err != nil {
		return err
	}

	// Headline counts.
	row := 4
	if err := b.put(sh, 1, row, excelize.Cell{StyleID: b.st.section, Value: b.t("总体", "Overview")}); err != nil {
		return err
	}
	row++
	heads := []string{b.t("项目", "Item"), b.t("本期", "This period")}
	if r.Prev != nil {
		heads = append(heads, b.t("上期", "Previous")+" "+r.PrevPeriod, b.t("变化", "Change"), b.t("变化率", "Change %"))
	}
	if err := b.headerRow(sh, 1, row, heads...); err != nil {
		return err
	}
	type line struct {
		name      string
		cur, prev float64
		money     bool
	}
	c := r.Counts
	var p model.Counts
	if r.Prev != nil {
		p = *r.Prev
	}
	count := func(name string, cur, prev int) line { return line{name, float64(cur), float64(prev), false} }
	// Every input file is in one of the lines under it: the period's
	// articles, those of other quarters, the undated ones a quarter leaves
	// out, the files skipped.
	lines := []line{count(b.t("输入文件", "Input files"), c.Files, p.Files)}
	if r.Period == "" {
		lines = append(lines, count(b.t("读取的文章", "Articles read"), c.Articles, p.Articles))
	} else {
		lines = append(lines, count(b.t("本期的文章", "Articles of the period"), c.Articles, p.Articles),
			count(b.t("其他季度的文章（不计入）", "Articles of other quarters (not counted)"), c.OtherPeriods, p.OtherPeriods))
	}
	if r.Period != "" && r.Period != model.QuarterUnknown {
		lines = append(lines, count(b.t("无日期的文章（不属任何季度，不计入）", "Articles without a date (in no quarter, not counted)"), c.UndatedLeftOut, p.UndatedLeftOut))
	}
	lines = append(lines, count(b.t("跳过的文件", "Files skipped"), c.Skipped, p.Skipped),
		count(b.t("计入的文章", "Articles used"), c.Used, p.Used),
		count(b.t("重复转载（不计入）", "Duplicates (not counted)"), c.Duplicates, p.Duplicates))
	if r.Period == "" || r.Period == model.QuarterUnknown {
		lines = append(lines, count(b.t("无日期的文章", "Articles without a date"), c.Undated, p.Undated))
	}
	lines = append(lines,
		count(b.t("银行", "Banks"), c.Banks, p.Banks),
		count(b.t("指标（提及次数）", "Metrics (mentions)"), c.Metrics, p.Metrics),
		line{b.t("金额合计（亿元）", "Money (CNY 100m)"), yi(c.Money), yi(p.Money), true})
	for _, l := range lines {
		row++
		num, prevNum, chg := b.st.integer, b.st.integer, b.st.change
		if l.money {
			num, prevNum, chg = b.st.moneyFor(l.cur), b.st.moneyFor(l.prev), b.st.changeFor(l.cur-l.prev)
		}
		vals := []any{l.name, excelize.Cell{StyleID: num, Value: l.cur}}
		if r.Prev != nil {
			vals = append(vals, excelize.Cell{StyleID: prevNum, Value: l.prev}, excelize.Cell{StyleID: chg, Value: l.cur - l.prev})
			if l.prev > 0 {
				vals = append(vals, excelize.Cell{StyleID: b.st.ratio, Value: (l.cur - l.prev) / l.prev})
			}
		}
		if err := b.put(sh, 1, row, vals...); err != nil {
			return err
		}
	}
	// What the money line adds, in lines short enough to stay clear of
	// the charts on the right.
	note := []string{
		"金额：注明银行的人民币金额（投放、减费、捐赠等），同一文章重复的数字和“其中”部分只计一次；",
		"贷款余额等存量、同比差额、计划目标、多年累计数、银行被处的罚款与补充的资本、",
		"损失与项目总投资等背景数字、户均与每笔等单位数字，以及未注明银行的行业数字，",
		"只在“指标明细”中列出，不计入。见“说明”。",
	}
	if b.lang == "en" {
		note = []string{
			"Money: yuan amounts reported for a bank (loans granted, fees cut, donations …), a figure",
			"repeated in an article or a part (其中) of one counted once; stocks (loan balances), differences",
			"from another period, plans, totals over several years, fines and capital a bank raised,",
			"context figures (losses, a project's total investment), figures per unit (户均, 每笔) and",
			"sector figures naming no bank are listed in Metric detail, not added.",
		}
	}
	for _, l := range note {
		row++
		if err := b.put(sh, 1, row, excelize.Cell{StyleID: b.st.subtitle, Value: l}); err != nil {
			return err
		}
	}

	// Themes: ranked themes first, the political frame last.
	row += 2
	if err := b.put(sh, 1, row, excelize.Cell{StyleID: b.st.section, Value: b.t("各主题", "Themes")}); err != nil {
		return err
	}
	row++
	heads = []string{b.t("主题", "Theme"), b.t("文章数", "Articles"), b.t("指标数", "Metrics"), b.t("金额（亿元）", "Money (CNY 100m)")}
	if r.Prev != nil {
		heads = append(heads, b.t("上期文章数", "Prev. articles"), b.t("文章数变化", "Change"), b.t("上期金额（亿元）", "Prev. money (CNY 100m)"))
	}
	if err := b.headerRow(sh, 1, row, heads...); err != nil {
		return err
	}
	var themes []model.ThemeRow
	for _, t := range r.Themes {
		if !t.Frame && (t.Articles > 0 || t.PrevArticles > 0) {
			themes = append(themes, t)
		}
	}
	ranked := len(themes)
	for _, t := range r.Themes {
		if t.Frame && (t.Articles > 0 || t.PrevArticles > 0) {
			themes = append(themes, t)
		}
	}
	themeFirst := row + 1
	for _, t := range themes {
		row++
		name := b.themeName(t.ID)
		if t.Frame {
			name += b.t("（政治框架，不参与排名）", " (frame, not ranked)")
		}
		vals := []any{name, excelize.Cell{StyleID: b.st.integer, Value: t.Articles}, excelize.Cell{StyleID: b.st.integer, Value: t.Metrics}, excelize.Cell{StyleID: b.st.moneyFor(yi(t.Money)), Value: yi(t.Money)}}
		if r.Prev != nil {
			if t.PrevArticles >= 0 {
				vals = append(vals, excelize.Cell{StyleID: b.st.integer, Value: t.PrevArticles},
					excelize.Cell{StyleID: b.st.change, Value: t.Articles - t.PrevArticles},
					excelize.Cell{StyleID: b.st.moneyFor(yi(t.PrevMoney)), Value: yi(t.PrevMoney)})
			}
		}
		if err := b.put(sh, 1, row, vals...); err != nil {
			return err
		}
	}
	chartRow := 4
	charted := 0 // themes are by articles, most first: chart those with some
	for _, t := range themes[:ranked] {
		if t.Articles > 0 {
			charted++
		}
	}
	if charted > 0 {
		chartRow += barHeight(charted)/20 + 2
		if err := b.barChart(sh, "J4", b.t("各主题文章数", "Articles by theme"), b.t("文章数", "Articles"),
			ref(sh, 1, themeFirst, 1, themeFirst+charted-1), ref(sh, 2, themeFirst, 2, themeFirst+charted-1), charted); err != nil {
			return err
		}
	}

	// Top banks.
	row += 2
	if err := b.put(sh, 1, row, excelize.Cell{StyleID: b.st.section, Value: b.t("主要银行（按文章数）", "Top banks (by articles)")}); err != nil {
		return err
	}
	row++
	if err := b.headerRow(sh, 1, row, b.t("银行", "Bank"), b.t("银行类型", "Bank type"), b.t("文章数", "Articles"), b.t("指标数", "Metrics"), b.t("金额（亿元）", "Money (CNY 100m)"), b.t("主要主题", "Main themes")); err != nil {
		return err
	}
	bankFirst := row + 1
	n := min(len(r.Banks), topBanks)
	for _, bk := range r.Banks[:n] {
		row++
		var names []string
		for i, id := range bk.Themes {
			if i == 3 {
				break
			}
			names = append(names, b.themeName(id))
		}
		if err := b.put(sh, 1, row, bk.Name, b.bankTypeName(bk.Type),
			excelize.Cell{StyleID: b.st.integer, Value: bk.Articles}, excelize.Cell{StyleID: b.st.integer, Value: bk.Metrics},
			excelize.Cell{StyleID: b.st.moneyFor(yi(bk.Money)), Value: yi(bk.Money)}, strings.Join(names, b.t("、", ", "))); err != nil {
			return err
		}
	}
	top := 0
	for _, bk := range r.Banks[:min(n, 10)] {
		if bk.Articles > 0 {
			top++
		}
	}
	if top > 0 {
		if err := b.barChart(sh, "J"+strconv.Itoa(chartRow), b.t("文章数最多的银行", "Banks with most articles"), b.t("文章数", "Articles"),
			ref(sh, 1, bankFirst, 1, bankFirst+top-1), ref(sh, 3, bankFirst, 3, bankFirst+top-1), top); err != nil {
			return err
		}
	}
	return b.pageSetup(sh, 1, false)
}

// barHeight is the height in pixels of a bar chart of n bars.
func barHeight(n int) int { return max(220, 70+22*n) }

// barChart adds a horizontal bar chart of one series, first category on top.
func (b *book) barChart(sheet, cell, title, series, cats, vals string, n int) error {
	fontFamily := "等线"
	if b.lang == "en" {
		fontFamily = "Calibri"
	}
	height := uint(barHeight(n))
	return b.f.AddChart(sheet, cell, &excelize.Chart{
		Type:      excelize.Bar,
		Series:    []excelize.ChartSeries{{Name: series, Categories: cats, Values: vals, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"5B9BD5"}}}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Bold: true, Size: 12, Family: fontFamily}}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 560, Height: height},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Family: fontFamily, Size: 9, Color: "404040"}},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Family: fontFamily, Size: 9, Color: "404040"}},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		Format:    excelize.GraphicOptions{OffsetX: 5, OffsetY: 5},
	})
}
