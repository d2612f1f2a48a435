// Package metric finds the metrics in a sentence: every figure that measures
// what a bank did, with its normalised value, unit, metric type and
// qualifier (see ../shared/spec/vocabulary.md). It builds on internal/cnnum
// for the numbers themselves. Input: text; output: model.Metric values
// (without theme and bank, which internal/extract assigns) and warnings.
//
// A quantity is a metric when a measure word or a counted noun follows it
// (元, %, 户, 名, 家, 个, 项, 场, 台, 分钟 …, or 万/亿 with 企业客户, 网点 …).
// The measure word gives the unit; the noun around it decides the type
// where the word alone cannot (个 item, outlet or other; 名 staff or
// customers; 家 outlet or enterprise). Dates, years, clock times, ordinals,
// codes, service hours (7×24小时) and numbers inside slogans (3个主体+2大…)
// are not metrics.
package metric

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/cnnum"
	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/model"
)

// Metric types.
const (
	tAmount    = "amount"
	tCustomers = "customers"
	tItems     = "items"
	tEvents    = "events"
	tOutlets   = "outlets"
	tDevices   = "devices"
	tStaff     = "staff"
	tPercent   = "percent"
	tDuration  = "duration"
	tOther     = "other"
)

// kind says how a measure word's type is decided.
type kind uint8

const (
	kFixed     kind = iota // unit and type as in the table
	kPerson                // 人, 名, 位: staff or customers
	kHousehold             // 户: household, or enterprise before 企业
	kJia                   // 家: outlet, enterprise or other
	kGe                    // 个: item, outlet, person or other
	kJian                  // 件: item, or other for goods
	kYear                  // 年: a duration, never a calendar year
	kOrdinalOK             // 届: Arabic digits only (十一届 is an ordinal), not a year (2026届)
	kIssue                 // 期: not an issue number (2013年13期)
	kHours                 // 小时: not service hours (24小时)
	kDay                   // 天: not days of service (365天)
	kDayWithin             // 日: only a time limit (20日内), never a date (5月20日)
	kMonths                // 个月: not a calendar period (今年前4个月)
	kWorkdays              // 个工作日: not a calendar period (每月前3个工作日)
	kTenths                // 成: tenths (近5成 → 50%), Arabic digits up to 10 only
	kArabic                // a measure word read after Arabic digits only (9面锦旗; not 新一轮, 三面环山)
)

type measure struct {
	word  string
	unit  string // "" for type other: the word itself
	typ   string
	scale float64 // applied to the value (小时 → 60 minutes); 0 means 1
	kind  kind
}

// measures are the measure words, longest first where one is a prefix of
// another.
var measures = []measure{
	// money
	{word: "美元", unit: "USD", typ: tAmount}, {word: "港元", unit: "HKD", typ: tAmount}, {word: "港币", unit: "HKD", typ: tAmount},
	{word: "港幣", unit: "HKD", typ: tAmount}, {word: "欧元", unit: "EUR", typ: tAmount}, {word: "歐元", unit: "EUR", typ: tAmount},
	{word: "日元", unit: "JPY", typ: tAmount}, {word: "英镑", unit: "GBP", typ: tAmount}, {word: "英鎊", unit: "GBP", typ: tAmount},
	{word: "元", unit: "CNY", typ: tAmount}, {word: "圆", unit: "CNY", typ: tAmount}, {word: "块钱", unit: "CNY", typ: tAmount},
	// percent
	{word: "%", unit: "percent", typ: tPercent}, {word: "％", unit: "percent", typ: tPercent},
	{word: "‰", unit: "percent", typ: tPercent, scale: 0.1}, // 5‰ is 0.5%
	{word: "成", unit: "percent", typ: tPercent, scale: 10, kind: kTenths},
	{word: "个百分点", unit: "percent_point", typ: tPercent}, {word: "個百分點", unit: "percent_point", typ: tPercent},
	{word: "百分点", unit: "percent_point", typ: tPercent}, {word: "百分點", unit: "percent_point", typ: tPercent},
	{word: "个基点", unit: "percent_point", typ: tPercent, scale: 0.01}, {word: "個基點", unit: "percent_point", typ: tPercent, scale: 0.01},
	{word: "基点", unit: "percent_point", typ: tPercent, scale: 0.01}, {word: "个BP", unit: "percent_point", typ: tPercent, scale: 0.01},
	{word: "BP", unit: "percent_point", typ: tPercent, scale: 0.01}, {word: "bp", unit: "percent_point", typ: tPercent, scale: 0.01}, {word: "基點", unit: "percent_point", typ: tPercent, scale: 0.01},
	{word: "pct", unit: "percent_point", typ: tPercent}, {word: "PCT", unit: "percent_point", typ: tPercent}, // 下降5pct: percentage points
	// durations and periods
	{word: "分钟", unit: "minute", typ: tDuration}, {word: "分鐘", unit: "minute", typ: tDuration},
	{word: "秒钟", unit: "minute", typ: tDuration, scale: 1.0 / 60}, {word: "秒鐘", unit: "minute", typ: tDuration, scale: 1.0 / 60},
	{word: "秒", unit: "minute", typ: tDuration, scale: 1.0 / 60},
	{word: "个小时", unit: "minute", typ: tDuration, scale: 60, kind: kHours}, {word: "個小時", unit: "minute", typ: tDuration, scale: 60, kind: kHours},
	{word: "小时", unit: "minute", typ: tDuration, scale: 60, kind: kHours}, {word: "小時", unit: "minute", typ: tDuration, scale: 60, kind: kHours},
	{word: "天", unit: "minute", typ: tDuration, scale: 1440, kind: kDay},
	{word: "日", unit: "minute", typ: tDuration, scale: 1440, kind: kDayWithin},
	{word: "个工作日", unit: "minute", typ: tDuration, scale: 1440, kind: kWorkdays}, {word: "個工作日", unit: "minute", typ: tDuration, scale: 1440, kind: kWorkdays}, {word: "个月", typ: tOther, kind: kMonths}, {word: "個月", typ: tOther, kind: kMonths},
	{word: "个季度", typ: tOther}, {word: "個季度", typ: tOther},
	{word: "年", typ: tOther, kind: kYear},
	// a multiple: 增长6倍, 是“十三五”末的2.3倍, PB估值0.61倍
	{word: "倍", typ: tOther},
	// people and customers
	{word: "人次", unit: "person_time", typ: tCustomers},
	{word: "个人", unit: "person", typ: tCustomers}, {word: "個人", unit: "person", typ: tCustomers},
	{word: "人口", unit: "person", typ: tCustomers},
	{word: "人民币", unit: "CNY", typ: tAmount}, {word: "人民幣", unit: "CNY", typ: tAmount},
	{word: "人", unit: "person", kind: kPerson}, {word: "名", unit: "person", kind: kPerson}, {word: "位", unit: "person", kind: kPerson},
	{word: "户", unit: "household", typ: tCustomers, kind: kHousehold}, {word: "戶", unit: "household", typ: tCustomers, kind: kHousehold},
	{word: "家庭", unit: "household", typ: tCustomers},
	{word: "家", kind: kJia}, {word: "个", kind: kGe}, {word: "個", kind: kGe}, {word: "箇", kind: kGe},
	// items, events, devices
	{word: "小项", unit: "item", typ: tItems}, {word: "小項", unit: "item", typ: tItems},
	{word: "项", unit: "item", typ: tItems}, {word: "項", unit: "item", typ: tItems},
	{word: "笔", unit: "item", typ: tItems}, {word: "筆", unit: "item", typ: tItems},
	{word: "件", kind: kJian},
	{word: "场", unit: "event", typ: tEvents}, {word: "場", unit: "event", typ: tEvents},
	{word: "次", unit: "event", typ: tEvents}, {word: "期", unit: "event", typ: tEvents, kind: kIssue},
	{word: "届", unit: "event", typ: tEvents, kind: kOrdinalOK}, {word: "屆", unit: "event", typ: tEvents, kind: kOrdinalOK},
	{word: "台", unit: "device", typ: tDevices}, {word: "臺", unit: "device", typ: tDevices},
	// other counts, unit as written
	{word: "大类", typ: tOther}, {word: "大類", typ: tOther}, {word: "大行", typ: tOther},
	{word: "平方米", typ: tOther}, {word: "平方公里", typ: tOther}, {word: "公里", typ: tOther}, {word: "公斤", typ: tOther}, {word: "千克", typ: tOther},
	{word: "只", typ: tOther}, {word: "隻", typ: tOther}, {word: "份", typ: tOther}, {word: "箱", typ: tOther}, {word: "瓶", typ: tOther},
	{word: "袋", typ: tOther}, {word: "吨", typ: tOther}, {word: "噸", typ: tOther}, {word: "亩", typ: tOther}, {word: "畝", typ: tOther},
	{word: "米", typ: tOther}, {word: "所", typ: tOther}, {word: "张", typ: tOther}, {word: "張", typ: tOther}, {word: "条", typ: tOther},
	{word: "條", typ: tOther}, {word: "起", typ: tOther}, {word: "种", typ: tOther}, {word: "種", typ: tOther}, {word: "类", typ: tOther},
	{word: "類", typ: tOther}, {word: "折", typ: tOther}, {word: "股", typ: tOther}, {word: "城", typ: tOther}, {word: "宗", typ: tOther},
	{word: "座", typ: tOther}, {word: "辆", typ: tOther}, {word: "輛", typ: tOther}, {word: "套", typ: tOther}, {word: "本", typ: tOther},
	{word: "册", typ: tOther}, {word: "冊", typ: tOther}, {word: "盒", typ: tOther}, {word: "桶", typ: tOther}, {word: "斤", typ: tOther},
	{word: "处", typ: tOther}, {word: "處", typ: tOther}, {word: "批", typ: tOther}, {word: "篇", typ: tOther}, {word: "枚", typ: tOther},
	{word: "双", typ: tOther}, {word: "雙", typ: tOther}, {word: "幅", typ: tOther}, {word: "支", typ: tOther}, {word: "棵", typ: tOther},
	{word: "课时", typ: tOther}, {word: "課時", typ: tOther}, {word: "间", typ: tOther}, {word: "間", typ: tOther},
	{word: "千瓦时", typ: tOther}, {word: "千瓦時", typ: tOther}, {word: "千瓦", typ: tOther}, {word: "床", typ: tOther}, {word: "单", typ: tOther}, {word: "單", typ: tOther},
	{word: "块", typ: tOther}, {word: "塊", typ: tOther}, {word: "席", typ: tOther},
	{word: "副", typ: tOther, kind: kArabic}, {word: "面", typ: tOther, kind: kArabic}, {word: "封", typ: tOther, kind: kArabic},
	{word: "节", typ: tOther, kind: kArabic}, {word: "節", typ: tOther, kind: kArabic}, {word: "轮", typ: tOther, kind: kArabic}, {word: "輪", typ: tOther, kind: kArabic},
	{word: "趟", typ: tOther, kind: kArabic}, {word: "艘", typ: tOther, kind: kArabic}, {word: "例", typ: tOther, kind: kArabic},
}

