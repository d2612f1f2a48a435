package xlsx

import (
	"math"
	"sort"
	"strconv"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/xuri/excelize/v2"
)

// bankThemeSheet writes 银行×主题: one row per bank, one column per theme,
// the used articles of the bank under the theme, with a colour scale.
func (b *book) bankThemeSheet() error {
	r, sh := b.r, b.sheet(shBankTheme)
	// Themes in the report's order (most articles first), present cells only.
	present := map[string]bool{}
	for _, c := range r.BankTheme {
		present[c.Theme] = true
	}
	var themes []string
	seen := map[string]bool{}
	for _, t := range r.Themes {
		if present[t.ID] && !seen[t.ID] {
			themes, seen[t.ID] = append(themes, t.ID), true
		}
	}
	var extra []string
	for id := range present {
		if !seen[id] {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	themes = append(themes, extra...)
	col := map[string]int{}
	for i, id := range themes {
		col[id] = i
	}

	banks, btype := b.bankOrder()
	cells := make(map[string][]int, len(banks))
	for _, c := range r.BankTheme {
		row := cells[c.Bank]
		if row == nil {
			row = make([]int, len(themes))
			cells[c.Bank] = row
		}
		row[col[c.Theme]] += c.Articles
	}
	articles := map[string]int{}
	for _, bk := range r.Banks {
		articles[bk.Name] = bk.Articles
	}
	cols := []column{
		{head: b.t("银行", "Bank"), max: 30},
		{head: b.t("银行类型", "Bank type"), max: 18},
		{head: b.t("文章数（主要银行）", "Articles (as primary bank)"), style: b.st.integer, max: 12},
	}
	for _, id := range themes {
		cols = append(cols, column{head: b.themeName(id), style: b.st.integer, min: 9, max: 12})
	}
	sw, err := b.streamTable(sh, cols, len(banks), 1, func(i int) []any {
		name := banks[i]
		vals := []any{b.bankName(name), b.bankTypeName(btype[name]), articles[name]}
		for _, n := range cells[name] {
			if n == 0 {
				vals = append(vals, nil)
			} else {
				vals = append(vals, n)
			}
		}
		return vals
	})
	if err != nil {
		return err
	}
	if len(banks) > 0 && len(themes) > 0 {
		last, _ := excelize.CoordinatesToCellName(3+len(themes), len(banks)+1)
		err = b.f.SetConditionalFormat(sh, "D2:"+last, []excelize.ConditionalFormatOptions{{
			Type: "2_color_scale", Criteria: "=", MinType: "min", MaxType: "max",
			MinColor: "#F2F7FC", MaxColor: "#2E75B6",
		}})
		if err != nil {
			return err
		}
	}
	return sw.Flush()
}

// bankOrder lists the banks of the bank × theme cells: the report's bank
// order first, then any other bank by name.
func (b *book) bankOrder() ([]string, map[string]string) {
	var banks []string
	btype := map[string]string{}
	seen := map[string]bool{}
	for _, bk := range b.r.Banks {
		if !seen[bk.Name] {
			banks, seen[bk.Name] = append(banks, bk.Name), true
			btype[bk.Name] = bk.Type
		}
	}
	var extra []string
	for _, c := range b.r.BankTheme {
		if !seen[c.Bank] {
			extra, seen[c.Bank] = append(extra, c.Bank), true
		}
	}
	sort.Strings(extra)
	return append(banks, extra...), btype
}

// metricSummarySheet writes 指标汇总: bank × theme × metric type × unit with
// mentions, counted mentions (repeats and stocks excluded) and their sum,
// median, min and max. Percentages have no sum.
func (b *book) metricSummarySheet() error {
	r, sh := b.r, b.sheet(shMetricSummary)
	cols := []column{
		{head: b.t("银行", "Bank"), max: 30},
		{head: b.t("银行类型", "Bank type"), max: 18},
		{head: b.t("主题", "Theme"), max: 26},
		{head: b.t("指标类型", "Metric type"), max: 14},
		{head: b.t("单位", "Unit"), max: 12},
		{head: b.t("提及次数（全部）", "Mentions (all)"), style: b.st.integer, max: 12},
		{head: b.t("计入次数（不含重复、存量）", "Counted (no repeats, no stocks)"), style: b.st.integer, max: 14},
		{head: b.t("合计（比例、倍数不求和）", "Sum (never for % or multiples)"), max: 20},
		{head: b.t("中位数", "Median"), max: 16},
		{head: b.t("最小值", "Min"), max: 16},
		{head: b.t("最大值", "Max"), max: 16},
	}
	sw, err := b.streamTable(sh, cols, len(r.Sums), 1, func(i int) []any {
		s := &r.Sums[i]
		var sum any
		if !neverSummed(s.Type, s.Unit) {
			sum = b.num(s.Unit, s.Sum, false)
		}
		vals := []any{b.bankName(s.Bank), b.bankTypeName(s.BankType), b.themeName(s.Theme), b.typeName(s.Type), b.unitName(s.Unit),
			s.Mentions, s.Count, sum}
		if s.Count > 0 { // no median of nothing
			vals = append(vals, b.num(s.Unit, s.Median, false), b.num(s.Unit, s.Min, false), b.num(s.Unit, s.Max, false))
		}
		return vals
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// num is the cell of a value in a canonical unit, converted to the unit
// shown, with a whole-number or two-decimal format.
func (b *book) num(unit string, v float64, grey bool) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	v = shown(unit, v)
	st := b.st.decimal
	if unit == "CNY" {
		st = b.st.moneyFor(v)
		if st == b.st.money && v != 0 && math.Abs(v) < 1 {
			st = b.st.smallMoney // a figure under 1 万元 to the 元: 0.0123
		}
	} else if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		st = b.st.integer
	}
	if grey {
		st = b.st.grey(st)
	}
	return excelize.Cell{StyleID: st, Value: v}
}

// trendSheet writes 季度趋势: a long table (kind, name, quarter, articles,
// previous quarter, change, metrics, money) for filters and pivots, and
// beside it quarter × theme and quarter × bank matrices with line charts.
func (b *book) trendSheet() error {
	r, sh := b.r, b.sheet(shTrend)
	span := quarterSpan(r.Quarters)
	inSpan := map[string]int{}
	for i, q := range span {
		inSpan[q] = i
	}
	hasUnknown := false
	for _, q := range r.Quarters {
		if q == model.QuarterUnknown {
			hasUnknown = true
		}
	}
	type key struct{ kind, key string }
	cells := map[key]map[string]model.TrendCell{}
	var keys []key
	for _, c := range r.Trend {
		k := key{c.Kind, c.Key}
		if cells[k] == nil {
			cells[k] = map[string]model.TrendCell{}
			keys = append(keys, k)
		}
		cells[k][c.Quarter] = c
	}
	// Themes in the report's theme order, banks in its bank order.
	rank := map[key]int{}
	for i, t := range r.Themes {
		rank[key{"theme", t.ID}] = i + 1
	}
	for i, bk := range r.Banks {
		rank[key{"bank", bk.Name}] = i + 1
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, c := keys[i], keys[j]
		if a.kind != c.kind {
			return a.kind == "theme"
		}
		ra, rc := rank[a], rank[c]
		if ra == 0 {
			ra = math.MaxInt32
		}
		if rc == 0 {
			rc = math.MaxInt32
		}
		if ra != rc {
			return ra < rc
		}
		return a.key < c.key
	})

	type line struct {
		k       key
		q       string
		c       model.TrendCell
		prev    int
		hasPrev bool
	}
	var lines []line
	for _, k := range keys {
		first := len(span)
		for q := range cells[k] {
			if i, ok := inSpan[q]; ok && i < first {
				first = i
			}
		}
		for i := first; i < len(span); i++ {
			c, ok := cells[k][span[i]]
			l := line{k: k, q: span[i], c: c}
			if i > 0 {
				p, had := cells[k][span[i-1]]
				if !ok && !had {
					continue // nothing this quarter nor the one before
				}
				l.prev, l.hasPrev = p.Articles, true
			}
			lines = append(lines, l)
		}
		if c, ok := cells[k][model.QuarterUnknown]; ok && hasUnknown {
			lines = append(lines, line{k: k, q: model.QuarterUnknown, c: c})
		}
	}

	heads := []any{}
	for _, h := range []string{b.t("类别", "Kind"), b.t("名称", "Name"), b.t("季度", "Quarter"), b.t("文章数", "Articles"),
		b.t("上季度文章数", "Prev. quarter"), b.t("环比变化", "Change"), b.t("环比", "Change %"), b.t("指标数", "Metrics"), b.t("金额（亿元）", "Money (CNY 100m)")} {
		heads = append(heads, excelize.Cell{StyleID: b.st.header, Value: h})
	}
	longRow := func(i int) []any {
		l := lines[i]
		kind, name := b.t("主题", "theme"), b.themeName(l.k.key)
		if l.k.kind == "bank" {
			kind, name = b.t("银行", "bank"), b.bankName(l.k.key)
		}
		q := l.q
		if q == model.QuarterUnknown {
			q = b.t("无日期", "undated")
		}
		vals := []any{kind, name, q, excelize.Cell{StyleID: b.st.integer, Value: l.c.Articles}}
		if l.hasPrev {
			vals = append(vals, excelize.Cell{StyleID: b.st.integer, Value: l.prev}, excelize.Cell{StyleID: b.st.change, Value: l.c.Articles - l.prev})
			if l.prev > 0 {
				vals = append(vals, excelize.Cell{StyleID: b.st.ratio, Value: float64(l.c.Articles-l.prev) / float64(l.prev)})
			} else {
				vals = append(vals, nil)
			}
		} else {
			vals = append(vals, nil, nil, nil)
		}
		return append(vals, excelize.Cell{StyleID: b.st.integer, Value: l.c.Metrics}, excelize.Cell{StyleID: b.st.moneyFor(yi(l.c.Money)), Value: yi(l.c.Money)})
	}

	// Beside the long table, from column K: quarter × leading themes and
	// quarter × leading banks over the recent quarters, each with a chart.
	const matrixCol = 11      // K
	matrix := map[int][]any{} // row → cells from column K
	tallRows := map[int]bool{1: true}
	type chart struct {
		cell, title string
		series      []excelize.ChartSeries
	}
	var charts []chart
	var topThemes, topBanks []string
	for _, t := range r.Themes {
		if !t.Frame && t.Articles > 0 && len(topThemes) < 6 && cells[key{"theme", t.ID}] != nil {
			topThemes = append(topThemes, t.ID)
		}
	}
	for _, bk := range r.Banks {
		if len(topBanks) < 6 && cells[key{"bank", bk.Name}] != nil {
			topBanks = append(topBanks, bk.Name)
		}
	}
	if len(span) > chartQuarters {
		span = span[len(span)-chartQuarters:]
	}
	row := 1
	for _, m := range []struct {
		kind, title string
		keys        []string
	}{
		{"theme", b.t("主要主题的文章数（最近各季度）", "Articles of the leading themes, recent quarters"), topThemes},
		{"bank", b.t("主要银行的文章数（最近各季度）", "Articles of the leading banks, recent quarters"), topBanks},
	} {
		if len(m.keys) == 0 || len(span) == 0 {
			continue
		}
		head := []any{excelize.Cell{StyleID: b.st.header, Value: b.t("季度", "Quarter")}}
		for _, k := range m.keys {
			name := b.themeName(k)
			if m.kind == "bank" {
				name = b.bankName(k)
			}
			head = append(head, excelize.Cell{StyleID: b.st.header, Value: name})
		}
		matrix[row], tallRows[row] = head, true
		for i, q := range span {
			vals := []any{q}
			for _, k := range m.keys {
				vals = append(vals, excelize.Cell{StyleID: b.st.integer, Value: cells[key{m.kind, k}][q].Articles})
			}
			matrix[row+1+i] = vals
		}
		var series []excelize.ChartSeries
		for j := range m.keys {
			series = append(series, excelize.ChartSeries{
				Name:       ref(sh, matrixCol+1+j, row, matrixCol+1+j, row),
				Categories: ref(sh, matrixCol, row+1, matrixCol, row+len(span)),
				Values:     ref(sh, matrixCol+1+j, row+1, matrixCol+1+j, row+len(span)),
				Marker:     excelize.ChartMarker{Symbol: "circle", Size: 5},
			})
		}
		cell, _ := excelize.CoordinatesToCellName(matrixCol, row+len(span)+2)
		charts = append(charts, chart{cell, m.title, series})
		row += len(span) + 2 + 22
	}

	// Written with the StreamWriter: page setup first, then widths, panes,
	// rows in order, filter and charts, then Flush.
	if err := b.pageSetup(sh, 1, true); err != nil {
		return err
	}
	sw, err := b.f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	for i, w := range []float64{10, 28, 10, 9, 11, 10, 10, 9, 13, 3, 10, 14, 14, 14, 14, 14, 14} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(freezePanes(0)); err != nil {
		return err
	}
	last := len(lines) + 1
	for rw := range matrix {
		last = max(last, rw)
	}
	for rw := 1; rw <= last; rw++ {
		var vals []any
		switch {
		case rw == 1:
			vals = heads
		case rw-2 < len(lines):
			vals = longRow(rw - 2)
		}
		if m, ok := matrix[rw]; ok {
			for len(vals) < matrixCol-1 {
				vals = append(vals, nil)
			}
			vals = append(vals, m...)
		}
		if vals == nil {
			continue
		}
		for j, v := range vals {
			vals[j] = b.cell(v, b.st.text)
		}
		opts := excelize.RowOpts{}
		if tallRows[rw] {
			opts.Height = 32
		}
		if err := sw.SetRow("A"+strconv.Itoa(rw), vals, opts); err != nil {
			return err
		}
	}
	if err := b.f.AutoFilter(sh, "A1:I"+strconv.Itoa(len(lines)+1), nil); err != nil {
		return err
	}
	for _, c := range charts {
		if err := b.lineChart(sh, c.cell, c.title, c.series); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func (b *book) lineChart(sheet, cell, title string, series []excelize.ChartSeries) error {
	fontFamily := "等线"
	if b.lang == "en" {
		fontFamily = "Calibri"
	}
	return b.f.AddChart(sheet, cell, &excelize.Chart{
		Type:      excelize.Line,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Bold: true, Size: 12, Family: fontFamily}}}},
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Family: fontFamily, Size: 9}},
		Dimension: excelize.ChartDimension{Width: 640, Height: 340},
		XAxis:     excelize.ChartAxis{Font: excelize.Font{Family: fontFamily, Size: 9, Color: "404040"}},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Family: fontFamily, Size: 9, Color: "404040"}},
		Format:    excelize.GraphicOptions{OffsetX: 5, OffsetY: 5},
	})
}

