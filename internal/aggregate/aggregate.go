// Package aggregate is the third stage: model.Facts → model.Report. It counts
// each near-duplicate cluster once, rolls metrics up by bank × theme × metric
// type × unit × quarter, and orders everything deterministically.
//
// The rules an analyst relies on:
//   - only used articles count: in the period and not a syndicated copy
//     (Facts.DuplicateOf set by internal/dedup);
//   - a figure repeated within one article (a heading and its body sentence)
//     is summed once: identical value, unit and theme count once per article
//     (a figure with no theme repeating a themed one too), and a part given
//     after 其中 counts within its whole, while every mention stays listed
//     with Repeat set and MetricRow.Why saying which;
//   - percentages are never summed: count, median, min and max only;
//   - what was not done in the period — stocks (loan balances, total
//     assets, market value, revenue), differences from another period
//     (同比多增), plans, targets and forecasts, totals over several years —
//     and what is not the bank's initiative — fines, capital it raised,
//     figures of the story around it (a disaster's losses, a project's
//     total investment): see Kind — is listed with Balance set but never
//     added into money totals or sums;
//   - money totals count amounts reported for a bank: sector statistics
//     that name no bank stay in the detail and the sums;
//   - a metric counts for the bank of its sentence, else the article's
//     primary bank; regulators and non-bank groups are never banks.
package aggregate

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/bankbrief/bankbrief/internal/bank"
	"github.com/bankbrief/bankbrief/internal/model"
)

// Options choose the period and language of a report.
type Options struct {
	Period string // a quarter such as 2022Q1, or "" for all quarters
	Lang   string // "zh" or "en"
	// Generated is the day the reports are made (YYYY-MM-DD), from
	// SOURCE_DATE_EPOCH, or "".
	Generated string
	// Listed, when set, says whether a bank's name is in the registry
	// (internal/bank); the banks it is not true of are marked Unlisted.
	Listed func(name string) bool
}

// IsMoney reports whether a metric is an amount of yuan.
func IsMoney(m model.Metric) bool { return m.Unit == "CNY" }

