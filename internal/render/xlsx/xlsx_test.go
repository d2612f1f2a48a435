package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/xuri/excelize/v2"
)

func render(t testing.TB, r *model.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("re-opening the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sheetRows reads a sheet's raw cell values (numbers unformatted).
func sheetRows(t testing.TB, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	return rows
}

func cellAt(row []string, col int) string {
	if col-1 < len(row) {
		return row[col-1]
	}
	return ""
}

func number(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("cell %q is not a number", s)
	}
	return v
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// headerIndex maps a sheet's header texts to their 1-based columns.
func headerIndex(row []string) map[string]int {
	m := map[string]int{}
	for i, h := range row {
		m[h] = i + 1
	}
	return m
}

func TestSheetsInOrder(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		r := fixture()
		r.Lang = lang
		f := open(t, render(t, r))
		got := f.GetSheetList()
		want := SheetNames(lang)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("lang %s: sheets %q, want %q", lang, got, want)
		}
	}
	if SheetNames("zh")[0] != "概览" || SheetNames("en")[0] != "Summary" {
		t.Errorf("sheet names: %q %q", SheetNames("zh"), SheetNames("en"))
	}
}

func TestSummaryCounts(t *testing.T) {
	r := fixture()
	f := open(t, render(t, r))
	rows := sheetRows(t, f, "概览")
	find := func(label string) []string {
		for _, row := range rows {
			if len(row) > 0 && row[0] == label {
				return row
			}
		}
		t.Fatalf("概览 has no row %q", label)
		return nil
	}
	checks := []struct {
		label     string
		cur, prev float64
	}{
		{"输入文件", 6, 1}, {"本期的文章", 3, 1}, {"其他季度的文章（不计入）", 1, 0}, {"无日期的文章（不属任何季度，不计入）", 1, 0},
		{"跳过的文件", 1, 0}, {"计入的文章", 2, 1}, {"重复转载（不计入）", 1, 0},
		{"银行", 2, 1}, {"指标（提及次数）", 9, 2},
		{"金额合计（亿元）", 27.5, 1.45},
	}
	// Every input file is in one of the four lines under it (the undated
	// ones a quarter leaves out read "无日期的文章 0" and were in none).
	if sum := number(t, cellAt(find("本期的文章"), 2)) + number(t, cellAt(find("其他季度的文章（不计入）"), 2)) +
		number(t, cellAt(find("无日期的文章（不属任何季度，不计入）"), 2)) + number(t, cellAt(find("跳过的文件"), 2)); sum != number(t, cellAt(find("输入文件"), 2)) {
		t.Errorf("概览: the period's, other quarters', undated and skipped add up to %v, not the input files", sum)
	}
	for _, c := range checks {
		row := find(c.label)
		if got := number(t, cellAt(row, 2)); !near(got, c.cur) {
			t.Errorf("%s: %v, want %v", c.label, got, c.cur)
		}
		if got := number(t, cellAt(row, 3)); !near(got, c.prev) {
			t.Errorf("%s previous: %v, want %v", c.label, got, c.prev)
		}
		if got := number(t, cellAt(row, 4)); !near(got, c.cur-c.prev) {
			t.Errorf("%s change: %v, want %v", c.label, got, c.cur-c.prev)
		}
	}
	// Themes: ranked first, the frame last and marked.
	row := find("减费让利")
	if number(t, row[1]) != 1 || !near(number(t, row[3]), 27) {
		t.Errorf("theme row %q", row)
	}
	frame := find("党建引领（政治框架，不参与排名）")
	if number(t, frame[1]) != 1 {
		t.Errorf("frame row %q", frame)
	}
	bank := find("广发银行")
	if bank[1] != "股份制银行" || number(t, bank[2]) != 1 || !near(number(t, bank[4]), 27) {
		t.Errorf("bank row %q", bank)
	}
	if !strings.Contains(rows[1][0], "2022Q1") || !strings.Contains(rows[1][0], "数据截至：2022-03-30") {
		t.Errorf("subtitle %q lacks the period or the date the data is up to", rows[1][0])
	}
}

