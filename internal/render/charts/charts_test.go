package charts

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

var outDir = flag.String("out", "", "also write the test pages (sample-zh.html, …) into this folder, to look at them")

func render(t *testing.T, r *model.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// save writes page to a file, under -out when given.
func save(t *testing.T, name string, page []byte) string {
	t.Helper()
	dir := *outDir
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, page, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	hostileScript = `</script><script>window.__pwned=1</script>`
	hostileImg    = `<img src=x onerror="window.__pwned=1">`
	hostileQuote  = `"'><svg onload=window.__pwned=1>`
)

// hostileReport carries markup in titles, sentences, URLs and a bank name.
func hostileReport(lang string) *model.Report {
	arts := seedArticles()
	arts[0].title = hostileScript + " 广发银行"
	arts[0].metrics[0].Sentence = hostileImg + "全年减费让利约27亿元"
	arts[1].title = hostileImg
	arts[1].url = "javascript:window.__pwned=1"
	arts[4].title = hostileQuote
	arts = append(arts, testArticle{id: "009_hostile", date: "2022-06-01", bank: `<img src=x onerror="window.__pwned=1">银行`, bankType: "rural",
		title: hostileQuote + hostileScript, themes: []string{"anti_fraud"},
		metrics: []model.Metric{{Text: "5亿元", Value: 5e8, Unit: "CNY", Type: "amount", Theme: "anti_fraud", Sentence: hostileScript + "拦截5亿元"}}})
	return buildReport(lang, arts)
}

func TestWriteNilReport(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil); err == nil {
		t.Fatal("Write(nil) gave no error")
	}
}

func TestDeterministic(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		a := render(t, buildReport(lang, manyBankArticles(40)))
		b := render(t, buildReport(lang, manyBankArticles(40)))
		if !bytes.Equal(a, b) {
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			lo := max(0, i-80)
			t.Fatalf("%s: two renderings differ at byte %d:\n%q\n%q", lang, i, a[lo:min(len(a), i+80)], b[lo:min(len(b), i+80)])
		}
	}
}

// TestOffline checks that nothing in the page points to the network.
func TestOffline(t *testing.T) {
	full := string(render(t, buildReport("zh", seedArticles())))
	if !strings.Contains(full, echartsJS[len(echartsJS)-200:]) {
		t.Error("ECharts is not inlined")
	}
	// ECharts' own code holds markup strings (data view, image export);
	// the rest of the page must not point anywhere.
	page := strings.Replace(full, echartsJS, "", 1)
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)<script[^>]*\ssrc=`),
		regexp.MustCompile(`(?i)<link[^>]*\shref=`),
		regexp.MustCompile(`(?i)<img[^>]*\ssrc=`),
		regexp.MustCompile(`(?i)@import`),
		regexp.MustCompile(`(?i)url\(\s*['"]?https?:`),
		regexp.MustCompile(`go-echarts\.github\.io|cdn\.jsdelivr|unpkg\.com`),
	} {
		if loc := bad.FindStringIndex(page); loc != nil {
			t.Errorf("page fetches from the network: %q", page[loc[0]:min(len(page), loc[1]+60)])
		}
	}
	if !strings.Contains(html.UnescapeString(page), "default-src 'none'; script-src 'sha256-") {
		t.Error("page has no Content-Security-Policy forbidding requests and foreign scripts")
	}
}

// TestHostileMarkupStaysData checks the HTML itself: untrusted text only
// appears JSON-escaped inside data blocks.
func TestHostileMarkupStaysData(t *testing.T) {
	page := string(render(t, hostileReport("zh")))
	for _, s := range []string{hostileScript, hostileImg, "window.__pwned=1</script>", "<img src=x", "<svg"} {
		if strings.Contains(page, s) {
			t.Errorf("page contains %q unescaped", s)
		}
	}
	if got, want := strings.Count(page, "</script>"), strings.Count(page, "<script"); got != want {
		t.Errorf("%d </script> for %d <script>: a title broke out of a script block", got, want)
	}
	// The drill-down data must still carry the titles, byte for byte.
	d := dataBlock(t, page)
	found := map[string]bool{}
	for _, a := range d.Articles {
		found[a.Title] = true
		if strings.HasPrefix(strings.ToLower(a.URL), "javascript:") {
			t.Errorf("article %s keeps the URL %q", a.ID, a.URL)
		}
	}
	for _, s := range []string{hostileScript + " 广发银行", hostileImg, hostileQuote} {
		if !found[s] {
			t.Errorf("title %q lost from the page data", s)
		}
	}
}