// measuresByRune indexes measures by their first rune, in table order.
var measuresByRune = func() map[rune][]measure {
	idx := make(map[rune][]measure)
	for _, m := range measures {
		r, _ := utf8.DecodeRuneInString(m.word)
		idx[r] = append(idx[r], m)
	}
	return idx
}()

// nounUnits name what a number with 万 or 亿 counts when no measure word
// follows (3.7万营业网点, 20万企业客户, 9亿银行账户, 1.5亿贷款).
var nounUnits = []struct {
	noun, unit, typ string
	keep            bool // the noun is part of Text
}{
	{"营业网点", "outlet", tOutlets, true}, {"營業網點", "outlet", tOutlets, true}, {"网点", "outlet", tOutlets, true}, {"網點", "outlet", tOutlets, true},
	{"企业客户", "enterprise", tCustomers, true}, {"企業客戶", "enterprise", tCustomers, true}, {"小微企业", "enterprise", tCustomers, true},
	{"企业", "enterprise", tCustomers, true}, {"企業", "enterprise", tCustomers, true}, {"市场主体", "enterprise", tCustomers, true},
	{"商户", "enterprise", tCustomers, true}, {"商戶", "enterprise", tCustomers, true},
	{"农户", "household", tCustomers, true}, {"農戶", "household", tCustomers, true},
	{"银行账户", "账户", tOther, true}, {"账户", "账户", tOther, true}, {"賬戶", "賬戶", tOther, true},
	{"小额贷款用户", "person", tCustomers, true}, {"用户", "person", tCustomers, true}, {"用戶", "person", tCustomers, true},
	{"客户", "person", tCustomers, true}, {"客戶", "person", tCustomers, true}, {"群众", "person", tCustomers, true},
	{"居民", "person", tCustomers, true}, {"农民", "person", tCustomers, true}, {"老人", "person", tCustomers, true},
	{"老年人", "person", tCustomers, true}, {"学生", "person", tCustomers, true}, {"员工", "person", tStaff, true}, {"員工", "person", tStaff, true},
	{"贷款", "CNY", tAmount, false}, {"貸款", "CNY", tAmount, false}, {"资金", "CNY", tAmount, false}, {"資金", "CNY", tAmount, false},
	{"授信", "CNY", tAmount, false}, {"存款", "CNY", tAmount, false}, {"融资", "CNY", tAmount, false},
}

// groupNouns name what a figure in 万 or 亿 counts when they follow it
// within a few runes (1200万河南小微群体, 30万本地居民).
var groupNouns = []struct{ noun, unit string }{
	{"小微", "enterprise"}, {"商户", "enterprise"}, {"商戶", "enterprise"}, {"商家", "enterprise"}, {"市场主体", "enterprise"},
	{"农户", "household"}, {"農戶", "household"}, {"贫困户", "household"}, {"貧困戶", "household"},
	{"人口", "person"},
	{"群众", "person"}, {"群眾", "person"}, {"居民", "person"}, {"市民", "person"}, {"用户", "person"}, {"客户", "person"}, {"客戶", "person"},
	{"月活", "person"}, // 超1亿月活: monthly active users
}

// moneyNouns before a figure in 亿 without 元 make it an amount.
var moneyNouns = []string{"规模", "規模", "金额", "金額", "资金", "資金", "贷款", "貸款", "余额", "餘額", "投放", "发放", "發放", "融资", "融資",
	"授信", "存款", "资产", "資產", "市值", "收入", "利润", "利潤", "保费", "保費", "募集", "获批", "獲批"}

// peopleNouns before a figure in 万 or 亿 without a measure word make it a
// count of people.
var peopleNouns = []string{"人口", "用户", "用戶", "客户", "客戶", "投资者", "投資者", "群众", "居民", "人数", "人數", "客户数", "用户数", "投资者数量", "受众", "受眾",
	// an app's monthly and daily active users: 月活数破亿, MAU突破5000万
	"月活", "月活数", "月活數", "日活", "活跃用户", "活躍用戶", "MAU", "DAU"}

// endsFigure says nothing countable follows: punctuation or the end.
func endsFigure(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s == "" || isPunct(r) || r == ' '
}

// staffNouns mark people who work for the bank.
var staffNouns = []string{"员工", "員工", "职工", "職工", "干部", "幹部", "党员", "黨員", "志愿者", "志願者", "专职人员", "工作人员", "工作人員",
	"客户经理", "客戶經理", "柜员", "櫃員", "行员", "標兵", "标兵", "服务明星", "青年", "骨干", "业务骨干", "网点负责人", "行长", "责任人", "責任人",
	"专员", "專員", "顾问", "顧問"}

// enterpriseNouns mark firms counted with 家 or 户.
var enterpriseNouns = []string{"企业", "企業", "客户", "客戶", "新客户", "商户", "商戶", "小微", "中小", "市场主体", "个体工商户", "民营企业", "外贸企业"}

// itemNouns mark 个 that count projects and matters.
var itemNouns = []string{"项目", "項目", "事项", "事項", "工作项", "实事", "實事", "问题", "問題", "举措", "舉措", "措施", "难题", "诉求"}

// placeNouns right after 个 make it a count of places or of the bank's
// units, type other as the gold labels read 个省, 个区, 个管理部门.
var placeNouns = []string{"省", "市", "县", "縣", "区", "區", "州", "乡", "鄉", "镇", "鎮", "村", "社区", "社區", "街道", "小区", "小區", "园区", "園區",
	"国家", "國家", "城市", "地市", "自治区", "直辖市", "党支部", "黨支部", "支部", "部门", "部門", "管理部门", "职能部门", "条线", "條線"}

// outletNouns mark 个 that count branches.
var outletNouns = []string{"网点", "網點", "营业网点", "营业厅", "服务点", "服務點", "自助银行", "支行", "分行", "营业部", "服务站", "教育点",
	"分理处", "分理處", "营业所", "營業所", "储蓄所", "儲蓄所", "网格点",
	"港湾", "港灣", "驿站", "驛站"} // 劳动者港湾近900个: rest stops in the bank's outlets

// personNouns mark 个 that count people (1000个孩子).
var personNouns = []string{"孩子", "儿童", "兒童", "学生", "學生", "学子", "學子", "农民", "農民", "村民", "居民", "家庭成员", "人员", "人員"}

// goodsNouns mark 件 that count goods rather than matters.
var goodsNouns = []string{"矿泉水", "礦泉水", "物品", "物资", "物資", "衣", "被", "书", "書", "礼", "禮", "用品", "口罩", "防护服", "食品", "大米", "牛奶", "纯净水"}

// equipmentNouns right before 件 count goods (助行器具96件, 设施260余件);
// further away they name what matters are about (受理设备更新贷款申请86件).
var equipmentNouns = []string{"设施", "設施", "器具", "器材", "设备", "設備"}

