package charts

import (
	"encoding/json"
	"io"

	"github.com/bankbrief/bankbrief/internal/model"
)

// refWriteDrill is writeDrill before it encoded the rows by hand (commit
// e6e5bf7): a json.Encoder per article and metric, every lookup through
// its map. writeDrill must give the same bytes (ref_drill_diff_test.go).
func (b *builder) refWriteDrill(w io.Writer) error {
	head, err := b.drillHead()
	if err != nil {
		return err
	}
	ew := &errWriter{w: w}
	ew.Write(head[:len(head)-1]) // without its closing brace
	enc := json.NewEncoder(ew)
	var sentences, banks []string
	sentence, bank := map[string]int{}, map[string]int{}
	bankIndex := func(name string) int {
		if name == "" {
			return -1
		}
		i, ok := bank[name]
		if !ok {
			i = len(banks)
			bank[name] = i
			banks = append(banks, name)
		}
		return i
	}
	ew.WriteString(`,"articles":[`)
	// A metric row points to its article's row in the report.
	idx := map[*model.ArticleRow]int{}
	for i, a := range b.usedArticles() {
		idx[a] = i
		themes := a.Themes
		if themes == nil {
			themes = []string{}
		}
		if i > 0 {
			ew.WriteString(",")
		}
		enc.Encode(drillArticle{ID: a.ID, Date: a.Date, Bank: bankIndex(a.PrimaryBank), Title: a.Title,
			URL: safeURL(a.URL), Source: a.Source, Quarter: a.Quarter, Time: b.timeKey(a.Date), Themes: themes})
	}
	ew.WriteString(`],"metrics":[`)
	n := 0
	for _, m := range b.r.Metrics {
		i, ok := idx[m.ArticleRow]
		if !ok {
			continue
		}
		si, ok := sentence[m.Sentence]
		if !ok {
			si = len(sentences)
			sentence[m.Sentence] = si
			sentences = append(sentences, m.Sentence)
		}
		if n > 0 {
			ew.WriteString(",")
		}
		n++
		enc.Encode(drillMetric{Article: i, Text: m.Text, Type: m.Type, Unit: m.Unit, Theme: m.Theme,
			Bank: bankIndex(m.BankName), Sentence: si, Why: m.Why.Key()})
	}
	ew.WriteString(`],"sentences":`)
	enc.Encode(append([]string{}, sentences...))
	ew.WriteString(`,"banks":`)
	enc.Encode(append([]string{}, banks...))
	ew.WriteString("}")
	return ew.err
}

// errWriter keeps the first error of a series of writes.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) WriteString(s string) { e.Write([]byte(s)) }
