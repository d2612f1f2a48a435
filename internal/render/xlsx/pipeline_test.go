package xlsx_test

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/aggregate"
	"github.com/bankbrief/bankbrief/internal/bank"
	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/pipeline"
	"github.com/bankbrief/bankbrief/internal/render/xlsx"
	"github.com/bankbrief/bankbrief/internal/testutil"
	"github.com/xuri/excelize/v2"
)

// TestSeedsWorkbook builds the workbook from testdata/seeds the way
// `bankbrief build` does and checks it against the facts themselves: every
// article and metric listed, sums per unit with repeats counted once,
// parts (其中) in their whole and stocks, differences and plans
// (aggregate.Balance) never, percentages never summed, and links to
// the articles' URLs.
func TestSeedsWorkbook(t *testing.T) {
	facts, _ := pipeline.Facts([]string{testutil.Seeds(t)}, pipeline.Options{Jobs: 1})
	checkWorkbook(t, facts)
}

// TestCorpusWorkbook does the same over ../shared (seeds and corpus), when
// present.
func TestCorpusWorkbook(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus build skipped in -short mode")
	}
	facts, _ := pipeline.Facts([]string{testutil.Shared(t, "seeds"), testutil.Shared(t, "corpus")}, pipeline.Options{})
	checkWorkbook(t, facts)
}