func TestBankThemeCounts(t *testing.T) {
	r := fixture()
	f := open(t, render(t, r))
	rows := sheetRows(t, f, "银行×主题")
	head := headerIndex(rows[0])
	seen := 0
	for _, c := range r.BankTheme {
		var row []string
		for _, rw := range rows[1:] {
			if rw[0] == c.Bank {
				row = rw
			}
		}
		col := head[model.Lookup(model.Themes, c.Theme).Zh]
		if row == nil || col == 0 {
			t.Fatalf("no cell for %s × %s", c.Bank, c.Theme)
		}
		if got := number(t, cellAt(row, col)); int(got) != c.Articles {
			t.Errorf("%s × %s: %v, want %d", c.Bank, c.Theme, got, c.Articles)
		}
		seen++
	}
	// Every non-empty theme cell is one of the report's cells.
	cells := 0
	for _, rw := range rows[1:] {
		for j := 4; j <= len(rw); j++ {
			if cellAt(rw, j) != "" {
				cells++
			}
		}
	}
	if cells != seen {
		t.Errorf("%d non-empty cells, report has %d", cells, seen)
	}
	cf, err := f.GetConditionalFormats("银行×主题")
	if err != nil || len(cf) == 0 {
		t.Errorf("no colour scale on 银行×主题: %v", err)
	}
}

func TestMetricSummary(t *testing.T) {
	r := fixture()
	f := open(t, render(t, r))
	rows := sheetRows(t, f, "指标汇总")
	if len(rows) != len(r.Sums)+1 {
		t.Fatalf("%d rows, want %d sums + header", len(rows), len(r.Sums))
	}
	// The sums recomputed from the metric rows, repeats left out.
	type key struct{ bank, theme, typ, unit string }
	want := map[key]float64{}
	mentions := map[key]int{}
	for _, m := range r.Metrics {
		k := key{m.BankName, m.Theme, m.Type, m.Unit}
		mentions[k]++
		if !m.Repeat() && !m.Balance() {
			want[k] += m.Value
		}
	}
	for i, s := range r.Sums {
		row := rows[i+1]
		k := key{s.Bank, s.Theme, s.Type, s.Unit}
		if row[0] != s.Bank || row[2] != model.Lookup(model.Themes, s.Theme).Zh || row[3] != model.Lookup(model.MetricTypes, s.Type).Zh {
			t.Errorf("row %d %q is not %+v", i+2, row, s)
		}
		if int(number(t, row[5])) != mentions[k] || int(number(t, row[6])) != s.Count {
			t.Errorf("row %d mentions/count %s/%s, want %d/%d", i+2, row[5], row[6], mentions[k], s.Count)
		}
		if neverSummed(s.Type, s.Unit) {
			if cellAt(row, 8) != "" {
				t.Errorf("row %d: a percentage is summed: %q", i+2, row[7])
			}
			if !near(number(t, row[8]), s.Median) {
				t.Errorf("row %d median %s, want %v", i+2, row[8], s.Median)
			}
			continue
		}
		got := number(t, row[7])
		if s.Unit == "CNY" {
			if row[4] != "万元" {
				t.Errorf("row %d unit %q, want 万元", i+2, row[4])
			}
			got *= 1e4
		}
		if !near(got, want[k]) {
			t.Errorf("row %d %s sum %v, want %v (repeats once, stocks never)", i+2, s.Bank, got, want[k])
		}
	}
}

func TestMetricDetail(t *testing.T) {
	r := fixture()
	f := open(t, render(t, r))
	rows := sheetRows(t, f, "指标明细")
	if len(rows) != len(r.Metrics)+1 {
		t.Fatalf("%d rows, want %d metrics + header", len(rows), len(r.Metrics))
	}
	repeats := 0
	for i, m := range r.Metrics {
		row := rows[i+1]
		n := i + 2
		if cellAt(row, detailBank) != m.BankName || cellAt(row, detailText) != m.Text || cellAt(row, detailSentence) != m.Sentence ||
			cellAt(row, detailFile) != m.File || cellAt(row, detailArticleID) != m.ArticleID() || cellAt(row, detailBranch) != m.Branch {
			t.Errorf("row %d %q does not show %+v", n, row, m)
		}
		v := number(t, cellAt(row, detailValue))
		if m.Unit == "CNY" {
			v *= 1e4
		}
		if !near(v, m.Value) {
			t.Errorf("row %d value %v, want %v", n, v, m.Value)
		}
		if m.ValueHigh != 0 {
			h := number(t, cellAt(row, detailValueHigh)) * 1e4
			if !near(h, m.ValueHigh) {
				t.Errorf("row %d upper bound %v, want %v", n, h, m.ValueHigh)
			}
		}
		if got := cellAt(row, detailRepeat) != ""; got != m.Repeat() {
			t.Errorf("row %d repeat marker %q, repeat %v", n, cellAt(row, detailRepeat), m.Repeat())
		}
		if got := cellAt(row, detailBalance) != ""; got != m.Balance() {
			t.Errorf("row %d stock marker %q, balance %v", n, cellAt(row, detailBalance), m.Balance())
		}
		if m.Repeat() {
			repeats++
		}
		// The title is a link to the article.
		ref, _ := excelize.CoordinatesToCellName(detailTitle, n)
		formula, err := f.GetCellFormula("指标明细", ref)
		if err != nil {
			t.Fatal(err)
		}
		want := `HYPERLINK("` + strings.ReplaceAll(m.URL, `"`, `%22`) + `","` + strings.ReplaceAll(m.Title, `"`, `""`) + `")`
		if formula != want || cellAt(row, detailTitle) != m.Title {
			t.Errorf("row %d title %q formula %q, want %q", n, cellAt(row, detailTitle), formula, want)
		}
		// The date is a real date.
		d, err := f.GetCellValue("指标明细", fmt.Sprintf("M%d", n))
		if err != nil || d != m.Date {
			t.Errorf("row %d date %q, want %q (%v)", n, d, m.Date, err)
		}
	}
	if repeats != 1 {
		t.Errorf("fixture has %d repeats", repeats)
	}
}

