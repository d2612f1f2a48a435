// Package cnnum parses Chinese quantities: digits (ASCII and full-width),
// separators, decimals, Chinese numerals (一万二千, 两千, 壹贰叁), multipliers
// (万, 亿, 千, 百), qualifiers (约, 逾, 余, 多, 以上 …) and ranges. It is pure
// and has no dependencies.
//
// It is the number layer under internal/metric. Input: a string (a
// sentence or paragraph); output: the Quantities in it, each with its byte
// and rune span, normalised value, range upper bound and qualifier. It knows
// nothing of units: deciding whether a quantity is a metric, and of what, is
// internal/metric's job.
package cnnum

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/runeset"
)

// Qualifiers, spelled as in the vocabulary (../shared/spec/vocabulary.md).
const (
	Exact   = "exact"
	Approx  = "approx"
	AtLeast = "at_least"
	AtMost  = "at_most"
)

// Quantity is one number found in a text.
type Quantity struct {
	// Start and End are the byte offsets of the span in the text: the
	// prefix qualifier (约, 逾 …) if any, the number, an inner 多/余 and the
	// multipliers (4400多万). RuneStart and RuneEnd are the same in runes.
	Start, End         int
	RuneStart, RuneEnd int
	// NumStart is the byte offset where the number itself begins (after
	// the prefix qualifier); NumRune the same in runes.
	NumStart, NumRune int

	Value float64 // normalised: 1.2万 → 12000
	// High is the upper bound of a range (2至3亿 → Value 2e8, High 3e8);
	// zero when the quantity is a single number.
	High float64

	Qualifier string // Exact, Approx, AtLeast or AtMost
	// Prefix is the prefix qualifier as written ("约", "超过"), "" when none.
	Prefix string

	Arabic     bool    // written with at least one Arabic digit
	Multiplier float64 // product of the 十/百/千/万/亿 after Arabic digits or ending a Chinese numeral, 1 when none
	// Positional is set for Chinese digits read one by one (二〇〇五).
	Positional bool
	// Integer is set when the number has no decimal part as written.
	Integer bool
}

// Scan returns the quantities in s, in order.
func Scan(s string) []Quantity { return AppendScan(nil, s) }

// AppendScan appends the quantities in s to dst and returns it; reusing dst
// avoids allocating on hot paths.
func AppendScan(dst []Quantity, s string) []Quantity { return AppendScanFrom(dst, s, 0, 0) }

// AppendScanFrom is AppendScan for a text none of whose runes before byte
// from (rune fromRune) is Numeral, as a caller that read them knows: it
// starts there.
func AppendScanFrom(dst []Quantity, s string, from, fromRune int) []Quantity {
	i, ri := from, fromRune
	prev := rune(0) // the rune before s[i]
	if i > 0 {
		prev, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	for i < len(s) {
		var r rune
		size := 1
		if c := s[i]; c < utf8.RuneSelf {
			r = rune(c)
		} else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// a three-byte rune decoded inline (E1–EC, EE–EF lead bytes
			// take any two continuation bytes), as utf8 decodes it
			r, size = rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if r < 0x10000 && numeral[r>>3]&(1<<(r&7)) != 0 {
			q, n, rn, ok := number(s, i)
			if n == 0 {
				n, rn = size, 1
			}
			if ok && (!glued(prev) || labelColon(s[:i], prev)) {
				q.NumStart, q.NumRune = i, ri
				q.Start, q.RuneStart = i, ri
				q.End, q.RuneEnd = i+n, ri+rn
				if q.Prefix == "上" {
					q.Start -= len("上")
					q.RuneStart--
				} else if p, qual := PrefixQualifier(s[:i]); p != "" {
					q.Start -= len(p)
					q.RuneStart -= utf8.RuneCountInString(p)
					q.Prefix = p
					q.Qualifier = combine(qual, q.Qualifier)
				}
				q = rangeAfter(s, q)
				if q.Arabic || q.Value >= 10 || q.High > 0 || q.Positional || q.Prefix != "" {
					dst = append(dst, q)
				}
				i, ri = q.End, q.RuneEnd
				lr, _ := utf8.DecodeLastRuneInString(s[:i])
				prev = lr
				continue
			}
			// Not a number (or glued to a word): skip the whole run so
			// that its tail is not read as a number of its own.
			lr, _ := utf8.DecodeLastRuneInString(s[:i+n])
			prev = lr
			i += n
			ri += rn
			continue
		}
		prev = r
		i += size
		ri++
	}
	return dst
}

// Numeral says whether r may start a number (a digit, a Chinese digit or
// power): Scan finds nothing in a text without one.
func Numeral(r rune) bool { return r >= 0 && r < 0x10000 && numeral[r>>3]&(1<<(r&7)) != 0 }

// numeral is a bitmap of the runes that may start a number: digits,
// Chinese digits and powers.
var numeral = func() (b [0x10000 / 8]byte) {
	for r := rune(0); r < 0x10000; r++ {
		if isDigit(r) || chineseDigit(r) >= 0 || chinesePower(r) > 0 {
			b[r>>3] |= 1 << (r & 7)
		}
	}
	return b
}()

// glued says a number right after r belongs to a word, a code or a URL
// (M0, v2, id=123, 3.5.1).
func glued(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= 'ａ' && r <= 'ｚ', r >= 'Ａ' && r <= 'Ｚ':
		return true
	}
	switch r {
	case '/', '_', '=', '#', '@', '&', '?', '\\', '.', '．', ':', '：':
		return true
	}
	return false
}

