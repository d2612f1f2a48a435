package xlsx

import "github.com/bankbrief/bankbrief/internal/model"

// Article IDs of the fixture: three seeds and two made-up companions.
const (
	idGF   = "000_0b872719766d8c1f" // 广发银行, testdata/seeds
	idGD   = "001_209a33a96d8ac9b7" // 桂东农商银行, previous quarter
	idICBC = "002_87607fd0df3c6357" // 中国工商银行, title made formula-looking
	idCITC = "004_3d201c0eda562d6d" // 中信银行, no date
	idCopy = "web_0101_copy"        // a syndicated copy of idGF
)

const (
	sentGF27 = "提升客户服务体验，持续推进减费让利，全年全行面向小微企业和个人客户减免手续费、管理费等合计约27亿元；"
	sentICBC = "经过不断的创新实践与经验积累,该行在140余家网点设立“新·深圳·人-工行驿站”,汇聚起政务服务、产业文化、公益服务和民生服务等生态场景。"
	// Formula-looking text: must be stored as text.
	titleICBC  = `=“服务初心 人民称心”网点服务提升季进行时`
	sentICBC50 = "@2022年该行在全辖140余家网点开展近50场“应急急救技能培训”。"
	branchEq   = "=SUM(A1:A2)"
	sourceEq   = "+中国城市网"
	textMinus  = "-5000万元"
)

// balance marks a metric row as a stock figure.
func balance(m model.MetricRow) model.MetricRow { m.Why = model.Stock; return m }

