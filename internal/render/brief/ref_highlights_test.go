package brief

import (
	"strings"

	"github.com/bankbrief/bankbrief/internal/model"
)

// refPickHighlights is pickHighlights before it took the candidates off a
// heap (commit e6e5bf7): every candidate sorted with sort.SliceStable.
// pickHighlights must choose the same (ref_highlights_diff_test.go).
func refPickHighlights(metrics []model.MetricRow, theme string, max int) []model.MetricRow {
	// One candidate per figure of an article: a heading and the body
	// sentence that repeats it are one figure; quote the longer sentence.
	type key struct {
		article, unit string
		value         float64
	}
	at := map[key]int{}
	var cands []model.MetricRow
	for _, m := range metrics {
		if m.Theme != theme || strings.TrimSpace(m.Sentence) == "" {
			continue
		}
		k := key{m.ArticleID(), m.Unit, m.Value}
		if i, ok := at[k]; ok {
			if len([]rune(m.Sentence)) > len([]rune(cands[i].Sentence)) {
				own := *cands[i].Metric // the report's metric stays as it is
				own.Sentence = m.Sentence
				cands[i].Metric = &own
			}
			continue
		}
		at[k] = len(cands)
		cands = append(cands, m)
	}
	sortHighlights(cands) // the stable sort itself is unchanged; the heap replaced it
	var out []model.MetricRow
	sentences, articles := map[string]bool{}, map[string]bool{}
	for pass := 0; pass < 2 && len(out) < max; pass++ {
		for _, m := range cands {
			if len(out) == max {
				break
			}
			if sentences[m.Sentence] || (pass == 0 && articles[m.ArticleID()]) {
				continue
			}
			sentences[m.Sentence] = true
			articles[m.ArticleID()] = true
			out = append(out, m)
		}
	}
	return out
}

// refSource is how sourceLine found a figure's source before firstSources
// (commit e6e5bf7): a scan of the article rows per figure.
func refSource(id string, r *model.Report) string {
	for _, a := range r.Articles {
		if a.ID == id {
			return a.Source
		}
	}
	return ""
}
