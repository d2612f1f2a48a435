package ingest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// An export is one file holding many articles, as monitoring platforms and
// data vendors hand them over: an Excel workbook (.xlsx: xlsxread.go; .xls
// of Excel 97–2003: xlsread.go), an OpenDocument spreadsheet (.ods:
// odsread.go) or a table
// (CSV, UTF-8 or GBK; tab-separated "Unicode text", UTF-16) whose first row
// names the columns (in a workbook, a title row may sit above), JSON Lines (one object an article), or a JSON list of article objects (also
// inside an API response: {"data": {"list": [...]}}). ReadExport finds
// which column or key holds each part of an article; internal/split writes
// each record as an article file that Parse reads.

// The parts of an article a column can hold (Export.Columns' keys).
const (
	RoleBody    = "body"
	RoleTitle   = "title"
	RoleDate    = "date"
	RoleSource  = "source"
	RoleAuthor  = "author"
	RoleURL     = "url"
	roleSummary = "summary" // the text when no column holds more
)

// exportRoles are the column names (normalised as jsonKey does, spaces
// dropped) of each part, most likely first: the keys the JSON reader knows
// and the headers of Chinese exports. contains are words a longer header
// holds (文章标题, 原文链接), tried when no header is an exact match.
var exportRoles = []exportRole{
	{RoleBody, slices.Concat(jsonContentKeys, []string{"fulltext", "articletext", "newstext", "全文", "文章内容", "新闻内容", "正文内容", "文章正文", "原文", "原文内容", "文本"}), []string{"正文", "全文", "内容"}},
	{RoleTitle, slices.Concat(jsonTitleKeys, []string{"subject", "文章标题", "新闻标题", "原文标题", "题目", "标题名称"}), []string{"标题", "题目"}},
	{RoleDate, slices.Concat(jsonDateKeys, []string{"发文时间", "发表时间", "发帖时间", "发布时间北京时间", "发稿时间", "刊发时间", "刊发日期", "见报日期"}), []string{"发布时间", "发布日期", "发表", "时间", "日期"}},
	{RoleSource, slices.Concat(jsonSourceKeys, []string{"site", "sitename", "website", "publisher", "媒体", "媒体名称", "来源网站", "来源媒体", "站点", "网站", "网站名称", "信源", "发布媒体", "公众号", "账号", "来源名称"}), []string{"来源", "媒体", "网站", "站点"}},
	{RoleAuthor, slices.Concat(jsonAuthorKeys, []string{"发布者", "发布人", "作者名"}), []string{"作者"}},
	{RoleURL, slices.Concat(jsonURLKeys, []string{"href", "sourceurl", "链接", "网址", "原文链接", "文章链接", "原文地址", "原文网址", "网页地址", "地址"}), []string{"链接", "网址", "url"}},
	{roleSummary, []string{"summary", "abstract", "digest", "description", "摘要", "简介", "导语"}, []string{"摘要"}},
}

type exportRole struct {
	role     string
	keys     []string
	contains []string
}

// notPublished are words of a time column that is no publication date
// (采集时间: when the platform fetched the page).
var notPublished = []string{"采集", "入库", "抓取", "爬取", "更新", "修改", "导出", "crawl", "fetch", "update", "modif", "export"}

// ExportRecord is one article of an export, its parts as the file gives
// them (Date normalised to YYYY-MM-DD when it is readable as a date).
type ExportRecord struct {
	// Row is where it came from: the row of a table counting the header
	// as row 1 (as a spreadsheet shows it), or the position in a JSON list
	// or the line of a JSON Lines file, from 1.
	Row                                    int
	Title, Date, Source, Author, URL, Body string
}

// ExportSkip is a record of an export left out.
type ExportSkip struct {
	Row    int    // as ExportRecord.Row
	What   string // what the export calls a record: row, line or item (RowWord)
	Reason string // "no text"
}

// String is the record and the reason: "row 7: no text".
func (s ExportSkip) String() string { return fmt.Sprintf("%s %d: %s", s.What, s.Row, s.Reason) }