// decrease cues make a percentage negative (同比下降58%).
var decreases = []string{"下降", "下行", "降准", "降息", "负增长", "負增長", "减少", "減少", "降低", "回落", "缩短", "縮短", "放缓", "放緩", "下滑", "降幅", "减幅", "減幅", "跌幅", "调降", "調降",
	"下调", "下調", "下浮", "下跌", "压降", "壓降", "缩减", "縮減", "压缩", "壓縮", "精简", "精簡", "削减", "削減", "收窄", "下挫", "减", "降", "低", "跌", "少"}

// Silent says the rune r plays no part in what Find reports: a text whose
// runes are all silent has no metric and no warning (none may start a
// number, see cnnum.Numeral, and none is 余, which missingDigits looks
// for). A caller that reads the runes of its texts anyway can skip Find
// on such a text, which costs a scan of its own.
func Silent(r rune) bool { return !cnnum.Numeral(r) && r != '余' }

// Find returns the metrics in text, in order. Each Metric has Text, Value,
// ValueHigh, Unit, Type, Qualifier set and Offset as the rune offset of Text
// within text; Sentence, Theme and Bank are left to the caller. warnings
// lists problems such as a qualifier whose digits are missing
// ("digits missing near: 新入职余人").
func Find(text string) (metrics []model.Metric, warnings []string) {
	return AppendFind(nil, text)
}

// AppendFind is Find appending the metrics to dst, so that a caller can
// reuse one slice for many texts: it returns dst extended by Find's
// metrics, and Find's warnings.
func AppendFind(dst []model.Metric, text string) (metrics []model.Metric, warnings []string) {
	return AppendFindFrom(dst, text, 0, 0)
}

// AppendFindFrom is AppendFind for a text whose runes before byte from
// (rune fromRune) are all Silent, as a caller that read them knows: it
// reads the text from there.
func AppendFindFrom(dst []model.Metric, text string, from, fromRune int) (metrics []model.Metric, warnings []string) {
	metrics = dst
	buf := quantities.Get().(*[]cnnum.Quantity)
	qs := cnnum.AppendScanFrom((*buf)[:0], text, from, fromRune)
	defer func() { *buf = qs[:0]; quantities.Put(buf) }()
	lastStaffEnd := -1 // byte end of the last staff metric
	fallNext := -1     // index of a quantity coordinated with a fall before it
	for k := 0; k < len(qs); k++ {
		q := qs[k]
		m, end, endRune, ok := read(text, q)
		if !ok {
			if m, ok = borrowUnit(text, qs, k); !ok {
				continue
			}
			end, endRune = q.End, q.RuneEnd
		}
		if k == fallNext && m.Value > 0 && m.Type == tPercent {
			m.Value = -m.Value
		}
		// A range written with the unit twice: 10%至15%, 8万亿元至10万亿元.
		// A fee table's 5万元（含）—50万元 says its low end is included.
		if m.ValueHigh == 0 && k+1 < len(qs) {
			inc := inclusionMark(text[end:])
			c := cnnum.RangeConnector(text[end+inc:])
			q2 := qs[k+1]
			if c > 0 && q2.Start == end+inc+c && q2.Prefix == "" && q2.High == 0 {
				m2, end2, endRune2, ok2 := read(text, q2)
				if ok2 && m.Value < 0 && m2.Value > 0 {
					m2.Value = -m2.Value // 下降10%至15%: the fall covers both ends
				}
				if ok2 && m2.Unit == m.Unit && math.Abs(m2.Value) > math.Abs(m.Value) && sameSign(m.Value, m2.Value) {
					m.ValueHigh = m2.Value
					if m.Qualifier == model.Exact {
						m.Qualifier = model.Approx
					}
					m.Text = text[q.Start:end2]
					end, endRune = end2, endRune2
					k++
				}
			}
		}
		// 下行10个和5个基点: the first figure borrows the unit of the second.
		if m.Type == tOther && (m.Unit == "个" || m.Unit == "個") && k+1 < len(qs) {
			if c := coordinator(text[end:]); c > 0 && qs[k+1].Start == end+c {
				if m2, _, _, ok2 := read(text, qs[k+1]); ok2 && m2.Unit == "percent_point" {
					scale := 1.0
					if m2.Value != 0 {
						scale = m2.Value / qs[k+1].Value
					}
					m.Value, m.Unit, m.Type = round(math.Abs(q.Value*scale)), m2.Unit, m2.Type
					if decreased(text[:q.Start]) {
						m.Value = -m.Value
						fallNext = k + 1 // 下行10个和5个基点: both fell
					}
				}
			}
		}
		// 下调5个基点和15个基点: a percentage right after a fallen one and 和
		// fell too.
		if m.Type == tPercent && m.Value < 0 && k+1 < len(qs) {
			if c := coordinator(text[end:]); c > 0 && qs[k+1].Start == end+c {
				fallNext = k + 1
			}
		}
		// A bare count of people right after a staff figure is staff too:
		// "超过2000名员工参加培训，104人通过考核".
		if m.Type == tCustomers && m.Unit == "person" && strings.HasSuffix(m.Text, "人") && lastStaffEnd >= 0 && !nounBefore(text[:q.Start], otherStaff, 3) &&
			q.Start >= lastStaffEnd && q.Start-lastStaffEnd <= 4*30 && utf8.RuneCountInString(text[lastStaffEnd:q.Start]) <= 30 && !strings.ContainsAny(text[lastStaffEnd:q.Start], "。！？\n") {
			m.Type = tStaff
		}
		if m.Type == tStaff {
			lastStaffEnd = end
		}
		_ = endRune
		metrics = append(metrics, m)
	}
	metrics = appendForeignAmounts(metrics, len(dst), text)
	warnings = missingDigits(text, from, warnings)
	return metrics, warnings
}

// foreignAmount matches an amount written the English way in a foreign
// bank's release: a currency code, the number, and an English scale word
// or a Chinese power (USD 2.5bn, 约USD 1.8 billion, RMB 200 million,
// USD 500,000, HK$3亿).
var foreignAmount = regexp.MustCompile(`(约|約|近|超过|超過|逾|超)?(USD|US\$|RMB|CNY|HKD|HK\$|EUR|GBP|JPY) ?([0-9][0-9,]*(?:\.[0-9]+)?)(?: ?(billion|bn|million|mn|thousand)\b|(亿|億|万|萬)|\b)`)

var foreignCodes = map[string]string{"USD": "USD", "US$": "USD", "RMB": "CNY", "CNY": "CNY", "HKD": "HKD", "HK$": "HKD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY"}

var foreignScales = map[string]float64{"billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "thousand": 1e3, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4}

// hasForeignCode says whether text holds a currency code of foreignAmount
// followed by a digit (after at most one space): where foreignAmount can
// match. A pass over the code's first letters, most often the only one.
func hasForeignCode(text string) bool {
	for i := 0; i < len(text); {
		// The next first letter of a code, eight bytes at a time while
		// they hold no capital letter (no byte of a multi-byte rune is an
		// ASCII letter; strings.IndexAny decoded each Chinese rune), then
		// byte by byte within the eight.
		i = skipNoCapital(text, i)
		end := min(i+8, len(text))
		for ; i < end; i++ {
			if codeStarts[text[i]] && codeAt(text[i:]) {
				return true
			}
		}
	}
	return false
}

// codeAt says s starts with a code of foreignCodeList and a digit (after
// at most one space).
func codeAt(s string) bool {
	for _, code := range foreignCodeList {
		if !strings.HasPrefix(s, code) {
			continue
		}
		after := s[len(code):]
		if len(after) > 0 && after[0] == ' ' {
			after = after[1:]
		}
		if len(after) > 0 && after[0] >= '0' && after[0] <= '9' {
			return true
		}
	}
	return false
}

// foreignCodeList are the keys of foreignCodes, the codes foreignAmount
// reads.
var foreignCodeList = []string{"USD", "US$", "RMB", "CNY", "HKD", "HK$", "EUR", "GBP", "JPY"}

// skipNoCapital returns i advanced by whole eight-byte steps past the
// bytes that hold no ASCII capital letter: to the first eight with one, or
// to the last fewer than eight. It tests eight bytes at once: with their
// high bits cleared (y), adding 0x80−'A' sets a byte's high bit when it is
// 'A' or above, adding 0x80−'Z'−1 when it is above 'Z' (no byte carries
// into the next), and bytes of 0x80 and above never count.
func skipNoCapital(s string, i int) int {
	const ones = 0x0101010101010101
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8] // (one bounds check: the compiler loads the eight at once)
		x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		y := x & (ones * 0x7F)
		if (y+ones*(0x80-'A'))&^(y+ones*(0x80-'Z'-1))&^x&(ones*0x80) != 0 {
			return i
		}
	}
	return i
}

// codeStarts marks the first letters of foreignCodeList.
var codeStarts = func() (t [256]bool) {
	for _, c := range foreignCodeList {
		t[c[0]] = true
	}
	return t
}()

