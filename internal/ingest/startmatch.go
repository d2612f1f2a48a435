package ingest

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// startMatcher is the regexp ^(?:alt1|alt2|…) split for speed: the
// alternatives whose matches can only begin with a known set of runes are
// tried only on lines beginning with one of them; those anchored at the end
// ($) whose matches can only end with a known set of runes, only on lines
// ending with one of them; the others always. It reports exactly what the
// single regexp reports.
type startMatcher struct {
	keyed  *regexp.Regexp // ^(?:…) of the alternatives with a first-rune set, or nil
	suffix *regexp.Regexp // ^(?:…) of those with a last-rune set, or nil
	other  *regexp.Regexp // ^(?:…) of the rest, or nil
	first  runeSet
	last   runeSet
}

// runeSet is a set of runes of the Basic Multilingual Plane.
type runeSet [0x10000 / 64]uint64

// addRanges adds the ranges (pairs lo, hi) to the set; it reports false,
// adding nothing, when a range is large or beyond the BMP.
func (b *runeSet) addRanges(set []rune) bool {
	for i := 0; i < len(set); i += 2 {
		if set[i+1] >= 0x10000 || set[i+1]-set[i] >= 0x1000 {
			return false
		}
	}
	for i := 0; i < len(set); i += 2 {
		for r := set[i]; r <= set[i+1]; r++ {
			b[r/64] |= 1 << (r % 64)
		}
	}
	return true
}

// has says whether r may be in the set (runes beyond the BMP always may).
func (b *runeSet) has(r rune) bool { return r >= 0x10000 || b[r/64]&(1<<(r%64)) != 0 }

func joinAlts(alts []string) *regexp.Regexp {
	if len(alts) == 0 {
		return nil
	}
	return regexp.MustCompile(`^(?:` + strings.Join(alts, "|") + `)`)
}

// newStartMatcher compiles ^(?:alts[0]|alts[1]|…); it panics on a bad
// pattern, like regexp.MustCompile.
func newStartMatcher(alts []string) *startMatcher {
	m := &startMatcher{}
	var keyed, suffix, other []string
	for _, alt := range alts {
		regexp.MustCompile(alt) // the error message of a bad pattern
		re, err := syntax.Parse(alt, syntax.Perl)
		if err != nil {
			panic(err)
		}
		re = re.Simplify()
		var set []rune
		if nullable, ok := regexFirstRunes(re, &set, false); ok && !nullable && m.first.addRanges(set) {
			keyed = append(keyed, alt)
			continue
		}
		set = set[:0]
		if n := len(re.Sub); re.Op == syntax.OpConcat && n >= 2 && re.Sub[n-1].Op == syntax.OpEndText {
			body := &syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[:n-1]}
			if nullable, ok := regexFirstRunes(body, &set, true); ok && !nullable && m.last.addRanges(set) {
				suffix = append(suffix, alt)
				continue
			}
		}
		other = append(other, alt)
	}
	m.keyed, m.suffix, m.other = joinAlts(keyed), joinAlts(suffix), joinAlts(other)
	return m
}

// MatchString reports whether s matches ^(?:alts…).
func (m *startMatcher) MatchString(s string) bool {
	if m.keyed != nil && s != "" {
		if r, _ := utf8.DecodeRuneInString(s); m.first.has(r) && m.keyed.MatchString(s) {
			return true
		}
	}
	if m.suffix != nil && s != "" {
		if r, _ := utf8.DecodeLastRuneInString(s); m.last.has(r) && m.suffix.MatchString(s) {
			return true
		}
	}
	return m.other != nil && m.other.MatchString(s)
}

// regexFirstRunes adds to set (pairs lo, hi) every rune a match of re can
// begin with (end with, when last) and reports whether re matches the empty
// string; ok is false when the set cannot be told (any character, case
// folding, unknown operators).
func regexFirstRunes(re *syntax.Regexp, set *[]rune, last bool) (nullable, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true, true
		}
		if re.Flags&syntax.FoldCase != 0 {
			return false, false
		}
		r := re.Rune[0]
		if last {
			r = re.Rune[len(re.Rune)-1]
		}
		*set = append(*set, r, r)
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