func checkWorkbook(t *testing.T, facts []model.Facts) {
	t.Helper()
	rep := aggregate.Build(facts, aggregate.Options{Generated: "2024-01-01"})
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, rep); err != nil {
		t.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("re-opening: %v", err)
	}
	defer f.Close()
	names := xlsx.SheetNames("zh")

	// What the facts say, computed here independently of internal/aggregate.
	type key struct{ bank, theme, typ, unit string }
	type mkey struct{ id, text, sentence string }
	articles, used, skipped, mentions := 0, 0, 0, 0
	sums := map[key]float64{}
	counted := map[key]int{}
	byKey := map[key]int{}
	metricRows := map[mkey]int{}
	urls := map[string]string{}
	for _, fc := range facts {
		if fc.Skipped != "" {
			skipped++
			continue
		}
		articles++
		urls[fc.ID] = fc.URL
		if fc.DuplicateOf != "" {
			continue
		}
		used++
		seen := map[string]bool{}
		themed := map[string]bool{}
		for _, m := range fc.Metrics {
			if m.Theme != "" {
				themed[strconv.FormatFloat(m.Value, 'g', -1, 64)+"|"+m.Unit+"|"+m.Qualifier] = true
			}
		}
		stock := make([]bool, len(fc.Metrics))
		parts := aggregate.Parts(fc.Metrics)
		for j, m := range fc.Metrics {
			mentions++
			metricRows[mkey{fc.ID, m.Text, m.Sentence}]++
			who := m.Bank
			if who == "" && (m.InTitle || !bank.Sector(m.Sentence)) {
				who = fc.PrimaryBank // a sector's figure stays with no bank
			}
			// a measure word as written (個) is summed with its simplified form
			k := key{who, m.Theme, m.Type, hanzi.Simplify(m.Unit)}
			byKey[k]++
			counted[k] += 0
			rk := strconv.FormatFloat(m.Value, 'g', -1, 64) + "|" + m.Unit + "|" + m.Theme
			repeat := seen[rk] || m.Theme == "" && themed[strconv.FormatFloat(m.Value, 'g', -1, 64)+"|"+m.Unit+"|"+m.Qualifier]
			seen[rk] = true
			if repeat {
				continue // a repeat: shown, not summed
			}
			stock[j] = aggregate.Balance(m)
			if !stock[j] && parts[j] {
				// A part (其中 …) of the nearest figure before it in its
				// unit that is not smaller: counted in that one.
				whole := -1
				for w := j - 1; w >= 0 && whole < 0; w-- {
					if o := fc.Metrics[w]; o.Unit == m.Unit && o.Value >= m.Value {
						whole = w
					}
				}
				if whole >= 0 {
					stock[j] = stock[whole]
					continue
				}
			}
			if stock[j] {
				continue // a stock, a difference or a plan: shown, not summed
			}
			counted[k]++
			sums[k] += m.Value
		}
	}
	if articles == 0 || mentions == 0 {
		t.Fatalf("no articles (%d) or metrics (%d) in the facts", articles, mentions)
	}

	// 概览: headline counts.
	summary := rows(t, f, names[0])
	want := map[string]int{"读取的文章": articles, "计入的文章": used, "重复转载（不计入）": articles - used, "跳过的文件": skipped, "指标（提及次数）": mentions}
	for _, row := range summary {
		if n, ok := want[first(row)]; ok {
			if got := num(t, row[1]); int(got) != n {
				t.Errorf("概览 %s = %v, facts give %d", row[0], got, n)
			}
			delete(want, row[0])
		}
	}
	if len(want) > 0 {
		t.Errorf("概览 lacks %v", want)
	}

	// 文章: one row per article.
	if got := len(rows(t, f, names[5])) - 1; got != articles {
		t.Errorf("文章 has %d rows, facts have %d articles", got, articles)
	}

	// 指标明细: every metric of a used article, once; titles link to the URL.
	detail := rows(t, f, names[4])
	col := header(detail[0])
	if len(detail)-1 != mentions {
		t.Errorf("指标明细 has %d rows, facts have %d metrics in used articles", len(detail)-1, mentions)
	}
	for i, row := range detail[1:] {
		k := mkey{cell(row, col["文章ID"]), cell(row, col["原文"]), cell(row, col["句子"])}
		if metricRows[k] == 0 {
			t.Errorf("指标明细 row %d %q is not a metric of the facts", i+2, row)
			continue
		}
		metricRows[k]--
		ref, _ := excelize.CoordinatesToCellName(col["文章"], i+2)
		formula, _ := f.GetCellFormula(names[4], ref)
		u := urls[k.id]
		if strings.HasPrefix(u, "http") && !strings.Contains(u, `"`) && len(u) <= 255 && !strings.HasPrefix(formula, `HYPERLINK("`+u+`",`) {
			t.Errorf("指标明细 row %d: title formula %q does not link %s", i+2, formula, u)
		}
	}

	// 指标汇总: counts and sums per unit, repeats once, percentages unsummed.
	sum := rows(t, f, names[2])
	col = header(sum[0])
	seenKeys := 0
	for i, row := range sum[1:] {
		theme := cell(row, col["主题"])
		if theme == "（未归类）" {
			theme = ""
		}
		k := key{cell(row, col["银行"]), themeID(theme), typeID(cell(row, col["指标类型"])), unitID(cell(row, col["单位"]))}
		if k.bank == "（未识别银行）" {
			k.bank = ""
		}
		if _, ok := counted[k]; !ok {
			t.Errorf("指标汇总 row %d %q matches no metrics of the facts (%+v)", i+2, row, k)
			continue
		}
		seenKeys++
		if got := int(num(t, cell(row, col["提及次数（全部）"]))); got != byKey[k] {
			t.Errorf("指标汇总 row %d %+v mentions %d, facts give %d", i+2, k, got, byKey[k])
		}
		if got := int(num(t, cell(row, col["计入次数（不含重复、存量）"]))); got != counted[k] {
			t.Errorf("指标汇总 row %d %+v counted %d, facts give %d", i+2, k, got, counted[k])
		}
		s := cell(row, col["合计（比例、倍数不求和）"])
		if !model.Summable(k.unit) {
			if s != "" {
				t.Errorf("指标汇总 row %d %+v sums a percentage: %s", i+2, k, s)
			}
			continue
		}
		got := num(t, s)
		if k.unit == "CNY" {
			got *= 1e4
		}
		if math.Abs(got-sums[k]) > 1e-6*math.Max(1, math.Abs(sums[k])) {
			t.Errorf("指标汇总 row %d %+v sum %v, facts give %v", i+2, k, got, sums[k])
		}
	}
	if seenKeys != len(counted) {
		t.Errorf("指标汇总 has %d of the %d bank × theme × type × unit groups", seenKeys, len(counted))
	}
}

func rows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	r, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil || len(r) == 0 {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	return r
}

func header(row []string) map[string]int {
	m := map[string]int{}
	for i, h := range row {
		m[h] = i + 1
	}
	return m
}

func cell(row []string, col int) string {
	if col >= 1 && col <= len(row) {
		return row[col-1]
	}
	return ""
}

func first(row []string) string { return cell(row, 1) }

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

func themeID(name string) string { return idOf(model.Themes, name) }
func typeID(name string) string  { return idOf(model.MetricTypes, name) }

func unitID(name string) string {
	if name == "万元" {
		return "CNY"
	}
	return idOf(model.Units, name)
}

func idOf(list []model.Label, zh string) string {
	for _, l := range list {
		if l.Zh == zh {
			return l.ID
		}
	}
	return zh
}