// Build aggregates facts (skipped lines included) into a report.
func Build(facts []model.Facts, opt Options) *model.Report {
	lang := opt.Lang
	if lang == "" {
		lang = "zh"
	}
	r := &model.Report{Lang: lang, Period: opt.Period}

	quarters := map[string]bool{}
	lastDate := ""
	for i := range facts {
		f := &facts[i]
		if f.Skipped != "" {
			r.Skipped = append(r.Skipped, model.SkippedFile{File: f.File, Reason: f.Skipped})
			continue
		}
		quarters[quarterOf(f)] = true
		if f.Date > lastDate && (opt.Period == "" || quarterOf(f) == opt.Period) {
			lastDate = f.Date // the report's latest article: of its quarter with -quarter
		}
		if quarterOf(f) == model.QuarterUnknown {
			r.Undated = append(r.Undated, ref(f))
		}
	}
	r.Quarters = sortQuarters(quarters)
	r.DataUpTo, r.Generated = lastDate, opt.Generated

	inPeriod := func(f *model.Facts) bool { return opt.Period == "" || quarterOf(f) == opt.Period }

	// Articles of the period and the metric rows of the used ones.
	var used []*model.Facts
	var of []*model.Facts // the facts of each article row, in input order
	for i := range facts {
		f := &facts[i]
		if f.Skipped != "" || !inPeriod(f) {
			continue
		}
		of = append(of, f)
		for _, w := range f.Warnings {
			r.Warnings = append(r.Warnings, model.ArticleWarning{ID: f.ID, File: f.File, Warning: w})
		}
		if f.Date != "" && (r.FirstDate == "" || f.Date < r.FirstDate) {
			r.FirstDate = f.Date
		}
		if f.Date > r.LastDate {
			r.LastDate = f.Date
		}
		if f.DuplicateOf == "" {
			used = append(used, f)
		}
	}
	// The rows are made in their order, by date then ID.
	order := articleOrder(of)
	r.Articles = make([]model.ArticleRow, len(order))
	rowOf := make(map[*model.Facts]*model.ArticleRow, len(order))
	for i, k := range order {
		r.Articles[i] = articleRow(of[k])
		rowOf[of[k]] = &r.Articles[i]
	}
	// The metric rows point into r.Articles and into the facts, which are
	// not changed from here on.
	n := 0
	for _, f := range used {
		n += len(f.Metrics)
	}
	r.Metrics = make([]model.MetricRow, 0, n)
	rowsOf := make(map[*model.Facts][]model.MetricRow, len(used)) // each used article's rows in r.Metrics
	for _, f := range used {
		start := len(r.Metrics)
		r.Metrics = appendMetricRows(r.Metrics, f, rowOf[f])
		rowsOf[f] = r.Metrics[start:len(r.Metrics):len(r.Metrics)]
	}

	r.Counts = counts(facts, opt.Period, used, r.Metrics)
	// The previous quarter's articles and rows, made once for its counts,
	// its themes and the trend.
	var pu []*model.Facts
	var pm []model.MetricRow
	prevRowsOf := map[*model.Facts][]model.MetricRow{}
	if opt.Period != "" {
		if pq := prevQuarter(opt.Period); pq != "" && quarters[pq] {
			pu, pm = usedIn(facts, pq, prevRowsOf)
			c := counts(facts, pq, pu, pm)
			r.Prev, r.PrevPeriod = &c, pq
		}
	}
	r.Banks = bankRows(used, r.Metrics)
	if opt.Listed != nil {
		for i := range r.Banks {
			r.Banks[i].Unlisted = !opt.Listed(r.Banks[i].Name)
		}
	}
	r.Themes = themeRows(used, r.Metrics)
	if r.Prev != nil {
		prev := map[string]model.ThemeRow{}
		for _, t := range themeRows(pu, pm) {
			prev[t.ID] = t
		}
		for i := range r.Themes {
			p := prev[r.Themes[i].ID]
			r.Themes[i].PrevArticles, r.Themes[i].PrevMoney = p.Articles, p.Money
		}
	}
	r.BankTheme = bankTheme(used, r.Metrics)
	r.Sums = sums(r.Metrics)
	// The trend spans every quarter: with no period asked for, its rows are
	// those of the report, else those of the period and the quarter before
	// it are, and each other article's are made again.
	var buf []model.MetricRow
	r.Trend = trend(facts, func(f *model.Facts) []model.MetricRow {
		if rows, ok := rowsOf[f]; ok {
			return rows
		}
		if rows, ok := prevRowsOf[f]; ok {
			return rows
		}
		buf = appendMetricRows(buf[:0], f, nil) // no article fields read there
		return buf
	})
	r.Clusters = clusters(facts, opt.Period)
	return r
}

func ref(f *model.Facts) model.ArticleRef {
	return model.ArticleRef{ID: f.ID, File: f.File, Title: f.Title}
}

func quarterOf(f *model.Facts) string {
	if f.Quarter != "" {
		return f.Quarter
	}
	return model.Quarter(f.Date)
}

// usedIn returns the used articles of one quarter and their metric rows,
// and puts each article's rows in rowsOf.
func usedIn(facts []model.Facts, q string, rowsOf map[*model.Facts][]model.MetricRow) ([]*model.Facts, []model.MetricRow) {
	var used []*model.Facts
	var rows []model.MetricRow
	var starts []int
	for i := range facts {
		f := &facts[i]
		if f.Skipped == "" && f.DuplicateOf == "" && quarterOf(f) == q {
			used = append(used, f)
			starts = append(starts, len(rows))
			a := articleRow(f)
			rows = appendMetricRows(rows, f, &a)
		}
	}
	for k, f := range used { // rows has stopped moving
		end := len(rows)
		if k+1 < len(used) {
			end = starts[k+1]
		}
		rowsOf[f] = rows[starts[k]:end:end]
	}
	return used, rows
}

func counts(facts []model.Facts, period string, used []*model.Facts, rows []model.MetricRow) model.Counts {
	var c model.Counts
	for i := range facts {
		f := &facts[i]
		c.Files++
		q := ""
		if f.Skipped == "" {
			q = quarterOf(f)
		}
		switch {
		case f.Skipped != "":
			c.Skipped++
		case period != "" && q != period && q == model.QuarterUnknown:
			c.UndatedLeftOut++ // no quarter to be reported in
		case period != "" && q != period:
			c.OtherPeriods++
		default:
			c.Articles++
			if f.DuplicateOf != "" {
				c.Duplicates++
			}
			if q == model.QuarterUnknown {
				c.Undated++
			}
		}
	}
	c.Used = len(used)
	banks := map[string]bool{}
	for _, f := range used {
		if f.PrimaryBank != "" {
			banks[f.PrimaryBank] = true
		}
	}
	last := "" // the rows of an article come together, mostly of one bank
	for _, m := range rows {
		if m.BankName != "" && !m.Repeat() && m.BankName != last { // as bankRows counts them
			banks[m.BankName] = true
			last = m.BankName
		}
		c.Metrics++
		if countsAsMoney(m) {
			c.Money += m.Value
		}
	}
	c.Banks = len(banks)
	return c
}