func dataBlock(t *testing.T, page string) drill {
	t.Helper()
	m := regexp.MustCompile(`<script type="application/json" id="bb-data">([^<]*)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no bb-data block in the page")
	}
	var d drill
	if err := json.Unmarshal([]byte(m[1]), &d); err != nil {
		t.Fatalf("bb-data is not JSON: %v", err)
	}
	return d
}

func TestDrillData(t *testing.T) {
	r := buildReport("zh", seedArticles())
	page := string(render(t, r))
	d := dataBlock(t, page)
	if len(d.Articles) != r.Counts.Used {
		t.Errorf("page lists %d articles, want the %d counted", len(d.Articles), r.Counts.Used)
	}
	for _, a := range d.Articles {
		if a.ID == "005_copy" {
			t.Error("the duplicate 005_copy is listed")
		}
	}
	// Every selector of the bank chart's article series must find exactly
	// the bank's articles.
	for _, s := range d.Selectors {
		if s.Mode != "article" || len(s.Banks) != 1 || s.Theme != "" || s.Quarter != "" || s.Time != "" {
			continue
		}
		n := 0
		for _, a := range d.Articles {
			if a.Bank >= 0 && d.Banks[a.Bank] == s.Banks[0] {
				n++
			}
		}
		var want int
		for _, b := range r.Banks {
			if b.Name == s.Banks[0] {
				want = b.Articles
			}
		}
		if n != want {
			t.Errorf("selector %q finds %d articles, bank row says %d", s.Label, n, want)
		}
	}
	// the money chart is in 亿元 (广发银行 约27亿元)
	if !strings.Contains(page, "各主题金额（按银行，亿元）") {
		t.Error("money chart not titled in 亿元")
	}
	for _, id := range []string{"bb-banks", "bb-heat", "bb-quarters", "bb-money", "bb-types", "bb-tree", "bb-time"} {
		if !strings.Contains(page, `id="`+id+`"`) {
			t.Errorf("chart %s missing", id)
		}
	}
}

func TestEnglish(t *testing.T) {
	page := string(render(t, buildReport("en", seedArticles())))
	for _, s := range []string{`<html lang="en">`, "Articles and metrics per bank", "Fee cuts and rate relief", "Made by bankbrief; data up to 2022-11-02."} {
		if !strings.Contains(page, s) {
			t.Errorf("English page lacks %q", s)
		}
	}
	if strings.Contains(page, "各银行文章数") {
		t.Error("English page shows Chinese chart titles")
	}
}

func TestEmptyReport(t *testing.T) {
	page := string(render(t, &model.Report{}))
	if n := strings.Count(page, `class="bb-empty"`); n != 7 {
		t.Errorf("empty report: %d empty-chart notes, want 7", n)
	}
	if strings.Contains(page, `class="bb-chart-box"`) {
		t.Error("empty report draws a chart")
	}
}

func TestWeekOrMonth(t *testing.T) {
	if got := weekKey("2022-03-17"); got != "2022-03-14" {
		t.Errorf("weekKey(2022-03-17) = %s, want the Monday 2022-03-14", got)
	}
	if got := prevQuarter("2022Q1"); got != "2021Q4" {
		t.Errorf("prevQuarter(2022Q1) = %s", got)
	}
	if got := strings.Join(fillQuarters([]string{"2021Q4", "2022Q2"}), " "); got != "2021Q4 2022Q1 2022Q2" {
		t.Errorf("fillQuarters(2021Q4, 2022Q2) = %s", got)
	}
	short := buildReport("zh", seedArticles()[6:8]) // 2022-03-15 and 2022-05-20
	if !strings.Contains(string(render(t, short)), "按周") {
		t.Error("a two-month report is not drawn by week")
	}
}

func TestPeriodHeader(t *testing.T) {
	r := buildReport("zh", manyBankArticles(10))
	r.Period = "2022Q1"
	r.PrevPeriod = "2021Q4"
	r.Prev = &model.Counts{Used: 3, Banks: 2, Metrics: 4}
	// many quarters: the zoom window must hold the period, not only the latest
	for y := 2015; y <= 2030; y++ {
		for _, q := range []string{"Q2", "Q3"} {
			if y != 2022 {
				r.Trend = append(r.Trend, model.TrendCell{Quarter: fmt.Sprint(y, q), Kind: "theme", Key: "anti_fraud", Articles: 1})
			}
		}
	}
	page := string(render(t, r))
	if !strings.Contains(page, "统计期：2022Q1") || !strings.Contains(page, "上季度（2021Q4）：文章 3 篇，银行 2 家，指标 4 条") {
		t.Error("header lacks the period or the previous quarter's counts")
	}
	var opt zoomedAxis
	chartOption(t, page, "bb-quarters", &opt)
	if len(opt.DataZoom) == 0 || len(opt.XAxis) == 0 {
		t.Fatalf("quarter chart of %d quarters has no zoom", len(opt.XAxis))
	}
	z := opt.DataZoom[0]
	shown := opt.XAxis[0].Data[z.StartValue : z.EndValue+1]
	if !slices.Contains(shown, "2022Q1") {
		t.Errorf("zoom window %v leaves out the period 2022Q1", shown)
	}
}

// TestVendoredECharts pins the vendored script to the version named on the
// page and in assets/README.md.
func TestVendoredECharts(t *testing.T) {
	sum := sha256.Sum256([]byte(echartsJS))
	readme, err := os.ReadFile("assets/README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), hex.EncodeToString(sum[:])) {
		t.Error("assets/echarts.min.js does not match the checksum in assets/README.md")
	}
	if !strings.Contains(string(readme), "version "+EChartsVersion) {
		t.Errorf("assets/README.md does not name version %s", EChartsVersion)
	}
	for _, f := range []string{"assets/LICENSE", "assets/NOTICE"} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("licence file missing: %v", err)
		}
	}
}

// TestMoneyChartBanksOnly checks that the money chart adds what the
// header's total adds: amounts reported for a bank. A sector figure that
// names no bank gets no segment, and a stock is marked in the drill-down.
func TestMoneyChartBanksOnly(t *testing.T) {
	r := buildReport("zh", seedArticles())
	r.Sums = append(r.Sums, model.MetricSum{Theme: "inclusive_finance", Type: "amount", Unit: "CNY", Mentions: 1, Count: 1, Sum: 5e12, Median: 5e12, Min: 5e12, Max: 5e12})
	r.Metrics[0].Why = model.Stock
	r.Metrics[1].Why = model.Planned
	r.Metrics[2].Why = model.PartOfBefore
	page := string(render(t, r))
	d := dataBlock(t, page)
	segments := 0
	for _, s := range d.Selectors {
		if s.Unit != "CNY" {
			continue
		}
		segments++
		if slices.Contains(s.Banks, "") || strings.Contains(s.Label, "未识别银行") {
			t.Errorf("money segment %q sums figures that name no bank", s.Label)
		}
	}
	if segments == 0 {
		t.Error("no money segments")
	}
	// Each figure not summed says why: a stock marked without its reason
	// counts as one.
	if got := []string{d.Metrics[0].Why, d.Metrics[1].Why, d.Metrics[2].Why, d.Metrics[3].Why}; !slices.Equal(got, []string{"stock", "plan", "part", ""}) {
		t.Errorf("reasons in the drill-down: %q; want stock, plan, part and none", got)
	}
	for _, s := range []string{"存量，不计入合计", "计划或目标，不计入合计", "“其中”部分，已计入前面的总数", "未注明银行的行业数字"} {
		if !strings.Contains(page, s) {
			t.Errorf("page does not explain the money rule: lacks %q", s)
		}
	}
}

func TestGrouped(t *testing.T) {
	for in, want := range map[string]string{"119057.83": "119,057.83", "454.45": "454.45", "1000": "1,000", "-1234567": "-1,234,567", "0": "0"} {
		if got := grouped(in); got != want {
			t.Errorf("grouped(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEveryReasonLabelled checks that the drill-down has a label, in both
// languages, for every reason a figure is not summed.
func TestEveryReasonLabelled(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		js := texts(lang).js
		for _, w := range model.Reasons {
			if w.Key() == "" || js[w.Key()] == "" {
				t.Errorf("%s: no drill-down label for reason %d (key %q)", lang, w, w.Key())
			}
		}
	}
}

// zoomedAxis is the category axis of a chart's option and its zoom.
type zoomedAxis struct {
	XAxis []struct {
		Data []string `json:"data"`
	} `json:"xAxis"`
	DataZoom []struct {
		StartValue int `json:"startValue"`
		EndValue   int `json:"endValue"`
	} `json:"dataZoom"`
}

// chartOption decodes the option of one chart of a page into v.
func chartOption(t *testing.T, page, id string, v any) {
	t.Helper()
	m := regexp.MustCompile(`<script type="application/json" id="` + id + `-option">([^<]*)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no chart %s", id)
	}
	if err := json.Unmarshal([]byte(m[1]), v); err != nil {
		t.Fatal(err)
	}
}

