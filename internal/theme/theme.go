// Package theme holds the initiative taxonomy (templates/taxonomy.yaml, which
// a user may edit) and classifies sentences under themes.
//
// Input: sentences in simplified Chinese (internal/extract folds traditional
// characters first) and an article's title. Output: the theme ids each
// sentence is about, and the article's themes with their scores.
//
// All keywords of all themes are compiled once into one matcher (match.go):
// a text is scanned once whatever the number of keywords, the trie of the
// keywords walked only where a keyword's first two runes are.
package theme

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"gopkg.in/yaml.v3"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/templates"
)

// Points a sentence needs to be about a theme; a strong keyword alone has them.
const (
	sentencePoints = 2
	keyPoints      = 3
	strongPoints   = 2
	weakPoints     = 1
	weakCap        = 1
)

// Taxonomy is the loaded theme keyword lists. It is safe for concurrent use.
type Taxonomy struct {
	once sync.Once
	yml  []byte
	err  error

	ids   []string // theme ids in file order
	info  []Theme  // the themes as written in the file
	match *matcher
	// per pattern: what it scores, or the themes it masks (exclude/ignore)
	pats    []patEntry
	kinds   []patKind // per pattern
	longest int       // the longest keyword's bytes
	rule    Rule
	minPts  []int // per theme: the points one sentence needs to make it (min_points)
	sentPts []int // per theme: the points a sentence needs to count for it (sentence_points)
	ignored []string
}

// Rule says when an article is about a theme (the article: section of
// templates/taxonomy.yaml). A sentence counts for the article when its
// points reach SentencePoints; the theme is reported when MinSentences
// sentences count, or they are at least MinShare of the body's sentences,
// or one sentence reaches MinPoints, or (with Title) the title counts and
// one body sentence is about the theme, or (KeySentences > 0) that many
// counting sentences each hold one of the theme's key keywords. A theme
// may set its own SentencePoints and MinPoints (Theme).
type Rule struct {
	SentencePoints int     `yaml:"sentence_points"`
	MinSentences   int     `yaml:"min_sentences"`
	MinShare       float64 `yaml:"min_share"`
	MinPoints      int     `yaml:"min_points"`
	Title          bool    `yaml:"title"`
	KeySentences   int     `yaml:"key_sentences"`
}

type score struct {
	theme  int
	points int
}

type patEntry struct {
	// digits: the keyword begins or ends with a digit (315, 96110, 7·20),
	// so it must not be part of a longer number or a figure (315户, 720万元).
	digitStart, digitEnd bool
	scores               []score
	masks                []int // theme indexes masked; -1 = all themes
	vetoes               []int // theme indexes a sentence with this phrase is never about
}

// patKind is what occurrence, nested and masked read of a keyword at each
// of its occurrences, kept apart from its patEntry (96 bytes) in 24 bytes:
// the look-ups in some 1,500 keywords stay in cache.
type patKind struct {
	// the themes of scores and of masks as bits (bit k: theme k; masks'
	// -1 sets them all): there are fewer than 64
	scoring, masking uint64
	digits           bool // digitStart or digitEnd
	vetoes           bool // it has vetoes
}

