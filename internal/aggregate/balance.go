package aggregate

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/runeset"
)

// Balance reports whether a money or count figure is not something the
// bank did in the period (Kind is not Summed): adding 贷款余额36万亿元 to
// 减费让利27亿元 gives a number that means nothing, and so does adding a
// year-on-year difference or a target. Such figures are listed but never
// summed.
func Balance(m model.Metric) bool { return Kind(m) != model.Summed }

// Kind says what a money or count figure measures, from the words around
// it in its sentence (folded to simplified characters):
//
//   - Stock: a balance, total assets, market value, scale, transaction
//     volume, revenue, income (净利息收入) or profit, share capital, a
//     valuation — its clause (the text between the punctuation around it)
//     names one of the stock words before it, or one follows it directly
//     (3万亿元个人储蓄存款), or the clause is only a verb of reaching a
//     level after one that names a stock (…贷款首次突破500亿元，达到505.1亿元);
//     registered capital (注册资本9亿元) and a scale going from one level
//     to another (绿色信贷规模从12万亿元增加到43.5万亿元) are stocks too;
//   - Difference: a difference from another period — 同比多增990亿元,
//     比上年多投放2198亿元, 较上年同期增加2万户 (but 较年初增长5879亿元,
//     the growth of a balance within the year, is what was done in it);
//   - Planned: a plan or target — 计划于年内发行50亿元, 力争投放100亿元,
//     要完成9000亿元信贷净增任务, 今年要再投入1000亿元 (将投入, 拟投入);
//     or a forecast — 今年偿还量将超过5万亿元 (将达到, 将突破, 有望);
//   - Cumulative: a total over several years — 近几年累计投入400多亿元,
//     近两年来新增贷款2000亿元, 2015-17年累计投入2050亿元, 成立以来累计
//     服务3万户, “十三五”期间 (a five-year plan's five years), or
//     开展八年来，共募集3000万元 (the clause before the
//     figure's is the span of years). 今年以来 and 上半年累计 are the
//     period's own; 自2019年以来 is left as done, since whether it spans
//     years depends on the article's date, which a metric does not carry;
//   - FineOrCapital: no initiative of the bank's but its own affairs — a
//     fine (被罚款2720万元, 各罚20万元, 处罚, 罚没: 罚 anywhere in the
//     clause before it) or capital it raised for itself (配股募集148亿元,
//     定增, 发行200亿元永续债, 二级资本债, 可转债, 增资扩股; or 完成配股
//     发行，募集资金148亿元: the money raised, 募集 or 募资, in a clause
//     after one that names the capital). Special bonds issued to fund
//     lending (小微企业专项金融债, 绿色金融债) are summed. A confiscation
//     (没收财产80万元) is a fine;
//   - Context: a figure of the story around the bank, not its doing — a
//     loss (直接经济损失152.7亿元: 损失 in the clause before, unless the
//     clause says it was avoided or recovered, 避免经济损失340万元 being
//     the bank's own result), a project's total investment (项目总投资4.08
//     亿元), the money in a crime (收受财物折合近4亿元, 受贿, 贪污, 挪用);
//   - Summed: anything else, something done.
//
// An item of a list whose figure follows its label directly is what the
// list's lead-in says its items are — a stock, a plan, a total over years,
// a fine or capital, context (…余额如下:工商银行:1.2万亿元 is a stock, see
// leadIn).
//
// Percentages are always Summed here: they are never added up anyway.
func Kind(m model.Metric) model.NotSummed {
	kind, _ := classify(&m)
	return kind
}