func articleRow(f *model.Facts) model.ArticleRow {
	row := model.ArticleRow{
		ID: f.ID, File: f.File, Title: f.Title, URL: f.URL, Date: f.Date, Quarter: quarterOf(f),
		Source: f.Source, PrimaryBank: f.PrimaryBank, BankType: bankType(f, f.PrimaryBank),
		Metrics: len(f.Metrics), DuplicateOf: f.DuplicateOf,
	}
	if len(f.Themes) > 0 {
		row.Themes = make([]string, len(f.Themes))
		for i, t := range f.Themes {
			row.Themes[i] = t.ID
		}
	}
	return row
}

func bankType(f *model.Facts, name string) string {
	for _, b := range f.Banks {
		if b.Name == name {
			return b.Type
		}
	}
	return ""
}

// appendMetricRows appends an article's metrics, with a its article row,
// marking those already counted in the article (Repeat) and those that are
// not something done in the period (Balance, see Kind). A figure is
// already counted when
//
//   - the same value, unit and theme came earlier (a heading and its body
//     sentence), or it has no theme and the same value, unit and qualifier
//     come with a theme elsewhere in the article (the themed mention is
//     the one counted, in its theme);
//   - it is a part of a figure before it: its clause says 其中 (or follows
//     one that is only 其中), and an earlier figure of the article in the
//     same unit is at least as large — 投放贷款8亿元，其中安置点贷款5440万元.
//     A part of a stock is a stock (of a difference a difference, of a
//     plan a plan).
func appendMetricRows(rows []model.MetricRow, f *model.Facts, a *model.ArticleRow) []model.MetricRow {
	// An article has a few figures: they are compared with each other
	// directly, and looked up in maps only when there are many.
	type key struct {
		value float64
		unit  string
		theme string
	}
	type figure struct {
		value     float64
		unit      string
		qualifier string
	}
	var seen map[key]bool
	var themed map[figure]bool // the figures of the themed metrics
	few := len(f.Metrics) <= fewMetrics
	if !few {
		seen, themed = map[key]bool{}, map[figure]bool{}
		for j := range f.Metrics {
			if m := &f.Metrics[j]; m.Theme != "" {
				themed[figure{m.Value, m.Unit, m.Qualifier}] = true
			}
		}
	}
	start := len(rows)
	lastBank, lastType := "", ""
	var scope partScope
	for j := range f.Metrics {
		m := &f.Metrics[j]
		bank := m.Bank
		if bank == "" && f.PrimaryBank != "" && !sector(m) {
			bank = f.PrimaryBank
		}
		if j == 0 || bank != lastBank { // the figures of an article are mostly of one bank
			lastBank, lastType = bank, bankType(f, bank)
		}
		var same bool
		if few {
			same = sameBefore(f.Metrics[:j], m) || m.Theme == "" && sameThemed(f.Metrics, m)
		} else {
			k := key{m.Value, m.Unit, m.Theme}
			same = seen[k] || m.Theme == "" && themed[figure{m.Value, m.Unit, m.Qualifier}]
			seen[k] = true
		}
		why, own := classify(m)
		carried := scope.part(m, own)
		switch {
		case same:
			why = model.SameFigure
		case why == model.Summed && (own || carried):
			// The nearest figure before it in the same unit and not
			// smaller is the whole (wholeIndex).
			if w := wholeIndex(f.Metrics, j, !own); w >= 0 {
				why = model.PartOfBefore
				if o := rows[start+w]; o.Balance() { // a part of a stock is a stock, and so on
					why = o.Why
				}
			}
		}
		rows = append(rows, model.MetricRow{
			Metric: m, ArticleRow: a, BankName: bank, BankType: lastType, Why: why,
		})
	}
	return rows
}

