package ingest

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Hand-written scanners for regexps that run on every file or every line.
// Each says exactly what its regexp says; the regexps are kept in
// scan_test.go as the reference, with differential tests and fuzz targets.

// foldWord reads the run of ASCII letters and digits at s[i:] that a (?i)
// regexp could match against a lower-case ASCII word, and returns it in
// lower case (in buf) with the index after it. Under (?i) Go's regexp also
// folds U+017F ſ to s and U+212A K (Kelvin) to k, so those count as letters.
func foldWord(buf []byte, s string, i int) ([]byte, int) {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			buf = append(buf, c)
			i++
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+'a'-'A')
			i++
		case c == 0xC5 && strings.HasPrefix(s[i:], "\u017F"):
			buf = append(buf, 's')
			i += 2
		case c == 0xE2 && strings.HasPrefix(s[i:], "\u212A"):
			buf = append(buf, 'k')
			i += 3
		default:
			return buf, i
		}
	}
	return buf, i
}

// isRESpace is \s of Go's regexp: [\t\n\f\r ].
func isRESpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// hasHTMLDoc says whether s matches
// (?i)<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>].
func hasHTMLDoc(s string) bool {
	var buf [16]byte
	for i := 0; ; i++ {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			return false
		}
		i += k
		if i+1 < len(s) && s[i+1] == '!' {
			w, j := foldWord(buf[:0], s, i+2)
			if string(w) != "doctype" || j >= len(s) || !isRESpace(s[j]) {
				continue
			}
			for j < len(s) && isRESpace(s[j]) {
				j++
			}
			if w, _ := foldWord(buf[:0], s, j); len(w) >= 4 && string(w[:4]) == "html" {
				return true
			}
			continue
		}
		w, j := foldWord(buf[:0], s, i+1)
		switch string(w) {
		case "html", "body", "head":
			if j < len(s) && (s[j] == '>' || isRESpace(s[j])) {
				return true
			}
		}
	}
}

// sniffTags names the tags sniff counts.
var sniffTags = map[string]bool{"p": true, "div": true, "span": true, "br": true, "table": true, "td": true,
	"tr": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "a": true, "img": true,
	"section": true, "article": true, "ul": true, "li": true, "strong": true, "font": true, "center": true}

// countHTMLTags counts, up to max, the non-overlapping matches in s of
// (?i)</?(?:p|div|span|…|center)(?:\s[^>]*)?/?> (reHTMLTag): a tag whose
// name is one of sniffTags, then a '>' straight after the name or after
// "/" or after white space and anything but '>'. Every match ends at the
// first '>' after its '<'.
func countHTMLTags(s string, max int) int {
	var buf [16]byte
	n := 0
	for i := 0; n < max; {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			break
		}
		i += k
		j := i + 1
		if j < len(s) && s[j] == '/' {
			j++
		}
		w, j := foldWord(buf[:0], s, j)
		ok := false
		if sniffTags[string(w)] && j < len(s) {
			switch {
			case s[j] == '>':
				ok = true
			case s[j] == '/':
				ok = j+1 < len(s) && s[j+1] == '>'
			case isRESpace(s[j]):
				ok = strings.IndexByte(s[j:], '>') >= 0
			}
		}
		if !ok {
			i++
			continue
		}
		n++
		i += strings.IndexByte(s[i:], '>') + 1
	}
	return n
}

// boilerAny says what the regexp
//
//	[/／]摄(?:[(（]下同[)）])?$|本篇文章\s*\d+\s*字|阅读\s*\d+\s*次|尽在.{0,20}APP|
//	下载.{0,10}APP|不代表.{0,12}(?:立场|观点)|[Ll][Oo][Gg][Oo]$
//
// says on a line holding one of boilerKeys, and false on the others. (Every
// alternative but the last holds a key.)
func boilerAny(s string) bool { return boilerKeySet.in(s) && boilerAlts(s) }

// boilerAlts is boilerAny for a line known to hold one of boilerKeys.
func boilerAlts(s string) bool {
	return photoCredit(s) ||
		numberedWord(s, "本篇文章", "字") || numberedWord(s, "阅读", "次") ||
		within(s, "尽在", 20, "APP", "") || within(s, "下载", 10, "APP", "") ||
		within(s, "不代表", 12, "立场", "观点") ||
		logoEnd(s)
}

var boilerKeySet = newPhraseSet(boilerKeys)

