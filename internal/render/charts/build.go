package charts

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/bankbrief/bankbrief/internal/jsonstr"
	"github.com/bankbrief/bankbrief/internal/model"
)

// Chart sizes and limits.
const (
	maxBanksBar   = 30 // banks drawn in the bank chart before "other"
	zoomBanksBar  = 15 // banks visible at once before a dataZoom appears
	maxBanksHeat  = 20 // banks in the heatmap
	maxBanksMoney = 8  // banks stacked in the money chart before "other"
	maxBanksTree  = 25 // banks in the treemap
	weekSpanDays  = 120
	zoomQuarters  = 20 // quarters visible at once before a dataZoom appears
	zoomBuckets   = 24 // months (or weeks) visible at once before a dataZoom appears
)

// selector says which articles a data item stands for. The page script
// filters the embedded articles (mode "article") or metric mentions (mode
// "metric") with it when the item is clicked.
type selector struct {
	Label   string   `json:"label"`
	Mode    string   `json:"mode"`
	Banks   []string `json:"banks,omitempty"`
	Theme   string   `json:"theme,omitempty"`
	Quarter string   `json:"quarter,omitempty"`
	Time    string   `json:"time,omitempty"`
	Type    string   `json:"type,omitempty"`
	Unit    string   `json:"unit,omitempty"`
}

// item is one data item of a series: its value and its selector index.
type item struct {
	Name     string     `json:"name,omitempty"`
	Value    any        `json:"value"`
	Sel      int        `json:"sel"`
	Prev     *float64   `json:"prev,omitempty"` // value in the quarter before (quarter chart)
	Style    *itemStyle `json:"itemStyle,omitempty"`
	Children []item     `json:"children,omitempty"`
}

type itemStyle struct {
	Color string `json:"color"`
}

// typeColors give each metric type one colour.
var typeColors = map[string]string{
	"amount": "#5470c6", "customers": "#91cc75", "items": "#fac858", "events": "#ee6666", "outlets": "#73c0de",
	"devices": "#3ba272", "staff": "#fc8452", "percent": "#9a60b4", "duration": "#ea7ccc", "other": "#8c96a0",
}

func typeColor(id string) string {
	if c, ok := typeColors[id]; ok {
		return c
	}
	return "#b0b7bf"
}

// chartMeta tells the page script how to format a chart's tooltips.
type chartMeta struct {
	Kind  string   `json:"kind"`  // axis, item, pie
	Units []string `json:"units"` // unit per series (the last one repeats)
	QoQ   bool     `json:"qoq,omitempty"`
	Dec   int      `json:"dec,omitempty"` // decimals shown
}

type builder struct {
	r    *model.Report
	lang string
	t    words
	sels []selector
	meta map[string]chartMeta
	// timeKey maps an article date to its bucket in the time chart.
	timeKey func(date string) string
	weekly  bool
}

func newBuilder(r *model.Report, lang string) *builder {
	b := &builder{r: r, lang: lang, t: texts(lang), meta: map[string]chartMeta{}}
	b.timeKey = monthKey
	if first, err := time.Parse("2006-01-02", r.FirstDate); err == nil {
		if last, err := time.Parse("2006-01-02", r.LastDate); err == nil && last.Sub(first) <= weekSpanDays*24*time.Hour {
			b.timeKey, b.weekly = weekKey, true
		}
	}
	return b
}

func (b *builder) sel(s selector) int {
	b.sels = append(b.sels, s)
	return len(b.sels) - 1
}

// themeColors give each theme one colour wherever it is drawn.
var themeColors = map[string]string{
	"fee_reduction": "#5470c6", "inclusive_finance": "#91cc75", "rural_revitalization": "#3ba272",
	"elderly_services": "#fac858", "new_citizens": "#73c0de", "anti_fraud": "#ee6666",
	"financial_literacy": "#fc8452", "consumer_protection": "#9a60b4", "service_quality": "#ea7ccc",
	"digital_services": "#2f4554", "credit_reporting": "#61a0a8", "public_services": "#d48265",
	"employment": "#749f83", "employee_care": "#ca8622", "public_welfare": "#bda29a",
	"pandemic_response": "#6e7074", "disaster_relief": "#c23531", "green_finance": "#2e9d5b",
	"party_building": "#c9a0a0",
}

func themeColor(id string) string {
	if c, ok := themeColors[id]; ok {
		return c
	}
	return "#8c96a0"
}

func (b *builder) themeName(id string) string { return model.Lookup(model.Themes, id).Name(b.lang) }

func (b *builder) bankName(name string) string {
	if name == "" {
		return b.t.noBank
	}
	return name
}

// usedArticles are the articles counted in the aggregates.
func (b *builder) usedArticles() []*model.ArticleRow {
	var out []*model.ArticleRow
	for i := range b.r.Articles {
		if a := &b.r.Articles[i]; a.DuplicateOf == "" {
			out = append(out, a)
		}
	}
	return out
}

// base gives every chart the same frame: fixed id, toolbox, tooltip.
func (b *builder) base(id, title string, trigger string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Theme: "white"}),
		charts.WithTitleOpts(opts.Title{Title: title, Left: "left", TitleStyle: &opts.TextStyle{FontSize: 16}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger, Enterable: opts.Bool(false)}),
	}
}