// appendForeignAmounts appends the amounts of text written the English way
// that no metric from start on already covers, and keeps metrics[start:]
// in the order of their offsets.
func appendForeignAmounts(metrics []model.Metric, start int, text string) []model.Metric {
	if !hasForeignCode(text) {
		return metrics // no currency code before a figure: no regexp
	}
	added := false
	for _, loc := range foreignAmount.FindAllStringSubmatchIndex(text, -1) {
		at, end := loc[0], loc[1]
		if loc[2] < 0 {
			at = loc[4] // no qualifier
		}
		if at > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:at]); isASCIILetter(r) {
				continue // inside a word
			}
		}
		num := strings.ReplaceAll(text[loc[6]:loc[7]], ",", "")
		v, err := strconv.ParseFloat(num, 64)
		if err != nil || v == 0 {
			continue
		}
		scale := 1.0
		for _, g := range [][2]int{{loc[8], loc[9]}, {loc[10], loc[11]}} {
			if g[0] >= 0 {
				scale = foreignScales[text[g[0]:g[1]]]
			}
		}
		qual := model.Exact
		if loc[10] >= 0 {
			// RMB5亿元以上: the 元 and a qualifier after a Chinese scale
			end += len(text[end:]) - len(strings.TrimPrefix(text[end:], "元"))
			if n, sq := cnnum.SuffixQualifier(text[end:]); n > 0 && !strings.HasPrefix(text[end:], "多") && !strings.HasPrefix(text[end:], "余") {
				end += n
				qual = sq
			}
		}
		offset := utf8.RuneCountInString(text[:at])
		n := utf8.RuneCountInString(text[at:end])
		covered := false
		for i := start; i < len(metrics); i++ {
			if o := metrics[i]; o.Offset < offset+n && offset < o.Offset+utf8.RuneCountInString(o.Text) {
				covered = true
				break
			}
		}
		if covered {
			continue
		}
		if loc[2] >= 0 {
			switch text[loc[2]:loc[3]] {
			case "约", "約", "近":
				qual = model.Approx
			default:
				qual = model.AtLeast
			}
		}
		metrics = append(metrics, model.Metric{Text: strings.TrimSpace(text[at:end]), Value: round(v * scale), Unit: foreignCodes[text[loc[4]:loc[5]]],
			Type: tAmount, Qualifier: qual, Offset: offset})
		added = true
	}
	if added {
		sort.SliceStable(metrics[start:], func(i, j int) bool { return metrics[start+i].Offset < metrics[start+j].Offset })
	}
	return metrics
}

// inclusionMark returns the length of （含） or (含) at the start of s, or 0.
func inclusionMark(s string) int {
	for _, w := range []string{"（含）", "(含)"} {
		if strings.HasPrefix(s, w) {
			return len(w)
		}
	}
	return 0
}

// borrowUnit reads qs[k], a figure with no unit of its own, as one item of
// an enumeration whose unit is written once, after its last item:
// 分别以9449万、8698万的用户, 20、30家网点, 12亿、15亿元. It takes the unit
// of the next item that has one, if only 、 and items written alike
// (Arabic or Chinese digits, the same 万/亿) come between, and if that is
// a count or an amount; a list's numbering (1、200名员工) borrows nothing.
func borrowUnit(text string, qs []cnnum.Quantity, k int) (model.Metric, bool) {
	q := qs[k]
	if q.High != 0 || excluded(text, q) || listMarker(text[:q.Start]) {
		return model.Metric{}, false
	}
	for j, end := k+1, q.End; j < len(qs) && j <= k+5; j++ {
		next := qs[j]
		if !strings.HasPrefix(text[end:], "、") || next.Start != end+len("、") ||
			next.Arabic != q.Arabic || next.Multiplier != q.Multiplier || next.High != 0 || next.Prefix != "" {
			return model.Metric{}, false
		}
		m2, _, _, ok := read(text, next)
		if !ok {
			end = next.End
			continue
		}
		// Only plain counts and amounts are borrowed: what decides a
		// duration, a period or a rank (连续3、4年, 前3、5名) was read
		// for the last item, not this one.
		if m2.Type == tPercent || m2.Type == tDuration || m2.Type == tOther || next.Value == 0 ||
			m2.Unit == "person" && rank(text[:q.Start]) {
			return model.Metric{}, false
		}
		scale := m2.Value / next.Value
		m := model.Metric{
			Text:      text[q.Start:q.End],
			Value:     round(q.Value * scale),
			Unit:      m2.Unit,
			Type:      m2.Type,
			Qualifier: q.Qualifier, // cnnum gives every quantity one
			Offset:    q.RuneStart,
		}
		return m, m.Value != 0
	}
	return model.Metric{}, false
}

// listMarker says a number with this before it starts a line, a sentence
// or a clause after a colon, where 1、 2、 number the items of a list.
func listMarker(before string) bool {
	t := strings.TrimRight(before, " \t\u3000")
	r, _ := utf8.DecodeLastRuneInString(t)
	return t == "" || strings.ContainsRune("\n。；;：:！？!?（(【[", r)
}

// quantities holds the slices Find scans quantities into, reused from
// call to call (a sentence's quantities are read, not kept).
var quantities = sync.Pool{New: func() any { return new([]cnnum.Quantity) }}

func sameSign(a, b float64) bool { return (a < 0) == (b < 0) }

// coordinator returns the length of 和, 与, 及, 或, 、 at the start of s, or 0.
func coordinator(s string) int {
	for _, w := range []string{"和", "与", "及", "或", "、"} {
		if strings.HasPrefix(s, w) {
			return len(w)
		}
	}
	return 0
}

