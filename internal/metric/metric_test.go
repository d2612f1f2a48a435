package metric

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

type want struct {
	text  string
	value float64
	high  float64
	unit  string
	typ   string
	qual  string
}

// Sentences from the seeds (testdata/seeds, named in the case) or written
// in the shapes the corpus shows.
var findCases = []struct {
	phenomenon, in string
	want           []want
}{
	// amounts
	{"亿元 with 约 (seed 000)", "全年全行面向小微企业和个人客户减免手续费、管理费等合计约27亿元；",
		[]want{{"约27亿元", 2.7e9, 0, "CNY", "amount", "approx"}}},
	{"个 before 分理处 and children", "下辖63个营业网点，其中17个支行、45个分理处，资助1000个孩子。", []want{{"63个", 63, 0, "outlet", "outlets", "exact"}, {"17个", 17, 0, "outlet", "outlets", "exact"}, {"45个", 45, 0, "outlet", "outlets", "exact"}, {"1000个", 1000, 0, "person", "customers", "exact"}}},
	{"coordinated basis points", "1年期和5年期以上LPR分别下行10个和5个基点至3.7%", []want{{"10个", -0.1, 0, "percent_point", "percent", "exact"}, {"5个基点", -0.05, 0, "percent_point", "percent", "exact"}, {"3.7%", 3.7, 0, "percent", "percent", "exact"}}},
	{"service radius is a name", "构建城市十五分钟人社服务圈，打造15分钟便民生活圈。", nil},
	{"people the bank sends are staff", "该行紧急增派20人赴一线，抽调15名精干力量；学校现有教职工140余人。", []want{{"20人", 20, 0, "person", "staff", "exact"}, {"15名", 15, 0, "person", "staff", "exact"}, {"140余人", 140, 0, "person", "customers", "at_least"}}},
	{"months of the calendar", "今年前4个月开出42张罚单，2021年前6个月保持高增长。", []want{{"42张", 42, 0, "张", "other", "exact"}}},
	{"months of a loan", "贷款前6个月只需按月还利息。", []want{{"6个月", 6, 0, "个月", "other", "exact"}}},
	{"ranks", "成绩从年级900名上升到年级前30名，位列全省前20名。", nil},
	{"days taken", "支行仅用2天时间完成全部贷款审批，3天内办结。", []want{{"2天", 2880, 0, "minute", "duration", "exact"}, {"3天内", 4320, 0, "minute", "duration", "at_most"}}},
	{"people held responsible at a bank are its staff", "该行被罚款50万元，2名责任人被警告并罚款合计8万元。", []want{{"50万元", 5e5, 0, "CNY", "amount", "exact"}, {"2名", 2, 0, "person", "staff", "exact"}, {"8万元", 8e4, 0, "CNY", "amount", "exact"}}},
	{"tenths in digits are a share", "到店办理业务的客户中老年客户占近6成，该行成立于1998年，三成客户来自农村。", []want{{"近6成", 60, 0, "percent", "percent", "approx"}}},
	{"visits counted per institution", "累计对接金融机构2100余家次，服务上市公司35家。", []want{{"2100余家次", 2100, 0, "家次", "other", "at_least"}, {"35家", 35, 0, "enterprise", "customers", "exact"}}},
	{"people a few runes after 万", "全省需搬迁200万建档立卡贫困人口。", []want{{"200万", 2e6, 0, "person", "customers", "exact"}}},
	{"within hours is an upper bound", "接到求助后，该行在1小时内冻结账户，48小时之内完成理赔。", []want{{"1小时内", 60, 0, "minute", "duration", "at_most"}, {"48小时之内", 2880, 0, "minute", "duration", "at_most"}}},
	{"万 without 元 after 一笔", "客户名下一笔800万和一笔150万的理财产品被提前赎回。", []want{{"800万", 8e6, 0, "CNY", "amount", "exact"}, {"150万", 1.5e6, 0, "CNY", "amount", "exact"}}},
	{"万 with the counted group a few runes later", "该行为300万湖北小微群体送上免息券，惠及20万当地农户。", []want{{"300万", 3e6, 0, "enterprise", "customers", "exact"}, {"20万", 2e5, 0, "household", "customers", "exact"}}},
	{"label colon before a count", "全行共有网点30个，其中：1个营业部、29个分理处。", []want{{"30个", 30, 0, "outlet", "outlets", "exact"}, {"1个", 1, 0, "outlet", "outlets", "exact"}, {"29个", 29, 0, "outlet", "outlets", "exact"}}},
	{"days that are no work of the bank", "账户冻结已持续12天，活动历时65天，网点365天不打烊，3天然气", nil},
	{"a count after a noun ending in 数", "手机银行月活客户数7620万户，参与人数300人，数百家企业，几十万元。",
		[]want{{"7620万户", 7.62e7, 0, "household", "customers", "exact"}, {"300人", 300, 0, "person", "customers", "exact"}}},
	{"亿 approved is money", "农发行榕江支行获批3.25亿", []want{{"3.25亿", 3.25e8, 0, "CNY", "amount", "exact"}}},
	{"monthly active users", "工商银行APP以超1亿月活占据第一", []want{{"超1亿", 1e8, 0, "person", "customers", "at_least"}}},
	{"an enumeration with its unit once", "分别以9449万、8698万的用户活跃排第二、三位，分别为20、30家网点，贷款12亿、15亿元。",
		[]want{{"9449万", 9.449e7, 0, "person", "customers", "exact"}, {"8698万", 8.698e7, 0, "person", "customers", "exact"},
			{"20", 20, 0, "outlet", "outlets", "exact"}, {"30家", 30, 0, "outlet", "outlets", "exact"},
			{"12亿", 1.2e9, 0, "CNY", "amount", "exact"}, {"15亿元", 1.5e9, 0, "CNY", "amount", "exact"}}},
	{"no enumeration across years, list numbers or a percent", "2019、2020年连续增长，第1、2名，增长8、10%。", []want{{"10%", 10, 0, "percent", "percent", "exact"}}},
	{"a colon after a bank's name on a scraped page", "工商银行:1.2万亿元\n时间:10:30开始", []want{{"1.2万亿元", 1.2e12, 0, "CNY", "amount", "exact"}}},
	{"narrowed is a fall", "利息净收入小幅收窄2.1%，营收下挫3%。", []want{{"2.1%", -2.1, 0, "percent", "percent", "exact"}, {"3%", -3, 0, "percent", "percent", "exact"}}},
	{"adjacent Chinese digits before a power are a range", "收受五六万元，惠及三四百人，二三十万元。",
		[]want{{"五六万元", 5e4, 6e4, "CNY", "amount", "approx"}, {"三四百人", 300, 400, "person", "customers", "approx"}, {"二三十万元", 2e5, 3e5, "CNY", "amount", "approx"}}},
	{"days of a cycle, shortened or extended", "平均放款周期为68天，较上月缩短5天，宽限期延长至11天，审批不超过1个工作日；之后的20多天里。",
		[]want{{"68天", 97920, 0, "minute", "duration", "exact"}, {"5天", 7200, 0, "minute", "duration", "exact"}, {"11天", 15840, 0, "minute", "duration", "exact"}, {"不超过1个工作日", 1440, 0, "minute", "duration", "at_most"}}},
	// The days until a loan came are the time the bank took; days until
	// a meeting are a time.
	{"days until the money came", "5天后，1000万元信用贷款到账；3天后即获批。5天后召开总结会，会上发放贷款。领取30天贷款免息券。",
		[]want{{"5天", 7200, 0, "minute", "duration", "exact"}, {"1000万元", 1e7, 0, "CNY", "amount", "exact"}, {"3天", 4320, 0, "minute", "duration", "exact"}, {"30天", 43200, 0, "minute", "duration", "exact"}}},
	{"multiples", "贷款较上年增长6倍，是十三五末的2.3倍。", []want{{"6倍", 6, 0, "倍", "other", "exact"}, {"2.3倍", 2.3, 0, "倍", "other", "exact"}}},
	{"a list's numbering borrows no unit", "1、200名员工参加志愿服务。2、30家网点完成适老化改造。",
		[]want{{"200名", 200, 0, "person", "staff", "exact"}, {"30家", 30, 0, "outlet", "outlets", "exact"}}},
	{"ranks, streaks and ordinals in enumerations", "进入前3、5名，连续3、4年获评，第1、2、3名。", nil},
	{"跌破 is below a level", "一年期存款利率跌破2%。", []want{{"2%", 2, 0, "percent", "percent", "exact"}}},
	{"days that are terms, not time taken", "需提前1天预约，还款周期为30天，每月前3个工作日免费，3天办结。",
		[]want{{"3天", 4320, 0, "minute", "duration", "exact"}}},
	{"数 before digits: several, unless it ends a count's noun", "损失数10万元，客户数7620万户。",
		[]want{{"7620万户", 7.62e7, 0, "household", "customers", "exact"}}},
	{"a page's counters", "浏览:2356次 评论:35条 阅读次数：1523次", nil},
	{"倍 in a word", "以4倍速推进，倍数效应。", nil},
	{"streaks, idioms and ages in years are no figures", "连续4年获评，連續接受2年資助，连续6个月无交易，20年如一日，已有119年辦學歷史；经过20年的发展。",
		[]want{{"20年", 20, 0, "年", "other", "exact"}}},
	{"万元", "累计投入惠农贷款6905万元，扶持种植大户。", []want{{"6905万元", 6.905e7, 0, "CNY", "amount", "exact"}}},
	{"万亿元", "贷款余额达3.82万亿元。", []want{{"3.82万亿元", 3.82e12, 0, "CNY", "amount", "exact"}}},
	{"多 before 亿 with spaces (seed 003)", "在近几年累计投入 400 多亿元人民币对物理网点进行迁移", []want{{"400 多亿元", 4e10, 0, "CNY", "amount", "at_least"}}},
	{"美元", "外币等值1万美元以上现金存取", []want{{"1万美元以上", 1e4, 0, "USD", "amount", "at_least"}}},
	{"以内", "免收单笔10万元以内转账手续费", []want{{"10万元以内", 1e5, 0, "CNY", "amount", "at_most"}}},
	{"最高", "创业贷款期限3年，金额最高30万元。", []want{{"3年", 3, 0, "年", "other", "exact"}, {"最高30万元", 3e5, 0, "CNY", "amount", "at_most"}}},
	{"亿 before 贷款", "该支行发放1.5亿贷款支持农田建设", []want{{"1.5亿", 1.5e8, 0, "CNY", "amount", "exact"}}},
	{"逾千亿 after 规模", "理财市场规模逾千亿。", []want{{"逾千亿", 1e11, 0, "CNY", "amount", "at_least"}}},
	{"Chinese numerals with 万", "每年带来产业帮扶资金三十万元，另外通过消费帮扶三十多万元。",
		[]want{{"三十万元", 3e5, 0, "CNY", "amount", "exact"}, {"三十多万元", 3e5, 0, "CNY", "amount", "at_least"}}},
	{"range with unit twice", "缺口达到8万亿元至10万亿元。", []want{{"8万亿元至10万亿元", 8e12, 10e12, "CNY", "amount", "approx"}}},
	{"range with its low end included", "月日均余额5万元（含）—50万元的每月前3笔免收。", []want{{"5万元（含）—50万元", 5e4, 5e5, "CNY", "amount", "approx"}, {"3笔", 3, 0, "item", "items", "exact"}}},
	{"range with its low end included, half-width", "余额5万元(含)至50万元的客户", []want{{"5万元(含)至50万元", 5e4, 5e5, "CNY", "amount", "approx"}}},
	{"inclusion mark before 以上", "余额50万元（含）以上的，每月前30笔免收", []want{{"50万元（含）以上", 5e5, 0, "CNY", "amount", "at_least"}, {"30笔", 30, 0, "item", "items", "exact"}}},
	{"range with unit once", "拟发行2至3亿元债券", []want{{"2至3亿元", 2e8, 3e8, "CNY", "amount", "approx"}}},
	{"full-width digits and separator", "发放贷款１，５００万元", []want{{"１，５００万元", 1.5e7, 0, "CNY", "amount", "exact"}}},
	// percentages
	{"decrease (seed 003)", "客户关于服务态度方面的投诉同比大幅下降 68%。", []want{{"68%", -68, 0, "percent", "percent", "exact"}}},
	{"以上 (seed 003)", "业务处理效率提高了20%以上。", []want{{"20%以上", 20, 0, "percent", "percent", "at_least"}}},
	{"降幅超过", "月度降幅超过33%。", []want{{"超过33%", -33, 0, "percent", "percent", "at_least"}}},
	{"fall to a level is a level", "贷款占比降至25.86%", []want{{"25.86%", 25.86, 0, "percent", "percent", "exact"}}},
	{"percentage points", "资本充足率上升0.66个百分点至 9.25%", []want{{"0.66个百分点", 0.66, 0, "percent_point", "percent", "exact"}, {"9.25%", 9.25, 0, "percent", "percent", "exact"}}},
	{"percentage points down", "增速放缓2.4个百分点", []want{{"2.4个百分点", -2.4, 0, "percent_point", "percent", "exact"}}},
	{"basis points", "利率同比下降5个基点", []want{{"5个基点", -0.05, 0, "percent_point", "percent", "exact"}}},
	{"full-width percent", "占比达６８％", []want{{"６８％", 68, 0, "percent", "percent", "exact"}}},
	{"百分之", "覆盖率达到百分之六十八", []want{{"百分之六十八", 68, 0, "percent", "percent", "exact"}}},
	{"percent range", "利率普遍上浮5%至8%，股份行上浮10%到20%", []want{{"5%至8%", 5, 8, "percent", "percent", "approx"}, {"10%到20%", 10, 20, "percent", "percent", "approx"}}},
	{"falling range", "不良率下降10%至15%", []want{{"10%至15%", -10, -15, "percent", "percent", "approx"}}},
	{"percent range with dash", "将达30%-40%", []want{{"30%-40%", 30, 40, "percent", "percent", "approx"}}},
	{"a verb with the rate as its object", "下调金融机构存款准备金率0.5个百分点，降低小微企业支付手续费率30%。",
		[]want{{"0.5个百分点", -0.5, 0, "percent_point", "percent", "exact"}, {"30%", -30, 0, "percent", "percent", "exact"}}},
	{"a level after a fall", "下调后的一年期贷款利率为3.5%，存款利率下调后为1.5%，不良率降为1.2%，降幅为5%，降低成本的企业贷款利率为4.2%。",
		[]want{{"3.5%", 3.5, 0, "percent", "percent", "exact"}, {"1.5%", 1.5, 0, "percent", "percent", "exact"}, {"1.2%", 1.2, 0, "percent", "percent", "exact"}, {"5%", -5, 0, "percent", "percent", "exact"}, {"4.2%", 4.2, 0, "percent", "percent", "exact"}}},
	{"a deadline in 24 hours, unlike service hours", "受灾网点均在24小时内恢复营业，提供24小时服务。",
		[]want{{"24小时内", 1440, 0, "minute", "duration", "at_most"}}},
	{"days a process was cut from", "异议处理平均时效由原来的15天压缩至5天，活动持续15天。",
		[]want{{"15天", 21600, 0, "minute", "duration", "exact"}, {"5天", 7200, 0, "minute", "duration", "exact"}}},
	{"class hours and rooms", "累计授课2,400余课时，建成图书室12间。",
		[]want{{"2,400余课时", 2400, 0, "课时", "other", "at_least"}, {"12间", 12, 0, "间", "other", "exact"}}},
	{"a quoted outlet's name before its count", "开放“劳动者港湾”近900个，建成“便民金融服务点”2900余个，举办“金融夜校”30个。",
		[]want{{"近900个", 900, 0, "outlet", "outlets", "approx"}, {"2900余个", 2900, 0, "outlet", "outlets", "at_least"}, {"30个", 30, 0, "个", "other", "exact"}}},
	{"people the bank hires or assigns are staff", "配备专职网格员112名，计划招聘120名，服务居民300名。",
		[]want{{"112名", 112, 0, "person", "staff", "exact"}, {"120名", 120, 0, "person", "staff", "exact"}, {"300名", 300, 0, "person", "customers", "exact"}}},
	{"a class of a year is no count", "面向2026届高校毕业生，已举办3届。",
		[]want{{"3届", 3, 0, "event", "events", "exact"}}},
	{"at most: 最高可贷, 最快", "最高可贷30万元，最快10分钟放款。",
		[]want{{"最高可贷30万元", 3e5, 0, "CNY", "amount", "at_most"}, {"最快10分钟", 10, 0, "minute", "duration", "at_most"}}},
	{"压缩 is a fall, 压缩至 a level", "压缩会议数量约30%，报表压缩至20%。",
		[]want{{"约30%", -30, 0, "percent", "percent", "approx"}, {"20%", 20, 0, "percent", "percent", "exact"}}},
	{"seconds and per mille", "最快30秒以内到账，利率5‰以内。", []want{{"最快30秒以内", 0.5, 0, "minute", "duration", "at_most"}, {"5‰以内", 0.5, 0, "percent", "percent", "at_most"}}},
	{"the 310 slogan and a page's heading are no durations", "实现“3分钟申请、1秒放款、0人工干预”。30秒快读", nil},
	{"kilowatt-hours and beds", "节约用电9.6亿千瓦时，新增床位800床。", []want{{"9.6亿千瓦时", 9.6e8, 0, "千瓦时", "other", "exact"}, {"800床", 800, 0, "床", "other", "exact"}}},
	{"下浮 is a fall", "贷款利率下浮20个基点，下浮不低于50个基点。", []want{{"20个基点", -0.2, 0, "percent_point", "percent", "exact"}, {"不低于50个基点", -0.5, 0, "percent_point", "percent", "at_least"}}},
	{"firms named by a long phrase", "向86家医药、医疗器械及生活物资保供企业发放贷款，为1,200余家“专精特新”企业授信，23家保险公司参与。",
		[]want{{"86家", 86, 0, "enterprise", "customers", "exact"}, {"1,200余家", 1200, 0, "enterprise", "customers", "at_least"}, {"23家", 23, 0, "outlet", "outlets", "exact"}}},
	{"days an approval took", "平均审批时间1.5天，活动时间3天。", []want{{"1.5天", 2160, 0, "minute", "duration", "exact"}}},
	{"people the bank assigns or hires", "配备专职消保人员300余名，计划录用应届毕业生1,000名，组织村民200名。",
		[]want{{"300余名", 300, 0, "person", "staff", "at_least"}, {"1,000名", 1000, 0, "person", "staff", "exact"}, {"200名", 200, 0, "person", "customers", "exact"}}},
	{"a percentage after a fallen one and 和 fell too", "分别较上月下调5个基点和15个基点，同比下降10%、8%，下降3%和增长5%。",
		[]want{{"5个基点", -0.05, 0, "percent_point", "percent", "exact"}, {"15个基点", -0.15, 0, "percent_point", "percent", "exact"}, {"10%", -10, 0, "percent", "percent", "exact"},
			{"8%", -8, 0, "percent", "percent", "exact"}, {"3%", -3, 0, "percent", "percent", "exact"}, {"5%", 5, 0, "percent", "percent", "exact"}}},
	{"plots, seats, and 块钱 still money", "累计识别地块超3千万块，花了5块钱，前10名中国有大行占据6席。",
		[]want{{"超3千万块", 3e7, 0, "块", "other", "at_least"}, {"5块钱", 5, 0, "CNY", "amount", "exact"}, {"6席", 6, 0, "席", "other", "exact"}}},
	{"日 as a time limit, never a date", "我们会在20日内给出核查答复，5月20日内完成，自3月1日起，10日以内到账。",
		[]want{{"20日内", 28800, 0, "minute", "duration", "at_most"}, {"10日以内", 14400, 0, "minute", "duration", "at_most"}}},
	{"a fall's size after 为", "投诉量同比下降，下降幅度为35%，同比减少，减少比例为20%。",
		[]want{{"35%", -35, 0, "percent", "percent", "exact"}, {"20%", -20, 0, "percent", "percent", "exact"}}},
	{"the far reach stops at a level", "压缩审批流程后客户满意度达98%，此次下调存款利率的中小银行占比约40%。",
		[]want{{"98%", 98, 0, "percent", "percent", "exact"}, {"约40%", 40, 0, "percent", "percent", "approx"}}},
	{"people others hire are no staff", "帮助企业招聘3000名，32家企业现场招录高校毕业生860名，培训社区网格员500名。",
		[]want{{"3000名", 3000, 0, "person", "customers", "exact"}, {"32家", 32, 0, "enterprise", "customers", "exact"}, {"860名", 860, 0, "person", "customers", "exact"}, {"500名", 500, 0, "person", "customers", "exact"}}},
	{"service hours within 24 hours", "客户可在24小时内随时办理。", nil},
	{"hours and months with 多 or 半 after 个", "走山路要4个多小时，办理仅需1个半小时，项目历时3个多月。",
		[]want{{"4个多小时", 240, 0, "minute", "duration", "at_least"}, {"1个半小时", 90, 0, "minute", "duration", "exact"}, {"3个多月", 3, 0, "个月", "other", "at_least"}}},
	{"a market's trading days", "近5个交易日，该股累计上涨6.8%。", []want{{"6.8%", 6.8, 0, "percent", "percent", "exact"}}},
	{"measure words after Arabic digits only", "配备老花镜410副，收到锦旗9面、感谢信27封，开设课程86节，历经3轮评审。新一轮降费，三面环山。",
		[]want{{"410副", 410, 0, "副", "other", "exact"}, {"9面", 9, 0, "面", "other", "exact"}, {"27封", 27, 0, "封", "other", "exact"}, {"86节", 86, 0, "节", "other", "exact"}, {"3轮", 3, 0, "轮", "other", "exact"}}},
	{"a grace period the bank grants", "给予最长90天的宽限期，提供30天免息期。", []want{{"最长90天", 129600, 0, "minute", "duration", "at_most"}, {"30天", 43200, 0, "minute", "duration", "exact"}}},
	{"a team the bank forms, a post it fills", "该行组建了120人的反诈宣讲团，招聘综合柜员岗15名。协助企业组建200人的招聘团。",
		[]want{{"120人", 120, 0, "person", "staff", "exact"}, {"15名", 15, 0, "person", "staff", "exact"}, {"200人", 200, 0, "person", "customers", "exact"}}},
	{"a time limit stated", "征信异议的处理时限为20日，答复期限为15日。", []want{{"20日", 28800, 0, "minute", "duration", "exact"}, {"15日", 21600, 0, "minute", "duration", "exact"}}},
	{"percentage points as pct, trips and ships", "不良率下降5pct，净息差收窄1.8pct，5G网络覆盖；客户经理每月跑3趟，支持建造4艘渔船。",
		[]want{{"5pct", -5, 0, "percent_point", "percent", "exact"}, {"1.8pct", -1.8, 0, "percent_point", "percent", "exact"}, {"3趟", 3, 0, "趟", "other", "exact"}, {"4艘", 4, 0, "艘", "other", "exact"}}},
	{"mixed and Chinese-decimal numerals", "新增客户2万5千户，发放贷款1亿2千万元、一点五亿元，惠及三点二万户；下午一点五十分开始。",
		[]want{{"2万5千户", 25000, 0, "household", "customers", "exact"}, {"1亿2千万元", 1.2e8, 0, "CNY", "amount", "exact"}, {"一点五亿元", 1.5e8, 0, "CNY", "amount", "exact"}, {"三点二万户", 32000, 0, "household", "customers", "exact"}}},
	{"qualifiers before a yuan sign or 百分之, after RMB…亿元", "发放贷款RMB5亿元以上，捐赠约￥200万元，占比超过百分之六十。",
		[]want{{"RMB5亿元以上", 5e8, 0, "CNY", "amount", "at_least"}, {"约￥200万元", 2e6, 0, "CNY", "amount", "approx"}, {"超过百分之六十", 60, 0, "percent", "percent", "at_least"}}},
	{"a rate's discount, posts in quotes and after a colon, cases, a slogan explained", "执行利率较同期普通经营贷款优惠不少于30个基点；安排超过400名“养老金融顾问”驻点服务；综合柜员岗：25名；累计筛查逾9万例；构建“1+3+N”服务体系，即以1张项目清单为牵引，统筹3个服务平台，服务客户12万户。",
		[]want{{"不少于30个基点", -0.3, 0, "percent_point", "percent", "at_least"}, {"超过400名", 400, 0, "person", "staff", "at_least"}, {"25名", 25, 0, "person", "staff", "exact"},
			{"逾9万例", 90000, 0, "例", "other", "at_least"}, {"12万户", 120000, 0, "household", "customers", "exact"}}},
	{"the review's look-alikes of today's rules", "支持企业稳岗2.3万人，吸纳高校毕业生见习岗300人，协助社区组建200人的志愿服务队，受理设备更新贷款申请86件，支持85个省市重点项目，对首次申请的学生前6个月免收利息，人均阅读时间40小时。",
		[]want{{"2.3万人", 23000, 0, "person", "customers", "exact"}, {"300人", 300, 0, "person", "customers", "exact"}, {"200人", 200, 0, "person", "customers", "exact"},
			{"86件", 86, 0, "item", "items", "exact"}, {"85个", 85, 0, "item", "items", "exact"}, {"6个月", 6, 0, "个月", "other", "exact"}, {"40小时", 2400, 0, "minute", "duration", "exact"}}},
	{"a page's reading time", "本篇文章共986字，阅读约需3分钟；预计阅读时间5分钟。", nil},
	{"a class of size is no figure", "引进百亿元级项目3个、10亿元级项目12个。", []want{{"3个", 3, 0, "item", "items", "exact"}, {"12个", 12, 0, "item", "items", "exact"}}},
	{"places and units counted by 个, goods by 件", "全行33个党支部共认领民生项目126个，项目已覆盖全国28个省、自治区，配置轮椅等设施260余件、助行器具96件。",
		[]want{{"33个", 33, 0, "个", "other", "exact"}, {"126个", 126, 0, "item", "items", "exact"}, {"28个", 28, 0, "个", "other", "exact"},
			{"260余件", 260, 0, "件", "other", "at_least"}, {"96件", 96, 0, "件", "other", "exact"}}},
	{"精简 and 削减 are falls", "该行将各类报表精简31%，削减会议10%。", []want{{"31%", -31, 0, "percent", "percent", "exact"}, {"10%", -10, 0, "percent", "percent", "exact"}}},
	{"months of the calendar and of a loan", "前8个月堵截资金逾2300万元，11月贷款增加1.2万亿元，前11个月累计增加2万亿元；到期前1个月制定预案，贷款前6个月只还利息。",
		[]want{{"逾2300万元", 2.3e7, 0, "CNY", "amount", "at_least"}, {"1.2万亿元", 1.2e12, 0, "CNY", "amount", "exact"}, {"2万亿元", 2e12, 0, "CNY", "amount", "exact"},
			{"1个月", 1, 0, "个月", "other", "exact"}, {"6个月", 6, 0, "个月", "other", "exact"}}},
	{"amounts written the English way", "提供USD 2.5bn可持续融资，已提供约USD 1.8 billion，捐赠RMB 200 million，另捐USD 500,000，发放RMB 1,200万元。MUSD 5 bn不算。",
		[]want{{"USD 2.5bn", 2.5e9, 0, "USD", "amount", "exact"}, {"约USD 1.8 billion", 1.8e9, 0, "USD", "amount", "approx"}, {"RMB 200 million", 2e8, 0, "CNY", "amount", "exact"},
			{"USD 500,000", 5e5, 0, "USD", "amount", "exact"}, {"1,200万元", 1.2e7, 0, "CNY", "amount", "exact"}}},
	{"起 is from there up; 最长可延期; 千瓦 and 单", "最长可延期6个月，利率3.2%起，5万元起贷，装机容量120万千瓦，完成3,200余单，侦破案件3起。",
		[]want{{"最长可延期6个月", 6, 0, "个月", "other", "at_most"}, {"3.2%起", 3.2, 0, "percent", "percent", "at_least"}, {"5万元起", 5e4, 0, "CNY", "amount", "at_least"},
			{"120万千瓦", 1.2e6, 0, "千瓦", "other", "exact"}, {"3,200余单", 3200, 0, "单", "other", "at_least"}, {"3起", 3, 0, "起", "other", "exact"}}},
	{"BP", "利率下调30BP", []want{{"30BP", -0.3, 0, "percent_point", "percent", "exact"}}},
	{"负增长", "营业收入负增长5.2%", []want{{"5.2%", -5.2, 0, "percent", "percent", "exact"}}},
	{"最低至", "贷款利率最低至3.65%", []want{{"最低至3.65%", 3.65, 0, "percent", "percent", "at_least"}}},
	{"people noun before 亿", "老年人口将突破3亿，占比超过30%", []want{{"突破3亿", 3e8, 0, "person", "customers", "at_least"}, {"超过30%", 30, 0, "percent", "percent", "at_least"}}},
	{"A+H is not a slogan", "共有15家A+H股银行", []want{{"15家", 15, 0, "outlet", "outlets", "exact"}}},
	{"低 before a percentage", "利率比市场同类产品低30%", []want{{"30%", -30, 0, "percent", "percent", "exact"}}},
	// customers
	{"万户 (seed 000)", "在北京推广普惠健康保2.7万户", []want{{"2.7万户", 27000, 0, "household", "customers", "exact"}}},
	{"万 with 企业客户 and 个人客户 (seed 000)", "向20万企业客户、4400多万个人客户提供免费查询服务",
		[]want{{"20万企业客户", 2e5, 0, "enterprise", "customers", "exact"}, {"4400多万个人", 4.4e7, 0, "person", "customers", "at_least"}}},
	{"人次 (seed 003)", "仅近两个月就有 4000 余人次专门致电", []want{{"4000 余人次", 4000, 0, "person_time", "customers", "at_least"}}},
	{"家企业", "活动期间近千家企业参与，帮助1600余人达成从业意向",
		[]want{{"近千家", 1000, 0, "enterprise", "customers", "approx"}, {"1600余人", 1600, 0, "person", "customers", "at_least"}}},
	{"户 before 企业", "走访5户企业", []want{{"5户", 5, 0, "enterprise", "customers", "exact"}}},
	{"位", "吸引40多位老人参与", []want{{"40多位", 40, 0, "person", "customers", "at_least"}}},
	// staff
	{"名员工 and a bare 人 after it (seed 002)", "工行深圳市分行已有超过2000名员工参加现场培训和实操训练,104人通过考核。",
		[]want{{"超过2000名", 2000, 0, "person", "staff", "at_least"}, {"104人", 104, 0, "person", "staff", "exact"}}},
	{"员工 before the number", "惠及员工2312人", []want{{"2312人", 2312, 0, "person", "staff", "exact"}}},
	{"名 of villagers", "为村里十多名村民解决了就业问题", []want{{"十多名", 10, 0, "person", "customers", "at_least"}}},
	// outlets
	{"余家网点 (seed 002)", "该行在140余家网点设立驿站", []want{{"140余家", 140, 0, "outlet", "outlets", "at_least"}}},
	{"万 with 营业网点", "拥有3.7万营业网点", []want{{"3.7万营业网点", 37000, 0, "outlet", "outlets", "exact"}}},
	{"个网点", "在全国已拥有3.7万个营业网点", []want{{"3.7万个", 37000, 0, "outlet", "outlets", "exact"}}},
	// items, events, devices, durations
	{"个 of projects (seed 000)", "已对照清单完成逾1500个办实事项目。", []want{{"逾1500个", 1500, 0, "item", "items", "at_least"}}},
	{"个 as other (seed 001)", "对16家经营网点，12个管理部门进行全面摸排，累计调研66次。",
		[]want{{"16家", 16, 0, "outlet", "outlets", "exact"}, {"12个", 12, 0, "个", "other", "exact"}, {"66次", 66, 0, "event", "events", "exact"}}},
	{"项 and 笔", "梳理17项督办事项，发放贷款15494笔", []want{{"17项", 17, 0, "item", "items", "exact"}, {"15494笔", 15494, 0, "item", "items", "exact"}}},
	{"件 of goods", "捐赠矿泉水500多件", []want{{"500多件", 500, 0, "件", "other", "at_least"}}},
	{"近 场 (seed 002)", "开展近50场应急急救技能培训", []want{{"近50场", 50, 0, "event", "events", "approx"}}},
	{"台 (seed 003)", "新投放 ATM 等自助柜员机11410 台", []want{{"11410 台", 11410, 0, "device", "devices", "exact"}}},
	{"分钟左右 (seed 003)", "平均等候时间控制在 10 分钟左右。", []want{{"10 分钟左右", 10, 0, "minute", "duration", "approx"}}},
	{"小时", "48小时内完成审批", []want{{"48小时内", 2880, 0, "minute", "duration", "at_most"}}},
	// other
	{"份 (seed 001)", "发放189份调查问卷。", []want{{"189份", 189, 0, "份", "other", "exact"}}},
	{"traditional 個 with pinyin", "資助三十三個(gè)縣區", []want{{"三十三個", 33, 0, "個", "other", "exact"}}},
	{"折", "电子银行年费实行5折", []want{{"5折", 5, 0, "折", "other", "exact"}}},
	{"年多", "已退休2年多", []want{{"2年多", 2, 0, "年", "other", "at_least"}}},
}

