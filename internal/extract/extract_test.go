package extract

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"中國銀行", "中国银行"},
		{"中國(guó)銀行多措并舉", "中国银行多措并举"},
		{"廣發(fā)銀行助力鄉(xiāng)村振興", "广发银行助力乡村振兴"},
		{"手机银行(app)上线", "手机银行(app)上线"}, // no tone mark: not pinyin
		{"ＡＢＣ１２３", "ABC123"},
		{"（一）活动主题", "（一）活动主题"},
	}
	for _, tt := range tests {
		f := fold(tt.in)
		if f.text != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, f.text, tt.want)
		}
		// Every folded rune maps back to a rune of the input, in order.
		in := []rune(tt.in)
		if len(f.orig) != utf8.RuneCountInString(f.text) {
			t.Fatalf("fold(%q): %d offsets for %d runes", tt.in, len(f.orig), utf8.RuneCountInString(f.text))
		}
		for i, o := range f.orig {
			if int(o) >= len(in) || (i > 0 && o <= f.orig[i-1]) {
				t.Fatalf("fold(%q): offset %d = %d out of order", tt.in, i, o)
			}
		}
	}
}

func TestSplit(t *testing.T) {
	body := "一、提升网点服务\n该行优化流程。等候时间缩短到10分钟！客户说：“真方便。”下一步；\n短段落没有句号"
	sents, paras := split(body)
	var got []string
	for _, s := range sents {
		got = append(got, body[s.start:s.end])
	}
	want := []string{"一、提升网点服务", "该行优化流程。", "等候时间缩短到10分钟！", "客户说：“真方便。”", "下一步；", "短段落没有句号"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("sentences = %q, want %q", got, want)
	}
	if len(paras) != 3 || !paras[0].heading || paras[1].heading || !paras[2].heading {
		t.Errorf("paragraphs = %+v, want heading, text, heading", paras)
	}
	for _, s := range sents {
		if r := utf8.RuneCountInString(body[:s.start]); r != s.rstart {
			t.Errorf("sentence %q: rune start %d, want %d", body[s.start:s.end], s.rstart, r)
		}
	}
}

// article builds an article in the shapes of the corpus (text written for
// this test).
func article(title, body string) model.Article {
	return model.Article{ID: "t", File: "t.txt", Format: model.FormatText, Title: title, Date: "2022-03-01", Body: body}
}

func TestExtract(t *testing.T) {
	x := New()
	a := article("工行深圳市分行开展网点服务提升季活动",
		"近日，工行深圳市分行启动网点服务提升季活动。\n"+
			"提升网点服务\n"+
			"该行140余家网点设置爱心窗口，为老年客户提供上门服务。"+
			"同时，平安银行深圳分行为小微企业减免手续费2.7万元。\n"+
			"全年累计开展金融知识宣传进社区活动50场。")
	f := x.Extract(a)
	if f.PrimaryBank != "中国工商银行" {
		t.Errorf("primary bank = %q, want 中国工商银行", f.PrimaryBank)
	}
	if f.Quarter != "2022Q1" || f.Chars != utf8.RuneCountInString(a.Body) {
		t.Errorf("quarter %q chars %d", f.Quarter, f.Chars)
	}
	if len(f.Banks) != 2 || f.Banks[0].Name != "中国工商银行" || f.Banks[0].Branch != "深圳市分行" || f.Banks[0].Type != "state_owned" ||
		f.Banks[0].Mentions != 2 || f.Banks[1].Name != "平安银行" {
		t.Errorf("banks = %+v", f.Banks)
	}
	if f.Banks == nil || f.Themes == nil || f.Metrics == nil || f.Warnings == nil {
		t.Fatal("nil slices in facts")
	}
	body := []rune(a.Body)
	for _, m := range f.Metrics {
		if got := string(body[m.Offset : m.Offset+utf8.RuneCountInString(m.Text)]); got != m.Text {
			t.Errorf("metric %q at offset %d reads %q", m.Text, m.Offset, got)
		}
		if !strings.Contains(a.Body, m.Sentence) {
			t.Errorf("metric %q: sentence %q not in body", m.Text, m.Sentence)
		}
	}
	// Bank and theme of each metric (when internal/metric finds them).
	want := map[string][2]string{
		"140余家": {"中国工商银行", "elderly_services"}, // 爱心窗口, 老年客户 outweigh 网点
		"2.7万元": {"平安银行", "fee_reduction"},
		"50场":   {"中国工商银行", "financial_literacy"},
	}
	for _, m := range f.Metrics {
		if w, ok := want[m.Text]; ok {
			if m.Bank != w[0] || m.Theme != w[1] {
				t.Errorf("metric %s: bank %q theme %q, want %q %q", m.Text, m.Bank, m.Theme, w[0], w[1])
			}
		}
	}
}

