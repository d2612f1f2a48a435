package aggregate

import (
	"sort"

	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/model"
)

// The aggregations before they kept the last cell beside their maps
// (commit e6e5bf7), for TestAggregationsReference: counts, bankRows,
// themeRows, bankTheme, sums (two maps) and trend. Their outputs are put in
// order by the same functions (sortBankRows …), which did not change.

func refCounts(facts []model.Facts, period string, used []*model.Facts, rows []model.MetricRow) model.Counts {
	var c model.Counts
	for i := range facts {
		f := &facts[i]
		c.Files++
		switch {
		case f.Skipped != "":
			c.Skipped++
		case period != "" && quarterOf(f) != period && quarterOf(f) == model.QuarterUnknown:
			c.UndatedLeftOut++
		case period != "" && quarterOf(f) != period:
			c.OtherPeriods++
		default:
			c.Articles++
			if f.DuplicateOf != "" {
				c.Duplicates++
			}
			if quarterOf(f) == model.QuarterUnknown {
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
	for _, m := range rows {
		if m.BankName != "" && !m.Repeat() { // as bankRows counts them
			banks[m.BankName] = true
		}
		c.Metrics++
		if countsAsMoney(m) {
			c.Money += m.Value
		}
	}
	c.Banks = len(banks)
	return c
}

func refBankRows(used []*model.Facts, rows []model.MetricRow) []model.BankRow {
	idx := map[string]*model.BankRow{}
	themeCount := map[string]map[string]int{}
	get := func(name, typ string) *model.BankRow {
		b := idx[name]
		if b == nil {
			b = &model.BankRow{Name: name, Type: typ}
			idx[name] = b
			themeCount[name] = map[string]int{}
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

func refThemeRows(used []*model.Facts, rows []model.MetricRow) []model.ThemeRow {
	idx := map[string]*model.ThemeRow{}
	get := func(id string) *model.ThemeRow {
		t := idx[id]
		if t == nil {
			t = &model.ThemeRow{ID: id, Frame: id == model.FrameTheme, PrevArticles: -1, PrevMoney: -1}
			idx[id] = t
		}
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

func refBankTheme(used []*model.Facts, rows []model.MetricRow) []model.BankThemeCell {
	type key struct{ bank, theme string }
	idx := map[key]*model.BankThemeCell{}
	get := func(k key) *model.BankThemeCell {
		c := idx[k]
		if c == nil {
			c = &model.BankThemeCell{Bank: k.bank, Theme: k.theme}
			idx[k] = c
		}
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

func refSums(rows []model.MetricRow) []model.MetricSum {
	type key struct{ bank, theme, typ, unit string }
	idx := map[key]*model.MetricSum{}
	values := map[key][]float64{}
	for _, m := range rows {
		// a measure word as written is summed with its simplified form
		k := key{m.BankName, m.Theme, m.Type, hanzi.Simplify(m.Unit)}
		s := idx[k]
		if s == nil {
			s = &model.MetricSum{Bank: k.bank, BankType: m.BankType, Theme: k.theme, Type: k.typ, Unit: k.unit}
			idx[k] = s
		}
		s.Mentions++
		if !counted(m) {
			continue
		}
		s.Count++
		values[k] = append(values[k], m.Value)
	}
	out := make([]model.MetricSum, 0, len(idx))
	for k, s := range idx {
		v := values[k]
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
		out = append(out, *s)
	}
	sortSums(out)
	return out
}

func refTrend(facts []model.Facts, rowsOf func(f *model.Facts) []model.MetricRow) []model.TrendCell {
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
				c := get(key{q, "theme", m.Theme})
				c.Metrics++
				c.Money += money
			}
			if m.BankName != "" {
				c := get(key{q, "bank", m.BankName})
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

// refUsedIn is usedIn before it gave each article's rows (commit e6e5bf7).
func refUsedIn(facts []model.Facts, q string) ([]*model.Facts, []model.MetricRow) {
	var used []*model.Facts
	var rows []model.MetricRow
	for i := range facts {
		f := &facts[i]
		if f.Skipped == "" && f.DuplicateOf == "" && quarterOf(f) == q {
			used = append(used, f)
			a := articleRow(f)
			rows = appendMetricRows(rows, f, &a)
		}
	}
	return used, rows
}
