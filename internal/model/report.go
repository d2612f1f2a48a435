package model

// Report is the aggregated view of a set of Facts for one period: the output
// of internal/aggregate and the only input of the three renderers
// (internal/render/xlsx, internal/render/charts, internal/render/brief).
//
// Only "used" articles (in the period, not a duplicate) count in the
// aggregates; every article in the period is listed in Articles.
// Slices are sorted deterministically so that the same facts give
// byte-identical reports.
type Report struct {
	Lang string // "zh" (default) or "en"
	// Period is the quarter asked for (2022Q1), or "" for all quarters.
	Period string
	// Quarters are all quarters present in the input, sorted, "unknown" last.
	Quarters []string
	// DataUpTo is the date of the latest article of the input (YYYY-MM-DD):
	// the reports say "数据截至" / "data up to" it.
	DataUpTo string
	// Generated is the day the reports were made (YYYY-MM-DD), from
	// SOURCE_DATE_EPOCH; "" when it is not set. Never the wall clock.
	Generated string
	// FirstDate and LastDate bound the dates of the articles in the period.
	FirstDate, LastDate string

	Counts Counts
	// Prev are the counts of the quarter before Period, when Period is set
	// and the input covers that quarter; nil otherwise.
	Prev *Counts
	// PrevPeriod names the quarter of Prev.
	PrevPeriod string

	Articles []ArticleRow // every article in the period, by date then ID
	Metrics  []MetricRow  // every metric mention of the used articles, by article then offset

	Banks     []BankRow       // banks of the used articles: most articles, then most metrics, then name (every renderer keeps this order)
	Themes    []ThemeRow      // themes, most articles first (FrameTheme included; see ThemeRow.Frame)
	BankTheme []BankThemeCell // bank × theme article counts, non-zero cells only
	Sums      []MetricSum     // bank × theme × metric type × unit, sorted by bank, theme, type, unit
	Trend     []TrendCell     // quarter × theme and quarter × bank over all quarters of the input

	Skipped []SkippedFile // files that could not be read, with the reason
	// Undated are the articles of the input without a date: of the report
	// (Counts.Undated) when it covers every quarter (or the quarter
	// "unknown"), else left out of it (Counts.UndatedLeftOut). In file order.
	Undated  []ArticleRef
	Warnings []ArticleWarning // per-article warnings of the report's articles (digits missing, charset, …)
	// Clusters are the syndicated copies among the report's articles
	// (Counts.Duplicates), grouped by the article counted, which may be of
	// another quarter.
	Clusters []CopyGroup
}

// ArticleRef names an article: its ID, file and title.
type ArticleRef struct {
	ID, File, Title string
}

// Counts are the headline numbers of a period. Every input file is one
// of Articles, OtherPeriods, UndatedLeftOut or Skipped.
type Counts struct {
	Files        int // input files: Articles + OtherPeriods + UndatedLeftOut + Skipped
	Articles     int // articles read in the period
	OtherPeriods int // articles read that are dated in other quarters
	// UndatedLeftOut counts the articles without a date that a quarter's
	// report leaves out: they belong to no quarter.
	UndatedLeftOut int
	Used           int     // articles counted: Articles − Duplicates
	Duplicates     int     // syndicated copies among Articles, not counted
	Skipped        int     // files that could not be read
	Undated        int     // articles without a date among Articles (all quarters, or the quarter "unknown")
	Banks          int     // distinct banks among used articles
	Metrics        int     // metric mentions in used articles
	Money          float64 // sum of CNY amounts in used articles, repeats counted once
}

// ArticleRow is one article of the period.
type ArticleRow struct {
	ID          string
	File        string
	Title       string
	URL         string
	Date        string
	Quarter     string
	Source      string
	PrimaryBank string
	BankType    string
	Themes      []string // theme ids, strongest first
	Metrics     int
	DuplicateOf string
}

// MetricRow is one metric mention with the article it came from. The
// mention and the article row are shared, not copied (a report of 200,000
// articles holds over a million rows): their fields read as the row's own
// (m.Text, m.Value, m.Title, m.Date …), and ArticleID names the article.
// internal/aggregate points ArticleRow into Report.Articles and Metric into
// the facts; nothing may change either through a row.
type MetricRow struct {
	*Metric
	*ArticleRow
	// BankName is the bank the metric counts for: Metric.Bank, else the
	// article's primary bank; "" when the article names none.
	BankName string
	// BankType is the type of BankName (the article row's BankType is that
	// of its primary bank).
	BankType string
	// Why says why the row is listed but not summed (see Repeat and
	// Balance); Summed when it is summed.
	Why NotSummed
}

// Repeat reports whether the figure is already counted in the same
// article: the same value, unit and theme appeared earlier (a heading and
// its body sentence), or it is a part (其中 …) of a figure stated before
// it. Shown, not summed.
// Summable reports whether values of a unit may be added up: shares
// (percent, percent_point) and multiples (倍) never are.
func Summable(unit string) bool {
	return unit != "percent" && unit != "percent_point" && unit != "倍"
}

func (m MetricRow) Repeat() bool { return m.Why == SameFigure || m.Why == PartOfBefore }

