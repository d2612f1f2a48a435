package xlsx

import (
	"fmt"
	"strings"
	"time"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/xuri/excelize/v2"
)

// Column numbers (1-based) of the metric detail sheet, used by the tests.
const (
	detailBank = iota + 1
	detailBranch
	detailBankType
	detailTheme
	detailType
	detailValue
	detailValueHigh
	detailUnit
	detailQualifier
	detailText
	detailSentence
	detailTitle
	detailDate
	detailQuarter
	detailFile
	detailRepeat
	detailBalance
	detailArticleID
)

// metricDetailSheet writes 指标明细: one row per metric mention, with the
// exact text, its sentence and the article linked to its URL. Repeats and
// stocks (balances, assets …) are grey and marked: shown, never summed.
func (b *book) metricDetailSheet() (*table, error) {
	r, sh := b.r, b.sheet(shMetricDetail)
	cols := []column{
		{head: b.t("银行", "Bank"), max: 24},
		{head: b.t("分支机构", "Branch"), max: 20},
		{head: b.t("银行类型", "Bank type"), max: 16},
		{head: b.t("主题", "Theme"), max: 24},
		{head: b.t("指标类型", "Metric type"), max: 12},
		{head: b.t("数值", "Value"), max: 18},
		{head: b.t("上限（区间）", "Upper bound"), max: 14},
		{head: b.t("单位", "Unit"), max: 10},
		{head: b.t("限定", "Qualifier"), max: 10},
		{head: b.t("原文", "Text"), max: 20},
		{head: b.t("句子", "Sentence"), max: 70},
		{head: b.t("文章", "Article"), style: b.st.link, max: 40},
		{head: b.t("日期", "Date"), style: b.st.date, min: 11, max: 11},
		{head: b.t("季度", "Quarter"), max: 9},
		{head: b.t("文件", "File"), max: 36},
		{head: b.t("重复", "Repeat"), max: 14},
		{head: b.t("不计入的原因", "Why not summed"), max: 16},
		{head: b.t("文章ID", "Article ID"), max: 24},
	}
	label := b.reasonLabels()
	return b.beginTable(sh, cols, b.fit(sh, len(r.Metrics)), 1, func(i int) []any {
		m := &r.Metrics[i]
		g := m.Repeat() || m.Balance() // shown, not summed
		txt := func(s string) any {
			if s == "" {
				return nil
			}
			if g {
				return excelize.Cell{StyleID: b.st.greyText, Value: s}
			}
			return s
		}
		var high any
		if m.ValueHigh != 0 {
			high = b.num(m.Unit, m.ValueHigh, g)
		}
		linkStyle, plain := b.st.link, b.st.text
		if g {
			linkStyle, plain = b.st.greyLink, b.st.greyText
		}
		var rep, bal any
		if m.Repeat() {
			rep = txt(label[m.Why])
		}
		if m.Balance() {
			bal = txt(label[m.Why])
		}
		return []any{
			txt(b.bankName(m.BankName)), txt(m.Branch), txt(b.bankTypeName(m.BankType)), txt(b.themeName(m.Theme)), txt(b.typeName(m.Type)),
			b.num(m.Unit, m.Value, g), high, txt(b.unitName(m.Unit)), txt(b.qualifierName(m.Qualifier)),
			txt(m.Text), txt(m.Sentence), hyperlink(m.Title, m.URL, linkStyle, plain), b.date(m.Date, g), txt(b.quarterName(m.Quarter)),
			txt(m.File), rep, bal, txt(m.ArticleID()),
		}
	})
}

// maxRows is the number of rows a worksheet holds.
const maxRows = 1048576

// fit returns how many of n table rows fit below the header of a sheet and
// notes, for 数据质量, the rows left out.
func (b *book) fit(sheet string, n int) int {
	if n < maxRows {
		return n
	}
	b.cut = append(b.cut, fmt.Sprintf(b.t("“%s”只能容纳前 %d 行，其余 %d 行未列出（见 facts.jsonl）", "%s holds the first %d rows only; %d rows are left out (see facts.jsonl)"), sheet, maxRows-1, n-(maxRows-1)))
	return maxRows - 1
}

