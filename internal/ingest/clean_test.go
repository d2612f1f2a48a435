package ingest

import "testing"

// A short line that names a site feature is boilerplate, unless it is a
// sentence of the article reporting figures.
func TestFiguresKeptBesideSiteWords(t *testing.T) {
	for s, want := range map[string]bool{
		"关注微信公众号":  true,
		"扫码关注官方微信": true,
		"通过微信公众号推送反诈文章3条，发放宣传折页200份左右。": false,
		"活动期间官方微博发布信息12条；":              false,
	} {
		if got := isBoilerplate(s); got != want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", s, got, want)
		}
	}
}

// sentenceEndRunes is sentenceEnd as first written, rune by rune: the
// reference of the byte scan.
func sentenceEndRunes(s string) int {
	depth, first := 0, -1
	for i, r := range s {
		switch r {
		case '“', '「', '『', '‘':
			depth++
		case '”', '」', '』', '’':
			if depth > 0 {
				depth--
			}
		case '。', '！', '？', '!', '?':
			if first < 0 {
				first = i
			}
			if depth == 0 {
				return i
			}
		}
	}
	return first
}

var sentenceEndSamples = []string{"", "。", "中国银行。", "他说：“好。”然后走了。", "「甲。」乙！", "『甲？』", "‘a!’b?", "“未完。", "“”。",
	"中国人民银行中国人民银行宣布。", "中国人民银行中国人民\xe3\x80银行！", "\xef\xbc", "\xe2\x80\x9c中国人民银行中国人民银行。\xe2\x80\x9d。", "中\xe3\x80\x82", "abc?def", "中文中文中文中文？"}

func checkSentenceEnd(t *testing.T, s string) {
	t.Helper()
	if got, want := sentenceEnd(s), sentenceEndRunes(s); got != want {
		t.Fatalf("sentenceEnd(%q) = %d, the rune reading %d", s, got, want)
	}
}

func TestSentenceEndAgrees(t *testing.T) {
	for _, s := range append(sentenceEndSamples, scanTexts(t)...) {
		checkSentenceEnd(t, s)
	}
}

func FuzzSentenceEnd(f *testing.F) {
	for _, s := range sentenceEndSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkSentenceEnd(t, s) })
}
