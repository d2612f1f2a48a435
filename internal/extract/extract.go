// Package extract is the second stage: model.Article → model.Facts. It splits
// the body into sentences, finds banks (internal/bank), themes
// (internal/theme) and metrics (internal/metric), assigns each metric the
// theme and bank of its sentence (else paragraph, else heading), and picks
// the article's primary bank.
//
// Traditional characters and inline pinyin are folded before matching;
// offsets, sentences and metric texts are reported in the original body.
//
// Headline figures: the labels count a figure in a headline and again in
// the body as two mentions, so the figures of a headline shown above the
// text (scraped text and HTML pages, when the body does not repeat the
// headline) come first in Facts.Metrics. Such a metric's Sentence is the
// headline (Facts.Title) and its Offset is the rune offset of its Text in
// the headline, not in the body; Metric.InTitle marks it. It takes the
// theme and bank of the same figure in the body, so reports count it once.
// Front-matter titles (Jekyll/Hexo) are metadata and are not read.
package extract

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/bank"
	"github.com/bankbrief/bankbrief/internal/metric"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/theme"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// Extractor holds the registry and taxonomy; it is safe for concurrent use.
type Extractor struct {
	Banks  *bank.Registry
	Themes *theme.Taxonomy

	classesOnce sync.Once
	classes     *classTable // made from Banks at the first Extract
}

// New returns an Extractor with the embedded registry and taxonomy.
func New() *Extractor { return &Extractor{Banks: bank.Default(), Themes: theme.Default()} }

// sentence is one sentence of the folded body.
type sentence struct {
	start, end int // byte offsets in the folded body
	rstart     int // rune offset of start in the folded body
	para       int // paragraph index
	// fig is the byte offset in the sentence of its first rune that is
	// not metric.Silent, figRune its rune offset; -1 when all are (then
	// metric.Find has nothing to report in it)
	fig, figRune int
}

// paragraph is one "\n"-separated paragraph of the folded body.
type paragraph struct {
	first, last int // sentence indexes [first, last)
	heading     bool
}

// headingMax is the longest paragraph, in runes, read as a heading when it
// has no end punctuation.
const headingMax = 40

// short says a line has at most headingMax runes. A rune takes 1 to 4
// bytes: they are counted only when the length leaves it in doubt.
func short(t string) bool {
	return len(t) <= headingMax || len(t) <= 4*headingMax && hanzi.RuneCount(t) <= headingMax
}

// split cuts the folded body into paragraphs and sentences. Sentences end
// after 。！？；!?; (closing quotes kept with them) and at paragraph breaks.
func split(body string) ([]sentence, []paragraph) {
	sents, paras, _, _, _ := splitInto(body, nil, nil, false, plainClasses, nil)
	return sents, paras
}

// splitInto is split appending to sents[:0] and paras[:0]; it also returns
// the number of runes of the body, and appends to at[:0] the starts of its
// runes of class bankEnd (for bank.Registry.FindAt, which saves a pass). With
// check set, it gives up (ok false) at the first rune fold would change or
// take out: a body it splits with check set is its own fold, split without
// a pass of fold's.
func splitInto(body string, sents []sentence, paras []paragraph, check bool, classes *classTable, at []int) (_ []sentence, _ []paragraph, _ []int, runes int, ok bool) {
	sents, paras, at = sents[:0], paras[:0], at[:0]
	rune0 := 0
	for pstart := 0; pstart <= len(body); {
		pend := strings.IndexByte(body[pstart:], '\n')
		if pend < 0 {
			pend = len(body)
		} else {
			pend += pstart
		}
		p := paragraph{first: len(sents)}
		text := body[pstart:pend]
		if t := strings.TrimSpace(text); t != "" {
			last, _ := utf8.DecodeLastRuneInString(t)
			p.heading = short(t) && !strings.ContainsRune("。！？；!?;：:，,…”」\"", last)
		}
		s, r := pstart, rune0
		cnt := 0              // runes in body[s:i], counted as they are decoded
		fig, figRune := -1, 0 // the first rune of body[s:i] not metric.Silent
		for i := pstart; i < pend; {
			c, n := rune(body[i]), 1
			if b := body[i]; (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) && i+2 < pend && body[i+1]&0xC0 == 0x80 && body[i+2]&0xC0 == 0x80 {
				// a three-byte rune decoded inline (E1–EC, EE–EF lead bytes
				// take any two continuation bytes)
				c, n = rune(b&0x0F)<<12|rune(body[i+1]&0x3F)<<6|rune(body[i+2]&0x3F), 3
			} else if b >= utf8.RuneSelf {
				c, n = utf8.DecodeRuneInString(body[i:])
			}
			class := classes.of(c)
			cnt++
			if class&(mayFold|bankEnd|stop|figure) == 0 {
				i += n // most runes: one test
				continue
			}
			if class&figure != 0 && fig < 0 {
				fig, figRune = i-s, cnt-1
			}
			if check && class&mayFold != 0 && folds(body, i, c, n) {
				return sents, paras, at, 0, false
			}
			if class&bankEnd != 0 {
				at = append(at, i)
			}
			i += n
			if class&stop == 0 {
				continue
			}
			for i < pend {
				q, m := utf8.DecodeRuneInString(body[i:])
				if !closingQuote(q) {
					break
				}
				if classes.of(q)&bankEnd != 0 {
					at = append(at, i)
				}
				i += m
				cnt++
			}
			sents = appendSentence(sents, body, s, i, r, len(paras), fig, figRune)
			r += cnt
			cnt = 0
			fig, figRune = -1, 0
			s = i
		}
		sents = appendSentence(sents, body, s, pend, r, len(paras), fig, figRune)
		p.last = len(sents)
		paras = append(paras, p)
		rune0 = r + cnt + 1 // past the paragraph's runes and its "\n"
		pstart = pend + 1
	}
	return sents, paras, at, rune0 - 1, true
}

