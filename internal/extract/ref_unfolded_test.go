package extract

import (
	"testing"
	"unicode/utf8"
)

// checkUnfolded compares unfolded with foldInto, which writes nothing of
// its own exactly when it leaves the text as it is: then the text is s,
// each rune maps to itself and at holds the runes' byte offsets.
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
