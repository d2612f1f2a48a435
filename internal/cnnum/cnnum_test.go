package cnnum

import (
	"math"
	"reflect"
	"strconv"
	"testing"
	"unicode/utf8"
)

// one returns the single quantity Scan finds in s, failing otherwise.
func one(t *testing.T, s string) Quantity {
	t.Helper()
	qs := Scan(s)
	if len(qs) != 1 {
		t.Fatalf("Scan(%q) found %d quantities, want 1: %+v", s, len(qs), qs)
	}
	return qs[0]
}

func near(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

func TestScanValues(t *testing.T) {
	cases := []struct {
		phenomenon, in string
		want           float64
		high           float64
		qual           string
		span           string // the text Scan covers
	}{
		{"ascii digits", "累计调研66次", 66, 0, Exact, "66"},
		{"full-width digits", "投诉下降６８％", 68, 0, Exact, "６８"},
		{"decimal", "普惠金融业务新增投放1.45亿元", 1.45e8, 0, Exact, "1.45亿"},
		{"full-width decimal point", "投放１．５亿元", 1.5e8, 0, Exact, "１．５亿"},
		{"thousands separator", "完成1,500个项目", 1500, 0, Exact, "1,500"},
		{"full-width thousands separator", "完成1，500个项目", 1500, 0, Exact, "1，500"},
		{"space after decimal point", "平均投诉量降至0. 17 起", 0.17, 0, Exact, "0. 17"},
		{"digits spaced one by one", "向灾区捐款5 0 0 万元", 5e6, 0, Exact, "5 0 0 万"},
		{"thousands set off by a space", "全省人民币贷款增加4 286亿元", 4.286e11, 0, Exact, "4 286亿"},
		{"thousands set off by thin spaces", "余额1\u2009234\u2009567元", 1234567, 0, Exact, "1\u2009234\u2009567"},
		{"space thousands, a decimal", "余额4 286.5亿元", 4.2865e11, 0, Exact, "4 286.5亿"},
		{"space thousands, then a spaced unit", "增加4 286 亿元", 4.286e11, 0, Exact, "4 286 亿"},
		{"万 multiplier", "推广普惠健康保2.7万户", 27000, 0, Exact, "2.7万"},
		{"万亿 multiplier", "贷款金额已达3万亿元", 3e12, 0, Exact, "3万亿"},
		{"千万 multiplier", "投入3千万元", 3e7, 0, Exact, "3千万"},
		{"多 inside", "向4400多万个人客户", 4.4e7, 0, AtLeast, "4400多万"},
		{"余 after 万", "参与网点 1万余个", 1e4, 0, AtLeast, "1万余"},
		{"余 after digits", "承诺共300余项", 300, 0, AtLeast, "300余"},
		{"space before 余", "就有 4000 余人次", 4000, 0, AtLeast, "4000 余"},
		{"space before 万", "组织各类活动近 2 万次", 2e4, 0, Approx, "近 2 万"},
		{"Chinese numeral", "资助一万二千多人次", 12000, 0, AtLeast, "一万二千多"},
		{"Chinese 两", "奖励两千七百多人次", 2700, 0, AtLeast, "两千七百多"},
		{"Chinese 十一", "完成二十一个中小学校舍", 21, 0, Exact, "二十一"},
		{"Chinese with 零", "共一千零五户", 1005, 0, Exact, "一千零五"},
		{"Chinese 多 before 万", "出资三千多万元", 3e7, 0, AtLeast, "三千多万"},
		{"traditional 萬", "捐款七百多萬元", 7e6, 0, AtLeast, "七百多萬"},
		{"financial numerals", "金额壹佰贰拾元", 120, 0, Exact, "壹佰贰拾"},
		{"pinyin gloss skipped", "出資三千多萬(wàn)元", 3e7, 0, AtLeast, "三千多萬(wàn)"},
		{"bare power with 近", "近千家企业参与", 1000, 0, Approx, "近千"},
		{"bare power with 余", "受众达千余人次", 1000, 0, AtLeast, "千余"},
		{"超百亿", "月均审贷超百亿元", 1e10, 0, AtLeast, "超百亿"},
		{"上 before a bare power", "开展活动上百场", 100, 0, AtLeast, "上百"},
		{"几 after 十", "走访十几个村", 10, 0, AtLeast, "十几"},
		{"几 after 十 and 万", "减免二十几万元", 2e5, 0, AtLeast, "二十几万"},
		{"来 after 十 before a measure word", "覆盖三十来个村", 30, 0, Approx, "三十来"},
		{"来 before a verb stays out", "三十来到这里", 30, 0, Exact, "三十"},
		{"positional digits", "二〇〇五年", 2005, 0, Exact, "二〇〇五"},
		{"约", "减费让利约27亿元", 2.7e9, 0, Approx, "约27亿"},
		{"逾", "完成逾1500个项目", 1500, 0, AtLeast, "逾1500"},
		{"超过 with space", "已有超过 2000名员工", 2000, 0, AtLeast, "超过 2000"},
		{"超过了", "贷款余额超過了1.1萬億元", 1.1e12, 0, AtLeast, "超過了1.1萬億"},
		{"了 after a verb is no qualifier", "增加了5亿元", 5e8, 0, Exact, "5亿"},
		{"不到", "用时不到10分钟", 10, 0, AtMost, "不到10"},
		{"不少于", "不少于二三十位", 20, 30, AtLeast, "不少于二三十"},
		{"最高", "金额最高30万元", 3e5, 0, AtMost, "最高30万"},
		{"最高的达到", "上浮最高的达到50%", 50, 0, AtMost, "最高的达到50"},
		{"节约 is not 约", "节约100万元", 1e6, 0, Exact, "100万"},
		{"最近 is not 近", "最近3个月", 3, 0, Exact, "3"},
		{"range 至 with one multiplier", "贷款2至3亿元", 2e8, 3e8, Approx, "2至3亿"},
		{"range with dash", "共5-10家", 5, 10, Approx, "5-10"},
		{"range 五至10", "未来五至10年", 5, 10, Approx, "五至10"},
		{"二三十 range", "二三十位", 20, 30, Approx, "二三十"},
		{"adjacent digits before 万", "收受五六万元", 5e4, 6e4, Approx, "五六万"},
		{"破 is 突破", "手机银行用户破1亿", 1e8, 0, AtLeast, "破1亿"},
		{"侦破 is no qualifier", "侦破3起", 3, 0, Exact, "3"},
		{"打破 is no qualifier", "打破3项纪录", 3, 0, Exact, "3"},
		{"跌破 is no lower bound", "存款利率跌破2%", 2, 0, Exact, "2"},
		{"adjacent digits before 百", "三四百人", 300, 400, Approx, "三四百"},
		{"二三十 range before 万", "二三十万元", 2e5, 3e5, Approx, "二三十万"},
		{"两三 before 亿", "两三亿元", 2e8, 3e8, Approx, "两三亿"},
		{"a range and a later section", "二三千五百万元", 2.5e7, 3.5e7, Approx, "二三千五百万"},
		{"a range before 亿 and a later 万", "三四亿五千万元", 3.5e8, 4.5e8, Approx, "三四亿五千万"},
		{"a range before 十 and a later 万", "二三十万人", 2e5, 3e5, Approx, "二三十万"},
	}
	for _, c := range cases {
		t.Run(c.phenomenon, func(t *testing.T) {
			q := one(t, c.in)
			if !near(q.Value, c.want) || !near(q.High, c.high) || q.Qualifier != c.qual {
				t.Errorf("Scan(%q) = %g..%g %s, want %g..%g %s", c.in, q.Value, q.High, q.Qualifier, c.want, c.high, c.qual)
			}
			if got := c.in[q.Start:q.End]; got != c.span {
				t.Errorf("Scan(%q) span %q, want %q", c.in, got, c.span)
			}
			if got := utf8.RuneCountInString(c.in[:q.Start]); got != q.RuneStart {
				t.Errorf("RuneStart %d, want %d", q.RuneStart, got)
			}
			if got := utf8.RuneCountInString(c.in[:q.End]); got != q.RuneEnd {
				t.Errorf("RuneEnd %d, want %d", q.RuneEnd, got)
			}
		})
	}
}

func TestScanNotNumbers(t *testing.T) {
	for _, s := range []string{
		"千家万户", "十分重要", "老百姓", "一一对应", "亿万农民", "3个主体是QFII", "M0 增长", "v2", "千方百计",
		"累计观看超过万人次", // digits lost: 超过万 is not 一万
	} {
		for _, q := range Scan(s) {
			if !q.Arabic && q.Value < 10 {
				continue // small Chinese numerals are dropped by metric
			}
			if s == "3个主体是QFII" && q.Value == 3 {
				continue
			}
			t.Errorf("Scan(%q) found %q = %g", s, s[q.Start:q.End], q.Value)
		}
	}
}

func TestScanSeveral(t *testing.T) {
	cases := []struct {
		in   string
		want []float64
	}{
		{"对16家经营网点，12个管理部门进行全面摸排，累计调研66次。", []float64{16, 12, 66}},
		// A comma before fewer or more than three digits is a clause break.
		{"发放189份,12个部门", []float64{189, 12}},
		{"共128,2560户", []float64{128, 2560}},
		// A space sets off thousands only before exactly three digits and
		// then no digit: a year and a figure, a flattened table's cells.
		// 马上万家: a word, not a vague count
		{"马上万家灯火", nil},
		{"2019 286户", []float64{2019, 286}},
		{"网点 5 120 8户", []float64{5, 120, 8}},
		{"共1 2345户", []float64{1, 2345}},
		// nor after the start of a line or a space: a list's or a row's number
		{"2 100名青年员工", []float64{2, 100}},
		{"合计\n1 200万元 35户", []float64{1, 200e4, 35}},
		// powers alone as a table's unit are no figure; with a qualifier or
		// a leading 十 they are
		{"普惠小微贷款余额（万亿元） 单位：亿元 超百亿元 十万元", []float64{1e10, 1e5}},
		// A full-width colon after a Chinese label starts a figure; after a
		// digit it joins a clock time.
		{"下设网点20个，其中：1个营业部、5个支行", []float64{20, 1, 5}},
		{"会议于9：30开始", []float64{9}},
		// So does the ASCII colon of scraped pages; in a link it glues.
		{"工商银行:1.2万亿元", []float64{1.2e12}},
		{"会议于9:30开始，见http://a.cn/5", []float64{9}},
	}
	for _, c := range cases {
		var got []float64
		for _, q := range Scan(c.in) {
			got = append(got, q.Value)
		}
		if len(got) != len(c.want) {
			t.Errorf("Scan(%q) = %v, want %v", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Scan(%q) = %v, want %v", c.in, got, c.want)
				break
			}
		}
	}
}

func TestDatesAreNotRanges(t *testing.T) {
	for _, s := range []string{"2015-11-24", "400-633-4033"} {
		for _, q := range Scan(s) {
			if q.High != 0 {
				t.Errorf("Scan(%q) made a range %q", s, s[q.Start:q.End])
			}
		}
	}
}

func TestSuffixQualifier(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		qual string
	}{
		{"以上。", len("以上"), AtLeast},
		{" 左右", 1 + len("左右"), Approx},
		{"以内对公转账", len("以内"), AtMost},
		{"多，", len("多"), AtLeast},
		{"多家银行", 0, ""},
		{"上下游", 0, ""},
	}
	for _, c := range cases {
		n, q := SuffixQualifier(c.in)
		if n != c.n || q != c.qual {
			t.Errorf("SuffixQualifier(%q) = %d %q, want %d %q", c.in, n, q, c.n, c.qual)
		}
	}
}