// labelColon says the colon before a number ends a label written in
// Chinese (其中：1个营业部, 活动规模：300人, and with the ASCII colon many
// scraped pages print, 工商银行:1.2万亿元): the number starts a figure.
// After a digit or a letter (10：30, ID：5, http://) the colon still glues.
func labelColon(before string, prev rune) bool {
	if prev != '：' && prev != ':' {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before[:len(before)-utf8.RuneLen(prev)])
	return r >= 0x4E00 && r <= 0x9FFF
}

// combine merges the prefix qualifier with the inner one (逾1500余 → at_least).
func combine(prefix, inner string) string {
	if prefix == "" || prefix == Exact {
		return inner
	}
	return prefix
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func digitVal(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	return int(r - '０')
}

// chineseDigit returns the value of a Chinese digit, or -1.
func chineseDigit(r rune) int {
	switch r {
	case '〇', '零', '○':
		return 0
	case '一', '壹', '幺':
		return 1
	case '二', '两', '兩', '贰', '貳', '弍':
		return 2
	case '三', '叁', '參', '叄':
		return 3
	case '四', '肆':
		return 4
	case '五', '伍':
		return 5
	case '六', '陆', '陸':
		return 6
	case '七', '柒':
		return 7
	case '八', '捌':
		return 8
	case '九', '玖':
		return 9
	}
	return -1
}

// chinesePower returns the multiplier of 十百千万亿 (and their variants), or 0.
func chinesePower(r rune) float64 {
	switch r {
	case '十', '拾':
		return 10
	case '百', '佰':
		return 100
	case '千', '仟':
		return 1000
	case '万', '萬':
		return 1e4
	case '亿', '億':
		return 1e8
	}
	return 0
}

// powerStops says a 百/千 right after digits begins a word, not a multiplier:
// 百分点, 百分之, 千克, 千米, 千瓦.
func powerStops(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	if r != '百' && r != '千' {
		return false
	}
	n, _ := utf8.DecodeRuneInString(s[i+size:])
	switch n {
	case '分', '克', '米', '瓦', '帕', '卡':
		return true
	}
	return false
}

// maxValue bounds the figures Scan reports (23378.93万亿 is 2.3e16).
const maxValue = 1e18

// number parses the number starting at byte i of s. It returns the
// quantity (value, qualifier, flags; spans unset), the bytes and runes
// consumed, and whether it is a number at all. When ok is false, n still
// covers the run of numeral characters so that the caller can skip it.
func number(s string, i int) (q Quantity, n, rn int, ok bool) {
	q.Qualifier = Exact
	q.Multiplier = 1
	q.Integer = true
	j, rj := i, 0
	var v float64
	hasArabic := false
	r, _ := utf8.DecodeRuneInString(s[j:])
	if isDigit(r) {
		var end, runes int
		v, end, runes, q.Integer = arabic(s, j)
		j = end
		rj += runes
		hasArabic = true
	}
	q.Arabic = hasArabic
	// Chinese part: digits and powers, or powers alone after Arabic digits.
	var (
		total, cur, section float64
		digit               float64 = -1
		powers              int
		digits              int
		lastDigit           = -1
		ranged              bool    // two digits in a row made a range (二三十, 五六万)
		rangeUnit           float64 // what one unit of the range's second digit is worth so far, 0 before its power
		rangeTotal          bool    // the range's digits have gone into total (after 亿)
		chineseOnly         = !hasArabic
		inner               string
		positional          []int
		lastPower           float64
		tail                bool // Arabic digits after 万 or 亿 (2万5千) were read
	)
	if hasArabic {
		digit = v
	}
	// flush returns the value parsed so far.
	value := func() float64 {
		d := digit
		if d < 0 {
			d = 0
		}
		return total + cur + section + d
	}
	for j < len(s) {
		if k := Pinyin(s[j:]); k > 0 && j > i && afterCJK(s[:j]) {
			// 萬(wàn): skip the gloss.
			rj += utf8.RuneCountInString(s[j : j+k])
			j += k
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if p := chinesePower(r); p > 0 {
			if hasArabic && p < 1e4 && powerStops(s, j) {
				break
			}
			if hasArabic && inner != "" && p < 1e4 {
				break
			}
			if positional != nil {
				break
			}
			if digits == 0 && !hasArabic && p <= lastPower {
				// 亿万, 千千万万: idioms, not numbers.
				break
			}
			lastPower = p
			powers++
			if ranged {
				// The range's second digit is worth what the power right
				// after it makes it (二三十 → 10, 五六万 → 1e4), times the
				// 万 or 亿 that scale its section later (二三千五百万: 1e7);
				// 三四亿五千万's 万 scales only the later section.
				switch {
				case rangeUnit == 0:
					rangeUnit = p
					rangeTotal = p == 1e8
				case p == 1e8:
					rangeUnit *= p
					rangeTotal = true
				case p == 1e4 && !rangeTotal:
					rangeUnit *= p
				}
			}
			switch {
			case p == 1e8:
				total = (total + cur + section + max(digit, 0)) * 1e8
				if total == 0 {
					total = 1e8
				}
				cur, section, digit = 0, 0, -1
			case p == 1e4:
				x := cur + section + max(digit, 0)
				if x == 0 {
					x = 1
				}
				cur = x * 1e4
				section, digit = 0, -1
			default:
				d := digit
				if d < 0 {
					d = 1
				}
				section += d * p
				digit = -1
			}
			if hasArabic && !tail {
				q.Multiplier *= p
			}
			lastDigit = -1
			j += size
			rj++
			continue
		}
		if !chineseOnly {
			// After Arabic digits only powers and 多/余 follow.
			if (r == '多' || r == '余' || r == '餘') && inner == "" {
				inner = AtLeast
				j += size
				rj++
				continue
			}
			if r == ' ' && inner == "" {
				// "近 2 万次", "4000 余人次": one space between digits and a
				// multiplier or 多/余.
				nr, _ := utf8.DecodeRuneInString(s[j+1:])
				if p := chinesePower(nr); p >= 1e4 && powers == 0 || nr == '多' || nr == '余' || nr == '餘' {
					j++
					rj++
					continue
				}
			}
			if isDigit(r) && inner == "" && powers > 0 && lastPower >= 1e4 && digit < 0 && !tail {
				// 2万5千户, 1亿2千万元: Arabic digits and a smaller power
				// after 万 or 亿 go on the number (once).
				v2, end2, runes2, integer2 := arabic(s, j)
				nr, _ := utf8.DecodeRuneInString(s[end2:])
				if p2 := chinesePower(nr); integer2 && v2 > 0 && v2 < 10000 && p2 > 1 && p2 < lastPower && !powerStops(s, end2) {
					digit = v2
					j = end2
					rj += runes2
					tail = true
					continue
				}
			}
			break
		}
		if (r == '点' || r == '點') && digit >= 0 && lastDigit >= 0 && positional == nil && !ranged && inner == "" {
			// 一点五亿元, 三点二万: a decimal point in Chinese numerals,
			// only before 万, 亿 or 倍 (下午一点五十分 is a time).
			k, frac, scale := j+size, 0.0, 1.0
			for k < len(s) {
				d2 := chineseDigit(next(s, k))
				if d2 < 0 || next(s, k) == '十' {
					break
				}
				frac = frac*10 + float64(d2)
				scale *= 10
				k += utf8.RuneLen(next(s, k))
			}
			if p := chinesePower(next(s, k)); scale > 1 && (p >= 1e4 || next(s, k) == '倍') {
				digit += frac / scale
				q.Integer = false
				rj += utf8.RuneCountInString(s[j:k])
				j = k
				lastDigit = -1
				continue
			}
			break
		}
		if d := chineseDigit(r); d >= 0 {
			if digit >= 0 && lastDigit >= 0 {
				// Two digits in a row: 二三十, 五六万 (a range) or 二〇〇五 (positional).
				if d == lastDigit+1 && lastDigit >= 1 && powers == 0 && positional == nil && strings.ContainsRune("十百千万萬亿億", next(s, j+size)) {
					ranged = true
					digit = float64(d)
					lastDigit = d
					j += size
					rj++
					digits++
					continue
				}
				if powers == 0 {
					if positional == nil {
						positional = []int{lastDigit}
					}
					positional = append(positional, d)
					lastDigit = d
					j += size
					rj++
					digits++
					continue
				}
				break
			}
			if positional != nil {
				break
			}
			if r == '零' || r == '〇' || r == '○' {
				if digits == 0 && powers == 0 {
					// A lone 零 starts nothing.
					if digit < 0 {
						digit = 0
					}
				}
				lastDigit = 0
				digits++
				j += size
				rj++
				continue
			}
			digit = float64(d)
			lastDigit = d
			digits++
			j += size
			rj++
			continue
		}
		if (r == '多' || r == '余' || r == '餘') && inner == "" && (digits > 0 || powers > 0) && positional == nil {
			if lastDigit >= 0 && powers > 0 {
				// 一百五多? not a pattern; stop.
				break
			}
			inner = AtLeast
			j += size
			rj++
			continue
		}
		if (r == '几' || r == '幾' || r == '来' || r == '來') && inner == "" && powers > 0 && lastDigit < 0 && positional == nil && lastPower >= 10 && lastPower < 1e4 {
			// 十几个, 二十几万元 (more than, like 多); 三十来个, 一百来人
			// (about): right after 十, 百 or 千, and 来 before a measure
			// word, not a verb (三十来到, 十来自).
			nr := next(s, j+size)
			if r == '几' || r == '幾' {
				inner = AtLeast
			} else if nr != 0 && !strings.ContainsRune("到自说說看临臨华華京沪滬源", nr) && !unicode.IsPunct(nr) {
				inner = Approx
			} else {
				break
			}
			j += size
			rj++
			continue
		}
		break
	}
	n, rn = j-i, rj
	if n == 0 {
		return q, 0, 0, false
	}
	// Trailing 多/余 that was not followed by anything stays part of the number.
	if positional != nil {
		if len(positional) < 3 && positional[len(positional)-1] != 0 && positional[0] != 0 {
			// 一一, 三五: words, not numbers.
			return q, n, rn, false
		}
		if len(positional) > 18 {
			return q, n, rn, false
		}
		var x float64
		for _, d := range positional {
			x = x*10 + float64(d)
		}
		q.Value = x
		q.Positional = true
		return q, n, rn, true
	}
	if chineseOnly {
		if digits == 0 && inner == "" && powers > 1 && unitHeader(s[:i]) {
			// Powers alone in a table's header: 余额（万亿元）, 单位：万元.
			return q, n, rn, false
		}
		if digits == 0 && powers == 1 && inner == "" {
			// A bare power (千, 万) counts only with a one-character
			// qualifier: 近千家, 逾千亿, 超百亿元, or with 余/多: 千余人次;
			// not in 千家万户, 十分, 百姓, nor where digits were lost
			// (超过万人次).
			p, _ := PrefixQualifier(s[:i])
			if strings.HasSuffix(s[:i], "上") && p == "" && !strings.ContainsRune("马以之向线网晚早路会加身手地天楼面头墙山岸海台桌街镇县市省北南东西", lastRune(s[:i-len("上")])) {
				// 上百场, 上千户, 上万人: at least that many
				q.Qualifier = AtLeast
				q.Prefix = "上" // Scan puts it in the span
			} else if utf8.RuneCountInString(strings.TrimSpace(p)) != 1 {
				return q, n, rn, false
			}
		}
	}
	q.Value = value()
	if q.Value > maxValue || q.High > maxValue {
		// Longer than any figure a text reports: a code or noise.
		return q, n, rn, false
	}
	if chineseOnly && powers > 0 {
		// Multiplier of a Chinese numeral: its trailing power (三十万 → 1e4).
		q.Multiplier = trailingPower(s[i : i+n])
	}
	if ranged && rangeUnit > 0 {
		// the low end: the second digit one lower (五六万: 6万 − 1万)
		q.High = q.Value
		q.Value -= rangeUnit
		q.Qualifier = Approx
		if inner != "" {
			q.Qualifier = inner
		}
		return q, n, rn, true
	}
	if inner != "" {
		q.Qualifier = inner
	}
	return q, n, rn, true
}

// lastRune returns the last rune of s, utf8.RuneError when none.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// unitHeader says the text before powers alone makes them a table's unit:
// an opening parenthesis (余额（万亿元）) or 单位 and a colon.
func unitHeader(before string) bool {
	before = strings.TrimRight(before, " ")
	return strings.HasSuffix(before, "（") || strings.HasSuffix(before, "(") ||
		strings.HasSuffix(before, "单位：") || strings.HasSuffix(before, "单位:") || strings.HasSuffix(before, "單位：") || strings.HasSuffix(before, "單位:")
}

// afterCJK says s ends with a Chinese character (a numeral the gloss
// belongs to).
func afterCJK(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r >= 0x3400 && r <= 0x9fff
}

func next(s string, j int) rune {
	if j >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return r
}

func trailingPower(s string) float64 {
	m := 1.0
	for len(s) > 0 {
		if s[len(s)-1] == ')' {
			if k := strings.LastIndexByte(s, '('); k >= 0 && Pinyin(s[k:]) == len(s)-k {
				s = s[:k]
				continue
			}
		}
		r, size := utf8.DecodeLastRuneInString(s)
		if r == '多' || r == '余' || r == '餘' {
			s = s[:len(s)-size]
			continue
		}
		p := chinesePower(r)
		if p == 0 {
			break
		}
		m *= p
		s = s[:len(s)-size]
	}
	return m
}

// arabic parses Arabic digits at s[i:]: ASCII or full-width, thousands
// separators (1,500 1，500), a decimal point (1.45, and 0. 17 after a lone
// 0) and digits spaced
// one by one (5 0 0). It returns the value, the end byte, the runes read and
// whether the number is an integer.
func arabic(s string, i int) (v float64, end, runes int, integer bool) {
	j := i
	integer = true
	groupLen := 0 // digits since the start or the last separator
	grouped := false
	spaceGrouped := false // thousands set off by spaces
	spaced := -1          // whether the digits are spaced one by one: unknown, no, yes
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if isDigit(r) {
			v = v*10 + float64(digitVal(r))
			groupLen++
			j += size
			runes++
			continue
		}
		if (r == ',' || r == '，') && !spaceGrouped && groupLen > 0 && groupLen <= 3 && (grouped == false || groupLen == 3) {
			// A thousands separator only when exactly three digits follow
			// and then no digit.
			k, cnt := digitsAt(s, j+size)
			if cnt == 3 && !nextIsDecimalDigitAfterComma(s, k) {
				grouped = true
				groupLen = 0
				j += size
				runes++
				continue
			}
			break
		}
		if groupSpace(r) && groupLen > 0 && groupLen <= 3 && (!grouped && !spaceGrouped && runes == groupLen && !startsLine(s, i) || spaceGrouped && groupLen == 3) {
			// 4 286亿元, 1 234 567元: thousands set off by a space, as
			// statistical releases print them (GB/T 15835). Only when
			// exactly three digits follow and then no digit, so that
			// 2 3 4, 2019 286 and a flattened table's cells (5 120 8)
			// stay apart.
			k, cnt := digitsAt(s, j+size)
			if cnt == 3 {
				r3, s3 := utf8.DecodeRuneInString(s[k:])
				// After a space, another group (1 234 567) or a word
				// (4 286 亿元), not a digit of the next cell.
				more := false
				if groupSpace(r3) {
					c := 0
					for m := k + s3; m < len(s) && c < 4; c++ {
						r4, s4 := utf8.DecodeRuneInString(s[m:])
						if !isDigit(r4) {
							more = c == 0 && !groupSpace(r4)
							break
						}
						m += s4
					}
					more = more || c == 3
				}
				if k == len(s) || !isDigit(r3) && (!groupSpace(r3) || more) {
					spaceGrouped = true
					groupLen = 0
					j += size
					runes++
					continue
				}
			}
		}
		if r == ' ' && groupLen == 1 && !grouped && j+1 < len(s) {
			// 5 0 0: single digits spaced one by one.
			r2, s2 := utf8.DecodeRuneInString(s[j+1:])
			r3, _ := utf8.DecodeRuneInString(s[j+1+s2:])
			if spaced < 0 {
				spaced = 0
				if spacedRun(s, i) {
					spaced = 1
				}
			}
			if isDigit(r2) && !isDigit(r3) && spaced == 1 {
				j++
				runes++
				groupLen = 0
				continue
			}
		}
		break
	}
	// Decimal part.
	if j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if r == '.' || r == '．' {
			k := j + size
			kr := 1
			if k < len(s) && s[k] == ' ' && v == 0 && runes == 1 {
				// 0. 17 (a typesetter's space); 1. 2025年 is a list's
				// numbering and a year
				k++
				kr++
			}
			frac, scale, fr := 0.0, 1.0, 0
			for k < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[k:])
				if !isDigit(r2) {
					break
				}
				if fr < 15 {
					// Further digits are below float precision.
					frac = frac*10 + float64(digitVal(r2))
					scale *= 10
				}
				k += s2
				fr++
			}
			if fr > 0 && !(k < len(s) && (s[k] == '.')) {
				v += frac / scale
				integer = false
				j = k
				runes += kr + fr
			}
		}
	}
	return v, j, runes, integer
}