// date is a date cell, or the text as written when it is not YYYY-MM-DD.
func (b *book) date(s string, grey bool) any {
	if s == "" {
		return nil
	}
	st := b.st.date
	if grey {
		st = b.st.greyDate
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil || t.Year() < 1900 {
		return excelize.Cell{StyleID: b.st.grey(0), Value: s}
	}
	return excelize.Cell{StyleID: st, Value: t}
}

func (b *book) quarterName(q string) string {
	if q == model.QuarterUnknown {
		return b.t("无日期", "undated")
	}
	return q
}

// Column numbers (1-based) of the articles sheet.
const (
	artDate = iota + 1
	artQuarter
	artTitle
	artSource
	artBank
	artBankType
	artThemes
	artMetrics
	artDuplicateOf
	artFile
	artID
)

// articlesSheet writes 文章: one row per article of the period; syndicated
// copies are grey and name the article they copy.
func (b *book) articlesSheet() (*table, error) {
	r, sh := b.r, b.sheet(shArticles)
	cols := []column{
		{head: b.t("日期", "Date"), style: b.st.date, min: 11, max: 11},
		{head: b.t("季度", "Quarter"), max: 9},
		{head: b.t("标题", "Title"), style: b.st.link, max: 60},
		{head: b.t("来源", "Source"), max: 20},
		{head: b.t("主要银行", "Primary bank"), max: 24},
		{head: b.t("银行类型", "Bank type"), max: 16},
		{head: b.t("主题（强者在前）", "Themes (strongest first)"), max: 50},
		{head: b.t("指标数", "Metrics"), style: b.st.integer, max: 8},
		{head: b.t("重复于（不计入）", "Duplicate of (not counted)"), max: 40},
		{head: b.t("文件", "File"), max: 36},
		{head: b.t("文章ID", "Article ID"), max: 24},
	}
	sep := b.t("、", ", ")
	return b.beginTable(sh, cols, b.fit(sh, len(r.Articles)), 0, func(i int) []any {
		a := &r.Articles[i]
		g := a.DuplicateOf != ""
		txt := func(s string) any {
			if s == "" {
				return nil
			}
			if g {
				return excelize.Cell{StyleID: b.st.greyText, Value: s}
			}
			return s
		}
		names := make([]string, len(a.Themes))
		for j, id := range a.Themes {
			names[j] = b.themeName(id)
		}
		linkStyle, plain := b.st.link, b.st.text
		metrics := any(a.Metrics)
		if g {
			linkStyle, plain = b.st.greyLink, b.st.greyText
			metrics = excelize.Cell{StyleID: b.st.greyInteger, Value: a.Metrics}
		}
		// The article copied, its title linked to its URL.
		var dup any
		if a.DuplicateOf != "" {
			label, url := a.DuplicateOf, ""
			if o := b.articles[a.DuplicateOf]; o != nil {
				url = o.URL
				if o.Title != "" {
					label += b.t("：", ": ") + o.Title
				}
			}
			dup = hyperlink(label, url, b.st.greyLink, b.st.greyText)
		}
		return []any{
			b.date(a.Date, g), txt(b.quarterName(a.Quarter)), hyperlink(a.Title, a.URL, linkStyle, plain), txt(a.Source),
			txt(a.PrimaryBank), txt(b.bankTypeName(a.BankType)), txt(strings.Join(names, sep)), metrics, dup, txt(a.File), txt(a.ID),
		}
	})
}

// warningZh are the Chinese words for the warnings of internal/ingest and
// internal/metric, by their English beginning; what follows is kept.
var warningZh = []struct{ en, zh string }{
	{"digits missing near: ", "原文疑似漏掉数字，附近文字："},
	{"front matter is not valid YAML; read line by line", "文章头信息（front matter）不是有效的 YAML，已逐行读取"},
	{"front matter not closed with ---; read up to the first line that is not a key: value", "文章头信息未以 --- 结束，读到第一行不是“键: 值”的行为止"},
	{"charset ", "字符集已转换："},
}

// warningText is a warning in the workbook's language: known warnings in
// Chinese, with the original English after them for a search.
func (b *book) warningText(w string) string {
	if b.lang == "en" {
		return w
	}
	for _, k := range warningZh {
		if rest, ok := strings.CutPrefix(w, k.en); ok {
			if k.en == "charset " {
				return k.zh + strings.TrimSuffix(rest, " converted")
			}
			return k.zh + rest
		}
	}
	return w
}

// qualitySheet writes 数据质量: one row per problem — files skipped with the
// reason, articles without a date, warnings and syndicated copies.
func (b *book) qualitySheet() (*table, error) {
	r, sh := b.r, b.sheet(shQuality)
	type problem struct{ kind, id, file, title, note string }
	var rows []problem
	title := func(id string) (string, string) {
		if a := b.articles[id]; a != nil {
			return a.File, a.Title
		}
		return "", ""
	}
	for _, c := range b.cut {
		rows = append(rows, problem{b.t("行数超限", "rows left out"), "", "", "", c})
	}
	for _, s := range r.Skipped {
		rows = append(rows, problem{b.t("跳过的文件", "file skipped"), "", s.File, "", s.Reason})
	}
	undated := b.t("找不到发布日期，计入“无日期”季度", "no publication date found; counted under quarter “undated”")
	if r.Period != "" && r.Period != model.QuarterUnknown {
		undated = b.t("找不到发布日期，不属任何季度，未计入 "+r.Period+" 的报告；补上日期后可计入",
			"no publication date found: in no quarter, so left out of the "+r.Period+" report; give it a date to count it")
	}
	for _, a := range r.Undated {
		rows = append(rows, problem{b.t("无日期", "no date"), a.ID, a.File, a.Title, undated})
	}
	for _, w := range r.Warnings {
		f, t := title(w.ID)
		if w.File != "" {
			f = w.File
		}
		rows = append(rows, problem{b.t("警告", "warning"), w.ID, f, t, b.warningText(w.Warning)})
	}
	for _, c := range r.Clusters {
		note := b.t("转载副本，不计入；计入的是 ", "syndicated copy, not counted; counted: ") + c.Kept.ID
		if c.Kept.Title != "" {
			note += b.t("：", ": ") + c.Kept.Title
		}
		for _, a := range c.Copies {
			rows = append(rows, problem{b.t("重复转载", "duplicate"), a.ID, a.File, a.Title, note})
		}
	}
	// Banks read from their endings only, with the first article that
	// counts for one: a bank the list lacks, or another spelling of one it
	// has (巩义市农村信用合作联社 for 巩义农商银行), which an alias mends.
	first := map[string]*model.ArticleRow{}
	for i := range r.Articles {
		if a := &r.Articles[i]; a.PrimaryBank != "" && first[a.PrimaryBank] == nil && a.DuplicateOf == "" {
			first[a.PrimaryBank] = a
		}
	}
	for _, m := range r.Metrics {
		if first[m.BankName] == nil && m.BankName != "" {
			first[m.BankName] = m.ArticleRow
		}
	}
	for _, bk := range r.Banks {
		if !bk.Unlisted {
			continue
		}
		p := problem{kind: b.t("名单外银行", "bank not listed"),
			note: bk.Name + b.t(fmt.Sprintf("：不在名单中，按名称结尾识别（主要银行 %d 篇，指标 %d 项）；若是名单中某行的另一写法，在 templates/banks.yaml 加为其别名",
				bk.Articles, bk.Metrics),
				fmt.Sprintf(": not in the list, read from its ending (primary bank of %d articles, %d metrics); if another spelling of a listed bank, add it to templates/banks.yaml as an alias",
					bk.Articles, bk.Metrics))}
		if a := first[bk.Name]; a != nil {
			p.id, p.file, p.title = a.ID, a.File, a.Title
		}
		rows = append(rows, p)
	}
	cols := []column{
		{head: b.t("类别", "Kind"), max: 12},
		{head: b.t("文章ID", "Article ID"), max: 24},
		{head: b.t("文件", "File"), max: 40},
		{head: b.t("标题", "Title"), max: 50},
		{head: b.t("说明", "Detail"), max: 70},
	}
	return b.beginTable(sh, cols, len(rows), 0, func(i int) []any {
		p := rows[i]
		return []any{p.kind, p.id, p.file, p.title, p.note}
	})
}

// reasonLabels names, in the book's language, why a metric row is not
// summed, for the detail sheet's repeat and reason columns.
func (b *book) reasonLabels() map[model.NotSummed]string {
	return map[model.NotSummed]string{
		model.SameFigure:    b.t("重复，不计入合计", "repeat, not summed"),
		model.PartOfBefore:  b.t("“其中”部分，已计入前面的总数", "part (其中) of a figure before it, counted there"),
		model.Stock:         b.t("存量，不计入合计", "stock, not summed"),
		model.Difference:    b.t("与其他时期的差额，不计入合计", "difference from another period, not summed"),
		model.Planned:       b.t("计划或目标，不计入合计", "plan or target, not summed"),
		model.Cumulative:    b.t("多年累计，不计入合计", "total over several years, not summed"),
		model.FineOrCapital: b.t("罚款或补充资本，不计入合计", "fine or capital raised, not summed"),
		model.Context:       b.t("背景数字（损失、项目总投资、案件金额），不计入合计", "context (a loss, a project's total investment, money in a crime), not summed"),
		model.PerUnit:       b.t("均值、单价或单笔限额（户均、每笔、元/笔），不计入合计", "an average, a price or a limit per unit (户均, 每笔, 元/笔), not summed"),
	}
}