// classify returns Kind and whether a figure is a part by its own sentence
// (Parts carries that across semicolons), reading the words around
// it once: the clause before it is scanned once for the first characters
// of every word list (see clues) instead of once per word.
func classify(m *model.Metric) (kind model.NotSummed, part bool) {
	if m.Unit == "percent" || m.Unit == "percent_point" {
		return model.Summed, false
	}
	before, rest, after, ok := around(m)
	if !ok {
		return model.Summed, false
	}
	c := clues(before)
	if strings.TrimSpace(before) == "" {
		if lead := leadIn(rest); lead != "" {
			// an item of a list, its figure right after its label: what
			// the lead-in says the items are holds for it (an item that
			// says what it is, 南京分行：新增投放50亿元, speaks for itself)
			c |= clues(fold(lead)) & (clueStock | cluePlan | clueYears | clueOwn | clueContext)
		}
	}
	prev := prevClause(rest)
	part = c&cluePart != 0 || prevIsPart(prev)
	if c&clueStock != 0 || levelVerb(before) && clues(fold(prev))&clueStock != 0 {
		return model.Stock, part
	}
	for _, w := range stockAfter {
		if strings.HasPrefix(after, w) {
			return model.Stock, part
		}
	}
	if c&clueOwn != 0 || raised(before) && clues(fold(prev))&clueOwn != 0 {
		return model.FineOrCapital, part
	}
	for _, w := range ownAfter {
		if strings.HasPrefix(strings.TrimPrefix(after, "的"), w) {
			return model.FineOrCapital, part
		}
	}
	if c&clueContext != 0 || c&clueLoss != 0 && c&clueSaved == 0 || hasAnySuffix(strings.TrimSpace(before), contextRightBefore) {
		return model.Context, part
	}
	if difference(before, c&clueRef != 0) {
		return model.Difference, part
	}
	if perUnitBefore(before) || perUnitAfter(after) || capText(m.Text) {
		return model.PerUnit, part
	}
	if c&cluePlan != 0 || plannedAfter(after) || forecast(before, m.Text) || planLed(rest, before) {
		return model.Planned, part
	}
	if c&clueYears != 0 || severalYears(before) || prevIsYears(prev) || opensWithYears(rest, before) {
		return model.Cumulative, part
	}
	return model.Summed, part
}

// around returns the words around a figure in its sentence, folded to
// simplified characters: its clause before it (after the last clause
// punctuation), the text before that clause as written (for prevClause),
// and the six characters after it. Only these are folded, not the whole
// sentence.
func around(m *model.Metric) (before, rest, after string, ok bool) {
	s, text := m.Sentence, m.Text
	i := strings.Index(s, text)
	if i < 0 {
		// The figure is written otherwise in its sentence (traditional
		// and simplified forms mixed): fold the whole sentence.
		s, text = hanzi.Simplify(s), hanzi.Simplify(text)
		if i = strings.Index(s, text); i < 0 {
			return "", "", "", false
		}
	}
	head := s[:i]
	clause := clauseBefore(head)
	tail := s[i+len(text):]
	if n := hanzi.RuneIndex(tail, 6); n < len(tail) {
		tail = tail[:n]
	}
	return fold(clause), head[:len(head)-len(clause)], fold(tail), true
}

// leadIn returns the clause that leads in a list a figure is an item of,
// or "": the clause ending in 如下, 包括 or 分别为 before the last such colon
// earlier in the figure's sentence (…绿色信贷余额如下:工商银行:1.2万亿元, the lead-in
// put before each item of a list written one per line). It reads rest,
// the sentence before the figure's clause, as written.
func leadIn(rest string) string {
	for end := len(rest); ; {
		i := lastColon(rest[:end])
		if i < 0 {
			return ""
		}
		for _, w := range leadWords {
			if strings.HasSuffix(rest[:i], w) {
				return clauseBefore(rest[:i-len(w)]) + w
			}
		}
		end = i
	}
}

// lastColon returns the byte index of the last colon, ASCII or full-width,
// in s, or -1: a byte loop, as strings.LastIndexAny decodes every rune of
// Chinese text.
func lastColon(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ':':
			return i
		case 0x9A: // the last byte of ：, EF BC 9A
			if i >= 2 && s[i-1] == 0xBC && s[i-2] == 0xEF {
				return i - 2
			}
		}
	}
	return -1
}

// leadWords end the lead-in of a list, before its colon.
var leadWords = []string{"如下", "包括", "分别为", "分別為"}