func (b *builder) tool(k string) string {
	zh := map[string]string{"save": "保存为图片", "data": "数据视图"}
	en := map[string]string{"save": "Save as image", "data": "Data view"}
	if b.lang == "en" {
		return en[k]
	}
	return zh[k]
}

func (b *builder) dataViewLang() []string {
	if b.lang == "en" {
		return []string{"Data view", "Close", "Refresh"}
	}
	return []string{"数据视图", "关闭", "刷新"}
}

// finish turns a go-echarts chart into the option JSON of a chartBlock;
// edit adjusts the option map where go-echarts has no field for a setting.
func (b *builder) finish(id string, height int, hint string, meta chartMeta, c interface {
	Validate()
	JSON() map[string]interface{}
}, edit func(m map[string]any)) chartBlock {
	c.Validate()
	m := c.JSON()
	m["animation"] = false
	// go-echarts has no readOnly for the data view: the toolbox is set here.
	m["toolbox"] = map[string]any{"show": true, "right": 16, "top": 0, "feature": map[string]any{
		"saveAsImage": map[string]any{"show": true, "name": "bankbrief-" + id, "title": b.tool("save"), "pixelRatio": 2},
		"dataView":    map[string]any{"show": true, "readOnly": true, "title": b.tool("data"), "lang": b.dataViewLang()},
	}}
	m["textStyle"] = map[string]any{"fontFamily": fontFamily}
	if edit != nil {
		edit(m)
	}
	js, err := marshalSafe(m)
	if err != nil {
		return chartBlock{ID: id, Hint: hint, Empty: b.t.empty}
	}
	b.meta[id] = meta
	return chartBlock{ID: id, Height: height, Hint: hint, Option: template.JS(js)}
}

const fontFamily = `"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC","LXGW WenKai",sans-serif`

func (b *builder) emptyBlock(id, hint string) chartBlock {
	return chartBlock{ID: id, Hint: hint, Empty: b.t.empty}
}

// ---- articles and metrics per bank ----

// sortedBanks are the report's banks in the one order internal/aggregate
// gives every report (most articles, then most metrics, then name): not
// sorted again here, so that ties come as in the brief and the workbook.
func (b *builder) sortedBanks() []model.BankRow { return b.r.Banks }

func (b *builder) banksChart() chartBlock {
	const id = "bb-banks"
	banks := b.sortedBanks()
	if len(banks) == 0 {
		return b.emptyBlock(id, b.t.banksHint)
	}
	type cat struct {
		label             string
		names             []string
		articles, metrics int
	}
	var cats []cat
	for i, bk := range banks {
		if i == maxBanksBar && len(banks) > maxBanksBar+1 {
			rest := cat{label: fmt.Sprintf(b.t.other, len(banks)-maxBanksBar)}
			for _, o := range banks[maxBanksBar:] {
				rest.names = append(rest.names, o.Name)
				rest.articles += o.Articles
				rest.metrics += o.Metrics
			}
			cats = append(cats, rest)
			break
		}
		cats = append(cats, cat{label: b.bankName(bk.Name), names: []string{bk.Name}, articles: bk.Articles, metrics: bk.Metrics})
	}
	labels := make([]string, len(cats))
	arts := make([]item, len(cats))
	mets := make([]item, len(cats))
	for i, c := range cats {
		labels[i] = c.label
		arts[i] = item{Value: c.articles, Sel: b.sel(selector{Label: c.label, Mode: "article", Banks: c.names})}
		mets[i] = item{Value: c.metrics, Sel: b.sel(selector{Label: c.label, Mode: "metric", Banks: c.names})}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.base(id, b.t.banksTitle, "axis")...)
	bar.SetGlobalOptions(
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "36"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Position: "top", MinInterval: 1}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0", Width: 150, Overflow: "truncate"}}),
	)
	bar.SetXAxis(labels)
	bar.AddSeries(b.t.seriesArticles, nil, charts.WithBarChartOpts(opts.BarChart{BarGap: "10%"}))
	bar.AddSeries(b.t.seriesMetrics, nil)
	bar.XYReversal()
	bar.MultiSeries[0].Data = arts
	bar.MultiSeries[1].Data = mets
	visible := len(cats)
	if visible > zoomBanksBar {
		visible = zoomBanksBar
	}
	height := 110 + 34*visible
	return b.finish(id, height, b.t.banksHint, chartMeta{Kind: "axis", Units: []string{b.t.unitArticles, b.t.unitMetrics}}, bar, func(m map[string]any) {
		m["grid"] = map[string]any{"left": 16, "right": 56, "top": 80, "bottom": 16, "containLabel": true}
		if len(cats) > zoomBanksBar {
			m["dataZoom"] = []map[string]any{
				{"type": "slider", "yAxisIndex": 0, "startValue": 0, "endValue": zoomBanksBar - 1, "right": 8, "width": 18, "filterMode": "filter", "showDetail": false, "brushSelect": false},
				{"type": "inside", "yAxisIndex": 0, "startValue": 0, "endValue": zoomBanksBar - 1, "zoomOnMouseWheel": false, "moveOnMouseWheel": true, "filterMode": "filter"},
			}
		}
	})
}

// ---- bank × theme heatmap ----

