package extract

import (
	"testing"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/bank"
	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/metric"
)

// splitInto tested each rune with these three conditions until it looked
// its class up in runeClasses (classOf beyond U+10000): the reference.
func refMayFold(c rune) bool {
	return c == '(' || c >= utf8.RuneSelf && (hanzi.Rune(c) != c || c >= 0xFF01 && c <= 0xFF5E || c == utf8.RuneError)
}

// TestRuneClasses compares the class splitInto reads of every rune with
// the conditions it tested.
func TestRuneClasses(t *testing.T) {
	counts := [3]int{}
	for c := rune(0); c <= utf8.MaxRune; c++ {
		var class uint8
		if uint32(c) < 0x10000 {
			class = runeClasses[c]
		} else {
			class = classOf(c)
		}
		for k, want := range []bool{refMayFold(c), !metric.Silent(c), sentenceEnd(c)} {
			if got := class&(1<<k) != 0; got != want {
				t.Fatalf("rune %U: class bit %d is %v, the condition %v", c, k, got, want)
			}
			if want {
				counts[k]++
			}
		}
	}
	// 體 folds, 三 may start a number, 。 ends a sentence; 中 is none.
	if runeClasses['體']&mayFold == 0 || runeClasses['三']&figure == 0 || runeClasses['。']&stop == 0 || runeClasses['中'] != 0 {
		t.Errorf("classes of 體 三 。 中: %b %b %b %b", runeClasses['體'], runeClasses['三'], runeClasses['。'], runeClasses['中'])
	}
	t.Logf("runes that may fold, start a number, end a sentence: %v", counts)
}

// TestClassTable compares the classes a table made from the default
// registry gives every rune with classOf and bank.EndRunes.Has, which
// splitInto tested apart.
func TestClassTable(t *testing.T) {
	ends := bank.Default().EndRunes()
	ct, n := newClassTable(ends), 0
	for c := rune(0); c <= utf8.MaxRune; c++ {
		got := ct.of(c)
		if got&^bankEnd != classOf(c) || (got&bankEnd != 0) != ends.Has(c) {
			t.Fatalf("rune %U: class %b, want %b and bank end %v", c, got, classOf(c), ends.Has(c))
		}
		if c < 0x10000 && got&bankEnd != 0 {
			n++
		}
	}
	if ct.of('行')&bankEnd == 0 || n == 0 {
		t.Errorf("行 (%b) is not a bank name's end; %d runes are", ct.of('行'), n)
	}
}