// partScope carries the parts a 其中 lists across the semicolons that end
// the sentences figures are given in: in 其中，投放粮棉油贷款3148亿元；投放精准
// 帮扶贷款3180亿元；投放绿色贷款3737亿元。 each clause after a semicolon is a
// sentence of its own, and each figure of it a part too, until a sentence
// ends otherwise or a word says besides (此外, 另外, see besides).
type partScope struct {
	sentence string // the sentence of the figure before
	carried  bool   // parts went on into it from the sentence before
	open     bool   // parts go on from it into the next sentence
}

// part returns whether m is a part carried from a 其中 before its clause —
// in an earlier clause of its sentence (partsGoOn) or, across a semicolon,
// in the sentence before — given whether its own clause says so (own,
// classify's part), and notes where parts go on. A carried part counts
// only when its clause names what its whole's names (wholeIndex).
func (p *partScope) part(m *model.Metric, own bool) (carried bool) {
	if m.Sentence != p.sentence {
		p.sentence, p.carried, p.open = m.Sentence, p.open, false
	}
	if !model.Summable(m.Unit) {
		return false
	}
	if !own {
		if p.carried && !besidesBefore(m) {
			carried = true
		} else if strings.Contains(m.Sentence, "其中") {
			if before, rest, _, ok := around(m); ok && partsGoOn(rest, before) {
				carried = true
			}
		}
	}
	if (own || carried) && endsWithSemicolon(m.Sentence) {
		p.open = true
	}
	return carried
}

// besidesBefore reports whether a word of besides comes before m in its
// sentence.
func besidesBefore(m *model.Metric) bool {
	head := m.Sentence
	if i := strings.Index(head, m.Text); i >= 0 {
		head = head[:i]
	}
	for _, w := range besides {
		if strings.Contains(head, w) {
			return true
		}
	}
	return false
}

// endsWithSemicolon reports whether a sentence ends with a semicolon,
// full-width or ASCII, before any space.
func endsWithSemicolon(s string) bool {
	s = strings.TrimRight(s, " \t\n")
	return strings.HasSuffix(s, "；") || strings.HasSuffix(s, ";")
}

// fewMetrics is the most figures of an article that appendMetricRows
// compares pairwise rather than through maps.
const fewMetrics = 24

// sameBefore reports whether one of before has the value, unit and theme
// of m.
func sameBefore(before []model.Metric, m *model.Metric) bool {
	for i := range before {
		if o := &before[i]; o.Value == m.Value && o.Unit == m.Unit && o.Theme == m.Theme {
			return true
		}
	}
	return false
}

// sameThemed reports whether one of metrics has a theme and the value,
// unit and qualifier of m.
func sameThemed(metrics []model.Metric, m *model.Metric) bool {
	for i := range metrics {
		if o := &metrics[i]; o.Theme != "" && o.Value == m.Value && o.Unit == m.Unit && o.Qualifier == m.Qualifier {
			return true
		}
	}
	return false
}

// counted reports whether a metric row enters sums: not a repeat within its
// article and not a stock.
func counted(m model.MetricRow) bool { return !m.Repeat() && !m.Balance() }

// countsAsMoney reports whether a metric row enters the money totals of
// the summary, the themes and the trend: an amount in yuan, counted, and
// reported for a bank. Sector statistics that name no bank (a regulator's
// loan figures, market totals) stay in the detail and the sums, not in the
// money a report says banks disclosed.
func countsAsMoney(m model.MetricRow) bool {
	return IsMoney(*m.Metric) && counted(m) && m.BankName != ""
}

func bankRows(used []*model.Facts, rows []model.MetricRow) []model.BankRow {
	idx := map[string]*model.BankRow{}
	themeCount := map[string]map[string]int{}
	var last *model.BankRow // the rows of an article come together, mostly of one bank
	get := func(name, typ string) *model.BankRow {
		b := last
		if b == nil || b.Name != name {
			if b = idx[name]; b == nil {
				b = &model.BankRow{Name: name, Type: typ}
				idx[name] = b
				themeCount[name] = map[string]int{}
			}
			last = b
		}
		if b.Type == "" {
			b.Type = typ
		}
		return b
	}
	for _, f := range used {
		if f.PrimaryBank == "" {
			continue
		}
		b := get(f.PrimaryBank, bankType(f, f.PrimaryBank))
		b.Articles++
		for _, t := range f.Themes {
			themeCount[f.PrimaryBank][t.ID]++
		}
	}
	for _, m := range rows {
		if m.BankName == "" || m.Repeat() {
			continue
		}
		b := get(m.BankName, m.BankType)
		b.Metrics++
		if countsAsMoney(m) {
			b.Money += m.Value
		}
	}
	out := make([]model.BankRow, 0, len(idx))
	for name, b := range idx {
		b.Themes = topKeys(themeCount[name])
		out = append(out, *b)
	}
	sortBankRows(out)
	return out
}