// startsLine says the number at s[i:] opens its line or follows a space:
// a list's or a table row's number (2 100名青年员工, a row's 1 then
// 200万元), not the first group of 4 286亿元.
func startsLine(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i == 0 || r == '\n' || r == '\r' || groupSpace(r) || r == '\t' || r == '\u3000' || r == '|' || r == '｜'
}

// groupSpace says r may set off thousands: a space, a no-break space, a
// thin space or a narrow no-break space.
func groupSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u2009' || r == '\u202f'
}

// digitsAt counts the digits at s[k:], up to four (enough to tell a group
// of three), and returns the end of those it counted.
func digitsAt(s string, k int) (end, count int) {
	for count < 4 && k < len(s) {
		r, size := utf8.DecodeRuneInString(s[k:])
		if !isDigit(r) {
			break
		}
		k += size
		count++
	}
	return k, count
}

func nextIsDecimalDigitAfterComma(s string, k int) bool {
	if k >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[k:])
	return isDigit(r)
}

// spacedRun says the digits from i on are written one by one with single
// spaces (5 0 0), at least three of them.
func spacedRun(s string, i int) bool {
	n := 0
	for j := i; j < len(s) && n <= 12; {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isDigit(r) {
			break
		}
		n++
		j += size
		if j < len(s) && s[j] == ' ' {
			r2, _ := utf8.DecodeRuneInString(s[j+1:])
			if isDigit(r2) {
				r3, _ := utf8.DecodeRuneInString(s[j+1+utf8.RuneLen(r2):])
				if isDigit(r3) {
					return false // a multi-digit group: not spaced one by one
				}
				j++
				continue
			}
		}
		break
	}
	return n >= 3 && n <= 12
}

