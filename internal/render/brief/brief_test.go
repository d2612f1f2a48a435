package brief

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

var outDir = flag.String("out", "", "also write the test briefs into this folder, to look at")

// render writes the report and fails the test on an error or a warning.
func render(t *testing.T, r *model.Report, opt Options) []byte {
	t.Helper()
	var warnings []string
	opt.Warn = func(s string) { warnings = append(warnings, s) }
	var b bytes.Buffer
	if err := Write(&b, r, opt); err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("unexpected warnings: %q", warnings)
	}
	return b.Bytes()
}

// tool runs a poppler utility on pdf and returns its output, skipping the
// test when poppler-utils is not installed.
func tool(t *testing.T, pdf []byte, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not found: apt-get install poppler-utils to run this test", name)
	}
	path := filepath.Join(t.TempDir(), "brief.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(name, append(args, path, "-")...).CombinedOutput()
	if name == "pdffonts" {
		out, err = exec.Command(name, append(args, path)...).CombinedOutput()
	}
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	return string(out)
}

func save(t *testing.T, name string, pdf []byte) {
	if *outDir != "" {
		if err := os.WriteFile(filepath.Join(*outDir, name), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var spaces = regexp.MustCompile(`\s+`)

// joined is pdftotext's output with the line breaks and spaces removed, so
// that a sentence wrapped over lines can be found whole.
func joined(text string) string { return spaces.ReplaceAllString(text, "") }

func TestBriefText(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			r := sampleReport(lang)
			pdf := render(t, r, Options{})
			save(t, "sample-"+lang+".pdf", pdf)
			text := tool(t, pdf, "pdftotext", "-layout")
			all := joined(text)
			title := map[string]string{"zh": "银行“我为群众办实事”举措简报", "en": "Banks'public-serviceinitiatives:brief"}[lang]
			if !strings.Contains(all, title) {
				t.Errorf("title %q not in the text:\n%s", title, text)
			}
			for _, b := range r.Banks {
				if !strings.Contains(text, b.Name) {
					t.Errorf("bank %s not in the text", b.Name)
				}
			}
			// Every highlighted sentence survives whole, wherever it wraps.
			want := joined(sentence1500Lead + wrapPhrase + "。")
			if !strings.Contains(all, want) {
				t.Errorf("the highlighted sentence lost characters:\nwant %s\ntext:\n%s", want, text)
			}
			page := map[string]string{"zh": "第1页/共", "en": "Page1of"}[lang]
			if !strings.Contains(all, page) {
				t.Errorf("no page numbers %q in the text", page)
			}
			if strings.Contains(all, "{nb}") {
				t.Error("the page-count alias was not replaced")
			}
		})
	}
}

// TestBriefWrapInsidePhrase places the phrase so that a line breaks inside
// it (the lead is shortened until the wrap falls there) and checks that no
// character is lost at the break: gofpdf's MultiCell drops the character at
// each break in CJK text, which is why the brief wraps lines itself.
func TestBriefWrapInsidePhrase(t *testing.T) {
	d := testDoc(t, "zh")
	st := style{size: 9}
	width := contentW - 5
	lead := []rune(sentence1500Lead)
	found := ""
	for n := len(lead); n > 0 && found == ""; n-- {
		s := string(lead[len(lead)-n:])
		q := "“" + s + wrapPhrase + "。”"
		for _, l := range wrap(q, width, d.measurer(st)) {
			if i := strings.Index(l, "完成逾"); i >= 0 && !strings.Contains(l, wrapPhrase) {
				found = s
			}
		}
	}
	if found == "" {
		t.Fatal("no lead makes the line break inside the phrase")
	}
	pdf := render(t, sampleReportLead("zh", found), Options{})
	save(t, "wrap-zh.pdf", pdf)
	text := tool(t, pdf, "pdftotext", "-raw")
	if strings.Contains(text, wrapPhrase) {
		t.Fatalf("the phrase did not wrap in the PDF:\n%s", text)
	}
	if !strings.Contains(joined(text), joined(found+wrapPhrase+"。")) {
		t.Errorf("characters lost at the line break inside %q:\n%s", wrapPhrase, text)
	}
}

