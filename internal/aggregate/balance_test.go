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
