package aggregate

import (
	"testing"
	"unicode/utf8"

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
		{"截至9月末，本行涉农贷款余额达2.4万亿元，较年初增长3120亿元", "2.4万亿元", "CNY", true},
		{"截至9月末，本行涉农贷款余额达2.4万亿元，较年初增长3120亿元", "3120亿元", "CNY", false},
		{"截至上年末，该行资产总额达1.9万亿元，同比增长8.75%", "1.9万亿元", "CNY", true},
		{"截至上年末，该行资产总额达1.9万亿元，同比增长8.75%", "8.75%", "percent", false},
		{"2.1万个服务网点,5万亿元储蓄存款,800多亿元助农资金", "5万亿元", "CNY", true},
		{"2.1万个服务网点,5万亿元储蓄存款,800多亿元助农资金", "800多亿元", "CNY", false},
		{"沪深两市银行股总市值突破12万亿元", "突破12万亿元", "CNY", true},
		{"前三季度累计发放贷款9800亿元，同比多发放1530亿元", "9800亿元", "CNY", false},
		{"网上银行全年交易金额达18.6万亿元", "18.6万亿元", "CNY", true},
		{"text not in its sentence", "5亿元", "CNY", false},
		// traditional characters, and the stock word after the figure
		{"截至3月末，綠色貸款余額22萬億元，增速加快", "22萬億元", "CNY", true},
		{"其中該行以超6萬億元規模居首", "超6萬億元", "CNY", true},
		{"这家农商行资产首次突破1万亿元", "突破1万亿元", "CNY", true},
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
			{Text: "2.4万亿元", Value: 2.4e12, Unit: "CNY", Type: "amount", Theme: "rural_revitalization",
				Sentence: "截至9月末，本行涉农贷款余额达2.4万亿元，较年初增长3120亿元"},
			{Text: "3120亿元", Value: 3.12e11, Unit: "CNY", Type: "amount", Theme: "rural_revitalization",
				Sentence: "截至9月末，本行涉农贷款余额达2.4万亿元，较年初增长3120亿元"},
		}}}
	r := Build(facts, Options{})
	if r.Counts.Money != 3.12e11 || r.Themes[0].Money != 3.12e11 || r.Banks[0].Money != 3.12e11 {
		t.Errorf("money = %v / %v / %v, want only the flow 3120亿", r.Counts.Money, r.Themes[0].Money, r.Banks[0].Money)
	}
	if !r.Metrics[0].Balance() || r.Metrics[1].Balance() {
		t.Errorf("balance marks = %v %v", r.Metrics[0].Balance(), r.Metrics[1].Balance())
	}
	if s := r.Sums[0]; s.Mentions != 2 || s.Count != 1 || s.Sum != 3.12e11 {
		t.Errorf("sum = %+v", s)
	}
}

// Money a report says banks disclosed leaves out sector statistics that
// name no bank; they stay listed and summed under no bank.
func TestSectorMoneyNotBankMoney(t *testing.T) {
	facts := []model.Facts{{ID: "s", Date: "2022-02-11", Quarter: "2022Q1",
		Themes: []model.ThemeScore{{ID: "inclusive_finance"}},
		Metrics: []model.Metric{{Text: "约4500亿元", Value: 4.5e11, Unit: "CNY", Type: "amount", Theme: "inclusive_finance",
			Sentence: "预计二季度小微企业贷款新增约4500亿元"}}}}
	r := Build(facts, Options{})
	if r.Counts.Money != 0 || r.Themes[0].Money != 0 {
		t.Errorf("sector money counted as banks' money: %v / %v", r.Counts.Money, r.Themes[0].Money)
	}
	if len(r.Sums) != 1 || r.Sums[0].Bank != "" || r.Sums[0].Sum != 4.5e11 {
		t.Errorf("sums = %+v", r.Sums)
	}
}