func TestArticles(t *testing.T) {
	r := fixture()
	f := open(t, render(t, r))
	rows := sheetRows(t, f, "文章")
	if len(rows) != len(r.Articles)+1 {
		t.Fatalf("%d rows, want %d articles + header", len(rows), len(r.Articles))
	}
	for i, a := range r.Articles {
		row := rows[i+1]
		n := i + 2
		if cellAt(row, artTitle) != a.Title || cellAt(row, artID) != a.ID || cellAt(row, artSource) != a.Source || cellAt(row, artBank) != a.PrimaryBank {
			t.Errorf("row %d %q does not show %+v", n, row, a)
		}
		if int(number(t, cellAt(row, artMetrics))) != a.Metrics {
			t.Errorf("row %d metrics %q, want %d", n, cellAt(row, artMetrics), a.Metrics)
		}
		if (a.DuplicateOf == "") != (cellAt(row, artDuplicateOf) == "") || !strings.HasPrefix(cellAt(row, artDuplicateOf), a.DuplicateOf) {
			t.Errorf("row %d duplicate-of %q, want %q", n, cellAt(row, artDuplicateOf), a.DuplicateOf)
		}
		if a.DuplicateOf != "" {
			ref, _ := excelize.CoordinatesToCellName(artDuplicateOf, n)
			formula, _ := f.GetCellFormula("文章", ref)
			if o := r.Articles[0]; o.ID == a.DuplicateOf && !strings.HasPrefix(formula, `HYPERLINK("`+o.URL+`",`) {
				t.Errorf("row %d duplicate-of formula %q does not link %s", n, formula, o.URL)
			}
		}
		ref, _ := excelize.CoordinatesToCellName(artTitle, n)
		formula, _ := f.GetCellFormula("文章", ref)
		if (a.URL != "") != strings.HasPrefix(formula, `HYPERLINK("`+strings.ReplaceAll(a.URL, `"`, `%22`)+`"`) {
			t.Errorf("row %d title formula %q for URL %q", n, formula, a.URL)
		}
	}
}

func TestDataQuality(t *testing.T) {
	r := fixture()
	f := open(t, render(t, r))
	rows := sheetRows(t, f, "数据质量")
	joined := []string{}
	for _, row := range rows[1:] {
		joined = append(joined, strings.Join(row, "|"))
	}
	all := strings.Join(joined, "\n")
	for _, want := range []string{
		"跳过的文件||corpus/web/broken.bin||not text: binary content",
		"无日期|" + idCITC,
		"警告|" + idCITC + "|testdata/seeds/004_3d201c0eda562d6d.txt||digits missing: 新入职余人",
		"重复转载|" + idCopy + "|corpus/web/web_0101_copy.txt|广发银行用心用情用力为群众办实事|",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("数据质量 lacks %q:\n%s", want, all)
		}
	}
	if len(rows) != 1+len(r.Skipped)+len(r.Undated)+len(r.Warnings)+1 {
		t.Errorf("%d rows", len(rows))
	}
}

// TestDataQualityUnlistedBank: a bank read from its ending only is listed
// in 数据质量 with the first article it counts for, and the way to mend it.
func TestDataQualityUnlistedBank(t *testing.T) {
	r := fixture()
	r.Banks[0].Unlisted = true // 广发银行, as if the registry lacked it
	f := open(t, render(t, r))
	rows := sheetRows(t, f, "数据质量")
	var got []string
	for _, row := range rows[1:] {
		if row[0] == "名单外银行" {
			got = append(got, strings.Join(row, "|"))
		}
	}
	want := "名单外银行|" + idGF + "|testdata/seeds/000_0b872719766d8c1f.txt|广发银行用心用情用力为群众办实事|广发银行：不在名单中，按名称结尾识别（主要银行 1 篇，指标 5 项）；若是名单中某行的另一写法，在 templates/banks.yaml 加为其别名"
	if len(got) != 1 || got[0] != want {
		t.Errorf("数据质量's unlisted banks = %q, want [%q]", got, want)
	}
}