// Balance reports whether the figure is not something done in the period:
// a stock (a loan balance 贷款余额, total assets, market value, scale,
// transaction volume, revenue or profit), a difference from another period
// (同比多增), a plan or target, a total over several years (近年来累计), or
// a figure per unit (户均8.9万元, 每笔5元, 5元/笔: an average, a price, a
// limit); or is no initiative of the bank's at all: a fine it was given or capital
// it raised for itself, or a figure of the story around it (a disaster's
// losses, a project's total investment, the money in a crime). Listed and
// counted as mentions but never added into money totals or sums.
func (m MetricRow) Balance() bool {
	return m.Why == Stock || m.Why == Difference || m.Why == Planned || m.Why == Cumulative || m.Why == FineOrCapital || m.Why == Context || m.Why == PerUnit
}

// NotSummed is the reason a metric row is listed but left out of sums.
type NotSummed uint8

// The reasons, for MetricRow.Why.
const (
	Summed        NotSummed = iota // summed: something done in the period
	SameFigure                     // Repeat: the same value, unit and theme earlier in the article
	PartOfBefore                   // Repeat: a part (其中 …) of a figure before it, which holds it
	Stock                          // Balance: a balance, assets, market value, scale, volume, revenue
	Difference                     // Balance: a difference from another period (同比多增 …)
	Planned                        // Balance: a plan or target, not yet done (计划, 目标, 任务 …)
	Cumulative                     // Balance: a total over several years (近年来累计, 2015-17年 …)
	FineOrCapital                  // Balance: a fine (被罚款) or capital raised (配股, 永续债 …)
	Context                        // Balance: not the bank's doing: a loss (经济损失), a project's total investment, money in a crime (受贿)
	PerUnit                        // Balance: an average, a price or a limit per unit (户均, 人均, 每笔, 单笔, 5元/笔)
)

// Reasons lists every reason a metric row is not summed, for the
// renderers' tests that each has a label.
var Reasons = []NotSummed{SameFigure, PartOfBefore, Stock, Difference, Planned, Cumulative, FineOrCapital, Context, PerUnit}

// Key names the reason for the reports' labels: "" (summed), "repeat",
// "part", "stock", "difference", "plan", "cumulative", "fine_or_capital",
// "context" or "per_unit".
func (w NotSummed) Key() string {
	switch w {
	case SameFigure:
		return "repeat"
	case PartOfBefore:
		return "part"
	case Stock:
		return "stock"
	case Difference:
		return "difference"
	case Planned:
		return "plan"
	case Cumulative:
		return "cumulative"
	case FineOrCapital:
		return "fine_or_capital"
	case Context:
		return "context"
	case PerUnit:
		return "per_unit"
	}
	return ""
}

// ArticleID is the ID of the article the metric came from.
func (m MetricRow) ArticleID() string { return m.ArticleRow.ID }

// BankRow is one bank's totals over the period.
type BankRow struct {
	Name     string
	Type     string
	Articles int     // used articles whose primary bank it is
	Metrics  int     // metrics counted for it
	Money    float64 // CNY, repeats counted once
	Themes   []string
	// Unlisted is true for a name read from its ending only (…农商银行,
	// …村镇银行) that neither the regulator's list nor templates/banks.yaml
	// knows: a bank the list lacks, or another spelling of one it has.
	Unlisted bool
}

// ThemeRow is one theme's totals over the period.
type ThemeRow struct {
	ID       string
	Frame    bool // the political frame (party_building): shown, not ranked
	Articles int
	Metrics  int
	Money    float64
	// PrevArticles and PrevMoney are the previous quarter's figures; -1 when unknown.
	PrevArticles int
	PrevMoney    float64
}

// BankThemeCell counts the used articles of one bank under one theme.
type BankThemeCell struct {
	Bank     string
	Theme    string
	Articles int
	Metrics  int
}

// MetricSum aggregates the metrics of one bank × theme × type × unit.
type MetricSum struct {
	Bank     string
	BankType string
	Theme    string
	Type     string
	Unit     string
	Mentions int     // every mention, repeats and balances included
	Count    int     // mentions counted: repeats and balances excluded
	Sum      float64 // sum of counted values; 0 and unused for percentages
	Median   float64 // median of counted values
	Min, Max float64
}

// TrendCell is one quarter's figures for a theme or a bank.
type TrendCell struct {
	Quarter  string
	Kind     string // "theme" or "bank"
	Key      string // theme id or bank name
	Articles int
	Metrics  int
	Money    float64
}

// SkippedFile is an input file that is not an article.
type SkippedFile struct {
	File   string
	Reason string
}

// ArticleWarning is one warning raised on one article.
type ArticleWarning struct {
	ID      string
	File    string
	Warning string
}

// Cluster is a set of near-duplicate articles; Kept is the copy counted.
type Cluster struct {
	Kept   string   // article ID counted
	Copies []string // IDs of the copies not counted
}

// CopyGroup is a Cluster as a report lists it: the article counted and
// its copies among the report's articles, each named.
type CopyGroup struct {
	Kept   ArticleRef   // the article counted
	Copies []ArticleRef // the copies not counted, by ID
}
