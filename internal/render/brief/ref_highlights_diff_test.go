package brief

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
	"unicode"

	"github.com/bankbrief/bankbrief/internal/model"
)

// TestHighlightsReference checks pickHighlights against the reference it
// replaced (ref_highlights_test.go) on random rows whose banks, reasons,
// types, values (0 and −0, NaN among them), articles (IDs shared by two
// rows), offsets and sentences (blank ones, and the same figure of an
// article in a longer sentence) collide often, for every max from 0 to 7.
func TestHighlightsReference(t *testing.T) {
	rnd := rand.New(rand.NewSource(4))
	themes := []string{"fee_reduction", "inclusive_finance", ""}
	banks := []string{"", "中国银行", "广发银行"}
	whys := []model.NotSummed{model.Summed, model.Summed, model.SameFigure, model.PartOfBefore, model.Stock, model.Difference, model.Planned}
	types := []string{"amount", "customers", "percent", "duration", "other"}
	units := []string{"CNY", "household"}
	sentences := []string{"全年减费让利约27亿元", "全年全行面向小微企业减免手续费合计约27亿元", "发放贷款5亿元", " ", "", "a", "\u3000\u0085\t", "\xff", " \u00a0b"}
	chosen := 0
	for n := 0; n < 3000; n++ {
		values := []float64{0, math.Copysign(0, -1), 1, 5e8, 2.7e9, 1e12}
		if n%10 == 0 {
			values = append(values, math.NaN())
		}
		articles := make([]*model.ArticleRow, 1+rnd.Intn(8))
		for i := range articles {
			articles[i] = &model.ArticleRow{ID: fmt.Sprint("a", rnd.Intn(6))}
		}
		var rows []model.MetricRow
		for k := rnd.Intn(80); k > 0; k-- {
			m := &model.Metric{Text: "x", Value: values[rnd.Intn(len(values))], Unit: units[rnd.Intn(len(units))],
				Type: types[rnd.Intn(len(types))], Theme: themes[rnd.Intn(len(themes))], Sentence: sentences[rnd.Intn(len(sentences))], Offset: rnd.Intn(5)}
			rows = append(rows, model.MetricRow{Metric: m, ArticleRow: articles[rnd.Intn(len(articles))],
				BankName: banks[rnd.Intn(len(banks))], Why: whys[rnd.Intn(len(whys))]})
		}
		for max := 0; max < 8; max++ {
			theme := themes[rnd.Intn(len(themes))]
			got, want := pickHighlights(rows, theme, max), refPickHighlights(rows, theme, max)
			if len(got) != len(want) {
				t.Fatalf("%d highlights, the reference picks %d", len(got), len(want))
			}
			for i := range got {
				g, w := got[i], want[i]
				if fmt.Sprintf("%+v", *g.Metric) != fmt.Sprintf("%+v", *w.Metric) || g.ArticleRow != w.ArticleRow || g.BankName != w.BankName || g.Why != w.Why {
					t.Fatalf("highlight %d of %d rows (max %d): %+v %+v, the reference picks %+v %+v", i, len(rows), max, g, *g.Metric, w, *w.Metric)
				}
			}
			chosen += len(got)
		}
		// Several themes at once, one of them twice: each as alone.
		several := []string{"inclusive_finance", "", "fee_reduction", "inclusive_finance"}
		for k, got := range pickThemeHighlights(rows, several, 3) {
			want := refPickHighlights(rows, several[k], 3)
			if !sameRows(got, want) {
				t.Fatalf("theme %q of several: %v, the reference picks %v", several[k], got, want)
			}
		}
	}
	if chosen < 10000 {
		t.Errorf("only %d highlights chosen", chosen)
	}
}

func sameRows(a, b []model.MetricRow) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if fmt.Sprintf("%+v", *a[i].Metric) != fmt.Sprintf("%+v", *b[i].Metric) || a[i].ArticleRow != b[i].ArticleRow || a[i].BankName != b[i].BankName || a[i].Why != b[i].Why {
			return false
		}
	}
	return true
}

// TestBlankEveryRune checks blank against strings.TrimSpace on every rune,
// alone, doubled and after a space, and on every byte alone.
func TestBlankEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		for _, s := range []string{string(r), string(r) + string(r), " " + string(r)} {
			if got, want := blank(s), strings.TrimSpace(s) == ""; got != want {
				t.Fatalf("blank(%q) = %v, want %v", s, got, want)
			}
		}
	}
	for c := 0; c < 256; c++ {
		s := " " + string([]byte{byte(c)})
		if got, want := blank(s), strings.TrimSpace(s) == ""; got != want {
			t.Fatalf("blank(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestFirstSourcesReference checks firstSources against a scan per ID
// (refSource) on rows whose IDs repeat with other sources, some empty, for
// IDs asked for that some rows have and some do not.
func TestFirstSourcesReference(t *testing.T) {
	rnd := rand.New(rand.NewSource(9))
	for n := 0; n < 500; n++ {
		r := &model.Report{}
		for k := rnd.Intn(40); k > 0; k-- {
			r.Articles = append(r.Articles, model.ArticleRow{ID: fmt.Sprint("a", rnd.Intn(12)), Source: []string{"", "人民网", "新华网", "银行官网"}[rnd.Intn(4)]})
		}
		wanted := map[string]bool{}
		for k := rnd.Intn(6); k > 0; k-- {
			wanted[fmt.Sprint("a", rnd.Intn(15))] = true
		}
		got := firstSources(r.Articles, wanted)
		for id := range wanted {
			if got[id] != refSource(id, r) {
				t.Fatalf("source of %s: %q, the reference gives %q", id, got[id], refSource(id, r))
			}
		}
		if len(got) > len(wanted) {
			t.Fatalf("%d sources for %d IDs", len(got), len(wanted))
		}
	}
}