// fold is hanzi.Simplify, which returns s itself when no character
// changes: that is checked here first, the three-byte runes of Chinese
// text decoded inline (as in clues) rather than by a call each.
func fold(s string) string {
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if b := s[i]; b >= utf8.RuneSelf {
			if (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
				r, size = rune(b&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
			} else {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
		}
		if hanzi.Rune(r) != r {
			return hanzi.Simplify(s)
		}
		i += size
	}
	return s
}

// prevClause returns the clause before a figure's clause, trimmed, as
// written, from the text before the figure's clause (rest, which ends with
// the clause's punctuation); "" when there is none.
func prevClause(rest string) string {
	if rest == "" {
		return ""
	}
	_, size := utf8.DecodeLastRuneInString(rest)
	return strings.TrimSpace(clauseBefore(rest[:len(rest)-size]))
}

// levelVerb reports whether a figure's clause before it is only a verb of
// reaching a level (达到, 增至, 突破 …): the figure is then the level of
// what the clause before names — 各项涉农贷款首次突破500亿元，达到505.1亿元
// is a stock, as 达到 is its own clause.
func levelVerb(before string) bool {
	before = strings.TrimSpace(before)
	for _, v := range levelVerbs {
		if before == v {
			return true
		}
	}
	return false
}

// levelVerbs are verbs of reaching a level.
var levelVerbs = []string{"达到", "达", "达到了", "增至", "升至", "突破", "首次突破", "超过", "已达", "已达到"}

// prevIsPart reports whether the clause before a figure's clause (prev,
// from prevClause), folded, is only 其中. Folding maps spaces to
// themselves and nothing else to a space (TestFoldKeepsSpaces), so the
// clause is trimmed first, and folded only when two runes may be left.
func prevIsPart(prev string) bool {
	return len(prev) <= 2*utf8.UTFMax && fold(prev) == "其中"
}

// partsGoOn reports whether an earlier clause of a figure's sentence (rest,
// as written) says 其中 and nothing since says the figure is besides the
// whole (before is its own clause): 其中，投放粮棉油贷款3148亿元；投放精准帮扶
// 贷款3180亿元；投放绿色贷款3737亿元 lists parts until 此外, 另外, 另有 or 同时.
func partsGoOn(rest, before string) bool {
	i := strings.LastIndex(rest, "其中")
	if i < 0 {
		return false
	}
	for _, w := range besides {
		if strings.Contains(rest[i:], w) || strings.Contains(before, w) {
			return false
		}
	}
	return true
}

// besides are words that begin a figure besides the whole a 其中 divides.
var besides = []string{"此外", "另外", "另有", "同时", "同時"}

// A clue is what the clause before a figure holds, from the word lists.
type clue uint16

const (
	clueStock   clue = 1 << iota // a word of stockBefore
	cluePart                     // 其中
	cluePlan                     // a word of planBefore, or 计划 as a verb
	clueRef                      // 比 or 较, which every word of differenceRef holds
	clueVerb                     // 计划: a plan when a verb follows (see planVerb)
	clueYears                    // a word of yearsBefore
	clueOwn                      // a word of ownBefore
	clueContext                  // a word of contextBefore
	clueLoss                     // 损失
	clueSaved                    // a word of savedBefore: the loss was avoided or recovered
)

// clueWord is a word of the lists searched anywhere in a clause.
type clueWord struct {
	word string
	clue clue
}

// clueFirst holds the runes clue words start with (all within the Basic
// Multilingual Plane); clueWords lists the words by that rune.
var clueFirst, clueWords = func() (*runeset.Set, map[rune][]clueWord) {
	var words []clueWord
	for _, w := range stockBefore {
		words = append(words, clueWord{w, clueStock})
	}
	for _, w := range planBefore {
		words = append(words, clueWord{w, cluePlan})
	}
	for _, w := range yearsBefore {
		words = append(words, clueWord{w, clueYears})
	}
	for _, w := range ownBefore {
		words = append(words, clueWord{w, clueOwn})
	}
	for _, w := range contextBefore {
		words = append(words, clueWord{w, clueContext})
	}
	for _, w := range savedBefore {
		words = append(words, clueWord{w, clueSaved})
	}
	words = append(words, clueWord{"损失", clueLoss})
	words = append(words, clueWord{"其中", cluePart}, clueWord{"比", clueRef}, clueWord{"较", clueRef}, clueWord{"计划", clueVerb})
	first, by := new(runeset.Set), map[rune][]clueWord{}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w.word)
		if r >= 0x10000 || r == utf8.RuneError {
			panic("aggregate: clue word " + w.word + " does not start with a character of the Basic Multilingual Plane")
		}
		first.Add(r)
		by[r] = append(by[r], w)
	}
	return first, by
}()

