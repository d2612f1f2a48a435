package theme

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

func TestLoad(t *testing.T) {
	tx := Default()
	if err := tx.Err(); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, l := range model.Themes {
		want = append(want, l.ID)
	}
	if got := tx.IDs(); !reflect.DeepEqual(got, want) {
		t.Errorf("ids %v, want the vocabulary's %v", got, want)
	}
	// The lists are far richer than the spec's cues.
	count := map[int]int{}
	for _, p := range tx.pats {
		for _, s := range p.scores {
			count[s.theme]++
		}
	}
	for i, id := range tx.ids {
		if count[i] < 20 {
			t.Errorf("theme %s has %d keywords; want several dozen", id, count[i])
		}
	}
}

func TestClassify(t *testing.T) {
	tx := Default()
	tests := []struct {
		s    string
		want []string
	}{
		{"全年面向小微企业和个人客户减免手续费约27亿元", []string{"fee_reduction", "inclusive_finance"}},
		{"该行为行动不便的老年客户提供上门服务", []string{"elderly_services", "service_quality"}},
		{"民生银行发布公告", nil},          // a bank, not 民生
		{"中国人民银行郴州市中心支行召开会议", nil}, // 人民 of the central bank is not the party frame
		{"开展防范电信网络诈骗宣传进社区活动", []string{"anti_fraud", "financial_literacy"}},
		{"为受灾群众开通抗震救灾捐款绿色通道", []string{"disaster_relief", "public_welfare"}},
		{"服务客户办理业务", nil}, // common words only
		// Small loans to farmers are inclusive finance as well as rural;
		// a microcredit company is neither.
		{"该行向种植户发放小额贷款", []string{"inclusive_finance", "rural_revitalization"}},
		{"某小额贷款公司发布公告", nil},
		// Exchanging small change during an outreach campaign is outreach,
		// not counter service.
		{"网点工作人员向群众宣传残损币兑换标准", []string{"financial_literacy"}},
		// Care for the bank's own staff is not charity.
		{"工会为困难职工送去慰问金", []string{"employee_care"}},
		// Quotation marks do not hide a phrase: a fee introduced, not waived.
		{"部分银行的短信提醒不再“免费”", nil},
		// The pandemic as a time reference is not pandemic work; the rest of
		// the sentence keeps its theme.
		{"疫情得到缓解之后，该行工作队走访帮扶村的脱贫户", []string{"rural_revitalization"}},
		// Interest-free coupons are rate relief; contactless loans a digital channel.
		{"该行向个体商家发放贷款免息券", []string{"fee_reduction"}},
		{"居民可通过无接触贷款方式申请资金", []string{"digital_services"}},
		// Credit without collateral for farmers is inclusive finance as well as rural.
		{"该行推进整村授信，农户无需抵押担保即可申请贷款", []string{"inclusive_finance", "rural_revitalization"}},
		// A counter clerk stopping a fraud is anti-fraud work, not counter service.
		{"网点柜员发现客户疑似遭遇电信诈骗，立即劝阻", []string{"anti_fraud"}},
		// Telling people how frauds work is financial education too.
		{"支行工作人员在集市上向商户宣传反诈知识", []string{"anti_fraud", "financial_literacy"}},
		// Microcredit written out (小额信用贷款) and firms named 微小企业 are
		// inclusive finance; 微小 alone is not.
		{"该行累计发放农户小额信用贷款227亿元", []string{"inclusive_finance", "rural_revitalization"}},
		{"返乡人员创办微小企业47家", []string{"inclusive_finance"}},
		{"利率出现微小变化", nil},
		// A renewal with zero fees is a fee cut.
		{"推广无还本、零费用续贷产品", []string{"fee_reduction", "inclusive_finance"}},
		// A rate below the benchmark (LPR) and a fee waived in full are
		// rate relief and a fee cut.
		{"该行发放专项贷款，贷款利率较LPR下浮50个基点", []string{"fee_reduction"}},
		{"线上转账汇款手续费全免", []string{"fee_reduction", "digital_services"}},
		// Digital technology and online operation are the digital channel;
		// numbers (数字) and an online-and-offline campaign are not.
		{"大数据、云计算等数字技术推动普惠金融转型", []string{"digital_services", "inclusive_finance"}},
		{"引导客户多采用线上操作模式", []string{"digital_services"}},
		{"客户下载该行App办理", []string{"digital_services"}},
		{"一组独具特色的数字", nil},
		{"线上线下相结合", nil},
		// The banking hall (营业大厅) and exchanging damaged notes are
		// counter service; a government service hall is not.
		{"支行营业大厅开设零钞兑换、残损币兑换等服务", []string{"service_quality"}},
		{"市民在政务大厅办理社保业务", []string{"public_services"}},
		// A fraudster's remote control is not a digital channel of the bank.
		{"骗子诱导客户下载软件后远程操作转走资金", []string{"anti_fraud"}},
	}
	for _, tt := range tests {
		got := tx.Classify(tt.s)
		sortTail(got)
		sortTail(tt.want)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Classify(%q) = %v, want %v (hits %v)", tt.s, got, tt.want, tx.Hits(tt.s))
		}
	}
}

