package aggregate

import (
	"github.com/bankbrief/bankbrief/internal/hanzi"
	"strings"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/model"
)

// Balance reports whether a money or count figure is a stock — a balance,
// total assets, market value, scale, transaction volume, revenue or profit —
// rather than something the bank did in the period. Adding 贷款余额36万亿元
// to 减费让利27亿元 gives a number that means nothing, so stocks are listed
// but never summed.
//
// The figure is a stock when its clause (the text between the punctuation
// around it) names one of the stock words before it, or when one follows it
// directly (3万亿元个人储蓄存款).
func Balance(m model.Metric) bool {
	if m.Unit == "percent" || m.Unit == "percent_point" {
		return false
	}
	s, text := hanzi.Simplify(m.Sentence), hanzi.Simplify(m.Text)
	i := strings.Index(s, text)
	if i < 0 {
		return false
	}
	before := clauseBefore(s[:i])
	for _, w := range stockBefore {
		if strings.Contains(before, w) {
			return true
		}
	}
	after := s[i+len(text):]
	if n := runeIndex(after, 6); n < len(after) {
		after = after[:n]
	}
	for _, w := range stockAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// stockBefore are words that, earlier in a figure's clause, make it a stock.
// The sentence is folded to simplified characters first.
var stockBefore = []string{
	"余额", "总资产", "资产规模", "资产总额", "资产达", "资产突破", "资产首次", "资产超", "总市值", "市值",
	"存量", "规模达", "规模突破", "规模超", "规模逾", "规模为", "市场规模", "交易额", "交易金额", "交易量",
	"营业收入", "营收", "净利润", "归母净利润", "流通中现金", "管理零售客户资产", "AUM",
	"存款总额", "各项存款", "贷款总额", "各项贷款", "缺口", "总量", "准备金",
}

// stockAfter are nouns that, right after a figure, make it a stock.
var stockAfter = []string{"个人储蓄存款", "储蓄存款", "存款", "资产", "的资产", "余额", "规模", "的规模", "市值"}

// clauseBefore returns the end of s after its last clause punctuation.
func clauseBefore(s string) string {
	cut := strings.LastIndexAny(s, "，,。；;：:！？!?")
	if cut >= 0 {
		_, size := utf8.DecodeRuneInString(s[cut:])
		return s[cut+size:]
	}
	return s
}

// runeIndex returns the byte index of the n-th rune of s, or len(s).
func runeIndex(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