func TestExtractTraditional(t *testing.T) {
	x := New()
	a := article("", "近日，廣發(fā)銀行北京分行走進社區，開展防範電信網絡詐騙宣傳活動，爲老年客戶講解反詐知識，受衆達1200人次。")
	f := x.Extract(a)
	if f.PrimaryBank != "广发银行" || len(f.Banks) != 1 || f.Banks[0].Branch != "北京分行" {
		t.Errorf("banks %+v primary %q", f.Banks, f.PrimaryBank)
	}
	var ids []string
	for _, th := range f.Themes {
		ids = append(ids, th.ID)
	}
	if !contains(ids, "anti_fraud") {
		t.Errorf("themes %v, want anti_fraud among them", ids)
	}
	body := []rune(a.Body)
	for _, m := range f.Metrics {
		if got := string(body[m.Offset : m.Offset+utf8.RuneCountInString(m.Text)]); got != m.Text {
			t.Errorf("metric %q at %d reads %q in the original body", m.Text, m.Offset, got)
		}
	}
}

// A measure word (type other) is kept as written, vocabulary.md: a
// traditional article's 個 and 畝 are not the 个 and 亩 of the folded text
// the metrics are read from. The headline's too.
func TestUnitAsWritten(t *testing.T) {
	x := New()
	for _, c := range []struct {
		title, body string
		units       []string
	}{
		{"農行捐贈物資12噸", "今年，該行向轄內學校捐贈書籍500冊，幫助流轉土地逾1100畝，惠及農戶300戶。", []string{"噸", "冊", "畝", "household"}},
		{"农行捐赠物资12吨", "今年，该行向辖内学校捐赠书籍500册，帮助流转土地逾1100亩，惠及农户300户。", []string{"吨", "册", "亩", "household"}},
	} {
		f := x.Extract(article(c.title, c.body))
		var units []string
		for _, m := range f.Metrics {
			units = append(units, m.Unit)
		}
		if !reflect.DeepEqual(units, c.units) {
			t.Errorf("%s: units %q, want %q (metrics %+v)", c.body, units, c.units, f.Metrics)
		}
	}
}

// TestListItems checks that the items of a list written one per line
// under a lead-in ending with a colon carry the lead-in in their sentence
// (what it says of them — 余额 — decides how they are summed), and that
// nothing else does.
func TestListItems(t *testing.T) {
	x := New()
	body := "2017年,21家主要银行绿色信贷余额如下:\n工商银行:1.2万亿元\n农业银行:7960亿元\n\n建设银行:9035亿元\n" +
		"绿色信贷余额是指银行向符合绿色信贷标准的项目或企业发放的贷款余额，是支持可持续发展的金融工具。\n招商银行:2285亿元\n" +
		"该行情况如下。\n兴业银行:2138亿元\n" +
		strings.Repeat("长", 120) + "如下:\n民生银行:1650亿元\n" +
		"2024年目标任务如下：\n一是新增普惠贷款。\n2023年该行新增贷款300亿元。\n"
	f := x.Extract(article("", body))
	want := map[string]string{
		"1.2万亿元": "2017年,21家主要银行绿色信贷余额如下:工商银行:1.2万亿元",
		"7960亿元": "2017年,21家主要银行绿色信贷余额如下:农业银行:7960亿元",
		"9035亿元": "建设银行:9035亿元",       // a blank line ends the list
		"2285亿元": "招商银行:2285亿元",       // a long paragraph ends the list
		"2138亿元": "兴业银行:2138亿元",       // no colon: no lead-in
		"1650亿元": "民生银行:1650亿元",       // too long for a lead-in
		"300亿元":  "2023年该行新增贷款300亿元。", // lines that end a sentence are not items
	}
	for _, m := range f.Metrics {
		if w, ok := want[m.Text]; ok {
			if m.Sentence != w {
				t.Errorf("%s: sentence %q, want %q", m.Text, m.Sentence, w)
			}
			delete(want, m.Text)
		}
	}
	if len(want) > 0 {
		t.Errorf("not found: %v (metrics %+v)", want, f.Metrics)
	}
}

