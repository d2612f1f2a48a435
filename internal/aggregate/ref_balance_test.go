package aggregate

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/model"
)

// refClassify is the classification classify replaced (commit e6e5bf7):
// the words around a figure cut out with strings.LastIndexAny, and every
// word list searched over the clause with strings.Contains,
// strings.LastIndex and strings.HasPrefix. classify must agree with it on
// every metric (ref_balance_diff_test.go).
func refClassify(m *model.Metric) (kind model.NotSummed, part bool) {
	if m.Unit == "percent" || m.Unit == "percent_point" {
		return model.Summed, false
	}
	before, prev, after, ok := refAround(m)
	if !ok {
		return model.Summed, false
	}
	// The rule for items of a list came after the replacement: when the
	// figure follows the item's label directly, the lead-in's words count
	// as the clause's for stocks, fines and capital, context, plans and
	// spans of years.
	lead := ""
	if strings.TrimSpace(before) == "" {
		lead = refLead(m)
	}
	// Parts going on after a 其中 in an earlier clause came later.
	part = strings.Contains(before, "其中") || prev == "其中"
	for _, w := range stockBefore {
		if strings.Contains(before, w) || strings.Contains(lead, w) || refLevel.MatchString(strings.TrimSpace(before)) && strings.Contains(prev, w) {
			return model.Stock, part
		}
	}
	for _, w := range stockAfter {
		if strings.HasPrefix(after, w) {
			return model.Stock, part
		}
	}
	// difference itself is unchanged but for its ref argument, the clue
	// classify finds (比 or 较 in the clause): here the clause is always read.
	// The rule for fines and capital raised came after the replacement
	// and is written here on its own, as two regular expressions.
	if refOwnBefore.MatchString(before) || refOwnBefore.MatchString(lead) || refOwnAfter.MatchString(after) ||
		refRaised.MatchString(before) && refOwnBefore.MatchString(prev) {
		return model.FineOrCapital, part
	}
	// The rule for figures of the story around the bank came after the
	// replacement and is written here on its own, as two regular
	// expressions.
	if refContext.MatchString(before) || refContext.MatchString(lead) || strings.Contains(before, "损失") && !refSaved.MatchString(before) ||
		refContextEnd.MatchString(strings.TrimSpace(before)) {
		return model.Context, part
	}
	if difference(before, true) {
		return model.Difference, part
	}
	// The rule for figures per unit came later, written here on its own
	// (refPerUnitBefore, a regexp after the figure, a cap's text).
	if refPerUnitBefore(before) || refPerAfter.MatchString(after) || strings.HasPrefix(hanzi.Simplify(m.Text), "最高") {
		return model.PerUnit, part
	}
	// Plans led by 按计划 and spans of years opening the sentence, and the
	// story's spending and income (花费, 增收), came later.
	if refPlanned(before, after) || refPlanned(lead, "") || refForecastBefore.MatchString(before) && refForecastText.MatchString(m.Text) || refPlanLed(m) {
		return model.Planned, part
	}
	// The rule for totals over several years came after the replacement
	// and is written here on its own, as one regular expression.
	if refYears.MatchString(before) || refYearWords.MatchString(lead) || (strings.HasSuffix(prev, "来") || strings.HasSuffix(prev, "至今")) && refYears.MatchString(prev) ||
		refYearsHeads.MatchString(prev) || refOpensWithYears(m) {
		return model.Cumulative, part
	}
	return model.Summed, part
}

// refOwnBefore matches a fine or capital raised in a figure's clause (or,
// when refRaised matches it, in the clause before), refOwnAfter capital
// raised right after the figure.
var (
	refOwnBefore = regexp.MustCompile(`罚|没收|配股|定增|非公开发行|增资扩股|永续债|资本债|资本补充债|可转债`)
	refRaised    = regexp.MustCompile(`募集|募资`)
	refOwnAfter  = regexp.MustCompile(`^(?:的)?(?:永续债|二级资本债|资本债|资本补充债|可转债|无固定期限资本债)`)
)