// The classes of runes splitInto tells apart, by a look-up in a
// classTable for those below U+10000 (one test where it made four).
const (
	mayFold = 1 << iota // fold may change or take out the rune (folds says)
	figure              // not metric.Silent: a number may start there
	stop                // ends a sentence (sentenceEnd)
	bankEnd             // a bank name may end with it (bank.EndRunes.Has)
)

// classTable is runeClasses with bankEnd set for the runes a registry's
// names end with.
type classTable [0x10000]uint8

func newClassTable(ends bank.EndRunes) *classTable {
	t := classTable(runeClasses)
	for c := range t {
		if ends.Has(rune(c)) {
			t[c] |= bankEnd
		}
	}
	return &t
}

// plainClasses is runeClasses with no bank names' ends (split's).
var plainClasses = newClassTable(bank.EndRunes{})

// of returns the class of c; beyond U+10000 bankEnd is set, as
// bank.EndRunes.Has says of those runes (FindAt looks them up).
func (t *classTable) of(c rune) uint8 {
	if uint32(c) < 0x10000 {
		return t[c]
	}
	return classOf(c) | bankEnd
}

// classTable returns the classes of runes with the ends of x.Banks' names,
// made once.
func (x *Extractor) classTable() *classTable {
	x.classesOnce.Do(func() { x.classes = newClassTable(x.Banks.EndRunes()) })
	return x.classes
}

func classOf(c rune) uint8 {
	var class uint8
	if c == '(' || c >= utf8.RuneSelf && (hanzi.Rune(c) != c || c >= 0xFF01 && c <= 0xFF5E || c == utf8.RuneError) {
		class |= mayFold
	}
	if !metric.Silent(c) {
		class |= figure
	}
	if sentenceEnd(c) {
		class |= stop
	}
	return class
}

// runeClasses holds classOf of the runes below U+10000.
var runeClasses = func() (t [0x10000]uint8) {
	for c := range t {
		t[c] = classOf(rune(c))
	}
	return t
}()

func sentenceEnd(c rune) bool {
	switch c {
	case '。', '！', '？', '；', '!', '?', ';':
		return true
	}
	return false
}

func closingQuote(c rune) bool {
	switch c {
	case '”', '’', '」', '』', '"', '\'', '）', ')':
		return true
	}
	return false
}

func appendSentence(sents []sentence, body string, s, e, rs, para, fig, figRune int) []sentence {
	if strings.TrimSpace(body[s:e]) == "" {
		return sents
	}
	return append(sents, sentence{start: s, end: e, rstart: rs, para: para, fig: fig, figRune: figRune})
}

