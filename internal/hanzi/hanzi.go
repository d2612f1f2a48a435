// Package hanzi folds traditional Chinese characters to simplified ones,
// rune for rune, so that offsets into the folded text are offsets into the
// original. It serves every stage that matches Chinese words (extraction,
// near-duplicate detection, aggregation rules) from one table: the
// single-character entries of OpenCC's TSCharacters (tschars.txt).
package hanzi

import (
	_ "embed"
	"math/bits"
	"strings"
	"unicode/utf8"
)

//go:embed tschars.txt
var tsChars string

// The characters of the Basic Multilingual Plane that change: bit r of
// t2sBit is set when r does, and it becomes t2sVal[t2sRank[r>>6] + the
// bits set below r in its word]. Simplified text, the common case, reads
// only the 8 KB bitmap (the 128 KB table of every rune it replaces fell
// out of the cache beside the other stages' tables). t2sMore maps the few
// beyond the plane.
var t2sBit, t2sRank, t2sVal, t2sMore = func() (*[0x10000 / 64]uint64, *[0x10000 / 64]uint16, []uint16, map[rune]rune) {
	bmp := map[rune]rune{}
	more := map[rune]rune{}
	for _, line := range strings.Split(tsChars, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		t, s, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		tr, sr := []rune(t), []rune(s)
		if len(tr) != 1 || len(sr) != 1 || tr[0] == sr[0] {
			continue
		}
		if tr[0] < 0x10000 && sr[0] < 0x10000 {
			bmp[tr[0]] = sr[0]
		} else {
			more[tr[0]] = sr[0]
		}
	}
	bit, rank := new([0x10000 / 64]uint64), new([0x10000 / 64]uint16)
	for r := range bmp {
		bit[r>>6] |= 1 << (r & 63)
	}
	val := make([]uint16, 0, len(bmp))
	for w := range bit {
		rank[w] = uint16(len(val)) // < 65536: one entry per rune of the plane at most
		for b := bit[w]; b != 0; b &= b - 1 {
			val = append(val, uint16(bmp[rune(w<<6|bits.TrailingZeros64(b))]))
		}
	}
	return bit, rank, val, more
}()

// Rune returns the simplified form of r, or r itself.
func Rune(r rune) rune {
	if r >= 0 && r < 0x10000 {
		w, bit := t2sBit[r>>6], uint64(1)<<(r&63)
		if w&bit == 0 {
			return r
		}
		return rune(t2sVal[int(t2sRank[r>>6])+bits.OnesCount64(w&(bit-1))])
	}
	if s, ok := t2sMore[r]; ok {
		return s
	}
	return r
}

// Simplify returns s with every traditional character made simplified. It
// returns s itself, without allocating, when nothing changes.
func Simplify(s string) string {
	for i, r := range s {
		if Rune(r) != r {
			var b strings.Builder
			b.Grow(len(s))
			b.WriteString(s[:i])
			for _, r := range s[i:] {
				b.WriteRune(Rune(r))
			}
			return b.String()
		}
	}
	return s
}

// RuneIndex returns the byte index of the n-th rune of s, or len(s) when s
// has n runes or fewer: the end of its first n runes.
func RuneIndex(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// RuneCount is utf8.RuneCountInString with the three-byte runes of Chinese
// text counted inline (the library decodes each one in a call); invalid
// bytes count one each, as there. Offsets in bankbrief are rune offsets, so
// every stage counts runes of Chinese text often.
func RuneCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
			continue
		case (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// E1–EC, EE–EF lead bytes take any two continuation bytes
			i += 3
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return n
}

// ByFirstRune indexes words by their first rune, each list in the words'
// order: a matcher at a position of a text tries only the words that can
// start there.
func ByFirstRune(words []string) map[rune][]string {
	m := map[rune][]string{}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], w)
	}
	return m
}

// ByLastRune indexes words by their last rune, each list in the words'
// order, for a matcher reading a text backwards from a position.
func ByLastRune(words []string) map[rune][]string {
	m := map[rune][]string{}
	for _, w := range words {
		r, _ := utf8.DecodeLastRuneInString(w)
		m[r] = append(m[r], w)
	}
	return m
}
