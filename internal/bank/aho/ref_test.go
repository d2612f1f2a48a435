package aho

// The automaton as it was before the breadth-first, packed layout (commit
// c227ba2): a dense 256 KB root array, per-state edge arrays in insertion
// order, a map while building. It is the reference the differential tests
// and FuzzEachReference compare the new one with, callback for callback.

import "unicode/utf8"

// refDense is the number of runes whose transitions from the root are kept in
// an array (the Basic Multilingual Plane: all common CJK characters).
const refDense = 0x10000

// refAutomaton matches a fixed set of patterns. The zero value matches nothing.
type refAutomaton struct {
	root    []int32          // root transitions for runes < refDense; 0 = none
	rootBit []uint64         // bit c set when root[c] != 0: 8 KB that stay in cache
	trans   map[uint64]int32 // other transitions while building: state<<32 | rune → state
	// Transitions of the states other than the root, after building: the
	// edges of state s are edgeRune/edgeNext[first[s]:first[s+1]], by rune.
	first    []int32
	edgeRune []rune
	edgeNext []int32
	fail     []int32 // failure link of each state
	out      []int32 // pattern ending at each state, or -1
	dict     []int32 // nearest state on the failure chain with a pattern, or -1
	emit     []int32 // the state itself when it has a pattern, else dict: one read for the many states without
	size     []int   // byte length of each pattern
	fold     bool    // ASCII letters match whatever their case
}

// refNewFold is refNew with ASCII letters matched whatever their case (App, APP,
// app); other characters match exactly.
func refNewFold(patterns []string) *refAutomaton {
	lower := make([]string, len(patterns))
	for i, p := range patterns {
		lower[i] = refASCIILower(p)
	}
	a := refNew(lower)
	a.fold = true
	return a
}

func refASCIILower(s string) string {
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

// refNew builds the automaton of the patterns; pattern i is reported as i.
// Empty patterns are ignored; a repeated pattern is reported under its
// first index.
func refNew(patterns []string) *refAutomaton {
	a := &refAutomaton{root: make([]int32, refDense), rootBit: make([]uint64, refDense/64), trans: map[uint64]int32{}, size: make([]int, len(patterns))}
	a.fail = append(a.fail, 0)
	a.out = append(a.out, -1)
	children := [][]int32{nil}
	for i, p := range patterns {
		a.size[i] = len(p)
		if p == "" {
			continue
		}
		s := int32(0)
		for _, c := range p {
			next, ok := a.step0(s, c)
			if !ok {
				next = int32(len(a.fail))
				a.fail = append(a.fail, 0)
				a.out = append(a.out, -1)
				children = append(children, nil)
				a.set(s, c, next)
				children[s] = append(children[s], next)
			}
			s = next
		}
		if a.out[s] < 0 {
			a.out[s] = int32(i)
		}
	}
	// Failure links, breadth first; the rune into each child is needed, so
	// it is recorded on the way.
	runeOf := make([]rune, len(a.fail))
	for _, p := range patterns {
		s := int32(0)
		for _, c := range p {
			s, _ = a.step0(s, c)
			runeOf[s] = c
		}
	}
	a.dict = make([]int32, len(a.fail))
	a.dict[0] = -1
	queue := append([]int32(nil), children[0]...)
	for _, c := range children[0] {
		a.fail[c] = 0
		a.dict[c] = -1
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, child := range children[s] {
			c := runeOf[child]
			f := a.fail[s]
			for {
				if next, ok := a.step0(f, c); ok {
					a.fail[child] = next
					break
				}
				if f == 0 {
					a.fail[child] = 0
					break
				}
				f = a.fail[f]
			}
			if fc := a.fail[child]; a.out[fc] >= 0 {
				a.dict[child] = fc
			} else {
				a.dict[child] = a.dict[fc]
			}
			queue = append(queue, child)
		}
	}
	a.flatten(children, runeOf)
	a.emit = make([]int32, len(a.fail))
	for s := range a.emit {
		if a.out[s] >= 0 {
			a.emit[s] = int32(s)
		} else {
			a.emit[s] = a.dict[s]
		}
	}
	return a
}

// flatten moves the transitions out of the map into sorted edge arrays,
// which are faster to search for the few edges most states have.
func (a *refAutomaton) flatten(children [][]int32, runeOf []rune) {
	a.first = make([]int32, len(a.fail)+1)
	for s := range a.fail {
		a.first[s+1] = a.first[s]
		if s == 0 {
			for _, c := range children[0] {
				if runeOf[c] >= refDense || runeOf[c] < 0 {
					a.first[s+1]++
				}
			}
			continue
		}
		a.first[s+1] += int32(len(children[s]))
	}
	a.edgeRune = make([]rune, a.first[len(a.fail)])
	a.edgeNext = make([]int32, len(a.edgeRune))
	for s := range a.fail {
		k := a.first[s]
		for _, c := range children[s] {
			if s == 0 && runeOf[c] >= 0 && runeOf[c] < refDense {
				continue
			}
			a.edgeRune[k], a.edgeNext[k] = runeOf[c], c
			k++
		}
		e := a.edgeRune[a.first[s]:k]
		n := a.edgeNext[a.first[s]:k]
		for i := 1; i < len(e); i++ { // insertion sort: edges are few
			for j := i; j > 0 && e[j] < e[j-1]; j-- {
				e[j], e[j-1] = e[j-1], e[j]
				n[j], n[j-1] = n[j-1], n[j]
			}
		}
	}
	a.trans = nil
}

func (a *refAutomaton) set(s int32, c rune, next int32) {
	if s == 0 && c >= 0 && c < refDense {
		a.root[c] = next
		a.rootBit[c>>6] |= 1 << (c & 63)
		return
	}
	a.trans[uint64(s)<<32|uint64(uint32(c))] = next
}

// step0 is the goto function: the state after c from s, without failure.
func (a *refAutomaton) step0(s int32, c rune) (int32, bool) {
	if s == 0 && c >= 0 && c < refDense {
		n := a.root[c]
		return n, n != 0
	}
	if a.trans != nil { // building
		n, ok := a.trans[uint64(s)<<32|uint64(uint32(c))]
		return n, ok
	}
	lo, hi := int(a.first[s]), int(a.first[s+1])
	if hi-lo <= 8 {
		for k := lo; k < hi; k++ {
			if a.edgeRune[k] == c {
				return a.edgeNext[k], true
			}
		}
		return 0, false
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch r := a.edgeRune[m]; {
		case r == c:
			return a.edgeNext[m], true
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
func (a *refAutomaton) Each(text string, fn func(start, end, pattern int)) {
	if a == nil || len(a.fail) <= 1 {
		return
	}
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
			}
		} else if a.fold && c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		i += n
		if s == 0 && c >= 0 && c < refDense && a.rootBit[c>>6]&(1<<(c&63)) == 0 {
			continue // no pattern starts with c, and no state to leave
		}
		for {
			if next, ok := a.step0(s, c); ok {
				s = next
				break
			}
			if s == 0 {
				break
			}
			s = a.fail[s]
		}
		for o := a.emit[s]; o > 0; o = a.dict[o] {
			if p := a.out[o]; p >= 0 {
				fn(i-a.size[p], i, int(p))
			}
		}
	}
}

// refPatterns returns the number of patterns the automaton was built with.
func (a *refAutomaton) refPatterns() int {
	if a == nil {
		return 0
	}
	return len(a.size)
}
