// Package runeset is a set of runes of the Basic Multilingual Plane, one
// bit each (8 KB). It answers, for every rune of a text, the question the
// matchers' inner loops ask before any slower look-up: may a keyword start
// (or end) with this rune? It is shared by cnnum (the runes qualifiers end
// with), bank (the runes that stop a place or branch name; sector cues),
// theme (one-rune keywords) and aggregate (the first runes of the money
// rules' word lists). It has no input or output of its own: a leaf of the
// pipeline's packages.
package runeset

// Set holds runes below U+10000; Has is false for any other.
type Set [0x10000 / 64]uint64

// Of returns the set of the runes of s. A rune beyond the Basic
// Multilingual Plane panics: the callers build their sets from fixed word
// lists, and such a rune would be a mistake in a list.
func Of(s string) *Set {
	var set Set
	for _, c := range s {
		set.Add(c)
	}
	return &set
}

// Add puts c into the set; c beyond the Basic Multilingual Plane panics.
func (s *Set) Add(c rune) {
	if uint32(c) >= 0x10000 {
		panic("runeset: a rune beyond the Basic Multilingual Plane")
	}
	s[uint32(c)>>6] |= 1 << (uint32(c) & 63)
}

// Has reports whether c is in the set: false for a rune beyond the Basic
// Multilingual Plane or a negative one.
func (s *Set) Has(c rune) bool {
	return uint32(c) < 0x10000 && s[uint32(c)>>6]&(1<<(uint32(c)&63)) != 0
}