// clues scans a clause once and returns the clues it holds. It gives what
// strings.Contains gives word by word: a word (valid UTF-8) can only start
// where a rune of the clause starts, and there its first rune is read.
func clues(s string) (c clue) {
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if b := s[i]; b >= utf8.RuneSelf {
			if (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
				// E1–EC, EE–EF lead bytes take any two continuation bytes
				r, size = rune(b&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
			} else {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
		}
		if clueFirst.Has(r) {
			for _, w := range clueWords[r] {
				if !strings.HasPrefix(s[i:], w.word) {
					continue
				}
				if w.clue != clueVerb {
					c |= w.clue
				} else if planVerb(s, i) {
					c |= cluePlan
				}
			}
		}
		i += size
	}
	return c
}

// difference reports whether the clause before a figure makes it a
// difference from another period: a reference to one (同比, 比上年 …)
// followed by nothing but a word of change (多增, 增加, 多投放 …), or a
// clause ending in 多增 or 少增. ref says whether the clause holds 比 or
// 较 (clueRef): without either it holds no reference.
func difference(before string, ref bool) bool {
	if strings.HasSuffix(before, "多增") || strings.HasSuffix(before, "少增") {
		return true
	}
	if !ref {
		return false
	}
	for _, ref := range differenceRef {
		k := strings.LastIndex(before, ref)
		if k < 0 {
			continue
		}
		rest := strings.TrimSpace(before[k+len(ref):])
		for _, w := range changeWords {
			if rest == w {
				return true
			}
		}
	}
	return false
}

// differenceRef names another period to compare with.
var differenceRef = []string{"同比", "比上年同期", "较上年同期", "比去年同期", "较去年同期", "比上年", "较上年", "比去年", "较去年", "环比", "比上月", "较上月"}

// changeWords are what may stand between differenceRef and the figure.
var changeWords = []string{"", "多", "少", "增", "减", "增加", "减少", "增长", "下降", "多增", "少增", "多投放", "多发放", "多增加", "多支持", "增加了", "减少了", "增长了", "下降了", "多出"}

// planVerb reports whether 计划 at byte j of a clause is a verb (计划于,
// 计划投放), not a programme's name (“春雨计划”): a plan. A word of
// planBefore anywhere in the clause makes a plan too (clues).
func planVerb(before string, j int) bool {
	if r, _ := utf8.DecodeLastRuneInString(before[:j]); strings.ContainsRune("”\"」』》)）", r) {
		return false
	}
	k := j + len("计划")
	for _, v := range planVerbs {
		if strings.HasPrefix(before[k:], v) {
			return true
		}
	}
	return false
}

// forecast reports whether a figure whose text begins with a word of
// reaching (超过5万亿元, 突破3亿) comes right after 将: 偿还量将超过5万亿元
// is a forecast. 将 before a bare figure is most often the object marker
// (将5亿元用于扶贫), something done, and is left alone.
func forecast(before, text string) bool {
	if !strings.HasSuffix(strings.TrimSpace(before), "将") {
		return false
	}
	for _, w := range reachWords {
		if strings.HasPrefix(text, w) {
			return true
		}
	}
	return false
}

// reachWords begin a figure's text that says a level will be reached.
var reachWords = []string{"超过", "超", "突破", "达到", "达", "逾", "接近", "近", "超過", "達到", "達"}

// plannedAfter reports whether the words right after a figure make it a
// plan or target.
func plannedAfter(after string) bool {
	for _, w := range planAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return strings.Contains(after, "任务")
}

// yearsBefore are words that, earlier in a figure's clause, make it a
// total over several years (see also severalYears).
var yearsBefore = []string{"近年来", "近年累计", "多年来", "多年累计", "历年", "近几年", "近些年", "这几年", "这些年",
	"成立以来", "成立至今", "开业以来", "开业至今", "创立以来", "组建以来", "上市以来", "改制以来",
	"十二五", "十三五", "十四五", "十五五"}

// severalYears reports whether a clause names a span of several years
// the way a word list cannot: a count of years and 年来 (两年来, 八年来,
// 10年来, but not 2022年来宾市, a year and a place), or a range of years
// (2015-17年, 2019—2021年, 2019年至2021年).
func severalYears(s string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], "年")
		if j < 0 {
			return false
		}
		j += i
		if strings.HasPrefix(s[j+len("年"):], "来") && countOfYears(s[:j]) {
			return true
		}
		if yearRange(s[:j]) {
			return true
		}
		i = j + len("年")
	}
}

// countOfYears reports whether s ends with a count, as before 年来: a
// Chinese numeral (两, 八, 十, 几, 多, 数) or one to three digits.
func countOfYears(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune("一二三四五六七八九十两几多数", r) {
		return true
	}
	d := len(s) - len(strings.TrimRight(s, "0123456789"))
	return d >= 1 && d <= 3
}

