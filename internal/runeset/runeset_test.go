package runeset

import (
	"testing"
	"unicode/utf8"
)

// TestSet checks Has against a map over every rune of the Basic
// Multilingual Plane and past it, for a set with runes at both ends of
// each word of the bitmap.
func TestSet(t *testing.T) {
	in := "\x00?@AZaz银行業\u3000\uFFFD\uFFFF"
	s := Of(in)
	want := map[rune]bool{}
	for _, c := range in {
		want[c] = true
	}
	for c := rune(-2); c <= 0x10002; c++ {
		if got := s.Has(c); got != want[c] {
			t.Errorf("Has(%U) = %v, want %v", c, got, want[c])
		}
	}
	if s.Has(utf8.MaxRune) || s.Has(-1) {
		t.Error("Has holds a rune that no set can")
	}
}

func TestAddBeyondPanics(t *testing.T) {
	for _, c := range []rune{0x10000, utf8.MaxRune, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Add(%U) did not panic", c)
				}
			}()
			var s Set
			s.Add(c)
		}()
	}
}