func testDoc(t *testing.T, lang string) *doc {
	t.Helper()
	reg, bold, err := loadFonts("")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := loadTemplates(lang)
	if err != nil {
		t.Fatal(err)
	}
	r := sampleReport(lang)
	d := &doc{r: r, lang: lang, tmpl: tmpl, reg: reg, bold: bold, missing: map[rune]bool{}, warn: func(s string) { t.Error(s) }}
	d.n = newNarrative(r, lang)
	if err := d.setup(); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBriefFontsEmbeddedSubset(t *testing.T) {
	pdf := render(t, sampleReport("zh"), Options{})
	out := tool(t, pdf, "pdffonts")
	for _, name := range []string{"+BriefKai-Regular", "+BriefKai-Bold"} {
		line := ""
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, name) {
				line = l
			}
		}
		// name type encoding emb sub uni
		if f := strings.Fields(line); len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("font %s not embedded as a subset:\n%s", name, out)
		}
	}
	if len(pdf) > 1500*1000 {
		t.Errorf("the sample brief is %d bytes, over 1.5 MB", len(pdf))
	}
	t.Logf("sample brief: %d bytes", len(pdf))
}

func TestBriefReproducible(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		a := render(t, sampleReport(lang), Options{})
		b := render(t, sampleReport(lang), Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings of the same report differ", lang)
		}
		if !bytes.Contains(a, []byte("/CreationDate (D:20221011")) {
			t.Errorf("%s: the creation date is not the latest article's date", lang)
		}
	}
}

func TestBriefMissingGlyph(t *testing.T) {
	r := sampleReport("zh")
	// U+4DB5 (CJK Extension A) is in neither GB2312 nor Big5.
	r.Banks[0].Name = "䶵州银行"
	var warnings []string
	var b bytes.Buffer
	if err := Write(&b, r, Options{Warn: func(s string) { warnings = append(warnings, s) }}); err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "U+4DB5") {
		t.Errorf("want one warning naming U+4DB5, got %q", warnings)
	}
	text := tool(t, b.Bytes(), "pdftotext")
	if !strings.Contains(text, "□州银行") {
		t.Errorf("the missing character is not shown as □:\n%s", text)
	}
}

func TestBriefFontFile(t *testing.T) {
	dir := t.TempDir()
	ttf := filepath.Join(dir, "kai.ttf")
	os.WriteFile(ttf, regularTTF, 0o644)
	pdf := render(t, sampleReport("zh"), Options{FontFile: ttf})
	out := tool(t, pdf, "pdffonts")
	if strings.Contains(out, "BriefKai-Bold") || !strings.Contains(out, "BriefKai-Regular") {
		t.Errorf("the user font is not the only font:\n%s", out)
	}

	bad := map[string][]byte{
		"a.ttc":   append([]byte("ttcf\x00\x01\x00\x00"), make([]byte, 32)...),
		"a.otf":   append([]byte("OTTO"), make([]byte, 32)...),
		"a.woff":  append([]byte("wOFF"), make([]byte, 32)...),
		"a.txt":   []byte("not a font at all, just some text"),
		"cut.ttf": regularTTF[:4096],
	}
	for name, data := range bad {
		path := filepath.Join(dir, name)
		os.WriteFile(path, data, 0o644)
		err := Write(&bytes.Buffer{}, sampleReport("zh"), Options{FontFile: path, Warn: func(string) {}})
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "TrueType") {
			t.Errorf("%s: want an error naming the file and asking for TrueType, got %v", name, err)
		}
	}
	if err := Write(&bytes.Buffer{}, sampleReport("zh"), Options{FontFile: filepath.Join(dir, "none.ttf")}); err == nil {
		t.Error("a missing font file gave no error")
	}
}

// TestBriefSystemFonts tries the fonts the brief documents as traps.
func TestBriefSystemFonts(t *testing.T) {
	ttc := "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
	if _, err := os.Stat(ttc); err != nil {
		t.Skip("fonts-wqy-microhei not installed")
	}
	err := Write(&bytes.Buffer{}, sampleReport("zh"), Options{FontFile: ttc})
	if err == nil || !strings.Contains(err.Error(), "collection") {
		t.Errorf("want a TrueType-collection error, got %v", err)
	}
}

func TestBriefEmptyAndNil(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil, Options{}); err == nil {
		t.Error("a nil report gave no error")
	}
	for _, lang := range []string{"zh", "en"} {
		r := &model.Report{Lang: lang, Generated: "2023-01-01"}
		pdf := render(t, r, Options{})
		text := joined(tool(t, pdf, "pdftotext"))
		want := map[string]string{"zh": "本期没有可计入的文章", "en": "Noarticlecouldbeused"}[lang]
		if !strings.Contains(text, want) {
			t.Errorf("%s: empty report does not say so:\n%s", lang, text)
		}
	}
}