type yamlTheme struct {
	ID          string   `yaml:"id"`
	Zh          string   `yaml:"zh"`
	En          string   `yaml:"en"`
	Description string   `yaml:"description"`
	Key         []string `yaml:"key"`
	Strong      []string `yaml:"strong"`
	Weak        []string `yaml:"weak"`
	Exclude     []string `yaml:"exclude"`
	Unless      []string `yaml:"unless"`
	MinPoints   int      `yaml:"min_points"`
	// SentencePoints overrides the article rule's sentence_points for the
	// theme: 2 makes every sentence about it count (digital_services,
	// whose strong words each name a channel).
	SentencePoints int `yaml:"sentence_points"`
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

// Theme is one theme of the taxonomy as its file defines it, for people
// checking what is recognised (bankbrief themes).
type Theme struct {
	ID, Zh, En  string
	Description string
	// Keyword tiers: Key alone makes a sentence count, Strong makes it
	// about the theme, Weak only backs the others up (see
	// templates/taxonomy.yaml). A keyword may carry ":N" points.
	Key, Strong, Weak []string
	Exclude           []string // phrases in which the theme's keywords do not count
	Unless            []string // phrases that make a sentence not about the theme
	// The theme's own article rule, 0 when it follows the article: block:
	// MinPoints, the points one sentence needs to make the theme, and
	// SentencePoints, the points a sentence needs to count for it.
	MinPoints, SentencePoints int
}

// Name returns the theme's name in the language asked for ("en" or else Chinese).
func (th Theme) Name(lang string) string {
	if lang == "en" {
		return th.En
	}
	return th.Zh
}

// Themes returns the taxonomy's themes in the file's order (nil when the
// file has an error; see Err).
func (t *Taxonomy) Themes() []Theme {
	t.build()
	return append([]Theme(nil), t.info...)
}

// Ignored returns the phrases that never count for any theme.
func (t *Taxonomy) Ignored() []string {
	t.build()
	return append([]string(nil), t.ignored...)
}

// Rule returns the article rule in use (the article: section).
func (t *Taxonomy) Rule() Rule {
	t.build()
	return t.rule
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
			t.ids, t.pats, t.kinds, t.info, t.ignored, t.minPts, t.sentPts = nil, nil, nil, nil, nil, nil, nil
		}
	})
}