func TestFind(t *testing.T) {
	for _, c := range findCases {
		t.Run(c.phenomenon, func(t *testing.T) {
			var got []model.Metric
			for _, m := range mustFind(c.in) {
				if !ignorable(m) { // small Chinese-numeral counts, as the scorer
					got = append(got, m)
				}
			}
			if len(got) != len(c.want) {
				t.Fatalf("Find(%q) = %s, want %d metrics", c.in, show(got), len(c.want))
			}
			for i, w := range c.want {
				g := got[i]
				if g.Text != w.text || !near(g.Value, w.value) || !near(g.ValueHigh, w.high) || g.Unit != w.unit || g.Type != w.typ || g.Qualifier != w.qual {
					t.Errorf("Find(%q)[%d] = %s, want %+v", c.in, i, show(got[i:i+1]), w)
				}
				checkOffset(t, c.in, g)
			}
		})
	}
}

func near(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	m := a
	if m < 0 {
		m = -m
	}
	return a == b || d <= 1e-9*m
}

func show(ms []model.Metric) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("{" + m.Text + " ")
		b.WriteString(fmtG(m.Value))
		b.WriteString(" " + m.Unit + " " + m.Type + " " + m.Qualifier + "} ")
	}
	return b.String()
}

func checkOffset(t *testing.T, text string, m model.Metric) {
	t.Helper()
	r := []rune(text)
	n := utf8.RuneCountInString(m.Text)
	if m.Offset < 0 || m.Offset+n > len(r) || string(r[m.Offset:m.Offset+n]) != m.Text {
		t.Errorf("Offset %d does not point at %q in %q", m.Offset, m.Text, text)
	}
}

