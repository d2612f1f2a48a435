package bank

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

func show(ms []Match) string {
	var b []string
	for _, m := range ms {
		s := m.Name
		if m.Branch != "" {
			s += "/" + m.Branch
		}
		if m.NotBank {
			s = "!" + s
		}
		b = append(b, s)
	}
	return strings.Join(b, " ")
}

func TestFind(t *testing.T) {
	r := Default()
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"工行深圳市分行开展网点服务提升季活动", "中国工商银行/深圳市分行"},
		{"中信银行信用卡中心以五强五服务推动办实事", "中信银行/信用卡中心"},
		{"广发银行党委强化学史力行", "广发银行"},
		{"桂东农商银行聚焦群众急难愁盼问题", "桂东农商银行"},
		{"湖南桂东农村商业银行股份有限公司", "桂东农商银行"},
		{"四川兴文石海农村商业银行与兴文石海农商银行", "兴文石海农商银行 兴文石海农商银行"},
		{"中国银行业协会发布报告", "!中国银行业协会"},
		{"中国银行保险监督管理委员会印发通知", "!中国银行保险监督管理委员会"},
		{"中国银行业金融机构资产总额", ""},
		{"招商银行业绩发布会和中国银行业绩效评价", "招商银行"},
		{"重庆农商银行业绩增长，上海农商银行业协会成立", "重庆农商银行 !银行业协会"},
		{"数字人民币试点扩大", ""},
		{"中国人民银行郴州市中心支行联合农业银行郴州分行", "!中国人民银行/郴州市中心支行 中国农业银行/郴州分行"},
		{"郑州农商银行为受灾群众捐款", "郑州农商银行"},
		{"建行浙江省温州永嘉支行走进社区", "中国建设银行/浙江省温州永嘉支行"},
		{"邮储银行武平县支行参与文明城市创建", "中国邮政储蓄银行/武平县支行"},
		{"上海浦东发展银行和浦发银行", "浦发银行 浦发银行"},
		{"深圳前海微众银行推出新产品", "微众银行"},
		{"各地区共建行动和集中行动", ""},
		{"员工行为规范", ""},
		{"手工行业和手中行李", ""},
		{"携手工行、携手中行", "中国工商银行 中国银行"},
		{"记者从中行获悉，今年以来", "中国银行"},
		{"记者从中行北京市分行了解到", "中国银行/北京市分行"},
		{"有人从中行贿，有人从中行使权力", ""},
		{"从中行政审批看，支行", ""},
		{"民生保障和民生银行", "民生银行"},
		{"华夏大地上，光大北京分行", "光大银行/北京分行"},
		{"农发行贵州省分行投放贷款", "中国农业发展银行/贵州省分行"},
		{"国家开发银行和进出口银行", "国家开发银行 中国进出口银行"},
		{"仁寿民富村镇银行发放贷款", "仁寿民富村镇银行"},
		{"岳阳市农商银行系统灾情面前显担当", "!岳阳市农商银行"},
		{"中信集团与中信银行", "!中信集团 中信银行"},
		{"工银理财发起设立", "!工银理财"},
		{"银保监会和金融监管局", "!银保监会 !金融监管局"},
		{"北京银行总行工会", "北京银行/总行"},
		{"无锡银行南通分行与常熟银行", "无锡农商银行/南通分行 常熟农商银行"},
		{"中国银行湖北钟祥市支行", "中国银行/湖北钟祥市支行"},
		{"与全市各农商银行", ""},
		{"中国银行、中国银行符登村镇银行", "中国银行 中国银行 符登村镇银行"},
		{"贡献着农商行人的力量", ""},
		{"仅有3只个股收跌，其中一只农商行个股跌0.52%", ""},
		{"首批村镇银行和这些农商行", ""},
		{"信用贷款源自安徽农商银行系统的一项创新", "!安徽农商银行"},
		// A registry name inside a longer place is not that bank: 天津市
		// holds 津市 (湖南), 宝应县 应县 (山西), 澜沧县 沧县 (河北).
		{"天津市农商银行推出新举措", "天津农商银行"},
		{"宝应县农村商业银行推出新举措", "宝应农商银行"},
		{"助力宝应县农商行发展", "宝应农商银行"},
		{"澜沧县农村信用合作联社整村授信", "澜沧县农村信用合作联社"},
		{"在天津市农商银行和津市农商银行", "天津农商银行 津市农商银行"},
		// A province, a verb or a stop before the place is no longer place.
		{"河北沧县农村信用联社", "沧县农村信用联社"},
		{"山西应县农商银行", "应县农商银行"},
		{"湖南津市农商银行", "津市农商银行"},
		{"感谢沧县农村信用联社", "沧县农村信用联社"},
		// A place that begins with a stop rune: 上高县 holds 高县 (四川),
		// 泰和县 和县 (安徽); the longest place wins.
		{"上高县农商银行推出新举措", "上高农商银行"},
		{"泰和县农村商业银行推出新举措", "泰和农商银行"},
		{"都兰县农商银行", "都兰农商银行"},
		// 会同县 is a place, though 会同 (together with) leads names.
		{"支持会同县农商银行发展", "会同农商银行"},
		// A word where the place stands that names none.
		{"当地农商银行和部分农商银行", ""},
		{"多亏村镇银行的贷款，得益于桂东农商银行", "桂东农商银行"},
		{"来自地方农商银行的数据，湖南当地农商银行", ""},
		// A person's post or a court's case before the place.
		{"公开宣判安丰农商银行原行长受贿案", "安丰农商银行"},
		{"利用担任安丰县农村信用合作联社主任职务", "安丰县农村信用合作联社"},
		// A province or a place of the registry right before a name ends
		// there (湖北|京山, not 北京; 洛阳|新安, not 阳新), and a name does not
		// begin inside a province (福建|三江, not 建三江).
		{"湖北京山中银富登村镇银行发放贷款", "京山中银富登村镇银行"},
		{"洛阳新安农商银行发放贷款", "新安农商银行"},
		{"广西平南农村信用合作联社", "平南县农村信用合作联社"},
		{"福建三江农商银行", "三江农商银行"},
		{"陕西安康农商银行", "安康农商银行"},
		// A village bank's name ends with a brand, which may be a place:
		// 临江惠民村镇银行 is not 惠民 (山东).
		{"临江惠民村镇银行股份有限公司", "临江惠民村镇银行"},
		// A longer place read again must begin before the name and, unknown
		// to the registry, where the longer place does.
		{"乡村振兴宁波北仑中银富登村镇银行", "宁波北仑中银富登村镇银行"},
		// A district is not the county of the same name elsewhere (天津的
		// 和平区, 广东的和平县), nor 东港市 (辽宁) 日照东港.
		{"天津和平区农商银行网点", "平区农商银行"},
		{"东港市农商银行召开会议", "东港市农商银行"},
		{"安宁区农村信用合作联社", "安宁区农村信用合作联社"},
		// 乾 folds to 干 in the text read; the registry's 乾县 is matched.
		{"陕西乾县中银富登村镇银行", "乾县中银富登村镇银行"},
		// 时任 and 曾任: 时 and 曾 stop the place read back.
		{"时任咸宁市农商银行行长", "咸宁农商银行"},
		{"怀化会同县农商银行", "会同农商银行"},
		{"我省部分农商银行、大部分农商银行、中西部地区农商银行和地方性农商银行", ""},
		{"2022年中国银行业绩表现分化", ""},
		{"宝应县农商银行业已完成转型", "宝应农商银行"},
		// The registry writes the place without 市 or 县.
		{"咸宁市农商银行推出新举措", "咸宁农商银行"},
	}
	for _, tt := range tests {
		if got := show(r.Find(tt.text)); got != tt.want {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestTypes(t *testing.T) {
	r := Default()
	for name, typ := range map[string]string{
		"中国工商银行": "state_owned", "广发银行": "joint_stock", "桂东农商银行": "rural", "枣庄银行": "city_commercial",
		"中国农业发展银行": "policy", "微众银行": "private", "浦发银行": "joint_stock", "仁寿民富村镇银行": "village",
	} {
		if got := r.Type(name); got != typ {
			t.Errorf("Type(%s) = %q, want %q", name, got, typ)
		}
	}
	if r.Size() < 3000 {
		t.Errorf("registry has %d banks, want the regulator's 3,132 and more", r.Size())
	}
}

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{
		"湖南桂东农村商业银行股份有限公司": "桂东农商银行",
		"北京农村商业银行":         "北京农商银行",
		"辽宁振兴银行":           "辽宁振兴银行",
		"北京中关村银行":          "中关村银行",
	} {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestBadYAML(t *testing.T) {
	for _, y := range []string{"banks: [", "banks:\n  - name: X银行\n    type: nonsense\n", "banks:\n  - type: rural\n"} {
		r := New(registryTSV, []byte(y))
		if r.Err() == nil {
			t.Errorf("New(%q): no error", y)
		}
		if ms := r.Find("中国工商银行"); len(ms) != 0 {
			t.Errorf("broken registry found %v", ms)
		}
	}
}

func TestConcurrent(t *testing.T) {
	r := New(registryTSV, mustYAML(t))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			got := show(r.Find(fmt.Sprintf("第%d次：工行深圳市分行", i)))
			if got != "中国工商银行/深圳市分行" {
				t.Errorf("goroutine %d: %q", i, got)
			}
		}(i)
	}
	wg.Wait()
}

func mustYAML(t testing.TB) []byte {
	r := Default()
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	return r.yml
}

func BenchmarkFind(b *testing.B) {
	r := Default()
	text := strings.Repeat("近日，工行深圳市分行联合中国人民银行深圳市中心支行走进社区，桂东农商银行与郑州农商银行也开展了反诈宣传活动，为老年客户提供上门服务。", 20)
	r.Find(text)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Find(text)
	}
}

