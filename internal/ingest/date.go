package ingest

import (
	"regexp"
	"strings"
)

// Date patterns, in the forms the corpus shows. Each has year, month and day
// groups (named by position in dateForms).
var (
	// 2022-01-05, 2021/10/19, 2022.1.5, 2022-01-05T16:42:44: findDatesISO
	// 2022年3月1日, 2011年06月24日, 2024年7月16星期二: findDatesCN
	// (scan.go; their regexps reDateISO and reDateCN are in scan_test.go)
	// Fri, 25 Mar 2022 14:14:13 GMT; 25 March 2022: findDatesRFC
	// March 25, 2022: findDatesUS
	// (date.go; their regexps reDateRFC and reDateUS are in scan_test.go)
	// 二〇二二年三月一日, 二○○六年一月十二日
	reDateHan = regexp.MustCompile(`([〇○零一二三四五六七八九]{4})\s?年\s?([一二三四五六七八九十]{1,3})\s?月\s?([一二三四五六七八九十]{1,3})\s?[日号]`)
	// 25.03.2016 (day first)
	reDateDMY = regexp.MustCompile(`(\d{1,2})\.(\d{1,2})\.(\d{4})`)
)

var monthNames = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// Plausible publication years.
const (
	minYear = 1990
	maxYear = 2030
)

// dateMatch is a date found in a string: its YYYY-MM-DD form and byte span.
type dateMatch struct {
	Date       string
	Start, End int
}

// findDate returns the earliest plausible date written in s.
func findDate(s string) (dateMatch, bool) {
	best := dateMatch{Start: -1}
	consider := func(start, end, y, m, d int) {
		if !validDate(y, m, d) {
			return
		}
		if best.Start < 0 || start < best.Start {
			best = dateMatch{Date: formatDate(y, m, d), Start: start, End: end}
		}
	}
	if !hasDigitRun(s, 4) {
		if strings.Contains(s, "年") {
			for _, loc := range reDateHan.FindAllStringSubmatchIndex(s, 2) {
				consider(loc[0], loc[1], hanNumber(s[loc[2]:loc[3]], true), hanNumber(s[loc[4]:loc[5]], false), hanNumber(s[loc[6]:loc[7]], false))
			}
		}
		return best, best.Start >= 0
	}
	iso := strings.ContainsAny(s, "-/.")
	for _, loc := range findDatesISO(s, iso4(iso)) {
		if digitBefore(s, loc[0]) || digitAfter(s, loc[1]) {
			continue
		}
		consider(loc[0], loc[1], atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[6]:loc[7]]))
	}
	for _, loc := range findDatesCN(s, iso4(strings.Contains(s, "年"))) {
		if digitBefore(s, loc[0]) {
			continue
		}
		consider(loc[0], loc[1], atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[6]:loc[7]]))
	}
	if hasMonthName(s) {
		for _, loc := range findDatesRFC(s, 4) {
			if digitBefore(s, loc[0]) {
				continue
			}
			m := monthNames[strings.ToLower(s[loc[4]:loc[5]])]
			consider(loc[0], loc[1], atoi(s[loc[6]:loc[7]]), m, atoi(s[loc[2]:loc[3]]))
		}
		for _, loc := range findDatesUS(s, 4) {
			m := monthNames[strings.ToLower(s[loc[2]:loc[3]])]
			consider(loc[0], loc[1], atoi(s[loc[6]:loc[7]]), m, atoi(s[loc[4]:loc[5]]))
		}
	}
	if best.Start < 0 && strings.IndexByte(s, '.') >= 0 {
		for _, loc := range reDateDMY.FindAllStringSubmatchIndex(s, 4) {
			if digitBefore(s, loc[0]) || digitAfter(s, loc[1]) {
				continue
			}
			consider(loc[0], loc[1], atoi(s[loc[6]:loc[7]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[2]:loc[3]]))
		}
	}
	return best, best.Start >= 0
}

// ParseDate returns the first plausible date (years 1990–2030) written in s
// as YYYY-MM-DD, or "" when there is none ("Invalid Date", "发布时间:").
func ParseDate(s string) string {
	if m, ok := findDate(s); ok {
		return m.Date
	}
	return ""
}

func validDate(y, m, d int) bool {
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if d > days[m] {
		return false
	}
	if m == 2 && d == 29 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return false
	}
	return true
}

func formatDate(y, m, d int) string {
	b := []byte("0000-00-00")
	b[0], b[1], b[2], b[3] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[5], b[6] = byte('0'+m/10), byte('0'+m%10)
	b[8], b[9] = byte('0'+d/10), byte('0'+d%10)
	return string(b)
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n = n*10 + int(s[i]-'0')
			if n > 1e6 {
				return n
			}
		}
	}
	return n
}

