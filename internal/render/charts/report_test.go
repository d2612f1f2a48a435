package charts

import (
	"fmt"
	"sort"

	"github.com/bankbrief/bankbrief/internal/model"
)

// testArticle is one hand-made article of a test report.
type testArticle struct {
	id, date, bank, bankType, title, url string
	themes                               []string
	metrics                              []model.Metric
	dupOf                                string
}

// seedArticles are shaped after testdata/seeds (figures and banks of the
// five sample articles) plus a few more written in the same style.
func seedArticles() []testArticle {
	cny := func(text string, v float64, theme, sentence string) model.Metric {
		return model.Metric{Text: text, Value: v, Unit: "CNY", Type: "amount", Qualifier: model.Exact, Theme: theme, Sentence: sentence}
	}
	return []testArticle{
		{id: "000_0b872719766d8c1f", date: "2022-01-05", bank: "广发银行", bankType: "joint_stock",
			title: "广发银行用心用情用力为群众办实事", url: "https://example.com/cgb/2022/0105.html",
			themes: []string{"fee_reduction", "inclusive_finance", "party_building"},
			metrics: []model.Metric{
				{Text: "约27亿元", Value: 2.7e9, Unit: "CNY", Type: "amount", Qualifier: model.Approx, Theme: "fee_reduction", Sentence: "全年减费让利约27亿元"},
				{Text: "约27亿元", Value: 2.7e9, Unit: "CNY", Type: "amount", Qualifier: model.Approx, Theme: "fee_reduction", Sentence: "全年全行面向小微企业和个人客户减免手续费、管理费等合计约27亿元"},
				{Text: "2.7万户", Value: 27000, Unit: "household", Type: "customers", Qualifier: model.Exact, Theme: "inclusive_finance", Sentence: "在北京推广普惠健康保2.7万户"},
				cny("4亿元", 4e8, "inclusive_finance", "向受影响较大的重点企业提供4亿元贷款"),
			}},
		{id: "001_209a33a96d8ac9b7", date: "2021-12-23", bank: "桂东农商银行", bankType: "rural",
			title: "桂东农商银行：聚焦群众“急难愁盼”问题 把服务做到客户心里", url: "https://example.com/hn/1223.html",
			themes: []string{"inclusive_finance", "elderly_services", "service_quality"},
			metrics: []model.Metric{
				cny("1.45亿元", 1.45e8, "inclusive_finance", "普惠金融业务新增投放1.45亿元"),
				{Text: "16家", Value: 16, Unit: "outlet", Type: "outlets", Qualifier: model.Exact, Theme: "service_quality", Sentence: "对16家经营网点开展服务检查"},
			}},
		{id: "002_87607fd0df3c6357", date: "2022-11-02", bank: "中国工商银行", bankType: "state_owned",
			title:  "“服务初心 人民称心”网点服务提升季进行时 多措并举助力特区金融服务建设",
			themes: []string{"service_quality", "new_citizens", "elderly_services"},
			metrics: []model.Metric{
				{Text: "140余家", Value: 140, Unit: "outlet", Type: "outlets", Qualifier: model.AtLeast, Theme: "new_citizens", Branch: "深圳市分行", Sentence: "该行在140余家网点设立“新·深圳·人-工行驿站”"},
			}},
		{id: "003_a556e87e8bd86a70", date: "2022-10-11", bank: "中国工商银行", bankType: "state_owned",
			title: "加快建设人民群众满意银行", themes: []string{"service_quality", "consumer_protection"}},
		{id: "004_3d201c0eda562d6d", date: "2021-10-19", bank: "中信银行", bankType: "joint_stock",
			title: "中信银行信用卡中心以五强五服务扎实推动我为群众办实事", url: "https://example.com/citic/1019",
			themes: []string{"anti_fraud", "rural_revitalization", "financial_literacy"},
			metrics: []model.Metric{
				{Text: "超过10万人次", Value: 1e5, Unit: "person_time", Type: "customers", Qualifier: model.AtLeast, Theme: "financial_literacy", Sentence: "本次公益宣教直播累计观看超过10万人次"},
			}},
		{id: "005_copy", date: "2022-01-06", bank: "广发银行", bankType: "joint_stock", dupOf: "000_0b872719766d8c1f",
			title: "广发银行用心用情用力为群众办实事（转载）", themes: []string{"fee_reduction"}},
		{id: "006_hand", date: "2022-03-15", bank: "中国建设银行", bankType: "state_owned",
			title: "建设银行开展“3·15”金融消费者权益保护教育宣传周活动", url: "https://example.com/ccb/315",
			themes: []string{"consumer_protection", "financial_literacy", "anti_fraud"},
			metrics: []model.Metric{
				{Text: "1200余场", Value: 1200, Unit: "event", Type: "events", Qualifier: model.AtLeast, Theme: "financial_literacy", Sentence: "全行累计开展宣传活动1200余场"},
				cny("3000万元", 3e7, "anti_fraud", "成功拦截电信诈骗资金3000万元"),
			}},
		{id: "007_hand", date: "2022-05-20", bank: "广发银行", bankType: "joint_stock",
			title: "广发银行推出小微企业减费让利专项行动", themes: []string{"fee_reduction", "inclusive_finance"},
			metrics: []model.Metric{
				cny("5.6亿元", 5.6e8, "fee_reduction", "预计全年为小微企业减免费用5.6亿元"),
				{Text: "98%", Value: 98, Unit: "percent", Type: "percent", Qualifier: model.Exact, Theme: "inclusive_finance", Sentence: "线上业务办理占比达98%"},
			}},
		{id: "008_hand", date: "", bank: "桂东农商银行", bankType: "rural",
			title: "桂东农商银行开展适老化网点改造", themes: []string{"elderly_services"}},
	}
}