// yearRange reports whether s, the text before a 年, ends with a range of
// years: a year of four digits (19xx or 20xx, then 年 or not), a dash, 至
// or 到, and a year of two or four digits.
func yearRange(s string) bool {
	t := strings.TrimRight(s, "0123456789")
	if d := len(s) - len(t); d != 2 && d != 4 {
		return false
	}
	cut := false
	for _, sep := range []string{"-", "—", "–", "－", "~", "～", "至", "到"} {
		if u, ok := strings.CutSuffix(t, sep); ok {
			t, cut = u, true
			break
		}
	}
	if !cut {
		return false
	}
	t = strings.TrimSuffix(t, "年")
	y := strings.TrimRight(t, "0123456789")
	if len(t)-len(y) < 4 {
		return false
	}
	year := t[len(t)-4:]
	return strings.HasPrefix(year, "19") || strings.HasPrefix(year, "20")
}

// prevIsYears reports whether the clause before a figure's clause (prev,
// from prevClause) is a span of several years ending the way such a span
// ends (…以来, …年来, …至今): 近年来，累计投入….
func prevIsYears(prev string) bool {
	t := fold(prev)
	if u, ok := strings.CutSuffix(t, "个年头"); ok && countOfYears(u) {
		return true // 彩虹计划已走过了12个年头，累计募集…
	}
	if !strings.HasSuffix(t, "来") && !strings.HasSuffix(t, "至今") {
		return false
	}
	return clues(t)&clueYears != 0 || severalYears(t)
}

// opensWithYears reports whether the first clause of a figure's sentence
// (rest, the sentence before the figure's clause) is only a span of
// several years, which then holds for every figure of the sentence:
// 近三年，仅在羊井子湾乡，农行…投放贷款9049万元. 近一年 may be the period
// itself and does not count.
func opensWithYears(rest, before string) bool {
	first := firstClause(rest)
	if first == "" || utf8.RuneCountInString(first) > 8 {
		return false // the figure is in the first clause, or it is long
	}
	// 近两年，…，今年一季度发放普惠贷款6亿元: the figure's own period
	for _, w := range periodWords {
		if strings.Contains(rest[len(first):], w) || strings.Contains(before, w) {
			return false
		}
	}
	t := strings.TrimSpace(fold(first))
	for _, p := range []string{"过去的", "过去", "最近", "近"} {
		if u, ok := strings.CutPrefix(t, p); ok {
			t = u
			break
		}
	}
	for _, suf := range []string{"以来", "来", "间", "里", "中"} {
		if u, ok := strings.CutSuffix(t, suf); ok {
			t = u
			break
		}
	}
	t, ok := strings.CutSuffix(t, "年")
	if !ok {
		return false
	}
	t = strings.TrimRight(t, "余多")
	if d := strings.TrimLeft(t, "0123456789"); d == "" {
		return len(t) >= 1 && len(t) <= 3 && t != "1" // 2009年 is a year, 1年 not several
	}
	for _, r := range t {
		if !strings.ContainsRune("二三四五六七八九十两几", r) {
			return false // 一年, 2年半
		}
	}
	return t != ""
}

// planLed reports whether a figure's sentence (its part before the
// figure's clause, rest, and that clause, before) opens with a plan — its
// first clause is a word of planLeads — says what will be (将, 力争, 预计,
// 计划, 到…年末) and nowhere that something is done (已, 完成, 累计, 实现了):
// 按计划，到2021年末，…将实现…，贷款投放规模不低于2亿元. The rest of the
// sentence after the figure is not read: a sentence that opens with a plan
// and ends 已全部投放到位 is rare beside the plans.
func planLed(rest, before string) bool {
	first := firstClause(rest)
	if !slices.Contains(planLeads, strings.TrimSpace(first)) {
		return false
	}
	all := rest[len(first):] + before // (the plan word itself says 计划)
	for _, w := range doneWords {
		if strings.Contains(all, w) {
			return false
		}
	}
	for _, w := range willWords {
		if strings.Contains(all, w) {
			return true
		}
	}
	return false
}

var (
	doneWords = []string{"已", "完成", "累计", "累計", "实现了", "實現了"}
	willWords = []string{"将", "將", "力争", "力爭", "预计", "預計", "计划", "計劃", "年末", "年底"}
)

