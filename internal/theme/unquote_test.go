package theme

import (
	"strings"
	"testing"
)

// unquoteMapped is unquote as first written, rune by rune: the reference
// the byte-cutting version must agree with.
func unquoteMapped(s string) string {
	if !hasQuote(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(quoteMarks, r) {
			return -1
		}
		return r
	}, s)
}

func TestUnquoteAgrees(t *testing.T) {
	for _, s := range []string{"", "不再“全免费”", "“减费”让利", "「适老」『助老』‘单’\"双\"", "无引号", "“坏\xff字节”", "\xe2\x80", "“\xe2\x80", "—…–‐"} {
		if got, want := unquote(s), unquoteMapped(s); got != want {
			t.Errorf("unquote(%q) = %q, want %q", s, got, want)
		}
	}
	if got := unquote("不再“全免费”"); got != "不再全免费" {
		t.Errorf("unquote kept the marks: %q", got)
	}
}

func FuzzUnquote(f *testing.F) {
	f.Add("“减费”让利「适老」\xff\"")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := unquote(s), unquoteMapped(s); got != want {
			t.Fatalf("unquote(%q) = %q, want %q", s, got, want)
		}
	})
}
