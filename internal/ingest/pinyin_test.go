package ingest

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

func TestStripPinyin(t *testing.T) {
	for in, want := range map[string]string{
		"截至6月末,農(nóng)業(yè)銀行手機銀行客戶數(shù)增至2億戶": "截至6月末,農業銀行手機銀行客戶數增至2億戶",
		"浦發(fā)銀行推出創(chuàng)新服務":                "浦發銀行推出創新服務",
		"雅思(IELTS)考试":       "雅思(IELTS)考试",
		"管理资产(AUM)达到3万亿元":   "管理资产(AUM)达到3万亿元",
		"服务质量。(cis)":        "服务质量。(cis)",
		"数字(shu)没有声调":       "数字(shu)没有声调",
		"两个声调(shùshù)":      "两个声调",
		"太长的拼音(zhuàngzzz)":  "太长的拼音(zhuàngzzz)",
		"全角括号（guó）和混合(guó）": "全角括号和混合",
		"绿(lü)色":            "绿色",
		"GDP(zhì)":          "GDP(zhì)",
		"(yè)开头":            "(yè)开头",
		"没有右括号(yè":          "没有右括号(yè",
		"嗯(ń)":              "嗯",
		"绿(lǜ)色":            "绿色",
		"":                  "",
		// A space pads the gloss (w0063: 為回饋社會(huì ),該行將出資); one
		// white-space rune on either side, no more, and never inside.
		"為回饋社會(huì ),該行將出資": "為回饋社會,該行將出資",
		"社會( huì)與":         "社會與",
		"社會（huì　）與":         "社會與",
		"社會(huì\u00a0)與":    "社會與",
		"社會(huì  )與":        "社會(huì  )與",
		"社會(  huì)與":        "社會(  huì)與",
		"社會( )與":            "社會( )與",
		"社會(hu ì)與":         "社會(hu ì)與",
		"社會(huì x)與":        "社會(huì x)與",
		// Look-alikes with a space stay: an English word, a ticker, a number.
		"雅思(IELTS )考试":     "雅思(IELTS )考试",
		"香港(Hong Kong)分行":  "香港(Hong Kong)分行",
		"咖啡(café au lait)": "咖啡(café au lait)",
		"工商银行(601398 )":    "工商银行(601398 )",
		"工商银行( 601398.SH)": "工商银行( 601398.SH)",
		"措施(1 )落实":         "措施(1 )落实",
		"措施(1)落实":          "措施(1)落实",
	} {
		if got := stripPinyin(in); got != want {
			t.Errorf("stripPinyin(%q) = %q, want %q", in, got, want)
		}
	}
}

// refPinyin is what stripPinyin removes, as a regular expression: a Han
// character, then a bracket of letters with at least one tone mark (or ü),
// padded by at most one white-space rune (unicode.IsSpace) on either side.
var refPinyin = regexp.MustCompile(`(\p{Han})[(（][\t\n\v\f\r\x{85}\pZ]?([a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]*)[\t\n\v\f\r\x{85}\pZ]?[)）]`)

func refStripPinyin(s string) string {
	return refPinyin.ReplaceAllStringFunc(s, func(m string) string {
		sub := refPinyin.FindStringSubmatch(m)
		if utf8.RuneCountInString(sub[2]) > 8 {
			return m
		}
		return sub[1]
	})
}

// FuzzStripPinyin checks stripPinyin against the regular expression.
func FuzzStripPinyin(f *testing.F) {
	for _, s := range []string{"農(nóng)業(yè)銀行", "數(shù)(shù)", "a(yè)", "字(zhuàngz)", "字((yè))", "\xff(yè)", "字(ǜ)(à)", "會(huì ),", "會( huì　)", "會(huì  )"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stripPinyin(s), refStripPinyin(s); got != want {
			t.Errorf("stripPinyin(%q) = %q, the reference gives %q", s, got, want)
		}
	})
}