// themeOrder lists theme ids in the vocabulary's order, unknown ids last.
func themeOrder(ids map[string]bool) []string {
	var out []string
	for _, l := range model.Themes {
		if ids[l.ID] {
			out = append(out, l.ID)
		}
	}
	var extra []string
	for id := range ids {
		if model.Lookup(model.Themes, id).Zh == id {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}

func (b *builder) heatChart() chartBlock {
	const id = "bb-heat"
	// banks with at least one article on a theme, most articles first
	withCells := map[string]bool{}
	for _, c := range b.r.BankTheme {
		if c.Articles > 0 && c.Theme != "" {
			withCells[c.Bank] = true
		}
	}
	var banks []model.BankRow
	for _, bk := range b.sortedBanks() {
		if withCells[bk.Name] {
			banks = append(banks, bk)
		}
	}
	if len(banks) > maxBanksHeat {
		banks = banks[:maxBanksHeat]
	}
	row := map[string]int{}
	for i, bk := range banks {
		row[bk.Name] = i
	}
	present := map[string]bool{}
	for _, c := range b.r.BankTheme {
		if _, ok := row[c.Bank]; ok && c.Articles > 0 && c.Theme != "" {
			present[c.Theme] = true
		}
	}
	themes := themeOrder(present)
	if len(banks) == 0 || len(themes) == 0 {
		return b.emptyBlock(id, b.t.heatHint)
	}
	col := map[string]int{}
	xl := make([]string, len(themes))
	for i, th := range themes {
		col[th] = i
		xl[i] = b.themeName(th)
	}
	yl := make([]string, len(banks))
	for i, bk := range banks {
		yl[i] = b.bankName(bk.Name)
	}
	cells := append([]model.BankThemeCell(nil), b.r.BankTheme...)
	sort.SliceStable(cells, func(i, j int) bool {
		if cells[i].Bank != cells[j].Bank {
			return cells[i].Bank < cells[j].Bank
		}
		return cells[i].Theme < cells[j].Theme
	})
	var data []item
	maxV := 1
	for _, c := range cells {
		y, ok := row[c.Bank]
		x, ok2 := col[c.Theme]
		if !ok || !ok2 || c.Articles <= 0 {
			continue
		}
		if c.Articles > maxV {
			maxV = c.Articles
		}
		data = append(data, item{Value: []int{x, y, c.Articles}, Sel: b.sel(selector{
			Label: yl[y] + " · " + xl[x], Mode: "article", Banks: []string{c.Bank}, Theme: c.Theme})})
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(b.base(id, b.t.heatTitle, "item")...)
	hm.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category", SplitArea: &opts.SplitArea{Show: opts.Bool(true)},
			AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 40, Width: 130, Overflow: "truncate"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)},
			AxisLabel: &opts.AxisLabel{Interval: "0", Width: 150, Overflow: "truncate"}}),
	)
	hm.SetXAxis(xl)
	hm.AddSeries(b.t.seriesArticles, nil, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true)}))
	hm.MultiSeries[0].Data = data
	height := 220 + 32*len(banks)
	return b.finish(id, height, b.t.heatHint, chartMeta{Kind: "item", Units: []string{b.t.unitArticles}}, hm, func(m map[string]any) {
		// Thin grid lines, not shaded stripes: a shaded empty cell reads
		// as a small number.
		grid := map[string]any{"show": true, "interval": 0, "lineStyle": map[string]any{"color": "#e3e8ee"}}
		m["xAxis"] = []map[string]any{{"type": "category", "data": xl, "splitArea": map[string]any{"show": false}, "splitLine": grid,
			"axisLabel": map[string]any{"interval": 0, "rotate": 40, "width": 120, "overflow": "truncate"}}}
		m["yAxis"] = []map[string]any{{"type": "category", "data": yl, "inverse": true, "splitArea": map[string]any{"show": false}, "splitLine": grid,
			"axisLabel": map[string]any{"interval": 0, "width": 150, "overflow": "truncate"}}}
		m["grid"] = map[string]any{"left": 16, "right": 24, "top": 48, "bottom": 64, "containLabel": true}
		m["visualMap"] = []map[string]any{{"type": "continuous", "min": 0, "max": maxV, "calculable": true, "orient": "horizontal",
			"left": "center", "bottom": 8, "itemHeight": 160, "inRange": map[string]any{"color": []string{"#eef4fb", "#7fb1dc", "#0f3d64"}}}}
		delete(m, "legend")
	})
}

// ---- themes by quarter ----

// prevQuarter returns the calendar quarter before q (2022Q1 → 2021Q4).
func prevQuarter(q string) string {
	var y, n int
	if _, err := fmt.Sscanf(q, "%dQ%d", &y, &n); err != nil || n < 1 || n > 4 {
		return ""
	}
	if n == 1 {
		return fmt.Sprintf("%dQ4", y-1)
	}
	return fmt.Sprintf("%dQ%d", y, n-1)
}