// firstClause returns the text of rest before its first clause mark (a
// comma or colon between digits is none), or "" when rest has none: the
// figure is then in the sentence's first clause.
func firstClause(rest string) string {
	for i, r := range rest {
		if strings.ContainsRune(clausePunct, r) && !inNumber(rest, i) {
			return rest[:i]
		}
	}
	return ""
}

// periodWords name a period of its own within a sentence that opens with
// a span of years.
var periodWords = []string{"今年", "本年", "当年", "當年", "去年", "年内", "年內", "季度", "上半年", "下半年", "全年", "月份", "本月", "当月", "當月"}

// planLeads open a sentence that states a plan.
var planLeads = []string{"按计划", "按照计划", "根据计划", "按规划", "按照规划", "根据规划", "按計劃", "按照計劃", "根據計劃"}

// planBefore are words that, earlier in a figure's clause, make it a plan
// or target.
var planBefore = []string{"力争", "要完成", "将完成", "拟投放", "拟发放", "拟发行", "拟提供", "拟向", "预计将", "目标是", "目标为", "目标任务",
	"拟投入", "将投入", "将再投入", "要投入", "要再投入",
	"将超过", "将达", "将突破", "有望"}

// planVerbs are what follows 计划 when it is a verb.
var planVerbs = []string{"于", "在", "年内", "今年", "明年", "投放", "发放", "发行", "提供", "新增", "安排", "投入", "募集", "完成", "实现", "给予", "授信"}

// planAfter are words that, right after a figure, make it a target; so
// does 任务 anywhere in the six characters after it (信贷净增任务).
var planAfter = []string{"目标", "的目标", "计划"}

// stockBefore are words that, earlier in a figure's clause, make it a stock.
// The sentence is folded to simplified characters first.
var stockBefore = []string{
	"余额", "总资产", "资产规模", "资产总额", "资产达", "资产突破", "资产首次", "资产超", "总市值", "市值",
	"存量", "规模达", "规模突破", "规模超", "规模逾", "规模为", "市场规模", "交易额", "交易金额", "交易量",
	"营业收入", "营收", "净利润", "归母净利润", "流通中现金", "管理零售客户资产", "AUM",
	"存款总额", "各项存款", "贷款总额", "各项贷款", "缺口", "总量", "准备金",
	"净收入", "利息收入", "佣金收入", "业务收入", "利润", "股本", "评估价", "规模已", "各项涉农贷款",
	"注册资本", "注册资金", "规模从", "规模由",
}

// stockAfter are nouns that, right after a figure, make it a stock.
var stockAfter = []string{"个人储蓄存款", "储蓄存款", "存款", "资产", "的资产", "余额", "规模", "的规模", "市值"}

// ownBefore are words that, earlier in a figure's clause, make it a fine
// the bank was given or capital it raised for itself (FineOrCapital).
var ownBefore = []string{"罚", "没收", "配股", "定增", "非公开发行", "增资扩股", "永续债", "二级资本债", "资本债", "资本补充债", "可转债"}

// contextBefore are words that, earlier in a figure's clause, make it a
// figure of the story around the bank (Context): a project's total
// investment, the money in a crime. 损失 does too, unless a word of
// savedBefore says the loss was avoided or recovered.
var contextBefore = []string{"总投资", "收受", "受贿", "行贿", "索贿", "贪污", "侵占", "挪用"}

// perBefore are words that, shortly before a figure, make it a figure per
// unit — an average (户均, 人均, 平均, 月均), a price or fee per item (每笔),
// a limit or threshold per item (单笔, 单户, 上限, 限额) — which adding up
// says nothing of: 户均8.9万元 beside the 1.2亿元 lent. 每年 and 每月 are not
// among them: the year's or month's amount is what was done in it.
var perBefore = []string{"平均", "户均", "人均", "笔均", "月均", "日均", "年均", "季均", "每户", "每人", "每笔", "每位", "每名", "每家", "每个", "每亩", "每张", "每次",
	"单户", "单笔", "单人", "单日", "单张", "单家", "上限", "限额"}

// perReach is how many runes may come between a word of perBefore and the
// figure: 单笔最高支付限额为2000元, 每个平台公司便可以获得8000万元, but not
// 通过下调平均贷款利率为小微企业减费让利1.2亿元 (平均 qualifies the rate).
const perReach = 10