func themeRows(used []*model.Facts, rows []model.MetricRow) []model.ThemeRow {
	idx := map[string]*model.ThemeRow{}
	var last *model.ThemeRow
	get := func(id string) *model.ThemeRow {
		if last != nil && last.ID == id {
			return last
		}
		t := idx[id]
		if t == nil {
			t = &model.ThemeRow{ID: id, Frame: id == model.FrameTheme, PrevArticles: -1, PrevMoney: -1}
			idx[id] = t
		}
		last = t
		return t
	}
	for _, f := range used {
		for _, t := range f.Themes {
			get(t.ID).Articles++
		}
	}
	for _, m := range rows {
		if m.Theme == "" || m.Repeat() {
			continue
		}
		t := get(m.Theme)
		t.Metrics++
		if countsAsMoney(m) {
			t.Money += m.Value
		}
	}
	out := make([]model.ThemeRow, 0, len(idx))
	for _, t := range idx {
		out = append(out, *t)
	}
	sortThemeRows(out)
	return out
}

// sortBankRows orders the banks: most articles first, then most metrics,
// then name. It is the one order of banks in every report: the renderers
// draw Report.Banks as they find them, so banks tied on articles come in
// the same order in the brief, the chart page and the workbook.
func sortBankRows(out []model.BankRow) {
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		if a.Metrics != b.Metrics {
			return a.Metrics > b.Metrics
		}
		return a.Name < b.Name
	})
}

// sortThemeRows orders the themes: most articles first, then most money, the taxonomy's order.
func sortThemeRows(out []model.ThemeRow) {
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		if a.Money != b.Money {
			return a.Money > b.Money
		}
		return themeOrder(a.ID) < themeOrder(b.ID)
	})
}

// sortBankTheme orders the bank × theme cells: by bank, then the taxonomy's order.
func sortBankTheme(out []model.BankThemeCell) {
	sort.Slice(out, func(i, j int) bool {
		if out[i].Bank != out[j].Bank {
			return out[i].Bank < out[j].Bank
		}
		return themeOrder(out[i].Theme) < themeOrder(out[j].Theme)
	})
}

// sortSums orders the sums: by bank, theme in the taxonomy's order, type, unit.
func sortSums(out []model.MetricSum) {
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Bank != b.Bank {
			return a.Bank < b.Bank
		}
		if a.Theme != b.Theme {
			return themeOrder(a.Theme) < themeOrder(b.Theme)
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.Unit < b.Unit
	})
}

// sortTrend orders the trend cells: by quarter, themes before banks, key.
func sortTrend(out []model.TrendCell) {
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Quarter != b.Quarter {
			return quarterLess(a.Quarter, b.Quarter)
		}
		if a.Kind != b.Kind {
			return a.Kind > b.Kind // theme before bank
		}
		return a.Key < b.Key
	})
}

func themeOrder(id string) int {
	for i, t := range model.Themes {
		if t.ID == id {
			return i
		}
	}
	return len(model.Themes)
}

func bankTheme(used []*model.Facts, rows []model.MetricRow) []model.BankThemeCell {
	type key struct{ bank, theme string }
	idx := map[key]*model.BankThemeCell{}
	var last *model.BankThemeCell
	get := func(k key) *model.BankThemeCell {
		if last != nil && last.Bank == k.bank && last.Theme == k.theme {
			return last
		}
		c := idx[k]
		if c == nil {
			c = &model.BankThemeCell{Bank: k.bank, Theme: k.theme}
			idx[k] = c
		}
		last = c
		return c
	}
	for _, f := range used {
		if f.PrimaryBank == "" {
			continue
		}
		for _, t := range f.Themes {
			get(key{f.PrimaryBank, t.ID}).Articles++
		}
	}
	for _, m := range rows {
		if m.BankName == "" || m.Theme == "" || m.Repeat() {
			continue
		}
		get(key{m.BankName, m.Theme}).Metrics++
	}
	out := make([]model.BankThemeCell, 0, len(idx))
	for _, c := range idx {
		out = append(out, *c)
	}
	sortBankTheme(out)
	return out
}

