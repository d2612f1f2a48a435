package hanzi

import (
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