// perUnitBefore says the clause before a figure (folded) makes it a figure
// per unit: a word of perBefore at most perReach runes before it, with no
// number between (单户授信1000万元以下小微企业贷款85亿元: 单户 qualifies the
// threshold, not the 85亿元 lent) and not part of another word (订单户,
// 名单户, 清单户; 每个月 is a month's amount).
func perUnitBefore(before string) bool {
	// A word qualifies only within perReach runes of the end (each word is
	// two runes): the positions before that are stepped over unread.
	from := utf8.RuneCountInString(before) - perReach - 2
	for i, k := 0, 0; i < len(before); k++ {
		r, size := utf8.DecodeRuneInString(before[i:])
		if k < from {
			i += size
			continue
		}
		for _, w := range perByRune[r] {
			if !strings.HasPrefix(before[i:], w) {
				continue
			}
			rest := before[i+len(w):]
			if perWord(before[:i], w, rest) && utf8.RuneCountInString(rest) <= perReach && (!strings.ContainsFunc(rest, numeralRune) || levelAfter(rest)) {
				return true
			}
		}
		i += size
	}
	return false
}

// perByRune holds perBefore by first rune, in its order.
var perByRune = hanzi.ByFirstRune(perBefore)

// levelConnectors take a price from one level to another (由每笔5元降至2元).
var levelConnectors = []string{"降至", "降为", "降到", "下调至", "下调为", "下降至", "调整为", "调整至", "调至", "减至", "减为", "提高至", "提高到", "上调至", "上调为", "至", "到"}

// levelAfter says the text between a word of perBefore and a figure is one
// figure and a verb of reaching a level (每笔5元降至2元: the 2元 is per
// transaction too).
func levelAfter(rest string) bool {
	for _, c := range levelConnectors {
		t, ok := strings.CutSuffix(rest, c)
		if !ok {
			continue
		}
		t = strings.TrimRight(t, "元万亿千百")
		u := strings.TrimRight(t, "0123456789０１２３４５６７８９.,．，")
		if strings.ContainsFunc(t[len(u):], func(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }) && !strings.ContainsFunc(u, numeralRune) {
			return true
		}
	}
	return false
}

// perWord says a word of perBefore found between head and rest is that
// word: 单户 is not the end of 订单户 or 名单户, and 每个 is not 每个月.
func perWord(head, w, rest string) bool {
	if strings.HasPrefix(w, "单") {
		r, _ := utf8.DecodeLastRuneInString(head)
		if strings.ContainsRune("订名清账帐保菜表买下接落简", r) {
			return false
		}
	}
	if w == "每个" && (strings.HasPrefix(rest, "月") || strings.HasPrefix(rest, "季度") || strings.HasPrefix(rest, "工作日")) {
		return false
	}
	return true
}

// numeralRune says r writes a number: a digit, ASCII or full-width, or a
// Chinese numeral.
func numeralRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune("〇零一二两三四五六七八九十百千万亿", r)
}

// capText says a figure's own text is a cap (最高500万元, 最高可贷30万元):
// a limit per loan or per customer, not an amount lent.
func capText(text string) bool {
	return strings.HasPrefix(fold(text), "最高")
}

// perUnitAfter says a figure is a price per unit written after it:
// 5元/笔, 360元／年, 2元每笔.
func perUnitAfter(after string) bool {
	for _, p := range []string{"/", "／", "每"} {
		if rest, ok := strings.CutPrefix(after, p); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			return unicode.Is(unicode.Han, r)
		}
	}
	return false
}

// contextRightBefore are words that make a figure the story's when they
// end its clause before it: what a customer's family spent or a farmer
// earned more (亲人手术花费20余万元, 年增收超2万元), not 助农增收贷款3亿元.
var contextRightBefore = []string{"花费", "花费了", "医药费", "手术费", "治疗费", "增收"}

// savedBefore are words that, with 损失 in a figure's clause, make the
// figure a loss the bank's work prevented or recovered (避免经济损失340万元,
// 挽回损失): the bank's result, summed.
var savedBefore = []string{"避免", "挽回", "减少", "防止", "止损", "追回", "弥补", "降低", "拦截", "堵截", "减损", "规避"}

// raised reports whether a figure's clause says money was raised (募集资金,
// 募资): capital raised when the clause before names it (prevClause).
func raised(before string) bool {
	return strings.Contains(before, "募集") || strings.Contains(before, "募资")
}

