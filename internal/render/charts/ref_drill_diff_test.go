package charts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/aggregate"
	"github.com/bankbrief/bankbrief/internal/model"
)

// hostilePieces are what the random strings of drillReport are made of:
// Chinese text, everything JSON or HTML escapes, line and paragraph
// separators, invalid and cut UTF-8.
var hostilePieces = []string{"银行", "贷款", "亿元", "a", "Z", "1", " ", "<", ">", "&", "\"", "\\", "/", "'",
	"\n", "\t", "\r", "\b", "\f", "\x00", "\x1f", "\x7f", "\u2028", "\u2029", "\u00e9", "\U0001F600", "\ufffd",
	"\xff", "\xe4\xb8", "\xe2\x80", "\xed\xa0\x80", "</script>", "<!--", "https://", "http://", "javascript:"}

func hostile(rnd *rand.Rand, n int) string {
	var b strings.Builder
	for k := rnd.Intn(n + 1); k > 0; k-- {
		b.WriteString(hostilePieces[rnd.Intn(len(hostilePieces))])
	}
	return b.String()
}

// drillReport aggregates random articles whose every string field is
// hostile: IDs, titles, URLs, sources, dates, banks, themes, sentences.
func drillReport(rnd *rand.Rand, lang string, n int) *model.Report {
	banks := []string{"", "广发银行", "中国银行", hostile(rnd, 3), hostile(rnd, 3)}
	themes := []string{"", "fee_reduction", "inclusive_finance", hostile(rnd, 2)}
	sentences := []string{hostile(rnd, 10), hostile(rnd, 10), "全年减费让利约27亿元"}
	var facts []model.Facts
	for i := 0; i < n; i++ {
		f := model.Facts{ID: fmt.Sprintf("a%03d%s", i, hostile(rnd, 2)), File: fmt.Sprint(i), Title: hostile(rnd, 8),
			URL:    []string{"", "https://example.com/" + hostile(rnd, 3), " HTTP://x ", "javascript:alert(1)"}[rnd.Intn(4)],
			Source: hostile(rnd, 2), Date: []string{"", "2022-01-05", "2022-03-31", "2021-12-01", hostile(rnd, 2)}[rnd.Intn(5)],
			PrimaryBank: banks[rnd.Intn(len(banks))]}
		if rnd.Intn(5) == 0 && i > 0 {
			f.DuplicateOf = facts[rnd.Intn(i)].ID
		}
		for k := rnd.Intn(4); k > 0; k-- {
			f.Themes = append(f.Themes, model.ThemeScore{ID: themes[rnd.Intn(len(themes))]})
		}
		for k := rnd.Intn(6); k > 0; k-- {
			s := sentences[rnd.Intn(len(sentences))]
			if rnd.Intn(3) == 0 {
				s = hostile(rnd, 6)
			}
			f.Metrics = append(f.Metrics, model.Metric{Text: hostile(rnd, 2), Value: float64(rnd.Intn(5)), Unit: []string{"CNY", "percent", "household", hostile(rnd, 1)}[rnd.Intn(4)],
				Type: []string{"amount", "percent", hostile(rnd, 1)}[rnd.Intn(3)], Theme: themes[rnd.Intn(len(themes))],
				Bank: banks[rnd.Intn(len(banks))], Sentence: s})
		}
		facts = append(facts, f)
	}
	return aggregate.Build(facts, aggregate.Options{Lang: lang})
}

// TestDrillReference checks that writeDrill writes the bytes of the
// reference it replaced (ref_drill_test.go): on the test reports (whose
// metric rows point to rows of their own, not the report's) and on
// aggregated random archives with hostile strings everywhere.
func TestDrillReference(t *testing.T) {
	reports := []*model.Report{buildReport("zh", seedArticles()), buildReport("en", manyBankArticles(40)), {Lang: "zh"}}
	rnd := rand.New(rand.NewSource(11))
	for i := 0; i < 200; i++ {
		reports = append(reports, drillReport(rnd, []string{"zh", "en"}[i%2], rnd.Intn(60)))
	}
	metrics := 0
	for i, r := range reports {
		_, b, err := buildPage(r)
		if err != nil {
			t.Fatal(err)
		}
		var got, want bytes.Buffer
		if err := b.writeDrill(&got); err != nil {
			t.Fatal(err)
		}
		if err := b.refWriteDrill(&want); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			g, w := got.Bytes(), want.Bytes()
			k := 0
			for k < len(g) && k < len(w) && g[k] == w[k] {
				k++
			}
			t.Fatalf("report %d: the drill-down data differ at byte %d:\n%q\nthe reference writes\n%q", i, k, g[max(0, k-80):min(len(g), k+80)], w[max(0, k-80):min(len(w), k+80)])
		}
		var d drill
		if err := json.Unmarshal(got.Bytes(), &d); err != nil {
			t.Fatalf("report %d: %v", i, err)
		}
		metrics += len(d.Metrics)
	}
	if metrics < 1000 {
		t.Errorf("only %d metric rows written: the random reports miss the rows", metrics)
	}
}

// TestDrillWriteError: the first error of the writer is returned.
func TestDrillWriteError(t *testing.T) {
	_, b, err := buildPage(drillReport(rand.New(rand.NewSource(2)), "zh", 2000))
	if err != nil {
		t.Fatal(err)
	}
	fail := errors.New("disk full")
	w := &failAfter{n: 3, err: fail}
	if err := b.writeDrill(w); !errors.Is(err, fail) {
		t.Fatalf("writeDrill returned %v, want %v", err, fail)
	}
	if w.calls != 3 {
		t.Errorf("%d writes, want none after the failing one", w.calls)
	}
}

type failAfter struct {
	n, calls int
	err      error
}

func (f *failAfter) Write(p []byte) (int, error) {
	f.calls++
	if f.calls >= f.n {
		return 0, f.err
	}
	return len(p), nil
}