func TestTrend(t *testing.T) {
	r := fixture()
	f := open(t, render(t, r))
	rows := sheetRows(t, f, "季度趋势")
	find := func(kind, name, q string) []string {
		for _, row := range rows[1:] {
			if len(row) > 2 && row[0] == kind && row[1] == name && row[2] == q {
				return row
			}
		}
		return nil
	}
	for _, c := range r.Trend {
		kind, name := "主题", model.Lookup(model.Themes, c.Key).Zh
		if c.Kind == "bank" {
			kind, name = "银行", c.Key
		}
		q := c.Quarter
		if q == model.QuarterUnknown {
			q = "无日期"
		}
		row := find(kind, name, q)
		if row == nil {
			t.Errorf("no trend row for %+v", c)
			continue
		}
		if int(number(t, row[3])) != c.Articles || int(number(t, row[7])) != c.Metrics || !near(number(t, row[8])*1e8, c.Money) {
			t.Errorf("trend row %q, want %+v", row, c)
		}
	}
	// Quarter-on-quarter: fee_reduction rose from 0 to 1; inclusive finance held.
	if row := find("主题", "减费让利", "2022Q1"); row == nil || row[4] != "0" || row[5] != "1" || row[6] != "" {
		t.Errorf("减费让利 2022Q1 change row %q", row)
	}
	if row := find("主题", "普惠金融与小微企业", "2022Q1"); row == nil || row[4] != "1" || row[5] != "0" || number(t, row[6]) != 0 {
		t.Errorf("普惠 2022Q1 change row %q", row)
	}
	// A bank that fell silent shows its drop to zero.
	if row := find("银行", "桂东农商银行", "2022Q1"); row == nil || row[3] != "0" || row[4] != "1" || row[5] != "-1" || number(t, row[6]) != -1 {
		t.Errorf("桂东农商银行 2022Q1 drop row %q", row)
	}
	if row := find("主题", "普惠金融与小微企业", "2021Q4"); row == nil || row[4] != "" {
		t.Errorf("普惠 2021Q4 (first quarter) row %q has a previous quarter", row)
	}
}

// fRe is the only formula the workbook may hold: a link built by hyperlink.
var fRe = regexp.MustCompile(`^HYPERLINK\("https?://[^"\s]*","(?:[^"]|"")*"\)$`)

func TestTextNeverFormula(t *testing.T) {
	data := render(t, fixture())
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	fElem := regexp.MustCompile(`<f[ >][^<]*</f>|<f/>`)
	links := 0
	for _, zf := range zr.File {
		if !strings.HasSuffix(zf.Name, ".xml") || !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		for _, m := range fElem.FindAllString(string(b), -1) {
			inner := html.UnescapeString(strings.TrimSuffix(strings.TrimPrefix(m, "<f>"), "</f>"))
			if !fRe.MatchString(inner) {
				t.Errorf("%s: unexpected formula %s", zf.Name, m)
			}
			links++
		}
	}
	if links != 9+2+1 { // 9 metric rows + 2 articles with a URL + 1 copy naming its original
		t.Errorf("%d link formulas, want 12", links)
	}
	f := open(t, data)
	for _, c := range []struct{ sheet, cell, want string }{
		{"指标明细", fmt.Sprintf("B%d", 7), branchEq},
		{"指标明细", fmt.Sprintf("J%d", 9), textMinus},
		{"指标明细", fmt.Sprintf("K%d", 8), sentICBC50},
		{"文章", "D4", sourceEq},
	} {
		v, _ := f.GetCellValue(c.sheet, c.cell)
		formula, _ := f.GetCellFormula(c.sheet, c.cell)
		if v != c.want || formula != "" {
			t.Errorf("%s!%s = %q formula %q, want text %q", c.sheet, c.cell, v, formula, c.want)
		}
	}
}

func TestByteIdentical(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		r := fixture()
		r.Lang = lang
		a, b := render(t, r), render(t, r)
		if !bytes.Equal(a, b) {
			t.Errorf("lang %s: two writes differ (%d and %d bytes)", lang, len(a), len(b))
		}
	}
}