func sums(rows []model.MetricRow) []model.MetricSum {
	type key struct{ bank, theme, typ, unit string }
	type sum struct {
		model.MetricSum
		values []float64 // the counted values
	}
	idx := map[key]*sum{}
	var last *sum // the rows of an article come together, often of one key
	for _, m := range rows {
		s := last
		// A measure word is kept as written (6個, 1100畝) and summed with
		// its simplified form (6个): fold returns the unit itself when it
		// holds no traditional character.
		unit := fold(m.Unit)
		if s == nil || s.Bank != m.BankName || s.Theme != m.Theme || s.Type != m.Metric.Type || s.Unit != unit {
			k := key{m.BankName, m.Theme, m.Metric.Type, unit}
			if s = idx[k]; s == nil {
				s = &sum{MetricSum: model.MetricSum{Bank: k.bank, BankType: m.BankType, Theme: k.theme, Type: k.typ, Unit: k.unit}}
				idx[k] = s
			}
			last = s
		}
		s.Mentions++
		if !counted(m) {
			continue
		}
		s.Count++
		s.values = append(s.values, m.Value)
	}
	out := make([]model.MetricSum, 0, len(idx))
	for _, s := range idx {
		v := s.values
		sort.Float64s(v)
		if len(v) > 0 {
			s.Min, s.Max = v[0], v[len(v)-1]
			if n := len(v); n%2 == 1 {
				s.Median = v[n/2]
			} else {
				s.Median = (v[n/2-1] + v[n/2]) / 2
			}
		}
		if model.Summable(s.Unit) {
			for _, x := range v {
				s.Sum += x
			}
		}
		out = append(out, s.MetricSum)
	}
	sortSums(out)
	return out
}

// trend counts used articles, metrics and money per quarter × theme and
// quarter × bank over every quarter of the input.
func trend(facts []model.Facts, rowsOf func(f *model.Facts) []model.MetricRow) []model.TrendCell {
	type key struct{ q, kind, k string }
	idx := map[key]*model.TrendCell{}
	get := func(k key) *model.TrendCell {
		c := idx[k]
		if c == nil {
			c = &model.TrendCell{Quarter: k.q, Kind: k.kind, Key: k.k}
			idx[k] = c
		}
		return c
	}
	// The rows of an article come together, often of one theme and bank.
	var lastTheme, lastBank *model.TrendCell
	cached := func(last **model.TrendCell, k key) *model.TrendCell {
		if c := *last; c != nil && c.Quarter == k.q && c.Kind == k.kind && c.Key == k.k {
			return c
		}
		*last = get(k)
		return *last
	}
	for i := range facts {
		f := &facts[i]
		if f.Skipped != "" || f.DuplicateOf != "" {
			continue
		}
		q := quarterOf(f)
		for _, t := range f.Themes {
			get(key{q, "theme", t.ID}).Articles++
		}
		if f.PrimaryBank != "" {
			get(key{q, "bank", f.PrimaryBank}).Articles++
		}
		for _, m := range rowsOf(f) {
			if m.Repeat() {
				continue
			}
			money := 0.0
			if countsAsMoney(m) {
				money = m.Value
			}
			if m.Theme != "" {
				c := cached(&lastTheme, key{q, "theme", m.Theme})
				c.Metrics++
				c.Money += money
			}
			if m.BankName != "" {
				c := cached(&lastBank, key{q, "bank", m.BankName})
				c.Metrics++
				c.Money += money
			}
		}
	}
	out := make([]model.TrendCell, 0, len(idx))
	for _, c := range idx {
		out = append(out, *c)
	}
	sortTrend(out)
	return out
}

// clusters groups the syndicated copies of the period (of every quarter
// when period is "") by the article counted, which may be of another.
func clusters(facts []model.Facts, period string) []model.CopyGroup {
	copies := map[string][]model.ArticleRef{}
	var kept map[string]model.ArticleRef
	for i := range facts {
		f := &facts[i]
		if f.Skipped == "" && f.DuplicateOf != "" && (period == "" || quarterOf(f) == period) {
			copies[f.DuplicateOf] = append(copies[f.DuplicateOf], ref(f))
		}
	}
	if len(copies) > 0 {
		kept = make(map[string]model.ArticleRef, len(copies))
		for i := range facts {
			if f := &facts[i]; f.Skipped == "" && copies[f.ID] != nil {
				if _, ok := kept[f.ID]; !ok {
					kept[f.ID] = ref(f)
				}
			}
		}
	}
	out := make([]model.CopyGroup, 0, len(copies))
	for id, c := range copies {
		sort.Slice(c, func(i, j int) bool { return c[i].ID < c[j].ID })
		k, ok := kept[id]
		if !ok {
			k = model.ArticleRef{ID: id}
		}
		out = append(out, model.CopyGroup{Kept: k, Copies: c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kept.ID < out[j].Kept.ID })
	return out
}

func topKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return themeOrder(keys[i]) < themeOrder(keys[j])
	})
	return keys
}

