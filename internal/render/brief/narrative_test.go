package brief

import (
	"flag"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestNarrativeGolden renders every block of the brief templates for the
// sample report (with a previous quarter) and compares the words with
// testdata/narrative.LANG.golden; run with -update after editing a template.
func TestNarrativeGolden(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		d := testDoc(t, lang)
		r := sampleReport(lang)
		r.Period, r.PrevPeriod = "2022Q1", "2021Q4"
		r.Prev = &model.Counts{Files: 4, Articles: 4, Used: 3, Banks: 5, Money: 4e9}
		d.r, d.n = r, newNarrative(r, lang)
		d.n.OtherBanks = 2 // two banks named only for a figure: the note under the bank chart
		var names []string
		for _, tm := range d.tmpl.Templates() {
			if tm.Name() != d.tmpl.Name() {
				names = append(names, tm.Name())
			}
		}
		sort.Strings(names)
		var b strings.Builder
		for _, name := range names {
			var data any = d.n
			switch name {
			case "page":
				data = map[string]any{"N": 2, "Total": 3}
			case "vs_prev":
				data = map[string]any{"PrevName": d.n.PrevName, "Delta": "+2"}
			case "theme_line":
				data = d.n.TopTheme
			}
			b.WriteString(name + ": " + d.text(name, data) + "\n")
		}
		if d.err != nil {
			t.Fatal(d.err)
		}
		testutil.Golden(t, filepath.Join("testdata", "narrative."+lang+".golden"), []byte(b.String()), *update,
			"go test ./internal/render/brief -run Narrative -update (after editing a template)")

	}
}

// TestEveryReasonLabelled checks that each template names every reason a
// figure is listed but not summed as not done (Balance): the highlights
// label such a figure with its reason's block. Repeats are never
// highlighted.
func TestEveryReasonLabelled(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		d := testDoc(t, lang)
		for _, w := range model.Reasons {
			if w.Key() == "" {
				t.Fatalf("reason %d has no key", w)
			}
			if !(model.MetricRow{Why: w}).Balance() {
				continue
			}
			if got := d.text(w.Key(), nil); got == "" || d.err != nil {
				t.Errorf("templates/brief.%s.tmpl has no text for %q: %v", lang, w.Key(), d.err)
				d.err = nil
			}
		}
	}
}

// TestDateLabels: the date the brief gives is what it is — the latest
// article's ("数据截至", not "生成日期", which it used to say), and the day
// the brief was made only when it is given (SOURCE_DATE_EPOCH).
func TestDateLabels(t *testing.T) {
	for _, tc := range []struct {
		lang, generated, want, not string
	}{
		{"zh", "", "数字指标 14 项 · 数据截至 2022-10-11", "生成日期"},
		{"zh", "2024-05-01", "· 数据截至 2022-10-11 · 生成日期 2024-05-01", ""},
		{"en", "", "14 figures · data up to 2022-10-11", "generated"},
		{"en", "2024-05-01", "· data up to 2022-10-11 · generated 2024-05-01", ""},
	} {
		d := testDoc(t, tc.lang)
		r := sampleReport(tc.lang)
		r.Generated = tc.generated
		d.r, d.n = r, newNarrative(r, tc.lang)
		for _, block := range []string{"scope", "footer"} {
			got := d.text(block, d.n)
			want := tc.want
			if block == "footer" {
				want = want[strings.Index(want, "·"):]
			}
			if !strings.Contains(got, want) || tc.not != "" && strings.Contains(got, tc.not) {
				t.Errorf("%s %s, made on %q: %q; want %q", tc.lang, block, tc.generated, got, want)
			}
		}
	}
}

// TestQualityAccountsForEveryFile: a quarter's brief says where every
// input file went. On the corpus, -quarter 2022Q1 said "输入文件 161 个，
// 读取文章 8 篇。没有跳过的文件、缺日期的文章或重复转载" and nothing of the
// other 153: 45 of other quarters and 108 without a date, left out.
func TestQualityAccountsForEveryFile(t *testing.T) {
	for _, tc := range []struct{ lang, want, leftOut, not string }{
		{"zh", "输入文件 161 个：2022年第一季度的文章 8 篇，其他季度的文章 45 篇，没有发布日期的文章 108 篇。",
			"没有发布日期的文章不属任何季度，未计入本期", "没有跳过的文件"},
		{"en", "161 input files: 8 articles of 2022 Q1, 45 of other quarters, 108 without a date.",
			"An article without a date is in no quarter and is left out", "No file skipped"},
	} {
		d := testDoc(t, tc.lang)
		r := sampleReport(tc.lang)
		r.Period, r.Skipped = "2022Q1", nil
		r.Counts = model.Counts{Files: 161, Articles: 8, OtherPeriods: 45, UndatedLeftOut: 108, Used: 8, Banks: 6, Metrics: 86}
		d.r, d.n = r, newNarrative(r, tc.lang)
		got := d.text("quality", d.n)
		if !strings.HasPrefix(got, tc.want) || !strings.Contains(got, tc.leftOut) || strings.Contains(got, tc.not) {
			t.Errorf("%s: %q\nwant it to start %q and say %q", tc.lang, got, tc.want, tc.leftOut)
		}
	}
}
