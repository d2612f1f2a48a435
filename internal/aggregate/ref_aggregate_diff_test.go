package aggregate

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// randomFacts makes an archive whose articles share banks, themes,
// quarters and figures often: skipped files, copies, undated articles,
// metrics of another bank than the article's, stocks and parts.
func randomFacts(rnd *rand.Rand, n int) []model.Facts {
	banks := []string{"", "中国银行", "广发银行", "建设银行"}
	types := map[string]string{"中国银行": "state_owned", "广发银行": "joint_stock", "建设银行": "state_owned"}
	themes := []string{"fee_reduction", "inclusive_finance", "rural_revitalization", model.FrameTheme}
	units := []string{"CNY", "CNY", "household", "percent"}
	sentences := []string{"投放贷款8亿元", "其中安置点贷款5亿元", "贷款余额达5亿元", "计划投放5亿元", "同比多增5亿元", "发放5亿元"}
	facts := make([]model.Facts, n)
	for i := range facts {
		f := &facts[i]
		f.ID = fmt.Sprintf("a%03d", rnd.Intn(n))
		f.File = fmt.Sprintf("in/%04d.txt", i)
		if rnd.Intn(20) == 0 {
			f.Skipped = "not an article"
			continue
		}
		if rnd.Intn(8) > 0 {
			f.Date = fmt.Sprintf("2022-%02d-%02d", 1+rnd.Intn(9), 1+rnd.Intn(28))
		}
		f.Quarter = model.Quarter(f.Date)
		f.PrimaryBank = banks[rnd.Intn(len(banks))]
		for _, b := range banks[1:] {
			if rnd.Intn(2) == 0 || b == f.PrimaryBank {
				f.Banks = append(f.Banks, model.BankMention{Name: b, Type: types[b]})
			}
		}
		for _, t := range themes {
			if rnd.Intn(3) == 0 {
				f.Themes = append(f.Themes, model.ThemeScore{ID: t})
			}
		}
		if i > 0 && rnd.Intn(6) == 0 {
			f.DuplicateOf = facts[rnd.Intn(i)].ID
		}
		if rnd.Intn(10) == 0 {
			f.Warnings = []string{"charset GBK converted"}
		}
		for k := rnd.Intn(12); k > 0; k-- {
			f.Metrics = append(f.Metrics, model.Metric{Text: "5亿元", Sentence: sentences[rnd.Intn(len(sentences))],
				Value: float64(1 + rnd.Intn(4)), Unit: units[rnd.Intn(len(units))], Type: []string{"amount", "customers", "percent"}[rnd.Intn(3)],
				Theme: append([]string{""}, themes...)[rnd.Intn(len(themes)+1)], Bank: banks[rnd.Intn(len(banks))], Qualifier: model.Exact})
		}
	}
	return facts
}

// TestAggregationsReference checks counts, bankRows, themeRows,
// bankTheme, sums and trend against the references they replaced
// (ref_aggregate_test.go), and the article rows against rows made in
// input order and sorted stably, on random archives, for all quarters
// and for one.
func TestAggregationsReference(t *testing.T) {
	rnd := rand.New(rand.NewSource(6))
	for n := 0; n < 300; n++ {
		facts := randomFacts(rnd, 1+rnd.Intn(200))
		for _, period := range []string{"", "2022Q2"} {
			r := Build(facts, Options{Period: period})
			var used []*model.Facts
			var articles []model.ArticleRow
			for i := range facts {
				f := &facts[i]
				if f.Skipped != "" || period != "" && quarterOf(f) != period {
					continue
				}
				articles = append(articles, articleRow(f))
				if f.DuplicateOf == "" {
					used = append(used, f)
				}
			}
			sortArticlesRef(articles)
			if len(articles) == 0 {
				articles = []model.ArticleRow{}
			}
			if !reflect.DeepEqual(r.Articles, articles) {
				t.Fatalf("%d facts, period %q: article rows differ from the stable sort's", len(facts), period)
			}
			for _, m := range r.Metrics {
				if m.ArticleRow.File != fileOf(facts, m.Metric) {
					t.Fatalf("a metric row points to the row of %s, its metric is of %s", m.ArticleRow.File, fileOf(facts, m.Metric))
				}
			}
			rowsOf := func(f *model.Facts) []model.MetricRow { return appendMetricRows(nil, f, nil) }
			if !reflect.DeepEqual(r.Trend, refTrend(facts, rowsOf)) {
				t.Fatalf("%d facts, period %q: the trend differs from the reference's", len(facts), period)
			}
			hasPrev := false
			for i := range facts {
				hasPrev = hasPrev || facts[i].Skipped == "" && quarterOf(&facts[i]) == "2022Q1"
			}
			if period != "" && !hasPrev && r.Prev != nil {
				t.Fatalf("%d facts: counts for a quarter before that is absent", len(facts))
			}
			if period != "" && hasPrev {
				pu, pm := refUsedIn(facts, "2022Q1")
				if want := refCounts(facts, "2022Q1", pu, pm); r.Prev == nil || *r.Prev != want {
					t.Fatalf("%d facts: previous quarter's counts %+v, the reference gives %+v", len(facts), r.Prev, want)
				}
				prev := map[string]model.ThemeRow{}
				for _, t := range refThemeRows(pu, pm) {
					prev[t.ID] = t
				}
				for _, th := range r.Themes {
					if p := prev[th.ID]; th.PrevArticles != p.Articles || th.PrevMoney != p.Money {
						t.Fatalf("%d facts: theme %s before: %d articles, %v money; the reference gives %d, %v", len(facts), th.ID, th.PrevArticles, th.PrevMoney, p.Articles, p.Money)
					}
				}
			}
			for _, c := range []struct {
				name      string
				got, want any
			}{
				{"counts", counts(facts, period, used, r.Metrics), refCounts(facts, period, used, r.Metrics)},
				{"bankRows", bankRows(used, r.Metrics), refBankRows(used, r.Metrics)},
				{"themeRows", themeRows(used, r.Metrics), refThemeRows(used, r.Metrics)},
				{"bankTheme", bankTheme(used, r.Metrics), refBankTheme(used, r.Metrics)},
				{"sums", sums(r.Metrics), refSums(r.Metrics)},
				{"trend", trend(facts, rowsOf), refTrend(facts, rowsOf)},
			} {
				if !reflect.DeepEqual(c.got, c.want) {
					t.Fatalf("%d facts, period %q: %s\n%+v\nthe reference gives\n%+v", len(facts), period, c.name, c.got, c.want)
				}
			}
		}
	}
}

// fileOf returns the file of the facts that hold m.
func fileOf(facts []model.Facts, m *model.Metric) string {
	for i := range facts {
		for j := range facts[i].Metrics {
			if &facts[i].Metrics[j] == m {
				return facts[i].File
			}
		}
	}
	return ""
}