// TestPhrasePoints checks the points of phrases made of keywords: one
// holding a key keyword of its theme (断卡 in 断卡行动, 党员 in 党员突击队)
// scores as a key keyword (the longer keyword replaces the one inside it,
// and must not make a sentence count less), a look-alike without the key
// keyword stays strong, and a stock phrase of two overlapping keywords is
// listed whole so that it counts once.
func TestPhrasePoints(t *testing.T) {
	tx := Default()
	for _, c := range []struct {
		s, theme string
		points   int
	}{
		{"该行组织开展断卡行动", "anti_fraud", 3},
		{"支行举办防范非法集资活动", "anti_fraud", 3},
		{"帮助客户识破养老诈骗", "anti_fraud", 3},
		{"帮助客户安装国家反诈中心", "anti_fraud", 3},
		{"支行党员突击队连夜转移物资", "party_building", 3},
		{"支行青年突击队连夜转移物资", "party_building", 2},
		{"手机银行为银发族推出专属版面", "elderly_services", 3},
		{"该行开展消费扶贫", "rural_revitalization", 3},
		// 风险防范 and 防范意识 overlap in one stock phrase: 2 points, not 4
		{"助力农村居民提高风险防范意识", "anti_fraud", 2},
		{"提醒居民防范电信诈骗", "anti_fraud", 4},
	} {
		got := 0
		for _, h := range tx.Hits(c.s) {
			if h.Theme == c.theme {
				got = h.Points
			}
		}
		if got != c.points {
			t.Errorf("%q: %s %d points, want %d (hits %v)", c.s, c.theme, got, c.points, tx.Hits(c.s))
		}
	}
}

// sortTail sorts ids so that the comparison ignores the order of equal scores.
func sortTail(ids []string) {
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}

