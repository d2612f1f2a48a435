// Package model holds the plain data types that flow between bankbrief's
// pipeline stages: files are read into Articles (internal/ingest), Articles
// become Facts (internal/extract), Facts become a Report (internal/aggregate),
// and a Report is rendered three ways (internal/render/...).
//
// The types carry no behaviour beyond small helpers and have no dependencies,
// so every stage can be tested with literals, and the reports can be rendered
// from a facts.jsonl file without re-reading articles.
package model

// Format says how a file was read.
const (
	FormatJekyll = "jekyll" // front matter + HTML/markdown body, whatever the extension
	FormatHTML   = "html"   // a full HTML page (or an HTML fragment)
	FormatText   = "text"   // scraped plain text
)

// Article is one input file, read and cleaned: the output of internal/ingest.
type Article struct {
	ID     string // the file name without its extension
	File   string // the path as found under the inputs
	Format string // FormatJekyll, FormatHTML or FormatText

	Title string
	// TitleFromBody is true when the page shows no headline and Title is
	// the body's first sentence, shortened.
	TitleFromBody bool
	Date          string // YYYY-MM-DD, or "" when the page shows none
	Source        string // 来源 / 文章来源 / the feed name; "" when unknown
	URL           string // the article's own URL; "" when unknown
	Author        string // 作者 / 编辑 when stated

	// Body is the cleaned main text. Paragraphs are separated by "\n";
	// there is no other newline in it. Headings are paragraphs of their own.
	Body string

	// Warnings are problems met while reading (e.g. "charset GBK converted").
	Warnings []string
}

// Facts is what bankbrief knows about one input file: the output of
// internal/extract and one line of `bankbrief extract` (see
// ../shared/spec/facts-jsonl.md). Field names are stable.
type Facts struct {
	ID            string `json:"id"`
	File          string `json:"file"`
	Format        string `json:"format,omitempty"`
	Title         string `json:"title"`
	TitleFromBody bool   `json:"title_from_body,omitempty"`
	Date          string `json:"date"`
	Quarter       string `json:"quarter"`
	Source        string `json:"source"`
	URL           string `json:"url"`
	Chars         int    `json:"chars"`

	PrimaryBank string        `json:"primary_bank"`
	Banks       []BankMention `json:"banks"`
	Themes      []ThemeScore  `json:"themes"`
	Metrics     []Metric      `json:"metrics"`

	// DuplicateOf is the ID of the article this one is a syndicated copy of.
	DuplicateOf string `json:"duplicate_of"`
	// Fingerprint is the near-duplicate signature of the cleaned body (hex),
	// written by internal/dedup; it lets reports be rebuilt from facts alone.
	Fingerprint string   `json:"fingerprint,omitempty"`
	Warnings    []string `json:"warnings"`

	// Skipped is set, with the reason, when the file could not be read as an
	// article; such a line carries no facts. Inputs = articles + skipped.
	Skipped string `json:"skipped,omitempty"`
}

// BankMention is one bank named in an article, branches rolled up.
type BankMention struct {
	Name     string `json:"name"`     // usual short name: 中国工商银行, 广发银行, 桂东农商银行
	Type     string `json:"type"`     // a BankType id
	Branch   string `json:"branch"`   // first branch or unit named: 深圳市分行, 信用卡中心
	Mentions int    `json:"mentions"` // times named in title and body
}

// ThemeScore is one initiative theme of an article.
type ThemeScore struct {
	ID        string  `json:"id"`        // a Theme id
	Score     float64 `json:"score"`     // share of the article's sentences about it, 0..1
	Sentences int     `json:"sentences"` // sentences classified under it
}

// Metric is one figure in the text that measures what a bank did.
type Metric struct {
	Text  string  `json:"text"`  // exactly as written: 约27亿元
	Value float64 `json:"value"` // normalised: 2.7e9
	// ValueHigh is the other end of a range, as written (2至3亿元 → Value
	// 2e8, ValueHigh 3e8); of a fall, the larger fall (下降10%至15% → −10, −15).
	ValueHigh float64 `json:"value_high,omitempty"`
	Unit      string  `json:"unit"`      // CNY, person, household, …, or the measure word for type other
	Type      string  `json:"type"`      // a MetricType id
	Qualifier string  `json:"qualifier"` // exact, approx, at_least, at_most
	Theme     string  `json:"theme"`     // theme of its sentence, else paragraph, else heading; "" when none
	Bank      string  `json:"bank"`      // bank its sentence is about; "" when none
	Branch    string  `json:"branch,omitempty"`
	Sentence  string  `json:"sentence"` // the sentence it came from
	Offset    int     `json:"offset"`   // rune offset of Text in the cleaned body (in the title when InTitle)
	// InTitle is true for a figure read from the headline, which is not part
	// of the body: Sentence is then the title and Offset counts runes in it.
	InTitle bool `json:"in_title,omitempty"`
}

// Qualifiers.
const (
	Exact   = "exact"
	Approx  = "approx"
	AtLeast = "at_least"
	AtMost  = "at_most"
)

