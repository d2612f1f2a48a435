package aggregate

import (
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// facts modelled on the seeds: 广发银行's 约27亿元 appears in a heading and
// again in its body sentence (a repeat), a syndicated copy, a skipped file,
// an article of the previous quarter and an undated one.
func sample() []model.Facts {
	gf := []model.BankMention{{Name: "广发银行", Type: "joint_stock", Mentions: 14}}
	money := func(text string, v float64, theme string) model.Metric {
		return model.Metric{Text: text, Value: v, Unit: "CNY", Type: "amount", Qualifier: model.Approx, Theme: theme}
	}
	return []model.Facts{
		{ID: "a", File: "in/a.txt", Title: "广发银行用心用情用力为群众办实事", Date: "2022-01-05", Quarter: "2022Q1",
			PrimaryBank: "广发银行", Banks: gf,
			Themes: []model.ThemeScore{{ID: "fee_reduction"}, {ID: "party_building"}},
			Metrics: []model.Metric{
				money("约27亿元", 2.7e9, "fee_reduction"),
				money("约27亿元", 2.7e9, "fee_reduction"),
				{Text: "逾1500个", Value: 1500, Unit: "item", Type: "items", Qualifier: model.AtLeast, Theme: "party_building"},
				{Text: "下降68%", Value: -68, Unit: "percent", Type: "percent", Theme: "fee_reduction"},
				{Text: "提高20%", Value: 20, Unit: "percent", Type: "percent", Theme: "fee_reduction"},
			}},
		{ID: "a-copy", File: "in/a-copy.txt", Date: "2022-01-06", Quarter: "2022Q1", PrimaryBank: "广发银行", Banks: gf,
			Themes:      []model.ThemeScore{{ID: "fee_reduction"}},
			Metrics:     []model.Metric{money("约27亿元", 2.7e9, "fee_reduction")},
			DuplicateOf: "a"},
		{ID: "b", File: "in/b.txt", Date: "2021-12-23", Quarter: "2021Q4", PrimaryBank: "桂东农商银行",
			Banks:   []model.BankMention{{Name: "桂东农商银行", Type: "rural"}},
			Themes:  []model.ThemeScore{{ID: "fee_reduction"}},
			Metrics: []model.Metric{money("1.45亿元", 1.45e8, "fee_reduction")}},
		{ID: "c", File: "in/c.txt", Quarter: "unknown", Warnings: []string{"digits missing near: 新入职余人"},
			Metrics: []model.Metric{{Text: "5场", Value: 5, Unit: "event", Type: "events", Bank: "中国工商银行"}}},
		{ID: "bin", File: "in/bin.txt", Skipped: "binary file"},
	}
}

func TestBuildAllQuarters(t *testing.T) {
	r := Build(sample(), Options{})
	c := r.Counts
	if c.Files != 5 || c.Articles != 4 || c.Skipped != 1 || c.Duplicates != 1 || c.Used != 3 || c.Undated != 1 {
		t.Fatalf("counts = %+v", c)
	}
	if c.Files != c.Articles+c.OtherPeriods+c.UndatedLeftOut+c.Skipped {
		t.Errorf("accounting broken: %+v", c)
	}
	if c.Banks != len(r.Banks) {
		t.Errorf("%d banks counted, %d listed", c.Banks, len(r.Banks))
	}
	// 27亿 once (the repeat and the copy are not summed) + 1.45亿.
	if want := 2.7e9 + 1.45e8; c.Money != want {
		t.Errorf("money = %v, want %v", c.Money, want)
	}
	if got := r.Quarters; len(got) != 3 || got[0] != "2021Q4" || got[2] != "unknown" {
		t.Errorf("quarters = %v", got)
	}
	if r.DataUpTo != "2022-01-06" || r.Generated != "" {
		t.Errorf("data up to %q, generated %q; want the latest article's date, and no day made when none is given", r.DataUpTo, r.Generated)
	}
	if r := Build(sample(), Options{Generated: "2024-05-01"}); r.DataUpTo != "2022-01-06" || r.Generated != "2024-05-01" {
		t.Errorf("with a day given: data up to %q, generated %q", r.DataUpTo, r.Generated)
	}
	// a quarter's report is up to its own latest article, not the archive's
	if r := Build(sample(), Options{Period: "2021Q4"}); r.DataUpTo == "" || r.DataUpTo >= "2022-01-01" {
		t.Errorf("2021Q4: data up to %q, want a date of 2021Q4", r.DataUpTo)
	}
	if len(r.Clusters) != 1 || r.Clusters[0].Kept.ID != "a" || r.Clusters[0].Copies[0].ID != "a-copy" {
		t.Errorf("clusters = %+v", r.Clusters)
	}
	if len(r.Skipped) != 1 || r.Skipped[0].Reason != "binary file" || len(r.Undated) != 1 || len(r.Warnings) != 1 {
		t.Errorf("data quality: skipped %v undated %v warnings %v", r.Skipped, r.Undated, r.Warnings)
	}
}

// TestUnlisted: the banks Options.Listed does not know are marked, the
// others not; without Listed none is.
func TestUnlisted(t *testing.T) {
	listed := func(name string) bool { return name != "桂东农商银行" }
	for _, tt := range []struct {
		listed func(string) bool
		want   map[string]bool
	}{
		{listed, map[string]bool{"广发银行": false, "桂东农商银行": true, "中国工商银行": false}},
		{nil, map[string]bool{"广发银行": false, "桂东农商银行": false, "中国工商银行": false}},
	} {
		got := map[string]bool{}
		for _, b := range Build(sample(), Options{Listed: tt.listed}).Banks {
			got[b.Name] = b.Unlisted
		}
		if len(got) != len(tt.want) {
			t.Fatalf("banks %v, want %v", got, tt.want)
		}
		for name, u := range tt.want {
			if got[name] != u {
				t.Errorf("%s unlisted = %v, want %v (Listed set: %v)", name, got[name], u, tt.listed != nil)
			}
		}
	}
}

func TestRepeatRuleAndPercentages(t *testing.T) {
	r := Build(sample(), Options{Period: "2022Q1"})
	repeats := 0
	for _, m := range r.Metrics {
		if m.ArticleID() == "a-copy" {
			t.Errorf("a syndicated copy's metric is listed: %+v", m)
		}
		if m.Repeat() {
			repeats++
			if m.Text != "约27亿元" {
				t.Errorf("unexpected repeat %q", m.Text)
			}
		}
	}
	if repeats != 1 {
		t.Errorf("repeats = %d, want 1", repeats)
	}
	for _, s := range r.Sums {
		switch {
		case s.Bank == "广发银行" && s.Unit == "CNY":
			if s.Mentions != 2 || s.Count != 1 || s.Sum != 2.7e9 {
				t.Errorf("money sum %+v: want 2 mentions, 1 counted, 2.7e9", s)
			}
		case s.Unit == "percent":
			if s.Sum != 0 || s.Count != 2 || s.Median != -24 || s.Min != -68 || s.Max != 20 {
				t.Errorf("percent sum %+v: never summed, median of -68 and 20", s)
			}
		}
	}
}

func TestPeriodAndPreviousQuarter(t *testing.T) {
	r := Build(sample(), Options{Period: "2022Q1"})
	c := r.Counts
	if c.Articles != 2 || c.OtherPeriods != 1 || c.UndatedLeftOut != 1 || c.Used != 1 || c.Files != 5 {
		t.Fatalf("counts = %+v", c)
	}
	if r.Prev == nil || r.PrevPeriod != "2021Q4" || r.Prev.Used != 1 || r.Prev.Money != 1.45e8 {
		t.Fatalf("prev = %v %+v", r.PrevPeriod, r.Prev)
	}
	var fee *model.ThemeRow
	for i := range r.Themes {
		if r.Themes[i].ID == "fee_reduction" {
			fee = &r.Themes[i]
		}
	}
	if fee == nil || fee.Articles != 1 || fee.Money != 2.7e9 || fee.PrevArticles != 1 || fee.PrevMoney != 1.45e8 {
		t.Errorf("fee_reduction row = %+v", fee)
	}
	if r.FirstDate != "2022-01-05" || r.LastDate != "2022-01-06" {
		t.Errorf("dates %s..%s", r.FirstDate, r.LastDate)
	}
	// Trend spans every quarter of the input, not only the period.
	qs := map[string]bool{}
	for _, tc := range r.Trend {
		qs[tc.Quarter] = true
	}
	if !qs["2021Q4"] || !qs["2022Q1"] {
		t.Errorf("trend quarters = %v", qs)
	}
	if Build(sample(), Options{Period: "2021Q4"}).Prev != nil {
		t.Error("no 2021Q3 in the input: Prev must be nil")
	}
}

func TestMetricBankFallsBackToPrimary(t *testing.T) {
	r := Build(sample(), Options{})
	for _, m := range r.Metrics {
		if m.ArticleID() == "a" && m.BankName != "广发银行" {
			t.Errorf("metric %q counts for %q, want the primary bank", m.Text, m.BankName)
		}
		if m.ArticleID() == "c" && m.BankName != "中国工商银行" {
			t.Errorf("metric of its own bank: %q", m.BankName)
		}
	}
	if r.Banks[0].Name != "广发银行" || r.Banks[0].Type != "joint_stock" {
		t.Errorf("top bank = %+v", r.Banks[0])
	}
}

func TestPrevQuarter(t *testing.T) {
	for q, want := range map[string]string{"2022Q1": "2021Q4", "2022Q3": "2022Q2", "unknown": "", "2022Q5": ""} {
		if got := PrevQuarter(q); got != want {
			t.Errorf("PrevQuarter(%s) = %q, want %q", q, got, want)
		}
	}
}

// TestBanksTiedOnArticles: banks with as many articles come by metrics,
// then name, whatever their money: the one order of banks every report
// draws (on the corpus 中国农业发展银行, with more money, came before
// 中国农业银行, with more metrics, in the brief, and after it on the page).
func TestBanksTiedOnArticles(t *testing.T) {
	article := func(id, bank string, metrics ...model.Metric) model.Facts {
		return model.Facts{ID: id, File: id + ".txt", Date: "2022-01-05", Quarter: "2022Q1", PrimaryBank: bank,
			Banks: []model.BankMention{{Name: bank, Type: "state_owned"}}, Metrics: metrics}
	}
	loan := func(v float64) model.Metric {
		return model.Metric{Text: "亿元", Value: v, Unit: "CNY", Type: "amount", Theme: "rural_revitalization"}
	}
	r := Build([]model.Facts{
		article("a", "中国农业发展银行", loan(5e10)),
		article("b", "中国农业银行", loan(1e8), loan(2e8), loan(3e8)),
		article("c", "中国工商银行", loan(1e8), loan(2e8), loan(3e8)),
		article("d", "中国银行", loan(1e8), loan(2e8), loan(3e8), loan(4e8)),
		article("e", "中国银行", loan(1e8)),
	}, Options{})
	var got []string
	for _, b := range r.Banks {
		got = append(got, b.Name)
	}
	want := []string{"中国银行", "中国农业银行", "中国工商银行", "中国农业发展银行"} // names in byte order
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("banks in the order %v, want %v (articles, then metrics, then name)", got, want)
	}
}

