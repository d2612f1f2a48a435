package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// unfolded returns the number of runes of s and whether fold leaves s as
// it is: valid UTF-8 without traditional characters, full-width letters,
// digits or signs that fold, or inline pinyin (foldInto's tests). It is
// the check Extract made in a pass of its own before splitInto made it
// (see folds): a reference of the differential tests.
func unfolded(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); n++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '(' {
				if m, _ := hanzi.Gloss(s, i); m > 0 {
					return 0, false
				}
			}
			i++
			continue
		}
		var r rune
		size := 3
		if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		} else if r, size = utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && size == 1 {
			return 0, false
		}
		if hanzi.Rune(r) != r {
			return 0, false
		}
		if r == '（' {
			if m, _ := hanzi.Gloss(s, i); m > 0 {
				return 0, false
			}
		} else if r >= 0xFF01 && r <= 0xFF5E && !strings.ContainsRune("，。！？；：（）“”、", r) {
			if c2 := r - 0xFEE0; c2 < 0x80 && (unicode.IsLetter(c2) || unicode.IsDigit(c2) || c2 == '%' || c2 == '.') {
				return 0, false
			}
		}
		i += size
	}
	return n, true
}

// checkUnfolded compares unfolded with foldInto, which writes nothing of
// its own exactly when it leaves the text as it is (then the text is s,
// each rune maps to itself and at holds the runes' byte offsets), and with
// splitInto checking, which must give up exactly where unfolded says no
// and else split as split does.
func checkUnfolded(t *testing.T, s string) {
	t.Helper()
	n, ok := unfolded(s)
	f := fold(s)
	same := f.text == s && f.valid && len(f.orig) == f.runes
	for k := 0; same && k < len(f.orig); k++ {
		same = f.orig[k] == int32(k)
	}
	if ok != same {
		t.Fatalf("unfolded(%q) = %v, fold makes %q %v", s, ok, f.text, f.orig)
	}
	// splitInto with check set gives up where unfolded says no.
	sents, paras, _, runes, same := splitInto(s, nil, nil, true, plainClasses, nil)
	if same != ok {
		t.Fatalf("splitInto(%q) checking says same = %v, unfolded %v", s, same, ok)
	}
	if ok {
		ws, wp := split(f.text)
		if runes != n || !slices.Equal(sents, ws) || !slices.Equal(paras, wp) {
			t.Fatalf("splitInto(%q) checking: %d runes %v %v, want %d %v %v", s, runes, sents, paras, n, ws, wp)
		}
	}
	if !ok {
		return
	}
	if n != f.runes || n != utf8.RuneCountInString(s) {
		t.Fatalf("unfolded(%q) counts %d runes, fold %d", s, n, f.runes)
	}
	k := 0
	for i := range s {
		if f.at[k] != int32(i) {
			t.Fatalf("fold(%q): rune %d at byte %d, not %d", s, k, f.at[k], i)
		}
		k++
	}
}

func TestUnfoldedAgrees(t *testing.T) {
	for _, s := range []string{"", "abc", "工行发放贷款100亿元，同比增长5%。", "中國銀行", "中国(guó)银行", "中国（guó）银行", "手机银行(app)上线",
		"ＡＢＣ１２３", "（一）活动主题", "，。！？；：", "％", "．", "＄", "坏\xff字节", "\xe4\xb8", "😀工\u00e9行x", "(guó)开头", "a(guó)"} {
		checkUnfolded(t, s)
	}
	for _, a := range corpusSample(t, 300) {
		checkUnfolded(t, a.Body)
	}
}

func FuzzUnfolded(f *testing.F) {
	f.Add("工行发放贷款100亿元，同比增长5%。")
	f.Add("中國(guó)銀行ＡＢＣ１２３（一）＄坏\xff")
	f.Fuzz(checkUnfolded)
}
