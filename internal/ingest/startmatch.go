package ingest

import (
	"math/bits"
	"regexp"
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// startMatcher is the regexp ^(?:alt1|alt2|…) split for speed: each
// alternative (the top-level alternatives of each given pattern) is its own
// regexp, tried only when the line's first rune can begin a match of it
// and, for an alternative anchored at the end ($), its last rune can end
// one. A line thus runs at most the few regexps that could match it,
// usually none. It reports exactly what the single regexp reports.
type startMatcher struct {
	alts []*regexp.Regexp // ^(?:alt) each; at most 64
	// firstASCII[r] and firstOther[r] are the alternatives (bit k:
	// alts[k]) a match of which can begin with r; anyFirst those whose
	// first runes could not be told. lastASCII, lastOther and anyLast are
	// the same for the last rune.
	firstASCII, lastASCII [utf8.RuneSelf]uint64
	firstOther, lastOther map[rune]uint64
	anyFirst, anyLast     uint64
	// nonEmpty are the alternatives that cannot match the empty string.
	nonEmpty uint64
}

// runeSet is a set of runes of the Basic Multilingual Plane.
type runeSet [0x10000 / 64]uint64

// has says whether r may be in the set (runes beyond the BMP always may).
func (b *runeSet) has(r rune) bool { return r >= 0x10000 || b[r/64]&(1<<(r%64)) != 0 }

// maxSetRunes bounds the runes listed for one alternative; a larger set
// (a negated class) counts as unknown.
const maxSetRunes = 4096

// addRunes adds bit to m for every rune in the ranges (pairs lo, hi); it
// reports false, adding nothing, when they hold more than maxSetRunes.
func addRunes(ascii *[utf8.RuneSelf]uint64, other map[rune]uint64, set []rune, bit uint64) bool {
	n := 0
	for i := 0; i < len(set); i += 2 {
		n += int(set[i+1]-set[i]) + 1
	}
	if n > maxSetRunes {
		return false
	}
	for i := 0; i < len(set); i += 2 {
		for r := set[i]; r <= set[i+1]; r++ {
			if r < utf8.RuneSelf {
				ascii[r] |= bit
			} else {
				other[r] |= bit
			}
		}
	}
	return true
}

// newStartMatcher compiles ^(?:alts[0]|alts[1]|…); it panics on a bad
// pattern, like regexp.MustCompile.
func newStartMatcher(alts []string) *startMatcher {
	m := &startMatcher{firstOther: map[rune]uint64{}, lastOther: map[rune]uint64{}}
	for _, alt := range alts {
		regexp.MustCompile(alt) // the error message of a bad pattern
		re, err := syntax.Parse(alt, syntax.Perl)
		if err != nil {
			panic(err)
		}
		subs := []*syntax.Regexp{re}
		if re.Op == syntax.OpAlternate {
			subs = re.Sub
		}
		for _, sub := range subs {
			m.add(sub)
		}
	}
	return m
}

// add makes re one more alternative.
func (m *startMatcher) add(re *syntax.Regexp) {
	k := len(m.alts)
	if k == 64 {
		panic("startMatcher: more than 64 alternatives")
	}
	bit := uint64(1) << k
	m.alts = append(m.alts, regexp.MustCompile(`^(?:`+re.String()+`)`))
	re = re.Simplify()
	var set []rune
	nullable, ok := regexFirstRunes(re, &set, false)
	if ok && !nullable {
		m.nonEmpty |= bit
	}
	if !ok || nullable || !addRunes(&m.firstASCII, m.firstOther, set, bit) {
		m.anyFirst |= bit
	}
	set = set[:0]
	if n := len(re.Sub); re.Op == syntax.OpConcat && n >= 2 && re.Sub[n-1].Op == syntax.OpEndText {
		body := &syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[:n-1]}
		if nullable, ok := regexFirstRunes(body, &set, true); ok && !nullable && addRunes(&m.lastASCII, m.lastOther, set, bit) {
			return
		}
	}
	m.anyLast |= bit
}

// MatchString reports whether s matches ^(?:alts…).
func (m *startMatcher) MatchString(s string) bool {
	var cand uint64
	if s == "" {
		cand = m.anyFirst & m.anyLast &^ m.nonEmpty
	} else {
		first, _ := utf8.DecodeRuneInString(s)
		last, _ := utf8.DecodeLastRuneInString(s)
		cand = m.runes(first, &m.firstASCII, m.firstOther) | m.anyFirst
		cand &= m.runes(last, &m.lastASCII, m.lastOther) | m.anyLast
	}
	for cand != 0 {
		k := bits.TrailingZeros64(cand)
		cand &^= 1 << k
		if m.alts[k].MatchString(s) {
			return true
		}
	}
	return false
}

func (m *startMatcher) runes(r rune, ascii *[utf8.RuneSelf]uint64, other map[rune]uint64) uint64 {
	if r < utf8.RuneSelf {
		return ascii[r]
	}
	return other[r]
}

// regexFirstRunes adds to set (pairs lo, hi) every rune a match of re can
// begin with (end with, when last) and reports whether re matches the empty
// string; ok is false when the set cannot be told (any character, unknown
// operators).
func regexFirstRunes(re *syntax.Regexp, set *[]rune, last bool) (nullable, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true, true
		}
		r := re.Rune[0]
		if last {
			r = re.Rune[len(re.Rune)-1]
		}
		*set = append(*set, r, r)
		if re.Flags&syntax.FoldCase != 0 {
			// (?i) or [Tt]: the rune matches every rune of its fold orbit.
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				*set = append(*set, f, f)
			}
		}
		return false, true
	case syntax.OpCharClass:
		*set = append(*set, re.Rune...)
		return false, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true, true
	case syntax.OpCapture:
		return regexFirstRunes(re.Sub[0], set, last)
	case syntax.OpStar, syntax.OpQuest:
		_, ok := regexFirstRunes(re.Sub[0], set, last)
		return true, ok
	case syntax.OpPlus:
		return regexFirstRunes(re.Sub[0], set, last)
	case syntax.OpRepeat:
		n, ok := regexFirstRunes(re.Sub[0], set, last)
		return n || re.Min == 0, ok
	case syntax.OpConcat:
		for i := range re.Sub {
			sub := re.Sub[i]
			if last {
				sub = re.Sub[len(re.Sub)-1-i]
			}
			n, ok := regexFirstRunes(sub, set, last)
			if !ok {
				return false, false
			}
			if !n {
				return false, true
			}
		}
		return true, true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			n, ok := regexFirstRunes(sub, set, last)
			if !ok {
				return false, false
			}
			nullable = nullable || n
		}
		return nullable, true
	}
	return false, false
}