func TestPrimaryBank(t *testing.T) {
	x := New()
	filler := strings.Repeat("该行持续优化服务流程，提升客户体验。", 6)
	sector := strings.Repeat("绿色信贷规模持续增长，服务实体经济质效提升。", 6) // no 该行
	tests := []struct {
		name, title, body, want string
	}{
		{"title wins", "邮储银行武平县支行开展志愿服务", "建设银行和农业银行也参加了活动。" + filler, "中国邮政储蓄银行"},
		{"regulator in title", "人民银行郴州市中心支行开展宣传", "农业银行郴州分行参与宣传，农业银行郴州分行派出志愿者。" + filler, "中国农业银行"},
		{"several banks, none dominant", "", "工商银行、中国银行、建设银行、农业银行的网点都在改造。" + filler + "招商银行和兴业银行也在跟进。", ""},
		{"no bank", "银行业普惠金融观察", "今年以来，多家银行加大普惠金融投放。" + filler, ""},
		{"one bank, named early", "", "近日，桂东农商银行召开会议。" + filler, "桂东农商银行"},
		{"one bank, named once late", "", filler + filler + "据光大银行分析师介绍，市场回暖。", ""},
		{"one bank, named once early as one of a group", "", "四大国有行在五强中占据四席，其中农业银行蝉联第一。" + sector + sector, ""},
		{"one bank, named once early among banks in general", "", "多家银行积极响应，桂东农商银行减免手续费。" + sector + sector, ""},
		{"one bank, named once early, 其中 of its own figures", "", "近日，桂东农商银行发放贷款5亿元，其中涉农贷款3亿元。" + filler + filler, "桂东农商银行"},
		{"one bank, named once as one of a group, then 该行 throughout", "", "县内多家银行积极行动，其中，桂东农商银行成立了春耕服务小分队。该行走访农户300户。该行发放贷款2亿元。" + filler, "桂东农商银行"},
		{"one bank, named twice late (its economist quoted)", "", filler + filler + "民生银行首席经济学家温彬表示，降准释放资金约1万亿元。民生银行研究院也认为如此。", ""},
		{"one bank, named twice late by its branch", "", filler + filler + "工行深圳市分行副总经理称，该行已为商户减免手续费。此外，工行深圳市分行还推出了专属产品。", "中国工商银行"},
		{"photo caption only", "", "图为仁寿民富村镇银行客户经理为农户讲解政策。" + filler + filler, ""},
		{"title ranking several banks it names", "12家银行综合得分超80分 工行、招行、建行位列前三", "工商银行手机银行得分最高。" + filler, ""},
		{"title naming two banks, not as a group", "工行、建行联合发放银团贷款", "工商银行牵头。" + filler, "中国工商银行"},
		{"title ranking the banks it names", "上半年手机银行月活排名出炉：工行、建行、农行居前三", "工商银行月活居首。" + filler, ""},
		{"title ranking one bank", "工行手机银行月活居榜首", "工商银行月活居首。" + filler, "中国工商银行"},
		{"roundup title, one item per bank", "银行早报｜农行春耕贷款投放超2000亿元；中行外币兑换点扩至480个", "农业银行披露，累计投放贷款超2000亿元。" + filler, ""},
		{"title in parts, one bank in each", "工行｜工行联合建行发放银团贷款", "工商银行牵头。" + filler, "中国工商银行"},
		{"title with a source part", "农行｜春耕贷款投放超2000亿元", "农业银行披露，累计投放贷款。" + filler, "中国农业银行"},
		{"title with a bank's name as kicker, a partner after", "兴业银行｜携手厦门银行推出闽台金融服务联名卡", "兴业银行推出联名卡。" + filler, "兴业银行"},
		{"title whose second part names several banks", "工行发布一季度普惠数据：普惠贷款增长25%；建行、农行紧随其后", "工商银行普惠贷款增长。" + filler, "中国工商银行"},
		{"title of two banks' quarter", "工行、建行前三季度净利润增长", "工商银行净利润增长。" + filler, "中国工商银行"},
		{"title of two banks' staff on an honour roll", "工行、农行员工登上光荣榜", "工商银行员工获表彰。" + filler, "中国工商银行"},
		{"title about several banks", "10余家银行联合驰援灾区", "网商银行为商户减免费用。网商银行还推出贷款。网商银行。平安银行也参与。" + filler, ""},
		{"one bank and a big-bank group in the title", "农行四项指标居首 中小行份额下降", "农业银行普惠贷款增长。" + filler, "中国农业银行"},
		{"a review of several banks, each at length", "", strings.Repeat("工商银行APP月活领先。", 12) + strings.Repeat("建设银行APP月活第二。", 6) + strings.Repeat("招商银行APP留存率高。", 5) + filler, ""},
		{"one bank's story naming partners", "", strings.Repeat("无锡农商银行推进普惠金融。", 8) + strings.Repeat("工商银行参与银团。", 4) + strings.Repeat("南京银行参与银团。", 4) + filler, "无锡农商银行"},
		{"sections headed by banks", "", "疫情发生后，银行推出一系列支持政策。\n1,中国银行\n中国银行加大对中小企业的信贷支持，中国银行湖北省分行下发措施16条。" + filler + "\n2.中国工商银行\n为医疗机构开辟绿色通道。\n3.中国农业银行\n全力保障资金需求。", ""},
		{"one section headed by a bank", "", "疫情发生后，中国银行推出一系列支持政策。\n1,中国银行\n中国银行加大对中小企业的信贷支持。" + filler + "\n2.工作安排\n建设银行也参与。", "中国银行"},
		{"sections headed by banks under a bank's title", "中国银行推出十项举措", "1.中国银行\n中国银行加大信贷支持。\n2.中国工商银行\n工商银行跟进。" + filler, "中国银行"},
	}
	for _, tt := range tests {
		f := x.Extract(article(tt.title, tt.body))
		if f.PrimaryBank != tt.want {
			t.Errorf("%s: primary bank %q, want %q (banks %+v)", tt.name, f.PrimaryBank, tt.want, f.Banks)
		}
	}
}