// TestBanksInTheReportsOrder: the bank charts draw the banks in the
// report's order, the one internal/aggregate gives every report, not
// sorted again: banks tied on articles come as in the brief and the
// workbook. (The page sorted them again by metrics, the brief kept the
// report's money order: 中国农业发展银行 led the brief, 中国农业银行 the page.)
func TestBanksInTheReportsOrder(t *testing.T) {
	r := buildReport("zh", seedArticles())
	// 广发银行, 桂东农商银行 and 中国工商银行 have two articles each: give
	// them in an order no sort by metrics or name gives.
	want := []string{"中国工商银行", "桂东农商银行", "广发银行", "中信银行", "中国建设银行"}
	byName := map[string]model.BankRow{}
	for _, b := range r.Banks {
		byName[b.Name] = b
	}
	r.Banks = r.Banks[:0]
	for _, n := range want {
		if byName[n].Articles == 0 {
			t.Fatalf("test report has no articles of %s", n)
		}
		r.Banks = append(r.Banks, byName[n])
	}
	var opt struct {
		YAxis []struct {
			Data []string `json:"data"`
		} `json:"yAxis"`
	}
	chartOption(t, string(render(t, r)), "bb-banks", &opt)
	if len(opt.YAxis) == 0 || !slices.Equal(opt.YAxis[0].Data, want) {
		t.Errorf("bank chart draws %v, want the report's order %v", opt.YAxis, want)
	}
}