// ownAfter are words that, right after a figure or after 的, make it
// capital raised (发行了200亿元永续债).
var ownAfter = []string{"永续债", "二级资本债", "资本债", "资本补充债", "可转债", "无固定期限资本债"}

// Parts reports, for each figure of an article in order, whether it is
// given as a part of one before it: its clause holds 其中, or a clause
// before it in its sentence does (其中，投放…), or the parts of a 其中 go on
// into its sentence across a semicolon (see partScope). Percentages are
// never parts.
func Parts(metrics []model.Metric) []bool {
	parts := make([]bool, len(metrics))
	var scope partScope
	for i := range metrics {
		_, own := classify(&metrics[i])
		carried := scope.part(&metrics[i], own)
		parts[i] = own || carried && wholeIndex(metrics, i, true) >= 0
	}
	return parts
}

// wholeIndex returns the index of the whole metrics[j] is a part of: the
// nearest figure before it in its unit and not smaller; for a part carried
// from a 其中 in an earlier clause or sentence (carried), only when its
// clause names what the whole's names (sameNoun), so that 并为小微企业减费让利
// 5000万元 after 其中普惠贷款30亿元 is no part of 发放各项贷款100亿元. -1 when
// there is none.
func wholeIndex(metrics []model.Metric, j int, carried bool) int {
	m := &metrics[j]
	for w := j - 1; w >= 0; w-- {
		if o := &metrics[w]; o.Unit == m.Unit && o.Value >= m.Value {
			if carried && !sameNoun(o, m) {
				return -1
			}
			return w
		}
	}
	return -1
}

// sameNoun reports whether a part's clause before its figure holds the
// last two characters of the whole's clause before its figure, its
// trailing verbs of reaching and qualifiers taken off: 累计投放贷款1.4万亿元
// and 投放绿色贷款3737亿元 share 贷款.
func sameNoun(whole, part *model.Metric) bool {
	wb, _, _, ok := around(whole)
	if !ok {
		return false
	}
	pb, _, _, ok := around(part)
	if !ok {
		return false
	}
	r := []rune(strings.TrimRight(strings.TrimSpace(wb), "达到了为約约超逾近共计合累及至、的 "))
	if len(r) < 2 {
		return false
	}
	return strings.Contains(pb, string(r[len(r)-2:]))
}

// clausePunct ends a clause.
const clausePunct = "，,。；;：:！？!?"

// clauseBefore returns the end of s after its last clause punctuation.
// It scans bytes backwards for the last byte of a mark (clauseEnd), as
// strings.LastIndexAny(s, clausePunct) would find the same rune: the
// full-width marks are the three bytes EF BC xx or E3 80 82, which no
// other rune, valid or not, holds at its end. An ASCII comma or colon
// between two ASCII digits is part of a number (2,050亿元, 9:30), not the
// end of a clause.
func clauseBefore(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		switch clauseEnd[s[i]] {
		case 1:
			if inNumber(s, i) {
				continue
			}
			return s[i+1:]
		case 2:
			if i >= 2 && s[i-1] == 0xBC && s[i-2] == 0xEF {
				return s[i+1:]
			}
		case 3:
			if i >= 2 && s[i-1] == 0x80 && s[i-2] == 0xE3 {
				return s[i+1:]
			}
		}
	}
	return s
}

// inNumber reports whether the byte at i, a comma or a colon, sits between
// two ASCII digits: a thousands separator (2,050) or a time (9:30).
func inNumber(s string, i int) bool {
	return (s[i] == ',' || s[i] == ':') && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1])
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// clauseEnd marks the last bytes of clausePunct: 1 a mark of its own
// (ASCII), 2 the end of EF BC xx (， ； ： ！ ？), 3 the end of E3 80 82 (。).
var clauseEnd = func() (t [256]uint8) {
	for _, r := range clausePunct {
		b := []byte(string(r))
		switch {
		case len(b) == 1:
			t[b[0]] = 1
		case len(b) == 3 && b[0] == 0xEF && b[1] == 0xBC:
			t[b[2]] = 2
		case len(b) == 3 && b[0] == 0xE3 && b[1] == 0x80:
			t[b[2]] = 3
		default:
			panic("aggregate: clause mark " + string(r) + " is not ASCII, EF BC xx or E3 80 xx")
		}
	}
	return t
}()

func hasAnySuffix(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}
