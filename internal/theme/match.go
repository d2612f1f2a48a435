package theme

import (
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/runeset"
	"github.com/bankbrief/bankbrief/internal/trie"
)

// matcher finds every occurrence of every keyword in a text, as the
// Aho–Corasick automaton of internal/bank/aho that it replaced does (its
// tests' reference), but walking the trie of the keywords forward only
// where a keyword's first two runes are. Nearly all keywords have two runes or
// more, and their first two runes make some 900 pairs, which begin at
// fewer than a tenth of the positions of bank news: a pair is looked up in
// a bitmap of their hashes, and the trie is walked only where it is set
// (the automaton took a step, a hard-to-predict branch, at half the runes,
// those some keyword holds). The few one-rune keywords are a bitmap of
// their own.
//
// ASCII letters match whatever their case (App, APP, app); other runes
// match exactly; an invalid byte is U+FFFD on its own, and a keyword's
// start is its end less its length in bytes, as the automaton reports it.
type matcher struct {
	// pairBit has bit pairHash(a, b) set when a keyword begins with the
	// runes a, b; pairs holds the trie's node after them, keyed as an edge
	// from "node" a by b.
	pairBit [pairBits / 64]uint64
	pairs   trie.Edges
	single  runeset.Set // the one-rune keywords below U+10000
	edges   trie.Edges  // the trie's edges
	// kid holds, for each node, its one edge as c<<32 | child, 0 when it
	// has none (most keywords end at a leaf) or manyKids: walk steps on
	// without the hash table, or stops without reading the next rune
	kid   []uint64
	out   []int32 // keyword ending at each node, or -1
	size  []int   // byte length of each keyword
	runes []int   // runes of each keyword
}

// pairBits is the size of the pairBit bitmap: 64K bits (8 KB), which some
// 900 pairs fill to 1.5%.
const pairBits = 1 << 16

// manyKids is kid's mark of a node with two edges or more.
const manyKids = 1 << 63

func pairHash(a, b rune) uint32 {
	return (uint32(a)*0x9E3779B1 ^ uint32(b)) * 0x85EBCA6B >> (32 - 16)
}

// newMatcher builds the matcher of the keywords; keyword i is reported as
// i. Empty keywords are ignored; a repeated one is reported under its
// first index. It returns nil when the keywords have more than 1<<trie.Bits
// runes.
func newMatcher(keywords []string) *matcher {
	m := &matcher{size: make([]int, len(keywords)), runes: make([]int, len(keywords)), out: []int32{-1}}
	type key struct {
		node int32
		c    rune
	}
	kids := map[key]int32{}
	pairs := map[key]int32{} // the node after a keyword's first two runes, by the runes
	for i, w := range keywords {
		m.size[i] = len(w)
		node, depth := int32(0), 0
		var first rune
		for _, c := range w {
			c = lower(c)
			k, ok := kids[key{node, c}]
			if !ok {
				k = int32(len(m.out))
				kids[key{node, c}] = k
				m.out = append(m.out, -1)
			}
			switch depth {
			case 0:
				first = c
			case 1:
				pairs[key{first, c}] = k
			}
			node, depth = k, depth+1
		}
		m.runes[i] = depth
		if node != 0 && m.out[node] < 0 {
			m.out[node] = int32(i)
		}
	}
	if len(m.out) >= 1<<trie.Bits {
		return nil
	}
	m.edges.Init(len(kids))
	m.kid = make([]uint64, len(m.out))
	for k, child := range kids {
		m.edges.Put(trie.Key(k.node, k.c), child)
		if m.kid[k.node] == 0 {
			m.kid[k.node] = uint64(k.c)<<32 | uint64(child)
		} else {
			m.kid[k.node] = manyKids
		}
		if k.node == 0 && m.out[child] >= 0 && k.c < 0x10000 {
			m.single.Add(k.c)
		}
	}
	m.pairs.Init(len(pairs))
	for k, node := range pairs {
		m.pairs.Put(trie.Key(k.node, k.c), node)
		h := pairHash(rune(k.node), k.c)
		m.pairBit[h>>6] |= 1 << (h & 63)
	}
	return m
}

// lower folds an ASCII capital.
func lower(c rune) rune {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// decode is utf8.DecodeRuneInString(text[i:]) with the three-byte runes
// of Chinese text decoded inline and ASCII capitals folded.
func decode(text string, i int) (rune, int) {
	b := text[i]
	switch {
	case b < utf8.RuneSelf:
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		return rune(b), 1
	case (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
		// E1–EC, EE–EF lead bytes take any two continuation bytes
		return rune(b&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(text[i:])
}

// scan appends to occ every occurrence of every keyword in text, by end
// offset and at one end longest first, and says whether text is valid
// UTF-8.
func (m *matcher) scan(text string, occ []span) (_ []span, valid bool) {
	valid = true
	prev := rune(-1) // the rune before c
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
		} else if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		i += n
		if m.single.Has(c) || c >= 0x10000 {
			if node := m.edges.Get(trie.Key(0, c)); node != 0 && m.out[node] >= 0 {
				occ = m.add(occ, i, m.out[node])
			}
		}
		if h := pairHash(prev, c); m.pairBit[h>>6]&(1<<(h&63)) != 0 && prev >= 0 {
			if node := m.pairs.Get(trie.Key(prev, c)); node != 0 {
				occ = m.walk(text, i, node, occ)
			}
		}
		prev = c
	}
	return occ, valid
}

// walk appends the occurrences of the keywords that lead to node, reached
// at text[:i], and to its descendants along text[i:].
func (m *matcher) walk(text string, i int, node int32, occ []span) []span {
	for {
		if p := m.out[node]; p >= 0 {
			occ = m.add(occ, i, p)
		}
		k := m.kid[node]
		if k == 0 || i == len(text) {
			return occ
		}
		c, n := decode(text, i)
		i += n
		if k != manyKids {
			if rune(k>>32) != c {
				return occ
			}
			node = int32(uint32(k))
		} else if node = m.edges.Get(trie.Key(node, c)); node == 0 {
			return occ
		}
	}
}

// add inserts the occurrence of keyword p ending at e in its place in occ:
// by end, longest first (in runes: a keyword's start is its end less its
// length in bytes, which may not be where it begins when it holds U+FFFD).
// The occurrences come by start, each start's by end, so few move.
func (m *matcher) add(occ []span, e int, p int32) []span {
	o := span{e - m.size[p], e, int(p)}
	k := len(occ)
	occ = append(occ, o)
	for ; k > 0 && (occ[k-1].e > e || occ[k-1].e == e && m.runes[occ[k-1].pat] < m.runes[p]); k-- {
		occ[k] = occ[k-1]
	}
	occ[k] = o
	return occ
}
