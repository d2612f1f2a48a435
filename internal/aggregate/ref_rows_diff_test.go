package aggregate

import (
	"math"
	"math/rand"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// TestMetricRowsReference checks appendMetricRows against the reference it
// replaced (ref_balance_test.go) on random articles of 0 to 60 figures,
// below and above fewMetrics, whose values, units, themes and qualifiers
// repeat (0 and −0, NaN among them) and whose sentences hold parts,
// stocks and plans.
func TestMetricRowsReference(t *testing.T) {
	rnd := rand.New(rand.NewSource(8))
	values := []float64{0, math.Copysign(0, -1), 1, 5, 5e8, 8e8, 2.4e12, math.NaN()}
	units := []string{"CNY", "CNY", "household", "percent"}
	themes := []string{"", "", "rural_revitalization", "fee_reduction"}
	qualifiers := []string{model.Exact, model.Approx}
	sentences := []string{"投放贷款8亿元", "其中安置点贷款5亿元", "贷款余额达5亿元", "计划投放5亿元", "同比多增5亿元", "其中，5亿元"}
	banks := []string{"", "中国银行", "建设银行"}
	var repeats, parts int
	for n := 0; n < 3000; n++ {
		f := &model.Facts{ID: "a", PrimaryBank: banks[rnd.Intn(len(banks))],
			Banks: []model.BankMention{{Name: "中国银行", Type: "state_owned"}, {Name: "建设银行", Type: "state_owned"}}}
		for k := rnd.Intn(61); k > 0; k-- {
			s := sentences[rnd.Intn(len(sentences))]
			f.Metrics = append(f.Metrics, model.Metric{Text: "5亿元", Sentence: s, Value: values[rnd.Intn(len(values))],
				Unit: units[rnd.Intn(len(units))], Theme: themes[rnd.Intn(len(themes))],
				Qualifier: qualifiers[rnd.Intn(len(qualifiers))], Bank: banks[rnd.Intn(len(banks))]})
		}
		a := articleRow(f)
		prefix := []model.MetricRow{{Metric: &model.Metric{Unit: "CNY", Value: 1e12}}} // rows of another article
		got := appendMetricRows(prefix, f, &a)
		want := refAppendMetricRows(prefix, f, &a)
		if len(got) != len(want) {
			t.Fatalf("%d rows, the reference gives %d", len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Metric != w.Metric || g.ArticleRow != w.ArticleRow || g.BankName != w.BankName || g.BankType != w.BankType || g.Why != w.Why {
				t.Fatalf("article of %d figures, row %d (%+v): %+v, the reference gives %+v", len(f.Metrics), i, *g.Metric, g, w)
			}
			if g.Why == model.SameFigure {
				repeats++
			}
			if g.Why == model.PartOfBefore {
				parts++
			}
		}
	}
	if repeats == 0 || parts == 0 {
		t.Errorf("%d repeats, %d parts: the random articles miss a rule", repeats, parts)
	}
}