// chartQuarters is how many recent quarters the trend charts show.
const chartQuarters = 12

// quarterSpan lists every calendar quarter from the first to the last dated
// quarter, gaps included, so that a quarter without articles shows as 0.
func quarterSpan(quarters []string) []string {
	var lo, hi int
	found := false
	for _, q := range quarters {
		n, ok := quarterIndex(q)
		if !ok {
			continue
		}
		if !found || n < lo {
			lo = n
		}
		if !found || n > hi {
			hi = n
		}
		found = true
	}
	if !found {
		return nil
	}
	if hi-lo > 400 { // a century of quarters: a date is wrong, list only those present
		var out []string
		for _, q := range quarters {
			if _, ok := quarterIndex(q); ok {
				out = append(out, q)
			}
		}
		return out
	}
	var out []string
	for n := lo; n <= hi; n++ {
		out = append(out, strconv.Itoa(n/4)+"Q"+strconv.Itoa(n%4+1))
	}
	return out
}

// quarterIndex numbers a quarter like 2022Q1 as year*4 + quarter-1.
func quarterIndex(q string) (int, bool) {
	if len(q) != 6 || q[4] != 'Q' || q[5] < '1' || q[5] > '4' {
		return 0, false
	}
	y, err := strconv.Atoi(q[:4])
	if err != nil || y < 1000 {
		return 0, false
	}
	return y*4 + int(q[5]-'1'), true
}