// Extract returns the facts of one article.
func (x *Extractor) Extract(a model.Article) model.Facts {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	// Most bodies are their own fold (simplified text, no pinyin): split
	// as they are, checking, unless fold changes a rune.
	// The starts of the runes bank names end with are noted on the way.
	classes := x.classTable()
	sents, paras, bankAt, runes, same := splitInto(a.Body, sc.sents, sc.paras, true, classes, sc.bankAt)
	body := folded{text: a.Body, runes: runes, valid: true, same: true}
	if !same {
		body = foldInto(a.Body, sc.orig, sc.at)
		sc.orig, sc.at = body.orig, body.at
		sents, paras, bankAt, _, _ = splitInto(body.text, sents, paras, false, classes, bankAt)
	}
	sc.sents, sc.paras, sc.bankAt = sents, paras, bankAt
	f := model.Facts{
		ID: a.ID, File: a.File, Format: a.Format, Title: a.Title, TitleFromBody: a.TitleFromBody,
		Date: a.Date, Quarter: model.Quarter(a.Date), Source: a.Source, URL: a.URL,
		Chars: body.runes, Banks: []model.BankMention{}, Themes: []model.ThemeScore{},
		Metrics: []model.Metric{}, Warnings: append([]string{}, a.Warnings...),
	}
	tf := foldInto(a.Title, sc.titleOrig, sc.titleAt)
	sc.titleOrig, sc.titleAt = tf.orig, tf.at
	title := tf.text
	texts := sc.texts[:0]
	spans := sc.spans[:0]
	for _, s := range sents {
		texts = append(texts, body.text[s.start:s.end])
		spans = append(spans, [2]int{s.start, s.end})
	}
	sc.texts, sc.spans = texts, spans
	defer func() { clear(sc.texts) }() // pieces of the body

	// Themes.
	themeTitle := title
	if a.TitleFromBody {
		themeTitle = "" // the title is the first sentence: do not count it twice
	}
	var perSentence [][]string
	f.Themes, perSentence = x.Themes.ArticleText(themeTitle, body.text, spans)
	reported := map[string]bool{}
	for _, t := range f.Themes {
		reported[t.ID] = true
	}

	// Banks.
	titleBanks := x.Banks.Find(title)
	bodyBanks := x.Banks.AppendFindAt(sc.bodyBanks[:0], body.text, bankAt)
	sc.bodyBanks = bodyBanks
	defer func() { clear(sc.bodyBanks) }() // pieces of the body
	captions := captionFinder{text: body.text, sents: sents, last: -1}
	isCaption := captions.at
	lead := 0 // byte end of the body's first paragraph with text
	for _, p := range paras {
		if p.last > p.first {
			lead = sents[p.last-1].end
			break
		}
	}
	amongSeveral := func(at int) bool { // 其中农业银行蝉联第一, after 四大国有行…
		k := sort.Search(len(sents), func(i int) bool { return sents[i].end > at })
		if k == len(sents) || sents[k].start > at {
			return false
		}
		if !strings.HasSuffix(body.text[sents[k].start:at], "其中") && !aboutSeveralBanks(body.text[sents[k].start:sents[k].end]) {
			return false
		}
		// …其中，桂东农商银行成立了春耕服务小分队。该行…该行…: the article
		// goes on about it
		return strings.Count(body.text[sents[k].end:], "该行")+strings.Count(body.text[sents[k].end:], "該行") < 2
	}
	bankOf := slices.Grow(sc.bankOf[:0], len(sents))[:len(sents)] // banks in each sentence
	for i := range bankOf {
		bankOf[i] = bankOf[i][:0]
	}
	sc.bankOf = bankOf
	si := 0
	for _, m := range bodyBanks {
		if m.NotBank {
			continue
		}
		for si < len(sents) && sents[si].end <= m.Start {
			si++
		}
		if si < len(sents) && sents[si].start <= m.Start {
			bankOf[si] = append(bankOf[si], m)
		}
	}
	// 1.中国银行 …… 2.中国工商银行 ……: sections headed by banks' names
	sections := sectionBanks(body.text, sents, bankOf) > 1
	f.Banks, f.PrimaryBank = rankBanks(title, titleBanks, bodyBanks, len(body.text), lead, a.TitleFromBody, len(f.Themes) > 0, sections, isCaption, amongSeveral)
	if len(f.Banks) == 0 {
		// A bank's own page names itself only as its source (来源：浙江安吉农商银行)
		// and 我行 in the text: the source is its bank.
		if m, ok := sourceBank(x.Banks.Find(a.Source), a.Source); ok {
			f.Banks = []model.BankMention{{Name: m.Name, Type: m.Type, Branch: m.Branch, Mentions: 1}}
			f.PrimaryBank = m.Name
		}
	}

	// Metrics: the headline's first (see titleMetrics), then the body's.
	// The body's metrics are gathered in the scratch and copied once, at
	// their number, into the facts: no slice grown by doubling (a metric
	// is some 200 bytes) and none with spare capacity kept.
	src := source{s: a.Body, f: &body, slicer: runeSlicer{s: a.Body, checked: true, valid: body.valid}}
	metrics, found := sc.metrics[:0], sc.found[:0]
	defer func() { clear(sc.metrics); clear(sc.found) }() // their strings are the facts'
	// the byte offsets of the metrics in their sentence
	var offsets offsetCursor
	models := modelNames(body.text) // 构建“1+1+3+N”体系, read before its parts
	for i, s := range sents {
		if s.fig < 0 {
			continue // metric.Find would find nothing
		}
		offsets = offsetCursor{s: texts[i]}
		ms, warns := metric.AppendFindFrom(found[:0], texts[i], s.fig, s.figRune)
		if len(models) > 0 {
			ms = dropModelParts(ms, texts[i], s.start, models)
		}
		found = ms
		f.Warnings = append(f.Warnings, warns...)
		sentence, known := "", false // the sentence's original text, made for its first metric
		// A sentence naming no bank of its own may be about the sector
		// (bank.SectorFolded); asked once per sentence.
		sector := len(ms) > 0 && len(bankOf[i]) == 0 && bank.SectorFolded(texts[i])
		for _, m := range ms {
			rel := m.Offset
			start := s.rstart + rel
			n := hanzi.RuneCount(m.Text)
			if start < 0 || start+n > body.count() || n == 0 {
				continue
			}
			if body.same {
				// the metric's text is the original's, at the same offsets
				m.Offset = start
				m.Text = strings.Clone(m.Text)
			} else {
				m.Offset = int(body.orig[start])
				folded := m.Text
				m.Text = src.text(start, start+n)
				m.Unit = unitAsWritten(m, folded, start, src.text)
			}
			if !known {
				sentence, known = strings.TrimSpace(origText(&src, body, s)), true
				if l := listLead(i, sents, paras, texts); l >= 0 {
					// an item of a list: its lead-in says what it measures
					sentence = strings.TrimSpace(origText(&src, body, sents[l])) + sentence
				}
			}
			m.Sentence = sentence
			m.Theme = metricTheme(i, sents, paras, perSentence, reported)
			at := s.start + offsets.at(rel)
			m.Bank, m.Branch = metricBank(i, at, sector, sents, paras, bankOf, f.PrimaryBank)
			if m.Bank != "" && groupsFigure(texts[i], at-s.start, bankOf[i], s.start) {
				m.Bank, m.Branch = "", ""
			}
			metrics = append(metrics, m)
		}
	}
	sc.metrics, sc.found = metrics, found
	f.Metrics = metrics // for titleMetrics, which reads them
	var tm []model.Metric
	if headlineShown(a) {
		// read first: most headlines have no figure, and then the body
		// is not searched for the headline
		if tm = x.titleMetrics(a.Title, tf, titleBanks, f); len(tm) > 0 && repeatsHeadline(a.Body, a.Title) {
			tm = nil
		}
	}
	f.Metrics = append(append(make([]model.Metric, 0, len(tm)+len(metrics)), tm...), metrics...)
	return f
}

// modelName is a model's name made of counts joined by + (1+1+3+N):
// where it ends in the body, and its counts.
type modelName struct {
	end   int
	parts []int
}

// modelNames finds the names of models made of counts joined by + in a
// body (构建“1+1+3+N”体系, “1+N”服务模式): two or more numbers, or numbers
// and N, with + or ＋ between them. It looks only around the pluses.
func modelNames(text string) []modelName {
	var out []modelName
	wide := -2 // the next ＋ at or after from, -1 for none, -2 not yet looked for
	for from := 0; from < len(text); {
		if wide != -1 && wide < from {
			if wide = strings.Index(text[from:], "＋"); wide >= 0 {
				wide += from
			}
		}
		p := strings.IndexByte(text[from:], '+')
		if p >= 0 {
			p += from
		}
		if p < 0 || wide >= 0 && wide < p {
			p = wide
		}
		if p < 0 {
			break
		}
		// the run of counts, Ns and pluses around it
		rs, re := p, p
		for rs > from {
			if inModel(text[rs-1]) {
				rs--
			} else if strings.HasSuffix(text[from:rs], "＋") {
				rs -= len("＋")
			} else {
				break
			}
		}
		for re < len(text) {
			if inModel(text[re]) {
				re++
			} else if strings.HasPrefix(text[re:], "＋") {
				re += len("＋")
			} else {
				break
			}
		}
		for i := rs; i < re; {
			if md, ok := readModel(text, i); ok {
				out = append(out, md)
				i = md.end
				continue
			}
			i++
		}
		from = re
	}
	return out
}