// fixture is a hand-made report for 2022Q1 in the shape internal/aggregate
// gives: figures from testdata/seeds, one syndicated copy, one repeat, one stock,
// two percentages, formula-looking text, a previous quarter and a skipped file.
func fixture() *model.Report {
	gf := func(m model.Metric, repeat bool) model.MetricRow {
		m.Bank = "广发银行"
		why := model.Summed
		if repeat {
			why = model.SameFigure
		}
		return model.MetricRow{Metric: &m, ArticleRow: &model.ArticleRow{ID: idGF, Title: "广发银行用心用情用力为群众办实事", URL: "https://news.example.cn/2022/01/05/gf.html",
			Date: "2022-01-05", Quarter: "2022Q1", File: "testdata/seeds/000_0b872719766d8c1f.txt"}, BankName: "广发银行", BankType: "joint_stock", Why: why}
	}
	icbc := func(m model.Metric) model.MetricRow {
		m.Bank = "中国工商银行"
		m.Branch = branchEq
		return model.MetricRow{Metric: &m, ArticleRow: &model.ArticleRow{ID: idICBC, Title: titleICBC, URL: `https://www.example.com/a?x=1&y="2"`,
			Date: "2022-02-14", Quarter: "2022Q1", File: "testdata/seeds/002_87607fd0df3c6357.txt"}, BankName: "中国工商银行", BankType: "state_owned"}
	}
	r := &model.Report{
		Lang: "zh", Period: "2022Q1", Quarters: []string{"2021Q4", "2022Q1", model.QuarterUnknown},
		DataUpTo: "2022-03-30", FirstDate: "2022-01-05", LastDate: "2022-02-14",
		Counts: model.Counts{Files: 6, Articles: 3, OtherPeriods: 1, UndatedLeftOut: 1, Used: 2, Duplicates: 1, Skipped: 1, Undated: 0,
			Banks: 2, Metrics: 9, Money: 2.75e9},
		Prev:       &model.Counts{Files: 1, Articles: 1, Used: 1, Banks: 1, Metrics: 2, Money: 1.45e8},
		PrevPeriod: "2021Q4",
		Articles: []model.ArticleRow{
			{ID: idGF, File: "testdata/seeds/000_0b872719766d8c1f.txt", Title: "广发银行用心用情用力为群众办实事", URL: "https://news.example.cn/2022/01/05/gf.html",
				Date: "2022-01-05", Quarter: "2022Q1", Source: "上海证券报·中国证券网", PrimaryBank: "广发银行", BankType: "joint_stock",
				Themes: []string{"fee_reduction", "consumer_protection", "party_building"}, Metrics: 5},
			{ID: idCopy, File: "corpus/web/web_0101_copy.txt", Title: "广发银行用心用情用力为群众办实事", URL: "",
				Date: "2022-01-06", Quarter: "2022Q1", Source: "转载", PrimaryBank: "广发银行", BankType: "joint_stock",
				Themes: []string{"fee_reduction"}, Metrics: 5, DuplicateOf: idGF},
			{ID: idICBC, File: "testdata/seeds/002_87607fd0df3c6357.txt", Title: titleICBC, URL: `https://www.example.com/a?x=1&y="2"`,
				Date: "2022-02-14", Quarter: "2022Q1", Source: sourceEq, PrimaryBank: "中国工商银行", BankType: "state_owned",
				Themes: []string{"service_quality", "inclusive_finance"}, Metrics: 4},
		},
		Metrics: []model.MetricRow{
			gf(model.Metric{Text: "约27亿元", Value: 2.7e9, Unit: "CNY", Type: "amount", Qualifier: model.Approx, Theme: "fee_reduction", Sentence: "全年减费让利约27亿元", Offset: 40}, false),
			gf(model.Metric{Text: "逾1500个", Value: 1500, Unit: "item", Type: "items", Qualifier: model.AtLeast, Theme: "party_building", Sentence: "全行推动落实逾1500个办实事项目。", Offset: 300}, false),
			gf(model.Metric{Text: "约27亿元", Value: 2.7e9, Unit: "CNY", Type: "amount", Qualifier: model.Approx, Theme: "fee_reduction", Sentence: sentGF27, Offset: 520}, true),
			gf(model.Metric{Text: "68%", Value: -68, Unit: "percent", Type: "percent", Qualifier: model.Exact, Theme: "consumer_protection", Sentence: "客户投诉同比大幅下降68%。", Offset: 700}, false),
			gf(model.Metric{Text: "20%以上", Value: 20, Unit: "percent", Type: "percent", Qualifier: model.AtLeast, Theme: "consumer_protection", Sentence: "客户满意度提高了20%以上。", Offset: 760}, false),
			icbc(model.Metric{Text: "140余家", Value: 140, Unit: "outlet", Type: "outlets", Qualifier: model.AtLeast, Theme: "service_quality", Sentence: sentICBC, Offset: 200}),
			icbc(model.Metric{Text: "近50场", Value: 50, Unit: "event", Type: "events", Qualifier: model.Approx, Theme: "service_quality", Sentence: sentICBC50, Offset: 400}),
			icbc(model.Metric{Text: textMinus, Value: 5e7, ValueHigh: 6e7, Unit: "CNY", Type: "amount", Qualifier: model.Exact, Theme: "inclusive_finance", Sentence: "-向小微企业投放贷款5000万元至6000万元", Offset: 600}),
			balance(icbc(model.Metric{Text: "300亿元", Value: 3e10, Unit: "CNY", Type: "amount", Qualifier: model.Exact, Theme: "inclusive_finance", Sentence: "截至年末，该行普惠贷款余额达300亿元。", Offset: 700})),
		},
		Banks: []model.BankRow{
			{Name: "广发银行", Type: "joint_stock", Articles: 1, Metrics: 5, Money: 2.7e9, Themes: []string{"fee_reduction", "consumer_protection", "party_building"}},
			{Name: "中国工商银行", Type: "state_owned", Articles: 1, Metrics: 4, Money: 5e7, Themes: []string{"service_quality", "inclusive_finance"}},
		},
		Themes: []model.ThemeRow{
			{ID: "fee_reduction", Articles: 1, Metrics: 2, Money: 2.7e9, PrevArticles: 0, PrevMoney: 0},
			{ID: "inclusive_finance", Articles: 1, Metrics: 1, Money: 5e7, PrevArticles: 1, PrevMoney: 1.45e8},
			{ID: "party_building", Frame: true, Articles: 1, Metrics: 1, PrevArticles: 1},
			{ID: "consumer_protection", Articles: 1, Metrics: 2, PrevArticles: 0},
			{ID: "service_quality", Articles: 1, Metrics: 2, PrevArticles: 0},
		},
		BankTheme: []model.BankThemeCell{
			{Bank: "中国工商银行", Theme: "inclusive_finance", Articles: 1, Metrics: 1},
			{Bank: "中国工商银行", Theme: "service_quality", Articles: 1, Metrics: 2},
			{Bank: "广发银行", Theme: "consumer_protection", Articles: 1, Metrics: 2},
			{Bank: "广发银行", Theme: "fee_reduction", Articles: 1, Metrics: 2},
			{Bank: "广发银行", Theme: "party_building", Articles: 1, Metrics: 1},
		},
		Sums: []model.MetricSum{
			{Bank: "中国工商银行", BankType: "state_owned", Theme: "inclusive_finance", Type: "amount", Unit: "CNY", Mentions: 2, Count: 1, Sum: 5e7, Median: 5e7, Min: 5e7, Max: 5e7},
			{Bank: "中国工商银行", BankType: "state_owned", Theme: "service_quality", Type: "events", Unit: "event", Mentions: 1, Count: 1, Sum: 50, Median: 50, Min: 50, Max: 50},
			{Bank: "中国工商银行", BankType: "state_owned", Theme: "service_quality", Type: "outlets", Unit: "outlet", Mentions: 1, Count: 1, Sum: 140, Median: 140, Min: 140, Max: 140},
			{Bank: "广发银行", BankType: "joint_stock", Theme: "consumer_protection", Type: "percent", Unit: "percent", Mentions: 2, Count: 2, Sum: 0, Median: -24, Min: -68, Max: 20},
			{Bank: "广发银行", BankType: "joint_stock", Theme: "fee_reduction", Type: "amount", Unit: "CNY", Mentions: 2, Count: 1, Sum: 2.7e9, Median: 2.7e9, Min: 2.7e9, Max: 2.7e9},
			{Bank: "广发银行", BankType: "joint_stock", Theme: "party_building", Type: "items", Unit: "item", Mentions: 1, Count: 1, Sum: 1500, Median: 1500, Min: 1500, Max: 1500},
		},
		Trend: []model.TrendCell{
			{Quarter: "2021Q4", Kind: "theme", Key: "inclusive_finance", Articles: 1, Metrics: 2, Money: 1.45e8},
			{Quarter: "2021Q4", Kind: "theme", Key: "party_building", Articles: 1},
			{Quarter: "2022Q1", Kind: "theme", Key: "fee_reduction", Articles: 1, Metrics: 2, Money: 2.7e9},
			{Quarter: "2022Q1", Kind: "theme", Key: "inclusive_finance", Articles: 1, Metrics: 1, Money: 5e7},
			{Quarter: "2022Q1", Kind: "theme", Key: "party_building", Articles: 1, Metrics: 1},
			{Quarter: "2022Q1", Kind: "theme", Key: "consumer_protection", Articles: 1, Metrics: 2},
			{Quarter: "2022Q1", Kind: "theme", Key: "service_quality", Articles: 1, Metrics: 2},
			{Quarter: model.QuarterUnknown, Kind: "theme", Key: "employee_care", Articles: 1, Metrics: 1},
			{Quarter: "2021Q4", Kind: "bank", Key: "桂东农商银行", Articles: 1, Metrics: 2, Money: 1.45e8},
			{Quarter: "2022Q1", Kind: "bank", Key: "广发银行", Articles: 1, Metrics: 5, Money: 2.7e9},
			{Quarter: "2022Q1", Kind: "bank", Key: "中国工商银行", Articles: 1, Metrics: 3, Money: 5e7},
			{Quarter: model.QuarterUnknown, Kind: "bank", Key: "中信银行", Articles: 1, Metrics: 1},
		},
		Skipped:  []model.SkippedFile{{File: "corpus/web/broken.bin", Reason: "not text: binary content"}},
		Undated:  []model.ArticleRef{{ID: idCITC, File: "testdata/seeds/004_3d201c0eda562d6d.txt", Title: "中信银行信用卡中心以五强五服务扎实推动我为群众办实事"}},
		Warnings: []model.ArticleWarning{{ID: idCITC, File: "testdata/seeds/004_3d201c0eda562d6d.txt", Warning: "digits missing: 新入职余人"}},
		Clusters: []model.CopyGroup{{Kept: model.ArticleRef{ID: idGF, File: "testdata/seeds/000_0b872719766d8c1f.txt", Title: "广发银行用心用情用力为群众办实事"},
			Copies: []model.ArticleRef{{ID: idCopy, File: "corpus/web/web_0101_copy.txt", Title: "广发银行用心用情用力为群众办实事"}}}},
	}
	return r
}