// zoomWindow chooses the buckets a zoomed time axis shows first: the
// width consecutive buckets of counts that hold the most articles, the
// latest of those that tie, among those that hold bucket must when must
// is one (the report's quarter). It returns the first and last index.
// Where the articles are, not only the latest end: the corpus's articles
// run from 2009 to 2026, most in 2021-2022.
func zoomWindow(counts []int, width, must int) (first, last int) {
	width = min(width, len(counts))
	best, sum := -1, 0
	for i, n := range counts {
		sum += n
		if i >= width {
			sum -= counts[i-width]
		}
		start := i - width + 1
		if start < 0 || must >= 0 && (must < start || must > i) {
			continue
		}
		if sum >= best {
			best, first, last = sum, start, i
		}
	}
	return first, last
}

// fillQuarters adds the quarters missing between the first and the last
// of sorted, so that a quiet quarter shows as zero.
func fillQuarters(sorted []string) []string {
	if len(sorted) < 2 {
		return sorted
	}
	var out []string
	last := sorted[len(sorted)-1]
	for q := last; q != "" && q >= sorted[0] && len(out) < 400; q = prevQuarter(q) {
		out = append(out, q)
	}
	if len(out) == 0 || out[len(out)-1] != sorted[0] {
		return sorted // not all quarters are calendar quarters
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func (b *builder) quarterLabel(q string) string {
	if q == model.QuarterUnknown {
		return b.t.undatedQuarter
	}
	return q
}

func (b *builder) quarterChart() chartBlock {
	const id = "bb-quarters"
	counts := map[string]map[string]int{} // theme → quarter → articles
	qset := map[string]bool{}
	for _, q := range b.r.Quarters {
		qset[q] = true
	}
	for _, c := range b.r.Trend {
		if c.Kind != "theme" || c.Key == "" {
			continue
		}
		if counts[c.Key] == nil {
			counts[c.Key] = map[string]int{}
		}
		counts[c.Key][c.Quarter] += c.Articles
		qset[c.Quarter] = true
	}
	// Undated articles have no place on a time axis: the hint counts them.
	var quarters []string
	undated := b.r.Counts.Undated + b.r.Counts.UndatedLeftOut // the axis spans every quarter
	for q := range qset {
		if q != model.QuarterUnknown {
			quarters = append(quarters, q)
		}
	}
	sort.Strings(quarters)
	// A time axis: every quarter, a quiet one at zero (the zoom keeps a
	// long one readable).
	quarters = fillQuarters(quarters)
	onAxis := map[string]bool{}
	for _, q := range quarters {
		onAxis[q] = true
	}
	present := map[string]bool{}
	for th, byQ := range counts {
		for _, n := range byQ {
			if n > 0 {
				present[th] = true
			}
		}
	}
	themes := themeOrder(present)
	hint := b.t.quarterHint
	if undated > 0 {
		hint += " " + fmt.Sprintf(b.t.undatedLeftOut, undated)
	}
	if len(quarters) == 0 || len(themes) == 0 {
		return b.emptyBlock(id, hint)
	}
	xl := make([]string, len(quarters))
	for i, q := range quarters {
		xl[i] = b.quarterLabel(q)
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.base(id, b.t.quarterTitle, "axis")...)
	bar.SetGlobalOptions(
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "36", Left: "0", Right: "0"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}),
	)
	bar.SetXAxis(xl)
	for _, th := range themes {
		data := make([]item, len(quarters))
		for i, q := range quarters {
			n := counts[th][q]
			it := item{Value: n, Sel: b.sel(selector{Label: b.quarterLabel(q) + " · " + b.themeName(th), Mode: "article", Theme: th, Quarter: q})}
			if pq := prevQuarter(q); pq != "" && onAxis[pq] {
				p := float64(counts[th][pq])
				it.Prev = &p
			}
			data[i] = it
		}
		bar.AddSeries(b.themeName(th), nil, charts.WithBarChartOpts(opts.BarChart{Stack: "themes"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: themeColor(th)}))
		bar.MultiSeries[len(bar.MultiSeries)-1].Data = data
	}
	return b.finish(id, 420, hint, chartMeta{Kind: "axis", Units: []string{b.t.unitArticles}, QoQ: true}, bar, func(m map[string]any) {
		m["grid"] = map[string]any{"left": 16, "right": 24, "top": 80, "bottom": 16, "containLabel": true}
		if len(quarters) > zoomQuarters {
			// the quarters with the most articles first (holding the
			// report's quarter); others by dragging the slider
			totals := make([]int, len(quarters))
			must := -1
			for i, q := range quarters {
				for _, th := range themes {
					totals[i] += counts[th][q]
				}
				if q == b.r.Period {
					must = i
				}
			}
			start, end := zoomWindow(totals, zoomQuarters, must)
			m["dataZoom"] = []map[string]any{
				{"type": "slider", "xAxisIndex": 0, "startValue": start, "endValue": end, "height": 18, "bottom": 4, "filterMode": "filter"},
				{"type": "inside", "xAxisIndex": 0, "startValue": start, "endValue": end, "zoomOnMouseWheel": false, "filterMode": "filter"},
			}
			m["grid"] = map[string]any{"left": 16, "right": 24, "top": 80, "bottom": 36, "containLabel": true}
		}
		m["tooltip"] = map[string]any{"show": true, "trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}, "confine": true}
	})
}

// ---- money by theme and bank ----

func (b *builder) moneyChart() chartBlock {
	const id = "bb-money"
	byTheme := map[string]float64{}
	byBank := map[string]float64{}
	cell := map[[2]string]float64{}
	// The money a report says banks disclosed: yuan amounts reported for
	// a bank, as in the header's total. Sums already leave out repeats
	// and stocks (balances); sector figures that name no bank are left
	// out here, as they are from the total.
	for _, s := range b.r.Sums {
		if s.Unit != "CNY" || s.Bank == "" || s.Sum <= 0 || math.IsInf(s.Sum, 0) || math.IsNaN(s.Sum) {
			continue
		}
		byTheme[s.Theme] += s.Sum
		byBank[s.Bank] += s.Sum
		cell[[2]string{s.Theme, s.Bank}] += s.Sum
	}
	if len(byTheme) == 0 {
		return b.emptyBlock(id, b.t.moneyHint)
	}
	themes := make([]string, 0, len(byTheme))
	maxT := 0.0
	for th, v := range byTheme {
		themes = append(themes, th)
		maxT = math.Max(maxT, v)
	}
	sort.Slice(themes, func(i, j int) bool {
		if byTheme[themes[i]] != byTheme[themes[j]] {
			return byTheme[themes[i]] > byTheme[themes[j]]
		}
		return themes[i] < themes[j]
	})
	banks := make([]string, 0, len(byBank))
	for bk := range byBank {
		banks = append(banks, bk)
	}
	sort.Slice(banks, func(i, j int) bool {
		if byBank[banks[i]] != byBank[banks[j]] {
			return byBank[banks[i]] > byBank[banks[j]]
		}
		return banks[i] < banks[j]
	})
	scale, unit, dec := 1e4, b.t.wan, 2
	if maxT >= 1e8 {
		scale, unit, dec = 1e8, b.t.yi, 4
	}
	// Rounded to dec decimals, but a small amount to two significant
	// digits: a bank's 2000元 in a chart of 亿元 is 0.00002, not 0.
	round := func(v float64) float64 {
		p := math.Pow(10, float64(dec))
		if r := math.Round(v/scale*p) / p; r != 0 || v == 0 {
			return r
		}
		r, _ := strconv.ParseFloat(strconv.FormatFloat(v/scale, 'g', 2, 64), 64)
		return r
	}
	type group struct {
		label string
		names []string
	}
	var groups []group
	for i, bk := range banks {
		if i == maxBanksMoney && len(banks) > maxBanksMoney+1 {
			groups = append(groups, group{label: fmt.Sprintf(b.t.other, len(banks)-maxBanksMoney), names: banks[maxBanksMoney:]})
			break
		}
		groups = append(groups, group{label: b.bankName(bk), names: []string{bk}})
	}
	yl := make([]string, len(themes))
	for i, th := range themes {
		yl[i] = b.themeName(th)
		if th == "" {
			yl[i] = b.t.noTheme
		}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.base(id, fmt.Sprintf(b.t.moneyTitle, unit), "axis")...)
	bar.SetGlobalOptions(
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "36", Left: "0", Right: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: unit, NameLocation: "middle", NameGap: 26}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0", Width: 200, Overflow: "truncate"}}),
	)
	bar.SetXAxis(yl)
	for _, g := range groups {
		data := make([]item, len(themes))
		for i, th := range themes {
			v := 0.0
			for _, n := range g.names {
				v += cell[[2]string{th, n}]
			}
			var val any = round(v)
			if v == 0 {
				val = nil
			}
			data[i] = item{Value: val, Sel: b.sel(selector{Label: yl[i] + " · " + g.label, Mode: "metric", Theme: th, Banks: g.names, Unit: "CNY"})}
		}
		bar.AddSeries(g.label, nil, charts.WithBarChartOpts(opts.BarChart{Stack: "money"}))
		bar.MultiSeries[len(bar.MultiSeries)-1].Data = data
	}
	bar.XYReversal()
	height := 150 + 36*len(themes)
	return b.finish(id, height, b.t.moneyHint, chartMeta{Kind: "axis", Units: []string{unit}, Dec: dec}, bar, func(m map[string]any) {
		m["grid"] = map[string]any{"left": 16, "right": 32, "top": 80, "bottom": 36, "containLabel": true}
		m["tooltip"] = map[string]any{"show": true, "trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}, "confine": true}
	})
}

// ---- metric types ----

func (b *builder) typeChart() chartBlock {
	const id = "bb-types"
	n := map[string]int{}
	for _, m := range b.r.Metrics {
		if m.Type != "" {
			n[m.Type]++
		}
	}
	if len(n) == 0 {
		blk := b.emptyBlock(id, b.t.typeHint)
		blk.Half = true
		return blk
	}
	var types []string
	for _, l := range model.MetricTypes {
		if n[l.ID] > 0 {
			types = append(types, l.ID)
		}
	}
	var extra []string
	for ty := range n {
		if model.Lookup(model.MetricTypes, ty).Zh == ty {
			extra = append(extra, ty)
		}
	}
	sort.Strings(extra)
	types = append(types, extra...)
	var data []item
	for _, ty := range types {
		name := model.Lookup(model.MetricTypes, ty).Name(b.lang)
		data = append(data, item{Name: name, Value: n[ty], Sel: b.sel(selector{Label: name, Mode: "metric", Type: ty}),
			Style: &itemStyle{Color: typeColor(ty)}})
	}
	pie := charts.NewPie()
	pie.SetGlobalOptions(b.base(id, b.t.typeTitle, "item")...)
	pie.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	pie.AddSeries(b.t.seriesMetrics, nil, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"26%", "48%"}, Center: []string{"50%", "55%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}\n{c}"}))
	pie.MultiSeries[0].Data = data
	blk := b.finish(id, 360, b.t.typeHint, chartMeta{Kind: "pie", Units: []string{b.t.unitMetrics}}, pie, func(m map[string]any) {
		// let long names wrap instead of being cut at the chart's edge
		m["series"] = []map[string]any{{"type": "pie", "name": b.t.seriesMetrics, "data": data, "radius": []string{"26%", "48%"},
			"center": []string{"50%", "55%"}, "avoidLabelOverlap": true,
			"label": map[string]any{"show": true, "formatter": "{b}\n{c}", "alignTo": "edge", "edgeDistance": 8, "minMargin": 4,
				"width": 90, "overflow": "break", "lineHeight": 15},
			"labelLine": map[string]any{"length": 10, "length2": 0, "maxSurfaceAngle": 80}}}
	})
	blk.Half = true
	return blk
}