func TestPinyin(t *testing.T) {
	cases := map[string]int{"(wàn)元": len("(wàn)"), "(xué)": len("(xué)"), "(含)": 0, "(1)": 0, "()": 0, "(abc": 0}
	for in, want := range cases {
		if got := Pinyin(in); got != want {
			t.Errorf("Pinyin(%q) = %d, want %d", in, got, want)
		}
	}
}

// FuzzScan checks that Scan never panics, keeps its spans inside the text
// and in order, never returns a negative value, and reads plain integers
// back exactly.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"约27亿元", "4400多万个人客户", "一万二千多人次", "2至3亿元", "1,500", "5 0 0 万元", "0. 17 起", "萬(wàn)", "二三十", "三四亿五千万元", "二三千五百万", "百分之六十八", "2015-11-24", "7×24小时"} {
		f.Add(s, uint32(1500))
	}
	f.Fuzz(func(t *testing.T, s string, n uint32) {
		prev := 0
		for _, q := range Scan(s) {
			if q.Start < prev || q.Start > q.NumStart || q.NumStart >= q.End || q.End > len(s) {
				t.Fatalf("Scan(%q): bad span %d %d %d after %d", s, q.Start, q.NumStart, q.End, prev)
			}
			if q.RuneStart != utf8.RuneCountInString(s[:q.Start]) || q.RuneEnd != utf8.RuneCountInString(s[:q.End]) {
				t.Fatalf("Scan(%q): rune span %d..%d does not match bytes %d..%d", s, q.RuneStart, q.RuneEnd, q.Start, q.End)
			}
			if q.Value < 0 || q.High < 0 || math.IsNaN(q.Value) || math.IsInf(q.Value, 0) {
				t.Fatalf("Scan(%q): bad value %g..%g", s, q.Value, q.High)
			}
			if q.High != 0 && q.High <= q.Value {
				t.Fatalf("Scan(%q): range %g..%g does not rise", s, q.Value, q.High)
			}
			prev = q.End
		}
		// A plain integer in a sentence reads back exactly.
		plain := strconv.FormatUint(uint64(n), 10)
		text := "共计" + plain + "户。"
		qs := Scan(text)
		if len(qs) != 1 || qs[0].Value != float64(n) {
			if n == 0 && len(qs) == 1 && qs[0].Value == 0 {
				return
			}
			t.Fatalf("Scan(%q) = %+v, want one quantity %d", text, qs, n)
		}
	})
}