// prefixes are the qualifiers written before a number, longest first
// within each group of shared endings.
var prefixes = []struct {
	text, qual string
}{
	{"不少于", AtLeast}, {"不少於", AtLeast}, {"不低于", AtLeast}, {"不低於", AtLeast},
	{"不超过", AtMost}, {"不超過", AtMost}, {"不高于", AtMost}, {"不高於", AtMost},
	{"最高的达到", AtMost}, {"最高可达", AtMost}, {"最长可达", AtMost}, {"最多可达", AtMost},
	{"最高可贷", AtMost}, {"最高可貸", AtMost}, {"最高可获", AtMost}, {"最高可獲", AtMost}, {"最高可申请", AtMost}, {"最高可申請", AtMost},
	{"最快", AtMost}, // 最快10分钟放款: the time at best, as 最长 the time at worst
	{"最长可延期", AtMost}, {"最长可延长至", AtMost}, {"最长可延长", AtMost}, {"最長可延期", AtMost},
	{"最高达到", AtMost}, {"最高达", AtMost}, {"最高為", AtMost}, {"最高为", AtMost}, {"最高", AtMost},
	{"最长", AtMost}, {"最長", AtMost}, {"最多", AtMost},
	{"最低至", AtLeast}, {"最低为", AtLeast}, {"最低", AtLeast}, {"最少", AtLeast}, {"最高至", AtMost},
	{"超过了", AtLeast}, {"超過了", AtLeast}, {"突破了", AtLeast}, {"接近了", Approx}, // 贷款余额超过了1.1万亿元
	{"超过", AtLeast}, {"超過", AtLeast}, {"突破", AtLeast}, {"至少", AtLeast}, {"多于", AtLeast}, {"高于", AtLeast},
	{"约为", Approx}, {"約為", Approx}, {"约占", Approx}, {"约有", Approx}, {"约达", Approx}, {"約達", Approx},
	{"大约", Approx}, {"大約", Approx}, {"将近", Approx}, {"將近", Approx}, {"接近", Approx}, {"约合", Approx}, {"約合", Approx},
	{"不到", AtMost}, {"不足", AtMost}, {"少于", AtMost}, {"低于", AtMost}, {"少於", AtMost}, {"低於", AtMost},
	{"逾", AtLeast}, {"超", AtLeast}, {"破", AtLeast},
	{"约", Approx}, {"約", Approx}, {"近", Approx},
}