// TestSmallMoneyNotZero: a small sum keeps its significant digits on the
// page: the header's total in 亿元 (20万元 showed as 0) and a bank's small
// amount in a money chart drawn in 亿元 (2000元 was rounded to 0).
func TestSmallMoneyNotZero(t *testing.T) {
	r := buildReport("zh", seedArticles())
	r.Counts.Money = 2e5
	page := string(render(t, r))
	if !strings.Contains(page, `<span class="bb-stat-value">0.002</span><span class="bb-stat-label">金额（亿元）</span>`) {
		t.Error("header does not show 20万元 as 0.002亿元")
	}
	for in, want := range map[float64]string{0.002: "0.002", 0.0000234: "0.000023", 0.01: "0.01", 12.345: "12.35", 0: "0", -0.002: "-0.002"} {
		if got := formatAmount(in); got != want {
			t.Errorf("formatAmount(%v) = %q, want %q", in, got, want)
		}
	}
	r.Sums = append(r.Sums, model.MetricSum{Bank: "中信银行", BankType: "joint_stock", Theme: "anti_fraud", Type: "amount", Unit: "CNY",
		Mentions: 1, Count: 1, Sum: 2000, Median: 2000, Min: 2000, Max: 2000})
	var opt struct {
		Series []struct {
			Name string `json:"name"`
			Data []struct {
				Value *float64 `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	chartOption(t, string(render(t, r)), "bb-money", &opt)
	found := false
	for _, s := range opt.Series {
		for _, d := range s.Data {
			if s.Name == "中信银行" && d.Value != nil {
				found = true
				if *d.Value != 0.00002 {
					t.Errorf("中信银行's 2000元 drawn as %v 亿元, want 0.00002", *d.Value)
				}
			}
		}
	}
	if !found {
		t.Error("中信银行's 2000元 is not in the money chart")
	}
}

func TestZoomWindow(t *testing.T) {
	for _, c := range []struct {
		counts      []int
		width, must int
		first, last int
	}{
		{[]int{1, 0, 0, 5, 4, 0, 0, 1}, 3, -1, 3, 5}, // the most articles (the latest window holding them)
		{[]int{1, 0, 0, 5, 4, 0, 0, 1}, 3, 7, 5, 7},  // the report's bucket in view
		{[]int{2, 2, 0, 0, 2, 2}, 2, -1, 4, 5},       // the latest of a tie
		{[]int{3, 1}, 5, -1, 0, 1},                   // all, when they fit
		{[]int{0, 0, 0, 0}, 2, -1, 2, 3},             // no articles: the latest
	} {
		if first, last := zoomWindow(c.counts, c.width, c.must); first != c.first || last != c.last {
			t.Errorf("zoomWindow(%v, %d, %d) = %d, %d; want %d, %d", c.counts, c.width, c.must, first, last, c.first, c.last)
		}
	}
}

// spreadArticles are articles dated like the corpus's: one in 2009, most
// in 2021-2022, a few up to 2026, none in many quarters between.
func spreadArticles() []testArticle {
	dates := []string{"2009-02-18", "2013-08-01", "2017-10-10", "2020-07-05",
		"2021-07-01", "2021-07-09", "2021-07-20", "2021-08-03", "2021-08-30", "2021-12-01", "2021-12-15", "2021-12-20",
		"2022-01-04", "2022-01-12", "2022-02-10", "2022-02-22", "2022-03-25", "2022-05-01", "2022-08-08", "2022-08-20",
		"2023-01-05", "2023-03-01", "2024-07-01", "2025-04-01", "2025-10-01", "2026-03-21"}
	var out []testArticle
	for i, d := range dates {
		out = append(out, testArticle{id: fmt.Sprintf("s%02d", i), date: d, bank: "中国农业银行", bankType: "state_owned",
			title: "中国农业银行服务乡村振兴 " + d, themes: []string{"rural_revitalization"}})
	}
	return out
}

// TestTimeAxesShowWhereTheArticlesAre: the quarter axis runs through
// every quarter (a quiet one at zero: 2023Q1 was followed by 2024Q3, while
// the month axis has no gap), and both time charts open on the span with
// the most articles, not on the latest end (2021Q3 and 2024-07 onward left
// most of the corpus's articles out of view).
func TestTimeAxesShowWhereTheArticlesAre(t *testing.T) {
	page := string(render(t, buildReport("zh", spreadArticles())))
	var q, m zoomedAxis
	chartOption(t, page, "bb-quarters", &q)
	chartOption(t, page, "bb-time", &m)
	if len(q.XAxis) == 0 || len(m.XAxis) == 0 || len(q.DataZoom) == 0 || len(m.DataZoom) == 0 {
		t.Fatalf("time charts without an axis or a zoom: %+v %+v", q, m)
	}
	axis := q.XAxis[0].Data
	if len(axis) != 69 || axis[0] != "2009Q1" || axis[68] != "2026Q1" {
		t.Fatalf("quarter axis of %d quarters from %s: want the 69 of 2009Q1-2026Q1", len(axis), axis[0])
	}
	for i := 1; i < len(axis); i++ {
		if prevQuarter(axis[i]) != axis[i-1] {
			t.Errorf("quarter axis jumps from %s to %s", axis[i-1], axis[i])
		}
	}
	shown := func(z zoomedAxis) []string {
		return z.XAxis[0].Data[z.DataZoom[0].StartValue : z.DataZoom[0].EndValue+1]
	}
	qs, ms := shown(q), shown(m)
	for _, want := range []string{"2021Q3", "2021Q4", "2022Q1", "2022Q3", "2023Q1"} {
		if !slices.Contains(qs, want) {
			t.Errorf("the quarter chart opens on %s-%s, without %s", qs[0], qs[len(qs)-1], want)
		}
	}
	for _, want := range []string{"2021-07", "2021-12", "2022-03", "2022-08"} {
		if !slices.Contains(ms, want) {
			t.Errorf("the month chart opens on %s-%s, without %s", ms[0], ms[len(ms)-1], want)
		}
	}
	if len(qs) != zoomQuarters || len(ms) != zoomBuckets {
		t.Errorf("first views of %d quarters and %d months; want %d and %d", len(qs), len(ms), zoomQuarters, zoomBuckets)
	}
}

// TestQuarterHeaderAccountsForEveryFile: a quarter's page says where the
// input files outside the period went, in its header and its footer. On
// the corpus, -quarter 2022Q1 showed 8 articles of 161 files and said
// nothing of the 45 of other quarters and the 108 without a date.
func TestQuarterHeaderAccountsForEveryFile(t *testing.T) {
	r := buildReport("zh", seedArticles())
	r.Period = "2022Q1"
	r.Counts = model.Counts{Files: 161, Articles: 8, OtherPeriods: 45, UndatedLeftOut: 108, Used: 8, Banks: 6, Metrics: 86}
	page := html.UnescapeString(string(render(t, r)))
	for _, want := range []string{"45 篇其他季度的文章未计入", "108 篇文章无日期、不属任何季度，未计入",
		"输入 161 个文件：统计期内文章 8 篇（计入 8 篇，重复 0 篇），无法读取 0 个。统计期外：其他季度的文章 45 篇，无日期的文章 108 篇"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	r.Lang = "en"
	page = html.UnescapeString(string(render(t, r)))
	for _, want := range []string{"articles of other quarters left out: 45", "articles without a date, so in no quarter, left out: 108",
		"Left out of the period: 45 articles of other quarters and 108 without a date"} {
		if !strings.Contains(page, want) {
			t.Errorf("English page lacks %q", want)
		}
	}
}