// photoCredit: [/／]摄(?:[(（]下同[)）])?$ — a photographer's credit at the end.
func photoCredit(s string) bool {
	if t, ok := cutSuffixAny(s, ")", "）"); ok {
		if t, ok = strings.CutSuffix(t, "下同"); ok {
			if t, ok = cutSuffixAny(t, "(", "（"); ok {
				if t, ok = strings.CutSuffix(t, "摄"); ok {
					_, ok = cutSuffixAny(t, "/", "／")
					return ok
				}
			}
		}
	}
	t, ok := strings.CutSuffix(s, "摄")
	if ok {
		_, ok = cutSuffixAny(t, "/", "／")
	}
	return ok
}

func cutSuffixAny(s, a, b string) (string, bool) {
	if t, ok := strings.CutSuffix(s, a); ok {
		return t, true
	}
	return strings.CutSuffix(s, b)
}

// numberedWord: word\s*\d+\s*unit anywhere in s (\d is an ASCII digit).
// The three classes are disjoint, so reading greedily is exact.
func numberedWord(s, word, unit string) bool {
	for i := 0; ; i++ {
		k := strings.Index(s[i:], word)
		if k < 0 {
			return false
		}
		i += k
		j := i + len(word)
		for j < len(s) && isRESpace(s[j]) {
			j++
		}
		d := j
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == d {
			continue
		}
		for j < len(s) && isRESpace(s[j]) {
			j++
		}
		if strings.HasPrefix(s[j:], unit) {
			return true
		}
	}
}

// within: word.{0,max}(?:a|b) anywhere in s, where . is any rune but a
// newline (an invalid byte counts as one rune, as in Go's regexp). b may be
// empty: then only a.
func within(s, word string, max int, a, b string) bool {
	for i := 0; ; i++ {
		k := strings.Index(s[i:], word)
		if k < 0 {
			return false
		}
		i += k
		rest := s[i+len(word):]
		for n := 0; ; n++ {
			if strings.HasPrefix(rest, a) || b != "" && strings.HasPrefix(rest, b) {
				return true
			}
			if n == max || rest == "" || rest[0] == '\n' {
				break
			}
			_, w := utf8.DecodeRuneInString(rest)
			rest = rest[w:]
		}
	}
}

// logoEnd: [Ll][Oo][Gg][Oo]$.
func logoEnd(s string) bool {
	if len(s) < 4 {
		return false
	}
	t := s[len(s)-4:]
	return t[0]|0x20 == 'l' && t[1]|0x20 == 'o' && t[2]|0x20 == 'g' && t[3]|0x20 == 'o'
}

// prevNextFirst says whether s begins with a rune a match of rePrevNext can
// begin with: [ 【 ( （ 上 下.
func prevNextFirst(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '[', '【', '(', '（', '上', '下':
		return true
	}
	return false
}

// cutEditorCode says what reEditorCode.ReplaceAllString(s, "$1") says:
// ([。！？”])\s*[(（][a-zA-Z]{2,5}[)）]$ — an editor's code in parentheses
// after a sentence's last mark — taken off the end of s. The match, if
// any, is fixed by the end of s: the letters end at the closing
// parenthesis, and the mark is the rune before the white space before the
// opening one.
func cutEditorCode(s string) string {
	t, ok := cutSuffixAny(s, ")", "）")
	if !ok {
		return s
	}
	j := len(t)
	for j > 0 && j > len(t)-5 && (t[j-1]|0x20 >= 'a' && t[j-1]|0x20 <= 'z') {
		j--
	}
	if len(t)-j < 2 {
		return s
	}
	t, ok = cutSuffixAny(t[:j], "(", "（")
	if !ok {
		return s
	}
	k := len(t)
	for k > 0 && isRESpace(t[k-1]) {
		k--
	}
	for _, p := range []string{"。", "！", "？", "”"} {
		if strings.HasSuffix(t[:k], p) {
			return t[:k]
		}
	}
	return s
}

// isMDRule says what reMDRule says: ^(?:[-=*_]\s*){3,}$, a markdown
// horizontal rule (three or more of - = * _, white space between).
func isMDRule(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '-' || c == '=' || c == '*' || c == '_':
			n++
		case isRESpace(c) && n > 0:
		default:
			return false
		}
	}
	return n >= 3
}

