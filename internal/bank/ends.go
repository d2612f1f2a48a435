package bank

import (
	"cmp"
	"math/bits"
	"slices"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/trie"
)

// endTrie finds every occurrence of every pattern in a text, as an
// Aho–Corasick automaton does, by reading it backwards from the runes that
// end a pattern. Nearly all the registry's names end in 行, 社 or 司, and
// all of them in one of some fifty runes, which make a tenth of the runes
// of bank news: the other runes are passed over with a bit test, where an
// automaton of the registry (some 70,000 states, more than the cache
// holds) took a step from each, and a reading back usually stops within a
// rune or two.
//
// Layout. The nodes of the trie of the reversed patterns are numbered
// breadth first. The root's edges are a bitmap with a rank index; the
// other edges are in two hash tables: those of the shallow nodes, which
// nearly every reading back visits, in a small one that stays in the
// cache, and the others in a large one.
type endTrie struct {
	// last has bit c set when a pattern ends with the rune c (< 0x10000);
	// the root's edge by c leads to node 1 + lastRank[c>>6] + the bits set
	// below c in its word. The edges by other runes are in shallow.
	last     [0x10000 / 64]uint64
	lastRank [0x10000 / 64]int32
	shallow  trie.Edges // the edges of the nodes below shallowN
	deep     trie.Edges // the edges of the others
	shallowN int32
	out      []int32 // pattern read at each node (its runes from the node back to the root), or -1
	size     []int   // byte length of each pattern
}

// shallowDepth is the depth of the deepest nodes whose edges are in the
// shallow table: the registry has some 360 nodes down to depth 3, with
// 1,500 edges (a table of 32 KB).
const shallowDepth = 3

const (
	endBits = trie.Bits // bits of a rune, and of a node number
	endMask = 1<<endBits - 1
)

// newEndTrie builds the trie of the patterns; pattern i is reported as i.
// Empty patterns are ignored; a repeated pattern is reported under its
// first index. It returns nil when the trie has more nodes than endBits
// can number.
func newEndTrie(patterns []string) *endTrie {
	t := &endTrie{size: make([]int, len(patterns))}
	// The trie, its nodes numbered as they are made.
	type edge struct {
		node int32
		c    rune
	}
	runes := 0 // at most one node each
	for _, p := range patterns {
		runes += utf8.RuneCountInString(p)
	}
	kids := make(map[edge]int32, runes)
	depth, runeOf, out := make([]int, 1, 1+runes), make([]rune, 1, 1+runes), make([]int32, 1, 1+runes)
	out[0] = -1
	for i, p := range patterns {
		t.size[i] = len(p)
		if p == "" {
			continue
		}
		node := int32(0)
		for j := len(p); j > 0; {
			c, n := utf8.DecodeLastRuneInString(p[:j])
			j -= n
			k, ok := kids[edge{node, c}]
			if !ok {
				k = int32(len(out))
				kids[edge{node, c}] = k
				depth, runeOf, out = append(depth, depth[node]+1), append(runeOf, c), append(out, -1)
			}
			node = k
		}
		if out[node] < 0 {
			out[node] = int32(i)
		}
	}
	if len(out) > endMask {
		return nil
	}
	// Breadth first, the root's children by rune (those below 0x10000
	// first, as the rank index numbers them).
	order := make([]int32, len(out))
	for k := range order {
		order[k] = int32(k)
	}
	slices.SortFunc(order[1:], func(a, b int32) int {
		if c := cmp.Compare(depth[a], depth[b]); c != 0 {
			return c
		}
		if depth[a] == 1 {
			return cmp.Compare(runeOf[a], runeOf[b])
		}
		return cmp.Compare(a, b)
	})
	num := make([]int32, len(out))
	t.out = make([]int32, len(out))
	t.shallowN = int32(len(out))
	for k, old := range order {
		num[old] = int32(k)
		t.out[k] = out[old]
		if depth[old] > shallowDepth && int32(k) < t.shallowN {
			t.shallowN = int32(k)
		}
	}
	var shallow, deep int
	for e := range kids {
		switch {
		case e.node == 0 && e.c < 0x10000:
			t.last[e.c>>6] |= 1 << (e.c & 63)
		case num[e.node] < t.shallowN:
			shallow++
		default:
			deep++
		}
	}
	total := int32(0)
	for w, b := range t.last {
		t.lastRank[w] = total
		total += int32(bits.OnesCount64(b))
	}
	t.shallow.Init(shallow)
	t.deep.Init(deep)
	for e, k := range kids {
		node, child := num[e.node], num[k]
		switch {
		case node == 0 && e.c < 0x10000:
			if t.rootChild(e.c) != child {
				panic("bank: the root's children are misnumbered")
			}
		case node < t.shallowN:
			t.shallow.Put(trie.Key(node, e.c), child)
		default:
			t.deep.Put(trie.Key(node, e.c), child)
		}
	}
	return t
}