// refContext matches a project's total investment or a crime in a
// figure's clause; refSaved a loss avoided or recovered.
var (
	refContext = regexp.MustCompile(`总投资|收受|[受行索]贿|贪污|侵占|挪用`)
	// the story's spending and income right before the figure came later
	refContextEnd = regexp.MustCompile(`(?:花费|花费了|医药费|手术费|治疗费|增收)$`)
	// figures per unit (an average, a price, a limit) came later
	refNumeral = regexp.MustCompile(`[0-9０-９〇零一二两三四五六七八九十百千万亿]`)
	// one figure and a verb of reaching a level (每笔5元降至2元)
	refLevelAfter = regexp.MustCompile(`^[^0-9０-９〇零一二两三四五六七八九十百千万亿]*[0-9０-９.,．，]*[0-9０-９][0-9０-９.,．，]*[元万亿千百]*(?:降至|降为|降到|下调至|下调为|下降至|调整为|调整至|调至|减至|减为|提高至|提高到|上调至|上调为|至|到)$`)
	refPerAfter   = regexp.MustCompile(`^[/／每]\p{Han}`)
	refSaved      = regexp.MustCompile(`避免|挽回|减少|防止|止损|追回|弥补|降低|拦截|堵截|减损|规避`)
)

// refForecastBefore and refForecastText match 将 right before a figure
// whose text says a level will be reached (将超过5万亿元).
var (
	refForecastBefore = regexp.MustCompile(`将[\s\x0B\x{85}\p{Z}]*$`)
	refForecastText   = regexp.MustCompile(`^(?:超过|超|突破|达到|达|逾|接近|近|超過|達到|達)`)
)

// refLevel matches a clause that is only a verb of reaching a level (the
// rule came after the replacement).
var refLevel = regexp.MustCompile(`^(?:达到了?|达|增至|升至|首次突破|突破|超过|已达到?)$`)

// refYears matches a span of several years: a word of yearsBefore, a
// count of years and 年来, or a range of years.
var refYears = regexp.MustCompile(`近年来|近年累计|多年来|多年累计|历年|近几年|近些年|这几年|这些年|成立以来|成立至今|开业以来|开业至今|创立以来|组建以来|上市以来|改制以来|十[二三四五]五` +
	`|(?:^|[^0-9])[0-9]{1,3}年来|[一二三四五六七八九十两几多数]年来` +
	`|(?:19|20)[0-9]{2}年?[-—–－~～至到](?:[0-9]{2}|[0-9]{4})年`)

// refYearsHeads matches a clause ending with a count of years and 个年头.
var refYearsHeads = regexp.MustCompile(`(?:[0-9]|[一二三四五六七八九十两几多数])个年头$`)

// refLocate returns m's sentence and the byte index of its text in it,
// both folded to simplified characters when the text is not found as
// written.
func refLocate(m *model.Metric) (s, text string, i int, ok bool) {
	s, text = m.Sentence, m.Text
	if i = strings.Index(s, text); i >= 0 {
		return s, text, i, true
	}
	s, text = hanzi.Simplify(s), hanzi.Simplify(text)
	i = strings.Index(s, text)
	return s, text, i, i >= 0
}

// refHead returns the sentence of m before its clause, simplified, or "".
func refHead(m *model.Metric) string {
	s, _, i, ok := refLocate(m)
	if !ok {
		return ""
	}
	head := s[:i]
	return head[:len(head)-len(refClauseBefore(head))]
}

// refOpensWithYears: the sentence's first clause is only a span of years.
func refOpensWithYears(m *model.Metric) bool {
	head := refHead(m)
	cut := -1 // the first clause mark, not a comma or colon between digits
	for i, r := range head {
		if strings.ContainsRune(clausePunct, r) && !((r == ',' || r == ':') && i > 0 && i+1 < len(head) && isDigit(head[i-1]) && isDigit(head[i+1])) {
			cut = i
			break
		}
	}
	if cut < 0 {
		return false
	}
	first := head[:cut]
	before, _, _, _ := refAround(m)
	if refPeriod.MatchString(head[cut:]) || refPeriod.MatchString(before) {
		return false
	}
	return utf8.RuneCountInString(first) <= 8 && refSpan.MatchString(strings.TrimSpace(hanzi.Simplify(first)))
}

