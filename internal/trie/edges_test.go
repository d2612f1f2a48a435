package trie

import "testing"

// TestEdges puts the edges of a small trie and reads every one back, and
// edges that are not there as 0.
func TestEdges(t *testing.T) {
	var h Edges
	const nodes = 3000
	h.Init(nodes)
	for n := int32(0); n < nodes; n++ {
		h.Put(Key(n, rune(n%97)+'行'), n+1)
	}
	for n := int32(0); n < nodes; n++ {
		if got := h.Get(Key(n, rune(n%97)+'行')); got != n+1 {
			t.Fatalf("edge %d: child %d, want %d", n, got, n+1)
		}
		if got := h.Get(Key(n, rune(n%97)+'行'+1)); got != 0 {
			t.Fatalf("missing edge from %d: child %d, want 0", n, got)
		}
	}
}
