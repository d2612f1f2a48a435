// Package aho is a multi-pattern matcher: an Aho–Corasick automaton over
// the runes of UTF-8 text, built once and safe for concurrent use. It finds
// every occurrence of every pattern in one pass over the text, whatever the
// number of patterns. internal/bank and internal/theme matched their names
// and keywords with it, and keep it as the reference of their tests: the
// bank names, which nearly all end in one of a few runes, are now read back
// from those, and the theme keywords are looked up forward from their
// first two runes, which are found at few of a text's positions.
//
// Input: the patterns, then texts. Output: for each occurrence, its byte
// offsets and the index of the pattern.
//
// Layout. The bank registry, which it was first built for, makes an
// automaton of some 70,000 states, more than the processor's cache holds.
// The states are numbered breadth first (the shallow states a text visits
// most are packed together); a state's failure link, first pattern and,
// for the many with one, its only edge sit in one 16-byte record; the
// root's transitions are a bitmap with a rank index (a few KB instead of a
// 256 KB array); and a bitmap of the runes that occur in any pattern sends
// every other rune straight back to the root without walking the failure
// chain. What remains of a scan's cost is mostly the branches of the
// transitions, about one hard-to-predict one per rune that is not skipped.
package aho

import (
	"math/bits"
	"slices"
	"unicode/utf8"
)

// dense is the number of runes whose transitions from the root are kept in
// the bitmap (the Basic Multilingual Plane: all common CJK characters).
const dense = 0x10000

// Automaton matches a fixed set of patterns. The zero value matches nothing.
type Automaton struct {
	// Root transitions for runes < dense: bit c of rootBit is set when a
	// pattern starts with c, and the state it leads to is
	// rootNext[rootRank[c>>6] + the bits set below c in its word].
	rootBit  []uint64
	rootRank []int32
	rootNext []int32
	// alpha has bit c set when c (< dense) occurs in some pattern: from any
	// state, another rune leads to the root, which has no pattern.
	alpha  []uint64
	states []state // by state number, breadth first; 0 is the root
	// edges are the transitions of the states with two or more, each
	// state's sorted by rune (the root's only for runes >= dense).
	edges []edge
	out   []int32 // pattern ending at each state, or -1
	dict  []int32 // nearest state on the failure chain with a pattern, or -1
	size  []int   // byte length of each pattern
	fold  bool    // ASCII letters match whatever their case
}

// state is one state's record. Most states (in the long names of the
// registry) have one edge, kept in the record itself: c >= 0 is its rune
// and next the state it leads to. c == -1: no edge; c < -1: -c-1 edges,
// edges[next:next-c-1].
type state struct {
	c    rune
	next int32
	fail int32 // failure link
	// emit is the state itself when a pattern ends there, else the
	// nearest state on its failure chain where one does, or -1: one read
	// for the many states without.
	emit int32
}

type edge struct {
	c    rune
	next int32
}