// QuarterUnknown is the quarter of an article without a findable date.
const QuarterUnknown = "unknown"

// Label is a vocabulary entry's identifier with its Chinese and English names.
type Label struct {
	ID string
	Zh string
	En string
}

// Name returns the label in the language asked for ("en" or else Chinese).
func (l Label) Name(lang string) string {
	if lang == "en" {
		return l.En
	}
	return l.Zh
}

// Themes are the initiative themes of ../shared/spec/vocabulary.md, in the
// spec's order. Their keyword lists live in templates/taxonomy.yaml.
var Themes = []Label{
	{"fee_reduction", "减费让利", "Fee cuts and rate relief"},
	{"inclusive_finance", "普惠金融与小微企业", "Inclusive finance / small business"},
	{"rural_revitalization", "乡村振兴与三农", "Rural revitalization / agriculture"},
	{"elderly_services", "适老服务", "Elderly-friendly services"},
	{"new_citizens", "新市民服务", "New urban residents"},
	{"anti_fraud", "反诈与风险防范", "Anti-fraud and risk prevention"},
	{"financial_literacy", "金融知识宣传教育", "Financial literacy outreach"},
	{"consumer_protection", "消费者权益保护与投诉治理", "Consumer protection and complaints"},
	{"service_quality", "网点与柜面服务提升", "Branch and counter service"},
	{"digital_services", "数字化与线上服务", "Digital and mobile channels"},
	{"credit_reporting", "征信服务", "Credit reporting services"},
	{"public_services", "民生与政务服务", "Public and social-security services"},
	{"employment", "稳就业", "Employment support"},
	{"employee_care", "员工关怀与基层减负", "Staff care and grassroots relief"},
	{"public_welfare", "公益慈善与教育帮扶", "Charity, donations, education aid"},
	{"pandemic_response", "疫情防控", "Pandemic response"},
	{"disaster_relief", "抗灾救援与应急", "Disaster relief and emergencies"},
	{"green_finance", "绿色金融", "Green finance"},
	{"party_building", "党建引领", "Party-building frame"},
}

// FrameTheme is detected but left out of "top theme" rankings.
const FrameTheme = "party_building"

// MetricTypes are the metric types of the vocabulary.
var MetricTypes = []Label{
	{"amount", "金额", "Amount"},
	{"customers", "客户与人数", "Customers and people"},
	{"items", "事项与项目", "Items and projects"},
	{"events", "活动与场次", "Events"},
	{"outlets", "网点与机构", "Outlets"},
	{"devices", "设备", "Devices"},
	{"staff", "员工", "Staff"},
	{"percent", "比例与增幅", "Percentages"},
	{"duration", "时长", "Duration"},
	{"other", "其他计数", "Other counts"},
}

// BankTypes are the bank types of the vocabulary.
var BankTypes = []Label{
	{"state_owned", "国有大型商业银行", "State-owned"},
	{"joint_stock", "股份制商业银行", "Joint-stock"},
	{"city_commercial", "城市商业银行", "City commercial"},
	{"rural", "农村商业银行、农村合作银行、农村信用社", "Rural"},
	{"village", "村镇银行", "Village bank"},
	{"private", "民营银行", "Private"},
	{"foreign", "外资法人银行", "Foreign"},
	{"policy", "政策性银行", "Policy"},
}

// Qualifiers lists the qualifiers with their names.
var Qualifiers = []Label{
	{Exact, "确数", "exact"},
	{Approx, "约数", "about"},
	{AtLeast, "下限（逾、超、余）", "at least"},
	{AtMost, "上限（不到、以内）", "at most"},
}

// Units lists the canonical units with their names. A metric of type
// "other" carries its measure word as unit instead.
var Units = []Label{
	{"CNY", "元", "yuan"},
	{"person", "人", "people"},
	{"household", "户", "households"},
	{"person_time", "人次", "person-times"},
	{"enterprise", "家企业", "enterprises"},
	{"item", "件/项/个", "items"},
	{"event", "场/次", "events"},
	{"outlet", "家网点", "outlets"},
	{"device", "台", "devices"},
	{"percent", "%", "%"},
	{"percent_point", "个百分点", "pp"},
	{"minute", "分钟", "minutes"},
}

// Lookup finds the label with the given id in list; it returns a label
// whose names are the id itself when there is none.
func Lookup(list []Label, id string) Label {
	for _, l := range list {
		if l.ID == id {
			return l
		}
	}
	return Label{ID: id, Zh: id, En: id}
}

// Quarter returns the calendar quarter (2022Q1) of a YYYY-MM-DD date, or
// QuarterUnknown.
func Quarter(date string) string {
	if len(date) < 7 || date[4] != '-' {
		return QuarterUnknown
	}
	m := (int(date[5]-'0'))*10 + int(date[6]-'0')
	if m < 1 || m > 12 {
		return QuarterUnknown
	}
	return date[:4] + "Q" + string(rune('0'+(m-1)/3+1))
}