// Export is what ReadExport read.
type Export struct {
	Format string // "xlsx", "html" (a table saved as .xls), "csv", "tsv", "jsonl" or "json"
	// Columns maps each part found (RoleBody, RoleTitle …) to the column
	// or key that holds it.
	Columns  map[string]string
	Records  []ExportRecord
	Skipped  []ExportSkip // records left out, with the reason
	Warnings []string     // a charset converted, the summaries read as the text
}

// ReadExport reads an export of many articles (see above). name is the
// file's path: a workbook is known by its bytes (a zip), an HTML table by
// its .xls (or .html) name, the other forms by the extension (.csv, .tsv,
// .jsonl, .ndjson, .json), else by the content.
// The error says what the file lacks.
func ReadExport(name string, data []byte) (Export, error) {
	if len(data) > MaxExportSize {
		return Export{}, fmt.Errorf("larger than the %d MB limit for an export", MaxExportSize>>20)
	}
	ext := strings.ToLower(filepath.Ext(name))
	// a workbook (also renamed): its first sheet with rows
	isZip := bytes.HasPrefix(data, []byte("PK\x03\x04"))
	var sheetOf func([]byte) (cells [][]string, rowNo []int, err error)
	format := ""
	switch {
	case isZip && isODS(data):
		sheetOf, format = odsTable, "ods"
	case isZip && ext != ".ods" && ext != ".numbers":
		sheetOf, format = xlsxTable, "xlsx"
	case IsBinaryDocument(data): // Excel 97–2003
		sheetOf, format = xlsTable, "xls"
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".ods" || ext == ".numbers":
		return Export{}, errWorkbook
	}
	if sheetOf != nil {
		cells, rowNo, err := sheetOf(data)
		if err != nil {
			return Export{}, err
		}
		return Export{Format: format}.sheet(cells, rowNo)
	}
	text, warns, skip := decode(data)
	if skip != "" {
		return Export{}, fmt.Errorf("%s, not a table or JSON", skip)
	}
	if isHTML, _ := sniff(text); isHTML && (ext == ".xls" || ext == ".et" || ext == ".html" || ext == ".htm") {
		// a web system's "export to Excel": an HTML table saved as .xls
		cells, rowNo := htmlTable(text)
		if len(cells) < 2 {
			return Export{}, fmt.Errorf("an HTML page without a table of articles (a header row and rows under it)")
		}
		return Export{Format: "html", Warnings: warns}.sheet(cells, rowNo)
	}
	// decode may share data's bytes; nothing kept shares text's: the CSV
	// and JSON decoders and the table readers copy what they return.
	text = strings.TrimPrefix(text, "\uFEFF")
	ex := Export{Warnings: warns}
	var rows []map[string]string
	var order []string // the columns or keys, in the file's order
	var rowNo []int
	var err error
	switch {
	case ext == ".jsonl" || ext == ".ndjson":
		ex.Format = "jsonl"
		rows, order, rowNo, err = jsonLines(text)
	case ext == ".json" || (ext != ".csv" && ext != ".tsv" && startsJSON(text)):
		if r, o, n, e := jsonLines(text); e == nil && len(r) > 1 {
			ex.Format, rows, order, rowNo = "jsonl", r, o, n
			break
		}
		ex.Format = "json"
		rows, order, rowNo, err = jsonList(text)
	default:
		sep := separator(text, ext)
		ex.Format = "csv"
		if sep == '\t' {
			ex.Format = "tsv"
		}
		rows, order, rowNo, err = table(text, sep)
	}
	if err != nil {
		return Export{}, err
	}
	return ex.finish(order, rows, rowNo)
}

// sheet makes the records of a sheet's cells (a workbook's or an HTML
// table's), by row, whose header may sit under a title row.
func (ex Export) sheet(cells [][]string, rowNo []int) (Export, error) {
	h := headerRow(cells)
	order, rows := tableRows(cells[h], cells[h+1:])
	return ex.finish(order, rows, rowNo[h+1:])
}

