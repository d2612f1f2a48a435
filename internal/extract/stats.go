package extract

import (
	"fmt"
	"io"
	"sort"

	"github.com/bankbrief/bankbrief/internal/model"
)

// WriteStats prints, for people, how the facts are distributed: metric
// mentions per type, articles per theme and per primary bank type, so that
// a change to the taxonomy or the bank aliases can be judged at a glance
// (`bankbrief extract -stats`).
func WriteStats(w io.Writer, facts []model.Facts) error {
	var articles, skipped, withBank, metrics, noTheme int
	types := map[string]int{}
	themes := map[string]int{}
	metricThemes := map[string]int{}
	bankTypes := map[string]int{}
	banks := map[string]bool{}
	for _, f := range facts {
		if f.Skipped != "" {
			skipped++
			continue
		}
		articles++
		if f.PrimaryBank != "" {
			withBank++
			for _, b := range f.Banks {
				if b.Name == f.PrimaryBank {
					bankTypes[b.Type]++
				}
			}
		}
		for _, b := range f.Banks {
			banks[b.Name] = true
		}
		if len(f.Themes) == 0 {
			noTheme++
		}
		for _, t := range f.Themes {
			themes[t.ID]++
		}
		for _, m := range f.Metrics {
			metrics++
			types[m.Type]++
			metricThemes[m.Theme]++
		}
	}
	p := &printer{w: w}
	name, have := "name", "have"
	if withBank == 1 {
		name = "names"
	}
	if noTheme == 1 {
		have = "has"
	}
	p.printf("%s, %d skipped; %d %s a primary bank; %d distinct %s named\n", count(articles, "article"), skipped, withBank, name, len(banks), plural(len(banks), "bank"))
	p.printf("\nthemes (articles; %s %s none)\n", count(noTheme, "article"), have)
	p.table(model.Themes, themes, articles)
	p.printf("\nmetric types (mentions, %d in all)\n", metrics)
	p.table(model.MetricTypes, types, metrics)
	p.printf("\nmetric themes (mentions)\n")
	p.table(append(append([]model.Label(nil), model.Themes...), model.Label{ID: "", Zh: "（无）", En: "(none)"}), metricThemes, metrics)
	p.printf("\nprimary bank types (articles)\n")
	p.table(model.BankTypes, bankTypes, withBank)
	return p.err
}

// count is n with its noun, singular for one: "1 article", "2 articles".
func count(n int, noun string) string { return fmt.Sprintf("%d %s", n, plural(n, noun)) }

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// table prints the labels with a count, most first, with a bar.
func (p *printer) table(labels []model.Label, counts map[string]int, total int) {
	ls := append([]model.Label(nil), labels...)
	sort.SliceStable(ls, func(i, j int) bool { return counts[ls[i].ID] > counts[ls[j].ID] })
	for _, l := range ls {
		n := counts[l.ID]
		if n == 0 {
			continue
		}
		share := 0.0
		if total > 0 {
			share = float64(n) / float64(total)
		}
		bar := make([]byte, int(share*40+0.5))
		for i := range bar {
			bar[i] = '#'
		}
		id := l.ID
		if id == "" {
			id = "(none)"
		}
		p.printf("  %-22s %6d %5.1f%%  %-40s %s\n", id, n, share*100, bar, l.Zh)
	}
}