// ---- treemap bank → theme ----

func (b *builder) treeChart() chartBlock {
	const id = "bb-tree"
	banks := b.sortedBanks()
	if len(banks) > maxBanksTree {
		banks = banks[:maxBanksTree]
	}
	byBank := map[string][]model.BankThemeCell{}
	for _, c := range b.r.BankTheme {
		if c.Articles > 0 {
			byBank[c.Bank] = append(byBank[c.Bank], c)
		}
	}
	var nodes []item
	for _, bk := range banks {
		cells := byBank[bk.Name]
		if len(cells) == 0 {
			continue
		}
		sort.SliceStable(cells, func(i, j int) bool {
			if cells[i].Articles != cells[j].Articles {
				return cells[i].Articles > cells[j].Articles
			}
			return cells[i].Theme < cells[j].Theme
		})
		label := b.bankName(bk.Name)
		node := item{Name: label, Sel: b.sel(selector{Label: label, Mode: "article", Banks: []string{bk.Name}})}
		total := 0
		for _, c := range cells {
			tn := b.themeName(c.Theme)
			node.Children = append(node.Children, item{Name: tn, Value: c.Articles,
				Sel: b.sel(selector{Label: label + " · " + tn, Mode: "article", Banks: []string{bk.Name}, Theme: c.Theme})})
			total += c.Articles
		}
		node.Value = total
		nodes = append(nodes, node)
	}
	if len(nodes) == 0 {
		return b.emptyBlock(id, b.t.treeHint)
	}
	tm := charts.NewTreeMap()
	tm.SetGlobalOptions(b.base(id, b.t.treeTitle, "item")...)
	tm.AddSeries(b.t.seriesArticles, nil)
	tm.MultiSeries[0].Data = nodes
	return b.finish(id, 460, b.t.treeHint, chartMeta{Kind: "item", Units: []string{b.t.unitArticles}}, tm, func(m map[string]any) {
		s := map[string]any{
			"type": "treemap", "name": b.t.seriesArticles, "data": nodes, "top": 40, "left": 8, "right": 8, "bottom": 8,
			"roam": false, "nodeClick": false, "breadcrumb": map[string]any{"show": false}, "leafDepth": 2,
			"upperLabel": map[string]any{"show": true, "height": 22, "color": "#fff", "fontWeight": "bold"},
			"label":      map[string]any{"show": true, "formatter": "{b}\n{c}"},
			"levels": []map[string]any{
				{"itemStyle": map[string]any{"borderColor": "#fff", "borderWidth": 3, "gapWidth": 3}},
				{"colorSaturation": []float64{0.35, 0.6}, "itemStyle": map[string]any{"borderColorSaturation": 0.7, "gapWidth": 1, "borderWidth": 1}},
			},
		}
		m["series"] = []map[string]any{s}
		delete(m, "legend")
	})
}