// junkWords are the words of reJunkClass (page furniture in a class or
// id); junkClass matches them as tokens between the separators [\s_-].
var junkWords = map[string]bool{
	"nav": true, "navbar": true, "menu": true, "footer": true, "foot": true, "sidebar": true, "side": true,
	"breadcrumb": true, "breadcrumbs": true, "crumb": true, "crumbs": true, "share": true, "sharebox": true,
	"comment": true, "comments": true, "related": true, "relate": true, "recommend": true, "copyright": true,
	"login": true, "register": true, "modal": true, "advert": true, "ad": true, "ads": true, "banner": true,
	"toolbar": true, "qrcode": true, "appendqr": true, "pagination": true, "pager": true, "hotnews": true,
	"rank": true, "topbar": true, "bottom": true, "search": true, "friendlink": true, "links": true,
}

// junkClass says what reJunkClass.MatchString says: one of junkWords (or
// "top-bar", or "appendqr_wrap", which holds the word appendqr) between
// the start or one of [\t\n\f\r _-] and the end or one of those, ignoring
// case the way (?i) does (ſ is s, K is k).
func junkClass(v string) bool {
	var buf [16]byte
	prevTop := false // the token before, ending at a '-', was "top"
	for i := 0; i <= len(v); {
		// A token: the bytes up to the next separator.
		j := i
		for j < len(v) && !isClassSep(v[j]) {
			j++
		}
		w, ok := foldToken(buf[:0], v[i:j])
		if ok && (junkWords[string(w)] || prevTop && string(w) == "bar") {
			return true
		}
		prevTop = ok && string(w) == "top" && j < len(v) && v[j] == '-'
		i = j + 1
	}
	return false
}

func isClassSep(c byte) bool { return isRESpace(c) || c == '_' || c == '-' }

// foldToken lower-cases an ASCII token the way (?i) folds it against
// ASCII words; ok is false when t holds another character (no word of
// junkWords can match it then) or is longer than any of them.
func foldToken(buf []byte, t string) ([]byte, bool) {
	if len(t) > 30 {
		return nil, false
	}
	w, end := foldWord(buf, t, 0)
	return w, end == len(t)
}

// cutHeading says what the regexp reCut says: ^(?:【[^】]*】)?\s*(?:cutWords…),
// a heading after which a page lists other articles. The bracketed label,
// when the line starts with one, ends at the first 】; no word starts with
// 【 or white space, so a line starting with 【 can only match through it.
func cutHeading(s string) bool {
	if strings.HasPrefix(s, "【") && hasCutWord(strings.TrimLeft(s[len("【"):], " \t\n\f\r")) {
		return true // 【相关链接】
	}
	if strings.HasPrefix(s, "【") {
		_, rest, ok := strings.Cut(s[len("【"):], "】")
		if !ok {
			return false
		}
		s = rest
	}
	return hasCutWord(strings.TrimLeft(s, " \t\n\f\r"))
}