// TestNotMetrics lists numbers that measure nothing.
func TestNotMetrics(t *testing.T) {
	for _, c := range []struct{ phenomenon, in string }{
		{"date", "2022年1月5日，该行召开会议"},
		{"year range", "在2009-2011年的三年间"},
		{"year with space", "2020 年该行完成配股"},
		{"Chinese year", "二〇〇五年，该行成立"},
		{"years ago", "10年来的实践"},
		{"clock time", "营业时间9:00-17:00"},
		{"ordinal (seed 000)", "作为第130届广交会金融服务商"},
		{"Chinese ordinal 届", "十一届三中全会"},
		{"phone", "客服热线95508，咨询电话400-123-4567"},
		{"line number", "乘坐地铁5号线"},
		{"list numbering", "一是优化流程，二是提升服务"},
		{"service hours", "推出7*24小时不打烊服务，提供7×24小时服务"},
		{"24 hours", "提供全天候、24 小时不间断的服务"},
		{"slogan", "构建“3个主体+2大合作伙伴”模式"},
		{"model name", "打造“1+1+3+N”体系"},
		{"inside an ASCII word", "M0增长，5G网络覆盖"},
		{"leading zero", "支付06的手续费"},
		{"rank", "挺进前20名"},
		{"位居", "总市值11950.40位居第三位"},
		{"idiom", "服务千家万户，系着亿万农民生计"},
		{"几十", "每个月都有几十万元的消费"},
		{"issue number", "时代金融 2013年13期"},
		{"zero", "0人工干预"},
		{"digits lost (seed 004)", "累计观看超过万人次"},
	} {
		t.Run(c.phenomenon, func(t *testing.T) {
			for _, m := range mustFind(c.in) {
				if m.Value >= 10 || strings.ContainsAny(m.Text, "0123456789") {
					t.Errorf("Find(%q) found %s", c.in, show([]model.Metric{m}))
				}
			}
		})
	}
}