// prefixesByLast indexes prefixes by their last rune, in table order.
var prefixesByLast = func() map[rune][]struct{ text, qual string } {
	idx := make(map[rune][]struct{ text, qual string })
	for _, p := range prefixes {
		r, _ := utf8.DecodeLastRuneInString(p.text)
		idx[r] = append(idx[r], p)
	}
	return idx
}()

// prefixLast is the set of the runes prefixes end with (all below
// U+10000; Add panics otherwise), the keys of prefixesByLast.
var prefixLast = func() *runeset.Set {
	var s runeset.Set
	for r := range prefixesByLast {
		s.Add(r)
	}
	return &s
}()

// notPrefix lists words ending in a qualifier character that are not
// qualifiers: 节约, 最近, 附近, 赶超, 打破, 侦破, 跌破 (破 alone is 突破:
// 用户破亿; a rate that 跌破2% is below it).
var notPrefix = []string{"节约", "節約", "签约", "簽約", "预约", "預約", "合约", "合約", "制约", "制約", "公约", "條約", "条约", "履约", "违约", "違約", "特约", "相约", "最近", "附近", "就近", "靠近", "临近", "臨近", "邻近", "亲近", "贴近", "走近", "赶超", "趕超", "打破", "攻破", "冲破", "衝破", "侦破", "偵破", "识破", "識破", "突破口", "跌破", "下破", "击穿", "擊穿"}