func TestDocProps(t *testing.T) {
	f := open(t, render(t, fixture()))
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Creator != "bankbrief" || !strings.HasPrefix(p.Created, "2022-03-30") || !strings.HasPrefix(p.Modified, "2022-03-30") ||
		!strings.Contains(p.Title, "2022Q1") || p.Subject == "" {
		t.Errorf("document properties %+v", p)
	}
}

func TestFrozenHeaderAndFilter(t *testing.T) {
	f := open(t, render(t, fixture()))
	for _, sh := range []string{"银行×主题", "指标汇总", "季度趋势", "指标明细", "文章", "数据质量"} {
		panes, err := f.GetPanes(sh)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v %v", sh, panes, err)
		}
		filters, err := f.GetDefinedName(), error(nil)
		_ = err
		found := false
		for _, d := range filters {
			if d.Name == "_xlnm._FilterDatabase" && strings.HasPrefix(d.RefersTo, "'"+sh+"'!") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s has no autofilter", sh)
		}
		w, _ := f.GetColWidth(sh, "A")
		if w < 6 || w > 70 {
			t.Errorf("%s column A width %v", sh, w)
		}
	}
}

func TestEmptyReport(t *testing.T) {
	for _, r := range []*model.Report{{}, {Lang: "en", Period: "2022Q1"}} {
		f := open(t, render(t, r))
		if len(f.GetSheetList()) != 8 {
			t.Errorf("empty report: sheets %q", f.GetSheetList())
		}
	}
	if err := Write(io.Discard, nil); err == nil {
		t.Error("nil report: no error")
	}
}

func TestCleanText(t *testing.T) {
	r := fixture()
	r.Metrics[0].Sentence = "控制\x01字符\x0b与\uFFFF非法\xff字节"
	r.Articles[0].Title = strings.Repeat("长", 40000)
	f := open(t, render(t, r))
	v, _ := f.GetCellValue("指标明细", "K2")
	if v != "控制字符与非法\uFFFD字节" {
		t.Errorf("cleaned sentence %q", v)
	}
	v, _ = f.GetCellValue("文章", "C2")
	if n := len([]rune(v)); n > 32767 || n < 255 {
		t.Errorf("long title kept %d runes", n)
	}
}

func TestTextWidth(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{{"abc", 3}, {"广发银行", 8}, {"A股１", 5}, {"", 0}} {
		if got := textWidth(c.s, 100); got != c.want {
			t.Errorf("textWidth(%q) = %d, want %d", c.s, got, c.want)
		}
	}
	if got := textWidth(strings.Repeat("中", 100), 30); got != 30 {
		t.Errorf("capped width %d", got)
	}
}

func TestRowLimit(t *testing.T) {
	b := &book{lang: "zh"}
	if n := b.fit("指标明细", 10); n != 10 || len(b.cut) != 0 {
		t.Errorf("fit(10) = %d, cut %q", n, b.cut)
	}
	if n := b.fit("指标明细", maxRows+5); n != maxRows-1 || len(b.cut) != 1 || !strings.Contains(b.cut[0], "6 行未列出") {
		t.Errorf("fit(maxRows+5) = %d, cut %q", n, b.cut)
	}
}

func TestChartsAndZipOrder(t *testing.T) {
	data := render(t, fixture())
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for i, zf := range zr.File {
		if i > 0 && zr.File[i-1].Name >= zf.Name {
			t.Errorf("zip entries out of order: %s before %s", zr.File[i-1].Name, zf.Name)
		}
		if !zf.Modified.IsZero() && zf.Modified.Year() > 1980 {
			t.Errorf("%s carries a time: %v", zf.Name, zf.Modified)
		}
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			if x := html.UnescapeString(string(b)); !strings.Contains(x, "'概览'!") && !strings.Contains(x, "'季度趋势'!") {
				t.Errorf("%s plots neither the summary nor the trend sheet", zf.Name)
			}
			charts++
		}
	}
	if charts != 4 { // themes and banks on 概览, themes and banks on 季度趋势
		t.Errorf("%d charts, want 4", charts)
	}
}

func TestOddValues(t *testing.T) {
	r := fixture()
	nan, inf := math.NaN(), math.Inf(1)
	r.Counts.Money = nan
	r.Themes[0].Money = inf
	r.Trend[0].Money = nan
	r.Sums[0].Sum, r.Sums[0].Median = inf, nan
	r.Metrics[0].Value = nan
	r.Metrics[1].Date = "2022-13-45"
	r.Articles[0].Date = "unknown"
	r.Banks[0].Name = ""
	r.Quarters = append(r.Quarters, "1900Q1", "garbage")
	r.DataUpTo, r.Generated = "x", "y"
	f := open(t, render(t, r))
	if v, _ := f.GetCellValue("指标明细", "F2"); v != "" {
		t.Errorf("NaN value shown as %q", v)
	}
	if v, _ := f.GetCellValue("指标明细", "M3"); v != "2022-13-45" {
		t.Errorf("bad date shown as %q", v)
	}
}

