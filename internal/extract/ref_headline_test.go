package extract

import (
	"strings"
	"testing"
	"unicode"
)

// refRepeatsHeadline is the two tests Extract made as they were: the body
// holds the trimmed headline (headlineCounts), or both texts copied without
// their spaces (strings.Map, which writes invalid bytes as U+FFFD) do.
func refRepeatsHeadline(body, title string) bool {
	if t := strings.TrimSpace(title); t != "" && strings.Contains(body, t) {
		return true
	}
	noSpace := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	t := noSpace(title)
	return t != "" && strings.Contains(noSpace(body), t)
}

func checkRepeatsHeadline(t *testing.T, body, title string) {
	t.Helper()
	if got, want := repeatsHeadline(body, title), refRepeatsHeadline(body, title); got != want {
		t.Fatalf("repeatsHeadline(%q, %q) = %v, the reference %v", body, title, got, want)
	}
}

func TestRepeatsHeadlineAgrees(t *testing.T) {
	bodies := []string{"", " ", "工行发放贷款3亿元", "工行发放\n贷款 3亿元。其他", "工工行发放贷款3亿", "坏\xff字节工行\xe4\xb8", "工行\ufffd字节", "工 行 发 放"}
	titles := []string{"", " \n", "工行发放贷款3亿元", "工行 发放贷款", "\xff字节", "\ufffd字节", "行发放", "工行发放贷款3亿元。", "工", " 工 "}
	for _, b := range bodies {
		for _, h := range titles {
			checkRepeatsHeadline(t, b, h)
		}
	}
}

func FuzzRepeatsHeadline(f *testing.F) {
	f.Add("工行发放\n贷款 3亿元。其他", "工行发放贷款3亿元")
	f.Add("坏\xff字节工行\xe4\xb8", "\xff字节")
	f.Fuzz(checkRepeatsHeadline)
}