// ---- articles over time ----

func monthKey(date string) string {
	if len(date) < 7 {
		return ""
	}
	if _, err := time.Parse("2006-01", date[:7]); err != nil {
		return ""
	}
	return date[:7]
}

// weekKey is the Monday (YYYY-MM-DD) of the week of date.
func weekKey(date string) string {
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		return ""
	}
	off := (int(d.Weekday()) + 6) % 7
	return d.AddDate(0, 0, -off).Format("2006-01-02")
}

func (b *builder) timeChart() chartBlock {
	const id = "bb-time"
	weekly := b.weekly
	hint := b.t.timeHintMonth
	if weekly {
		hint = b.t.timeHintWeek
	}
	n := map[string]int{}
	for _, a := range b.usedArticles() {
		if k := b.timeKey(a.Date); k != "" {
			n[k]++
		}
	}
	if len(n) == 0 {
		blk := b.emptyBlock(id, hint)
		blk.Half = true
		return blk
	}
	var keys []string
	for k := range n {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// fill the gaps so that quiet months show as zero
	var all []string
	if weekly {
		d, _ := time.Parse("2006-01-02", keys[0])
		last, _ := time.Parse("2006-01-02", keys[len(keys)-1])
		for ; !d.After(last); d = d.AddDate(0, 0, 7) {
			all = append(all, d.Format("2006-01-02"))
		}
	} else {
		d, _ := time.Parse("2006-01", keys[0])
		last, _ := time.Parse("2006-01", keys[len(keys)-1])
		for ; !d.After(last) && len(all) < 1200; d = d.AddDate(0, 1, 0) {
			all = append(all, d.Format("2006-01"))
		}
	}
	labels := make([]string, len(all))
	data := make([]item, len(all))
	for i, k := range all {
		labels[i] = k
		if weekly {
			labels[i] = fmt.Sprintf(b.t.weekOf, k)
		}
		data[i] = item{Value: n[k], Sel: b.sel(selector{Label: labels[i], Mode: "article", Time: k})}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(b.base(id, b.t.timeTitle, "axis")...)
	bar.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}))
	bar.SetXAxis(labels)
	bar.AddSeries(b.t.seriesArticles, nil, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#2f6fa8"}))
	bar.MultiSeries[0].Data = data
	blk := b.finish(id, 360, hint, chartMeta{Kind: "axis", Units: []string{b.t.unitArticles}}, bar, func(m map[string]any) {
		m["grid"] = map[string]any{"left": 16, "right": 24, "top": 56, "bottom": 16, "containLabel": true}
		delete(m, "legend")
		if len(all) > zoomBuckets {
			// the months with the most articles first; others by dragging
			// the slider
			totals := make([]int, len(all))
			for i, k := range all {
				totals[i] = n[k]
			}
			from, to := zoomWindow(totals, zoomBuckets, -1)
			m["dataZoom"] = []map[string]any{
				{"type": "inside", "xAxisIndex": 0, "startValue": from, "endValue": to, "zoomOnMouseWheel": false},
				{"type": "slider", "xAxisIndex": 0, "startValue": from, "endValue": to, "height": 18, "bottom": 4},
			}
			m["grid"] = map[string]any{"left": 16, "right": 24, "top": 56, "bottom": 40, "containLabel": true}
		}
	})
	blk.Half = true
	return blk
}