// hasCutWord says s starts with a word of cutWords.
func hasCutWord(s string) bool {
	for _, w := range cutWords {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// bylineWords are the words reByline finds at the start of a line.
var bylineWords = []string{"本报记者", "本報記者", "记者", "記者", "通讯员", "通訊員", "每经编辑", "编辑", "編輯", "责编",
	"責編", "撰稿", "审稿", "审核", "美编", "摄影", "攝影", "实习生", "實習生", "审校", "審校", "審核", "校对", "文/", "图/", "文／", "图／"}

// isByline says what the regexp reByline says:
// ^[■□●◆(（]?\s*(?:作者\s|本报记者|…) — a byline's label at the start,
// after at most a bullet or parenthesis (none of the words starts with one
// of those or with white space, so the bullet is read when it is there).
func isByline(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '■', '□', '●', '◆', '(', '（':
		s = s[n:]
	}
	s = strings.TrimLeft(s, " \t\n\f\r")
	if rest, ok := strings.CutPrefix(s, "作者"); ok && rest != "" && isRESpace(rest[0]) {
		return true
	}
	for _, w := range bylineWords {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// spaceScan reads s once for what hasInvisible and !simpleSpaces read in
// two passes: whether s holds an invisible character (U+200B–U+200D,
// U+2060, U+FEFF, U+00AD) and whether its white space needs collapsing (a
// tab, newline or other white space byte, a non-ASCII space, two ASCII
// spaces in a row).
//
// A three-byte rune is read at once: its continuation bytes are none of
// the bytes looked at.
func spaceScan(s string) (invisible, collapse bool) {
	prevSpace := false
	for i, n := 0, 1; i < len(s); i += n {
		c := s[i]
		n = 1
		if c >= 0xE0 && c < 0xF0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			n = 3
		}
		if !spaceScanByte[c] {
			prevSpace = false
			continue
		}
		switch c {
		case ' ':
			if prevSpace {
				collapse = true
			}
			prevSpace = true
			continue
		case 0xC2, 0xE2, 0xEF:
			invisible = invisible || invisibleAt(s, i)
		}
		if c < utf8.RuneSelf || nonASCIISpaceAt(s, i) {
			collapse = true // \t \n \v \f \r, U+00A0, U+3000, U+2002…
		}
		if invisible && collapse {
			return
		}
		prevSpace = false
	}
	return
}

// lineScan is spaceScan that also says whether s may hold what normLine
// rewrites before its white space step: "](", "**", "__", a '#' (a heading
// or hashtag), or both '&' and ';' (an entity); whether it holds a '(' or
// '（' (where stripPinyin looks for glosses); and counts the runes of s
// as hanzi.RuneCount does, stepping from rune to rune (no byte it looks at
// is a continuation byte).
func lineScan(s string) (invisible, collapse, marks, paren bool, runes int) {
	prevSpace, amp, semi := false, false, false
	for i, n := 0, 1; i < len(s); i += n {
		if i+8 <= len(s) && twoRunes3(s, i, &lineScanPlain3) {
			// Two three-byte runes it does not look at (most Han
			// characters), read at once.
			runes += 2
			n = 6
			prevSpace = false
			continue
		}
		c := s[i]
		runes++
		switch {
		case c < utf8.RuneSelf:
			n = 1
		case (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			n = 3 // (these lead bytes take any two continuation bytes)
		default:
			_, n = utf8.DecodeRuneInString(s[i:])
		}
		if !lineScanByte[c] {
			prevSpace = false
			continue
		}
		switch c {
		case ' ':
			if prevSpace {
				collapse = true
			}
			prevSpace = true
			continue
		case ']':
			marks = marks || i+1 < len(s) && s[i+1] == '('
		case '*', '_':
			marks = marks || i+1 < len(s) && s[i+1] == c
		case '#':
			marks = true
		case '&':
			amp = true
		case ';':
			semi = true
		case '(':
			paren = true
		case 0xC2, 0xE2:
			invisible = invisible || invisibleAt(s, i)
		case 0xEF:
			invisible = invisible || invisibleAt(s, i)
			paren = paren || i+2 < len(s) && s[i+1] == 0xBC && s[i+2] == 0x88 // （
		}
		if c < utf8.RuneSelf && spaceScanByte[c] || c >= utf8.RuneSelf && nonASCIISpaceAt(s, i) {
			collapse = true // \t \n \v \f \r, U+00A0, U+3000, U+2002…
		}
		prevSpace = false
	}
	return invisible, collapse, marks || amp && semi, paren, runes
}

// lineScanPlain3 marks the lead bytes of three-byte runes that take any
// two continuation bytes (anyTwoContinuations) and that lineScan does not
// look at (lineScanByte): E1, E4–EC, EE.
var lineScanPlain3 = func() (t [256]bool) {
	for c := range t {
		t[c] = anyTwoContinuations[c] && !lineScanByte[c]
	}
	return t
}()

// twoRunes3 says whether s[i:i+6] are two three-byte runes whose lead bytes
// lead marks, reading s[i:i+8] (which s must hold) as one word.
func twoRunes3(s string, i int, lead *[256]bool) bool {
	x := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:i+8]), 8))
	// bytes 1, 2, 4 and 5 are continuation bytes (10xxxxxx)
	return x&0x0000C0C000C0C000 == 0x0000808000808000 && lead[byte(x)] && lead[byte(x>>24)]
}

// lineScanByte marks the bytes lineScan looks at: spaceScan's, and those
// of the marks.
var lineScanByte = func() (t [256]bool) {
	t = spaceScanByte
	for _, c := range []byte{']', '*', '_', '#', '&', ';', '('} {
		t[c] = true
	}
	return t
}()

// spaceScanByte marks the bytes spaceScan looks at: ASCII white space and
// the lead bytes of the non-ASCII spaces and invisible characters.
var spaceScanByte = func() (t [256]bool) {
	for _, c := range []byte{' ', '\t', '\n', '\v', '\f', '\r', 0xC2, 0xE2, 0xE3, 0xEF} {
		t[c] = true
	}
	return t
}()

// findDatesISO returns what reDateISO.FindAllStringSubmatchIndex(s, n)
// returns, for n >= 0: (\d{4})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{1,2}).
// White space, separators and digits are disjoint classes, so a match at a
// given start is read greedily without backtracking (after one digit of a
// month or day comes a second digit only where the greedy reading takes
// two); matches are searched from the end of the previous one.
func findDatesISO(s string, n int) [][]int {
	return findDates(s, n, isDateSep, isDateSep, nil)
}