// read turns one quantity into a metric when a unit follows it. It returns
// the metric, the byte and rune end of its Text, and whether it is one.
func read(text string, q cnnum.Quantity) (m model.Metric, end, endRune int, ok bool) {
	if excluded(text, q) {
		return m, 0, 0, false
	}
	rest := text[q.End:]
	pos := 0
	if strings.HasPrefix(rest, " ") || strings.HasPrefix(rest, "\u3000") {
		_, sz := utf8.DecodeRuneInString(rest)
		pos = sz
	}
	pos += cnnum.Pinyin(rest[pos:])
	value := q.Value
	high := q.High
	qual := q.Qualifier
	start := q.Start
	var unit, typ string
	keep := true
	ms, found := lookup(rest[pos:])
	if !found && strings.HasSuffix(text[:q.NumStart], "百分之") && q.Prefix == "" {
		// 百分之六十八
		ms, found = measure{word: "", unit: "percent", typ: tPercent}, true
		start = q.NumStart - len("百分之")
		if p, pq := cnnum.PrefixQualifier(text[:start]); p != "" {
			start -= len(p) // 超过百分之六十
			qual = pq
		}
	}
	for _, sym := range []string{"￥", "¥"} {
		// 约￥200万元: the qualifier before the yuan sign
		if qual == model.Exact && q.Prefix == "" && strings.HasSuffix(text[:start], sym) {
			if p, pq := cnnum.PrefixQualifier(text[:start-len(sym)]); p != "" {
				start -= len(sym) + len(p)
				qual = pq
			}
		}
	}
	if found {
		unit, typ = ms.unit, ms.typ
		after := rest[pos+len(ms.word):]
		if ms.typ == tAmount && hasAnyPrefix(after, []string{"级", "級"}) {
			return m, 0, 0, false // 百亿元级项目, 10亿元级: a class of size, no figure
		}
		switch ms.kind {
		case kYear:
			if q.Positional || q.Value >= 200 || q.High >= 200 {
				return m, 0, 0, false
			}
			r, _ := utf8.DecodeRuneInString(after)
			switch r {
			case '底', '末', '初', '度', '级', '級', '代', '月', '份', '中', '终', '終', '报', '報', '前', '来', '來', '期', '纪', '紀', '里', '裡':
				return m, 0, 0, false
			}
			if isDigitRune(r) {
				return m, 0, 0, false
			}
			// 连续4年, 連續接受2年: a streak, not a figure of the work;
			// 20年如一日 is an idiom; 119年辦學歷史 is an age.
			if streak(text[:q.Start]) || strings.HasPrefix(after, "如一日") || nounNear(after, []string{"历史", "歷史"}, 3) {
				return m, 0, 0, false
			}
		case kMonths:
			// 今年前4个月, 2021年前6个月, a headline's 前8个月堵截…: a period
			// of the calendar, like a date; 到期前1个月, 贷款前6个月 and
			// 提前3个月 are times of a loan or ahead.
			if b := strings.TrimSpace(text[:q.Start]); calendarMonths(b) && !nounNear(after, loanTermWords, 6) {
				return m, 0, 0, false
			}
			// 连续6个月无交易: a streak, as with years.
			if streak(text[:q.Start]) {
				return m, 0, 0, false
			}
		case kWorkdays:
			// 每月前3个工作日: a period of the calendar.
			if strings.HasSuffix(strings.TrimSpace(text[:q.Start]), "前") {
				return m, 0, 0, false
			}
		case kArabic:
			// 410副老花镜, 锦旗9面, 3轮评审, 86节课; 新一轮 and 三面环山
			// are words
			if !q.Arabic {
				return m, 0, 0, false
			}
		case kTenths:
			// 近5成 is half; 三成 (under ten in Chinese numerals) is no
			// figure, and 成立, 成本 … are words.
			if !q.Arabic || q.Value > 10 || q.High > 10 {
				return m, 0, 0, false
			}
		case kOrdinalOK:
			// 十一届 is an ordinal, 2026届高校毕业生 a class of a year
			if !q.Arabic || q.High == 0 && q.Value >= 1900 && q.Value <= 2100 && q.Value == math.Trunc(q.Value) {
				return m, 0, 0, false
			}
		case kIssue:
			// 2013年13期: an issue number.
			if strings.HasSuffix(strings.TrimSpace(text[:q.Start]), "年") {
				return m, 0, 0, false
			}
		case kDay:
			// Days measure what a bank did only as the time it took
			// (仅用1天, 3天内办结); 持续12天, 历时65天, 365天不打烊 are not
			// figures of its work.
			if !daysTaken(text[:q.Start], after) {
				return m, 0, 0, false
			}
		case kDayWithin:
			// 会在20日内给出答复, 处理时限为20日 are time limits; 5月20日,
			// 20日起 are dates.
			if !hasAnyPrefix(after, withinWords) && !hasAnySuffix(strings.TrimSpace(text[:q.Start]), []string{"时限为", "時限為", "时限是", "期限为", "期限為"}) ||
				hasAnySuffix(strings.TrimSpace(text[:q.Start]), []string{"月", "月份", "年"}) {
				return m, 0, 0, false
			}
		case kHours:
			// 24小时, 7×24小时: service hours, not a duration.
			if q.Value == 24 && q.High == 0 && (!hasAnyPrefix(after, withinWords) ||
				nounNear(after, []string{"随时", "隨時"}, 4)) {
				return m, 0, 0, false // 24小时内恢复营业 is a deadline; 24小时内随时办理 service hours
			}
		case kPerson:
			// 前20名, 后30名, 年级900名, 排名第3: a rank.
			if ms.word == "名" && rank(text[:q.Start]) {
				return m, 0, 0, false
			}
			unit, typ = "person", tCustomers
			if personStaff(text, q, after) {
				typ = tStaff
			}
		case kHousehold:
			// 5户企业 counts firms; 630万户小微企业 stays households,
			// as the gold labels read it.
			if hasAnyPrefix(after, []string{"企业", "企業"}) {
				unit = "enterprise"
			}
		case kJia:
			unit, typ = "outlet", tOutlets
			switch {
			case hasAnyPrefix(after, []string{"单位", "單位"}):
				unit, typ = "", tOther
			case strings.HasPrefix(after, "次"):
				// 对接金融机构3800余家次: visits counted per institution.
				unit, typ = "家次", tOther
				pos += len("次")
			case nounNear(after, enterpriseNouns, 4) || nounBefore(text[:q.Start], []string{"企业", "企業", "商户", "客户", "公司"}, 4) || firmsAfter(after):
				unit, typ = "enterprise", tCustomers
			}
		case kGe:
			unit, typ = "", tOther
			// 4个多小时, 1个半小时, 3个多月: 多 or 半 between 个 and the
			// unit of time; 近5个交易日 is a period of the market.
			if w, half, ok := geTime(after); ok {
				if w.word == "" {
					return m, 0, 0, false
				}
				ms = measure{word: ms.word + w.word, unit: w.unit, typ: w.typ, scale: w.scale}
				unit, typ = w.unit, w.typ
				if half {
					value += 0.5
					if high != 0 {
						high += 0.5
					}
				} else if qual == model.Exact {
					qual = model.AtLeast
				}
				break
			}
			switch {
			case nounNear(after, outletNouns, 6) || nounBefore(text[:q.Start], outletNouns, 3):
				unit, typ = "outlet", tOutlets
			case hasAnyPrefix(after, placeNouns) && !nounNear(after, itemNouns, 6):
				// 28个省、自治区, 33个党支部共认领民生项目: places and units
				// counted; 85个省市重点项目, 18个县域特色产业项目 count
				// projects
			case nounNear(after, itemNouns, 8) || nounBefore(text[:q.Start], itemNouns, 6):
				unit, typ = "item", tItems
			case hasAnyPrefix(after, personNouns):
				unit, typ = "person", tCustomers
			}
		case kJian:
			unit, typ = "item", tItems
			if nounNear(after, goodsNouns, 4) || nounBefore(text[:q.Start], goodsNouns, 6) || nounBefore(text[:q.Start], equipmentNouns, 1) {
				unit, typ = "", tOther
			}
		}
		if typ == tOther && unit == "" {
			unit = ms.word
		}
		if ms.scale != 0 {
			value *= ms.scale
			high *= ms.scale
		}
		pos += len(ms.word)
	} else {
		// 万/亿 and a counted noun, no measure word.
		if q.Multiplier < 1e4 {
			return m, 0, 0, false
		}
		t := rest[pos:]
		hit := false
		for _, n := range nounUnits {
			if strings.HasPrefix(t, n.noun) {
				unit, typ, keep = n.unit, n.typ, n.keep
				if keep {
					pos += len(n.noun)
				}
				hit = true
				break
			}
		}
		if !hit && q.Multiplier >= 1e8 && nounBefore(text[:q.Start], moneyNouns, 4) {
			// 市场规模逾千亿: 亿 after a money word is yuan.
			unit, typ, hit = "CNY", tAmount, true
		}
		if !hit && hasAnySuffix(strings.TrimSpace(text[:q.Start]), []string{"一笔", "一筆"}) {
			// 一笔1200万和一笔500万的大额理财: a sum of money.
			unit, typ, hit = "CNY", tAmount, true
		}
		if !hit {
			// 为1200万河南小微群体提供: the counted noun comes a few runes later.
			for _, g := range groupNouns {
				if nounNear(t, []string{g.noun}, 6) {
					unit, typ, hit = g.unit, tCustomers, true
					break
				}
			}
		}
		if !hit && nounBefore(text[:q.Start], peopleNouns, 4) && endsFigure(t) {
			// 老年人口突破3亿, 投资者数量超过490万: people.
			unit, typ, hit = "person", tCustomers, true
		}
		if !hit {
			return m, 0, 0, false
		}
		found = true
	}
	// A suffix qualifier: 20%以上, 10分钟左右, 2年多.
	if n, sq := cnnum.SuffixQualifier(rest[pos:]); n > 0 {
		if !(sq == cnnum.AtLeast && (strings.HasPrefix(rest[pos:], "多") || strings.HasPrefix(rest[pos:], "余")) && unit != "年" && typ != tOther && typ != tDuration) {
			qual = sq
			pos += n
		}
	}
	// 48小时内, 3天之内: within a time, an upper bound like 以内.
	if typ == tDuration && qual == model.Exact {
		for _, w := range []string{"之内", "内", "內"} {
			if strings.HasPrefix(rest[pos:], w) {
				qual = model.AtMost
				pos += len(w)
				break
			}
		}
	}
	// Names and slogans: 3个主体+2大合作伙伴; 15分钟便民服务圈 names a
	// service radius, it measures nothing the bank did; "3分钟申请、1秒放款、
	// 0人工干预" is the online lenders' 310 slogan; 30秒快读 heads a page.
	if plusNear(rest[pos:]) || sloganPart(text[:start], value) || (typ == tDuration && (nounNear(rest[pos:], []string{"圈"}, 8) || slogan310(rest[pos:]) ||
		hasAnyPrefix(rest[pos:], []string{"快读", "快讀", "读懂", "讀懂", "看懂", "速读", "速覽", "速览"}))) {
		return m, 0, 0, false
	}
	if typ == tPercent {
		if decreased(text[:start]) || unit == "percent_point" && hasAnySuffix(strings.TrimSpace(text[:start]), []string{"优惠", "優惠"}) {
			// 利率较同期优惠不少于30个基点: a discount on a rate is a fall
			// 下行10至20个基点 → −0.1, −0.2: the ends as written, as with
			// 下降10%至15% (the range's other end is the larger fall)
			value, high = -value, -high
		}
	}
	if value == 0 && high == 0 {
		return m, 0, 0, false
	}
	end = q.End + pos
	m = model.Metric{
		Text:      text[start:end],
		Value:     round(value),
		ValueHigh: round(high),
		Unit:      unit,
		Type:      typ,
		Qualifier: qual,
		Offset:    q.RuneStart - utf8.RuneCountInString(text[start:q.Start]),
	}
	return m, end, q.RuneEnd + utf8.RuneCountInString(rest[:pos]), true
}

// loanTermWords after 前6个月 make it a loan's first months
// (前6个月免收利息, 前6个月只还息不还本), not the calendar's.
var loanTermWords = []string{"免", "息", "还本", "還本", "还款", "還款", "利率", "优惠", "優惠"}