var (
	refPeriod = regexp.MustCompile(`今年|本年|当年|當年|去年|年内|年內|季度|上半年|下半年|全年|月份|本月|当月|當月`)
	refSpan   = regexp.MustCompile(`^(?:过去的|过去|最近|近)?(?:[02-9]|[0-9]{2,3}|[二三四五六七八九十两几]+)[余多]*年(?:以来|来|间|里|中)?$`)
)

// refPlanLed: the sentence's first clause is a plan word, and the
// sentence up to the figure says what will be and nothing done.
func refPlanLed(m *model.Metric) bool {
	head := refHead(m) // "" when the figure is not in its sentence
	first, ok := refFirst(head)
	if !ok || !refPlanLeadWhole.MatchString(strings.TrimSpace(first)) {
		return false
	}
	before, _, _, _ := refAround(m)
	upto := head[len(first):] + before
	return !refDone.MatchString(upto) && refWill.MatchString(upto)
}

var (
	refPlanLeadWhole = regexp.MustCompile(`^(?:按计划|按照计划|根据计划|按规划|按照规划|根据规划|按計劃|按照計劃|根據計劃)$`)
	refDone          = regexp.MustCompile(`已|完成|累计|累計|实现了|實現了`)
	refWill          = regexp.MustCompile(`将|將|力争|力爭|预计|預計|计划|計劃|年末|年底`)
)

// refFirst returns the text of head before its first clause mark that is
// not a comma or colon between digits, and whether there is one.
func refFirst(head string) (string, bool) {
	for i, r := range head {
		if strings.ContainsRune(clausePunct, r) && !((r == ',' || r == ':') && i > 0 && i+1 < len(head) && isDigit(head[i-1]) && isDigit(head[i+1])) {
			return head[:i], true
		}
	}
	return "", false
}

var refPlanLead = regexp.MustCompile(`按计划|按照计划|根据计划|按规划|按照规划|根据规划|按計劃|按照計劃|根據計劃`)

// refYearWords matches the words of yearsBefore alone.
var refYearWords = regexp.MustCompile(`近年来|近年累计|多年来|多年累计|历年|近几年|近些年|这几年|这些年|成立以来|成立至今|开业以来|开业至今|创立以来|组建以来|上市以来|改制以来|十[二三四五]五`)

// refLeadRE matches the end of a list's lead-in: 如下, 包括 or 分别为 and
// a colon.
var refLeadRE = regexp.MustCompile(`(如下|包括|分别为|分別為)[:：]`)

// refLead returns the simplified lead-in of the list a figure is an item
// of: the clause before the last refLeadRE match wholly before the
// figure's clause, and the match's word.
func refLead(m *model.Metric) string {
	s, _, i, ok := refLocate(m)
	if !ok {
		return ""
	}
	head := s[:i]
	rest := head[:len(head)-len(refClauseBefore(head))]
	all := refLeadRE.FindAllStringSubmatchIndex(rest, -1)
	if len(all) == 0 {
		return ""
	}
	last := all[len(all)-1]
	return hanzi.Simplify(refClauseBefore(rest[:last[2]]) + rest[last[2]:last[3]])
}

func refAround(m *model.Metric) (before, prev, after string, ok bool) {
	s, text, i, ok := refLocate(m)
	if !ok {
		return "", "", "", false
	}
	head := s[:i]
	clause := refClauseBefore(head)
	before = hanzi.Simplify(clause)
	if rest := head[:len(head)-len(clause)]; rest != "" {
		_, size := utf8.DecodeLastRuneInString(rest)
		prev = strings.TrimSpace(hanzi.Simplify(refClauseBefore(rest[:len(rest)-size])))
	}
	tail := s[i+len(text):]
	if n := hanzi.RuneIndex(tail, 6); n < len(tail) {
		tail = tail[:n]
	}
	return before, prev, hanzi.Simplify(tail), true
}

