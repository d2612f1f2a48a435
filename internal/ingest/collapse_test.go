package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
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
		"坏\xff字节\xe4\xb8", "\xe4\xb8 ", "“引号”…　全角空格", "\ufffd\xef\xbf", "𠀀 emoji 😀", "\r\n\v\f",
		"中文中文中文  中文", "中文中文中\u3000中文中文", "中文中文中文\xe4\xb8中文中文", "中文中文中文中文\u00a0 x"} {
		for _, prefix := range []string{"", "x", "x "} {
			checkCollapsed(t, prefix, s)
		}
	}
}

func FuzzAppendCollapsed(f *testing.F) {
	f.Add("", "中国 \u3000银行\xff")
	f.Add("x ", "\u00a0\u2002a\xe4\xb8")
	f.Add("", "中国人民银行中国人民银行 \u3000abcdefgh ijklmnopq\tr中国人民\xe4\xb8银行")
	f.Add("a", "abcdefgh\x01abcdefgh\x7fabcdef\u00a0")
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

// hasInvisibleBytes is hasInvisible as first written, byte by byte.
func hasInvisibleBytes(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case 0xC2:
			if s[i+1] == 0xAD {
				return true
			}
		case 0xE2:
			if i+2 < len(s) && ((s[i+1] == 0x80 && s[i+2] >= 0x8B && s[i+2] <= 0x8D) || (s[i+1] == 0x81 && s[i+2] == 0xA0)) {
				return true
			}
		case 0xEF:
			if i+2 < len(s) && s[i+1] == 0xBB && s[i+2] == 0xBF {
				return true
			}
		}
	}
	return false
}

// simpleSpacesDecoded is simpleSpaces as first written, decoding the rune
// at each lead byte.
func simpleSpacesDecoded(s string) bool {
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xC2 || c == 0xE3 || c == 0xE2:
			if r, _ := utf8.DecodeRuneInString(s[i:]); c >= 0x80 && !isSpace(r) {
				prevSpace = false
				continue
			}
			return false
		}
		prevSpace = false
	}
	return true
}

func checkSpaceScans(t *testing.T, s string) {
	t.Helper()
	if got, want := hasInvisible(s), hasInvisibleBytes(s); got != want {
		t.Fatalf("hasInvisible(%q) = %v, want %v", s, got, want)
	}
	if got, want := simpleSpaces(s), simpleSpacesDecoded(s); got != want {
		t.Fatalf("simpleSpaces(%q) = %v, want %v", s, got, want)
	}
}

func TestSpaceScansAgree(t *testing.T) {
	marks := []string{"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00a0", "\u3000", "\u2002", "\u2003", "\u2009", "\u202f",
		"“", "。", "，", " ", "  ", "\t", "\xc2", "\xe2\x80", "\xef\xbb", "\xe3\x80"}
	pad := "工商银行发放贷款abc"
	for _, m := range marks {
		for k := 0; k < 12; k++ {
			s := pad[:k] + m
			checkSpaceScans(t, s)
			checkSpaceScans(t, s+pad)
			checkSpaceScans(t, pad+s)
		}
	}
}

func FuzzSpaceScans(f *testing.F) {
	f.Add("工商银行\u200b发放\u3000贷款\u00a0")
	f.Add("abcdefg\xef\xbb\xbfhij  ")
	f.Fuzz(checkSpaceScans)
}

// countNavWordsEach is countNavWords as first written, one search per word.
func countNavWordsEach(s string) int {
	n := 0
	for _, w := range navWords {
		if strings.Contains(s, w) {
			n++
		}
	}
	return n
}

func TestCountNavWordsAgrees(t *testing.T) {
	for _, s := range []string{"", "关于我们 | 联系我们 | 网站地图", "投稿投稿客服", "\xe5投稿\xff关于我们关于我们", "某银行开展反诈宣传", "帮助中心友情链接网站导航会员中心"} {
		if got, want := countNavWords(s), countNavWordsEach(s); got != want {
			t.Errorf("countNavWords(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzCountNavWords(f *testing.F) {
	f.Add("关于我们 | 联系我们\xff投稿")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countNavWords(s), countNavWordsEach(s); got != want {
			t.Fatalf("countNavWords(%q) = %d, want %d", s, got, want)
		}
	})
}