// PrefixQualifier returns the qualifier written at the end of s (just
// before a number), with one space allowed between: "约", "超过" … It
// returns the qualifier's text as it appears at the end of s (space
// included) and its meaning, or "" when there is none.
func PrefixQualifier(s string) (text, qual string) {
	t := s
	if len(t) > 0 && t[len(t)-1] == ' ' {
		t = t[:len(t)-1]
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if !prefixLast.Has(last) {
		return "", "" // no prefix ends with it (the usual case)
	}
	for _, p := range prefixesByLast[last] {
		if len(t) >= len(p.text) && t[len(t)-len(p.text):] == p.text {
			for _, np := range notPrefix {
				if len(t) >= len(np) && t[len(t)-len(np):] == np {
					return "", ""
				}
			}
			return s[len(t)-len(p.text):], p.qual
		}
	}
	return "", ""
}

// Pinyin returns the length of a pinyin gloss at the start of s, as some
// scraped traditional-Chinese pages carry after each character: 萬(wàn).
// It returns 0 when s does not start with one.
func Pinyin(s string) int {
	if len(s) < 3 || s[0] != '(' {
		return 0
	}
	letters := 0
	for j := 1; j < len(s) && j < 24; {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == ')':
			if letters == 0 {
				return 0
			}
			return j + 1
		case r >= 'a' && r <= 'z', r >= 0xC0 && r <= 0x24F, r == ' ':
			letters++
		default:
			return 0
		}
		j += size
	}
	return 0
}

