// Package xlsx is the workbook renderer, the last stage of bankbrief for the
// analyst: it turns a model.Report (internal/aggregate) into the quarterly
// Excel workbook (bankbrief.xlsx) with eight sheets — summary, bank × theme,
// metric summary, quarterly trend, metric detail, articles, data quality and
// method. It is the only package that imports excelize, and
// klauspost/compress, whose deflate compresses its parts (zip.go).
//
// The workbook is built for Excel, WPS and LibreOffice alike: every table has
// a styled, frozen header row and an autofilter, columns are sized for
// Chinese text, money is shown in 万元 or 亿元 (the unit is in the header or
// the unit column, the stored value is the shown value), and every metric
// links back to its sentence and article. Text is always stored as text:
// a title that begins with "=" never becomes a formula. The only formulas
// are the HYPERLINK cells the renderer builds itself from http(s) URLs.
//
// Every table sheet is made by excelize's StreamWriter (column widths,
// panes, header row, autofilter, page setup), but its data rows are not
// written by excelize: when the workbook is saved they are encoded on every
// core, as exactly the bytes StreamWriter.SetRow would write (rows.go),
// and put into the sheet's part before its </sheetData> on their way to the
// compressors. So half a million metric rows stay within bounded memory
// and never touch the disk but compressed. (The quarterly trend sheet, a
// few hundred rows beside its matrices and charts, is all written by the
// StreamWriter.) The zip entries are written in
// name order with no times, so that the same report gives a byte-identical
// workbook. A large part is compressed in 1 MB pieces on every core (see
// writeSorted).
package xlsx

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/xuri/excelize/v2"
)

// Options tune Write.
type Options struct {
	// TempDir is the folder for the temporary files of the workbook being
	// written (the compressed parts gathered to be put in order, and what
	// excelize spills of a sheet it streams beyond 16 MB, which the tables,
	// whose rows are put in at the save, never reach). Write makes one hidden
	// folder in it, named .bankbrief-xlsx-*, and removes it when done; a
	// killed run leaves it behind, and RemoveTemps removes it later.
	// Pass the output folder so that nothing is written outside it.
	// "" means the system's temporary folder (os.TempDir).
	TempDir string
}

// tempPattern names the folder Write makes inside Options.TempDir.
const tempPattern = ".bankbrief-xlsx-*"

// RemoveTemps removes the temporary folders a killed Write left in dir
// (those named .bankbrief-xlsx-*) and returns those it removed.
func RemoveTemps(dir string) (removed []string) {
	matches, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	for _, m := range matches {
		if fi, err := os.Lstat(m); err != nil || !fi.IsDir() {
			continue
		}
		if os.RemoveAll(m) == nil {
			removed = append(removed, m)
		}
	}
	return removed
}

// Write renders the report to w as an .xlsx workbook. At most one Options
// may be given.
func Write(w io.Writer, r *model.Report, opts ...Options) error {
	return write(w, r, writeSorted, opts...)
}