func digitBefore(s string, i int) bool { return i > 0 && s[i-1] >= '0' && s[i-1] <= '9' }
func digitAfter(s string, i int) bool  { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// findDatesRFC returns what reDateRFC.FindAllStringSubmatchIndex(s, n)
// returns, for n >= 0:
// (?i)(\d{1,2})\s+(jan|feb|…|dec)[a-z]*\.?,?\s+(\d{4}). Digits, white
// space, letters, '.' and ',' are disjoint classes, so a match at a given
// start is read greedily (one digit where two are leaves a digit where
// white space must be); matches are searched from the end of the last.
func findDatesRFC(s string, n int) [][]int {
	var out [][]int
	for p := 0; len(out) < n && p < len(s); p++ {
		if !isDigit(s[p]) {
			continue
		}
		q := p + 1
		if q < len(s) && isDigit(s[q]) {
			q++
		}
		m0 := skipRESpace(s, q)
		if m0 == q {
			continue
		}
		m1, i, ok := monthWord(s, m0)
		if !ok {
			continue
		}
		if i < len(s) && s[i] == '.' {
			i++
		}
		if i < len(s) && s[i] == ',' {
			i++
		}
		y := skipRESpace(s, i)
		if y == i || !digitsAt(s, y, 4) {
			continue
		}
		out = append(out, []int{p, y + 4, p, q, m0, m1, y, y + 4})
		p = y + 3
	}
	return out
}

// findDatesUS returns what reDateUS.FindAllStringSubmatchIndex(s, n)
// returns, for n >= 0:
// (?i)\b(jan|feb|…|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4}), read as
// findDatesRFC reads its pattern. \b is an ASCII word boundary: a byte of
// [0-9A-Za-z_] on one side of p only (a byte of a multi-byte or invalid
// rune is no word character, as the rune is not).
func findDatesUS(s string, n int) [][]int {
	var out [][]int
	for p := 0; len(out) < n && p < len(s); p++ {
		if (p > 0 && isWordByte(s[p-1])) == isWordByte(s[p]) {
			continue
		}
		m1, i, ok := monthWord(s, p)
		if !ok {
			continue
		}
		if i < len(s) && s[i] == '.' {
			i++
		}
		d0 := skipRESpace(s, i)
		if d0 == i || !digitsAt(s, d0, 1) {
			continue
		}
		d1 := d0 + 1
		if digitsAt(s, d1, 1) {
			d1++
		}
		i = d1
		if i < len(s) && s[i] == ',' {
			i++
		}
		y := skipRESpace(s, i)
		if y == i || !digitsAt(s, y, 4) {
			continue
		}
		out = append(out, []int{p, y + 4, p, m1, d0, d1, y, y + 4})
		p = y + 3
	}
	return out
}

// monthWord reads (jan|…|dec)[a-z]* under (?i) at s[i:]: a run of letters
// folded as (?i) folds them (foldWord: ſ is s, K is k) whose first three
// are a month's. It returns the end of those three and of the run.
func monthWord(s string, i int) (m1, end int, ok bool) {
	var buf [3]byte
	w := buf[:0]
run:
	for end = i; end < len(s); {
		c := s[end]
		switch {
		case c|0x20 >= 'a' && c|0x20 <= 'z':
			if len(w) < 3 {
				w = append(w, c|0x20)
			}
			end++
		case c == 0xC5 && strings.HasPrefix(s[end:], "\u017F"):
			if len(w) < 3 {
				w = append(w, 's')
			}
			end += 2
		case c == 0xE2 && strings.HasPrefix(s[end:], "\u212A"):
			if len(w) < 3 {
				w = append(w, 'k')
			}
			end += 3
		default:
			break run
		}
		if len(w) == 3 && m1 == 0 {
			m1 = end
		}
	}
	if len(w) < 3 {
		return 0, 0, false
	}
	k := uint32(w[0])<<16 | uint32(w[1])<<8 | uint32(w[2])
	for _, m := range months3 {
		if k == m {
			return m1, end, true
		}
	}
	return 0, 0, false
}

func skipRESpace(s string, i int) int {
	for i < len(s) && isRESpace(s[i]) {
		i++
	}
	return i
}

// digitsAt says whether s holds k ASCII digits at i.
func digitsAt(s string, i, k int) bool {
	if i+k > len(s) {
		return false
	}
	for j := i; j < i+k; j++ {
		if !isDigit(s[j]) {
			return false
		}
	}
	return true
}

// isWordByte says whether c is an ASCII word character, [0-9A-Za-z_].
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' || c == '_'
}

// hasMonthName says whether s may hold what reDateRFC and reDateUS match:
// the first three letters of an English month in any case, or an ſ
// (which (?i) reads as s, as in sep). Most lines with Latin letters (APP,
// GDP) have none, and the regexps are not run over them.
func hasMonthName(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		c := s[i] | 0x20 // ASCII letters in lower case (no other byte becomes one)
		if c < 'a' || c > 'z' {
			continue
		}
		w := uint32(c)<<16 | uint32(s[i+1]|0x20)<<8 | uint32(s[i+2]|0x20)
		for _, m := range months3 {
			if w == m {
				return true
			}
		}
	}
	return strings.Contains(s, "\u017f")
}

// months3 are the months' first three letters, packed as hasMonthName
// compares them.
var months3 = func() (t [12]uint32) {
	for k, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		t[k] = uint32(m[0])<<16 | uint32(m[1])<<8 | uint32(m[2])
	}
	return t
}()

// hanNumber reads a year written digit by digit (二〇二二) or a month or
// day written as a number (十二, 二十三).
func hanNumber(s string, digits bool) int {
	val := map[rune]int{'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n := 0
	if digits {
		for _, r := range s {
			n = n*10 + val[r]
		}
		return n
	}
	tens, unit := 0, 0
	for _, r := range s {
		if r == '十' {
			if unit == 0 {
				unit = 1
			}
			tens, unit = unit, 0
			continue
		}
		unit = val[r]
	}
	return tens*10 + unit
}

// iso4 is the number of matches worth looking for: 4, or none when the
// pattern's key character is absent.
func iso4(present bool) int {
	if present {
		return 4
	}
	return 0
}