// suffixes are the qualifiers written after a number and its unit.
var suffixes = []struct {
	text, qual string
}{
	{"及以上", AtLeast}, {"及以下", AtMost}, {"（含）以上", AtLeast}, {"(含)以上", AtLeast},
	{"以上", AtLeast}, {"之上", AtLeast}, {"多", AtLeast}, {"余", AtLeast}, {"餘", AtLeast},
	{"以下", AtMost}, {"以内", AtMost}, {"以內", AtMost}, {"之内", AtMost}, {"之內", AtMost},
	{"左右", Approx}, {"上下", Approx},
	{"起", AtLeast}, // 利率3.2%起, 5万元起贷: from there up
}

// SuffixQualifier returns the qualifier at the start of s (after a unit),
// with one space allowed before it: 以上, 左右, 以内 … It returns the bytes
// it covers and its meaning, or 0 and "".
func SuffixQualifier(s string) (n int, qual string) {
	off := 0
	if len(s) > 0 && s[0] == ' ' {
		off = 1
	}
	t := s[off:]
	for _, x := range suffixes {
		if len(t) >= len(x.text) && t[:len(x.text)] == x.text {
			if x.text == "多" || x.text == "余" || x.text == "餘" || x.text == "上下" {
				// Only as a suffix proper (2年多): not 多家, 上下游.
				r, _ := utf8.DecodeRuneInString(t[len(x.text):])
				if r >= 0x4e00 && r <= 0x9fff && r != '的' {
					continue
				}
			}
			return off + len(x.text), x.qual
		}
	}
	return 0, ""
}

