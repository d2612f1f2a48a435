package extract

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

func checkByteOffset(t *testing.T, s string, r int) {
	t.Helper()
	// the reference: byteOffset as it was, a range loop, which is what
	// hanzi.RuneIndex is
	if got, want := byteOffset(s, r), hanzi.RuneIndex(s, r); got != want {
		t.Fatalf("byteOffset(%q, %d) = %d, the reference %d", s, r, got, want)
	}
}

func TestByteOffsetAgrees(t *testing.T) {
	for _, s := range []string{"", "a", "工行", "工a行😀x\u00e9", "坏\xff字节\xe4\xb8", "\xe4\xb8", "\xed\xa0\x80工", "\xe0\xa0\x80\xef\xbf\xbd"} {
		for r := -2; r <= len(s)+2; r++ {
			checkByteOffset(t, s, r)
		}
	}
}

func FuzzByteOffset(f *testing.F) {
	f.Add("工a行😀x\u00e9坏\xff字节\xe4\xb8", 5)
	f.Add("\xed\xa0\x80工", 1)
	f.Fuzz(checkByteOffset)
}

// checkCursor asks an offsetCursor for the rune offsets rs in turn and
// compares each answer with byteOffset's.
func checkCursor(t *testing.T, s string, rs []int) {
	t.Helper()
	c := offsetCursor{s: s}
	for _, r := range rs {
		if got, want := c.at(r), byteOffset(s, r); got != want {
			t.Fatalf("offsetCursor{%q}.at(%d) after %v = %d, byteOffset %d", s, r, rs, got, want)
		}
	}
}

func TestOffsetCursor(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	for _, s := range []string{"", "a", "工行", "工a行😀x\u00e9", "坏\xff字节\xe4\xb8", "\xe4\xb8", "\xed\xa0\x80工", "存款余额3.5亿元，同比增长12%"} {
		for range 200 {
			rs := make([]int, rnd.Intn(6))
			for k := range rs {
				rs[k] = rnd.Intn(len(s)+4) - 2
			}
			if rnd.Intn(2) == 0 {
				slices.Sort(rs) // in order, as a sentence's metrics come
			}
			checkCursor(t, s, rs)
		}
	}
}

func FuzzOffsetCursor(f *testing.F) {
	f.Add("工a行😀x\u00e9坏\xff字节\xe4\xb8", 2, 5, 1)
	f.Add("存款余额3.5亿元，同比增长12%", 4, 9, 30)
	f.Fuzz(func(t *testing.T, s string, a, b, c int) { checkCursor(t, s, []int{a, b, c}) })
}