// NewFold is New with ASCII letters matched whatever their case (App, APP,
// app); other characters match exactly.
func NewFold(patterns []string) *Automaton {
	lower := make([]string, len(patterns))
	for i, p := range patterns {
		lower[i] = asciiLower(p)
	}
	a := New(lower)
	a.fold = true
	return a
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// trie is the automaton while it is built: states numbered in insertion
// order, the root's children for runes < dense in an array, the other
// children in linked lists (no slice per state: the registry makes 70,000).
type trie struct {
	root    []int32 // root child by rune < dense; 0 = none
	first   []int32 // first child of each state (the root's for runes >= dense only); 0 = none
	sibling []int32 // next child of the same parent; 0 = none
	runeOf  []rune  // the rune into each state
	out     []int32 // pattern ending at each state, or -1
}

func (t *trie) child(s int32, c rune) int32 {
	if s == 0 && c >= 0 && c < dense {
		return t.root[c]
	}
	for k := t.first[s]; k != 0; k = t.sibling[k] {
		if t.runeOf[k] == c {
			return k
		}
	}
	return 0
}

func (t *trie) add(s int32, c rune) int32 {
	k := int32(len(t.out))
	t.first = append(t.first, 0)
	t.sibling = append(t.sibling, 0)
	t.runeOf = append(t.runeOf, c)
	t.out = append(t.out, -1)
	if s == 0 && c >= 0 && c < dense {
		t.root[c] = k
	} else {
		t.sibling[k] = t.first[s]
		t.first[s] = k
	}
	return k
}

// New builds the automaton of the patterns; pattern i is reported as i.
// Empty patterns are ignored; a repeated pattern is reported under its
// first index.
func New(patterns []string) *Automaton {
	a := &Automaton{size: make([]int, len(patterns))}
	t := &trie{root: make([]int32, dense), first: []int32{0}, sibling: []int32{0}, runeOf: []rune{0}, out: []int32{-1}}
	for i, p := range patterns {
		a.size[i] = len(p)
		if p == "" {
			continue
		}
		s := int32(0)
		for _, c := range p {
			next := t.child(s, c)
			if next == 0 {
				next = t.add(s, c)
			}
			s = next
		}
		if t.out[s] < 0 {
			t.out[s] = int32(i)
		}
	}
	// Number the states breadth first, children by rune.
	n := len(t.out)
	order := make([]int32, 1, n) // old numbers, breadth first
	num := make([]int32, n)      // new number of each old state
	// kids[kidsAt[s]:kidsAt[s+1]] are the old numbers of the children of
	// the state numbered s, by rune.
	kids := make([]int32, 0, n)
	kidsAt := make([]int32, 1, n+1)
	for q := 0; q < len(order); q++ {
		from := len(kids)
		if q == 0 {
			for _, k := range t.root {
				if k != 0 {
					kids = append(kids, k)
				}
			}
		}
		for k := t.first[order[q]]; k != 0; k = t.sibling[k] {
			kids = append(kids, k)
		}
		ks := kids[from:]
		slices.SortFunc(ks, func(x, y int32) int { return int(t.runeOf[x]) - int(t.runeOf[y]) })
		kidsAt = append(kidsAt, int32(len(kids)))
		for _, k := range ks {
			num[k] = int32(len(order))
			order = append(order, k)
		}
	}
	kidsOf := func(s int) []int32 { return kids[kidsAt[s]:kidsAt[s+1]] }
	// The transitions, by new number.
	a.states = make([]state, n)
	a.edges = make([]edge, 0, n)
	a.out = make([]int32, n)
	a.rootBit = make([]uint64, dense/64)
	a.alpha = make([]uint64, dense/64)
	for s := range a.states {
		a.out[s] = t.out[order[s]]
		first := int32(len(a.edges))
		for _, k := range kidsOf(s) {
			c := t.runeOf[k]
			if c >= 0 && c < dense {
				a.alpha[c>>6] |= 1 << (c & 63)
				if s == 0 {
					a.rootBit[c>>6] |= 1 << (c & 63)
					continue
				}
			}
			a.edges = append(a.edges, edge{c, num[k]})
		}
		st := &a.states[s]
		switch k := int32(len(a.edges)) - first; k {
		case 0:
			st.c = -1
		case 1:
			st.c, st.next = a.edges[first].c, a.edges[first].next
			a.edges = a.edges[:first]
		default:
			st.c, st.next = -1-k, first
		}
	}
	a.rootRank = make([]int32, dense/64)
	total := int32(0)
	for w, b := range a.rootBit {
		a.rootRank[w] = total
		total += int32(bits.OnesCount64(b))
	}
	a.rootNext = make([]int32, 0, total)
	for _, k := range kidsOf(0) { // by rune: the order of the bits
		if c := t.runeOf[k]; c >= 0 && c < dense {
			a.rootNext = append(a.rootNext, num[k])
		}
	}
	// Failure links, breadth first: a state's link is known before its
	// children's.
	a.dict = make([]int32, n)
	a.dict[0] = -1
	for s := range a.states {
		for _, k := range kidsOf(s) {
			child := num[k]
			c := t.runeOf[k]
			f := int32(0)
			if s != 0 {
				for f = a.states[s].fail; ; f = a.states[f].fail {
					if next, ok := a.step0(f, c); ok {
						f = next
						break
					}
					if f == 0 {
						break
					}
				}
			}
			a.states[child].fail = f
			if a.out[f] >= 0 {
				a.dict[child] = f
			} else {
				a.dict[child] = a.dict[f]
			}
		}
	}
	for s := range a.states {
		if a.out[s] >= 0 {
			a.states[s].emit = int32(s)
		} else {
			a.states[s].emit = a.dict[s]
		}
	}
	return a
}

// step0 is the goto function: the state after c from s, without failure.
func (a *Automaton) step0(s int32, c rune) (int32, bool) {
	if s == 0 && c >= 0 && c < dense {
		w, bit := a.rootBit[c>>6], uint64(1)<<(c&63)
		if w&bit == 0 {
			return 0, false
		}
		return a.rootNext[a.rootRank[c>>6]+int32(bits.OnesCount64(w&(bit-1)))], true
	}
	st := &a.states[s]
	if st.c == c {
		return st.next, true
	}
	if st.c >= -1 {
		return 0, false
	}
	lo, hi := int(st.next), int(st.next-st.c-1)
	if hi-lo <= 8 {
		for k := lo; k < hi; k++ {
			if a.edges[k].c == c {
				return a.edges[k].next, true
			}
		}
		return 0, false
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch r := a.edges[m].c; {
		case r == c:
			return a.edges[m].next, true
		case r < c:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

// Each calls fn for every occurrence of every pattern in text, by end
// offset (and, at one end, longest pattern first). start and end are byte
// offsets; invalid UTF-8 bytes match only patterns that contain U+FFFD.
func (a *Automaton) Each(text string, fn func(start, end, pattern int)) { a.Scan(text, fn) }

// Scan is Each, and says whether text is valid UTF-8.
func (a *Automaton) Scan(text string, fn func(start, end, pattern int)) (valid bool) {
	if a == nil || len(a.states) <= 1 {
		return utf8.ValidString(text)
	}
	valid = true
	s := int32(0)
	for i := 0; i < len(text); {
		c, n := rune(text[i]), 1
		if c >= utf8.RuneSelf {
			if b := text[i]; (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
				// E1–EC, EE–EF lead bytes take any two continuation bytes: a
				// three-byte rune decoded inline, as utf8.DecodeRuneInString does
				c, n = rune(b&0x0F)<<12|rune(text[i+1]&0x3F)<<6|rune(text[i+2]&0x3F), 3
			} else {
				c, n = utf8.DecodeRuneInString(text[i:])
				valid = valid && n > 1
			}
		} else if a.fold && c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		i += n
		if c >= 0 && c < dense {
			w, bit := c>>6, uint64(1)<<(c&63)
			if s == 0 {
				rb := a.rootBit[w]
				if rb&bit == 0 {
					continue // no pattern starts with c, and no state to leave
				}
				s = a.rootNext[a.rootRank[w]+int32(bits.OnesCount64(rb&(bit-1)))]
			} else if a.alpha[w]&bit == 0 {
				s = 0 // no pattern holds c: back to the root, which has none
				continue
			} else {
				// The transition function written out: the goto of s, else
				// of its failure link, and so on down to the root's.
				for {
					st := &a.states[s]
					if st.c == c {
						s = st.next
						break
					}
					if st.c < -1 {
						if next, ok := a.step0(s, c); ok {
							s = next
							break
						}
					}
					if s = st.fail; s == 0 {
						if rb := a.rootBit[w]; rb&bit != 0 {
							s = a.rootNext[a.rootRank[w]+int32(bits.OnesCount64(rb&(bit-1)))]
						}
						break
					}
				}
			}
		} else {
			s = a.step(s, c)
		}
		for o := a.states[s].emit; o > 0; o = a.dict[o] {
			p := a.out[o]
			fn(i-a.size[p], i, int(p))
		}
	}
	return valid
}

// step is the transition function: the state after c from s, following
// failure links where s has no edge for c.
func (a *Automaton) step(s int32, c rune) int32 {
	for {
		if next, ok := a.step0(s, c); ok {
			return next
		}
		if s == 0 {
			return 0
		}
		s = a.states[s].fail
	}
}

// Patterns returns the number of patterns the automaton was built with.
func (a *Automaton) Patterns() int {
	if a == nil {
		return 0
	}
	return len(a.size)
}