// inModel says c may be part of a model's name: a digit, N or +.
func inModel(c byte) bool { return c >= '0' && c <= '9' || c == 'N' || c == 'n' || c == '+' }

// readModel reads a model's name starting at byte i (1+1+3+N); end is
// where the counts and pluses read end.
func readModel(text string, i int) (modelName, bool) {
	var parts []int
	terms, j := 0, i
	for {
		k := j
		n, digits := 0, false
		for k < len(text) && text[k] >= '0' && text[k] <= '9' && k-j < 3 {
			n = n*10 + int(text[k]-'0')
			k++
			digits = true
		}
		if !digits {
			if k < len(text) && (text[k] == 'N' || text[k] == 'n') {
				k++
			} else {
				break
			}
		} else {
			parts = append(parts, n)
		}
		terms++
		j = k
		if strings.HasPrefix(text[j:], "+") {
			j++
		} else if strings.HasPrefix(text[j:], "＋") {
			j += len("＋")
		} else {
			break
		}
	}
	md := modelName{end: j, parts: parts}
	return md, terms >= 2 && len(parts) > 0 && (i == 0 || !isASCIIAlnum(text[i-1]))
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// dropModelParts removes from the metrics of a short sentence (a heading,
// at most 16 runes) starting at byte start of the body the small counts
// that are parts of a model named before it (构建“1+1+3+N”体系 … 【3】搭建3个
// 平台): they say how the model is built, not what the bank did.
func dropModelParts(ms []model.Metric, sentence string, start int, models []modelName) []model.Metric {
	if hanzi.RuneCount(sentence) > 16 {
		return ms
	}
	out := ms[:0]
	for _, m := range ms {
		if !modelPart(m, start, models) {
			out = append(out, m)
		}
	}
	return out
}

// modelPart says a metric is a small whole count, as written, of a model
// named within 3,000 bytes before the sentence at start.
func modelPart(m model.Metric, start int, models []modelName) bool {
	if m.Value >= 10 || m.Value != float64(int(m.Value)) || m.ValueHigh != 0 || m.Qualifier != model.Exact {
		return false
	}
	for _, md := range models {
		if md.end > start || start-md.end > 3000 {
			continue
		}
		if slices.Contains(md.parts, int(m.Value)) {
			return true
		}
	}
	return false
}

// headlineShown says the page shows a headline above its text (scraped
// text and HTML pages; not one made from the body's first sentence, and not
// a Jekyll/Hexo front-matter title, which is metadata an analyst does not
// read as part of the article). Its figures are read as mentions of their
// own unless the body repeats it (repeatsHeadline).
func headlineShown(a model.Article) bool {
	return strings.TrimSpace(a.Title) != "" && !a.TitleFromBody && a.Format != model.FormatJekyll
}

// repeatsHeadline says the body holds the headline, as it is or once spaces
// and line breaks are taken out (a headline printed over two lines at the
// top of the body). Called only for headlines with figures, so the copies
// are rare.
func repeatsHeadline(body, title string) bool {
	if t := strings.TrimSpace(title); t != "" && strings.Contains(body, t) {
		return true
	}
	var t []rune // the headline's runes but spaces
	for _, r := range title {
		if !unicode.IsSpace(r) {
			t = append(t, r)
		}
	}
	return len(t) > 0 && containsNoSpace(body, t)
}

// containsNoSpace says s holds the runes t (none a space) once its spaces
// are taken out, invalid bytes read as U+FFFD, without making that copy
// of s.
func containsNoSpace(s string, t []rune) bool {
	for i, r := range s {
		if r != t[0] {
			continue
		}
		k := 0
		for _, c := range s[i:] {
			if unicode.IsSpace(c) {
				continue
			}
			if c != t[k] {
				break
			}
			if k++; k == len(t) {
				return true
			}
		}
	}
	return false
}

// titleMetrics reads the figures of the headline. A headline metric has the
// headline as its Sentence and its rune offset within the headline as its
// Offset (the headline is not part of the body). It takes the theme and
// bank of the same figure in the body when the body repeats it, so that
// reports count the figure once; else the headline's own theme and bank.
func (x *Extractor) titleMetrics(title string, tf folded, titleBanks []bank.Match, f model.Facts) []model.Metric {
	ms, _ := metric.Find(tf.text)
	if len(ms) == 0 {
		return nil
	}
	runes := []rune(title)
	sentence := strings.TrimSpace(title)
	lead := hanzi.RuneCount(title) - hanzi.RuneCount(strings.TrimLeftFunc(title, unicode.IsSpace))
	reported := map[string]bool{}
	for _, t := range f.Themes {
		reported[t.ID] = true
	}
	titleTheme := ""
	for _, id := range x.Themes.Classify(tf.text) {
		if reported[id] && id != model.FrameTheme {
			titleTheme = id
			break
		}
	}
	out := make([]model.Metric, 0, len(ms))
	for _, m := range ms {
		n := hanzi.RuneCount(m.Text)
		if n == 0 || m.Offset < 0 || m.Offset+n > len(tf.orig) {
			continue
		}
		orig := func(from, to int) string { return string(runes[tf.orig[from] : tf.orig[to-1]+1]) }
		folded := m.Text
		m.Text = orig(m.Offset, m.Offset+n)
		m.Unit = unitAsWritten(m, folded, m.Offset, orig)
		os := int(tf.orig[m.Offset])
		m.Offset = os - lead
		m.Sentence = sentence
		m.InTitle = true
		twin := -1
		for i, b := range f.Metrics {
			if b.Value == m.Value && b.Unit == m.Unit {
				twin = i
				break
			}
		}
		switch {
		case twin >= 0:
			m.Theme, m.Bank, m.Branch = f.Metrics[twin].Theme, f.Metrics[twin].Bank, f.Metrics[twin].Branch
		default:
			m.Theme, m.Bank = titleTheme, f.PrimaryBank
			for _, b := range titleBanks {
				if !b.NotBank {
					m.Bank, m.Branch = b.Name, b.Branch
					break
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// byteOffset returns the byte offset of the rune offset r in s (len(s)
// when s has fewer runes, or r < 0), runes read as a range loop reads
// them, the three-byte ones of Chinese text inline.
func byteOffset(s string, r int) int {
	if r < 0 {
		return len(s)
	}
	i := 0
	for ; r > 0 && i < len(s); r-- {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			i++
		case (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// E1–EC, EE–EF lead bytes take any two continuation bytes
			i += 3
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
	}
	return i
}

// offsetCursor returns the byte offsets of rune offsets of one text, as
// byteOffset does, reading on from the last one asked for: the metrics of
// a sentence come in order.
type offsetCursor struct {
	s    string
	r, b int // rune r of s starts at byte b
}

func (c *offsetCursor) at(r int) int {
	if r < 0 {
		return len(c.s)
	}
	if r < c.r {
		c.r, c.b = 0, 0
	}
	b := c.b + byteOffset(c.s[c.b:], r-c.r)
	if b < len(c.s) {
		c.r, c.b = r, b // else r may be past the end: the cursor stays
	}
	return b
}

// origText returns the original text of a sentence of the folded body.
func origText(src *source, body folded, s sentence) string {
	if body.same {
		return strings.Clone(body.text[s.start:s.end])
	}
	n := hanzi.RuneCount(body.text[s.start:s.end])
	if n == 0 || s.rstart+n > len(body.orig) {
		return ""
	}
	return src.text(s.rstart, s.rstart+n)
}

// listLead returns the sentence that leads in a list whose item is
// sentence i, or -1. A list is written one item per line under a line
// ending with a colon:
//
//	2017年,21家主要银行绿色信贷余额如下:
//	工商银行:1.2万亿元
//	建设银行:9035亿元
//
// Sentence i's paragraph and every one between it and the lead-in must be
// a short line of one sentence, with no end punctuation (a blank line or a
// sentence of its own ends the list); the lead-in is the last sentence of
// the paragraph before them, if it ends with a colon.
func listLead(i int, sents []sentence, paras []paragraph, texts []string) int {
	p := sents[i].para
	for q := p; q >= 0 && p-q <= listMax; q-- {
		pa := paras[q]
		n := pa.last - pa.first
		if n == 0 {
			return -1 // a blank line ends a list
		}
		last := strings.TrimSpace(texts[pa.last-1])
		if q < p && (strings.HasSuffix(last, ":") || strings.HasSuffix(last, "：")) {
			if len(last) > leadMax {
				return -1 // not a lead-in but a long text: each item would repeat it
			}
			return pa.last - 1
		}
		if n != 1 || !short(last) {
			return -1 // not a short line
		}
		if r, _ := utf8.DecodeLastRuneInString(last); strings.ContainsRune("。！？!?", r) {
			return -1 // a sentence of its own, not an item
		}
	}
	return -1
}

// listMax is the most lines a list's item is read below its lead-in, and
// leadMax the longest lead-in, in bytes (some 100 Chinese characters).
const (
	listMax = 60
	leadMax = 300
)

// source returns the original text of runs of the folded text: of valid
// UTF-8 by the byte offsets fold recorded, of other text through a
// runeSlicer (as string([]rune(s)[a:b]) does, invalid bytes made U+FFFD).
type source struct {
	s      string
	f      *folded
	slicer runeSlicer // for invalid text
}

// text returns the original of folded runes [a, b), b > a, as a new string
// (not sharing the body's memory, so that facts do not keep bodies alive).
func (x *source) text(a, b int) string {
	if !x.f.valid {
		return x.slicer.slice(int(x.f.orig[a]), int(x.f.orig[b-1])+1)
	}
	i, j := int(x.f.at[a]), int(x.f.at[b-1])
	_, size := utf8.DecodeRuneInString(x.s[j:])
	return strings.Clone(x.s[i : j+size])
}

// scratch holds an Extract's working memory, reused from article to article.
type scratch struct {
	orig, at           []int32
	titleOrig, titleAt []int32  // the title's fold indexes
	spans              [][2]int // the sentences' byte spans
	sents              []sentence
	paras              []paragraph
	bankAt             []int          // the starts of the body's runes bank names end with
	metrics            []model.Metric // the body's, before they are copied into the facts
	found              []model.Metric // one sentence's, as metric.AppendFind finds them
	texts              []string       // the sentences' folded text
	bankOf             [][]bank.Match // the banks in each sentence
	bodyBanks          []bank.Match   // the banks in the body
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// runeSlicer returns pieces of a text by rune offsets, as
// string([]rune(s)[a:b]) does. Valid UTF-8 is sliced by bytes through a
// cursor that moves from piece to piece (a body's metrics come in text
// order, so it moves little); other text through its runes, made once.
type runeSlicer struct {
	s       string
	checked bool   // valid is known
	valid   bool   // s is valid UTF-8
	r, b    int    // the cursor: rune r starts at byte b
	runes   []rune // the runes of invalid text
}

// slice returns runes [a, b) of the text as a new string (not sharing the
// text's memory, so that facts do not keep bodies alive).
func (x *runeSlicer) slice(a, b int) string {
	if !x.checked {
		x.checked, x.valid = true, utf8.ValidString(x.s)
	}
	if !x.valid {
		if x.runes == nil {
			x.runes = []rune(x.s)
		}
		return string(x.runes[a:b])
	}
	i := x.seek(a)
	return strings.Clone(x.s[i:x.seek(b)])
}

// seek moves the cursor to rune r and returns its byte offset.
func (x *runeSlicer) seek(r int) int {
	for x.r < r {
		c := x.s[x.b]
		switch {
		case c < utf8.RuneSelf:
			x.b++
		case c < 0xE0:
			x.b += 2
		case c < 0xF0:
			x.b += 3
		default:
			x.b += 4
		}
		x.r++
	}
	for x.r > r {
		x.b--
		for x.s[x.b]&0xC0 == 0x80 {
			x.b--
		}
		x.r--
	}
	return x.b
}

// metricTheme picks the theme of a metric: its sentence's, else its
// paragraph's, else its heading's; a substantive theme is preferred over
// the party-building frame, and a theme the article reports over one it
// does not.
func metricTheme(i int, sents []sentence, paras []paragraph, per [][]string, reported map[string]bool) string {
	pick := func(ids []string) string {
		for _, pass := range []int{0, 1} {
			for _, id := range ids {
				if id == model.FrameTheme || (pass == 0 && !reported[id]) {
					continue
				}
				return id
			}
		}
		return ""
	}
	if t := pick(per[i]); t != "" {
		return t
	}
	p := paras[sents[i].para]
	var ids []string
	count := map[string]int{}
	for j := p.first; j < p.last; j++ {
		for _, id := range per[j] {
			if count[id] == 0 {
				ids = append(ids, id)
			}
			count[id]++
		}
	}
	sort.SliceStable(ids, func(a, b int) bool { return count[ids[a]] > count[ids[b]] })
	if t := pick(ids); t != "" {
		return t
	}
	for k := sents[i].para - 1; k >= 0 && k >= sents[i].para-8; k-- {
		if !paras[k].heading {
			continue
		}
		var hs []string
		for j := paras[k].first; j < paras[k].last; j++ {
			hs = append(hs, per[j]...)
		}
		if t := pick(hs); t != "" {
			return t
		}
		break
	}
	for _, id := range per[i] {
		return id
	}
	return ""
}

// metricBank picks the bank of a metric at byte offset at of sentence i:
// the nearest bank named in its sentence; else none when the sentence
// speaks of banks in the plural (sector, from bank.SectorFolded: 21家主要银行,
// 银行业); else the last named before it in its paragraph (该行 refers
// back), else the primary bank, else the first named after it in its
// paragraph.
func metricBank(i, at int, sector bool, sents []sentence, paras []paragraph, bankOf [][]bank.Match, primary string) (string, string) {
	best, dist := -1, 0
	for k, m := range bankOf[i] {
		d := at - m.End
		if m.Start > at {
			d = m.Start - at
		}
		if best < 0 || d < dist {
			best, dist = k, d
		}
	}
	if best >= 0 {
		m := bankOf[i][best]
		return m.Name, m.Branch
	}
	if sector {
		return "", ""
	}
	p := paras[sents[i].para]
	for j := i - 1; j >= p.first; j-- {
		if n := len(bankOf[j]); n > 0 {
			m := bankOf[j][n-1]
			return m.Name, m.Branch
		}
	}
	if primary != "" {
		return primary, ""
	}
	for j := i + 1; j < p.last; j++ {
		if len(bankOf[j]) > 0 {
			m := bankOf[j][0]
			return m.Name, m.Branch
		}
	}
	return "", ""
}

// groupsFigure says a figure at byte at of a sentence (text, starting at
// byte base of the body) belongs to a group of banks, not to the banks the
// sentence names after it: the sentence speaks of banks in the plural
// before the figure (bank.SectorFolded: 六大行, 21家主要银行; not 该行 or
// 该农商行, which refer back to one) and of their total (合计, 总计, 总量,
// 总资产 …), names no bank there, and the banks come in a later clause
// (六大行手机银行客户数合计超10亿户，工行、建行、农行分列前三).
func groupsFigure(text string, at int, found []bank.Match, base int) bool {
	if len(found) == 0 || at < 0 || at > len(text) {
		return false
	}
	first := found[0].Start - base
	if first < at || first > len(text) {
		return false // a bank named before the figure
	}
	between := text[at:first]
	if !strings.ContainsAny(between, "，,；;") && !strings.Contains(between, "。") {
		return false
	}
	// the figure is a total of the group's: 合计, 总计, 总量 … before it
	// (在全省农商银行系统考核中，…累计发放助农贷款12亿元，桂东农商银行获评…
	// may be the bank's own)
	head := text[:at]
	return containsAnyWord(head, groupTotals) && bank.SectorFolded(head)
}

// containsAnyWord says s holds one of words.
func containsAnyWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// groupTotals are the words that make a figure a group's total.
var groupTotals = []string{"合计", "合計", "总计", "總計", "共计", "共計", "总量", "總量", "总额", "總額", "总资产", "總資產", "总规模", "總規模", "整体", "整體", "总体", "總體"}

// captionFinder says whether the sentence of a byte offset is a photo
// caption, reading on from the sentence of the offset asked about before
// (a body's banks come in order).
type captionFinder struct {
	text    string
	sents   []sentence
	k       int  // sents[:k] end at or before the offset asked about before
	last    int  // the sentence asked about last, -1 for none
	caption bool // whether it is a caption
}

func (c *captionFinder) at(at int) bool {
	if c.k > 0 && c.sents[c.k-1].end > at {
		c.k = 0 // an earlier offset: from the first sentence
	}
	for c.k < len(c.sents) && c.sents[c.k].end <= at {
		c.k++
	}
	if c.k == len(c.sents) || c.sents[c.k].start > at {
		return false // between sentences
	}
	if c.k != c.last {
		s := c.sents[c.k]
		t := strings.TrimSpace(c.text[s.start:s.end])
		c.last = c.k
		c.caption = strings.HasPrefix(t, "图为") || strings.HasPrefix(t, "图片为") || strings.HasPrefix(t, "上图") || strings.HasPrefix(t, "下图")
	}
	return c.caption
}

type tally struct {
	mention  model.BankMention
	first    int     // byte offset of the first mention (title first)
	weight   float64 // mentions weighted to the start of the article
	inTitle  bool
	titlePos int
}

// ranksTitle says a title ranks what it names (排名出炉：工行、建行、农行居前三).
func ranksTitle(title string) bool {
	return containsAnyWord(title, []string{"排名", "排行", "榜单", "居前", "位列前", "名列前", "前三名", "前五名", "前十名", "前三位", "居前三"})
}

// titleItems says a title holds separate items about different banks
// (银行早报｜农行春耕贷款超2000亿元；中行外币兑换点扩至480个): two or more of
// its parts between ；, ; , ｜ and | are items, each naming one bank and
// saying something of it, and no bank is named in two parts. A part that
// is a bank's name alone is a kicker (兴业银行｜携手厦门银行推出…: about
// 兴业银行), and a part naming several banks (建行、农行紧随其后) is no
// item.
func titleItems(title string, found []bank.Match) bool {
	type part struct{ start, end int }
	var parts []part
	start := 0
	for i, c := range title {
		switch c {
		case '；', ';', '｜', '|':
			parts = append(parts, part{start, i})
			start = i + utf8.RuneLen(c)
		}
	}
	parts = append(parts, part{start, len(title)})
	items := 0
	seen := map[string]bool{}
	for _, p := range parts {
		var names []string
		named := 0 // runes of the part that name banks
		for _, m := range found {
			if m.NotBank || m.Start < p.start || m.End > p.end {
				continue
			}
			if !slices.Contains(names, m.Name) {
				names = append(names, m.Name)
			}
			named += utf8.RuneCountInString(title[m.Start:m.End])
		}
		if len(names) == 0 {
			continue
		}
		if len(names) > 1 {
			return false
		}
		if seen[names[0]] {
			return false // a bank named in two parts
		}
		seen[names[0]] = true
		if utf8.RuneCountInString(strings.TrimSpace(title[p.start:p.end]))-named >= 4 {
			items++
		}
	}
	return items > 1
}

// sourceBank returns the bank a source line names when the source is that
// bank and nothing else (浙江安吉农商银行, 邮储银行宁德市分行 官方微信), not a
// paper named after one (中国银行保险报) nor a site holding one's name.
func sourceBank(found []bank.Match, source string) (bank.Match, bool) {
	if len(found) != 1 || found[0].NotBank {
		return bank.Match{}, false
	}
	m := found[0]
	rest := strings.TrimSpace(source[:m.Start]) + strings.TrimSpace(source[m.End:])
	for _, w := range []string{"官方微信", "微信公众号", "公众号", "官微", "官网", "微信"} {
		rest = strings.TrimSuffix(rest, w)
	}
	return m, rest == ""
}

// rankBanks lists the banks of an article and picks its primary bank: the
// first bank named in the title; else the bank that dominates the mentions
// (weighted to the start); else, in an article reporting an initiative
// (initiative: it has a theme) that names at most three banks, the first
// of them in the first quarter or in the opening paragraph (ending at byte
// lead) within the first half, the
// first named when no other is named more; else none, for articles
// about several banks or about none (sections: the body's sections are
// headed by two or more banks' names).
func rankBanks(title string, titleBanks, bodyBanks []bank.Match, bodyLen, lead int, titleFromBody, initiative, sections bool, isCaption, amongSeveral func(int) bool) ([]model.BankMention, string) {
	// the banks in the order first named: an article names few, so
	// they are looked up along the list rather than in a map
	var order []*tally
	get := func(m bank.Match, pos int) *tally {
		var t *tally
		for _, o := range order {
			if o.mention.Name == m.Name {
				t = o
				break
			}
		}
		if t == nil {
			t = &tally{mention: model.BankMention{Name: m.Name, Type: m.Type}, first: pos}
			order = append(order, t)
		}
		if t.mention.Branch == "" {
			t.mention.Branch = m.Branch
		}
		t.mention.Mentions++
		return t
	}
	if !titleFromBody {
		for _, m := range titleBanks {
			if m.NotBank {
				continue
			}
			t := get(m, -1)
			if !t.inTitle {
				t.inTitle, t.titlePos = true, m.Start
			}
		}
	}
	for _, m := range bodyBanks {
		if m.NotBank {
			continue
		}
		caption := isCaption(m.Start)
		pos := m.Start
		if caption {
			pos = bodyLen // a photo caption does not make the article about a bank
		}
		t := get(m, pos)
		if pos < t.first {
			t.first = pos
		}
		w := 1.0
		if bodyLen > 0 && m.Start < bodyLen/5 {
			w = 2
		}
		if !caption {
			t.weight += w
		}
	}
	banks := []model.BankMention{}
	if len(order) == 0 {
		return banks, ""
	}
	primary := ""
	var titled []*tally
	for _, t := range order {
		if t.inTitle {
			titled = append(titled, t)
		}
	}
	if len(titled) > 1 && !titleFromBody && (aboutSeveralBanks(title) || ranksTitle(title) || titleItems(title, titleBanks)) {
		// 12家银行综合得分超80分 工行、招行、建行位列前三: a ranking of banks;
		// 银行早报｜农行…；中行…: a roundup of several banks' news
	} else if len(titled) > 0 {
		sort.SliceStable(titled, func(i, j int) bool { return titled[i].titlePos < titled[j].titlePos })
		primary = titled[0].mention.Name
	} else if !titleFromBody && aboutSeveralBanks(title) {
		// 10余家银行联合驰援…: the article is about several banks.
	} else if sections {
		// 1,中國銀行 …… 2.中國工商銀行 ……: a roundup of several banks'
		// measures, each under its name.
	} else {
		byWeight := append([]*tally(nil), order...)
		sort.SliceStable(byWeight, func(i, j int) bool { return byWeight[i].weight > byWeight[j].weight })
		total := 0.0
		for _, t := range byWeight {
			total += t.weight
		}
		top := byWeight[0]
		second := 0.0
		if len(byWeight) > 1 {
			second = byWeight[1].weight
		}
		at := 1.0 // where the top bank is first named, as a share of the body
		if bodyLen > 0 && top.first >= 0 {
			at = float64(top.first) / float64(bodyLen)
		}
		var ok bool
		if second == 0 { // the only bank named
			// Named twice late, a bank is the subject when a branch of it
			// acts (工行深圳市分行…此外，工行深圳市分行从…, in a text cut
			// before its start), not when the bank is quoted (民生银行首席
			// 经济学家…).
			ok = top.mention.Mentions >= 3 || (top.mention.Mentions >= 2 && (at < 0.5 || top.mention.Branch != "")) || at < 0.2
		} else {
			ok = top.weight >= 2*second && (top.weight >= 0.6*total || top.mention.Mentions >= 3) && at < 0.5
		}
		if comparesBanks(byWeight) {
			// 工行39次、建行19次、浦发18次、招行18次: a review comparing
			// several banks, each discussed at length, is about none.
		} else if second == 0 && top.mention.Mentions == 1 && amongSeveral(top.first) {
			// 四大国有行在五强中占据四席，其中农业银行蝉联第一: named once
			// as one of a group, the only bank is not the article's subject
		} else if top.weight > 0 && ok {
			primary = top.mention.Name
		} else if first := firstNamed(order); initiative && first != nil && len(order) <= 3 && bodyLen > 0 &&
			(float64(first.first) < 0.25*float64(bodyLen) || first.first < min(lead, bodyLen/2)) && first.weight >= top.weight {
			// An initiative article naming a few banks side by side, none
			// more than the first (三家网点获评: 建行…、农行…、广发…): the
			// first named leads. A market report naming three banks' share
			// prices (no theme) stays without one.
			primary = first.mention.Name
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if (a.mention.Name == primary) != (b.mention.Name == primary) {
			return a.mention.Name == primary
		}
		if a.mention.Mentions != b.mention.Mentions {
			return a.mention.Mentions > b.mention.Mentions
		}
		return a.first < b.first
	})
	for _, t := range order {
		banks = append(banks, t.mention)
	}
	return banks, primary
}

// sectionBanks counts the distinct banks whose name alone, after a list
// number, makes a sentence of the body: the headings of a roundup's
// sections (1,中國銀行 / 2.中國工商銀行 / （三）农业银行：). bankOf holds
// the banks named in each sentence.
func sectionBanks(text string, sents []sentence, bankOf [][]bank.Match) int {
	var names []string
	for k, ms := range bankOf {
		s := sents[k]
		for _, m := range ms { // (no NotBank among them)
			if m.End > s.end {
				continue
			}
			before := strings.TrimSpace(text[s.start:m.Start])
			after := strings.TrimRight(strings.TrimSpace(text[m.End:s.end]), "：:")
			if after != "" || !listNumber(before) || slices.Contains(names, m.Name) {
				continue
			}
			names = append(names, m.Name)
		}
	}
	return len(names)
}

// listNumber says s is a list item's number: 1, 2. 3、 一、 （二） (3) 第一.
func listNumber(s string) bool {
	s = strings.TrimLeft(s, "（(")
	s = strings.TrimRight(s, ".,、，．)）: ")
	s = strings.TrimPrefix(s, "第")
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十", r)) {
			return false
		}
	}
	return true
}

// comparesBanks says that besides the bank named most, two or more others
// are each named at least five times and at least 0.4 times as often: a
// review of several banks (手机银行APP测评: 工行39次, 建行19次, 浦发18次,
// 招行18次), not one bank's story that names its partners now and then
// (无锡农商银行8次, 工行4次, 南京银行4次).
func comparesBanks(order []*tally) bool {
	if len(order) < 3 {
		return false
	}
	top := order[0].mention.Mentions
	for _, t := range order[1:] {
		top = max(top, t.mention.Mentions)
	}
	rivals := 0
	for _, t := range order {
		if m := t.mention.Mentions; m < top && float64(m) >= max(5, 0.4*float64(top)) {
			rivals++
		}
	}
	return rivals >= 2
}

// firstNamed returns the bank named first outside photo captions, or nil.
func firstNamed(order []*tally) *tally {
	var first *tally
	for _, t := range order {
		if t.first >= 0 && t.weight > 0 && (first == nil || t.first < first.first) {
			first = t
		}
	}
	return first
}

// aboutSeveralBanks reports whether a title speaks of several banks at once
// (10余家银行, 多家银行, 各大银行, 六大行).
func aboutSeveralBanks(title string) bool {
	for _, w := range []string{"多家银行", "各家银行", "各大银行", "各银行", "大行", "股份行", "城商行", "农商行", "中小银行", "中小行", "银行业", "银行机构", "金融机构"} {
		i := strings.Index(title, w)
		if i < 0 {
			continue
		}
		if w != "大行" && w != "股份行" && w != "城商行" && w != "农商行" {
			return true
		}
		// 大行, 股份行 …: only as a group (六大行, 国有大行, 多家股份行), not in a name
		prev, _ := utf8.DecodeLastRuneInString(title[:i])
		if strings.ContainsRune("家类些各大行国有六五四七十两多几余0123456789", prev) {
			return true
		}
	}
	i := 0
	for {
		k := strings.Index(title[i:], "家")
		if k < 0 {
			return false
		}
		k += i
		rest := title[k+len("家"):]
		prev, _ := utf8.DecodeLastRuneInString(title[:k])
		if strings.ContainsRune("0123456789余多几数十百两三四五六七八九", prev) &&
			(strings.HasPrefix(rest, "银行") || strings.HasPrefix(rest, "国有") || strings.HasPrefix(rest, "股份") || strings.HasPrefix(rest, "城商") || strings.HasPrefix(rest, "农商") || strings.HasPrefix(rest, "上市银行") || strings.HasPrefix(rest, "中资")) {
			return true
		}
		i = k + len("家")
	}
}

// unitAsWritten returns the unit of a metric of type other — a measure word
// kept as written (189份, 1100畝), vocabulary.md — from the original text
// when the text was folded to simplified characters for reading: 6個, not
// the 个 the folded sentence holds. m.Text is the original text, folded the
// folded one, which starts at rune start of the folded text; orig returns
// the original of the folded runes [from, to). Any other unit is a code
// (CNY, outlet) and is returned as it is, and so is a unit that is not
// within the text.
func unitAsWritten(m model.Metric, folded string, start int, orig func(from, to int) string) string {
	if m.Type != "other" || m.Unit == "" || m.Text == folded {
		return m.Unit
	}
	k := strings.LastIndex(folded, m.Unit)
	if k < 0 {
		return m.Unit
	}
	at := start + hanzi.RuneCount(folded[:k])
	return orig(at, at+hanzi.RuneCount(m.Unit))
}