// TestQuarterAccountsForEveryFile: a quarter's report accounts for every
// input file — its articles, those of other quarters, the undated ones it
// leaves out (they have no quarter) and the files skipped — and names the
// undated ones and its syndicated copies with their files and titles. On
// the corpus, -quarter 2022Q1 counted the 108 undated among 153 "of other
// quarters", said 0 undated, and listed the 108 and the corpus's 6 copies
// (none of 2022Q1) with no file or title.
func TestQuarterAccountsForEveryFile(t *testing.T) {
	for _, tc := range []struct {
		period                                          string
		articles, other, leftOut, undated, dupes, files int
	}{
		{"", 4, 0, 0, 1, 1, 5},
		{"2022Q1", 2, 1, 1, 0, 1, 5},
		{"2021Q4", 1, 2, 1, 0, 0, 5},
		{model.QuarterUnknown, 1, 3, 0, 1, 0, 5},
	} {
		r := Build(sample(), Options{Period: tc.period})
		c := r.Counts
		if c.Articles != tc.articles || c.OtherPeriods != tc.other || c.UndatedLeftOut != tc.leftOut || c.Undated != tc.undated ||
			c.Duplicates != tc.dupes || c.Files != tc.files {
			t.Errorf("period %q: counts %+v", tc.period, c)
		}
		if c.Files != c.Articles+c.OtherPeriods+c.UndatedLeftOut+c.Skipped {
			t.Errorf("period %q: %d files, but %d articles + %d of other quarters + %d undated left out + %d skipped",
				tc.period, c.Files, c.Articles, c.OtherPeriods, c.UndatedLeftOut, c.Skipped)
		}
		if len(r.Undated) != 1 || r.Undated[0] != (model.ArticleRef{ID: "c", File: "in/c.txt"}) {
			t.Errorf("period %q: undated %+v, want c with its file", tc.period, r.Undated)
		}
		copies := 0
		for _, g := range r.Clusters {
			for _, a := range g.Copies {
				copies++
				if a.File == "" || g.Kept.Title == "" {
					t.Errorf("period %q: copy %+v of %+v not named", tc.period, a, g.Kept)
				}
			}
		}
		if copies != c.Duplicates {
			t.Errorf("period %q: %d copies listed, %d counted", tc.period, copies, c.Duplicates)
		}
	}
}