// findDatesCN is findDatesISO for reDateCN:
// (\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?[日号]? — the trailing white
// space and 日 are taken when there.
func findDatesCN(s string, n int) [][]int {
	return findDates(s, n, isNian, isYue, isRiHao)
}

// Separator matchers for findDates: each returns the length of the
// separator at the start of s, 0 when there is none.
func isDateSep(s string) int {
	if s != "" && (s[0] == '-' || s[0] == '/' || s[0] == '.') {
		return 1
	}
	return 0
}

func prefixLen(s, p string) int {
	if strings.HasPrefix(s, p) {
		return len(p)
	}
	return 0
}

func isNian(s string) int { return prefixLen(s, "年") }
func isYue(s string) int  { return prefixLen(s, "月") }
func isRiHao(s string) int {
	if n := prefixLen(s, "日"); n > 0 {
		return n
	}
	return prefixLen(s, "号")
}

// findDates finds up to n matches of (\d{4})\s?SEP1\s?(\d{1,2})\s?SEP2\s?(\d{1,2})
// followed, when tail is not nil, by \s?TAIL? (taken greedily).
func findDates(s string, n int, sep1, sep2, tail func(string) int) [][]int {
	var out [][]int
	for p := 0; len(out) < n && p+4 <= len(s); {
		// Skip to the next run of four digits.
		if !isDigit(s[p]) {
			p++
			continue
		}
		if !isDigit(s[p+1]) || !isDigit(s[p+2]) || !isDigit(s[p+3]) {
			p++
			continue
		}
		loc, end := matchDateAt(s, p, sep1, sep2, tail)
		if loc == nil {
			p++
			continue
		}
		out = append(out, loc)
		p = end
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// matchDateAt matches at s[p:], which starts with four digits.
func matchDateAt(s string, p int, sep1, sep2, tail func(string) int) ([]int, int) {
	space := func(i int) int {
		if i < len(s) && isRESpace(s[i]) {
			return i + 1
		}
		return i
	}
	digits := func(i int) int { // one or two digits; i when none
		if i < len(s) && isDigit(s[i]) {
			if i+1 < len(s) && isDigit(s[i+1]) {
				return i + 2
			}
			return i + 1
		}
		return i
	}
	i := space(p + 4)
	k := sep1(s[i:])
	if k == 0 {
		return nil, 0
	}
	mStart := space(i + k)
	mEnd := digits(mStart)
	if mEnd == mStart {
		return nil, 0
	}
	i = space(mEnd)
	k = sep2(s[i:])
	if k == 0 {
		return nil, 0
	}
	dStart := space(i + k)
	dEnd := digits(dStart)
	if dEnd == dStart {
		return nil, 0
	}
	end := dEnd
	if tail != nil {
		end = space(end)
		end += tail(s[end:])
	}
	return []int{p, end, p, p + 4, mStart, mEnd, dStart, dEnd}, end
}

// Bits of shortLineWords: a boilerplate phrase, a key of boilerAny, and
// from bit 2 on, navWords[k] at bit 2+k.
const (
	wordPhrase = 1 << 0
	wordKey    = 1 << 1
)

// shortLineWords tags boilerPhrases, boilerKeys and navWords for
// isBoilerplateN's short lines.
var shortLineWords = func() *phraseSet {
	var ps []taggedPhrase
	for _, p := range boilerPhrases {
		ps = append(ps, taggedPhrase{p, wordPhrase})
	}
	for _, p := range boilerKeys {
		ps = append(ps, taggedPhrase{p, wordKey})
	}
	for k, p := range navWords {
		ps = append(ps, taggedPhrase{p, 1 << (2 + k)})
	}
	return newTaggedSet(ps)
}()

// invisibleAt reports whether s holds at byte i, a C2, E2 or EF, one of
// the invisible characters stripInvisible removes: U+00AD (C2 AD),
// U+200B–U+200D (E2 80 8B–8D), U+2060 (E2 81 A0) or U+FEFF (EF BB BF).
func invisibleAt(s string, i int) bool {
	switch s[i] {
	case 0xC2:
		return i+1 < len(s) && s[i+1] == 0xAD
	case 0xE2:
		return i+2 < len(s) && (s[i+1] == 0x80 && s[i+2] >= 0x8B && s[i+2] <= 0x8D || s[i+1] == 0x81 && s[i+2] == 0xA0)
	case 0xEF:
		return i+2 < len(s) && s[i+1] == 0xBB && s[i+2] == 0xBF
	}
	return false
}