func (t *Taxonomy) load() error {
	var y yamlFile
	if err := yaml.Unmarshal(t.yml, &y); err != nil {
		return fmt.Errorf("templates/taxonomy.yaml: %v; fix the YAML and rebuild", err)
	}
	t.rule = y.Article
	if t.rule.SentencePoints <= 0 {
		t.rule.SentencePoints = 3
	}
	if t.rule.MinSentences <= 0 {
		t.rule.MinSentences = 3
	}
	if t.rule.MinShare <= 0 {
		t.rule.MinShare = 0.3
	}
	if t.rule.MinPoints <= 0 {
		t.rule.MinPoints = 5
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
		if th.MinPoints < 0 {
			return fmt.Errorf("templates/taxonomy.yaml: theme %s: min_points %d is negative; leave it out to use the article rule's", th.ID, th.MinPoints)
		}
		if th.SentencePoints != 0 && (th.SentencePoints < sentencePoints || th.SentencePoints > 10) {
			return fmt.Errorf("templates/taxonomy.yaml: theme %s: sentence_points %d; use %d to 10, or leave it out to use the article rule's", th.ID, th.SentencePoints, sentencePoints)
		}
		t.minPts = append(t.minPts, th.MinPoints)
		t.sentPts = append(t.sentPts, th.SentencePoints)
		t.info = append(t.info, Theme{ID: th.ID, Zh: th.Zh, En: th.En, Description: strings.TrimSpace(th.Description),
			Key: th.Key, Strong: th.Strong, Weak: th.Weak, Exclude: th.Exclude, Unless: th.Unless,
			MinPoints: th.MinPoints, SentencePoints: th.SentencePoints})
		for _, list := range []struct {
			words  []string
			points int
		}{{th.Key, keyPoints}, {th.Strong, strongPoints}, {th.Weak, weakPoints}} {
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
		for _, w := range th.Unless {
			if w = strings.TrimSpace(w); w != "" {
				e := entry(w)
				e.vetoes = append(e.vetoes, ti)
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
			t.ignored = append(t.ignored, w)
		}
	}
	if len(t.ids) > 64 {
		// the ids are model.Themes', each once: never
		return fmt.Errorf("templates/taxonomy.yaml: %d themes; at most 64 are handled", len(t.ids))
	}
	t.kinds = make([]patKind, len(words))
	for i, w := range words {
		t.longest = max(t.longest, len(w))
		pe, k := &t.pats[i], &t.kinds[i]
		pe.digitStart = isDigit(w[0])
		pe.digitEnd = isDigit(w[len(w)-1])
		k.digits = pe.digitStart || pe.digitEnd
		k.vetoes = len(pe.vetoes) > 0
		for _, sc := range pe.scores {
			k.scoring |= 1 << sc.theme
		}
		for _, th := range pe.masks {
			if th == -1 {
				k.masking = ^uint64(0)
			} else {
				k.masking |= 1 << th
			}
		}
	}
	if t.match = newMatcher(words); t.match == nil {
		return fmt.Errorf("templates/taxonomy.yaml: the keywords are too many to match; keep them under two million runes in all")
	}
	return nil
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// figureRunes may follow a number in a figure: 315户, 720万元, 3.15%.
const figureRunes = "0123456789.%％万亿千百元户人个家名笔件次场项年月日号"

// standsAlone says a keyword that begins or ends with a digit is not part
// of a longer number or of a figure at s[b:e].
func (p *patEntry) standsAlone(s string, b, e int) bool {
	if p.digitStart && b > 0 {
		if c := s[b-1]; isDigit(c) || c == '.' {
			return false
		}
	}
	if p.digitEnd && e < len(s) {
		r, _ := utf8.DecodeRuneInString(s[e:])
		if strings.ContainsRune(figureRunes, r) {
			return false
		}
	}
	return true
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
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	var hits []Hit
	for _, h := range t.hits(sentence, sc) {
		hits = append(hits, Hit{t.ids[h.theme], h.points})
	}
	return hits
}

// scratch holds the working slices of hits, reused from sentence to
// sentence so that classifying a sentence allocates nothing.
type scratch struct {
	found, masks []span
	occ          []span // hits: the occurrences in the sentence
	vetoed       []int
	counters     []int
	seen         []bool // by pattern
	hits         []hit
	all          []span // ArticleText: the occurrences in the whole text
	marks        []int  // ArticleText: the quotation marks' offsets
	bounds       []int  // ArticleText: the sentences' bounds without them
	text         []byte // ArticleText: the unquoted text, when it had marks
	tally        []int  // article: its counters by theme
	inTitle      []bool // article: the themes of the title
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// hit is one theme of a sentence: its points, and the most points one of
// its keywords earned alone (3 or more: a key keyword).
type hit struct {
	theme, points, top int
}

// hits returns the themes of a sentence, strongest first, in sc.hits:
// valid until the next call with sc.
func (t *Taxonomy) hits(sentence string, sc *scratch) []hit {
	t.build()
	if len(t.pats) == 0 || sentence == "" {
		return nil
	}
	sentence = unquote(sentence)
	sc.occ, _ = t.match.scan(sentence, sc.occ[:0])
	for _, o := range sc.occ {
		t.occurrence(sc, sentence, o)
	}
	return t.score(sentence, sc)
}

// occurrence files an occurrence of a keyword in an unquoted sentence in
// sc's lists for score: a keyword that scores, a phrase that masks, themes
// vetoed.
func (t *Taxonomy) occurrence(sc *scratch, sentence string, sp span) {
	k := &t.kinds[sp.pat]
	if k.digits && !t.pats[sp.pat].standsAlone(sentence, sp.s, sp.e) {
		return
	}
	if k.masking != 0 { // it has masks
		sc.masks = append(sc.masks, sp)
	}
	if k.scoring != 0 { // it has scores
		sc.found = append(sc.found, sp)
	}
	if k.vetoes {
		sc.vetoed = append(sc.vetoed, t.pats[sp.pat].vetoes...)
	}
}

// score returns the themes of an unquoted sentence, strongest first, from
// the occurrences filed in sc (which it empties), in sc.hits: valid until
// the next call with sc.
func (t *Taxonomy) score(sentence string, sc *scratch) []hit {
	found, masks, vetoed := sc.found, sc.masks, sc.vetoed
	defer func() { sc.found, sc.masks, sc.vetoed = found[:0], masks[:0], vetoed[:0] }()
	if len(found) == 0 {
		return nil
	}
	n := len(t.ids)
	if cap(sc.counters) < 5*n {
		sc.counters = make([]int, 5*n)
	}
	buf := sc.counters[:5*n] // the per-theme counters
	clear(buf)
	points, top, weak := buf[:n], buf[n:2*n], buf[2*n:3*n]
	// the last keyword that scored each theme, to spot enumerations
	lastEnd, lastPts := buf[3*n:4*n], buf[4*n:]
	for i := range lastEnd {
		lastEnd[i] = -1
	}
	if len(sc.seen) < len(t.pats) {
		sc.seen = make([]bool, len(t.pats))
	}
	seen := sc.seen
	defer func() {
		for _, f := range found {
			seen[f.pat] = false
		}
	}()
	fi, mi := 0, 0 // the first of found, and of masks, that end at f.e or after
	for _, f := range found {
		for found[fi].e < f.e {
			fi++
		}
		for mi < len(masks) && masks[mi].e < f.e {
			mi++
		}
		if seen[f.pat] {
			continue
		}
		for _, sc := range t.pats[f.pat].scores {
			if t.masked(masks[mi:], f, sc.theme) || t.nested(found[fi:], f, sc.theme) {
				continue
			}
			if sc.points == weakPoints {
				// common words only back up a theme's own keywords: they add
				// at most weakCap points to a sentence
				if weak[sc.theme] >= weakCap {
					seen[f.pat] = true
					continue
				}
				weak[sc.theme]++
				points[sc.theme] += sc.points
				seen[f.pat] = true
				continue // weak words take no part in enumerations
			}
			seen[f.pat] = true
			top[sc.theme] = max(top[sc.theme], sc.points)
			if e := lastEnd[sc.theme]; e >= 0 && e <= f.s && listed(sentence[e:f.s]) {
				// items of one enumeration (A、B、C) count as one keyword,
				// the strongest: a list names themes in passing
				if sc.points > lastPts[sc.theme] {
					points[sc.theme] += sc.points - lastPts[sc.theme]
					lastPts[sc.theme] = sc.points
				}
				lastEnd[sc.theme] = f.e
				continue
			}
			points[sc.theme] += sc.points
			lastEnd[sc.theme], lastPts[sc.theme] = f.e, sc.points
		}
	}
	for _, v := range vetoed {
		points[v] = 0
	}
	hits := sc.hits[:0]
	for i, p := range points {
		if p > 0 {
			hits = append(hits, hit{i, p, top[i]})
		}
	}
	// stable insertion sort, most points first: a sentence has few themes
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].points > hits[j-1].points; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	sc.hits = hits
	return hits
}

// quoteMarks are taken out before keywords are matched: a quoted word
// (不再“全免费”, “减费”让利) reads as the phrase it is part of.
const quoteMarks = "“”‘’「」『』\""

// unquote returns s without quotation marks.
func unquote(s string) string {
	if !hasQuote(s) {
		return s
	}
	if utf8.ValidString(s) {
		// cut the marks' bytes out, copying the text between them in runs
		var b strings.Builder
		b.Grow(len(s))
		run := 0
		for i := 0; i < len(s); {
			n := quoteAt(s, i)
			if n == 0 {
				i++
				continue
			}
			b.WriteString(s[run:i])
			i += n
			run = i
		}
		b.WriteString(s[run:])
		return b.String()
	}
	// invalid bytes become U+FFFD, as strings.Map makes them
	return strings.Map(func(r rune) rune {
		// the marks are '"' and runes of U+2018–U+300F
		if r != '"' && (r < '‘' || r > '』') {
			return r
		}
		if strings.ContainsRune(quoteMarks, r) {
			return -1
		}
		return r
	}, s)
}

// quoteAt returns the length in bytes of the quote mark at s[i], or 0: '"',
// “”‘’ (E2 80 9C, 9D, 98, 99) and 「」『』 (E3 80 8C–8F).
func quoteAt(s string, i int) int {
	switch c := s[i]; {
	case c == '"':
		return 1
	case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80:
		if d := s[i+2]; d == 0x9C || d == 0x9D || d == 0x98 || d == 0x99 {
			return 3
		}
	case c == 0xE3 && i+2 < len(s) && s[i+1] == 0x80:
		if d := s[i+2]; d >= 0x8C && d <= 0x8F {
			return 3
		}
	}
	return 0
}

// hasQuote says s holds one of quoteMarks, looking at bytes only: the
// marks are '"' and three-byte runes beginning E2 80 (“”‘’) or E3 80
// (「」『』).
func hasQuote(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return true
		case (c == 0xE2 || c == 0xE3) && i+2 < len(s) && s[i+1] == 0x80:
			if r, _ := utf8.DecodeRuneInString(s[i:]); strings.ContainsRune(quoteMarks, r) {
				return true
			}
		}
	}
	return false
}

// listed says the text between two keywords separates items of one
// enumeration: it holds an enumeration comma (、) and is short, with no
// clause break.
func listed(gap string) bool {
	if !strings.Contains(gap, "、") || utf8.RuneCountInString(gap) > 4 {
		return false
	}
	return !strings.ContainsAny(gap, "，,；;。：:")
}

// nested reports whether another keyword of the same theme contains f
// (救灾 inside 抗震救灾 counts once).
// The occurrences are ordered by end, as matcher.scan reports them, and
// found begins with the first that ends at f.e or after (see endFrom): those
// that may contain f end there or after, and not past f.s + t.longest.
func (t *Taxonomy) nested(found []span, f span, theme int) bool {
	for _, g := range found {
		if g.e-t.longest > f.s {
			break // g, and those after, begin after f
		}
		if t.kinds[g.pat].scoring&(1<<theme) != 0 && g.s <= f.s && (g.s != f.s || g.e != f.e) {
			return true
		}
	}
	return false
}

// masked reports whether a phrase that masks the theme (or all themes)
// contains f. masks is ordered and begins as found in nested.
func (t *Taxonomy) masked(masks []span, f span, theme int) bool {
	for _, m := range masks {
		if m.e-t.longest > f.s {
			break
		}
		if t.kinds[m.pat].masking&(1<<theme) != 0 && m.s <= f.s {
			return true
		}
	}
	return false
}

// endFrom returns the index of the first span of spans (ordered by end)
// that ends at e or after.
func endFrom(spans []span, e int) int {
	lo, hi := 0, len(spans)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if spans[mid].e < e {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Classify returns the ids of the themes a sentence is about, strongest first.
func (t *Taxonomy) Classify(sentence string) []string {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	var ids []string
	for _, h := range t.hits(sentence, sc) {
		if h.points >= sentencePoints {
			ids = append(ids, t.ids[h.theme])
		}
	}
	return ids
}

// Article decides the themes of an article from its title and its
// sentences: a theme is reported when enough sentences are about it (see
// Rule), so that a keyword met in passing does not make a theme. Score is
// the share of the body's sentences that count for the theme; themes come
// sorted by score, then id. perSentence[i] holds the themes sentence i is
// about (2 points or more), strongest first.
func (t *Taxonomy) Article(title string, sentences []string) (themes []model.ThemeScore, perSentence [][]string) {
	t.build()
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	return t.article(title, len(sentences), sc, func(i int) []hit { return t.hits(sentences[i], sc) })
}

// ArticleText is Article with the sentences given as byte spans [start,
// end) of one text, in order and not overlapping (internal/extract's
// sentences of the folded body). The text is unquoted and scanned once,
// not sentence by sentence: each sentence takes the occurrences that lie
// within it, which are those a scan of the sentence alone finds, in the
// same order, so the result is Article's.
func (t *Taxonomy) ArticleText(title, text string, spans [][2]int) (themes []model.ThemeScore, perSentence [][]string) {
	t.build()
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	u, ok := unquoteSpans(text, spans, sc)
	all := sc.all[:0]
	if ok {
		all, ok = t.match.scan(u, all)
	}
	sc.all = all
	if !ok {
		// Not valid UTF-8 (unquote writes bad bytes as U+FFFD, which
		// moves offsets), or spans out of order: sentence by sentence.
		sentences := make([]string, len(spans))
		for i, sp := range spans {
			sentences[i] = text[sp[0]:sp[1]]
		}
		return t.article(title, len(spans), sc, func(i int) []hit { return t.hits(sentences[i], sc) })
	}
	j := 0 // the next occurrence: those before lie before the sentence
	return t.article(title, len(spans), sc, func(i int) []hit {
		us, ue := sc.bounds[2*i], sc.bounds[2*i+1]
		sentence := u[us:ue]
		for ; j < len(all) && all[j].e <= ue; j++ {
			if o := all[j]; o.s >= us {
				t.occurrence(sc, sentence, span{o.s - us, o.e - us, o.pat})
			}
		}
		return t.score(sentence, sc)
	})
}

// unquoteSpans returns text without quotation marks, as unquote makes it
// of valid UTF-8 (it leaves bad bytes as they are: the caller checks that
// the result is valid), and sets sc.bounds to the start and end of each
// span in it; ok is false when the spans are not in order or do not fall
// at the start of runes, or when bad bytes come right before a mark.
func unquoteSpans(text string, spans [][2]int, sc *scratch) (u string, ok bool) {
	// The marks, found by the library's fast searches: '"', and the
	// three-byte runes led by E2 80 or E3 80 that are marks (see quoteAt).
	// E2 and E3 only ever lead a rune, so every match is at one's start.
	marks := sc.marks[:0]
	for i := 0; ; i++ {
		k := strings.IndexByte(text[i:], '"')
		if k < 0 {
			break
		}
		i += k
		marks = append(marks, i)
	}
	for _, lead := range []string{"\xe2\x80", "\xe3\x80"} {
		for i := 0; ; i += 2 {
			k := strings.Index(text[i:], lead)
			if k < 0 {
				break
			}
			i += k
			if quoteAt(text, i) > 0 {
				marks = append(marks, i)
			}
		}
	}
	slices.Sort(marks)
	sc.marks = marks
	for _, i := range marks {
		// Bad bytes right before a mark could make a rune with the bytes
		// after it once the mark is cut out, where unquote writes U+FFFD:
		// the caller's scan would not see them (it sees the others).
		if r, size := utf8.DecodeLastRuneInString(text[:i]); r == utf8.RuneError && size == 1 {
			return "", false
		}
	}
	bounds := sc.bounds[:0]
	removed, m := 0, 0 // bytes of the marks before bound x; marks[m] the next
	for _, sp := range spans {
		for _, x := range sp {
			if x < 0 || x > len(text) || x < len(text) && !utf8.RuneStart(text[x]) ||
				len(bounds) > 0 && x < bounds[len(bounds)-1]+removed {
				return "", false
			}
			for ; m < len(marks) && marks[m] < x; m++ {
				removed += quoteAt(text, marks[m])
			}
			bounds = append(bounds, x-removed)
		}
	}
	sc.bounds = bounds
	if len(marks) == 0 {
		return text, true
	}
	b := sc.text[:0]
	run := 0
	for _, i := range marks {
		b = append(b, text[run:i]...)
		run = i + quoteAt(text, i)
	}
	b = append(b, text[run:]...)
	sc.text = b
	// u lives in sc.text, rewritten by the next call with sc: ArticleText
	// keeps no piece of it (its results are theme ids and counts).
	return unsafe.String(unsafe.SliceData(b), len(b)), true
}

// article decides the themes of an article of n sentences whose hits
// hitsOf returns, called once for each sentence in order (see Article).
// Its counters are kept in sc, which hitsOf may use too.
func (t *Taxonomy) article(title string, sentences int, sc *scratch, hitsOf func(i int) []hit) (themes []model.ThemeScore, perSentence [][]string) {
	n := len(t.ids)
	counters := slices.Grow(sc.tally[:0], 4*n)[:4*n]
	clear(counters)
	sc.tally = counters
	count := counters[:n:n]
	best := counters[n : 2*n : 2*n]
	about := counters[2*n : 3*n : 3*n] // sentences about the theme (2 points)
	keyed := counters[3*n:]            // counting sentences with a key keyword
	perSentence = make([][]string, sentences)
	// the ids of perSentence, one sentence after another: about one a
	// sentence, made at once rather than grown by doubling
	ids := make([]string, 0, sentences)
	for i := range sentences {
		hs := hitsOf(i)
		from := len(ids)
		for _, h := range hs {
			if h.points < sentencePoints {
				continue
			}
			k := h.theme
			ids = append(ids, t.ids[k])
			about[k]++
			best[k] = max(best[k], h.points)
			if h.points >= t.sentencePoints(k) {
				count[k]++
				if h.top >= keyPoints {
					keyed[k]++
				}
			}
		}
		if len(ids) > from {
			perSentence[i] = ids[from:len(ids):len(ids)]
		}
	}
	inTitle := slices.Grow(sc.inTitle[:0], n)[:n]
	clear(inTitle)
	sc.inTitle = inTitle
	if t.rule.Title {
		for _, h := range t.hits(title, sc) {
			if h.points >= t.rule.SentencePoints {
				inTitle[h.theme] = true
			}
		}
	}
	total := sentences
	themes = []model.ThemeScore{}
	if total == 0 {
		return themes, perSentence
	}
	for k, id := range t.ids {
		share := float64(count[k]) / float64(total)
		ok := count[k] >= t.rule.MinSentences || (count[k] > 0 && share >= t.rule.MinShare) ||
			best[k] >= t.minPoints(k) || (inTitle[k] && about[k] > 0) ||
			(t.rule.KeySentences > 0 && keyed[k] >= t.rule.KeySentences)
		if !ok {
			continue
		}
		themes = append(themes, model.ThemeScore{ID: id, Score: float64(int(share*1000+0.5)) / 1000, Sentences: count[k]})
	}
	slices.SortStableFunc(themes, func(a, b model.ThemeScore) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return strings.Compare(a.ID, b.ID)
	})
	return themes, perSentence
}

// sentencePoints returns the points a sentence needs to count for theme k:
// its own sentence_points, else the article rule's.
func (t *Taxonomy) sentencePoints(k int) int {
	if t.sentPts[k] > 0 {
		return t.sentPts[k]
	}
	return t.rule.SentencePoints
}

// minPoints returns the points one sentence needs to make theme k: its
// own min_points, else the article rule's.
func (t *Taxonomy) minPoints(k int) int {
	if t.minPts[k] > 0 {
		return t.minPts[k]
	}
	return t.rule.MinPoints
}

// Keywords returns the keywords of a theme found in a sentence, for people
// checking why a sentence was classified.
func (t *Taxonomy) Keywords(sentence, id string) []string {
	t.build()
	if len(t.pats) == 0 {
		return nil
	}
	ti := -1
	for i, x := range t.ids {
		if x == id {
			ti = i
		}
	}
	sentence = unquote(sentence)
	var found, masks []span
	occ, _ := t.match.scan(sentence, nil)
	for _, sp := range occ {
		p := sp.pat
		if (t.pats[p].digitStart || t.pats[p].digitEnd) && !t.pats[p].standsAlone(sentence, sp.s, sp.e) {
			continue
		}
		if len(t.pats[p].masks) > 0 {
			masks = append(masks, sp)
		}
		found = append(found, sp)
	}
	var out []string
	seen := map[int]bool{}
	for _, f := range found {
		for _, sc := range t.pats[f.pat].scores {
			if sc.theme == ti && !seen[f.pat] && !t.masked(masks[endFrom(masks, f.e):], f, ti) && !t.nested(found[endFrom(found, f.e):], f, ti) {
				seen[f.pat] = true
				out = append(out, sentence[f.s:f.e])
			}
		}
	}
	return out
}
