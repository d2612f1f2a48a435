package aggregate_test

import (
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/bankbrief/bankbrief/internal/aggregate"
	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/pipeline"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// classifyPieces are what the random sentences are made of: the words of
// every list (stocks, plans, references, changes, spans of years, lists' lead-ins), their traditional
// forms, every clause mark, quotes, spaces, figures (with thousands
// separators and times), and invalid or cut UTF-8.
var classifyPieces = []string{
	"余额", "餘額", "总资产", "資產", "市值", "规模达", "交易额", "AUM", "存款", "各项贷款", "准备金", "缺口",
	"其中", "其", "中", "计划", "計劃", "于", "投放", "年内", "力争", "目标", "的目标", "任务", "拟向", "预计将", "将投入", "要再投入", "投入",
	"同比", "比上年", "较去年同期", "环比", "比", "较", "多增", "少增", "增加", "多投放", "了", "多",
	"，", ",", "。", "；", ";", "：", ":", "！", "？", "!", "?", ".", "、", "”", "\"", "）", "」",
	" ", "\u3000", "\t", "银行", "贷款", "发放", "亿元", "5亿元", "3.2万亿元", "100户",
	"近年来", "近年來", "成立以来", "历年", "年来", "年", "来", "以来", "至今", "两", "八", "多", "10", "2022", "2015", "17", "-", "—", "至", "到", "今年以来",
	"1", "0", "2,050", "9:30", "1,", ",0",
	"达到", "達到", "增至", "突破", "已达",
	"如下", "包括", "分别为", "分別為", "如下：", "余额如下:", "包括:",
	"罚", "罰", "罚款", "配股", "定增", "永续债", "永續債", "二级资本债", "资本补充债", "资本债", "可转债", "的", "募集", "募資", "募集资金", "利润", "股本", "净收入",
	"近三年", "近", "三", "一", "十余", "年间", "个年头", "走过了12个年头", "过去", "按计划", "按照規劃", "已", "将", "花费", "增收", "手術費", "此外", "另外", "同时",
	"\xff", "\xef\xbc", "\xbc\x8c", "\xef", "\x8c", "\xe3\x80", "\x82", "\xe8\xae\xa1",
}

// TestClassifyReference checks classify against the reference it
// replaced (ref_balance_test.go) on the metrics of the seeds, of the
// shared corpus and of a sample of the benchmark corpus where present,
// and on random sentences around random figures.
func TestClassifyReference(t *testing.T) {
	var metrics []model.Metric
	inputs := []string{testutil.Seeds(t)}
	if dir := filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus"); exists(dir) {
		inputs = append(inputs, dir)
	} else {
		t.Log("../shared/corpus absent: its metrics not checked")
	}
	bench, _ := filepath.Glob("/tmp/bankbrief-bench/corpus10000/*")
	sort.Strings(bench)
	inputs = append(inputs, bench[:min(len(bench), 400)]...)
	facts, _ := pipeline.Facts(inputs, pipeline.Options{})
	for _, f := range facts {
		metrics = append(metrics, f.Metrics...)
	}
	if len(metrics) < 50 {
		t.Fatalf("only %d metrics extracted", len(metrics))
	}
	real := len(metrics)
	rnd := rand.New(rand.NewSource(5))
	for i := 0; i < 30000; i++ {
		var b strings.Builder
		for k := rnd.Intn(24); k > 0; k-- {
			b.WriteString(classifyPieces[rnd.Intn(len(classifyPieces))])
		}
		s := b.String()
		m := model.Metric{Sentence: s, Unit: "CNY"}
		switch rnd.Intn(4) {
		case 0: // a figure that is not there
			m.Text = "9亿元"
		case 1:
			m.Unit = []string{"percent", "household", "percent_point"}[rnd.Intn(3)]
			fallthrough
		default: // a piece of the sentence
			i := rnd.Intn(len(s) + 1)
			m.Text = s[i : i+rnd.Intn(len(s)-i+1)]
		}
		metrics = append(metrics, m)
	}
	kinds := map[model.NotSummed]int{}
	parts := 0
	for i := range metrics {
		m := &metrics[i]
		kind, part := aggregate.Classify(m)
		wantKind, wantPart := aggregate.RefClassify(m)
		if kind != wantKind || part != wantPart {
			t.Fatalf("classify(%q in %q) = %v %v, the reference gives %v %v", m.Text, m.Sentence, kind, part, wantKind, wantPart)
		}
		if i < real {
			kinds[kind]++
			if part {
				parts++
			}
		}
	}
	t.Logf("%d real metrics: kinds %v, %d parts", real, kinds, parts)
}