func mustFind(s string) []model.Metric { ms, _ := Find(s); return ms }

func TestWarnings(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"截至今年月底，在拓展队伍中新入职余人实现就业", []string{"digits missing near: 新入职余人"}},
		{"计划招聘应届大学毕业生余人，以实际行动", []string{"digits missing near: 毕业生余人"}},
		{"其余14家为国内银行，贷款余额7021亿元", nil},
		{"招聘300余人", nil},
	}
	for _, c := range cases {
		ms, ws := Find(c.in)
		if strings.Join(ws, "|") != strings.Join(c.want, "|") {
			t.Errorf("Find(%q) warnings = %q, want %q", c.in, ws, c.want)
		}
		for _, m := range ms {
			if strings.HasPrefix(m.Text, "余") {
				t.Errorf("Find(%q) made a metric of the lost digits: %q", c.in, m.Text)
			}
		}
	}
}

// TestSeeds runs Find over every paragraph of the bundled seeds: no
// metric may come from the digit-stripped seed 004, and every offset must
// point at its text.
func TestSeeds(t *testing.T) {
	dir := testutil.Seeds(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds in %s", dir)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n, warned := 0, 0
		for _, para := range strings.Split(string(b), "\n") {
			ms, ws := Find(para)
			for _, m := range ms {
				checkOffset(t, para, m)
				if m.Value >= 10 || strings.ContainsAny(m.Text, "0123456789") {
					n++
				}
			}
			warned += len(ws)
		}
		if strings.Contains(f, "004_") {
			if n != 0 || warned < 2 {
				t.Errorf("%s: %d metrics, %d warnings; want none and the lost digits warned", f, n, warned)
			}
		} else if n == 0 {
			t.Errorf("%s: no metric found", f)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	dir := testutil.Seeds(b)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var paras []string
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range strings.Split(string(data), "\n") {
			paras = append(paras, p)
			size += len(p)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			Find(p)
		}
	}
}

// FuzzFind checks that Find never panics, that every offset points at its
// Text, and that counts are never negative.
func FuzzFind(f *testing.F) {
	for _, c := range findCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		ms, _ := Find(s)
		for _, m := range ms {
			checkOffset(t, s, m)
			if m.Value < 0 && m.Type != "percent" {
				t.Fatalf("Find(%q): negative count %s", s, show([]model.Metric{m}))
			}
		}
	})
}