// finish finds the columns of the rows read and makes their records.
func (ex Export) finish(order []string, rows []map[string]string, rowNo []int) (Export, error) {
	if len(rows) == 0 {
		return Export{}, fmt.Errorf("no rows of articles")
	}
	ex.Columns = columnRoles(order, rows)
	if ex.Columns[RoleBody] == "" {
		if s := ex.Columns[roleSummary]; s != "" {
			ex.Columns[RoleBody] = s
			ex.Warnings = append(ex.Warnings, "no column of full text: the summaries ("+s+") are read as the text")
		} else {
			return Export{}, fmt.Errorf("no column of article text among %s: name it 正文, 内容 or content", quoteList(order))
		}
	}
	delete(ex.Columns, roleSummary)
	for i, r := range rows {
		rec := ExportRecord{Row: rowNo[i]}
		get := func(role string) string {
			if c := ex.Columns[role]; c != "" {
				return strings.TrimSpace(r[c])
			}
			return ""
		}
		rec.Body = get(RoleBody)
		if rec.Body == "" {
			ex.Skipped = append(ex.Skipped, ExportSkip{Row: rec.Row, What: RowWord(ex.Format), Reason: "no text"})
			continue
		}
		rec.Title = strings.Join(strings.Fields(get(RoleTitle)), " ")
		rec.Source = strings.Join(strings.Fields(get(RoleSource)), " ")
		rec.Author = strings.Join(strings.Fields(get(RoleAuthor)), " ")
		if u := get(RoleURL); strings.Contains(u, "://") && !strings.ContainsAny(u, " \n\t") {
			rec.URL = u
		}
		rec.Date = exportDate(get(RoleDate))
		ex.Records = append(ex.Records, rec)
	}
	return ex, nil
}

// errWorkbook is the error for spreadsheets not read: a Numbers file, an
// .ods that is no OpenDocument spreadsheet.
var errWorkbook = errors.New("a spreadsheet other than an Excel (.xlsx, .xls) or OpenDocument (.ods) one, not read: save the sheet as .xlsx or \"CSV UTF-8\"")

// IsBinaryDocument says whether data is an OLE compound file: an Excel
// 97–2003 workbook, or a Word 97–2003 document.
func IsBinaryDocument(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// MaxExportSize is the largest export ReadExport reads (a year of a
// monitoring platform's articles is some hundreds of MB).
const MaxExportSize = 1 << 30

// RowWord is what a record's position is called in an export of a format
// (Export.Format): a row, a line or an item.
func RowWord(format string) string {
	switch format {
	case "jsonl":
		return "line"
	case "json":
		return "item"
	}
	return "row" // csv, tsv, xlsx
}

// startsJSON says whether text begins as JSON does.
func startsJSON(text string) bool {
	t := strings.TrimLeft(text, " \t\r\n")
	return t != "" && (t[0] == '{' || t[0] == '[')
}

// separator picks the field separator of a table: a tab for .tsv, or when
// the header line holds more tabs than commas.
func separator(text, ext string) rune {
	if ext == ".tsv" {
		return '\t'
	}
	line, _, _ := strings.Cut(text, "\n")
	if strings.Count(line, "\t") > strings.Count(line, ",") {
		return '\t'
	}
	return ','
}

// table reads a CSV or TSV text whose first row (after Excel's "sep=,"
// line, if any) names the columns.
func table(text string, sep rune) (rows []map[string]string, order []string, rowNo []int, err error) {
	line := 1
	if first, rest, ok := strings.Cut(text, "\n"); ok && strings.HasPrefix(strings.ToLower(strings.TrimSpace(first)), "sep=") {
		text, line = rest, 2
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("no header row: %v", err)
	}
	var records [][]string
	for n := line + 1; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("row %d: %v", n, err)
		}
		records = append(records, rec)
		// a row's number is that of its first line as a spreadsheet
		// numbers rows: fields with line breaks take one row still
		rowNo = append(rowNo, n)
	}
	order, rows = tableRows(header, records)
	return rows, order, rowNo, nil
}

// headerRow returns which of a sheet's first rows names its columns: the
// first naming a part of an article (a report's title may sit above it,
// 舆情信息汇总（2024年3月）), else the first.
func headerRow(cells [][]string) int {
	for i := 0; i < len(cells)-1 && i < 10; i++ {
		for _, c := range cells[i] {
			k := headerKey(c)
			if k == "" || len(k) > 40 {
				continue
			}
			for _, r := range exportRoles {
				if slices.Contains(r.keys, k) {
					return i
				}
			}
		}
	}
	return 0
}