func FuzzFind(f *testing.F) {
	f.Add("工行深圳市分行与中国人民银行郴州市中心支行")
	f.Add("贡献着农商行人的力量，全市各农商银行")
	f.Add("\xff农商银行")
	r := Default()
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, m := range r.Find(text) {
			if m.Start < last || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("match %+v out of order or bounds (previous end %d) in %q", m, last, text)
			}
			if m.Name == "" {
				t.Fatalf("match without a name in %q", text)
			}
			last = m.End
		}
	})
}

func TestBanksListing(t *testing.T) {
	r := Default()
	banks := r.Banks()
	if len(banks) != r.Size() {
		t.Errorf("Banks lists %d banks, Size says %d", len(banks), r.Size())
	}
	var icbc *Bank
	for i := range banks {
		if banks[i].Name == "中国工商银行" {
			icbc = &banks[i]
		}
		for _, a := range banks[i].Aliases {
			if a == banks[i].Name {
				t.Errorf("%s lists itself as an alias", a)
			}
		}
	}
	if icbc == nil || icbc.Type != "state_owned" || !icbc.Hand || !slices.Contains(icbc.Aliases, "工行") {
		t.Errorf("中国工商银行 listed as %+v", icbc)
	}
	if !slices.Contains(r.NotBanks(), "中国人民银行") || !slices.Contains(r.Ignored(), "数字人民币") {
		t.Errorf("non-banks %v, ignored %v", r.NotBanks(), r.Ignored())
	}
}