// A fee of a few yuan stays visible in 万元 and exact when read back.
func TestSmallMoney(t *testing.T) {
	r := fixture()
	r.Metrics[0].Value, r.Metrics[0].Text = 2, "2元"
	f := open(t, render(t, r))
	shown, _ := f.GetCellValue("指标明细", "F2")
	raw, _ := f.GetCellValue("指标明细", "F2", excelize.Options{RawCellValue: true})
	if shown != "0.0002" || !near(number(t, raw)*1e4, 2) {
		t.Errorf("2元 shown %q, stored %q", shown, raw)
	}
	big, _ := f.GetCellValue("指标明细", "F3")
	if big != "1,500" {
		t.Errorf("1500 items shown %q", big)
	}
}

// TestRandomText writes reports whose every text field is random (formula
// prefixes, quotes, control characters, invalid UTF-8, long runs) and checks
// that the workbook re-opens, keeps the text and holds no formula but links.
func TestRandomText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"=", "+", "-", "@", `"`, "'", "<", ">", "&", "\x00", "\x1f", "\xff", "银行", "1+1", "=SUM(A1)", "\n", " ", "HYPERLINK(", "）", "\uFFFE", "http://x.cn/a b"}
	str := func() string {
		var sb strings.Builder
		for n := rng.IntN(8); n > 0; n-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return sb.String()
	}
	for i := 0; i < 20; i++ {
		r := fixture()
		for j := range r.Metrics {
			m := &r.Metrics[j]
			m.Text, m.Sentence, m.Title, m.Branch, m.BankName, m.File = str(), str(), str(), str(), str(), str()
			if rng.IntN(2) == 0 {
				m.URL = "https://example.cn/" + str()
			}
		}
		for j := range r.Articles {
			a := &r.Articles[j]
			a.Title, a.Source, a.PrimaryBank, a.ID = str(), str(), str(), str()+strconv.Itoa(j)
		}
		r.Skipped = append(r.Skipped, model.SkippedFile{File: str(), Reason: str()})
		r.Warnings = append(r.Warnings, model.ArticleWarning{ID: str(), Warning: str()})
		data := render(t, r)
		f := open(t, data)
		rows := sheetRows(t, f, "指标明细")
		for j, m := range r.Metrics {
			if got := cellAt(rows[j+1], detailSentence); got != clean(m.Sentence) {
				t.Fatalf("report %d row %d sentence %q, want %q", i, j+2, got, clean(m.Sentence))
			}
		}
		zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		for _, zf := range zr.File {
			if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
				continue
			}
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			for _, m := range regexp.MustCompile(`<f>([^<]*)</f>`).FindAllStringSubmatch(string(b), -1) {
				if !fRe.MatchString(html.UnescapeString(m[1])) {
					t.Fatalf("report %d %s: formula %q", i, zf.Name, m[1])
				}
			}
		}
	}
}

func TestMethodSheet(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		r := fixture()
		r.Lang = lang
		f := open(t, render(t, r))
		rows := sheetRows(t, f, SheetNames(lang)[shMethod])
		ids := map[string]bool{}
		text := ""
		for _, row := range rows {
			ids[cellAt(row, 2)] = true
			text += strings.Join(row, " ") + "\n"
		}
		for _, list := range [][]model.Label{model.Themes, model.MetricTypes, model.Qualifiers, model.BankTypes} {
			for _, l := range list {
				if !ids[l.ID] {
					t.Errorf("%s: 说明 does not explain %s", lang, l.ID)
				}
			}
		}
		for _, sheet := range SheetNames(lang) {
			if !strings.Contains(text, sheet) {
				t.Errorf("%s: 说明 does not describe sheet %s", lang, sheet)
			}
		}
		want := map[string][]string{"zh": {"只计一次", "从不求和", "存量"}, "en": {"counts once", "never summed", "stocks"}}[lang]
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: 说明 lacks %q", lang, w)
			}
		}
	}
}

// probe lists the files in the temporary folders under dir on the first
// write, which comes once every part has been gathered.
type probe struct {
	dir  string
	seen []string
	bytes.Buffer
}

func (p *probe) Write(b []byte) (int, error) {
	if p.seen == nil {
		p.seen = []string{}
		ms, _ := filepath.Glob(filepath.Join(p.dir, ".bankbrief-xlsx-*", "*"))
		for _, m := range ms {
			rel, _ := filepath.Rel(p.dir, m)
			p.seen = append(p.seen, filepath.ToSlash(rel))
		}
	}
	return p.Buffer.Write(b)
}

