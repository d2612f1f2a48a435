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
