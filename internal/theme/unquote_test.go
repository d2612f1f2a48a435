package theme

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
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

// TestUnquoteSpansAgrees: unquoteSpans, which writes into the scratch's
// buffer from call to call, returns unquote's text each time, with the
// sentences' bounds moved by the marks cut before them.
func TestUnquoteSpansAgrees(t *testing.T) {
	sc := new(scratch)
	texts := []string{"不再“全免费”。“减费”让利", "无引号。", "「适老」『助老』‘单’\"双\"。长一些的文字“在后面”", "短“x”", "\"\"\"", ""}
	for round := 0; round < 3; round++ {
		for _, text := range texts {
			half := len(text) / 2
			for half < len(text) && !utf8.RuneStart(text[half]) {
				half++
			}
			spans := [][2]int{{0, half}, {half, len(text)}}
			u, ok := unquoteSpans(text, spans, sc)
			if want := unquote(text); !ok || u != want {
				t.Fatalf("unquoteSpans(%q) = %q, %v; want %q", text, u, ok, want)
			}
			if mid := unquote(text[:spans[0][1]]); sc.bounds[1] != len(mid) || sc.bounds[2] != len(mid) || sc.bounds[3] != len(u) {
				t.Fatalf("unquoteSpans(%q) bounds %v, want the middle at %d", text, sc.bounds, len(mid))
			}
		}
	}
}

// TestArticleScratchReused: an article's counters and title themes, kept
// in the scratch, do not carry over to the next article.
func TestArticleScratchReused(t *testing.T) {
	tax := Default()
	a := []string{"该行开展反诈宣传活动。", "为老年客户提供适老化服务。", "普及金融知识。"}
	b := []string{"今天天气很好。"}
	th1, per1 := tax.Article("适老化服务", a)
	th2, _ := tax.Article("", b)
	if len(th1) == 0 || len(th2) != 0 {
		t.Fatalf("themes %v then %v: want some, then none", th1, th2)
	}
	th3, per3 := tax.Article("适老化服务", a)
	if !reflect.DeepEqual(th1, th3) || !reflect.DeepEqual(per1, per3) {
		t.Fatalf("the same article twice: %v %v, then %v %v", th1, per1, th3, per3)
	}
}