// TestTempDir checks that the temporary files go to Options.TempDir, in
// one hidden folder removed at the end, and that the workbook is the same
// as with the system's temporary folder.
func TestTempDir(t *testing.T) {
	dir := t.TempDir()
	p := &probe{dir: dir}
	if err := Write(p, fixture(), Options{TempDir: dir}); err != nil {
		t.Fatal(err)
	}
	if len(p.seen) != 1 || !regexp.MustCompile(`^\.bankbrief-xlsx-\d+/parts-\d+\.zip$`).MatchString(p.seen[0]) {
		t.Errorf("while writing, %s held %q; want one .bankbrief-xlsx-*/parts-*.zip", dir, p.seen)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
	if !bytes.Equal(p.Bytes(), render(t, fixture())) {
		t.Error("the workbook depends on the temporary folder")
	}
	if err := Write(io.Discard, fixture(), Options{TempDir: filepath.Join(dir, "missing")}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("a missing TempDir gave %v; want an error naming it", err)
	}
}

// TestTempDirSpill checks that a large table's rows, encoded at the save,
// leave no file but the parts gathered in Options.TempDir, and that what
// excelize spills from a large sheet it streams goes to Options.TempDir
// too (with the rows written by SetRow, as the reference does).
func TestTempDirSpill(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 40,000-row sheet")
	}
	r := synthetic(4000, 10, 50)
	for _, ref := range []bool{false, true} {
		dir := t.TempDir()
		p := &probe{dir: dir}
		if ref {
			writeRowsOf = writeRowsRef
		}
		err := Write(p, r, Options{TempDir: dir})
		writeRowsOf = spliceRows
		if err != nil {
			t.Fatal(err)
		}
		spilled := false
		for _, s := range p.seen {
			spilled = spilled || strings.Contains(s, "/excelize-")
		}
		if ref && !spilled {
			t.Errorf("no excelize spill file in %s while writing a 40,000-row sheet with SetRow: %q", dir, p.seen)
		}
		if !ref && len(p.seen) != 1 {
			t.Errorf("while writing a 40,000-row sheet, %s held %q; want the parts only", dir, p.seen)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("left in the temporary folder: %v", left)
		}
	}
}

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	killed := filepath.Join(dir, ".bankbrief-xlsx-123")
	if err := os.MkdirAll(killed, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(killed, "parts-1.zip"), []byte("x"), 0o644)
	// A file of that name is not ours to remove; nor is anything else.
	os.WriteFile(filepath.Join(dir, ".bankbrief-xlsx-9"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "bankbrief.xlsx"), []byte("x"), 0o644)
	got := RemoveTemps(dir)
	if len(got) != 1 || got[0] != killed {
		t.Errorf("RemoveTemps = %q; want [%s]", got, killed)
	}
	if left, _ := os.ReadDir(dir); len(left) != 2 {
		t.Errorf("left %v; want the two files", left)
	}
}

// TestMoneyRuleExplained checks that the summary and the method sheet say
// what the money totals add: amounts reported for a bank, no stocks,
// differences, plans, fines or capital raised, figures per unit, parts
// once, no sector figures naming no bank.
func TestMoneyRuleExplained(t *testing.T) {
	for _, c := range []struct{ lang, summary, method string }{
		{"zh", "只在“指标明细”中列出，不计入", "未注明银行的行业数字"},
		{"zh", "户均与每笔等单位数字", "每年、每月的金额（每年40亿元）是该期的数字"},
		{"en", "figures per unit (户均, 每笔)", "An amount per year or month (每年40亿元) is the period's own"},
		{"en", "sector figures naming no bank are listed in Metric detail", "Sector figures that name no bank"},
		{"zh", "银行被处的罚款与补充的资本", "为小微、三农、绿色项目发行的专项金融债照常计入"},
		{"en", "fines and capital a bank raised", "Special bonds issued to fund small-firm"},
		{"en", "stocks (loan balances), differences", "stocks"},
		{"zh", "同比差额、计划目标", "“其中”后面的数字是前面某个数字的一部分"},
		{"en", "a part (其中) of one counted once", "Growth since the start of the year (较年初增长) is what was done"},
	} {
		r := fixture()
		r.Lang = c.lang
		f := open(t, render(t, r))
		names := SheetNames(c.lang)
		var sum, meth strings.Builder
		for _, row := range sheetRows(t, f, names[shSummary]) {
			sum.WriteString(strings.Join(row, "\t") + "\n")
		}
		for _, row := range sheetRows(t, f, names[shMethod]) {
			meth.WriteString(strings.Join(row, "\t") + "\n")
		}
		if !strings.Contains(sum.String(), c.summary) {
			t.Errorf("%s summary does not explain the money total (%q)", c.lang, c.summary)
		}
		if !strings.Contains(meth.String(), c.method) {
			t.Errorf("%s method sheet does not explain the money total (%q)", c.lang, c.method)
		}
	}
}