// TestBriefQuarter renders one quarter against the previous one: the tiles
// show the changes, in characters the font has.
func TestBriefQuarter(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		r := sampleReport(lang)
		r.Period, r.PrevPeriod = "2022Q1", "2021Q4"
		r.Prev = &model.Counts{Used: 7, Banks: 3, Money: 6e9}
		pdf := render(t, r, Options{})
		save(t, "quarter-"+lang+".pdf", pdf)
		text := joined(tool(t, pdf, "pdftotext"))
		for _, want := range map[string][]string{
			"zh": {"2022年第一季度", "较2021年第四季度-2篇", "较2021年第四季度+1家", "较2021年第四季度-16%", "计入文章减少2篇，涉及银行增加1家"},
			"en": {"2022Q1", "-2vs2021Q4", "+1vs2021Q4", "-16%vs2021Q4", "articlesaredown2andbanksup1"},
		}[lang] {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q not in the text:\n%s", lang, want, text)
			}
		}
	}
}

// TestBriefBadFigures renders a report with figures no real input should
// have: it must not panic nor fail.
func TestBriefBadFigures(t *testing.T) {
	r := sampleReport("zh")
	r.Themes[1].Money = math.NaN()
	r.Themes[2].Money = math.Inf(1)
	r.Banks[0].Money = -5
	r.Counts.Used = 1 // fewer than the themes' articles
	r.Metrics[0].Sentence = strings.Repeat("很长的句子，", 400)
	r.Articles[0].Title = strings.Repeat("标题", 300)
	var b bytes.Buffer
	if err := Write(&b, r, Options{Warn: func(string) {}}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Error("not a PDF")
	}
}

// TestBriefLatinFont renders with a font without Chinese: every Chinese
// character shows as a placeholder and the warnings stay few.
func TestBriefLatinFont(t *testing.T) {
	font := "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	if _, err := os.Stat(font); err != nil {
		t.Skip("fonts-dejavu-core not installed")
	}
	if err := CheckFont(font); err != nil {
		t.Fatal(err)
	}
	var warnings []string
	var b bytes.Buffer
	if err := Write(&b, sampleReport("zh"), Options{FontFile: font, Warn: func(s string) { warnings = append(warnings, s) }}); err != nil {
		t.Fatal(err)
	}
	if len(warnings) != maxGlyphWarnings+1 || !strings.Contains(warnings[len(warnings)-1], "more characters") {
		t.Errorf("want %d warnings and a summary, got %d: %q", maxGlyphWarnings, len(warnings), warnings)
	}
	text := tool(t, b.Bytes(), "pdftotext")
	if !strings.Contains(text, "□□□□") {
		t.Errorf("no placeholders in the text:\n%s", text)
	}
}