// calendarMonths says a count of months after before is a period of the
// calendar (今年前4个月, 2021年的前6个月, 前8个月 opening a clause), not
// one of a loan (到期前1个月, 贷款前6个月, 提前3个月).
func calendarMonths(before string) bool {
	t, ok := strings.CutSuffix(before, "前")
	if !ok {
		return false
	}
	if hasAnySuffix(t, []string{"年", "年的", "年內", "年内"}) {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return t == "" || r == ' ' || r == '\u3000' || isPunct(r)
}

// geTime reads what follows 个 in 4个多小时, 1个半小时, 3个多月 and
// 近5个交易日: the rest of the measure (多小时: at least so many hours;
// 半小时: half an hour more), or an empty measure for a trading period,
// which is no figure. ok is false when none of these follows.
func geTime(after string) (w measure, half, ok bool) {
	for _, t := range []struct {
		word string
		m    measure
	}{
		{"多小时", measure{unit: "minute", typ: tDuration, scale: 60}}, {"多小時", measure{unit: "minute", typ: tDuration, scale: 60}},
		{"半小时", measure{unit: "minute", typ: tDuration, scale: 60}}, {"半小時", measure{unit: "minute", typ: tDuration, scale: 60}},
		{"多月", measure{unit: "个月", typ: tOther}}, {"半月", measure{unit: "个月", typ: tOther}},
		{"交易日", measure{}},
	} {
		if strings.HasPrefix(after, t.word) {
			w = t.m
			if w.typ != "" {
				w.word = t.word
			}
			return w, strings.HasPrefix(t.word, "半"), true
		}
	}
	return w, false, false
}

// daysTaken says a count of days is the time something took: 用 before it
// (仅用, 只用, 用了), a loan's or an approval's cycle, or a time shortened,
// compressed or extended (放款周期为68天, 缩短5天, 宽限期延长至11天), or 内,
// 之内, 时间, 就, 即, 完成, 办结, 到账 after it (3天办结), or a grace or
// interest-free period it grants (最长90天的宽限期), or the days until a
// loan came (5天后，1000万元信用贷款到账: doneSoon). 持续12天, 历时65天,
// 5天后召开, 提前1天预约 and 还款周期30天 are not.
func daysTaken(before, after string) bool {
	before = strings.TrimSpace(before)
	before = strings.TrimSuffix(before, "了")
	for _, w := range []string{"用", "最快", "耗时", "耗時", "仅", "僅", "只",
		// 放款周期为68天, 较上月缩短5天, 宽限期延长至11天 (a bill's or a
		// repayment's 周期 is a product's term, not the time work took)
		"放款周期为", "放款周期", "审批周期为", "审批周期", "办理周期为", "办理周期", "办贷周期", "放贷周期",
		"缩短", "縮短", "缩短至", "缩短到", "压缩至", "压缩到", "壓縮至", "延长至", "延长到", "延長至",
		// 平均审批时间1.5天, 用时3天
		"审批时间", "審批時間", "办理时间", "辦理時間", "处理时间", "處理時間", "放款时间", "放款時間", "办结时间", "用时", "用時"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	// 由原来的15天压缩至5天: the time before it was cut
	if hasAnyPrefix(after, []string{"内", "之内", "以内", "时间", "就", "即", "完成", "办结", "辦結", "到账", "到賬",
		"压缩", "壓縮", "缩短", "縮短", "减少至", "減少至", "降至",
		// 最长90天的宽限期, 30天免息期, 30天贷款免息券: a term the bank grants
		"宽限期", "的宽限期", "寬限期", "的寬限期", "免息期", "的免息期", "免息券", "贷款免息券", "貸款免息券"}) {
		return true
	}
	// 5天后，1000万元信用贷款到账: the days until the money came, when the
	// clause after says it came (5天后召开, 3天后再来 are times)
	if rest, ok := strings.CutPrefix(after, "后"); ok {
		return doneSoon(rest)
	} else if rest, ok := strings.CutPrefix(after, "後"); ok {
		return doneSoon(rest)
	}
	return false
}

// doneSoon says the clause after 5天后 (the one it opens, or the next
// when a comma follows at once) says that a loan came or a case was
// settled.
func doneSoon(rest string) bool {
	rest = strings.TrimLeft(rest, "，, ")
	for i, r := range rest {
		if isPunct(r) {
			return false
		}
		if hasAnyPrefix(rest[i:], []string{"到账", "到賬", "放款", "获批", "獲批", "审批通过", "審批通過", "办结", "辦結", "发放到位", "發放到位"}) {
			return true
		}
	}
	return false
}

// readingTime are a page's words before how long it takes to read.
var readingTime = []string{"阅读约需", "阅读需要", "阅读需", "阅读时间约", "预计阅读", "閱讀約需", "閱讀需要", "预计阅读时间"}

// pageCounters label a web page's own counts (浏览:2356次, 评论:35条).
var pageCounters = []string{"浏览", "瀏覽", "阅读", "閱讀", "点击", "點擊", "访问", "訪問", "评论", "評論", "分享", "点赞", "點讚", "收藏", "转发", "轉發", "附件", "字数", "字數",
	"浏览量", "阅读量", "点击量", "访问量", "浏览次数", "阅读次数", "点击次数", "访问次数", "评论数", "点赞数", "阅读数", "浏览数", "点击数"}

// listStart returns before without the items of an enumeration that end it
// (前3、 → 前, 第1、2、 → 第): the text before the enumeration, where what
// it counts is said (a rank, a streak, an ordinal).
func listStart(before string) string {
	t := before
	for strings.HasSuffix(t, "、") {
		u := strings.TrimRight(strings.TrimSuffix(t, "、"), "0123456789")
		if len(u) == len(t)-len("、") {
			break // no digits before the 、
		}
		t = u
	}
	return t
}

// streak says a count of years or months right after this is a streak:
// 连续4年, 連續接受2年, 连续3、4年.
func streak(before string) bool {
	return nounBefore(listStart(before), []string{"连续", "連續"}, 3)
}

// rank says a count in 名 right after this is a rank: 前20名, 后30名,
// 年级900名, 前3、5名.
func rank(before string) bool {
	return hasAnySuffix(strings.TrimSpace(listStart(before)), []string{"前", "后", "後", "年级", "年級", "班级", "班級", "全校", "排名", "名次"})
}

// sloganPart says a small figure is one of the numbers of a slogan named
// earlier in its sentence and now explained: 构建“1+3+N”服务体系，即以1张项目
// 清单为牵引、3个服务平台为支撑 (the 1 and the 3 count nothing the bank did).
func sloganPart(before string, v float64) bool {
	if v >= 10 || v != math.Trunc(v) {
		return false
	}
	for i := 0; i < len(before); i++ {
		if before[i] != '+' {
			continue
		}
		// the digits either side of a +
		l, r := i, i+1
		for l > 0 && before[l-1] >= '0' && before[l-1] <= '9' {
			l--
		}
		for r < len(before) && before[r] >= '0' && before[r] <= '9' {
			r++
		}
		if l == i || (r == i+1 && !(r < len(before) && (before[r] == 'N' || before[r] == 'n'))) {
			continue
		}
		for _, t := range []string{before[l:i], before[i+1 : r]} {
			if t != "" && t == strconv.Itoa(int(v)) {
				return true
			}
		}
	}
	return false
}

// plusNear says a '+' and another count follow within a few runes, before
// any punctuation: the number is part of a model's name (3个主体+2大合作伙伴,
// 1+1+3+N), not a figure (15家A+H股银行 is one).
func plusNear(s string) bool {
	for i, n := 0, 0; i < len(s) && n < 6; n++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '+' || r == '＋' {
			nr, _ := utf8.DecodeRuneInString(s[i+size:])
			return isDigitRune(nr) || isChineseNumeral(nr) || nr == 'N' || nr == 'n'
		}
		if isPunct(r) {
			return false
		}
		i += size
	}
	return false
}

// excluded says the quantity is not a metric whatever follows it: an
// ordinal, a clock time, a code, service hours, a number inside an ASCII word.
func excluded(text string, q cnnum.Quantity) bool {
	before := text[:q.NumStart]
	pr, psz := utf8.DecodeLastRuneInString(before)
	switch pr {
	case '几', '幾', '每':
		// 几十万元: no figure; 每5年: a frequency.
		return true
	case '数', '數':
		// 数百家, 数10亿元: no figure. 数 that ends a count's noun
		// (客户数7620万户, 人数300人, 笔数) leaves the figure standing.
		r, _ := utf8.DecodeRuneInString(text[q.NumStart:])
		p2, _ := utf8.DecodeLastRuneInString(before[:len(before)-psz])
		return !isDigitRune(r) || !strings.ContainsRune("户戶人次笔筆件家员員总總位台个個条條项項场場", p2)
	case '第', '×', '*', 'x', 'X', '✕', '＊', '+', '＋', '-':
		if pr == '-' {
			// -5 is a negative number only at the start of a figure; a
			// dash after a digit or letter joins codes and dates.
			p2, _ := utf8.DecodeLastRuneInString(before[:len(before)-psz])
			return isDigitRune(p2) || isASCIILetter(p2)
		}
		return true
	case ':', '：':
		p2, _ := utf8.DecodeLastRuneInString(before[:len(before)-psz])
		if isDigitRune(p2) {
			return true
		}
		// 浏览:2356次, 阅读次数：1523次: a page's counters, not figures.
		if hasAnySuffix(before[:len(before)-psz], pageCounters) {
			return true
		}
	case '、':
		// 第1、2、3名: the later items of a list of ordinals are ordinals.
		if t := listStart(before); len(t) < len(before) && strings.HasSuffix(t, "第") {
			return true
		}
	}
	if strings.HasSuffix(before, "排名") || strings.HasSuffix(before, "第 ") {
		return true
	}
	// 全文986字，阅读约需3分钟: the page's reading time.
	if hasAnySuffix(before, readingTime) {
		return true
	}
	// 04, 007: a leading zero writes a date part or a code.
	if q.Arabic && q.Integer && len(text) > q.NumStart+1 && (text[q.NumStart] == '0') && text[q.NumStart+1] >= '0' && text[q.NumStart+1] <= '9' {
		return true
	}
	after := text[q.End:]
	r, _ := utf8.DecodeRuneInString(after)
	switch {
	case isASCIILetter(r):
		// 30BP and 5pct are figures; 5G, 3D are names.
		if strings.HasPrefix(after, "pct") || strings.HasPrefix(after, "PCT") {
			return isASCIILetter(next(after, 3))
		}
		return !(strings.HasPrefix(after, "BP") || strings.HasPrefix(after, "bp")) || isASCIILetter(next(after, 2))
	case r == ':' || r == '：' || r == '×' || r == '*' || r == '✕' || r == '＊':
		r2, _ := utf8.DecodeRuneInString(after[utf8.RuneLen(r):])
		return isDigitRune(r2)
	case r == 'x' || r == 'X':
		return true
	}
	return false
}

// lookup finds the measure word at the start of s.
func lookup(s string) (measure, bool) {
	if s == "" {
		return measure{}, false
	}
	r, _ := utf8.DecodeRuneInString(s)
	for _, m := range measuresByRune[r] {
		if strings.HasPrefix(s, m.word) {
			switch m.word {
			case "天":
				// 3天然气, 2天津: the next word begins with 天.
				r, n := utf8.DecodeRuneInString(s[len("天"):])
				if n > 0 && strings.ContainsRune("然津府下使堂地空猫眼平价量台河山坛桥安门", r) {
					return measure{}, false
				}
			case "倍":
				// 4倍速推进, 倍数: words, not multiples.
				if strings.HasPrefix(s, "倍速") || strings.HasPrefix(s, "倍数") || strings.HasPrefix(s, "倍數") {
					return measure{}, false
				}
			case "成":
				r, n := utf8.DecodeRuneInString(s[len("成"):])
				if n > 0 && strings.ContainsRune("立为為本员員交功果绩績效长長熟都品型就员全批片套份", r) {
					return measure{}, false
				}
			case "城":
				if strings.HasPrefix(s, "城市") || strings.HasPrefix(s, "城乡") || strings.HasPrefix(s, "城镇") {
					return measure{}, false
				}
			case "起":
				if strings.HasPrefix(s, "起步") || strings.HasPrefix(s, "起点") || strings.HasPrefix(s, "起来") {
					return measure{}, false
				}
			case "条":
				if strings.HasPrefix(s, "条件") || strings.HasPrefix(s, "条例") {
					return measure{}, false
				}
			case "期":
				if strings.HasPrefix(s, "期间") || strings.HasPrefix(s, "期限") || strings.HasPrefix(s, "期末") {
					return measure{}, false
				}
			case "次":
				if strings.HasPrefix(s, "次日") {
					return measure{}, false
				}
			case "所":
				if strings.HasPrefix(s, "所有") || strings.HasPrefix(s, "所属") || strings.HasPrefix(s, "所在") {
					return measure{}, false
				}
			case "台":
				if strings.HasPrefix(s, "台账") || strings.HasPrefix(s, "台湾") {
					return measure{}, false
				}
			case "本":
				if strings.HasPrefix(s, "本行") || strings.HasPrefix(s, "本金") || strings.HasPrefix(s, "本息") {
					return measure{}, false
				}
			case "股":
				if strings.HasPrefix(s, "股份") || strings.HasPrefix(s, "股东") {
					return measure{}, false
				}
			case "支":
				if strings.HasPrefix(s, "支行") || strings.HasPrefix(s, "支持") || strings.HasPrefix(s, "支付") {
					return measure{}, false
				}
			case "人":
				if strings.HasPrefix(s, "人工") || strings.HasPrefix(s, "人民") {
					return measure{}, false
				}
			case "名":
				if strings.HasPrefix(s, "名单") || strings.HasPrefix(s, "名列") {
					return measure{}, false
				}
			case "位":
				if strings.HasPrefix(s, "位居") || strings.HasPrefix(s, "位于") || strings.HasPrefix(s, "位列") || strings.HasPrefix(s, "位置") || strings.HasPrefix(s, "位數") || strings.HasPrefix(s, "位数") {
					return measure{}, false
				}
			}
			return m, true
		}
	}
	return measure{}, false
}

// personStaff decides 人/名/位 between staff and customers from the noun
// after the measure word or just before the number.
func personStaff(text string, q cnnum.Quantity, after string) bool {
	before := text[:q.Start]
	if nounBefore(before, otherStaff, 3) || nounNear(after, otherStaff, 4) {
		return false // a school's 教职工, a firm's 车间员工
	}
	// (a post's name in quotes: 400名“养老金融顾问”, 2名‘敬老服务专员’)
	if nounNear(strings.TrimLeft(after, "“‘\"「『"), staffNouns, 6) {
		return true
	}
	// 增派20人, 抽调20名精干力量: people the bank sends are its staff;
	// so are those of a post it fills (综合柜员岗15名).
	if nounBefore(before, staffNouns, 3) || hasAnySuffix(strings.TrimSpace(before), sendVerbs) {
		return true
	}
	// 配备专职消保人员300余名, 计划录用应届毕业生1,000名: people the bank
	// assigns to a post or hires, the verb a few words before them; not
	// people others hire (帮助企业招聘3000名, 企业现场招录860名)
	clause := lastClause(before)
	if hasAnyWord(clause, otherEmployers) {
		return false
	}
	if hasAnySuffix(strings.TrimSpace(before), hireVerbs) {
		return true // 计划招聘120名
	}
	if b := strings.TrimRight(strings.TrimSpace(before), "：: "); hasAnySuffix(b, []string{"岗", "崗", "岗位", "崗位"}) && !hasAnySuffix(b, []string{"稳岗", "穩崗", "上岗", "上崗", "见习岗", "見習崗", "就业岗", "就業崗"}) {
		return true // 综合柜员岗15名: a post the bank fills
	}
	if hasAnySuffix(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(before), "了")), []string{"组建", "組建", "组成", "組成"}) && nounNear(after, teamNouns, 8) {
		return true // 组建了120人的反诈宣讲团: a team the bank forms
	}
	return nounBefore(before, []string{"员", "員", "毕业生", "畢業生"}, 0) && hasAnyWord(clause, append(assignVerbs, hireVerbs...))
}