func TestWarningText(t *testing.T) {
	zh, en := &book{lang: "zh"}, &book{lang: "en"}
	for in, want := range map[string]string{
		"digits missing near: 新入职余人":                        "原文疑似漏掉数字，附近文字：新入职余人",
		"charset GB18030 (undeclared) converted":            "字符集已转换：GB18030 (undeclared)",
		"front matter is not valid YAML; read line by line": "文章头信息（front matter）不是有效的 YAML，已逐行读取",
		"something new": "something new",
	} {
		if got := zh.warningText(in); got != want {
			t.Errorf("zh warningText(%q) = %q, want %q", in, got, want)
		}
		if got := en.warningText(in); got != in {
			t.Errorf("en warningText(%q) = %q, want it unchanged", in, got)
		}
	}
}

// TestEveryReasonLabelled checks that the detail sheet names, in both
// languages, every reason a figure is not summed.
func TestEveryReasonLabelled(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		labels := (&book{lang: lang}).reasonLabels()
		for _, w := range model.Reasons {
			if labels[w] == "" {
				t.Errorf("%s: no label for reason %d (%q)", lang, w, w.Key())
			}
		}
	}
}

// TestSmallMoneyNotZero: a small sum keeps a significant digit wherever
// money is shown. 20万元 of fee cuts is 0.002亿元, which the summary's
// #,##0.00 showed as 0.00 — "no fee cuts" to a reader; 3角 in 万元 showed
// as 0.0000 in the metric summary.
func TestSmallMoneyNotZero(t *testing.T) {
	r := fixture()
	r.Counts.Money, r.Themes[0].Money, r.Banks[0].Money = 2e5, 2e5, 2e5
	r.Themes[1].PrevMoney = 3e5
	for i, c := range r.Trend {
		if c.Quarter == "2022Q1" && (c.Key == "fee_reduction" || c.Key == "广发银行") {
			r.Trend[i].Money = 2e5
		}
	}
	r.Sums = append(r.Sums, model.MetricSum{Bank: "广发银行", BankType: "joint_stock", Theme: "fee_reduction", Type: "amount", Unit: "CNY",
		Mentions: 1, Count: 1, Sum: 0.3, Median: 0.3, Min: 0.3, Max: 0.3})
	f := open(t, render(t, r))
	shown := func(sheet, first string, col int) string {
		t.Helper()
		rows, err := f.GetRows(sheet) // formatted as a reader sees them
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			if len(row) > 0 && row[0] == first || len(row) > 2 && row[2] == first && row[0] == "主题" {
				return cellAt(row, col)
			}
		}
		t.Fatalf("%s: no row %q", sheet, first)
		return ""
	}
	for _, c := range []struct {
		sheet, row string
		col        int
		want       string
	}{
		{"概览", "金额合计（亿元）", 2, "0.0020"},
		{"概览", "减费让利", 4, "0.0020"},
		{"概览", "普惠金融与小微企业", 7, "0.0030"}, // the previous quarter's money
		{"概览", "广发银行", 5, "0.0020"},
	} {
		if got := shown(c.sheet, c.row, c.col); got != c.want {
			t.Errorf("%s, row %s, column %d shows %q, want %q", c.sheet, c.row, c.col, got, c.want)
		}
	}
	rows, err := f.GetRows("季度趋势")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		if len(row) > 8 && row[1] == "减费让利" && row[2] == "2022Q1" {
			found = true
			if row[8] != "0.0020" {
				t.Errorf("季度趋势: 减费让利 2022Q1 money shows %q, want 0.0020", row[8])
			}
		}
	}
	if !found {
		t.Error("季度趋势: no row of 减费让利 in 2022Q1")
	}
	rows, err = f.GetRows("指标汇总")
	if err != nil {
		t.Fatal(err)
	}
	tiny := 0
	for _, row := range rows {
		if len(row) > 7 && row[0] == "广发银行" && row[7] == "0.000030" {
			tiny++
		}
	}
	if tiny != 1 {
		t.Errorf("指标汇总: 0.3元 is not shown as 0.000030 万元")
	}
}
