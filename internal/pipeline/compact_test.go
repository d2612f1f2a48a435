package pipeline

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// TestWordsShareTheInternersCopies: a words cache returns the interner's
// own copy of a value (shared by every goroutine's cache), never the
// string it was given, also once the cache is full.
func TestWordsShareTheInternersCopies(t *testing.T) {
	in := &interner{}
	w1, w2 := newWords(in), newWords(in)
	fresh := func(s string) string { return strings.Clone(s) }
	same := func(a, b string) bool { return a == b && unsafe.StringData(a) == unsafe.StringData(b) }
	for i := range maxWords + 50 { // past the cache's bound
		v := fmt.Sprintf("亿元%d", i)
		x1, x2 := fresh(v), fresh(v)
		a, b, c := w1.get(x1), w2.get(x2), w1.get(fresh(v))
		if !same(a, b) || !same(a, c) || !same(a, in.get(fresh(v))) {
			t.Fatalf("%q: the caches give different copies", v)
		}
		if same(a, x1) || same(b, x2) {
			t.Fatalf("%q: a cache returned the string it was given, not a copy", v)
		}
	}
	if len(w1.m) != maxWords || w1.get("") != "" {
		t.Errorf("cache of %d entries, want %d", len(w1.m), maxWords)
	}
}
