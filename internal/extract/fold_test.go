package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// foldRunes is fold as first written, rune by rune through the builder:
// the reference the run-copying version must agree with.
func foldRunes(s string) folded {
	var b strings.Builder
	orig := make([]int32, 0, utf8.RuneCountInString(s))
	ri := int32(0)
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		if (c == '(' || c == '（') && i > 0 {
			if m, runes := pinyinAt(s[i:]); m > 0 {
				prev, _ := utf8.DecodeLastRuneInString(s[:i])
				if unicode.Is(unicode.Han, prev) {
					i += m
					ri += int32(runes)
					continue
				}
			}
		}
		if c >= utf8.RuneSelf {
			if r := hanzi.Rune(c); r != c {
				c = r
			} else if c >= 0xFF01 && c <= 0xFF5E && !strings.ContainsRune("，。！？；：（）“”、", c) {
				if c2 := c - 0xFEE0; c2 < 0x80 && (unicode.IsLetter(c2) || unicode.IsDigit(c2) || c2 == '%' || c2 == '.') {
					c = c2
				}
			}
		}
		b.WriteRune(c)
		orig = append(orig, ri)
		ri++
		i += n
	}
	return folded{text: b.String(), orig: orig}
}

func checkFold(t *testing.T, s string) {
	t.Helper()
	got, want := fold(s), foldRunes(s)
	if got.text != want.text || !slices.Equal(got.orig, want.orig) {
		t.Fatalf("fold(%q) = %q %v, want %q %v", s, got.text, got.orig, want.text, want.orig)
	}
}

func TestFoldAgrees(t *testing.T) {
	for _, s := range []string{"", "a", "中國(guó)銀行", "中国（zhōng）银行", "ＡＢＣ１２３％．，。", "坏\xff字节\xe4\xb8", "\xef\xbf\xbd\xff",
		"工商銀行發放貸款100億元", "(guó)", "x(guó)", "😀銀"} {
		checkFold(t, s)
	}
}

func FuzzFold(f *testing.F) {
	f.Add("中國(guó)銀行ＡＢＣ\xff")
	f.Add("銀行（háng）發放１００億元")
	f.Fuzz(checkFold)
}

func checkSlicer(t *testing.T, s string, cuts []byte) {
	t.Helper()
	runes := []rune(s)
	x := runeSlicer{s: s}
	for k := 0; k+1 < len(cuts); k += 2 {
		a, b := int(cuts[k])%(len(runes)+1), int(cuts[k+1])%(len(runes)+1)
		if a > b {
			a, b = b, a
		}
		if got, want := x.slice(a, b), string(runes[a:b]); got != want {
			t.Fatalf("slice(%d, %d) of %q = %q, want %q", a, b, s, got, want)
		}
	}
}

func TestRuneSlicerAgrees(t *testing.T) {
	cuts := []byte{3, 7, 0, 2, 9, 12, 1, 1, 0, 40, 5, 6}
	for _, s := range []string{"", "abc", "工行发放贷款100亿元，同比增长5%。", "😀工\u00e9行x", "坏\xff字节\xe4\xb8工行"} {
		checkSlicer(t, s, cuts)
	}
}

func FuzzRuneSlicer(f *testing.F) {
	f.Add("工行发放贷款100亿元😀\u00e9", []byte{3, 7, 0, 2, 9, 12})
	f.Add("坏\xff字节\xe4\xb8", []byte{1, 4, 0, 6})
	f.Fuzz(checkSlicer)
}