// ---- drill-down data ----

type drillArticle struct {
	ID      string   `json:"id"`
	Date    string   `json:"date"`
	Bank    int      `json:"b"` // index into drill.Banks, -1 for none
	Title   string   `json:"title"`
	URL     string   `json:"url,omitempty"`
	Source  string   `json:"source,omitempty"`
	Quarter string   `json:"quarter"`
	Time    string   `json:"t,omitempty"`
	Themes  []string `json:"themes"`
}

type drillMetric struct {
	Article  int    `json:"a"`
	Text     string `json:"text"`
	Type     string `json:"type"`
	Unit     string `json:"unit"`
	Theme    string `json:"theme,omitempty"`
	Bank     int    `json:"b"` // index into drill.Banks, -1 for none
	Sentence int    `json:"s"` // index into drill.Sentences
	// Why is set when the figure is shown but not summed: "repeat",
	// "part", "stock", "difference", "plan", "cumulative", "fine_or_capital", "context" or "per_unit" (model.NotSummed.Key), the
	// key of its label in the page's texts.
	Why string `json:"why,omitempty"`
}

type drill struct {
	Lang      string               `json:"lang"`
	Text      map[string]string    `json:"text"`
	Themes    map[string]string    `json:"themes"`
	Types     map[string]string    `json:"types"`
	NoBank    string               `json:"noBank"`
	Charts    map[string]chartMeta `json:"charts"`
	Selectors []selector           `json:"sel"`
	Articles  []drillArticle       `json:"articles,omitempty"`
	Metrics   []drillMetric        `json:"metrics,omitempty"`
	// Sentences holds each distinct sentence once: the figures of one
	// sentence, and the copies of a sentence across articles, share it, which
	// keeps the page of a large archive several times smaller.
	Sentences []string `json:"sentences,omitempty"`
	// Banks holds each bank name once, for the same reason.
	Banks []string `json:"banks,omitempty"`
	// MaxRows bounds the rows the drill-down table shows at once (the
	// browser would stall on tens of thousands); the count says how many
	// there are and the workbook lists them all.
	MaxRows int `json:"maxRows"`
}

// maxDrillRows is drill.MaxRows.
const maxDrillRows = 500

// drillHead is the drill-down data's head, encoded by encoding/json:
// everything but the rows (texts, theme and type names, charts,
// selectors). The writer drops its closing brace and puts the rows there.
func (b *builder) drillHead() ([]byte, error) {
	d := drill{Lang: b.lang, Text: b.t.js, Themes: map[string]string{}, Types: map[string]string{}, NoBank: b.t.noBank,
		Charts: b.meta, Selectors: b.sels, MaxRows: maxDrillRows}
	for _, l := range model.Themes {
		d.Themes[l.ID] = l.Name(b.lang)
	}
	for _, l := range model.MetricTypes {
		d.Types[l.ID] = l.Name(b.lang)
	}
	return json.Marshal(d)
}

