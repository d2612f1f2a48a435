package ingest

import (
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// The rune counts finish takes shortcuts for, against hanzi.RuneCount and
// the []rune conversion they replace.

var countSamples = []string{"", "a", "中", "中文", "\xff", "\xe4\xb8", "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", "abc中文\xffdef",
	strings.Repeat("中", 40), strings.Repeat("中", 41), strings.Repeat("a", 41), strings.Repeat("\U0001F600", 201),
	strings.Repeat("中", 267) + "ab", strings.Repeat("中", 300), strings.Repeat("\xe4\xb8", 500)}

func checkCounts(t *testing.T, s string) {
	t.Helper()
	n := hanzi.RuneCount(s)
	for _, k := range []int{0, 1, 2, 5, 10, 39, 40, 72, 99, 150, 200} {
		if got, want := runesAtMost(s, k), n <= k; got != want {
			t.Fatalf("runesAtMost(%q, %d) = %v, RuneCount says %d", s, k, got, n)
		}
		if n >= k {
			if got, want := leadRunes(s, k), string([]rune(s)[:k]); got != want {
				t.Fatalf("leadRunes(%q, %d) = %q, want %q", s, k, got, want)
			}
		}
	}
	// bodyLineRunes: the count, or over 200 runes a lower bound over 200.
	got := bodyLineRunes(s)
	if got != n && !(got > 200 && got <= n) {
		t.Fatalf("bodyLineRunes(%q) = %d, RuneCount says %d", s, got, n)
	}
}

func TestCountsAgree(t *testing.T) {
	for _, s := range append(countSamples, scanTexts(t)...) {
		checkCounts(t, s)
	}
}

func FuzzCounts(f *testing.F) {
	for _, s := range countSamples {
		f.Add(s)
	}
	f.Fuzz(checkCounts)
}

// hasMonthName rules out only lines reDateRFC and reDateUS match nothing in.
var monthSamples = []string{"", "Fri, 25 Mar 2022 14:14:13 GMT", "March 5, 2020", "25 march 2022", "5 ſep 2022", "ſEPT 5, 2022",
	"xſep 5, 2022", "SEP. 5, 2022", "Dec.,  2 2022", "APP GDP 2022", "1 DECEMBER 2022", "mAy 12 2022", "ma", "ſ", "\xc5", "Ja\xffn 1 2022"}

func checkMonthName(t *testing.T, s string) {
	t.Helper()
	if (reDateRFC.MatchString(s) || reDateUS.MatchString(s)) && !hasMonthName(s) {
		t.Fatalf("a month regexp matches %q, which hasMonthName rules out", s)
	}
}

func TestMonthNameAgrees(t *testing.T) {
	for _, s := range append(monthSamples, scanTexts(t)...) {
		checkMonthName(t, s)
	}
}

func FuzzMonthName(f *testing.F) {
	for _, s := range monthSamples {
		f.Add(s)
	}
	f.Fuzz(checkMonthName)
}

// hasMetaLabelEach is hasMetaLabel as first written, one search per label.
func hasMetaLabelEach(s string) bool {
	for _, l := range metaLabels {
		rest := s
		for {
			i := strings.Index(rest, l)
			if i < 0 {
				break
			}
			rest = rest[i+len(l):]
			t := strings.TrimLeft(rest, " \t\u3000")
			if t == "" || len(t) != len(rest) || strings.HasPrefix(t, ":") || strings.HasPrefix(t, "：") {
				return true
			}
		}
	}
	return false
}

var metaLabelSamples = []string{"", "发布时间：2022-01-01", "时间", "时间x", "时间 x", "时间\u3000：", "发布时间x时间:", "来源于", "来源于来源",
	"编辑部", "编辑部 编辑", "\xe4时间:", "日期\t", "稿源稿源x", "作者作者", "點擊", "发布者:某"}

func checkMetaLabel(t *testing.T, s string) {
	t.Helper()
	if got, want := hasMetaLabel(s), hasMetaLabelEach(s); got != want {
		t.Fatalf("hasMetaLabel(%q) = %v, the search label by label says %v", s, got, want)
	}
}

func TestMetaLabelAgrees(t *testing.T) {
	for _, s := range append(metaLabelSamples, scanTexts(t)...) {
		checkMetaLabel(t, s)
	}
}

func FuzzMetaLabel(f *testing.F) {
	for _, s := range metaLabelSamples {
		f.Add(s)
	}
	f.Fuzz(checkMetaLabel)
}