// refClauseBefore cuts at the last clause mark that refNumberMark does not
// place inside a number (the rule came after the replacement).
func refClauseBefore(s string) string {
	for end := len(s); ; {
		cut := strings.LastIndexAny(s[:end], clausePunct)
		if cut < 0 {
			return s
		}
		if refNumberMark.MatchString(s[max(cut-1, 0):min(cut+2, len(s))]) {
			end = cut
			continue
		}
		_, size := utf8.DecodeRuneInString(s[cut:])
		return s[cut+size:]
	}
}

// refNumberMark is a comma or colon between two digits.
var refNumberMark = regexp.MustCompile(`^[0-9][,:][0-9]$`)

func refPlanned(before, after string) bool {
	for _, w := range planBefore {
		if strings.Contains(before, w) {
			return true
		}
	}
	for k := 0; ; {
		j := strings.Index(before[k:], "计划")
		if j < 0 {
			break
		}
		j += k
		k = j + len("计划")
		if r, _ := utf8.DecodeLastRuneInString(before[:j]); strings.ContainsRune("”\"」』》)）", r) {
			continue
		}
		for _, v := range planVerbs {
			if strings.HasPrefix(before[k:], v) {
				return true
			}
		}
	}
	for _, w := range planAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return strings.Contains(after, "任务")
}

// refAppendMetricRows is appendMetricRows before it compared the figures
// of an article pairwise (commit e6e5bf7): two maps per article, with
// refClassify.
func refAppendMetricRows(rows []model.MetricRow, f *model.Facts, a *model.ArticleRow) []model.MetricRow {
	type key struct {
		value float64
		unit  string
		theme string
	}
	seen := map[key]bool{}
	type figure struct {
		value     float64
		unit      string
		qualifier string
	}
	themed := map[figure]bool{}
	for j := range f.Metrics {
		if m := &f.Metrics[j]; m.Theme != "" {
			themed[figure{m.Value, m.Unit, m.Qualifier}] = true
		}
	}
	start := len(rows)
	var scope partScope // parts across semicolons came later
	for j := range f.Metrics {
		m := &f.Metrics[j]
		k := key{m.Value, m.Unit, m.Theme}
		bank := m.Bank
		if bank == "" && !sector(m) { // the rule for sector figures came after; production's
			bank = f.PrimaryBank
		}
		why, own := refClassify(m)
		carried := scope.part(m, own) // parts carried on came later, and wholeIndex with them
		switch {
		case seen[k] || m.Theme == "" && themed[figure{m.Value, m.Unit, m.Qualifier}]:
			why = model.SameFigure
		case why == model.Summed && (own || carried):
			if w := wholeIndex(f.Metrics, j, !own); w >= 0 {
				why = model.PartOfBefore
				if o := rows[start+w]; o.Balance() {
					why = o.Why
				}
			}
		}
		rows = append(rows, model.MetricRow{
			Metric: m, ArticleRow: a, BankName: bank, BankType: bankType(f, bank), Why: why,
		})
		seen[k] = true
	}
	return rows
}

// refPerUnitBefore is perUnitBefore written word by word with
// strings.Index: some occurrence of a word of perBefore has at most
// perReach runes and no numeral after it, and is that word (not 订单户,
// 名单户 …; not 每个月, 每个季度, 每个工作日).
func refPerUnitBefore(before string) bool {
	for _, w := range perBefore {
		for from := 0; ; {
			k := strings.Index(before[from:], w)
			if k < 0 {
				break
			}
			k += from
			from = k + 1
			rest := before[k+len(w):]
			if utf8.RuneCountInString(rest) > perReach || refNumeral.MatchString(rest) && !refLevelAfter.MatchString(rest) {
				continue
			}
			if w[:3] == "单" && k > 0 {
				prev, _ := utf8.DecodeLastRuneInString(before[:k])
				if strings.ContainsRune("订名清账帐保菜表买下接落简", prev) {
					continue
				}
			}
			if w == "每个" && (strings.HasPrefix(rest, "月") || strings.HasPrefix(rest, "季度") || strings.HasPrefix(rest, "工作日")) {
				continue
			}
			return true
		}
	}
	return false
}