// TestRuneSets checks the sets branchAfter and bySuffix test runes
// against, and isHan, with the strings and the library they stand for.
func TestRuneSets(t *testing.T) {
	for c := rune(0); c < 0x10000; c++ {
		if placeStops.Has(c) != strings.ContainsRune(placeStop, c) || branchStops.Has(c) != strings.ContainsRune(branchStop, c) {
			t.Fatalf("U+%04X: stop sets disagree with the strings", c)
		}
		if isHan(c) != unicode.Is(unicode.Han, c) {
			t.Fatalf("U+%04X: isHan %v", c, isHan(c))
		}
		first := false
		for _, w := range branchStopWords {
			if r, _ := utf8.DecodeRuneInString(w); r == c {
				first = true
			}
		}
		if stopWordStarts.Has(c) != first {
			t.Fatalf("U+%04X: stop word starts disagree", c)
		}
	}
	for _, c := range []rune{0x20000, 0x2A6DF, 0x10FFFF, -1} {
		if placeStops.Has(c) || isHan(c) != unicode.Is(unicode.Han, c) {
			t.Fatalf("U+%04X", c)
		}
	}
}

// TestPlaceForms: the rural banks of the registry, written with their
// place as a county or city (上高县农商银行, 天津市农村商业银行), are found
// as themselves or as a bank the registry lacks, never as another bank of
// the registry whose place ends their place's name (高县, 津市).
func TestPlaceForms(t *testing.T) {
	r := Default()
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, b := range r.Banks() {
		place, ok := strings.CutSuffix(b.Name, "农商银行")
		if b.Type != "rural" || !ok {
			continue
		}
		for _, p := range provinces {
			place = strings.TrimPrefix(place, p)
		}
		if utf8.RuneCountInString(place) < 2 || strings.ContainsAny(place, "县市区") {
			continue
		}
		for _, form := range []string{place + "县农商银行", place + "市农村商业银行", place + "县农商行"} {
			text := "近日，" + form + "发放贷款。"
			ms := r.Find(text)
			n++
			if len(ms) == 0 {
				t.Errorf("Find(%q) found no bank, want %s", text, b.Name)
				continue
			}
			if m := ms[0]; m.Known && m.Name != b.Name {
				t.Errorf("Find(%q) = %s, want %s", text, m.Name, b.Name)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d forms tried: the registry's rural banks are not read", n)
	}
}

// TestProvinceBeforeName: every rural and village bank of the registry,
// written after a province (any province: a county's first rune must not
// join the province's last into another place, 湖北|京山 → 北京), is found
// as itself. Not 福建行唐…: 福建行 ends in 建行, 中国建设银行.
func TestProvinceBeforeName(t *testing.T) {
	r := Default()
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, b := range r.Banks() {
		if b.Type != "rural" && b.Type != "village" {
			continue
		}
		for _, p := range provinces {
			if p == "福建" && strings.HasPrefix(b.Name, "行") || p == "青海" && strings.HasPrefix(b.Name, "河南") {
				continue // 福建行唐: 建行; 青海河南: the province and its county (河南县)
			}
			text := p + b.Name + "发放贷款。"
			n++
			if got := show(r.Find(text)); got != b.Name {
				t.Errorf("Find(%q) = %q, want %s", text, got, b.Name)
			}
		}
	}
	if n < 50000 {
		t.Fatalf("only %d names tried: the registry's rural and village banks are not read", n)
	}
}