// tableRows names a table's columns from its header row (an empty name
// is "column N", a repeated one gets " (2)") and makes each record a row
// by those names.
func tableRows(header []string, records [][]string) (order []string, rows []map[string]string) {
	seen := map[string]int{}
	for _, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		if h == "" {
			h = "column " + strconv.Itoa(len(order)+1)
		}
		if seen[h]++; seen[h] > 1 {
			h += " (" + strconv.Itoa(seen[h]) + ")"
		}
		order = append(order, h)
	}
	for _, rec := range records {
		row := make(map[string]string, len(order))
		for i, v := range rec {
			if i < len(order) {
				row[order[i]] = v
			}
		}
		rows = append(rows, row)
	}
	return order, rows
}

// jsonLines reads JSON Lines: an object on each non-blank line.
func jsonLines(text string) (rows []map[string]string, order []string, rowNo []int, err error) {
	known := map[string]bool{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		var obj map[string]any
		if err := json.Unmarshal([]byte(line), &obj); err != nil {
			return nil, nil, nil, fmt.Errorf("line %d is no JSON object: %v", n+1, err)
		}
		rows = append(rows, flatObject(obj, known, &order))
		rowNo = append(rowNo, n+1)
	}
	return rows, order, rowNo, nil
}

// jsonList reads a JSON document whose longest list of objects holds the
// articles (the document itself, or a list inside it).
func jsonList(text string) (rows []map[string]string, order []string, rowNo []int, err error) {
	var doc any
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		return nil, nil, nil, fmt.Errorf("not JSON: %v", err)
	}
	var best []any
	most := 0
	eachJSON(doc, 1_000_000, func(v any) bool {
		if x, ok := v.([]any); ok {
			objects := 0
			for _, e := range x {
				if _, ok := e.(map[string]any); ok {
					objects++
				}
			}
			if objects > most {
				best, most = x, objects
			}
		}
		return false
	})
	known := map[string]bool{}
	for i, e := range best {
		if obj, ok := e.(map[string]any); ok {
			rows = append(rows, flatObject(obj, known, &order))
			rowNo = append(rowNo, i+1)
		}
	}
	if len(rows) == 0 {
		return nil, nil, nil, fmt.Errorf("no list of article objects")
	}
	return rows, order, rowNo, nil
}

// flatObject turns an object's strings and numbers into a row, noting new
// keys in order (numbers as JSON writes them: a Unix time stays digits).
func flatObject(obj map[string]any, known map[string]bool, order *[]string) map[string]string {
	row := make(map[string]string, len(obj))
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		var s string
		switch x := obj[k].(type) {
		case string:
			s = x
		case float64:
			s = strconv.FormatFloat(x, 'f', -1, 64)
		default:
			continue
		}
		row[k] = s
		if !known[k] {
			known[k] = true
			*order = append(*order, k)
		}
	}
	return row
}

// headerKey normalises a column name for matching: as jsonKey, without
// spaces, full-width brackets' contents kept (发布时间（北京时间）).
func headerKey(h string) string {
	h = jsonKey(h)
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u3000', '(', ')', '（', '）', ':', '：', '*':
			return -1
		}
		return r
	}, h)
}