// write is Write with the function that saves the workbook's zip.
func write(w io.Writer, r *model.Report, save saver, opts ...Options) error {
	if r == nil {
		return fmt.Errorf("xlsx: no report to write")
	}
	var opt Options
	if len(opts) > 0 {
		opt = opts[0]
	}
	tmp, err := os.MkdirTemp(opt.TempDir, tempPattern)
	if err != nil {
		return fmt.Errorf("xlsx: cannot create a temporary folder in %s (make it writable, or free some space): %w", tempDirName(opt.TempDir), err)
	}
	defer os.RemoveAll(tmp)
	b, err := newBook(r, tmp)
	if err != nil {
		return err
	}
	defer b.f.Close()
	// Before any sheet is streamed: SetActiveSheet reads every sheet back,
	// and a streamed sheet read back is parsed whole into memory.
	b.f.SetActiveSheet(0)
	for _, step := range []func() error{b.summarySheet, b.bankThemeSheet, b.metricSummarySheet, b.trendSheet} {
		if err := step(); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := b.detailSheets(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := b.methodSheet(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	if err := b.f.SetDocProps(b.docProps()); err != nil {
		return fmt.Errorf("xlsx: document properties: %w", err)
	}
	return save(b.f, w, tmp, b.tables)
}

// saver saves a workbook's zip, with the rows of tables, by part, put in.
type saver func(f *excelize.File, w io.Writer, tmpDir string, tables map[string]*table) error

// detailSheets writes 指标明细, 文章 and 数据质量, the sheets with a row per
// metric, article or problem: nearly all of the workbook's cells. Each is
// set up in turn, then their StreamWriters are flushed in turn; their rows
// are encoded when the workbook is saved.
func (b *book) detailSheets() error {
	var tables []*table
	for _, begin := range []func() (*table, error){b.metricDetailSheet, b.articlesSheet, b.qualitySheet} {
		t, err := begin()
		if err != nil {
			return err
		}
		if err := writeRowsOf(t); err != nil {
			return err
		}
		tables = append(tables, t)
	}
	for _, t := range tables {
		if err := t.sw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func tempDirName(dir string) string {
	if dir == "" {
		return os.TempDir()
	}
	return dir
}

// book is one workbook being written.
type book struct {
	r    *model.Report
	f    *excelize.File
	lang string
	st   styles
	// articles indexes r.Articles by ID.
	articles map[string]*model.ArticleRow
	// cut says which tables lost rows to the sheet's row limit.
	cut []string
	// tables are the tables whose rows are put in at the save, by part.
	tables map[string]*table
}

// newBook starts a workbook whose temporary files go to tmp.
func newBook(r *model.Report, tmp string) (*book, error) {
	b := &book{r: r, f: excelize.NewFile(excelize.Options{TmpDir: tmp}), lang: r.Lang}
	if b.lang != "en" {
		b.lang = "zh"
	}
	b.articles = make(map[string]*model.ArticleRow, len(r.Articles))
	for i := range r.Articles {
		b.articles[r.Articles[i].ID] = &r.Articles[i]
	}
	names := b.sheetNames()
	if err := b.f.SetSheetName("Sheet1", names[0]); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	for _, n := range names[1:] {
		if _, err := b.f.NewSheet(n); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
	}
	var err error
	if b.st, err = newStyles(b.f, b.lang); err != nil {
		return nil, fmt.Errorf("xlsx: styles: %w", err)
	}
	return b, nil
}

// t picks the Chinese or English text.
func (b *book) t(zh, en string) string {
	if b.lang == "en" {
		return en
	}
	return zh
}

// Sheet names, in workbook order.
const (
	shSummary = iota
	shBankTheme
	shMetricSummary
	shTrend
	shMetricDetail
	shArticles
	shQuality
	shMethod
)

func (b *book) sheetNames() []string {
	if b.lang == "en" {
		return []string{"Summary", "Bank x theme", "Metric summary", "Quarterly trend", "Metric detail", "Articles", "Data quality", "Method"}
	}
	return []string{"概览", "银行×主题", "指标汇总", "季度趋势", "指标明细", "文章", "数据质量", "说明"}
}

// SheetNames returns the workbook's sheet names for a language ("en" or
// else Chinese), in order.
func SheetNames(lang string) []string {
	b := &book{lang: lang}
	if lang != "en" {
		b.lang = "zh"
	}
	return b.sheetNames()
}

func (b *book) sheet(i int) string { return b.sheetNames()[i] }

func (b *book) docProps() *excelize.DocProperties {
	stamp, day := "", b.r.Generated // the day the book was made, else its data's
	if day == "" {
		day = b.r.DataUpTo
	}
	if model.Quarter(day) != model.QuarterUnknown {
		stamp = day[:10] + "T00:00:00Z"
	} else {
		// Never the wall clock: a fixed date keeps the bytes stable.
		stamp = "2000-01-01T00:00:00Z"
	}
	period := b.r.Period
	if period == "" {
		period = b.t("全部季度", "all quarters")
	}
	lang := "zh-CN"
	if b.lang == "en" {
		lang = "en-US"
	}
	return &excelize.DocProperties{
		Title:          b.t("银行“我为群众办实事”季度简报 ", "Banks' public-service initiatives, quarterly brief ") + period,
		Subject:        b.t("银行办实事举措：文章、主题与指标", "Bank initiatives: articles, themes and figures"),
		Creator:        "bankbrief",
		LastModifiedBy: "bankbrief",
		Keywords:       "bankbrief; " + period,
		Description:    b.t("由 bankbrief 从新闻文章生成；每个数字都可在“指标明细”中追溯到原句。", "Generated by bankbrief from news articles; every figure traces back to its sentence in the Metric detail sheet."),
		Created:        stamp,
		Modified:       stamp,
		Language:       lang,
	}
}

// Display helpers shared by the sheets.

func (b *book) themeName(id string) string {
	if id == "" {
		return b.t("（未归类）", "(no theme)")
	}
	return model.Lookup(model.Themes, id).Name(b.lang)
}

func (b *book) bankName(name string) string {
	if name == "" {
		return b.t("（未识别银行）", "(no bank)")
	}
	return name
}

// bankTypeShort are the usual short Chinese names of the bank types, for
// table cells; 说明 lists the full names.
var bankTypeShort = map[string]string{
	"state_owned":     "国有大行",
	"joint_stock":     "股份制银行",
	"city_commercial": "城商行",
	"rural":           "农村金融机构",
	"village":         "村镇银行",
	"private":         "民营银行",
	"foreign":         "外资银行",
	"policy":          "政策性银行",
}

func (b *book) bankTypeName(id string) string {
	if id == "" {
		return ""
	}
	if s, ok := bankTypeShort[id]; ok && b.lang != "en" {
		return s
	}
	return model.Lookup(model.BankTypes, id).Name(b.lang)
}

func (b *book) typeName(id string) string {
	return model.Lookup(model.MetricTypes, id).Name(b.lang)
}

func (b *book) qualifierName(id string) string {
	switch id {
	case model.Exact:
		return b.t("确数", "exact")
	case model.Approx:
		return b.t("约数", "about")
	case model.AtLeast:
		return b.t("下限", "at least")
	case model.AtMost:
		return b.t("上限", "at most")
	}
	return model.Lookup(model.Qualifiers, id).Name(b.lang)
}

// unitName is the unit shown for a canonical unit; CNY is shown in 万元.
func (b *book) unitName(unit string) string {
	if unit == "CNY" {
		return b.t("万元", "CNY 10k")
	}
	return model.Lookup(model.Units, unit).Name(b.lang)
}

// shown converts a value in a canonical unit to the unit shown: yuan to 万元.
func shown(unit string, v float64) float64 {
	if unit == "CNY" {
		return v / 1e4
	}
	return v
}

// yi converts yuan to 亿元, the unit of the headline money figures.
func yi(v float64) float64 { return v / 1e8 }

// neverSummed says whether values of this type or unit must never be
// summed: shares and multiples (model.Summable).
func neverSummed(typ, unit string) bool {
	return typ == "percent" || !model.Summable(unit)
}