// hireVerbs take people on; otherEmployers in the clause mean someone
// else does.
var (
	hireVerbs      = []string{"招聘", "招录", "招錄", "录用", "錄用"}
	otherEmployers = []string{"企业", "企業", "公司", "园区", "園區", "单位", "單位", "求职", "求職", "招聘会", "招聘會", "帮助", "幫助", "协助", "協助", "社区", "社區"}
)

// withinWords after a count of hours or days make it a time limit (24小时内,
// 20日以内).
var withinWords = []string{"内", "內", "之内", "之內", "以内", "以內"}

// teamNouns name a team the bank forms of its people.
var teamNouns = []string{"宣讲团", "宣講團", "服务队", "服務隊", "志愿队", "志願隊", "小分队", "小分隊", "突击队", "突擊隊", "工作组", "工作組", "专班", "專班", "团队", "團隊"}

// assignVerbs put people in the bank's own posts.
var assignVerbs = []string{"配备", "配備", "配置"}

// lastClause returns the end of s after its last clause punctuation
// (quotes and brackets do not end a clause: 配置“陪伴式”服务专员).
func lastClause(s string) string {
	for j := len(s); j > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if strings.ContainsRune("，,。；;：:！!？?\n", r) {
			return s[j:]
		}
		j -= size
	}
	return s
}

func hasAnyWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// otherStaff are people who work for someone other than the bank.
var otherStaff = []string{"教职工", "教職工", "教师", "教師", "车间员工", "車間員工", "医护人员", "醫護人員"}