// TestSourceBank: a bank's own page that names itself only as its source
// (来源：浙江安吉农商银行) and as 我行 is about that bank; a paper named after
// a bank, or a source besides the banks the text names, is not.
func TestSourceBank(t *testing.T) {
	x := New()
	body := "今年以来，我行在全县126个行政村建成金融服务站，累计办理业务4.3万笔。"
	for _, c := range []struct{ source, body, want string }{
		{"浙江安吉农商银行", body, "安吉农商银行"},
		{"邮储银行宁德市分行 官方微信", body, "中国邮政储蓄银行"},
		{"中国银行保险报", body, ""},
		{"新华网", body, ""},
		{"浙江安吉农商银行", "建设银行发放贷款3亿元。" + body, "中国建设银行"},
	} {
		a := article("金融服务站开进村", c.body)
		a.Source = c.source
		f := x.Extract(a)
		if f.PrimaryBank != c.want {
			t.Errorf("source %q: primary bank %q, want %q", c.source, f.PrimaryBank, c.want)
		}
		if c.want != "" && (len(f.Metrics) == 0 || f.Metrics[0].Bank != c.want) {
			t.Errorf("source %q: the figures go to %+v", c.source, f.Metrics)
		}
	}
}

func TestEmptyAndOdd(t *testing.T) {
	x := New()
	for _, body := range []string{"", "\n\n", "。。。", "银行", strings.Repeat("工", 5000), "\xff\xfe不是UTF-8"} {
		f := x.Extract(article("", body))
		if f.Banks == nil || f.Themes == nil || f.Metrics == nil || f.Warnings == nil {
			t.Errorf("body %q: nil slices", body)
		}
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

func readSeeds(t testing.TB, dir string) []model.Article {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	var out []model.Article
	for _, p := range paths {
		if st, err := os.Stat(p); err != nil || st.IsDir() || strings.HasSuffix(p, ".tsv") {
			continue
		}
		a, err := ingest.ReadFile(p)
		if err != nil {
			continue
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		t.Fatalf("no articles read under %s", dir)
	}
	return out
}

// TestSeeds checks the facts of the bundled sample: primary banks, and
// that every metric's offset and sentence point into the body.
func TestSeeds(t *testing.T) {
	x := New()
	want := map[string]string{
		"000_0b872719766d8c1f": "广发银行",
		"001_209a33a96d8ac9b7": "桂东农商银行",
		"002_87607fd0df3c6357": "中国工商银行",
		"003_a556e87e8bd86a70": "中国工商银行",
		"004_3d201c0eda562d6d": "中信银行",
	}
	for _, a := range readSeeds(t, testutil.Seeds(t)) {
		f := x.Extract(a)
		if w, ok := want[a.ID]; ok && f.PrimaryBank != w {
			t.Errorf("%s: primary bank %q, want %q", a.ID, f.PrimaryBank, w)
		}
		if len(f.Themes) == 0 {
			t.Errorf("%s: no themes", a.ID)
		}
		body := []rune(a.Body)
		for _, m := range f.Metrics {
			n := utf8.RuneCountInString(m.Text)
			if m.Offset < 0 || m.Offset+n > len(body) || string(body[m.Offset:m.Offset+n]) != m.Text {
				t.Errorf("%s: metric %q at %d does not match the body", a.ID, m.Text, m.Offset)
			}
			if !strings.Contains(a.Body, m.Sentence) || !strings.Contains(m.Sentence, m.Text) {
				t.Errorf("%s: metric %q: sentence %q", a.ID, m.Text, m.Sentence)
			}
		}
	}
}

func TestConcurrent(t *testing.T) {
	x := New()
	arts := readSeeds(t, testutil.Seeds(t))
	first := make([]model.Facts, len(arts))
	for i, a := range arts {
		first[i] = x.Extract(a)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, a := range arts {
				if f := x.Extract(a); !reflect.DeepEqual(f, first[i]) {
					t.Errorf("%s: facts differ between runs", a.ID)
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkExtract(b *testing.B) {
	x := New()
	arts := readSeeds(b, testutil.Seeds(b))
	x.Extract(arts[0]) // build the automata
	size := 0
	for _, a := range arts {
		size += len(a.Body)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			x.Extract(a)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("工行深圳市分行", "近日，工行深圳市分行为老年客户减免手续费约27亿元。\n提升服务")
	f.Add("", "中國(guó)銀行\n\n图为桂东农商银行。")
	f.Add("x", "(guó")
	f.Add(" 農發行貴州省分行600億元助搬遷 ", "近日，該行發放貸款30萬元。")
	f.Add("\u00a0\u3000捐赠50万元", "该行捐赠。")
	f.Add("农行发放贷款", "农行发放贷款9亿元。全省12家银行业金融机构居首位，共放款5亿元。全国")
	f.Add("農行捐贈物資12噸", "該行捐贈書籍500冊，流轉土地逾1100畝，數(shù)量3至6個月。")
	x := New()
	f.Fuzz(func(t *testing.T, title, body string) {
		a := article(title, body)
		fa := x.Extract(a)
		runes, head := []rune(a.Body), []rune(strings.TrimSpace(a.Title))
		for _, m := range fa.Metrics {
			n := utf8.RuneCountInString(m.Text)
			src := runes
			if m.InTitle {
				src = head // a headline metric: its offset counts in the headline
			}
			if m.Offset < 0 || m.Offset+n > len(src) || string(src[m.Offset:m.Offset+n]) != m.Text {
				t.Fatalf("metric %q at %d does not match the body %q or title %q", m.Text, m.Offset, body, title)
			}
			// a measure word is kept as written: it is in the text
			if m.Type == "other" && !strings.Contains(m.Text, m.Unit) {
				t.Fatalf("metric %q of type other has the unit %q, not as written", m.Text, m.Unit)
			}
		}
		if fa.Banks == nil || fa.Themes == nil || fa.Metrics == nil || fa.Warnings == nil {
			t.Fatal("nil slices")
		}
	})
}

var update = flag.Bool("update", false, "rewrite testdata/seeds.golden from the current output")

// TestSeedsGolden compares the banks and themes of the bundled sample with
// testdata/seeds.golden (go test -update rewrites it; review the diff).
func TestSeedsGolden(t *testing.T) {
	x := New()
	var b strings.Builder
	for _, a := range readSeeds(t, testutil.Seeds(t)) {
		f := x.Extract(a)
		// Names, types and theme ids only: scores and counts move with
		// every change to the cleaning of the body upstream.
		fmt.Fprintf(&b, "%s primary=%s\n", a.ID, f.PrimaryBank)
		for _, bm := range f.Banks {
			fmt.Fprintf(&b, "  bank %s %s branch=%q\n", bm.Name, bm.Type, bm.Branch)
		}
		var ids []string
		for _, th := range f.Themes {
			ids = append(ids, th.ID)
		}
		sort.Strings(ids)
		fmt.Fprintf(&b, "  themes %s\n", strings.Join(ids, " "))
	}
	testutil.Golden(t, filepath.Join("testdata", "seeds.golden"), []byte(b.String()), *update,
		"go test ./internal/extract -run SeedsGolden -update")
}

func TestHeadlineMetrics(t *testing.T) {
	x := New()
	body := "近日，该行向当地小学捐赠助学资金，惠及学生300名。\n该行还组织志愿者开展支教活动。"
	a := article("某某农商银行捐赠50万元助学", body)
	f := x.Extract(a)
	if len(f.Metrics) != 2 {
		t.Fatalf("metrics %+v, want the headline's 50万元 and the body's 300名", f.Metrics)
	}
	m := f.Metrics[0]
	if m.Text != "50万元" || m.Value != 5e5 || m.Sentence != a.Title || !m.InTitle {
		t.Errorf("headline metric %+v", m)
	}
	if got := string([]rune(a.Title)[m.Offset : m.Offset+utf8.RuneCountInString(m.Text)]); got != m.Text {
		t.Errorf("headline metric at %d reads %q", m.Offset, got)
	}
	if f.Metrics[1].Text != "300名" || f.Metrics[1].Sentence == a.Title || f.Metrics[1].InTitle {
		t.Errorf("body metric %+v", f.Metrics[1])
	}
	// A front-matter title is metadata; a headline the body repeats or one
	// made from the first sentence is not read twice.
	for name, a := range map[string]model.Article{
		"jekyll":   {ID: "j", Format: model.FormatJekyll, Title: "某某农商银行捐赠50万元助学", Body: body},
		"repeated": article("某某农商银行捐赠50万元助学", "某某农商银行捐赠50万元助学\n"+body),
		"twoLines": article("某某农商银行：捐赠50万元 助学", "某某农商银行：\n捐赠50万元助学\n"+body),
		"fromBody": {ID: "b", Format: model.FormatText, Title: "近日，该行向当地小学捐赠助学资金，惠及学生300名", TitleFromBody: true, Body: body},
	} {
		f := x.Extract(a)
		for _, m := range f.Metrics {
			if m.Sentence == a.Title && !strings.Contains(a.Body, m.Sentence) {
				t.Errorf("%s: headline metric %+v", name, m)
			}
		}
	}
	// The headline figure takes the theme and bank of its repeat in the
	// body, so that reports count it once.
	f = x.Extract(article("某某农商银行减免手续费1200万元", "今年以来，某某农商银行为小微企业减免手续费1200万元，切实减费让利。"))
	if len(f.Metrics) != 2 || f.Metrics[0].Theme != f.Metrics[1].Theme || f.Metrics[0].Bank != f.Metrics[1].Bank {
		t.Errorf("headline and body metrics differ: %+v", f.Metrics)
	}
}

func TestPrimaryBankFirstOfFew(t *testing.T) {
	x := New()
	body := "近日，文明规范服务星级网点评选揭晓，中国建设银行清远市分行营业部、中国农业银行清远华茂支行、广发银行清远北江支行获评星级网点。\n各网点将继续提升柜面服务质效，优化厅堂服务流程，缩短客户等候时间。"
	if f := x.Extract(article("", body)); f.PrimaryBank != "中国建设银行" {
		t.Errorf("primary bank %q, want the first of three named once", f.PrimaryBank)
	}
	// A market report naming three banks once each is about none of them.
	market := "银行板块A股市值创出历史新高。其中，工商银行总市值居首，农业银行位居次席，中国银行位居第三位。\n银行指数年内累计涨幅超过7%。"
	if f := x.Extract(article("", market)); f.PrimaryBank != "" {
		t.Errorf("market report: primary bank %q, want none", f.PrimaryBank)
	}
}

func TestCorpusMetricsTraceable(t *testing.T) {
	dir := testutil.Shared(t, "corpus")
	x := New()
	for _, sub := range []string{"web", "posts"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*"))
		for _, p := range files {
			if strings.HasSuffix(p, ".tsv") {
				continue
			}
			a, err := ingest.ReadFile(p)
			if err != nil {
				continue
			}
			f := x.Extract(a)
			body, title := []rune(a.Body), []rune(strings.TrimSpace(a.Title))
			for _, m := range f.Metrics {
				n := utf8.RuneCountInString(m.Text)
				src := body
				if m.Sentence == strings.TrimSpace(a.Title) && !strings.Contains(a.Body, m.Sentence) {
					src = title
				}
				if m.Offset < 0 || m.Offset+n > len(src) || string(src[m.Offset:m.Offset+n]) != m.Text {
					t.Errorf("%s: metric %q at %d is not where it says", a.ID, m.Text, m.Offset)
				}
			}
		}
	}
}

// TestSectorFigureHasNoBank: a sentence about banks in the plural gives its
// figures no bank — not the bank named before it, the article's bank or the
// bank named after it — while 该行 still refers back.
func TestSectorFigureHasNoBank(t *testing.T) {
	x := New()
	a := article("农行某省分行加大普惠贷款投放",
		"今年以来，农行某省分行发放普惠贷款120亿元。"+
			"全省银行业金融机构普惠贷款余额达到9000亿元，其中12家主要银行新增贷款800亿元。"+
			"该行联合多家银行为重点项目提供银团贷款30亿元。"+
			"建设银行某省分行也发放了贷款60亿元。"+
			// a group's figure, then the banks that lead it, in a later clause
			"六大行手机银行客户数合计超16亿户，工行、建行、农行分列前三。"+
			"多家银行合计投放贷款500亿元，其中工商银行投放200亿元。"+
			// the same words with the bank before the figure, or in its clause
			"六大行中，工商银行客户数达5.2亿户。六大行均已开通，交通银行开通网点1200个。"+
			// no total of the group's, or the subject refers back to one bank
			"在全省农商银行系统考核中，今年累计发放助农贷款12亿元，桂东农商银行获评先进单位。"+
			"在全县银行业中，这家农商银行率先实现全覆盖，累计发放涉农贷款12.6亿元，桂东农商银行董事长介绍。")
	f := x.Extract(a)
	want := map[string]string{"120亿元": "中国农业银行", "9000亿元": "", "800亿元": "", "30亿元": "中国农业银行", "60亿元": "中国建设银行",
		"超16亿户": "", "500亿元": "", "200亿元": "中国工商银行", "5.2亿户": "中国工商银行", "1200个": "交通银行",
		"12亿元": "桂东农商银行", "12.6亿元": "桂东农商银行"}
	for _, m := range f.Metrics {
		if w, ok := want[m.Text]; ok {
			if m.Bank != w {
				t.Errorf("%s in %q: bank %q, want %q", m.Text, m.Sentence, m.Bank, w)
			}
			delete(want, m.Text)
		}
	}
	for text := range want {
		t.Errorf("%s not extracted: %+v", text, f.Metrics)
	}
}

// TestModelParts: the counts that build a model named before them
// (构建“1+1+3+N”体系, then headings 【1】打造1个中心, 【3】搭建3个平台) are no
// figures of the bank's work; the same counts with no model before them,
// a larger count, and a count in a long sentence are.
func TestModelParts(t *testing.T) {
	x := New()
	texts := func(f model.Facts) []string {
		var out []string
		for _, m := range f.Metrics {
			out = append(out, m.Text)
		}
		return out
	}
	for _, c := range []struct {
		body string
		want []string
	}{
		{"构建“1+1+3+N”体系 支持企业高效融资\n【1】打造1个中心\n设立贷款服务中心，累计受理申请2300笔。\n【3】搭建3个平台\n上线平台后放款12亿元。",
			[]string{"2300笔", "12亿元"}},
		{"支持企业高效融资\n【1】打造1个中心\n【3】搭建3个平台\n上线平台后放款12亿元。",
			[]string{"1个", "3个", "12亿元"}},
		{"构建“1+3”体系\n新设5个网点\n该行今年在全市新设立了3个乡村金融服务站和1个营业网点。",
			[]string{"5个", "3个", "1个"}},
	} {
		got := texts(x.Extract(article("", c.body)))
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: metrics %q, want %q", c.body, got, c.want)
		}
	}
}

func TestModelNames(t *testing.T) {
	for _, c := range []struct {
		text string
		want [][]int
	}{
		{"构建“1+1+3+N”体系", [][]int{{1, 1, 3}}},
		{"“1＋N”服务模式和A+B", [][]int{{1}}},
		{"5G+智慧网点, N+1", [][]int{{1}}},
		{"没有模式", nil},
	} {
		var got [][]int
		for _, m := range modelNames(c.text) {
			got = append(got, m.parts)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("modelNames(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
