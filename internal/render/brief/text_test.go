package brief

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// monoWidth measures every rune as 1 and an ASCII rune as 0.5, like a CJK
// font with half-width Latin.
func monoWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

// Sentences from the sample articles (testdata/seeds).
var wrapCases = []string{
	"截至目前，广发银行各级党委已对照清单完成逾1500个办实事项目。", // 000
	"提升客户服务体验，持续推进减费让利，全年全行面向小微企业和个人客户减免手续费、管理费等合计约27亿元；上线手机银行理财产品、基金、保险的收益明细等功能，优化RCS系统核销贷款还款顺序。", // 000
	"桂东农商银行加强党对基层治理的全面领导，组织工作人员通过开展“走基层、结对子、听心声、解难题”调研，发放189份调查问卷。",                                // 001
	"经过不断的创新实践与经验积累,该行在140余家网点设立“新·深圳·人-工行驿站”,汇聚起政务服务、产业文化、公益服务和民生服务等生态场景。",                        // 002
	"组织各类活动近 2 万次, 参与网点 1万余个, 参与客户数以千万计。",                                                          // 003
	"Inclusive finance / small business (2 articles, 40%) and CNY 2.35 bn in 2022Q1.",
}

func TestWrapRules(t *testing.T) {
	for _, s := range wrapCases {
		for width := 4.0; width <= 40; width++ {
			lines := wrap(s, width, monoWidth)
			// No character lost: the lines joined give the text back,
			// spaces at the breaks aside.
			if got, want := strings.ReplaceAll(strings.Join(lines, ""), " ", ""), strings.ReplaceAll(s, " ", ""); got != want {
				t.Fatalf("width %v: characters lost\n got %s\nwant %s", width, got, want)
			}
			for i, l := range lines {
				if l == "" {
					t.Errorf("width %v: empty line %d in %q", width, i, lines)
				}
				if monoWidth(l) > width && utf8.RuneCountInString(l) > 2 {
					t.Errorf("width %v: line %q is %v wide", width, l, monoWidth(l))
				}
				if i > 0 && strings.ContainsRune(noStart, firstRune(l)) {
					t.Errorf("width %v: line starts with %q: %q", width, string(firstRune(l)), lines)
				}
				if i < len(lines)-1 && strings.ContainsRune(noEnd, lastRune(l)) {
					t.Errorf("width %v: line ends with %q: %q", width, string(lastRune(l)), lines)
				}
			}
		}
	}
}

func TestWrapKeepsNumbersWhole(t *testing.T) {
	s := "截至目前，广发银行各级党委已对照清单完成逾1500个办实事项目。"
	for width := 8.0; width <= 30; width++ {
		for _, l := range wrap(s, width, monoWidth) {
			if strings.Contains(l, "15") && !strings.Contains(l, "1500") {
				t.Errorf("width %v: number 1500 split: %q", width, wrap(s, width, monoWidth))
			}
		}
	}
	lines := wrap("Inclusive finance / small business", 10, monoWidth)
	for _, l := range lines {
		for _, w := range strings.Fields(l) {
			if !strings.Contains("Inclusive finance / small business", w) || (w != "Inclusive" && w != "finance" && w != "/" && w != "small" && w != "business") {
				t.Errorf("word broken: %q in %q", w, lines)
			}
		}
	}
}

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		s     string
		width float64
		want  string
	}{
		{"中国工商银行", 6, "中国工商银行"},
		{"消费者权益保护与投诉治理", 6, "消费者权益…"},
		{"消费者权益保护与投诉治理", 1, "…"},
	} {
		if got := truncate(c.s, c.width, monoWidth); got != c.want {
			t.Errorf("truncate(%q, %v) = %q, want %q", c.s, c.width, got, c.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	s := wrapCases[1]
	got := excerpt(s, "约27亿元", 40)
	if !strings.Contains(got, "约27亿元") || utf8.RuneCountInString(got) > 42 {
		t.Errorf("excerpt lost the figure or is too long: %q", got)
	}
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Errorf("cuts not marked with an ellipsis: %q", got)
	}
	// The cuts keep numbers whole.
	for max := 10; max < 60; max++ {
		got := excerpt(wrapCases[1], "约27亿元", max)
		if strings.Contains(got, "RC") && !strings.Contains(got, "RCS") || strings.Contains(got, "9550") && !strings.Contains(got, "95508") {
			t.Errorf("excerpt(max %d) cut a word: %q", max, got)
		}
	}
	if short := excerpt(wrapCases[0], "逾1500个", 90); short != wrapCases[0] {
		t.Errorf("a short sentence was changed: %q", short)
	}
}

func TestMoneyAndPeriod(t *testing.T) {
	for _, c := range []struct {
		v      float64
		zh, en string
	}{
		{2.7e9, "27亿元", "CNY 2.7 bn"},
		{1.45e8, "1.45亿元", "CNY 145 m"},
		{3.5e6, "350万元", "CNY 3.5 m"},
		{2.346e9, "23.5亿元", "CNY 2.35 bn"},
		{2.4415e16, "24,415万亿元", "CNY 24,415 tn"},
		{8000, "8000元", "CNY 8,000"},
		{0.5, "0.5元", "CNY 0.5"}, // a fee of 5角 cut is not 0元
	} {
		if got := formatMoney(c.v, "zh"); got != c.zh {
			t.Errorf("formatMoney(%v, zh) = %q, want %q", c.v, got, c.zh)
		}
		if got := formatMoney(c.v, "en"); got != c.en {
			t.Errorf("formatMoney(%v, en) = %q, want %q", c.v, got, c.en)
		}
	}
	if got := periodName("2022Q1", "zh"); got != "2022年第一季度" {
		t.Errorf("periodName zh = %q", got)
	}
	if got := periodName("2022Q1", "en"); got != "2022 Q1" {
		t.Errorf("periodName en = %q", got)
	}
}