// sendVerbs right before a count of people mean the bank sent its own.
var sendVerbs = []string{"派", "派出", "增派", "选派", "選派", "抽调", "抽調", "出动", "出動", "调派", "調派"}

// slogan310 says 0人工干预 follows within a few clauses: the figure is part
// of the slogan "3分钟申请、1秒放款、0人工干预".
func slogan310(s string) bool {
	if n := hanzi.RuneIndex(s, 24); n < len(s) {
		s = s[:n]
	}
	return strings.Contains(s, "人工干预") || strings.Contains(s, "人工幹預")
}

// firmsAfter says the noun phrase after a count in 家 ends with a word for
// firms, however long it is (23家防汛物资生产企业, 86家医药、医疗器械及生活物资
// 保供企业, 1,200余家“专精特新”企业), before a clause ends and before any word
// for a bank or an outlet (5家网点服务企业 counts outlets).
func firmsAfter(s string) bool {
	for i, n := 0, 0; i < len(s) && n < 20; n++ {
		if hasAnyPrefix(s[i:], firmWords) {
			return true
		}
		if hasAnyPrefix(s[i:], outletishWords) {
			return false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isPunct(r) && !strings.ContainsRune("、“”\"「」", r) {
			return false
		}
		i += size
	}
	return false
}

var (
	// 公司 is left out: 17家公司, 23家保险公司 are institutions, as the
	// gold labels read them (outlets and institutions)
	firmWords      = []string{"企业", "企業", "商户", "商戶"}
	outletishWords = []string{"网点", "網點", "银行", "銀行", "支行", "分行", "机构", "機構", "营业", "營業", "单位", "單位", "部门", "部門", "政府"}
)

// nounNear says one of nouns begins within limit runes of the start of s,
// before any punctuation.
func nounNear(s string, nouns []string, limit int) bool {
	for i, n := 0, 0; i < len(s) && n <= limit; n++ {
		if hasAnyPrefix(s[i:], nouns) {
			return true
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isPunct(r) {
			return false
		}
		i += size
	}
	return false
}

// nounBefore says one of nouns ends within limit runes of the end of s,
// after any punctuation.
func nounBefore(s string, nouns []string, limit int) bool {
	// a closing quote right before the number closes the noun's name:
	// 建成“便民金融服务点”2900余个
	for _, q := range []string{"”", "」", "』", "\"", "》"} {
		if strings.HasSuffix(s, q) {
			s = s[:len(s)-len(q)]
			break
		}
	}
	for j, n := len(s), 0; j > 0 && n <= limit; n++ {
		for _, w := range nouns {
			if strings.HasSuffix(s[:j], w) {
				return true
			}
		}
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if isPunct(r) || isDigitRune(r) {
			return false
		}
		j -= size
	}
	return false
}

func hasAnySuffix(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// decreased says the clause before a percentage states a fall: 同比下降,
// 降幅超过, 缩短了. A fall "to" or "below" a level (降至, 下降到, 跌破, 降为)
// is a level, not a change, and so is what follows the fall (下调后为3.5%).
// A verb that takes the rate as its object reaches further than the others:
// 下调金融机构存款准备金率0.5个百分点, 降低小微企业支付手续费率30%.
func decreased(before string) bool {
	j := len(before)
	for n := 0; j > 0 && n < decreaseReach; n++ {
		r, size := utf8.DecodeLastRuneInString(before[:j])
		// a cue that ends at j ends with r (a valid rune ends there)
		for _, w := range decreasesByLast[r] {
			if !strings.HasSuffix(before[:j], w) || (n >= decreaseNear && !isObjectCue(w)) {
				continue
			}
			rest := before[j:]
			if n >= decreaseNear && strings.ContainsAny(rest, farStops) {
				return false // 压缩审批流程后客户满意度达98%: a level, after the fall
			}
			if hasAnyPrefix(rest, levelAfterFall) || (strings.HasPrefix(rest, "为") && !isMagnitudeCue(w)) {
				return false // 降至, 跌破, 下调后, 降为: a level, not a change
			}
			if len([]rune(w)) == 1 && !closeEnough(rest) {
				continue
			}
			return true
		}
		if isPunct(r) || isDigitRune(r) || r == '至' || r == '到' || r == '和' || r == '%' || r == '增' || r == '升' || r == '涨' {
			return false
		}
		// 利率为3.5%: a level, unless a magnitude says 为 (降幅为5%)
		if r == '为' && !hasAnySuffix(before[:j-size], magnitudeCues) {
			return false
		}
		j -= size
	}
	return false
}

const (
	// decreaseNear is how many runes before a percentage any cue reaches;
	// decreaseReach how many a verb that takes the rate as its object does.
	decreaseNear, decreaseReach = 8, 16
)

// objectCues are the decreases that take what falls as their object (下调
// 存款准备金率0.5个百分点), magnitudeCues the nouns that name the size of a
// fall (降幅为5%), and levelAfterFall what turns a fall into a level.
var (
	objectCues     = []string{"下调", "下調", "下浮", "调降", "調降", "降低", "压降", "壓降", "缩减", "縮減", "压缩", "壓縮", "精简", "精簡", "削减", "削減", "减少", "減少"}
	magnitudeCues  = []string{"降幅", "减幅", "減幅", "跌幅", "负增长", "負增長", "幅度", "比例"} // 下降幅度为35%
	levelAfterFall = []string{"至", "到", "破", "后", "後"}
)

func isObjectCue(w string) bool { return slices.Contains(objectCues, w) }

// farStops between a far cue and a percentage make it a level of
// something else: 下调存款利率的中小银行占比约40%, 压缩流程后满意度达98%.
const farStops = "的后後达達占佔为為是"

func isMagnitudeCue(w string) bool { return slices.Contains(magnitudeCues, w) }

// decreasesByLast holds the decreases by their last rune, in their order.
var decreasesByLast = hanzi.ByLastRune(decreases)

// closeEnough says a one-character decrease cue (降, 低) is right before the
// number: only 了, a space or a qualifier between.
func closeEnough(rest string) bool {
	rest = strings.TrimPrefix(rest, "了")
	rest = strings.TrimSpace(rest)
	p, _ := cnnum.PrefixQualifier(rest)
	return rest == "" || p == rest
}

// missingDigits warns about a qualifier standing where a number should be:
// "新入职余人" lost its digits. It looks for 余 from byte from on.
func missingDigits(text string, from int, warnings []string) []string {
	for i := from; i < len(text); {
		k := indexYu(text[i:])
		if k < 0 {
			break
		}
		at := i + k
		i = at + len("余")
		pr, _ := utf8.DecodeLastRuneInString(text[:at])
		nr, _ := utf8.DecodeRuneInString(text[i:])
		if isDigitRune(pr) || isChineseNumeral(pr) || pr == ' ' || strings.ContainsRune("其多剩业结盈残富有空节宽", pr) || isPunct(pr) {
			continue
		}
		if !strings.ContainsRune("人名家户个项件次场元笔台位", nr) {
			continue
		}
		// Context: up to three runes before, 余 and the measure word.
		s := at
		for n := 0; n < 3 && s > 0; n++ {
			r, size := utf8.DecodeLastRuneInString(text[:s])
			if isPunct(r) {
				break
			}
			s -= size
		}
		warnings = append(warnings, "digits missing near: "+text[s:i+utf8.RuneLen(nr)])
	}
	return warnings
}

// indexYu is strings.Index(s, "余"): it looks for the middle byte of
// 余 (E4 BD 99), a continuation byte, and checks the bytes around it. The
// library looks for the first, E4, which leads a quarter of the
// characters of Chinese text; BD is in about one rune in thirty.
func indexYu(s string) int {
	for i := 1; i+1 < len(s); i++ {
		k := strings.IndexByte(s[i:len(s)-1], 0xBD)
		if k < 0 {
			return -1
		}
		i += k
		if s[i-1] == 0xE4 && s[i+1] == 0x99 {
			return i - 1
		}
	}
	return -1
}

func isChineseNumeral(r rune) bool {
	return strings.ContainsRune("〇零一二两三四五六七八九十百千万亿兩萬億", r)
}

// next returns the rune at byte i of s, or 0.
func next(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func isPunct(r rune) bool {
	switch r {
	case '，', ',', '。', '；', ';', '、', '：', ':', '！', '!', '？', '?', '\n', '（', '(', '）', ')', '“', '”', '"', '《', '》', '【', '】', '[', ']':
		return true
	}
	return false
}

// round removes float noise from scaled values (1.45 × 1e8).
func round(v float64) float64 {
	if v == 0 {
		return 0
	}
	a := v
	if a < 0 {
		a = -a
	}
	// 12 significant digits are more than any text writes.
	scale := 1.0
	for a*scale < 1e11 {
		scale *= 10
	}
	for a*scale >= 1e12 {
		scale /= 10
	}
	x := v * scale
	if x < 0 {
		x -= 0.5
	} else {
		x += 0.5
	}
	return float64(int64(x)) / scale
}