func fmtG(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// TestAppendFind: AppendFind keeps what dst holds and appends Find's
// metrics after it, with Find's warnings, on a slice reused from text to
// text.
func TestAppendFind(t *testing.T) {
	var dst []model.Metric
	for _, c := range findCases {
		ms, warns := Find(c.in)
		before := append([]model.Metric(nil), dst...)
		got, gotWarns := AppendFind(dst, c.in)
		want := append(append([]model.Metric{}, before...), ms...)
		if !reflect.DeepEqual(append([]model.Metric{}, got...), want) {
			t.Fatalf("AppendFind(%d metrics, %q) = %s, want them then %s", len(before), c.in, show(got), show(ms))
		}
		if !reflect.DeepEqual(gotWarns, warns) {
			t.Fatalf("AppendFind(%q) warnings %q, want %q", c.in, gotWarns, warns)
		}
		dst = got[:len(got)%3] // keep a few, and the capacity
	}
}

// checkFindFrom: AppendFindFrom from the first rune of s that is not
// Silent (where internal/extract starts it) finds the metrics and warnings
// Find finds reading s from its start.
func checkFindFrom(t *testing.T, s string) {
	t.Helper()
	from, fromRune := len(s), utf8.RuneCountInString(s)
	r := 0
	for i, c := range s {
		if !Silent(c) {
			from, fromRune = i, r
			break
		}
		r++
	}
	got, gotWarns := AppendFindFrom(nil, s, from, fromRune)
	want, warns := Find(s)
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotWarns, warns) {
		t.Fatalf("AppendFindFrom(%q, %d, %d) = %s %q, Find %s %q", s, from, fromRune, show(got), gotWarns, show(want), warns)
	}
}

func TestFindFrom(t *testing.T) {
	for _, c := range findCases {
		checkFindFrom(t, c.in)
		checkFindFrom(t, "据悉，"+c.in)
	}
	for _, s := range []string{"", "新入职余人", "其中：1个营业部", "活动规模：300人", "坏\xff3亿元"} {
		checkFindFrom(t, s)
	}
}

func FuzzFindFrom(f *testing.F) {
	for _, c := range findCases {
		f.Add("据悉，" + c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // Extract's sentences are valid UTF-8
		}
		checkFindFrom(t, s)
	})
}
