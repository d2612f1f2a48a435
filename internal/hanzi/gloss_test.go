package hanzi

import "testing"

func TestGloss(t *testing.T) {
	for _, c := range []struct {
		s        string
		i        int
		n, runes int
	}{
		{"中國(guó)人", len("中國"), len("(guó)"), 5},
		{"中國（guó）人", len("中國"), len("（guó）"), 5},
		{"綠(lü)", len("綠"), len("(lü)"), 4},
		{"(guó)", 0, 0, 0},             // nothing before it
		{"AB(guó)", 2, 0, 0},           // not after a Chinese character
		{"中國(guo)", len("中國"), 0, 0},   // no tone mark
		{"中國(IELTS)", len("中國"), 0, 0}, // capitals
		{"中國(guó", len("中國"), 0, 0},    // not closed
		{"中國(zhuàngzzz)", len("中國"), 0, 0},
		{"中國(zhuàngzz)", len("中國"), len("(zhuàngzz)"), 10},
		{"中國guó", len("中國"), 0, 0}, // no bracket at i
	} {
		if n, runes := Gloss(c.s, c.i); n != c.n || runes != c.runes {
			t.Errorf("Gloss(%q, %d) = %d, %d; want %d, %d", c.s, c.i, n, runes, c.n, c.runes)
		}
	}
}