// connectors join the two ends of a range: 2至3, 5-10, 20%到30%.
var connectors = []string{"至", "到", "-", "－", "~", "～", "—", "–", "〜"}

// RangeConnector returns the length of a range connector at the start of s
// (spaces around it allowed), or 0.
func RangeConnector(s string) int {
	off := 0
	if len(s) > 0 && s[0] == ' ' {
		off = 1
	}
	if off >= len(s) {
		return 0
	}
	for _, c := range connectors {
		// the first bytes compared alone first: most numbers are followed
		// by no connector, and rarely by a rune that begins like one
		if c[0] == s[off] && len(s) >= off+len(c) && s[off:off+len(c)] == c {
			n := off + len(c)
			if n < len(s) && s[n] == ' ' {
				n++
			}
			return n
		}
	}
	return 0
}

// rangeAfter extends q into a range when a connector and a second number
// follow directly (2至3亿 → 2e8..3e8, 5-10, 二三十 handled by number).
func rangeAfter(s string, q Quantity) Quantity {
	if q.High > 0 {
		return q
	}
	c := RangeConnector(s[q.End:])
	if c == 0 {
		return q
	}
	j := q.End + c
	r, _ := utf8.DecodeRuneInString(s[j:])
	if !isDigit(r) && chineseDigit(r) < 0 {
		return q
	}
	// Dashes: not dates or codes (2015-11-24, 400-633-4033).
	dash := s[q.End] == '-' || s[q.End] == ' ' && q.End+1 < len(s) && s[q.End+1] == '-'
	if dash && q.Start > 0 {
		pr, _ := utf8.DecodeLastRuneInString(s[:q.Start])
		if pr == '-' || isDigit(pr) {
			return q
		}
	}
	q2, n, rn, ok := number(s, j)
	if !ok || q2.High > 0 || q2.Positional != q.Positional {
		return q
	}
	end := j + n
	if end < len(s) {
		switch s[end] {
		case '-', '/', ':', '.':
			return q
		}
	}
	low := q.Value
	if q.Multiplier == 1 && q2.Multiplier > 1 {
		low *= q2.Multiplier // 2至3亿: the multiplier is written once
	}
	if q2.Value <= low {
		return q
	}
	q.Value = low
	q.High = q2.Value
	q.Multiplier = q2.Multiplier
	q.Arabic = q.Arabic || q2.Arabic
	q.Integer = q.Integer && q2.Integer
	if q.Qualifier == Exact {
		q.Qualifier = Approx
	}
	q.End = end
	q.RuneEnd += utf8.RuneCountInString(s[q.End-n-c:q.End-n]) + rn
	return q
}