// writeDrill writes the drill-down data: one JSON object (a drill), its
// articles and metrics encoded one by one straight into w. On a large
// archive they are most of the page, and building them whole first would
// hold them in memory twice. The arrays are written after the other
// fields (omitted from the head by omitempty), the sentence and bank
// tables last, once every metric has been given its index.
//
// The head goes through encoding/json; the rows, millions of values on a
// large archive, are appended by hand (drillEncoder) in the bytes a
// json.Encoder gives them, each followed by its newline, strings escaped
// as it escapes them (jsonstr.Append with HTML escaping): <, >, & and
// U+2028/U+2029 too, so no "</script>" or "<!--" can appear in the data.
func (b *builder) writeDrill(w io.Writer) error {
	head, err := b.drillHead()
	if err != nil {
		return err
	}
	e := &drillEncoder{w: w, buf: make([]byte, 0, 1<<16)}
	e.buf = append(e.buf, head[:len(head)-1]...) // without its closing brace
	var sentences, banks []string
	sentence, bank := map[string]int{}, map[string]int{}
	lastBank, lastBankIndex := "", -1
	bankIndex := func(name string) int {
		if name == "" {
			return -1
		}
		if name == lastBank {
			return lastBankIndex
		}
		i, ok := bank[name]
		if !ok {
			i = len(banks)
			bank[name] = i
			banks = append(banks, name)
		}
		lastBank, lastBankIndex = name, i
		return i
	}
	e.raw(`,"articles":[`)
	// A metric row points to its article's row in the report.
	idx := map[*model.ArticleRow]int{}
	for i, a := range b.usedArticles() {
		idx[a] = i
		if i > 0 {
			e.raw(",")
		}
		e.raw(`{"id":`)
		e.str(a.ID)
		e.raw(`,"date":`)
		e.str(a.Date)
		e.raw(`,"b":`)
		e.int(bankIndex(a.PrimaryBank))
		e.raw(`,"title":`)
		e.str(a.Title)
		if u := safeURL(a.URL); u != "" {
			e.raw(`,"url":`)
			e.str(u)
		}
		if a.Source != "" {
			e.raw(`,"source":`)
			e.str(a.Source)
		}
		e.raw(`,"quarter":`)
		e.str(a.Quarter)
		if t := b.timeKey(a.Date); t != "" {
			e.raw(`,"t":`)
			e.str(t)
		}
		e.raw(`,"themes":`)
		e.strs(a.Themes)
		e.raw("}\n")
		e.flush(false)
	}
	e.raw(`],"metrics":[`)
	n := 0
	// The rows of an article, and the figures of a sentence, come
	// together: the last ones are kept beside the maps.
	var lastArticle *model.ArticleRow
	lastIndex, lastSentence, lastSentenceIndex := 0, "", -1
	for _, m := range b.r.Metrics {
		i := lastIndex
		if m.ArticleRow != lastArticle || lastArticle == nil {
			var ok bool
			if i, ok = idx[m.ArticleRow]; !ok {
				continue
			}
			lastArticle, lastIndex = m.ArticleRow, i
		}
		si := lastSentenceIndex
		if si < 0 || m.Sentence != lastSentence {
			var ok bool
			if si, ok = sentence[m.Sentence]; !ok {
				si = len(sentences)
				sentence[m.Sentence] = si
				sentences = append(sentences, m.Sentence)
			}
			lastSentence, lastSentenceIndex = m.Sentence, si
		}
		if n > 0 {
			e.raw(",")
		}
		n++
		e.raw(`{"a":`)
		e.int(i)
		e.raw(`,"text":`)
		e.str(m.Text)
		e.raw(`,"type":`)
		e.str(m.Type)
		e.raw(`,"unit":`)
		e.str(m.Unit)
		if m.Theme != "" {
			e.raw(`,"theme":`)
			e.str(m.Theme)
		}
		e.raw(`,"b":`)
		e.int(bankIndex(m.BankName))
		e.raw(`,"s":`)
		e.int(si)
		if why := m.Why.Key(); why != "" {
			e.raw(`,"why":`)
			e.str(why)
		}
		e.raw("}\n")
		e.flush(false)
	}
	e.raw(`],"sentences":`)
	e.strs(sentences)
	e.raw("\n")
	e.raw(`,"banks":`)
	e.strs(banks)
	e.raw("\n")
	e.raw("}")
	e.flush(true)
	return e.err
}

// drillEncoder appends the drill-down rows as JSON and writes them out in
// blocks, keeping the first error.
type drillEncoder struct {
	w   io.Writer
	buf []byte
	err error
}

func (e *drillEncoder) raw(s string) { e.buf = append(e.buf, s...) }
func (e *drillEncoder) int(i int)    { e.buf = strconv.AppendInt(e.buf, int64(i), 10) }
func (e *drillEncoder) str(s string) { e.buf = jsonstr.Append(e.buf, s, true) }

// strs appends a list of strings, [] for none (never null), writing
// out the blocks of a long one.
func (e *drillEncoder) strs(list []string) {
	e.buf = append(e.buf, '[')
	for i, s := range list {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = jsonstr.Append(e.buf, s, true)
		e.flush(false)
	}
	e.buf = append(e.buf, ']')
}

// flush writes the block out once it is large, or at the end.
func (e *drillEncoder) flush(end bool) {
	if len(e.buf) < 1<<15 && !end {
		return
	}
	if e.err == nil {
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
}

// safeURL keeps http(s) links only: a javascript: or data: URL in an
// article's metadata must not become a clickable link.
func safeURL(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
		return strings.TrimSpace(u)
	}
	return ""
}
