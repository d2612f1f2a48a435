package brief

import "github.com/bankbrief/bankbrief/internal/model"

// The figures and sentences below come from the bundled sample articles
// (testdata/seeds), arranged as internal/aggregate would report them.

// wrapPhrase is a phrase of a highlighted sentence that the brief must keep
// whole, character for character, even where a line breaks inside it.
const wrapPhrase = "完成逾1500个办实事项目"

// sentence1500 is the seed's sentence (000_0b872719766d8c1f.txt) with its
// paragraph's lead clause, long enough to wrap.
const sentence1500Lead = "广发银行党委制定《“我为群众办实事”实践活动工作方案》，建立项目清单任务分解表台账、明确责任人、制定解决措施，截至目前，广发银行各级党委已对照清单"

func sampleReport(lang string) *model.Report {
	return sampleReportLead(lang, sentence1500Lead)
}

func sampleReportLead(lang, lead string) *model.Report {
	r := &model.Report{
		Lang:      lang,
		Period:    "",
		Quarters:  []string{"2021Q4", "2022Q1", "2022Q4", model.QuarterUnknown},
		DataUpTo:  "2022-10-11",
		FirstDate: "2021-10-19",
		LastDate:  "2022-10-11",
		Counts: model.Counts{
			Files: 6, Articles: 5, Used: 5, Duplicates: 0, Skipped: 1, Undated: 0,
			Banks: 4, Metrics: 14, Money: 2.7e9 + 1.45e8 + 2.2e9,
		},
		Articles: []model.ArticleRow{
			{ID: "004_3d201c0eda562d6d", File: "testdata/seeds/004_3d201c0eda562d6d.txt", Title: "中信银行信用卡中心以五强五服务扎实推动我为群众办实事", Date: "2021-10-19", Quarter: "2021Q4", PrimaryBank: "中信银行", BankType: "joint_stock", Themes: []string{"employment", "rural_revitalization", "party_building"}},
			{ID: "001_209a33a96d8ac9b7", File: "testdata/seeds/001_209a33a96d8ac9b7.txt", Title: "桂东农商银行：聚焦群众“急难愁盼”问题 把服务做到客户心里", Date: "2021-12-23", Quarter: "2021Q4", Source: "红网", PrimaryBank: "桂东农商银行", BankType: "rural", Themes: []string{"inclusive_finance", "service_quality", "party_building"}},
			{ID: "000_0b872719766d8c1f", File: "testdata/seeds/000_0b872719766d8c1f.txt", Title: "广发银行用心用情用力为群众办实事", Date: "2022-01-05", Quarter: "2022Q1", Source: "上海证券报·中国证券网", PrimaryBank: "广发银行", BankType: "joint_stock", Themes: []string{"fee_reduction", "inclusive_finance", "party_building"}},
			{ID: "003_a556e87e8bd86a70", File: "testdata/seeds/003_a556e87e8bd86a70.txt", Title: "加快建设人民群众满意银行", Date: "2022-10-11", Quarter: "2022Q4", Source: "文池范文网", PrimaryBank: "中国工商银行", BankType: "state_owned", Themes: []string{"service_quality", "digital_services", "financial_literacy"}},
			{ID: "002_87607fd0df3c6357", File: "testdata/seeds/002_87607fd0df3c6357.txt", Title: "“服务初心 人民称心”网点服务提升季进行时 多措并举助力特区金融服务建设", Source: "中国城市网", PrimaryBank: "中国工商银行", BankType: "state_owned", Date: "2022-10-01", Quarter: "2022Q4", Themes: []string{"service_quality", "new_citizens", "elderly_services"}},
		},
		Banks: []model.BankRow{
			{Name: "中国工商银行", Type: "state_owned", Articles: 2, Metrics: 4},
			{Name: "广发银行", Type: "joint_stock", Articles: 1, Metrics: 6, Money: 2.7e9 + 2.2e9},
			{Name: "桂东农商银行", Type: "rural", Articles: 1, Metrics: 3, Money: 1.45e8},
			{Name: "中信银行", Type: "joint_stock", Articles: 1, Metrics: 1},
		},
		Themes: []model.ThemeRow{
			{ID: "party_building", Frame: true, Articles: 3, PrevArticles: -1},
			{ID: "service_quality", Articles: 3, Metrics: 4, PrevArticles: -1},
			{ID: "inclusive_finance", Articles: 2, Metrics: 3, Money: 1.45e8 + 2.2e9, PrevArticles: -1},
			{ID: "fee_reduction", Articles: 1, Metrics: 1, Money: 2.7e9, PrevArticles: -1},
			{ID: "new_citizens", Articles: 1, Metrics: 1, PrevArticles: -1},
			{ID: "elderly_services", Articles: 1, PrevArticles: -1},
			{ID: "financial_literacy", Articles: 1, Metrics: 1, PrevArticles: -1},
			{ID: "digital_services", Articles: 1, PrevArticles: -1},
			{ID: "employment", Articles: 1, PrevArticles: -1},
			{ID: "rural_revitalization", Articles: 1, PrevArticles: -1},
		},
		BankTheme: []model.BankThemeCell{
			{Bank: "中国工商银行", Theme: "service_quality", Articles: 2, Metrics: 3},
			{Bank: "中国工商银行", Theme: "new_citizens", Articles: 1, Metrics: 1},
			{Bank: "中国工商银行", Theme: "financial_literacy", Articles: 1, Metrics: 1},
			{Bank: "广发银行", Theme: "fee_reduction", Articles: 1, Metrics: 1},
			{Bank: "广发银行", Theme: "inclusive_finance", Articles: 1, Metrics: 2},
			{Bank: "桂东农商银行", Theme: "inclusive_finance", Articles: 1, Metrics: 1},
			{Bank: "桂东农商银行", Theme: "service_quality", Articles: 1, Metrics: 1},
			{Bank: "中信银行", Theme: "employment", Articles: 1},
		},
		Skipped: []model.SkippedFile{{File: "testdata/seeds/notes.docx", Reason: "not an article"}},
	}
	gf := func(m model.Metric) model.MetricRow {
		return model.MetricRow{Metric: &m, ArticleRow: &model.ArticleRow{ID: "000_0b872719766d8c1f", Title: "广发银行用心用情用力为群众办实事", Date: "2022-01-05", Quarter: "2022Q1"}, BankName: "广发银行", BankType: "joint_stock"}
	}
	gd := func(m model.Metric) model.MetricRow {
		return model.MetricRow{Metric: &m, ArticleRow: &model.ArticleRow{ID: "001_209a33a96d8ac9b7", Title: "桂东农商银行：聚焦群众“急难愁盼”问题 把服务做到客户心里", Date: "2021-12-23", Quarter: "2021Q4"}, BankName: "桂东农商银行", BankType: "rural"}
	}
	gh := func(m model.Metric) model.MetricRow {
		return model.MetricRow{Metric: &m, ArticleRow: &model.ArticleRow{ID: "002_87607fd0df3c6357", Title: "“服务初心 人民称心”网点服务提升季进行时 多措并举助力特区金融服务建设", Date: "2022-10-01", Quarter: "2022Q4"}, BankName: "中国工商银行", BankType: "state_owned"}
	}
	r.Metrics = []model.MetricRow{
		gf(model.Metric{Text: "逾1500个", Value: 1500, Unit: "item", Type: "items", Qualifier: model.AtLeast, Theme: "service_quality", Bank: "广发银行",
			Sentence: lead + wrapPhrase + "。"}),
		gf(model.Metric{Text: "约27亿元", Value: 2.7e9, Unit: "CNY", Type: "amount", Qualifier: model.Approx, Theme: "fee_reduction", Bank: "广发银行",
			Sentence: "全年减费让利约27亿元"}),
		gf(model.Metric{Text: "约27亿元", Value: 2.7e9, Unit: "CNY", Type: "amount", Qualifier: model.Approx, Theme: "fee_reduction", Bank: "广发银行",
			Sentence: "提升客户服务体验，持续推进减费让利，全年全行面向小微企业和个人客户减免手续费、管理费等合计约27亿元；上线手机银行理财产品、基金、保险的收益明细等功能，优化RCS系统核销贷款还款顺序，投产叫号机识别老年人身份后匹配优先号功能，简化柜面激活社保卡流程，增加95508、400客服粤语功能。"}),
		gf(model.Metric{Text: "22亿元", Value: 2.2e9, Unit: "CNY", Type: "amount", Qualifier: model.Exact, Theme: "inclusive_finance",
			Sentence: "在北京推广普惠健康保2.7万户，助力政府部门在澳门发行22亿元离岸人民币地方政府债券，更好地响应客户需求。"}),
		gf(model.Metric{Text: "2.7万户", Value: 27000, Unit: "household", Type: "customers", Qualifier: model.Exact, Theme: "inclusive_finance",
			Sentence: "在北京推广普惠健康保2.7万户，助力政府部门在澳门发行22亿元离岸人民币地方政府债券，更好地响应客户需求。"}),
		gd(model.Metric{Text: "1.45亿元", Value: 1.45e8, Unit: "CNY", Type: "amount", Qualifier: model.Exact, Theme: "inclusive_finance", Bank: "桂东农商银行",
			Sentence: "其次，该行走访企业28次，深入开展调查研究，到小微企业倾听企业心声，了解企业融资情况和困难，深入研究金融服务小微企业“难点堵点”，持续优化小微企业金融服务，绘制小微企业信贷“简易开户”流程图，截至目前，普惠金融业务新增投放1.45亿元。"}),
		gd(model.Metric{Text: "189份", Value: 189, Unit: "份", Type: "other", Qualifier: model.Exact, Theme: "service_quality", Bank: "桂东农商银行",
			Sentence: "桂东农商银行加强党对基层治理的全面领导，夯实基层治理的地基，组织工作人员通过开展“走基层、结对子、听心声、解难题”调研，发放189份调查问卷。"}),
		gh(model.Metric{Text: "140余家网点", Value: 140, Unit: "outlet", Type: "outlets", Qualifier: model.AtLeast, Theme: "service_quality",
			Sentence: "经过不断的创新实践与经验积累,该行在140余家网点设立“新·深圳·人-工行驿站”,汇聚起政务服务、产业文化、公益服务和民生服务等生态场景,以网点生态化转型重构客户关系、重塑客户连接,为特区金融服务生态建设注入源头活水。"}),
		gh(model.Metric{Text: "1万名", Value: 10000, Unit: "person", Type: "customers", Qualifier: model.Exact, Theme: "new_citizens",
			Sentence: "深圳作为全国率先普及“第一响应人”应急救护证书培训的先行先试城市之一,今年7月,市政府将1万名“应急第一响应人”培训项目列为2022年度“十大民生实事”之一。"}),
	}
	r.Metrics[2].Why = model.SameFigure // the body repeats the heading's figure
	r.Metrics[1].Offset, r.Metrics[2].Offset = 10, 20
	return r
}