// manyBankArticles adds articles of n made-up rural and city banks so that
// the charts must handle "other" groups and zooming.
func manyBankArticles(n int) []testArticle {
	out := seedArticles()
	themes := []string{"inclusive_finance", "rural_revitalization", "anti_fraud", "elderly_services", "fee_reduction", "financial_literacy"}
	for i := 0; i < n; i++ {
		bank := fmt.Sprintf("样例%02d农商银行", i)
		for j := 0; j <= i%4; j++ {
			th := themes[(i+j)%len(themes)]
			month := 1 + (i+3*j)%12
			a := testArticle{id: fmt.Sprintf("gen_%02d_%d", i, j), date: fmt.Sprintf("2022-%02d-%02d", month, 1+(i*7+j)%28),
				bank: bank, bankType: "rural", title: fmt.Sprintf("%s扎实推进%s工作", bank, model.Lookup(model.Themes, th).Zh), themes: []string{th}}
			if j%2 == 0 {
				a.metrics = append(a.metrics, model.Metric{Text: fmt.Sprintf("%d万元", 100*(i+1)), Value: float64(100*(i+1)) * 1e4, Unit: "CNY",
					Type: "amount", Qualifier: model.Exact, Theme: th, Sentence: fmt.Sprintf("累计发放贷款%d万元", 100*(i+1))})
			}
			out = append(out, a)
		}
	}
	return out
}