// TestSectorFigureOfABanksArticle: in an article about one bank, a figure
// extraction gave no bank because its sentence speaks of the sector (辖内
// 金融机构) stays under "(no bank)"; one with no bank from a sentence about
// the bank's own work is the article's bank's.
func TestSectorFigureOfABanksArticle(t *testing.T) {
	facts := []model.Facts{{ID: "s", Date: "2022-07-01", Quarter: "2022Q3", PrimaryBank: "中国工商银行",
		Themes: []model.ThemeScore{{ID: "fee_reduction"}},
		Metrics: []model.Metric{
			{Text: "超36亿元", Value: 3.6e9, Unit: "CNY", Type: "amount", Qualifier: "at_least", Theme: "fee_reduction",
				Sentence: "截至6月末，辖内金融机构累计减免手续费超36亿元。"},
			{Text: "2亿元", Value: 2e8, Unit: "CNY", Type: "amount", Theme: "fee_reduction",
				Sentence: "全年减免手续费2亿元。"},
		}}}
	r := Build(facts, Options{})
	if r.Counts.Money != 2e8 {
		t.Errorf("money %v, want the bank's 2亿元 only", r.Counts.Money)
	}
	if r.Metrics[0].BankName != "" || r.Metrics[1].BankName != "中国工商银行" {
		t.Errorf("banks %q, %q; want none, then the article's", r.Metrics[0].BankName, r.Metrics[1].BankName)
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
		{"上半年該行累計發放貸款9800億元,同比多發放1530億元。", "1530億元", "CNY", model.Difference},
		// an item of a list under its lead-in (extract puts the lead-in
		// line before each item line)
		{"2017年,21家主要银行绿色信贷余额如下:工商银行:1.2万亿元", "1.2万亿元", "CNY", model.Stock},
		{"其他主要银行的绿色信贷余额包括：汇丰银行：200亿美元", "200亿美元", "USD", model.Stock},
		{"2023年各行计划投放如下:工商银行:500亿元", "500亿元", "CNY", model.Planned},
		{"各行减费让利如下:工商银行:5亿元", "5亿元", "CNY", model.Summed},
		{"余额增长较快,新发放情况如下:工商银行:5亿元", "5亿元", "CNY", model.Summed},
		{"余额如下,工商银行:5亿元", "5亿元", "CNY", model.Summed},
		{"各分行普惠贷款余额及全年新增情况如下：南京分行：新增投放贷款50亿元", "50亿元", "CNY", model.Summed},
		{"上半年該行累計發放貸款9800億元,同比多發放1530億元。", "9800億元", "CNY", model.Summed},
		{"涉农贷款余额达3.1万亿元,较年初增长2740亿元,同比多增460亿元", "460亿元", "CNY", model.Difference},
		{"涉农贷款余额达3.1万亿元,较年初增长2740亿元,同比多增460亿元", "2740亿元", "CNY", model.Summed},
		{"信用卡用户2.15亿户,较上年增加1260万户,增幅6.2%", "1260万户", "household", model.Difference},
		{"小微企业贷款当月增加2150亿元，较8月多增640亿元", "640亿元", "CNY", model.Difference},
		{"小微企业贷款当月增加2150亿元，较8月多增640亿元", "2150亿元", "CNY", model.Summed},
		// the level reached after a growth rate is not a difference
		{"手机银行交易笔数同比增长20%达5亿笔", "5亿笔", "item", model.Summed},
		{"该行表示,四季度要完成6000亿元贷款投放任务", "6000亿元", "CNY", model.Planned},
		{"例如，某城商行计划于下月发行30亿元小微金融债券", "30亿元", "CNY", model.Planned},
		{"力争全年投放普惠贷款100亿元", "100亿元", "CNY", model.Planned},
		{"全年实现新增普惠贷款50亿元的目标", "50亿元", "CNY", model.Planned},
		// money the bank says it will put in is not yet put in
		{"今年要再投入1,000亿元的呆账准备金处置不良贷款", "1,000亿元", "CNY", model.Planned},
		{"该行明年将投入20亿元改造网点", "20亿元", "CNY", model.Planned},
		{"该行今年投入20亿元改造网点", "20亿元", "CNY", model.Summed},
		// a programme named 计划 is no plan
		{"通过“春雨计划”发放贷款5亿元", "5亿元", "CNY", model.Summed},
		{"某行“春苗计划”今年共募集爱心捐款超3000万元", "超3000万元", "CNY", model.Summed},
		// totals over several years
		{"某行“春苗计划”开展八年来,共募集爱心捐款超3000万元", "超3000万元", "CNY", model.Cumulative},
		{"在近几年累计投入300多亿元对网点进行改造", "300多亿元", "CNY", model.Cumulative},
		{"近三年来新增涉农贷款近900亿元", "近900亿元", "CNY", model.Cumulative},
		{"该行2016-18年累计投入扶贫资金1200亿元", "1200亿元", "CNY", model.Cumulative},
		{"2019年至2021年共发放助学贷款12亿元", "12亿元", "CNY", model.Cumulative},
		{"该行成立以来累计服务小微企业4万户", "4万户", "household", model.Cumulative},
		{"近年來，累計捐贈善款8000萬元", "8000萬元", "CNY", model.Cumulative},
		{"“十三五”农发行贵州省分行贷款六百亿元支持我省易地扶贫搬迁工程", "六百亿元", "CNY", model.Cumulative},
		{"“十四五”期间累计投放绿色贷款1200亿元", "1200亿元", "CNY", model.Cumulative},
		// fines and capital raised: no initiative of the bank's
		{"农业银行因服务收费不合规,被金融监管总局罚款2720万元", "2720万元", "CNY", model.FineOrCapital},
		{"其他两家银行各罚20万元", "20万元", "CNY", model.FineOrCapital},
		{"決定對該行處罰款9790萬元", "9790萬元", "CNY", model.FineOrCapital},
		{"2020年该行完成32.25亿股配股发行，募集资金148.03亿元", "148.03亿元", "CNY", model.FineOrCapital},
		{"该行开展公益活动，募集爱心捐款30万元", "30万元", "CNY", model.Summed},
		{"该行完成配股发行募集资金148.03亿元", "148.03亿元", "CNY", model.FineOrCapital},
		{"此外，该行年内还发行了200亿元永续债，截至去年年末资本充足率为14.47%", "200亿元", "CNY", model.FineOrCapital},
		{"成功发行50亿元的二级资本债券", "50亿元", "CNY", model.FineOrCapital},
		{"成功发行300亿元小微企业专项金融债券", "300亿元", "CNY", model.Summed},
		{"发行绿色金融债60亿元", "60亿元", "CNY", model.Summed},
		{"去年全行实现净利息收入369.87亿元", "369.87亿元", "CNY", model.Stock},
		{"该行股本增至147.70亿元", "147.70亿元", "CNY", model.Stock},
		{"报告期内理财产品业务收入65.52亿元", "65.52亿元", "CNY", model.Stock},
		{"经备案的股东权益评估价格为10.39亿元", "10.39亿元", "CNY", model.Stock},
		{"目前净值化产品发行规模已经达到1,500亿左右", "1,500亿左右", "CNY", model.Stock},
		{"該行各項涉農貸款首次突破500億元", "突破500億元", "CNY", model.Stock},
		{"該行各項涉農貸款首次突破500億元，達到505.1億元", "505.1億元", "CNY", model.Stock},
		{"该行贷款余额增长较快，达到300亿元", "300亿元", "CNY", model.Stock},
		{"该行全年发放贷款增长较快，达到300亿元", "300亿元", "CNY", model.Summed},
		{"全年减费让利5.6亿元", "5.6亿元", "CNY", model.Summed},
		{"帮助群众避免了损失1200万元", "1200万元", "CNY", model.Summed},
		// figures of the story around the bank (from the corpus)
		{"權威消息顯示,強降雨已致安徽省16市不同程度受災,受災人口達399.2萬人,直接經濟損失152.7億元。", "152.7億元", "CNY", model.Context},
		{"据悉,榕江县为国家乡村振兴重点帮扶县,该项目总投资4.08亿元,主要对榕江县古州镇进行土地综合整治", "4.08亿元", "CNY", model.Context},
		{"薛纪宁被指控在2002年至2015年间，利用职务便利为他人谋取利益，共计收受37家单位和个人财物折合人民币近4亿元，应当以受贿罪追究其刑事责任。", "近4亿元", "CNY", model.Context},
		// the story's spending and income (from the corpus), and a look-alike
		{"幾年前,其家中突遭變故,親人手術花費20余萬元卻未能挽回生命。", "20余萬元", "CNY", model.Context},
		{"并將露天葡萄園改造成防霜凍大棚,年增收超2萬元。", "超2萬元", "CNY", model.Context},
		{"为客户节省费用20万元", "20万元", "CNY", model.Summed},
		{"发放助农增收贷款3亿元", "3亿元", "CNY", model.Summed},
		{"帮助小微企业增收节支1200万元", "1200万元", "CNY", model.Summed},
		{"减免医药费等各项费用50万元", "50万元", "CNY", model.Summed},
		// a plan opening the sentence; done when 已 says so
		{"按计划,到2021年末,该行将实现全覆盖,贷款投放规模不低于2亿元。", "不低于2亿元", "CNY", model.Planned},
		{"按照计划,该行已完成投放贷款5亿元。", "5亿元", "CNY", model.Summed},
		{"该行已按计划完成年度目标，一季度累计发放贷款20亿元", "20亿元", "CNY", model.Summed},
		{"按计划，该行一季度完成投放乡村振兴贷款8亿元，惠及农户1200户", "8亿元", "CNY", model.Summed},
		{"严格按计划推进各项工作，一季度共发放普惠贷款5亿元", "5亿元", "CNY", model.Summed},
		// a span of years opening the sentence, or 个年头 before the clause
		{"近三年,僅在羊井子灣鄉,農行金塔縣支行就為800余戶投放貸款9049萬元。", "9049萬元", "CNY", model.Cumulative},
		{"三年来,华兴银行员工自发捐款,合计捐款超过129万元。", "超过129万元", "CNY", model.Cumulative},
		{"彩虹計劃已走過了12個年頭,累計已募集捐款超2000萬元。", "超2000萬元", "CNY", model.Cumulative},
		{"2009年,有12户社员贷款,一共贷了49万元。", "49万元", "CNY", model.Summed},
		{"近一年,该行投放贷款3亿元。", "3亿元", "CNY", model.Summed},
		{"近两年，该行不良率持续下降，今年一季度发放普惠贷款6亿元", "6亿元", "CNY", model.Summed},
		// a loss the bank's work prevented or recovered is its result
		{"据统计,2023年该行成功堵截各类涉嫌诈骗事件7起,避免经济损失340多万元。", "340多万元", "CNY", model.Summed},
		{"經過民警的及時勸阻與反詐宣傳,預計為市民減少損失3100萬余元。", "3100萬余元", "CNY", model.Summed},
		{"成功为客户挽回资金损失50万元", "50万元", "CNY", model.Summed},
		{"成功拦截涉案金额120万元", "120万元", "CNY", model.Summed},
		// a confiscation is a fine; registered capital and a scale moving
		// from one level to another are stocks; a forecast is no deed
		{"2020年7月，严峰被判处有期徒刑9年，并处没收财产人民币80万元。", "80万元", "CNY", model.FineOrCapital},
		{"华融消费金融成立于2016年1月，注册资本9亿元。", "9亿元", "CNY", model.Stock},
		{"国民养老险公司注册资金为111.5亿元", "111.5亿元", "CNY", model.Stock},
		{"“十四五”期间,绿色信贷规模从12万亿元增加到43.5万亿元(2025年三季度末),接近翻两番;", "43.5万亿元", "CNY", model.Stock},
		{"“十四五”期间,绿色信贷规模从12万亿元增加到43.5万亿元(2025年三季度末),接近翻两番;", "12万亿元", "CNY", model.Stock},
		{"此外，2015-2016年大量发行的信用债将迎来偿债高峰，今年偿还量将超过5万亿元人民币，债券违约压力较大。", "超过5万亿元", "CNY", model.Planned},
		{"全年普惠贷款投放有望突破100亿元", "突破100亿元", "CNY", model.Planned},
		{"全年普惠贷款投放突破100亿元", "突破100亿元", "CNY", model.Summed},
		// a thousands separator or a time does not end the clause
		{"在2015-17年累计投入2,050亿元处置6,000亿元不良贷款", "6,000亿元", "CNY", model.Cumulative},
		{"该行总资产从1,500亿元增至3,000亿元", "3,000亿元", "CNY", model.Stock},
		{"贷款余额超1,200亿元,新发放贷款2,345亿元", "2,345亿元", "CNY", model.Summed},
		// the period's own totals, and look-alikes
		{"今年以来累计投放普惠贷款1.2万亿元", "1.2万亿元", "CNY", model.Summed},
		{"上半年累计减费让利8亿元", "8亿元", "CNY", model.Summed},
		{"1-9月累计发放贷款300亿元", "300亿元", "CNY", model.Summed},
		{"2022年来宾分行发放贷款5亿元", "5亿元", "CNY", model.Summed},
		{"近年来,该行持续发力,今年投放贷款50亿元", "50亿元", "CNY", model.Summed},
		{"自2019年以来累计发放贷款60亿元", "60亿元", "CNY", model.Summed},
		{"全年減費讓利約27億元", "約27億元", "CNY", model.Summed},
		{"网上银行全年交易金额达18.6万亿元", "18.6万亿元", "CNY", model.Stock},
		// figures per unit: an average, a price, a limit (written fresh, and
		// from the corpus: p0002, w0043, w0064); an annual amount is done
		{"该行为农户发放贷款1.2亿元，户均8.9万元。", "8.9万元", "CNY", model.PerUnit},
		{"该行为农户发放贷款1.2亿元，户均8.9万元。", "1.2亿元", "CNY", model.Summed},
		{"对公跨行转账手续费由每笔5元降至2元。", "2元", "CNY", model.PerUnit},
		{"对公跨行转账（柜面）｜5元/笔｜2元/笔", "5元", "CNY", model.PerUnit},
		{"单位结算账户管理费｜360元／年｜免收", "360元", "CNY", model.PerUnit},
		{"為200名優秀貧困畢業生每人捐助了5000元助學金", "5000元", "CNY", model.PerUnit},
		{"36家上市银行绿色信贷余额总量约为25.48万亿元,平均超7000亿元;", "超7000亿元", "CNY", model.PerUnit},
		{"个人客户单笔5万元以上的现金业务需登记", "5万元以上", "CNY", model.PerUnit},
		{"每个网点配备2名理财经理", "2名", "person", model.PerUnit},
		{"预计降费让利规模约为每年40亿元", "40亿元", "CNY", model.Summed},
		{"全年为小微企业减免手续费2万元/户以上的共120户", "120户", "household", model.Summed},
		// a per-unit word qualifies the figure it is close to, with no other
		// figure between (the review's look-alikes: 单户授信…以下 defines the
		// loans, 平均 the rate, 每户 the files opened; 订单户, 每个月)
		{"今年以来，该行累计发放单户授信1000万元以下小微企业贷款85亿元", "85亿元", "CNY", model.Summed},
		{"今年以来，该行累计发放单户授信1000万元以下小微企业贷款85亿元", "1000万元以下", "CNY", model.PerUnit},
		{"通过下调平均贷款利率为小微企业减费让利1.2亿元", "1.2亿元", "CNY", model.Summed},
		{"该行为每户农户建立信用档案并发放贷款3.2亿元", "3.2亿元", "CNY", model.Summed},
		{"为订单户发放贷款3000万元", "3000万元", "CNY", model.Summed},
		{"每个月投放贷款约10亿元", "约10亿元", "CNY", model.Summed},
		{"每名员工捐款100元共筹集30万元", "100元", "CNY", model.PerUnit},
		{"每名员工捐款100元共筹集30万元", "30万元", "CNY", model.Summed},
		{"月均放款金额约9.2亿元", "约9.2亿元", "CNY", model.PerUnit},
		{"小微企业贷款额度最高500万元", "最高500万元", "CNY", model.PerUnit},
		{"额度上限为30万元", "30万元", "CNY", model.PerUnit},
		{"全年为小微企业减免单笔5万元以下转账汇款手续费1200万元", "1200万元", "CNY", model.Summed},
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

// TestPartAcrossThousandsSeparator: 其中 before a number written with a
// thousands separator still makes the figure after it a part.
func TestPartAcrossThousandsSeparator(t *testing.T) {
	for _, c := range []struct {
		sentence, text string
		want           bool
	}{
		{"其中向1,200户小微企业发放贷款12亿元", "12亿元", true},
		{"其中向1，200户小微企业发放贷款12亿元", "12亿元", false}, // a full-width comma ends the clause; a part carried on needs its whole
		{"向1,200户小微企业发放贷款12亿元", "12亿元", false},
	} {
		m := model.Metric{Text: c.text, Sentence: c.sentence, Unit: "CNY"}
		if got := Parts([]model.Metric{m})[0]; got != c.want {
			t.Errorf("Parts(%q in %q) = %v, want %v", c.text, c.sentence, got, c.want)
		}
	}
}

// TestPartsAndUnthemedRepeats checks, on one article, what its figures
// add up to: a part (其中) counts within the figure before it, a part of a
// stock is a stock, a part with no whole before it counts, and a figure
// with no theme repeating a themed one counts once, in its theme.
func TestPartsAndUnthemedRepeats(t *testing.T) {
	const (
		s1 = "農發行公布,前三季度累計發放貸款1.6萬億元,其中發放糧油貸款超2000億元。"
		s2 = "前三季度該行累計發放貸款1.6萬億元,同比多發放1850億元。"
		s3 = "其中,發放糧油貸款2560億元,支持收購糧食900億斤。"
		s4 = "该行绿色融资余额接近1.8万亿元,其中绿色信贷超7000亿元,不良率仅0.4%。"
		s5 = "其中，向小微企业发放贷款20亿元。"
	)
	rural := "rural_revitalization"
	facts := []model.Facts{{ID: "a", Date: "2022-07-01", Quarter: "2022Q3", PrimaryBank: "中国农业发展银行",
		Themes: []model.ThemeScore{{ID: rural}},
		Metrics: []model.Metric{
			{Text: "20亿元", Value: 2e9, Unit: "CNY", Type: "amount", Theme: rural, Sentence: s5}, // no whole before it
			{Text: "1.6萬億元", Value: 1.6e12, Unit: "CNY", Type: "amount", Sentence: s1},
			{Text: "超2000億元", Value: 2e11, Unit: "CNY", Type: "amount", Qualifier: "at_least", Sentence: s1},
			{Text: "1.6萬億元", Value: 1.6e12, Unit: "CNY", Type: "amount", Theme: rural, Sentence: s2},
			{Text: "1850億元", Value: 1.85e11, Unit: "CNY", Type: "amount", Theme: rural, Sentence: s2},
			{Text: "2560億元", Value: 2.56e11, Unit: "CNY", Type: "amount", Theme: rural, Sentence: s3},
			{Text: "1.8万亿元", Value: 1.8e12, Unit: "CNY", Type: "amount", Qualifier: "approx", Theme: "green_finance", Sentence: s4},
			{Text: "超7000亿元", Value: 7e11, Unit: "CNY", Type: "amount", Qualifier: "at_least", Theme: "green_finance", Sentence: s4},
		}}}
	r := Build(facts, Options{})
	want := []model.NotSummed{model.Summed, model.SameFigure, model.PartOfBefore, model.Summed,
		model.Difference, model.PartOfBefore, model.Stock, model.Stock}
	for i, m := range r.Metrics {
		if m.Why != want[i] {
			t.Errorf("%s in %q: %v, want %v", m.Text, m.Sentence, m.Why, want[i])
		}
		if m.Repeat() != (want[i] == model.SameFigure || want[i] == model.PartOfBefore) ||
			m.Balance() != (want[i] == model.Stock || want[i] == model.Difference || want[i] == model.Planned) {
			t.Errorf("%s: Repeat %v, Balance %v for %v", m.Text, m.Repeat(), m.Balance(), want[i])
		}
	}
	if r.Counts.Money != 1.6e12+2e9 {
		t.Errorf("money = %v, want 1.6万亿 + 20亿 (the whole once, the part with no whole)", r.Counts.Money)
	}
	// The 1.6万亿 counted is the themed mention, in its theme.
	for _, th := range r.Themes {
		if th.ID == rural && th.Money != 1.6e12+2e9 {
			t.Errorf("rural money = %v", th.Money)
		}
	}
}

// TestPartsGoOn: after 其中, every figure of the sentence is a part of the
// whole before it, clause after clause, until a word says besides (此外):
// an article of 农发行 once summed 1.4万亿元 and then each of its parts again.
func TestPartsGoOn(t *testing.T) {
	// The extraction ends a sentence at a semicolon: the parts of one 其中
	// come in several sentences.
	const (
		s1 = "上半年農發行累計投放貸款1.4萬億元,同比多投放2198億元。"
		s2 = "其中,投放糧棉油貸款3148億元,支持收購糧油1839億斤;"
		s3 = "投放精準幫扶貸款3180億元,帶動脫貧人口1643萬人;"
		s4 = "投放綠色貸款3737億元,長江大保護貸款3500億元。"
		s5 = "該行還向災區捐款500萬元。"
		s6 = "全年投放贷款100亿元，其中涉农贷款30亿元，普惠贷款20亿元，此外发行债券50亿元，同时捐赠10万元。"
		s7 = "其中，涉农贷款30亿元；"
		s8 = "此外，发行债券50亿元。"
		// a figure after 其中 that does not name what the whole names is
		// besides it (a review found these summed no more)
		s9  = "累计发放贷款100亿元，其中普惠贷款30亿元，并为小微企业减费让利5000万元。"
		s10 = "全年投放贷款130亿元，其中绿色贷款25亿元；"
		s11 = "为客户减免手续费8000万元；"
	)
	m := func(text string, v float64, s string) model.Metric {
		return model.Metric{Text: text, Value: v, Unit: "CNY", Type: "amount", Sentence: s}
	}
	facts := []model.Facts{{ID: "a", Date: "2022-07-01", Quarter: "2022Q3", PrimaryBank: "中国农业发展银行",
		Metrics: []model.Metric{
			m("1.4萬億元", 1.4e12, s1), m("2198億元", 2.198e11, s1),
			m("3148億元", 3.148e11, s2), m("3180億元", 3.18e11, s3), m("3737億元", 3.737e11, s4), m("3500億元", 3.5e11, s4),
			m("500萬元", 5e6, s5),
		}}, {ID: "b", Date: "2022-07-02", Quarter: "2022Q3", PrimaryBank: "中国农业银行",
		Metrics: []model.Metric{
			m("100亿元", 1e10, s6), m("30亿元", 3e9, s6), m("20亿元", 2e9, s6), m("50亿元", 5e9, s6), m("10万元", 1e5, s6),
			m("30亿元", 3.1e9, s7), m("50亿元", 5.1e9, s8),
		}}, {ID: "c", Date: "2022-07-03", Quarter: "2022Q3", PrimaryBank: "中国建设银行",
		Metrics: []model.Metric{
			m("100亿元", 1e10, s9), m("30亿元", 3e9, s9), m("5000万元", 5e7, s9), m("130亿元", 1.3e10, s10), m("25亿元", 2.5e9, s10), m("8000万元", 8e7, s11),
		}}}
	r := Build(facts, Options{})
	want := []model.NotSummed{model.Summed, model.Difference, model.PartOfBefore, model.PartOfBefore, model.PartOfBefore, model.PartOfBefore, model.Summed,
		model.Summed, model.PartOfBefore, model.PartOfBefore, model.Summed, model.Summed, model.PartOfBefore, model.Summed,
		model.Summed, model.PartOfBefore, model.Summed, model.Summed, model.PartOfBefore, model.Summed}
	for i, m := range r.Metrics {
		if m.Why != want[i] {
			t.Errorf("%s in %q: %v, want %v", m.Text, m.Sentence, m.Why, want[i])
		}
	}
	if want := 1.4e12 + 5e6 + 1e10 + 5e9 + 1e5 + 5.1e9 + 1e10 + 5e7 + 1.3e10 + 8e7; r.Counts.Money != want {
		t.Errorf("money = %v, want %v (each whole once, and what is besides it)", r.Counts.Money, want)
	}
}

// A measure word kept as written (6個, a traditional article's) is summed
// with its simplified form (6个) in one row, shown simplified.
func TestUnitsAsWrittenSummedTogether(t *testing.T) {
	facts := []model.Facts{
		{ID: "a", File: "a", Date: "2022-06-01", Quarter: "2022Q2", PrimaryBank: "中国农业银行",
			Metrics: []model.Metric{{Text: "6個", Value: 6, Unit: "個", Type: "other", Sentence: "新建6個"}}},
		{ID: "b", File: "b", Date: "2022-06-02", Quarter: "2022Q2", PrimaryBank: "中国农业银行",
			Metrics: []model.Metric{{Text: "4个", Value: 4, Unit: "个", Type: "other", Sentence: "新建4个"}}},
	}
	r := Build(facts, Options{})
	if len(r.Sums) != 1 || r.Sums[0].Unit != "个" || r.Sums[0].Sum != 10 || r.Sums[0].Count != 2 {
		t.Errorf("sums %+v, want one row of 10 个", r.Sums)
	}
	if r.Metrics[0].Unit != "個" {
		t.Errorf("the detail row's unit is %q, want 個 as written", r.Metrics[0].Unit)
	}
}

// TestPerWordsTwoRunes: perUnitBefore reads only the last perReach+2 runes
// of a clause, which holds while every word of perBefore is two runes.
func TestPerWordsTwoRunes(t *testing.T) {
	for _, w := range perBefore {
		if n := utf8.RuneCountInString(w); n != 2 {
			t.Errorf("perBefore word %q has %d runes; perUnitBefore's window assumes 2", w, n)
		}
	}
}