func TestScoring(t *testing.T) {
	tx := New([]byte(`
article: {sentence_points: 3, min_sentences: 2, min_share: 0.5, min_points: 5}
ignore: [民生银行]
themes:
` + allThemes(`
  - id: fee_reduction
    key: [减费让利]
    strong: [手续费减免, 减免]
    weak: [手续费, 费用, 优惠]
    exclude: [减免税]
    unless: [不再免费]
  - id: disaster_relief
    key: [抗震救灾, 救灾:4]
`)))
	if err := tx.Err(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		s    string
		want []Hit
	}{
		{"减费让利", []Hit{{"fee_reduction", 3}}},
		{"手续费减免", []Hit{{"fee_reduction", 2}}},      // 减免 and 手续费 inside it count once
		{"减免手续费和费用优惠", []Hit{{"fee_reduction", 3}}}, // weak words add one point at most
		{"减免税", nil}, // excluded phrase
		{"抗震救灾", []Hit{{"disaster_relief", 3}}},    // 救灾 inside 抗震救灾 counts once
		{"救灾", []Hit{{"disaster_relief", 4}}},      // explicit points
		{"民生银行减费让利", []Hit{{"fee_reduction", 3}}},  // ignore masks only its own span
		{"减费让利，减免费用", []Hit{{"fee_reduction", 6}}}, // distinct keywords add up
		// items of one enumeration count as one keyword, the strongest
		{"减免、减费让利等", []Hit{{"fee_reduction", 3}}},
		{"减免手续费、减费让利", []Hit{{"fee_reduction", 4}}}, // a weak word still adds its point
		{"减费让利，并减免费用", []Hit{{"fee_reduction", 6}}}, // a clause, not a list
	}
	for _, tt := range tests {
		if got := tx.Hits(tt.s); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Hits(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
	// Article rule: two counting sentences, or half the sentences, or 5 points.
	arts := []struct {
		sents []string
		want  []string
	}{
		{[]string{"减费让利。", "其他。", "其他。", "其他。"}, nil},                                // in passing
		{[]string{"减费让利。", "减费让利。", "其他。", "其他。", "其他。"}, []string{"fee_reduction"}}, // two sentences
		{[]string{"减费让利。", "其他。"}, []string{"fee_reduction"}},                        // half
		{[]string{"减费让利，减免费用。", "其他。", "其他。"}, []string{"fee_reduction"}},            // one strong sentence
		{[]string{"手续费减免。", "手续费减免。", "手续费减免。"}, nil},                                // 2-point sentences do not count
	}
	for _, a := range arts {
		themes, per := tx.Article("", a.sents)
		var got []string
		for _, th := range themes {
			got = append(got, th.ID)
		}
		if !reflect.DeepEqual(got, a.want) {
			t.Errorf("Article(%q) = %v, want %v", a.sents, got, a.want)
		}
		if len(per) != len(a.sents) {
			t.Errorf("Article(%q): %d sentence classes", a.sents, len(per))
		}
	}
}

// TestKeyWordsCount checks that specific words count for the article on
// their own (3 points or more), as their short forms do.
func TestKeyWordsCount(t *testing.T) {
	tx := Default()
	for _, c := range []struct{ s, theme string }{
		{"部分员工感染新型冠状病毒", "pandemic_response"}, // the virus's full name, like 新冠
		{"该行为农户发放小额贷款", "inclusive_finance"},
		{"该行对此类转账免收手续费", "fee_reduction"},
		{"持卡人可享多项费用减免", "fee_reduction"}, // as 减免费用
	} {
		ok := false
		for _, h := range tx.Hits(c.s) {
			if h.Theme == c.theme && h.Points >= tx.Rule().SentencePoints {
				ok = true
			}
		}
		if !ok {
			t.Errorf("Hits(%q) = %v: %s does not count for the article", c.s, tx.Hits(c.s), c.theme)
		}
	}
}

func TestHasQuote(t *testing.T) {
	for _, s := range []string{"", "减费让利", "不再“免费”", "「公益」", "『慈善』", "‘让利’", `"quoted"`, "破折号——不是引号", "…", "金融…知识"} {
		if got, want := hasQuote(s), strings.ContainsAny(s, quoteMarks); got != want {
			t.Errorf("hasQuote(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestKeySentences checks the key_sentences rule: two counting sentences
// carrying a key keyword make the theme, two backed only by strong and weak
// words do not.
func TestKeySentences(t *testing.T) {
	checkArticles(t, `
  - id: fee_reduction
    key: [减费让利]
    strong: [减免]
    weak: [手续费]
`, []articleCase{
		{[]string{"减费让利。", "减费让利。", "其他。", "其他。", "其他。", "其他。"}, []string{"fee_reduction"}},
		{[]string{"减免手续费。", "减免手续费。", "其他。", "其他。", "其他。", "其他。"}, nil},
		{[]string{"减费让利。", "减免手续费。", "其他。", "其他。", "其他。", "其他。"}, nil},
	})
}

// articleCase is an article's sentences and the themes it should get.
type articleCase struct {
	sents []string
	want  []string
}

// checkArticles loads a taxonomy of the given themes (the rest from
// allThemes) under the article rule sentence_points 3, min_sentences 3,
// min_share 0.5, min_points 5, key_sentences 2, checks the themes it gives
// each case's sentences (no title), and returns it.
func checkArticles(t *testing.T, themes string, cases []articleCase) *Taxonomy {
	t.Helper()
	tx := New([]byte(`
article: {sentence_points: 3, min_sentences: 3, min_share: 0.5, min_points: 5, key_sentences: 2}
themes:
` + allThemes(themes)))
	if err := tx.Err(); err != nil {
		t.Fatal(err)
	}
	for _, a := range cases {
		got, _ := tx.Article("", a.sents)
		var ids []string
		for _, th := range got {
			ids = append(ids, th.ID)
		}
		if !reflect.DeepEqual(ids, a.want) {
			t.Errorf("Article(%q) = %v, want %v", a.sents, ids, a.want)
		}
	}
	return tx
}

// TestThemeSentencePoints checks a theme's own sentence_points: with 2,
// sentences about it (a strong keyword) count for it, so three make it;
// other themes keep the article rule's 3.
func TestThemeSentencePoints(t *testing.T) {
	tx := checkArticles(t, `
  - id: digital_services
    sentence_points: 2
    strong: [线上]
  - id: fee_reduction
    strong: [减免]
`, []articleCase{
		{[]string{"线上。", "线上。", "线上。", "其他。", "其他。", "其他。", "其他。"}, []string{"digital_services"}},
		{[]string{"线上。", "线上。", "其他。", "其他。", "其他。", "其他。", "其他。"}, nil},
		{[]string{"减免。", "减免。", "减免。", "其他。", "其他。", "其他。", "其他。"}, nil},
	})
	if th := tx.Themes()[slices.Index(tx.IDs(), "digital_services")]; th.SentencePoints != 2 {
		t.Errorf("digital_services listed with sentence_points %d", th.SentencePoints)
	}
}

// allThemes adds empty entries for the themes the snippet leaves out.
func allThemes(snippet string) string {
	var b strings.Builder
	b.WriteString(snippet)
	for _, l := range model.Themes {
		if !strings.Contains(snippet, "id: "+l.ID+"\n") {
			b.WriteString("  - id: " + l.ID + "\n")
		}
	}
	return b.String()
}

func TestBadTaxonomy(t *testing.T) {
	for name, y := range map[string]string{
		"yaml":            "themes: [",
		"unknown":         "themes:\n  - id: nonsense\n",
		"missing":         "themes:\n  - id: fee_reduction\n",
		"duplicate":       "themes:\n" + allThemes("  - id: fee_reduction\n  - id: fee_reduction\n"),
		"points":          "themes:\n" + allThemes("  - id: fee_reduction\n    key: [减费:99]\n"),
		"min_points":      "themes:\n" + allThemes("  - id: fee_reduction\n    min_points: -1\n"),
		"sentence_points": "themes:\n" + allThemes("  - id: fee_reduction\n    sentence_points: 1\n"),
	} {
		tx := New([]byte(y))
		if tx.Err() == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !strings.Contains(tx.Err().Error(), "taxonomy.yaml") {
			t.Errorf("%s: error %q does not name the file", name, tx.Err())
		}
		if got := tx.Classify("减费让利"); got != nil {
			t.Errorf("%s: broken taxonomy classified %v", name, got)
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	tx := Default()
	s := "该行积极开展金融知识宣传进社区活动，为老年客户提供上门服务，全年减免小微企业手续费约2.7亿元，并通过手机银行推出适老化大字版。"
	tx.Classify(s)
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tx.Classify(s)
	}
}

func TestThemesListing(t *testing.T) {
	tax := Default()
	ths := tax.Themes()
	if len(ths) != len(tax.IDs()) {
		t.Fatalf("%d themes listed, %d ids", len(ths), len(tax.IDs()))
	}
	for i, th := range ths {
		if th.ID != tax.IDs()[i] || th.Zh == "" || th.En == "" || len(th.Key) == 0 {
			t.Errorf("theme %d listed as %+v", i, th)
		}
	}
	if r := tax.Rule(); r.SentencePoints == 0 || r.MinSentences == 0 {
		t.Errorf("rule %+v", r)
	}
	bad := New([]byte("themes: [{id: nope}]"))
	if bad.Err() == nil || bad.Themes() != nil {
		t.Errorf("a broken taxonomy lists %v", bad.Themes())
	}
}

func TestDigitKeywordsStandAlone(t *testing.T) {
	tax := Default()
	for _, s := range []string{"累计发放贷款720万元。", "惠及315户农户。", "贷款余额达3.15亿元。", "拨打0596110转接。"} {
		for _, h := range tax.Hits(s) {
			if h.Theme == "disaster_relief" || h.Theme == "financial_literacy" || h.Theme == "anti_fraud" {
				t.Errorf("%q: a number inside a figure made it about %s (%v)", s, h.Theme, tax.Keywords(s, h.Theme))
			}
		}
	}
	if !contains(tax.Classify("网点开展3·15消费者权益保护宣传，提醒拨打96110反诈专线。"), "anti_fraud") {
		t.Error("96110 on its own no longer counts")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestDefaultArticleThemes checks article-level decisions of the shipped
// taxonomy on short articles written in the corpus's shapes: a theme met in
// passing stays out, one the article is about comes in.
func TestDefaultArticleThemes(t *testing.T) {
	tx := Default()
	cases := []struct {
		name      string
		sentences []string
		want, not []string
	}{
		{"anti-fraud outreach is financial education",
			[]string{"近日，某农商银行支行工作人员利用赶集日向商户和赶集群众宣传反诈知识。", "次日，一位商户接到冒充公检法的诈骗电话，及时到网点求助。",
				"对方要求她配合调查并冻结账户。", "工作人员查看短信后判断这是一起诈骗。", "工作人员陪同她报警，避免了损失。"},
			[]string{"anti_fraud", "financial_literacy"}, nil},
		{"interest-free loan coupons are rate relief",
			[]string{"某银行宣布为受灾地区小微商家提供贷款免息券。", "多家担保机构表示将共同参与。", "符合条件的用户可领取30天贷款免息券。", "商家无需出门即可申请。", "资金第一时间到账。"},
			[]string{"fee_reduction"}, nil},
		{"捐献 and 捐赠 are donations",
			[]string{"连日来强降雨导致多地受灾，物资紧缺。", "7月14日，某支行为受灾乡镇捐献一批紧急物资。", "该行负责人表示，此次捐赠希望尽一份绵薄之力。", "这批物资已运往防汛指挥部。", "各点位已完成分发。"},
			[]string{"public_welfare"}, nil},
		{"a list of services names public services in passing",
			[]string{"某银行为养老院的老人上门办理存折更换。", "工作人员核实老人身份后办结业务。", "近年来，银行、医保、社保、公积金等单位纷纷推出上门服务。",
				"老人的家属表示感谢。", "该行表示将继续提供适老服务。", "这样的服务让老人少跑腿。"},
			[]string{"elderly_services"}, []string{"public_services"}},
		{"the masses frame stated once",
			[]string{"某支行以“我为群众办实事”为抓手，为行动不便的老年客户提供上门服务。", "工作人员带着设备来到客户家中。", "老人顺利激活了账户。",
				"家属连声道谢。", "该行还在网点设置爱心窗口。", "老年客户可优先办理业务。", "该行表示将继续优化适老服务。"},
			[]string{"party_building", "elderly_services"}, nil},
		{"a channel named with its own keyword in two sentences",
			[]string{"某银行支行近日为辖区商户上门办理开户。", "客户经理指导商户通过手机银行查询流水。", "商户反映办理十分方便。", "该行还为商户开通了收款码。",
				"不少商户表示满意。", "此后商户可通过线上渠道申请贷款。", "该行将持续走访辖区商户。", "商户经营更加便利。"},
			[]string{"digital_services"}, nil},
		{"a fee waived on a named service, stated once",
			[]string{"某村镇银行因系统升级暂停现金业务。", "客户如需现金，可先转账至他行。", "该行对此类转账免收手续费。", "系统升级预计持续两周。", "该行对给客户带来的不便表示歉意。"},
			[]string{"fee_reduction"}, nil},
		{"a free gift named once in a fraud story is no fee cut",
			[]string{"王女士接到陌生电话，对方称她有一份免费保险即将到期。", "对方诱导她下载会议软件并转账。", "网点柜员发现异常后立即劝阻。", "民警赶到后确认这是一起诈骗。", "王女士的资金安全得到保障。"},
			[]string{"anti_fraud"}, []string{"fee_reduction"}},
		{"a service for elderly customers, stated once",
			[]string{"某农商银行坚持支付为民。", "该行引导各网点结合老年客户需求开设专柜，灵活采取上门服务。", "该行还推进征信宣传。", "全年办理业务十万笔。", "该行表示将继续努力。"},
			[]string{"elderly_services"}, nil},
		{"an old man met once is no elderly service",
			[]string{"某支行开展反诈宣传。", "一位老人在集市上领取了宣传册。", "工作人员讲解了常见诈骗手法。", "群众纷纷表示受益匪浅。", "该行将持续开展宣传。"},
			[]string{"anti_fraud"}, []string{"elderly_services"}},
		{"staff visiting others is no staff care",
			[]string{"各基层行社开展为农民工送温暖活动，组织员工到返乡农民工家中走访慰问，了解农民工就业和创业的困难。", "该行为返乡农民工发放创业贷款。", "全年累计发放贷款3亿元。", "该行将继续支持农民工就业。"},
			[]string{"employment"}, []string{"employee_care"}},
		{"visiting the bank's own staff is staff care",
			[]string{"春节前夕，该行工会走访慰问困难职工和退休员工。", "工会为一线员工送上慰问品。", "该行表示将持续关心关爱员工。"},
			[]string{"employee_care"}, nil},
		{"a digital channel named in three sentences, each by a strong word",
			[]string{"某银行推出大学生创业贷款。", "贷款支持网上还款。", "学生可线上提款，即时到账。", "只需上传资料即可在线申请。", "该行将推出更多智能化产品。", "该行表示将继续支持大学生创业。", "活动受到学生欢迎。", "该行还将走进更多高校。", "学校表示感谢。", "双方将深化合作。"},
			[]string{"digital_services"}, nil},
		{"an online campaign named once is no digital service",
			[]string{"某银行开展金融知识宣传活动。", "活动以线上宣传为主。", "工作人员走进社区发放宣传折页。", "居民踊跃参与。", "该行将持续开展宣传。"},
			[]string{"financial_literacy"}, []string{"digital_services"}},
		{"the pandemic as a time reference",
			[]string{"在疫情得到进一步缓解之后，该行扶贫工作队走访帮扶村的贫困户。", "该行定向购买贫困户的农副产品，开展消费扶贫。", "工作队还向帮扶村派驻金融村官。"},
			[]string{"rural_revitalization"}, []string{"pandemic_response"}},
	}
	for _, c := range cases {
		got, _ := tx.Article("", c.sentences)
		have := map[string]bool{}
		for _, th := range got {
			have[th.ID] = true
		}
		for _, id := range c.want {
			if !have[id] {
				t.Errorf("%s: theme %s missing; got %v", c.name, id, got)
			}
		}
		for _, id := range c.not {
			if have[id] {
				t.Errorf("%s: theme %s reported; got %v", c.name, id, got)
			}
		}
	}
}