// buildReport aggregates test articles the way internal/aggregate
// describes a Report: used articles only, sorted slices.
func buildReport(lang string, arts []testArticle) *model.Report {
	r := &model.Report{Lang: lang, DataUpTo: "2022-11-02"}
	sort.SliceStable(arts, func(i, j int) bool {
		if arts[i].date != arts[j].date {
			return arts[i].date < arts[j].date
		}
		return arts[i].id < arts[j].id
	})
	banks := map[string]*model.BankRow{}
	themes := map[string]*model.ThemeRow{}
	cells := map[[2]string]*model.BankThemeCell{}
	sums := map[[4]string]*model.MetricSum{}
	trend := map[[3]string]*model.TrendCell{}
	quarters := map[string]bool{}
	for _, a := range arts {
		q := model.Quarter(a.date)
		quarters[q] = true
		r.Articles = append(r.Articles, model.ArticleRow{ID: a.id, File: a.id + ".txt", Title: a.title, URL: a.url, Date: a.date,
			Quarter: q, PrimaryBank: a.bank, BankType: a.bankType, Themes: a.themes, Metrics: len(a.metrics), DuplicateOf: a.dupOf})
		r.Counts.Files++
		r.Counts.Articles++
		if a.date == "" {
			r.Counts.Undated++
			r.Undated = append(r.Undated, model.ArticleRef{ID: a.id, File: a.id + ".txt", Title: a.title})
		}
		if a.dupOf != "" {
			r.Counts.Duplicates++
			continue
		}
		r.Counts.Used++
		if r.FirstDate == "" || (a.date != "" && a.date < r.FirstDate) {
			r.FirstDate = a.date
		}
		if a.date > r.LastDate {
			r.LastDate = a.date
		}
		b := banks[a.bank]
		if b == nil {
			b = &model.BankRow{Name: a.bank, Type: a.bankType}
			banks[a.bank] = b
		}
		b.Articles++
		for _, th := range a.themes {
			t := themes[th]
			if t == nil {
				t = &model.ThemeRow{ID: th, Frame: th == model.FrameTheme, PrevArticles: -1, PrevMoney: -1}
				themes[th] = t
			}
			t.Articles++
			c := cells[[2]string{a.bank, th}]
			if c == nil {
				c = &model.BankThemeCell{Bank: a.bank, Theme: th}
				cells[[2]string{a.bank, th}] = c
			}
			c.Articles++
			for _, k := range []struct{ kind, key string }{{"theme", th}} {
				tc := trend[[3]string{q, k.kind, k.key}]
				if tc == nil {
					tc = &model.TrendCell{Quarter: q, Kind: k.kind, Key: k.key}
					trend[[3]string{q, k.kind, k.key}] = tc
				}
				tc.Articles++
			}
		}
		seen := map[string]bool{}
		for _, m := range a.metrics {
			key := fmt.Sprint(m.Value, m.Unit, m.Theme)
			repeat := seen[key]
			seen[key] = true
			why := model.Summed
			if repeat {
				why = model.SameFigure
			}
			r.Metrics = append(r.Metrics, model.MetricRow{Metric: &m, ArticleRow: &model.ArticleRow{ID: a.id, Title: a.title, URL: a.url, Date: a.date,
				Quarter: q}, BankName: a.bank, BankType: a.bankType, Why: why})
			r.Counts.Metrics++
			b.Metrics++
			s := sums[[4]string{a.bank, m.Theme, m.Type, m.Unit}]
			if s == nil {
				s = &model.MetricSum{Bank: a.bank, BankType: a.bankType, Theme: m.Theme, Type: m.Type, Unit: m.Unit}
				sums[[4]string{a.bank, m.Theme, m.Type, m.Unit}] = s
			}
			s.Mentions++
			if !repeat {
				s.Count++
				s.Sum += m.Value
				if m.Unit == "CNY" {
					r.Counts.Money += m.Value
					b.Money += m.Value
				}
			}
		}
	}
	for _, b := range banks {
		r.Banks = append(r.Banks, *b)
	}
	sort.Slice(r.Banks, func(i, j int) bool { // internal/aggregate's order
		if r.Banks[i].Articles != r.Banks[j].Articles {
			return r.Banks[i].Articles > r.Banks[j].Articles
		}
		if r.Banks[i].Metrics != r.Banks[j].Metrics {
			return r.Banks[i].Metrics > r.Banks[j].Metrics
		}
		return r.Banks[i].Name < r.Banks[j].Name
	})
	r.Counts.Banks = len(r.Banks)
	for _, t := range themes {
		r.Themes = append(r.Themes, *t)
	}
	sort.Slice(r.Themes, func(i, j int) bool { return r.Themes[i].ID < r.Themes[j].ID })
	for _, c := range cells {
		r.BankTheme = append(r.BankTheme, *c)
	}
	sort.Slice(r.BankTheme, func(i, j int) bool {
		if r.BankTheme[i].Bank != r.BankTheme[j].Bank {
			return r.BankTheme[i].Bank < r.BankTheme[j].Bank
		}
		return r.BankTheme[i].Theme < r.BankTheme[j].Theme
	})
	for _, s := range sums {
		r.Sums = append(r.Sums, *s)
	}
	sort.Slice(r.Sums, func(i, j int) bool {
		a, b := r.Sums[i], r.Sums[j]
		return fmt.Sprint(a.Bank, a.Theme, a.Type, a.Unit) < fmt.Sprint(b.Bank, b.Theme, b.Type, b.Unit)
	})
	for _, t := range trend {
		r.Trend = append(r.Trend, *t)
	}
	sort.Slice(r.Trend, func(i, j int) bool {
		a, b := r.Trend[i], r.Trend[j]
		return a.Quarter+a.Kind+a.Key < b.Quarter+b.Kind+b.Key
	})
	for q := range quarters {
		r.Quarters = append(r.Quarters, q)
	}
	sort.Slice(r.Quarters, func(i, j int) bool {
		if (r.Quarters[i] == model.QuarterUnknown) != (r.Quarters[j] == model.QuarterUnknown) {
			return r.Quarters[j] == model.QuarterUnknown
		}
		return r.Quarters[i] < r.Quarters[j]
	})
	// Each metric row points at its article's row, as internal/aggregate
	// makes them.
	row := map[string]*model.ArticleRow{}
	for i := range r.Articles {
		row[r.Articles[i].ID] = &r.Articles[i]
	}
	for i := range r.Metrics {
		r.Metrics[i].ArticleRow = row[r.Metrics[i].ArticleID()]
	}
	return r
}