func sortQuarters(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for q := range set {
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return quarterLess(out[i], out[j]) })
	return out
}

// quarterLess orders quarters in time, "unknown" last.
func quarterLess(a, b string) bool {
	if a == model.QuarterUnknown || b == model.QuarterUnknown {
		return b == model.QuarterUnknown && a != model.QuarterUnknown
	}
	return a < b
}

// PrevQuarter returns the quarter before q (2022Q1 → 2021Q4), or "".
func PrevQuarter(q string) string { return prevQuarter(q) }

func prevQuarter(q string) string {
	if len(q) != 6 || q[4] != 'Q' {
		return ""
	}
	y, err := strconv.Atoi(q[:4])
	n := int(q[5] - '0')
	if err != nil || n < 1 || n > 4 {
		return ""
	}
	if n == 1 {
		return strconv.Itoa(y-1) + "Q4"
	}
	return q[:5] + strconv.Itoa(n-1)
}

// Change returns the relative change from prev to cur, and false when prev
// is zero or unknown (negative).
func Change(cur, prev float64) (float64, bool) {
	if prev <= 0 || math.IsNaN(prev) {
		return 0, false
	}
	return (cur - prev) / prev, true
}

// articleOrder returns the order of the article rows of facts by date,
// then ID, articles of the same date and ID keeping their order (a stable
// sort): the index is the last key. The keys are sorted with the first
// 16 bytes of each string packed beside them (the facts lie all over the
// heap): those decide, with the lengths, strings of up to 16 bytes, and
// the strings are compared only when 16 bytes tie.
func articleOrder(facts []*model.Facts) []int32 {
	keys := make([]articleKey, len(facts))
	for i, f := range facts {
		keys[i] = articleKey{date: pack(f.Date), id: pack(f.ID), i: int32(i)}
	}
	slices.SortFunc(keys, func(a, b articleKey) int {
		if c := a.date.compare(&b.date); c != 0 {
			return c
		}
		if a.date.n > 16 && b.date.n > 16 {
			if c := strings.Compare(facts[a.i].Date, facts[b.i].Date); c != 0 {
				return c
			}
		}
		if c := a.id.compare(&b.id); c != 0 {
			return c
		}
		if a.id.n > 16 && b.id.n > 16 {
			if c := strings.Compare(facts[a.i].ID, facts[b.i].ID); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.i, b.i)
	})
	idx := make([]int32, len(keys))
	for i, k := range keys {
		idx[i] = k.i
	}
	return idx
}

type articleKey struct {
	date, id packed
	i        int32
}

// packed is the first 16 bytes of a string, big-endian and zero-padded,
// and its length.
type packed struct {
	hi, lo uint64
	n      int
}

func pack(s string) packed {
	var b [16]byte
	copy(b[:], s)
	return packed{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), len(s)}
}

// compare orders packed strings as strings.Compare orders the strings,
// but for two longer than 16 bytes with the same first 16, which it
// leaves equal. A string of up to 16 bytes is equal to its padding with
// zero bytes up to the first 16 bytes of the other, and then ordered by
// length: shorter first, as a prefix is.
func (a *packed) compare(b *packed) int {
	if a.hi != b.hi {
		return cmp.Compare(a.hi, b.hi)
	}
	if a.lo != b.lo {
		return cmp.Compare(a.lo, b.lo)
	}
	if a.n > 16 && b.n > 16 {
		return 0
	}
	return cmp.Compare(a.n, b.n)
}

// sector reports whether a figure with no bank of its own comes from a
// sentence about banks in the plural (bank.Sector): the sector's figure,
// not the article's bank's, so it stays under "(no bank)". Extraction
// gives such a figure no bank; a figure from the headline (InTitle) is
// the article's.
func sector(m *model.Metric) bool {
	return !m.InTitle && bank.Sector(m.Sentence)
}
