package pipeline

import (
	"strings"
	"sync"

	"github.com/bankbrief/bankbrief/internal/model"
)

// interner shares the copies of strings that recur from article to
// article: bank names, branches, theme ids, units, sources, dates, and, for
// facts read back from facts.jsonl, the sentences of syndicated copies. One
// per run, shared by the workers.
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

// maxInterned bounds an interner, so that a run over millions of articles
// with ever-new sentences cannot grow it without end; past it new strings
// are copied, not shared.
const maxInterned = 1 << 18

// maxInternLen is the longest string interned.
const maxInternLen = 2048

func (in *interner) get(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > maxInternLen {
		return strings.Clone(s)
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if t, ok := in.m[s]; ok {
		return t
	}
	t := strings.Clone(s)
	if in.m == nil {
		in.m = map[string]string{}
	}
	if len(in.m) < maxInterned {
		in.m[t] = t
	}
	return t
}

// words is one goroutine's lock-free front to an interner for the facts'
// short recurring values (units, types, qualifiers, themes, banks, dates,
// sources, warnings): a small map of the copies the interner gave it
// before, so that these lookups, a dozen for each figure of an article,
// neither take the interner's lock nor probe its large map of sentences
// and figure texts (a cache miss each). It returns the very strings the
// interner returns.
type words struct {
	in *interner
	m  map[string]string
}

// maxWords bounds a words cache; past it the interner answers.
const maxWords = 1 << 12

func newWords(in *interner) *words { return &words{in: in, m: map[string]string{}} }

func (w *words) get(s string) string {
	if s == "" {
		return ""
	}
	if t, ok := w.m[s]; ok {
		return t
	}
	t := w.in.get(s)
	if len(w.m) < maxWords {
		w.m[t] = t
	}
	return t
}

// compact gives the facts of one article their own small copies of every
// string, so that no string kept for the report holds on to the buffer of
// the article's text it was cut from (strings share the memory of the
// string they were sliced from), and recurring values are shared between
// articles. It is what lets the memory of a run grow with the facts and not
// with the text read. A sentence gets a copy of its own (once for the
// figures of one sentence): looking it up in the interner, to share it with
// syndicated copies, cost three times as much CPU at 50,000 articles
// (a large map behind a lock, a cache miss each) and saved a few MB only,
// no more than the map itself took. Files with the same bytes share all
// their facts anyway (the cache).
//
// The file, the ID (cut from the file's path) and the fingerprint (made by
// internal/dedup, or decoded from a facts line) hold no text of an article
// and are strings of their own size: they are kept as they are.
func (w *words) compact(f *model.Facts) {
	in := w.in
	f.Format = w.get(f.Format)
	f.Title = strings.Clone(f.Title)
	f.Date = w.get(f.Date)
	f.Quarter = w.get(f.Quarter)
	f.Source = w.get(f.Source)
	f.URL = strings.Clone(f.URL)
	f.PrimaryBank = w.get(f.PrimaryBank)
	for i := range f.Banks {
		b := &f.Banks[i]
		b.Name, b.Type, b.Branch = w.get(b.Name), w.get(b.Type), w.get(b.Branch)
	}
	for i := range f.Themes {
		f.Themes[i].ID = w.get(f.Themes[i].ID)
	}
	var lastFrom, lastTo string
	for i := range f.Metrics {
		m := &f.Metrics[i]
		m.Unit, m.Type, m.Qualifier = w.get(m.Unit), w.get(m.Type), w.get(m.Qualifier)
		m.Theme, m.Bank, m.Branch = w.get(m.Theme), w.get(m.Bank), w.get(m.Branch)
		if i == 0 || m.Sentence != lastFrom {
			lastFrom, lastTo = m.Sentence, strings.Clone(m.Sentence)
		}
		m.Sentence = lastTo
		// A figure's text is words of its sentence: cut from the
		// sentence's copy, it needs neither a copy nor a lookup.
		if k := strings.Index(lastTo, m.Text); k >= 0 {
			m.Text = lastTo[k : k+len(m.Text)]
		} else {
			m.Text = in.get(m.Text)
		}
	}
	f.DuplicateOf = w.get(f.DuplicateOf)
	for i := range f.Warnings {
		f.Warnings[i] = w.get(f.Warnings[i])
	}
	f.Skipped = w.get(f.Skipped)
	// Slices with spare capacity keep it: trim them.
	f.Banks = trim(f.Banks)
	f.Themes = trim(f.Themes)
	f.Metrics = trim(f.Metrics)
	f.Warnings = trim(f.Warnings)
}

// trim returns s without spare capacity (an empty s stays non-nil, as the
// facts' JSON writes [] and not null).
func trim[T any](s []T) []T {
	if cap(s) == len(s) {
		return s
	}
	return append(make([]T, 0, len(s)), s...)
}
