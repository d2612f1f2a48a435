package hanzi

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSimplify(t *testing.T) {
	cases := map[string]string{
		"綠色貸款餘額達34.76萬億元": "绿色贷款余额达34.76万亿元",
		"中國農業發展銀行":        "中国农业发展银行",
		"广发银行约27亿元":       "广发银行约27亿元", // already simplified
		"":                "",
	}
	for in, want := range cases {
		got := Simplify(in)
		if got != want {
			t.Errorf("Simplify(%q) = %q, want %q", in, got, want)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(in) {
			t.Errorf("Simplify(%q) changed the rune count", in)
		}
	}
}

func TestSimplifyNoAllocWhenUnchanged(t *testing.T) {
	s := "全年全行面向小微企业和个人客户减免手续费、管理费等合计约27亿元"
	if n := testing.AllocsPerRun(100, func() { _ = Simplify(s) }); n != 0 {
		t.Errorf("%v allocations for a simplified text", n)
	}
}

func TestRuneCountAsUTF8(t *testing.T) {
	for _, s := range []string{"", "abc", "广发银行约27亿元", "綠色貸款", "\xe4\xb8", "a\xffb", "\xef\xbc\x92\xef\xbc\x97", "𫝈x", "é中"} {
		if got, want := RuneCount(s), utf8.RuneCountInString(s); got != want {
			t.Errorf("RuneCount(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzRuneCount(f *testing.F) {
	f.Add("完成逾1500个办实事项目")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := RuneCount(s), utf8.RuneCountInString(s); got != want {
			t.Errorf("RuneCount(%q) = %d, want %d", s, got, want)
		}
	})
}

// TestRuneTable checks Rune on every rune of the Basic Multilingual Plane
// (and a few beyond) against the table file read plainly.
func TestRuneTable(t *testing.T) {
	want := map[rune]rune{}
	for _, line := range strings.Split(tsChars, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		tr, sr, ok := strings.Cut(line, "\t")
		// A character of the plane whose simplified form lies beyond it
		// (U+346E → U+2B748) has always been left as it is.
		if rs, ss := []rune(tr), []rune(sr); ok && len(rs) == 1 && len(ss) == 1 && (rs[0] >= 0x10000 || ss[0] < 0x10000) {
			want[rs[0]] = ss[0]
		}
	}
	if len(want) < 2000 {
		t.Fatalf("only %d single characters in the table", len(want))
	}
	for r := rune(-1); r <= 0x10FFFF; r++ {
		if r == 0x10000 {
			r = 0x20000 // the planes between hold no CJK
		}
		if r == 0x40000 {
			r = 0x10FFF0
		}
		w, ok := want[r]
		if !ok {
			w = r
		}
		if got := Rune(r); got != w {
			t.Fatalf("Rune(U+%04X) = U+%04X, want U+%04X", r, got, w)
		}
	}
	for tr, sr := range want {
		if got := Rune(tr); got != sr {
			t.Fatalf("Rune(U+%04X) = U+%04X, want U+%04X", tr, got, sr)
		}
	}
}

// TestByRune: words are indexed by their first and last runes, each list
// in the words' order.
func TestByRune(t *testing.T) {
	words := []string{"下降", "下调", "降", "压降", "", "\xff坏"}
	first, last := ByFirstRune(words), ByLastRune(words)
	if got := first['下']; len(got) != 2 || got[0] != "下降" || got[1] != "下调" {
		t.Errorf("ByFirstRune['下'] = %q", got)
	}
	if got := last['降']; len(got) != 3 || got[0] != "下降" || got[1] != "降" || got[2] != "压降" {
		t.Errorf("ByLastRune['降'] = %q", got)
	}
	if got := first[utf8.RuneError]; len(got) != 2 {
		t.Errorf("the empty word and the invalid byte go under RuneError: %q", got)
	}
}
