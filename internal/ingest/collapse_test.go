package ingest

import (
	"strings"
	"testing"
)

// appendCollapsedRunes is appendCollapsed as first written, rune by rune:
// the reference the run-copying version must agree with.
func appendCollapsedRunes(b *strings.Builder, s string) {
	space := b.Len() > 0 && lastIsSpace(b)
	for _, r := range s {
		if isSpace(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
}

func checkCollapsed(t *testing.T, prefix, s string) {
	t.Helper()
	var got, want strings.Builder
	got.WriteString(prefix)
	want.WriteString(prefix)
	appendCollapsed(&got, s)
	appendCollapsedRunes(&want, s)
	if got.String() != want.String() {
		t.Fatalf("appendCollapsed(%q, %q) = %q, want %q", prefix, s, got.String(), want.String())
	}
}

func TestAppendCollapsedAgrees(t *testing.T) {
	for _, s := range []string{"", " ", "a  b", "\t中国\u3000\u3000银行 ", "\u00a0x\u2002\u2003\u2009\u202fy",
		"坏\xff字节\xe4\xb8", "\xe4\xb8 ", "“引号”…　全角空格", "\ufffd\xef\xbf", "𠀀 emoji 😀", "\r\n\v\f"} {
		for _, prefix := range []string{"", "x", "x "} {
			checkCollapsed(t, prefix, s)
		}
	}
}

func FuzzAppendCollapsed(f *testing.F) {
	f.Add("", "中国 \u3000银行\xff")
	f.Add("x ", "\u00a0\u2002a\xe4\xb8")
	f.Fuzz(func(t *testing.T, prefix, s string) { checkCollapsed(t, prefix, s) })
}

// blankMapped is the whitespace-only test blank replaced: every space and
// byte-order mark made ' ', then the text trimmed.
func blankMapped(text string) bool {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if isSpace(r) || r == '\uFEFF' {
			return ' '
		}
		return r
	}, text)) == ""
}

func TestBlankAgrees(t *testing.T) {
	for _, s := range []string{"", " ", "\ufeff\u3000\t\r\n", "\u2028\u0085\u1680", "\xff", " \xef\xbf\xbd", "\u200b", " 中 ", "\ufeffx"} {
		if got, want := blank(s), blankMapped(s); got != want {
			t.Errorf("blank(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzBlank(f *testing.F) {
	f.Add("\ufeff \u3000\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := blank(s), blankMapped(s); got != want {
			t.Fatalf("blank(%q) = %v, want %v", s, got, want)
		}
	})
}
