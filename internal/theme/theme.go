// Package theme holds the initiative taxonomy (templates/taxonomy.yaml, which
// a user may edit) and classifies sentences under themes.
//
// Input: sentences in simplified Chinese (internal/extract folds traditional
// characters first) and an article's title. Output: the theme ids each
// sentence is about, and the article's themes with their scores.
//
// All keywords of all themes are compiled once into one Aho–Corasick
// automaton; a sentence is scanned once whatever the number of keywords.
package theme

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	ac "github.com/petar-dambovaliev/aho-corasick"
	"gopkg.in/yaml.v3"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/templates"
)

// Points a sentence needs to be about a theme; a strong keyword alone has them.
const (
	sentencePoints = 2
	strongPoints   = 2
	weakPoints     = 1
)

// Taxonomy is the loaded theme keyword lists. It is safe for concurrent use.
type Taxonomy struct {
	once sync.Once
	yml  []byte
	err  error

	ids  []string // theme ids in file order
	auto ac.AhoCorasick
	// per pattern: what it scores, or the themes it masks (exclude/ignore)
	pats []patEntry
	rule Rule
}

// Rule says when an article is about a theme.
type Rule struct {
	MinSentences int `yaml:"min_sentences"`
	MinPoints    int `yaml:"min_points"`
	TitleWeight  int `yaml:"title_weight"`
}

type score struct {
	theme  int
	points int
}

type patEntry struct {
	scores []score
	masks  []int // theme indexes masked; -1 = all themes
}

type yamlTheme struct {
	ID          string   `yaml:"id"`
	Zh          string   `yaml:"zh"`
	En          string   `yaml:"en"`
	Description string   `yaml:"description"`
	Strong      []string `yaml:"strong"`
	Weak        []string `yaml:"weak"`
	Exclude     []string `yaml:"exclude"`
}

type yamlFile struct {
	Article Rule        `yaml:"article"`
	Ignore  []string    `yaml:"ignore"`
	Themes  []yamlTheme `yaml:"themes"`
}

var (
	defaultOnce sync.Once
	defaultTax  *Taxonomy
)

// Default returns the taxonomy embedded from templates/taxonomy.yaml.
func Default() *Taxonomy {
	defaultOnce.Do(func() {
		yml, err := templates.FS.ReadFile("taxonomy.yaml")
		defaultTax = &Taxonomy{yml: yml, err: err}
	})
	return defaultTax
}

// New returns a taxonomy read from YAML in the format of
// templates/taxonomy.yaml; Err reports problems in it.
func New(yml []byte) *Taxonomy { return &Taxonomy{yml: yml} }

// Err returns the problem met while loading the taxonomy, if any; a
// taxonomy with an error classifies nothing.
func (t *Taxonomy) Err() error {
	t.build()
	return t.err
}

// IDs returns the theme ids in the file's order.
func (t *Taxonomy) IDs() []string {
	t.build()
	return append([]string(nil), t.ids...)
}

func (t *Taxonomy) build() {
	t.once.Do(func() {
		if t.err == nil {
			t.err = t.load()
		}
		if t.err != nil {
			t.ids, t.pats = nil, nil
		}
	})
}

func (t *Taxonomy) load() error {
	var y yamlFile
	if err := yaml.Unmarshal(t.yml, &y); err != nil {
		return fmt.Errorf("templates/taxonomy.yaml: %v; fix the YAML and rebuild", err)
	}
	t.rule = y.Article
	if t.rule.MinSentences <= 0 {
		t.rule.MinSentences = 2
	}
	if t.rule.MinPoints <= 0 {
		t.rule.MinPoints = 4
	}
	known := map[string]bool{}
	for _, l := range model.Themes {
		known[l.ID] = true
	}
	index := map[string]int{}
	var words []string
	at := map[string]int{}
	entry := func(w string) *patEntry {
		i, ok := at[w]
		if !ok {
			i = len(words)
			at[w] = i
			words = append(words, w)
			t.pats = append(t.pats, patEntry{})
		}
		return &t.pats[i]
	}
	for n, th := range y.Themes {
		if !known[th.ID] {
			return fmt.Errorf("templates/taxonomy.yaml: theme #%d: unknown id %q; the ids are fixed by the vocabulary (fee_reduction … party_building)", n+1, th.ID)
		}
		if _, dup := index[th.ID]; dup {
			return fmt.Errorf("templates/taxonomy.yaml: theme %s is listed twice; merge the two entries", th.ID)
		}
		ti := len(t.ids)
		index[th.ID] = ti
		t.ids = append(t.ids, th.ID)
		for _, list := range []struct {
			words  []string
			points int
		}{{th.Strong, strongPoints}, {th.Weak, weakPoints}} {
			for _, w := range list.words {
				w, p, err := parseKeyword(w, list.points)
				if err != nil {
					return fmt.Errorf("templates/taxonomy.yaml: theme %s: %v", th.ID, err)
				}
				if w == "" {
					continue
				}
				e := entry(w)
				dup := false
				for i := range e.scores {
					if e.scores[i].theme == ti {
						e.scores[i].points = max(e.scores[i].points, p)
						dup = true
					}
				}
				if !dup {
					e.scores = append(e.scores, score{ti, p})
				}
			}
		}
		for _, w := range th.Exclude {
			if w = strings.TrimSpace(w); w != "" {
				e := entry(w)
				e.masks = append(e.masks, ti)
			}
		}
	}
	for _, l := range model.Themes {
		if _, ok := index[l.ID]; !ok {
			return fmt.Errorf("templates/taxonomy.yaml: theme %s is missing; add it with its keywords", l.ID)
		}
	}
	for _, w := range y.Ignore {
		if w = strings.TrimSpace(w); w != "" {
			e := entry(w)
			e.masks = append(e.masks, -1)
		}
	}
	b := ac.NewAhoCorasickBuilder(ac.Opts{MatchKind: ac.StandardMatch, AsciiCaseInsensitive: true, DFA: true})
	t.auto = b.Build(words)
	return nil
}

