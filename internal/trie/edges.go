// Package trie holds the hash table of a trie's edges that the bank-name
// matcher (internal/bank, read back from the runes names end with) and the
// theme-keyword matcher (internal/theme, walked forward from a keyword's
// first two runes) share.
//
// Input: edges (node, rune) → child, added once. Output: the child of an
// edge, looked up on every rune of every article.
package trie

import "math/bits"

// Bits is the width of a rune, and the most a node number may use.
const Bits = 21

// Key is the key of the edge from node by rune c (c a valid rune or
// utf8.RuneError: below 1<<Bits).
func Key(node int32, c rune) uint64 { return uint64(node)<<Bits | uint64(c) }

// Edges is a hash table of edges: slots hold child<<42 | key, 0 when empty
// (no edge leads to the root, node 0). Open addressing, linear probing, at
// most half full: a probe for a missing edge, the usual outcome, meets an
// empty slot within a few.
type Edges struct {
	slots []uint64
	shift uint // 64 - log2(len(slots))
}

// Init sizes the table for the number of edges to be put.
func (h *Edges) Init(edges int) {
	n := 1 << bits.Len(uint(2*edges))
	h.slots = make([]uint64, n)
	h.shift = uint(64 - bits.TrailingZeros(uint(n)))
}

func (h *Edges) hash(key uint64) int { return int((key * 0x9E3779B97F4A7C15) >> h.shift) }

// Put adds the edge with the key, leading to child (not 0).
func (h *Edges) Put(key uint64, child int32) {
	mask := len(h.slots) - 1
	i := h.hash(key)
	for h.slots[i] != 0 {
		i = (i + 1) & mask
	}
	h.slots[i] = uint64(child)<<(2*Bits) | key
}

// Get returns the child of the edge with the key, or 0.
func (h *Edges) Get(key uint64) int32 {
	mask := len(h.slots) - 1
	for i := h.hash(key); ; i = (i + 1) & mask {
		s := h.slots[i]
		if s == 0 {
			return 0
		}
		if s&(1<<(2*Bits)-1) == key {
			return int32(s >> (2 * Bits))
		}
	}
}