// FuzzClassify checks classify against its reference on any sentence and
// figure.
func FuzzClassify(f *testing.F) {
	f.Add("截至9月末，本行涉农贷款余额达2.4万亿元，较年初增长3120亿元", "2.4万亿元", "CNY")
	f.Add("前三季度累计发放贷款9800亿元，同比多发放1530亿元", "1530亿元", "CNY")
	f.Add("投放贷款8亿元，其中，安置点贷款5440万元", "5440万元", "CNY")
	f.Add("投放贷款8亿元， 其中\u3000，安置点贷款5440万元", "5440万元", "CNY")
	f.Add("该行计划于年内发行50亿元绿色债券", "50亿元", "CNY")
	f.Add("“春雨计划”投放100亿元", "100亿元", "CNY")
	f.Add("要完成9000亿元信贷净增任务", "9000亿元", "CNY")
	f.Add("截至3月末，綠色貸款余額22萬億元", "22萬億元", "CNY")
	f.Add("a\xef\xbc\x8c\xff比上年 多增 7亿元", "7亿元", "CNY")
	f.Add("近年来，累计投入400多亿元", "400多亿元", "CNY")
	f.Add("在2015-17年累计投入2,050亿元处置6,000亿元不良贷款", "6,000亿元", "CNY")
	f.Add("其中向1,200户发放贷款12亿元,9:30前", "12亿元", "CNY")
	f.Add("该行完成配股发行，募集资金148亿元，并发行了200亿元的永续债", "148亿元", "CNY")
	f.Add("被罰款2720萬元", "2720萬元", "CNY")
	f.Add("该行2015-17年累计投入2050亿元，近两年来新增贷款2000亿元", "2000亿元", "CNY")
	f.Add("2022年来宾分行发放贷款5亿元", "5亿元", "CNY")
	f.Add("受灾人口达399.2万人,直接经济损失152.7亿元", "152.7亿元", "CNY")
	f.Add("成功堵截诈骗7起,避免经济损失340多万元", "340多万元", "CNY")
	f.Add("该项目总投资4.08亿元", "4.08亿元", "CNY")
	f.Add("今年偿还量将\u3000超过5万亿元人民币", "超过5万亿元", "CNY")
	f.Add("注册资本9亿元，绿色信贷规模从12万亿元增加到43.5万亿元", "43.5万亿元", "CNY")
	f.Add("碳减排支持工具贷款发放额 356亿元 281亿元", "281亿元", "CNY")
	f.Add("近三年,僅在羊井子灣鄉,農行金塔縣支行就為800余戶投放貸款9049萬元", "9049萬元", "CNY")
	f.Add("按计划,到2021年末,该行将实现全覆盖,贷款投放规模不低于2亿元", "不低于2亿元", "CNY")
	f.Add("彩虹計劃已走過了12個年頭,累計已募集捐款超2000萬元", "超2000萬元", "CNY")
	f.Add("其中，投放粮棉油贷款3148亿元，同时另外投放10亿元", "10亿元", "CNY")
	f.Add("对公跨行转账（柜面）｜5元/笔｜2元/笔", "5元", "CNY")
	f.Add("捐助每位學生每年3000元，户均8.9萬元，单笔5万元以上", "5万元以上", "CNY")
	f.Add("管理费360元／年，2元每笔", "2元", "CNY")
	f.Add("累计发放单户授信1000万元以下小微企业贷款85亿元", "85亿元", "CNY")
	f.Add("由每笔5元降至2元，为订单户、每个月每名员工", "2元", "CNY")
	f.Add("贷款额度最高500万元", "最高500万元", "CNY")
	f.Fuzz(func(t *testing.T, sentence, text, unit string) {
		m := model.Metric{Sentence: sentence, Text: text, Unit: unit}
		kind, part := aggregate.Classify(&m)
		wantKind, wantPart := aggregate.RefClassify(&m)
		if kind != wantKind || part != wantPart {
			t.Errorf("classify(%q in %q) = %v %v, the reference gives %v %v", text, sentence, kind, part, wantKind, wantPart)
		}
	})
}

// TestClauseMarksEveryRune puts every rune of the Basic Multilingual
// Plane, and each alone as a byte, between clauses: the backward byte scan
// must cut where strings.LastIndexAny(s, clausePunct) does.
func TestClauseMarksEveryRune(t *testing.T) {
	for c := rune(0); c < 0x10000; c++ {
		s := string(c)
		for _, sentence := range []string{"发放" + s + "贷款5亿元", s + "5亿元", "其中" + s + "5亿元", "，其中" + s + s + "5亿元", string([]byte{byte(c)}) + "5亿元"} {
			m := model.Metric{Sentence: sentence, Text: "5亿元", Unit: "CNY"}
			kind, part := aggregate.Classify(&m)
			wantKind, wantPart := aggregate.RefClassify(&m)
			if kind != wantKind || part != wantPart {
				t.Fatalf("U+%04X: classify(%q) = %v %v, the reference gives %v %v", c, sentence, kind, part, wantKind, wantPart)
			}
		}
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestFoldKeepsSpaces checks what prevIsPart relies on to trim a clause
// before folding it: hanzi.Simplify maps every space to itself and no
// other rune to a space.
func TestFoldKeepsSpaces(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		f := hanzi.Rune(r)
		if unicode.IsSpace(r) && f != r || !unicode.IsSpace(r) && unicode.IsSpace(f) {
			t.Fatalf("hanzi.Rune(%U) = %U", r, f)
		}
	}
}

// TestFoldEveryRune checks fold against hanzi.Simplify on every rune,
// alone and in Chinese text, and on every byte alone.
func TestFoldEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		for _, s := range []string{string(r), "银行" + string(r) + "a", string(r) + "發"} {
			if got, want := aggregate.Fold(s), hanzi.Simplify(s); got != want {
				t.Fatalf("fold(%q) = %q, hanzi.Simplify gives %q", s, got, want)
			}
		}
	}
	for c := 0; c < 256; c++ {
		s := "銀" + string([]byte{byte(c)})
		if got, want := aggregate.Fold(s), hanzi.Simplify(s); got != want {
			t.Fatalf("fold(%q) = %q, hanzi.Simplify gives %q", s, got, want)
		}
	}
}

// FuzzFold checks fold against hanzi.Simplify.
func FuzzFold(f *testing.F) {
	f.Add("截至3月末，綠色貸款余額22萬億元")
	f.Add("a\xef\xbc\x8c\xff\xe4\xb8")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := aggregate.Fold(s), hanzi.Simplify(s); got != want {
			t.Errorf("fold(%q) = %q, hanzi.Simplify gives %q", s, got, want)
		}
	})
}
