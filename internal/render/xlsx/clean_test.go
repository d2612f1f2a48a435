package xlsx

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// cleanRef is clean as it was before isClean: the reference for the fast
// check.
func cleanRef(s string) string {
	ok := utf8.ValidString(s) && len(s) <= maxCellRunes
	if ok {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				ok = false
				break
			}
		}
		if ok && !strings.ContainsAny(s, "\uFFFE\uFFFF") {
			return s
		}
	}
	var sb strings.Builder
	n := 0
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			continue
		}
		if n++; n > maxCellRunes {
			break
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

var cleanCases = []string{
	"", "a", "广发银行约27亿元", "tab\there\nnew\rret", "\x00", "\x1f", "\x7f", "\uFFFE", "\uFFFF", "\uFFFD", "\uFFFC",
	"\xef\xbf", "\xef\xbf\xbe\xef\xbf\xbf", "\xff", "a\xffb", "\xed\xa0\x80", "\xe0\x80\x80", "\xe0\xa0\x80", "\xf0\x9f\x98\x80",
	"\xf4\x90\x80\x80", "\xc2\x80", "\xc0\xaf", "\u2028\u2029", "“引号”", strings.Repeat("银", maxCellRunes/3+1),
	strings.Repeat("a", maxCellRunes+1), strings.Repeat("银", maxCellRunes+1), "12345678\x01", "1234567\x0b",
}

func TestCleanMatchesReference(t *testing.T) {
	cases := append([]string(nil), cleanCases...)
	for b := 0; b < 256; b++ {
		for pos := 0; pos < 9; pos++ {
			cases = append(cases, strings.Repeat("a", pos)+string([]byte{byte(b)})+"bcdefghi", strings.Repeat("银", pos)+string([]byte{byte(b)})+"行")
		}
	}
	for _, s := range cases {
		if got, want := clean(s), cleanRef(s); got != want {
			t.Errorf("clean(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range cleanCases {
		if len(s) < 1000 {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := clean(s), cleanRef(s); got != want {
			t.Errorf("clean(%q) = %q, want %q", s, got, want)
		}
	})
}

// BenchmarkClean cleans text that needs no cleaning, as almost all does.
func BenchmarkClean(b *testing.B) {
	strs := []string{"中国工商银行", "/tmp/bankbrief-bench/corpus50000/g0000417.txt", "g0000129：郵儲銀行寧德市分行開展反假貨幣主題宣傳活動",
		"人民银行深圳市中心支行近日发布数据显示,截至2019年06月30日,辖内金融机…", "2022Q1"}
	n := 0
	for _, s := range strs {
		n += len(s)
	}
	b.SetBytes(int64(n))
	for i := 0; i < b.N; i++ {
		for _, s := range strs {
			clean(s)
		}
	}
}

func BenchmarkCleanRef(b *testing.B) {
	strs := []string{"中国工商银行", "/tmp/bankbrief-bench/corpus50000/g0000417.txt", "g0000129：郵儲銀行寧德市分行開展反假貨幣主題宣傳活動",
		"人民银行深圳市中心支行近日发布数据显示,截至2019年06月30日,辖内金融机…", "2022Q1"}
	for i := 0; i < b.N; i++ {
		for _, s := range strs {
			cleanRef(s)
		}
	}
}
