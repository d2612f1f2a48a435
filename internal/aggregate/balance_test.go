package aggregate

import (
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

func TestBalance(t *testing.T) {
	cases := []struct {
		sentence, text string
		unit           string
		want           bool
	}{
		// seed 000: a flow, done in the year
		{"全年全行面向小微企业和个人客户减免手续费、管理费等合计约27亿元", "约27亿元", "CNY", false},
		{"助力政府部门在澳门发行22亿元离岸人民币地方政府债券", "22亿元", "CNY", false},
		// written in the shapes of the corpus's balance sentences
		{"截至5月末，该行县域贷款余额达6.8万亿元，较年初增长5879亿元", "6.8万亿元", "CNY", true},
		{"截至5月末，该行县域贷款余额达6.8万亿元，较年初增长5879亿元", "5879亿元", "CNY", false},
		{"截至去年年末，该行总资产达2.3万亿元，同比增长13.12%", "2.3万亿元", "CNY", true},
		{"截至去年年末，该行总资产达2.3万亿元，同比增长13.12%", "13.12%", "percent", false},
		{"3.7万营业网点,3万亿元个人储蓄存款,1000多亿元支农资金", "3万亿元", "CNY", true},
		{"3.7万营业网点,3万亿元个人储蓄存款,1000多亿元支农资金", "1000多亿元", "CNY", false},
		{"银行板块A股总市值突破10万亿元大关", "突破10万亿元", "CNY", true},
		{"上半年累计投放贷款1.4万亿元，同比多投放2198亿元", "1.4万亿元", "CNY", false},
		{"手机银行全年交易金额达32.28万亿元", "32.28万亿元", "CNY", true},
		{"text not in its sentence", "5亿元", "CNY", false},
		// traditional characters, and the stock word after the figure
		{"截至6月末，普惠型小微企業貸款余額36萬億元，利率下降", "36萬億元", "CNY", true},
		{"其中該行以超6萬億元規模居首", "超6萬億元", "CNY", true},
		{"该行成为资产首次突破4万亿元的城商行", "突破4万亿元", "CNY", true},
		{"全年處置不良資產50億元", "50億元", "CNY", false},
	}
	for _, c := range cases {
		m := model.Metric{Text: c.text, Sentence: c.sentence, Unit: c.unit}
		if got := Balance(m); got != c.want {
			t.Errorf("Balance(%q in %q) = %v, want %v", c.text, c.sentence, got, c.want)
		}
	}
}

// A balance is listed but never summed into money.
func TestBalancesNotSummed(t *testing.T) {
	facts := []model.Facts{{ID: "a", Date: "2022-06-01", Quarter: "2022Q2", PrimaryBank: "中国农业银行",
		Themes: []model.ThemeScore{{ID: "rural_revitalization"}},
		Metrics: []model.Metric{
			{Text: "6.8万亿元", Value: 6.8e12, Unit: "CNY", Type: "amount", Theme: "rural_revitalization",
				Sentence: "截至5月末，该行县域贷款余额达6.8万亿元，较年初增长5879亿元"},
			{Text: "5879亿元", Value: 5.879e11, Unit: "CNY", Type: "amount", Theme: "rural_revitalization",
				Sentence: "截至5月末，该行县域贷款余额达6.8万亿元，较年初增长5879亿元"},
		}}}
	r := Build(facts, Options{})
	if r.Counts.Money != 5.879e11 || r.Themes[0].Money != 5.879e11 || r.Banks[0].Money != 5.879e11 {
		t.Errorf("money = %v / %v / %v, want only the flow 5879亿", r.Counts.Money, r.Themes[0].Money, r.Banks[0].Money)
	}
	if !r.Metrics[0].Balance || r.Metrics[1].Balance {
		t.Errorf("balance marks = %v %v", r.Metrics[0].Balance, r.Metrics[1].Balance)
	}
	if s := r.Sums[0]; s.Mentions != 2 || s.Count != 1 || s.Sum != 5.879e11 {
		t.Errorf("sum = %+v", s)
	}
}

// Money a report says banks disclosed leaves out sector statistics that
// name no bank; they stay listed and summed under no bank.
func TestSectorMoneyNotBankMoney(t *testing.T) {
	facts := []model.Facts{{ID: "s", Date: "2022-02-11", Quarter: "2022Q1",
		Themes: []model.ThemeScore{{ID: "inclusive_finance"}},
		Metrics: []model.Metric{{Text: "约6000亿元", Value: 6e11, Unit: "CNY", Type: "amount", Theme: "inclusive_finance",
			Sentence: "预计1月房地产贷款新增约6000亿元"}}}}
	r := Build(facts, Options{})
	if r.Counts.Money != 0 || r.Themes[0].Money != 0 {
		t.Errorf("sector money counted as banks' money: %v / %v", r.Counts.Money, r.Themes[0].Money)
	}
	if len(r.Sums) != 1 || r.Sums[0].Bank != "" || r.Sums[0].Sum != 6e11 {
		t.Errorf("sums = %+v", r.Sums)
	}
}

// TestKind checks the figures that are not something done in the period
// beyond stocks — differences from another period and plans — in the
// shapes of the corpus's sentences, and the look-alikes that are flows.
func TestKind(t *testing.T) {
	cases := []struct {
		sentence, text, unit string
		want                 model.NotSummed
	}{
		{"上半年農發行累計投放貸款1.4萬億元,同比多投放2198億元。", "2198億元", "CNY", model.Difference},
		{"上半年農發行累計投放貸款1.4萬億元,同比多投放2198億元。", "1.4萬億元", "CNY", model.Summed},
		{"县域贷款余额达6.8万亿元,较年初增长5879亿元,同比多增990亿元", "990亿元", "CNY", model.Difference},
		{"县域贷款余额达6.8万亿元,较年初增长5879亿元,同比多增990亿元", "5879亿元", "CNY", model.Summed},
		{"个人手机银行用户3.88亿户,较上年增加3718万户,增幅10.60%", "3718万户", "household", model.Difference},
		{"个人住房贷款当月增加3481亿元，较9月多增1013亿元", "1013亿元", "CNY", model.Difference},
		{"个人住房贷款当月增加3481亿元，较9月多增1013亿元", "3481亿元", "CNY", model.Summed},
		// the level reached after a growth rate is not a difference
		{"手机银行交易笔数同比增长20%达5亿笔", "5亿笔", "item", model.Summed},
		{"农发行表示,下半年要完成9000亿元信贷净增任务", "9000亿元", "CNY", model.Planned},
		{"比如，广发银行计划于近期发行50亿元房地产项目并购主题债券", "50亿元", "CNY", model.Planned},
		{"力争全年投放普惠贷款100亿元", "100亿元", "CNY", model.Planned},
		{"全年实现新增普惠贷款50亿元的目标", "50亿元", "CNY", model.Planned},
		// a programme named 计划 is no plan
		{"通过“春雨计划”发放贷款5亿元", "5亿元", "CNY", model.Summed},
		{"浙商银行彩虹计划已走过了12个年头,累计已募集社会各界捐款超2000万元", "超2000万元", "CNY", model.Summed},
		{"全年減費讓利約27億元", "約27億元", "CNY", model.Summed},
		{"手机银行全年交易金额达32.28万亿元", "32.28万亿元", "CNY", model.Stock},
	}
	for _, c := range cases {
		m := model.Metric{Text: c.text, Sentence: c.sentence, Unit: c.unit}
		if got := Kind(m); got != c.want {
			t.Errorf("Kind(%q in %q) = %v, want %v", c.text, c.sentence, got, c.want)
		}
		if got := Balance(m); got != (c.want != model.Summed) {
			t.Errorf("Balance(%q in %q) = %v", c.text, c.sentence, got)
		}
	}
}

// TestPartsAndUnthemedRepeats checks, on one article, what its figures
// add up to: a part (其中) counts within the figure before it, a part of a
// stock is a stock, a part with no whole before it counts, and a figure
// with no theme repeating a themed one counts once, in its theme.
func TestPartsAndUnthemedRepeats(t *testing.T) {
	const (
		s1 = "中國農業發展銀行今天最新數據顯示,上半年累計投放貸款1.4萬億元,其中投放糧棉油貸款超3000億元。"
		s2 = "上半年農發行累計投放貸款1.4萬億元,同比多投放2198億元。"
		s3 = "其中,投放糧棉油貸款3148億元,支持收購糧油1839億斤。"
		s4 = "该行绿色融资余额逼近2.5万亿元,其中绿色贷款超1万亿元,不良率仅0.57%。"
		s5 = "其中，向小微企业发放贷款20亿元。"
	)
	rural := "rural_revitalization"
	facts := []model.Facts{{ID: "a", Date: "2022-07-01", Quarter: "2022Q3", PrimaryBank: "中国农业发展银行",
		Themes: []model.ThemeScore{{ID: rural}},
		Metrics: []model.Metric{
			{Text: "20亿元", Value: 2e9, Unit: "CNY", Type: "amount", Theme: rural, Sentence: s5}, // no whole before it
			{Text: "1.4萬億元", Value: 1.4e12, Unit: "CNY", Type: "amount", Sentence: s1},
			{Text: "超3000億元", Value: 3e11, Unit: "CNY", Type: "amount", Qualifier: "at_least", Sentence: s1},
			{Text: "1.4萬億元", Value: 1.4e12, Unit: "CNY", Type: "amount", Theme: rural, Sentence: s2},
			{Text: "2198億元", Value: 2.198e11, Unit: "CNY", Type: "amount", Theme: rural, Sentence: s2},
			{Text: "3148億元", Value: 3.148e11, Unit: "CNY", Type: "amount", Theme: rural, Sentence: s3},
			{Text: "2.5万亿元", Value: 2.5e12, Unit: "CNY", Type: "amount", Qualifier: "approx", Theme: "green_finance", Sentence: s4},
			{Text: "超1万亿元", Value: 1e12, Unit: "CNY", Type: "amount", Qualifier: "at_least", Theme: "green_finance", Sentence: s4},
		}}}
	r := Build(facts, Options{})
	want := []model.NotSummed{model.Summed, model.SameFigure, model.PartOfBefore, model.Summed,
		model.Difference, model.PartOfBefore, model.Stock, model.Stock}
	for i, m := range r.Metrics {
		if m.Why != want[i] {
			t.Errorf("%s in %q: %v, want %v", m.Text, m.Sentence, m.Why, want[i])
		}
		if m.Repeat != (want[i] == model.SameFigure || want[i] == model.PartOfBefore) ||
			m.Balance != (want[i] == model.Stock || want[i] == model.Difference || want[i] == model.Planned) {
			t.Errorf("%s: Repeat %v, Balance %v for %v", m.Text, m.Repeat, m.Balance, want[i])
		}
	}
	if r.Counts.Money != 1.4e12+2e9 {
		t.Errorf("money = %v, want 1.4万亿 + 20亿 (the whole once, the part with no whole)", r.Counts.Money)
	}
	// The 1.4万亿 counted is the themed mention, in its theme.
	for _, th := range r.Themes {
		if th.ID == rural && th.Money != 1.4e12+2e9 {
			t.Errorf("rural money = %v", th.Money)
		}
	}
}