func BenchmarkWrite(b *testing.B) {
	r := sampleReport("zh")
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := Write(&buf, r, Options{Warn: func(string) {}}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBalancedKeepsWords checks that evening out the lines of a table
// header never splits an English word ("risk p / revention").
func TestBalancedKeepsWords(t *testing.T) {
	d := testDoc(t, "en")
	st := style{size: 7.5, bold: true}
	for _, name := range []string{"Anti-fraud and risk prevention", "Credit reporting services", "Consumer protection and complaints"} {
		words := strings.Fields(name)
		widest := 0.0
		for _, w := range words {
			widest = math.Max(widest, d.measure(w, st))
		}
		for w := math.Ceil(widest); w < 60; w += 0.5 {
			ls := d.balanced(name, w, st)
			if got := strings.Fields(strings.Join(ls, " ")); strings.Join(got, " ") != name {
				t.Errorf("%q at %.1f mm: lines %q split a word", name, w, ls)
				break
			}
		}
	}
}

// TestMoneyBarsAddUp checks that amounts of no theme get their own bar, so
// that the bars add up to the total the brief states.
func TestMoneyBarsAddUp(t *testing.T) {
	r := sampleReport("zh")
	r.Counts.Money += 3e9 // 30亿元 in sentences of no theme
	text := joined(tool(t, render(t, r, Options{}), "pdftotext", "-raw"))
	for _, s := range []string{"未归入主题", "30亿元", "贷款余额、总资产等存量与未注明银行的行业数字不计入"} {
		if !strings.Contains(text, joined(s)) {
			t.Errorf("brief lacks %q", s)
		}
	}
	if v := unthemedMoney(sampleReport("zh")); v != 0 {
		t.Errorf("sample report: unthemed money %v, want 0 (its themes hold the total)", v)
	}
}

// TestHighlightsStocksLast checks that a stock (a loan balance) does not
// push out what a bank did, and that a stock shown is marked.
func TestHighlightsStocksLast(t *testing.T) {
	flow := model.MetricRow{Metric: &model.Metric{Text: "1.8亿元", Value: 1.8e8, Unit: "CNY", Type: "amount", Theme: "rural_revitalization", Sentence: "全年发放涉农贷款1.8亿元。"}, ArticleRow: &model.ArticleRow{ID: "a"}, BankName: "民生银行"}
	stock := model.MetricRow{Metric: &model.Metric{Text: "6.8万亿元", Value: 6.8e12, Unit: "CNY", Type: "amount", Theme: "rural_revitalization", Sentence: "县域贷款余额达6.8万亿元。"}, ArticleRow: &model.ArticleRow{ID: "b"}, BankName: "中国农业银行", Why: model.Stock}
	got := pickHighlights([]model.MetricRow{stock, flow}, "rural_revitalization", 2)
	if len(got) != 2 || got[0].Text != "1.8亿元" || got[1].Text != "6.8万亿元" {
		t.Errorf("highlights %v; want the loan granted before the balance", got)
	}
	// The only figure of the leading theme is a stock: shown, marked.
	r := sampleReport("zh")
	stock.Theme = r.Themes[1].ID
	r.Metrics = []model.MetricRow{stock}
	text := joined(tool(t, render(t, r, Options{}), "pdftotext", "-raw"))
	if !strings.Contains(text, joined("6.8万亿元 中国农业银行 · 日期不详 · 存量，不计入合计")) {
		t.Errorf("the stock highlighted is not marked:\n%s", text)
	}
}

func TestMeasureWordsInEnglish(t *testing.T) {
	for _, c := range []struct {
		m    model.Metric
		want string
	}{
		{model.Metric{Text: "189份", Value: 189, Unit: "份", Type: "other"}, "189 copies"},
		{model.Metric{Text: "12个", Value: 12, Unit: "个", Type: "other"}, "12"},
		{model.Metric{Text: "3樽", Value: 3, Unit: "樽", Type: "other"}, "3樽"},
	} {
		if got := metricText(model.MetricRow{Metric: &c.m, ArticleRow: &model.ArticleRow{}}, "en"); got != c.want {
			t.Errorf("metricText(%s) = %q, want %q", c.m.Text, got, c.want)
		}
	}
}

func TestSingular(t *testing.T) {
	for _, c := range []struct {
		unit string
		v    float64
		want string
	}{{"minutes", 1, "minute"}, {"copies", 1, "copy"}, {"boxes", 1, "box"}, {"people", 1, "people"}, {"minutes", 2, "minutes"}, {"working days", 1, "working days"}} {
		if got := singular(c.unit, c.v, 0); got != c.want {
			t.Errorf("singular(%q, %v) = %q, want %q", c.unit, c.v, got, c.want)
		}
	}
}

// TestBarChartSqueezedToFit: a bar chart that nearly fits below the cursor
// is drawn there with its rows squeezed, not moved to the next page (the
// English brief of the corpus left a third of page 1 empty for want of
// 1.4 mm); one that does not fit even squeezed starts a page at full height.
func TestBarChartSqueezedToFit(t *testing.T) {
	d := testDoc(t, "en")
	d.newPage()
	d.labelW = 40
	bars := make([]bar, 12)
	for i := range bars {
		bars[i] = bar{label: fmt.Sprintf("theme %d", i), value: float64(i + 1), text: strconv.Itoa(i + 1), col: colAccent}
	}
	note := "Share of the articles used; an article may have several themes. Grey: the party-building frame, not ranked."
	h := d.headingHeight(note)
	d.y = contentBottom - h - 12*5.5 // room for rows 5.5 mm apart
	d.barSection("Themes by share of articles", note, bars, 0)
	if p := d.pdf.PageNo(); p != 1 {
		t.Errorf("a chart with room for rows of 5.5 mm went to page %d", p)
	}
	if d.y > contentBottom+2.01 {
		t.Errorf("the squeezed chart ends at %.1f mm, below the content's bottom %.1f mm", d.y-2, contentBottom)
	}
	d.y = contentBottom - h - 12*4 // room for rows of 4 mm: too little
	d.barSection("Themes by share of articles", note, bars, 0)
	if p := d.pdf.PageNo(); p != 2 {
		t.Errorf("a chart with room for rows of 4 mm is on page %d, want it to start page 2", p)
	}
	if want := contentTop + 4 + h + 12*barRowH + 2; math.Abs(d.y-want) > 0.01 {
		t.Errorf("the chart on a page of its own ends at %.2f mm, want %.2f (rows of full height)", d.y, want)
	}
	if d.err != nil {
		t.Fatal(d.err)
	}
}