// rootChild returns the root's child by c < 0x10000, or 0.
func (t *endTrie) rootChild(c rune) int32 {
	w, bit := t.last[c>>6], uint64(1)<<(c&63)
	if w&bit == 0 {
		return 0
	}
	return 1 + t.lastRank[c>>6] + int32(bits.OnesCount64(w&(bit-1)))
}

// child returns the node the edge from node by c leads to, or 0.
func (t *endTrie) child(node int32, c rune) int32 {
	if node < t.shallowN {
		if node == 0 && c < 0x10000 {
			return t.rootChild(c)
		}
		return t.shallow.Get(trie.Key(node, c))
	}
	return t.deep.Get(trie.Key(node, c))
}

// each calls fn for every occurrence of every pattern in text: by end
// offset, and at one end shortest first. start and end are byte offsets;
// start is end less the pattern's length, as the automaton reports it (an
// invalid byte of the text matches U+FFFD in a pattern, which is 3 bytes).
// Runes are read as utf8.DecodeRuneInString reads them, an invalid byte as
// U+FFFD on its own; reading back with utf8.DecodeLastRuneInString from
// the end of a rune meets the same runes.
func (t *endTrie) each(text string, fn func(start, end, pattern int)) {
	for i := 0; i < len(text); {
		j := i // the start of the rune c
		c, n := rune(text[i]), 1
		if c >= utf8.RuneSelf {
			if b := text[i]; (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
				// E1–EC, EE–EF lead bytes take any two continuation bytes: a
				// three-byte rune decoded inline, as utf8.DecodeRuneInString does
				c, n = rune(b&0x0F)<<12|rune(text[i+1]&0x3F)<<6|rune(text[i+2]&0x3F), 3
			} else {
				c, n = utf8.DecodeRuneInString(text[i:])
			}
		}
		i += n
		if c < 0x10000 && t.last[c>>6]&(1<<(c&63)) == 0 {
			continue
		}
		t.readBack(text, j, i, c, fn)
	}
}

// eachAt is each for a text whose runes that end a pattern start at the
// byte offsets at, in order, each at the start of a rune as a reading
// from the start meets it (at may hold other runes' starts).
func (t *endTrie) eachAt(text string, at []int, fn func(start, end, pattern int)) {
	for _, j := range at {
		c, n := decodeRune(text, j)
		t.readBack(text, j, j+n, c, fn)
	}
}

// decodeRune is utf8.DecodeRuneInString(text[i:]) with the three-byte
// runes of Chinese text decoded inline.
func decodeRune(text string, i int) (rune, int) {
	if b := text[i]; b < utf8.RuneSelf {
		return rune(b), 1
	} else if (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
		// E1–EC, EE–EF lead bytes take any two continuation bytes
		return rune(b&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(text[i:])
}

// readBack calls fn for the patterns that end with the rune c at text[j:i],
// reading back from it.
func (t *endTrie) readBack(text string, j, i int, c rune, fn func(start, end, pattern int)) {
	var node int32
	if c < 0x10000 {
		node = t.rootChild(c)
	} else {
		node = t.shallow.Get(trie.Key(0, c))
	}
	for node != 0 {
		if p := t.out[node]; p >= 0 {
			fn(i-t.size[p], i, int(p))
		}
		if j == 0 {
			break
		}
		n := 0
		if b := text[j-1]; b < utf8.RuneSelf {
			c, n = rune(b), 1
		} else if a := text[max(j-3, 0)]; j >= 3 && (a >= 0xE1 && a <= 0xEC || a == 0xEE || a == 0xEF) && text[j-2]&0xC0 == 0x80 && b&0xC0 == 0x80 {
			// a three-byte rune decoded inline, as
			// utf8.DecodeLastRuneInString does (E1–EC, EE–EF take any
			// two continuation bytes)
			c, n = rune(a&0x0F)<<12|rune(text[j-2]&0x3F)<<6|rune(b&0x3F), 3
		} else {
			c, n = utf8.DecodeLastRuneInString(text[:j])
		}
		j -= n
		node = t.child(node, c)
	}
}

// EndRunes is the set of the runes the registry's names end with, from
// which Find reads a text back (see FindAt).
type EndRunes struct {
	last *[0x10000 / 64]uint64
}

// Has says a name may end with c: it does (c below U+10000), or c is
// beyond the plane (FindAt looks it up).
func (e EndRunes) Has(c rune) bool {
	return c >= 0x10000 || e.last != nil && e.last[c>>6]&(1<<(c&63)) != 0
}

// EndRunes returns the runes the registry's names end with.
func (r *Registry) EndRunes() EndRunes {
	r.build()
	if r.ends == nil {
		return EndRunes{}
	}
	return EndRunes{&r.ends.last}
}