// columnRoles finds the column of each part: a header named as a role's
// keys say, else one holding a role's word; the text is the column whose
// cells are longest when its name says nothing (or names a short column).
func columnRoles(order []string, rows []map[string]string) map[string]string {
	roles := map[string]string{}
	taken := map[string]bool{}
	keyOf := make(map[string]string, len(order))
	for _, c := range order {
		keyOf[c] = headerKey(c)
	}
	dateOK := func(c string) bool {
		for _, w := range notPublished {
			if strings.Contains(keyOf[c], w) {
				return false
			}
		}
		return true
	}
	// claim gives role the first column, not taken yet, whose name matches
	// one of words (tried in order)
	claim := func(role string, words []string, match func(key, word string) bool) {
		for _, w := range words {
			for _, c := range order {
				if !taken[c] && match(keyOf[c], w) && (role != RoleDate || dateOK(c)) {
					roles[role], taken[c] = c, true
					return
				}
			}
		}
	}
	// exact names first, for every role, then the words
	for _, r := range exportRoles {
		claim(r.role, r.keys, func(key, word string) bool { return key == word })
	}
	// a longer header may hold two roles' words (来源链接, 内容摘要): the
	// more specific role reads it first
	for _, role := range []string{RoleURL, RoleTitle, RoleDate, RoleAuthor, RoleSource, roleSummary, RoleBody} {
		if roles[role] == "" {
			r := exportRoles[slices.IndexFunc(exportRoles, func(r exportRole) bool { return r.role == role })]
			claim(role, r.contains, strings.Contains)
		}
	}
	// The text is long: a column named so whose cells are short (内容类型)
	// gives way to the longest column not taken otherwise.
	mean := func(c string) int {
		total := 0
		for _, r := range rows {
			total += hanzi.RuneCount(r[c])
		}
		return total / len(rows)
	}
	longest, most := "", 0
	for _, c := range order {
		if taken[c] && c != roles[RoleBody] && c != roles[roleSummary] {
			continue
		}
		if m := mean(c); m > most {
			longest, most = c, m
		}
	}
	if body := roles[RoleBody]; body == "" || mean(body) < 20 && longest != body && most >= 2*mean(body) {
		if most >= 30 && longest != roles[roleSummary] {
			roles[RoleBody] = longest
		} else if body != "" && mean(body) == 0 {
			delete(roles, RoleBody)
		}
	}
	for role, c := range roles {
		if c == "" {
			delete(roles, role)
		}
	}
	return roles
}

// exportDate normalises a date cell: any form ParseDate reads, YYYYMMDD,
// a Unix time, or an Excel serial day number (45356 is 2024-03-05); what
// none reads is kept as given, for Parse to try.
func exportDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if d := ParseDate(s); d != "" {
		return d
	}
	if d := compactDate(s); d != "" {
		return d
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f >= 32874 && f < 47484 { // 1990-01-01 to 2029-12-31 as Excel days
			t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(f))
			return t.Format("2006-01-02")
		}
		if d := unixDate(f); d != "" {
			return d
		}
	}
	return s
}

// quoteList lists names for a message: 标题, 正文 and 链接.
func quoteList(names []string) string {
	if len(names) == 0 {
		return "no columns"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// manyAdvice ends the skip reason of a file holding many articles (Parse
// marks its SkipError Export: the pipeline reads it with ReadExport).
const manyAdvice = ", not one article: an export of many ('bankbrief build' and 'extract' read each; 'bankbrief split FILE' writes each as a file)"

// manyArticles returns why text, a whole file that is no JSON document, is
// not one article but JSON Lines of several, or "". Read as one article,
// JSON Lines were a jumble of all its articles. (A JSON list of articles
// is told by readJSON, from the document it decoded.)
func manyArticles(text string) string {
	t := strings.TrimSpace(text)
	if t == "" || t[0] != '{' {
		return ""
	}
	rows, _, _, err := jsonLines(t)
	if err != nil {
		return ""
	}
	n := 0
	for _, r := range rows {
		if hanzi.RuneCount(jsonString(r, jsonContentKeys)) >= 20 {
			n++
		}
	}
	if n >= 2 {
		return fmt.Sprintf("JSON Lines of %d articles%s", n, manyAdvice)
	}
	return ""
}

// articleList returns how many article objects (a content key of 20
// characters or more) share the list that holds best, the document's
// longest article, or 0 when that article is in no list with others.
func articleList(doc any, best map[string]any) int {
	articles := 0
	eachJSON(doc, 100000, func(v any) bool {
		x, ok := v.([]any)
		if !ok {
			return false
		}
		holds, n := false, 0
		for _, e := range x {
			obj, ok := e.(map[string]any)
			if !ok {
				continue
			}
			if isSameObject(obj, best) {
				holds = true
			}
			if hanzi.RuneCount(jsonString(obj, jsonContentKeys)) >= 20 {
				n++
			}
		}
		if holds {
			articles = n
		}
		return holds
	})
	return articles
}

// isSameObject says whether two decoded JSON objects are the same map.
func isSameObject(a, b map[string]any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}