func BenchmarkScan(b *testing.B) {
	s := "截至目前，该行已对照清单完成逾1500个办实事项目，全年减费让利约27亿元，在北京推广普惠健康保2.7万户，" +
		"向20万企业客户、4400多万个人客户提供免费查询服务；投诉同比大幅下降 68%，组织各类活动近 2 万次，参与网点 1万余个。"
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	var buf []Quantity
	for b.Loop() {
		buf = AppendScan(buf[:0], s)
	}
}

// checkScanFrom: AppendScanFrom from the first Numeral rune of s (where a
// caller that read the runes before it would start) finds what
// AppendScan finds reading s from its start.
func checkScanFrom(t *testing.T, s string) {
	t.Helper()
	from, fromRune := len(s), utf8.RuneCountInString(s)
	r := 0
	for i, c := range s {
		if Numeral(c) {
			from, fromRune = i, r
			break
		}
		r++
	}
	got, want := AppendScanFrom(nil, s, from, fromRune), AppendScan(nil, s)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("AppendScanFrom(%q, %d, %d) = %+v, AppendScan %+v", s, from, fromRune, got, want)
	}
}

func TestScanFrom(t *testing.T) {
	for _, s := range []string{"", "无", "约27亿元", "共计4400多万个人客户", "其中：1个营业部", "ID：5个", "v2版", "坏\xff3亿元", "\xe4\xbd3个", "达到一万二千多人次",
		"截至目前，该行已对照清单完成逾1500个办实事项目，全年减费让利约27亿元", "同比下降68%至2至3亿元", "𠀀10家"} {
		checkScanFrom(t, s)
	}
}

func FuzzScanFrom(f *testing.F) {
	for _, s := range []string{"约27亿元", "其中：1个营业部", "ID：5个", "坏\xff3亿元", "截至目前，该行已完成逾1500个项目"} {
		f.Add(s)
	}
	f.Fuzz(checkScanFrom)
}
