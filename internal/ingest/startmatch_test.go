package ingest

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestStartMatcherAgrees checks the split matcher against the single
// regexp ^(?:alt|alt|…) on every line of the shared articles (and every
// suffix of their first 40 bytes, so that lines start with all sorts of
// runes) and on lines written for each alternative.
func TestStartMatcherAgrees(t *testing.T) {
	whole := regexp.MustCompile(`^(?:` + strings.Join(boilerStartAlts, "|") + `)`)
	if m := reBoilerStart; m.anyFirst&m.anyLast != 0 {
		t.Fatalf("alternatives %b are tried on every line: neither their first nor their last runes are known", m.anyFirst&m.anyLast)
	}
	lines := []string{"", " ", "欢迎访问本站", "您好，欢迎", "TOP", "搜索：", "（相关资料图片）", "图片来源：新华社", "分享",
		"标签：普惠金融", "Tags: bank", "tag：x", "【上一篇】", "下一页", "举报", "热线电话：12345", "010-12345678",
		"原标题：某银行", "【编辑】", "首 页", "放大 缩小", "中 小", "(完)", "（编辑 张三）", "end", "本文来源：",
		"www.example.com/a?b=1", "资料图：", "专题：", "点赞", "共 3 页", "1/3", "abc_1 2", "[!--news.title--]",
		"长三角政商 >", "长三角政商 ＞", "首页 ＞", "新闻 »", "新闻 » ", "某银行推出新举措。", "\xff坏字节 >", "\xe4\xb8", "»", ">"}
	for _, f := range sharedFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			lines = append(lines, l, strings.TrimSpace(l))
			for i := 1; i < len(l) && i < 40; i++ {
				lines = append(lines, l[i:])
			}
		}
	}
	matched := 0
	for _, l := range lines {
		want := whole.MatchString(l)
		if got := reBoilerStart.MatchString(l); got != want {
			t.Errorf("%q: split matcher says %v, the regexp %v", l, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < 30 {
		t.Errorf("only %d of %d lines matched: the test lines no longer exercise the alternatives", matched, len(lines))
	}
}

// otherStartAlts exercise what boilerStartAlts do not: case folding,
// alternatives that match the empty string, any character.
var otherStartAlts = []string{`(?i)tags?:|ſk`, `x*`, `.*y$`, `a|b$`, `(?:c.)?d$`, `[^a-z]{2}$`}

// startMatcherPairs are split matchers and their single regexps.
var startMatcherPairs = func() (out []struct {
	split *startMatcher
	whole *regexp.Regexp
}) {
	for _, alts := range [][]string{boilerStartAlts, otherStartAlts, otherStartAlts[:1], otherStartAlts[2:]} {
		out = append(out, struct {
			split *startMatcher
			whole *regexp.Regexp
		}{newStartMatcher(alts), regexp.MustCompile(`^(?:` + strings.Join(alts, "|") + `)`)})
	}
	return out
}()

func checkStartMatcher(t *testing.T, s string) {
	t.Helper()
	for _, p := range startMatcherPairs {
		if got, want := p.split.MatchString(s), p.whole.MatchString(s); got != want {
			t.Fatalf("%v on %q: split matcher says %v, the regexp %v", p.whole, s, got, want)
		}
	}
}

func TestStartMatcherOtherPatterns(t *testing.T) {
	for _, s := range []string{"", "x", "y", "TAGS:", "Tag:", "ta\u212Ag:", "\u017F\u212A", "SK", "ab", "b", "cd", "c\nd", "d", "12", "中文", "a\xff"} {
		checkStartMatcher(t, s)
	}
}

func FuzzStartMatcher(f *testing.F) {
	for _, s := range []string{"", "TOP", "长三角政商 >", "共 3 页", "Tags: x", "【编辑】", "\xff>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkStartMatcher(t, s) })
}
