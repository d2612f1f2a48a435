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
		{"中國guó", len("中國"), 0, 0},                  // no bracket at i
		{"社會(huì ),", len("社會"), len("(huì )"), 6},  // padded (w0063)
		{"社會（ huì　）", len("社會"), len("（ huì　）"), 7}, // on both sides
		{"社會(zhuàngzz )", len("社會"), len("(zhuàngzz )"), 11},
		{"社會(huì  )", len("社會"), 0, 0}, // two spaces
		{"社會(hu ì)", len("社會"), 0, 0},  // a space inside
		{"社會( )", len("社會"), 0, 0},     // no letters
		{"中國(IELTS )", len("中國"), 0, 0},
	} {
		if n, runes := Gloss(c.s, c.i); n != c.n || runes != c.runes {
			t.Errorf("Gloss(%q, %d) = %d, %d; want %d, %d", c.s, c.i, n, runes, c.n, c.runes)
		}
	}
}