// parseKeyword reads "词" or "词:3".
func parseKeyword(w string, def int) (string, int, error) {
	w = strings.TrimSpace(w)
	if i := strings.LastIndexByte(w, ':'); i > 0 {
		n, err := strconv.Atoi(w[i+1:])
		if err == nil {
			if n < 1 || n > 10 {
				return "", 0, fmt.Errorf("keyword %q: points must be 1 to 10", w)
			}
			return w[:i], n, nil
		}
	}
	return w, def, nil
}

// Hit is one theme of a sentence with the points its keywords earned.
type Hit struct {
	Theme  string
	Points int
}

type span struct{ s, e, pat int }

// Hits returns every theme whose keywords occur in the sentence, with
// their points (distinct keywords summed), strongest first. A theme is
// what the sentence is about when its points reach 2 (see Classify).
func (t *Taxonomy) Hits(sentence string) []Hit {
	t.build()
	if len(t.pats) == 0 || sentence == "" {
		return nil
	}
	var found, masks []span
	it := t.auto.IterOverlapping(sentence)
	for m := it.Next(); m != nil; m = it.Next() {
		sp := span{m.Start(), m.End(), m.Pattern()}
		e := &t.pats[sp.pat]
		if len(e.masks) > 0 {
			masks = append(masks, sp)
		}
		if len(e.scores) > 0 {
			found = append(found, sp)
		}
	}
	if len(found) == 0 {
		return nil
	}
	points := make([]int, len(t.ids))
	seen := make(map[int]bool, len(found))
	for _, f := range found {
		if seen[f.pat] {
			continue
		}
		for _, sc := range t.pats[f.pat].scores {
			if masked(t.pats, masks, f, sc.theme) {
				continue
			}
			points[sc.theme] += sc.points
			seen[f.pat] = true
		}
	}
	var hits []Hit
	for i, p := range points {
		if p > 0 {
			hits = append(hits, Hit{t.ids[i], p})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Points > hits[j].Points })
	return hits
}

func masked(pats []patEntry, masks []span, f span, theme int) bool {
	for _, m := range masks {
		if m.s > f.s || m.e < f.e {
			continue
		}
		for _, th := range pats[m.pat].masks {
			if th == -1 || th == theme {
				return true
			}
		}
	}
	return false
}

// Classify returns the ids of the themes a sentence is about, strongest first.
func (t *Taxonomy) Classify(sentence string) []string {
	var ids []string
	for _, h := range t.Hits(sentence) {
		if h.Points >= sentencePoints {
			ids = append(ids, h.Theme)
		}
	}
	return ids
}

// Article decides the themes of an article from its title and its
// sentences: a theme is reported when enough sentences are about it (see
// the article rule in templates/taxonomy.yaml), so that a keyword met in
// passing does not make a theme. Score is the share of the body's sentences
// about the theme, with the title counted as TitleWeight sentences; themes
// come sorted by score, then id. perSentence[i] holds the themes of
// sentences[i].
func (t *Taxonomy) Article(title string, sentences []string) (themes []model.ThemeScore, perSentence [][]string) {
	t.build()
	n := len(t.ids)
	count := make([]int, n)
	best := make([]int, n)
	perSentence = make([][]string, len(sentences))
	index := map[string]int{}
	for i, id := range t.ids {
		index[id] = i
	}
	for i, s := range sentences {
		for _, h := range t.Hits(s) {
			if h.Points < sentencePoints {
				continue
			}
			k := index[h.Theme]
			count[k]++
			best[k] = max(best[k], h.Points)
			perSentence[i] = append(perSentence[i], h.Theme)
		}
	}
	inTitle := make([]bool, n)
	for _, id := range t.Classify(title) {
		inTitle[index[id]] = true
	}
	total := len(sentences)
	if title != "" {
		total += t.rule.TitleWeight
	}
	themes = []model.ThemeScore{}
	for k, id := range t.ids {
		ok := count[k] >= t.rule.MinSentences || best[k] >= t.rule.MinPoints || (inTitle[k] && count[k] >= 1)
		if !ok || total == 0 {
			continue
		}
		w := count[k]
		if inTitle[k] {
			w += t.rule.TitleWeight
		}
		sc := float64(w) / float64(total)
		if sc > 1 {
			sc = 1
		}
		themes = append(themes, model.ThemeScore{ID: id, Score: float64(int(sc*1000+0.5)) / 1000, Sentences: count[k]})
	}
	sort.SliceStable(themes, func(i, j int) bool {
		if themes[i].Score != themes[j].Score {
			return themes[i].Score > themes[j].Score
		}
		return themes[i].ID < themes[j].ID
	})
	return themes, perSentence
}
