package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/xuri/excelize/v2"
)

// setRowRef returns the <row> element excelize's StreamWriter.SetRow
// writes for SetRow("A"+row, vals): one row written with a StreamWriter,
// flushed and saved, and cut out of the sheet's part.
func setRowRef(t testing.TB, row int, vals []any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A"+strconv.Itoa(row), vals); err != nil {
		t.Fatalf("SetRow: %v", err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	part := zipPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
	i, j := bytes.Index(part, []byte("<sheetData>")), bytes.Index(part, sheetDataEnd)
	if i < 0 || j < i {
		t.Fatalf("no sheetData in %q", part)
	}
	return part[i+len("<sheetData>") : j]
}

// zipPart reads one part of a zip.
func zipPart(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkRow compares appendRow's bytes with SetRow's.
func checkRow(t testing.TB, row int, vals []any) {
	t.Helper()
	want := setRowRef(t, row, vals)
	got, err := appendRow([]byte("x"), row, vals)
	if err != nil {
		t.Fatalf("appendRow: %v", err)
	}
	if !bytes.Equal(got[1:], want) {
		t.Errorf("row %d %#v:\n got %q\nwant %q", row, vals, got[1:], want)
	}
}

var oddFloats = []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.30000000000000004, 1e15, 1e16 + 2, 123456789012345678, 99999999999999999,
	1.2345678901234567, 12345.678901234567, 1e-7, 1.5e-300, -3.5e20, 1e300, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64,
	math.NaN(), math.Inf(1), math.Inf(-1), 2.5e4, 0.0002}

// TestRowEncoderMatchesSetRow: appendRow writes the bytes SetRow writes for
// rows of odd texts, with and without a formula and a style, numbers of
// every kind, times, booleans and empty cells, in columns past Z.
func TestRowEncoderMatchesSetRow(t *testing.T) {
	day := time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)
	times := []time.Time{day, time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1900, 2, 28, 23, 0, 0, 0, time.UTC), time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2300, 5, 6, 7, 8, 9, 10, time.UTC), day.In(time.FixedZone("CST", 8*3600)), time.Date(2024, 1, 2, 3, 4, 5, 6, time.FixedZone("W", -5*3600))}
	for i, s := range oddTexts {
		formula := `HYPERLINK("https://x.cn/` + s + `","` + s + `")`
		vals := []any{s, excelize.Cell{StyleID: 3, Value: s}, &excelize.Cell{StyleID: 4, Value: s, Formula: formula}, nil,
			excelize.Cell{Value: s, Formula: "A1"}, excelize.Cell{StyleID: -2, Value: s}, excelize.Cell{Formula: formula}, excelize.Cell{StyleID: 5}}
		checkRow(t, 2+i, vals)
		checkRow(t, 1048576-i, append(make([]any, 26*27+i), s, excelize.Cell{StyleID: 2, Value: ""}))
	}
	for i, x := range oddFloats {
		checkRow(t, 1+i, []any{x, excelize.Cell{StyleID: 7, Value: x}, excelize.Cell{StyleID: 7, Value: x, Formula: "B1*2"}, float64(int64(x*1000)) / 7})
	}
	checkRow(t, 9, []any{0, -1, math.MaxInt, math.MinInt, int8(-8), int16(1600), int32(-32), int64(64), uint(1), uint8(255), uint16(65535), uint32(1 << 31), uint64(math.MaxUint64),
		true, false, excelize.Cell{StyleID: 2, Value: 12}, excelize.Cell{Value: 3, Formula: "A1"}, excelize.Cell{Value: true, Formula: "TRUE()"}})
	for i, tm := range times {
		checkRow(t, 10+i, []any{excelize.Cell{StyleID: 9, Value: tm}, excelize.Cell{StyleID: 9, Value: tm, Formula: "TODAY()"}})
	}
	checkRow(t, 20, nil)
	checkRow(t, 21, []any{nil, nil})
}

// TestRowEncoderRefuses: the kinds SetRow writes otherwise than as a value
// of its own (a time without a style adds one to the workbook; a time
// before 1900 is written as text) and kinds the tables never give are
// errors, not other bytes.
func TestRowEncoderRefuses(t *testing.T) {
	day := time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)
	for _, v := range []any{day, excelize.Cell{Value: day}, excelize.Cell{StyleID: 3, Value: time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)},
		float32(1), []byte("x"), time.Second, struct{}{}, (*excelize.Cell)(nil), []excelize.RichTextRun{{Text: "x"}}} {
		if _, err := appendRow(nil, 2, []any{"a", v}); err == nil {
			t.Errorf("%#v: no error", v)
		}
	}
	if _, err := appendRow(nil, excelize.TotalRows+1, []any{"a"}); err == nil {
		t.Error("row past the last: no error")
	}
}

// FuzzRowEncoder compares appendRow with SetRow on rows made of the fuzzed
// texts, numbers and styles.
func FuzzRowEncoder(f *testing.F) {
	f.Add("a", "银行", `HYPERLINK("https://x.cn","x")`, 1.5, int64(45000), uint16(3), uint32(2), uint8(0))
	f.Add(" _x0041_\n", "\xff\x00<&>\"'\r\t", "", math.Inf(1), int64(-1), uint16(0), uint32(1048576), uint8(255))
	f.Fuzz(func(t *testing.T, a, b, formula string, x float64, n int64, style uint16, row uint32, flags uint8) {
		st := int(style)
		zone := time.UTC
		if flags&2 != 0 {
			zone = time.FixedZone("z", int(n%50400))
		}
		const span = 500 * 365 * 24 * 3600 // seconds from 1900: past the 290 years of timeToExcelTime's steps
		tm := time.Date(1900, 1, 1, 0, 0, 0, 0, zone).Add(time.Duration(uint64(n)%span) * time.Second)
		vals := append(make([]any, int(flags>>2)%40),
			a, excelize.Cell{StyleID: st, Value: b}, excelize.Cell{StyleID: st, Value: a, Formula: formula}, x,
			&excelize.Cell{StyleID: st, Value: x, Formula: formula}, nil, n, int(n), int32(n), uint64(n), uint8(n),
			excelize.Cell{Formula: formula}, flags&1 == 1, excelize.Cell{StyleID: -st, Value: b}, excelize.Cell{StyleID: st + 1, Value: b, Formula: formula})
		if _, ok := excelTime(tm); ok {
			vals = append(vals, excelize.Cell{StyleID: st + 1, Value: tm}, excelize.Cell{StyleID: st + 2, Value: tm, Formula: formula})
		}
		checkRow(t, 1+int(row%excelize.TotalRows), vals)
		checkClean(t, a, formula)
		checkClean(t, b, "")
	})
}

// checkClean compares appendCleanStringCell, which cleans and escapes in
// one pass, with appendStringCell of the cleaned text.
func checkClean(t testing.TB, s, formula string) {
	t.Helper()
	got := appendCleanStringCell([]byte("x"), "AB", 7, 3, formula, s)
	want := appendStringCell([]byte("x"), "AB", 7, 3, formula, clean(s))
	if !bytes.Equal(got, want) {
		t.Errorf("%q, formula %q: cleaned and escaped in one pass %q, want %q", s, formula, got, want)
	}
}

// TestCleanStringCell: appendCleanStringCell is appendStringCell of the
// cleaned text.
func TestCleanStringCell(t *testing.T) {
	cases := append(append([]string(nil), oddTexts...), cleanCases...)
	for b := 0; b < 256; b++ {
		cases = append(cases, "ab"+string([]byte{byte(b)})+"银行", "_x0041_"+string([]byte{byte(b)}), "\xef\xbf"+string([]byte{byte(b)}), "\xed"+string([]byte{byte(b)})+"\x80")
	}
	for _, s := range cases {
		checkClean(t, s, "")
		checkClean(t, s, `HYPERLINK("https://x.cn","x")`)
	}
}

// worksheetParts maps the sheets of a saved workbook to their parts, read
// from its workbook part and relationships.
func worksheetParts(t *testing.T, data []byte) map[string]string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:",attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(zipPart(t, data, "xl/workbook.xml"), &wb); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(zipPart(t, data, "xl/_rels/workbook.xml.rels"), &rels); err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, s := range wb.Sheets {
		for _, r := range rels.Rel {
			if r.ID == s.ID {
				parts[s.Name] = path.Join("xl", r.Target)
			}
		}
	}
	return parts
}

var rowNumRe = []byte(`<row r="`)

// TestEveryRowOnce: each table sheet of a workbook has its header row and
// every data row once, numbered 1 to n+1 in order, in its one sheetData.
// It fails if the rows are not put into a table's part, or put in twice.
func TestEveryRowOnce(t *testing.T) {
	r := synthetic(3*encodeBatch, 3, 40)
	for i := range 2*encodeBatch + 1 {
		r.Warnings = append(r.Warnings, model.ArticleWarning{ID: r.Articles[i].ID, Warning: "warning " + strconv.Itoa(i)})
	}
	data := render(t, r)
	parts := worksheetParts(t, data)
	names := SheetNames(r.Lang)
	f := open(t, data)
	want := map[string]int{
		names[shMetricDetail]:  len(r.Metrics) + 1,
		names[shArticles]:      len(r.Articles) + 1,
		names[shMetricSummary]: len(r.Sums) + 1,
		names[shQuality]:       len(sheetRows(t, f, names[shQuality])),
		names[shBankTheme]:     len(sheetRows(t, f, names[shBankTheme])),
	}
	if want[names[shQuality]] < 2 || want[names[shBankTheme]] < 2 {
		t.Fatalf("the report has too few problems or banks to test: %v", want)
	}
	for sheet, n := range want {
		part := zipPart(t, data, parts[sheet])
		if c := bytes.Count(part, []byte("<sheetData>")); c != 1 || bytes.Count(part, sheetDataEnd) != 1 {
			t.Errorf("%s: %d sheetData", sheet, c)
		}
		rows := 0
		for rest := part; ; rows++ {
			i := bytes.Index(rest, rowNumRe)
			if i < 0 {
				break
			}
			rest = rest[i+len(rowNumRe):]
			num, _, _ := bytes.Cut(rest, []byte(`"`))
			if string(num) != strconv.Itoa(rows+1) {
				t.Fatalf("%s: row %s where row %d should be", sheet, num, rows+1)
			}
		}
		if rows != n {
			t.Errorf("%s: %d rows, want %d", sheet, rows, n)
		}
	}
}

// TestSpliceErrors: a table's part without its </sheetData>, or with two,
// a part written twice and a table's part excelize does not write are
// errors, not a workbook without the rows or with them twice.
func TestSpliceErrors(t *testing.T) {
	tb := &table{sheet: "s", part: "xl/worksheets/sheet1.xml", n: 1, cols: []column{{}}, colNames: []string{"A"},
		row: func(int) []any { return []any{"x"} }}
	var out bytes.Buffer
	for _, part := range []string{"<worksheet><sheetData></worksheet>", "<sheetData></sheetData></sheetData>"} {
		if err := splice(&out, []byte(part), tb); err == nil {
			t.Errorf("%q: no error", part)
		}
	}
	out.Reset()
	if err := splice(&out, []byte("<a><sheetData><row/></sheetData><b/></a>"), tb); err != nil || out.String() != `<a><sheetData><row/><row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row></sheetData><b/></a>` {
		t.Errorf("spliced %q, %v", out.String(), err)
	}

	z := &sortedZip{out: io.Discard, tmpDir: t.TempDir(), tables: map[string]*table{tb.part: tb}}
	defer z.cleanup()
	for i := 0; i < 2; i++ {
		w, err := z.Create(tb.part)
		if i == 1 {
			if err == nil {
				t.Error("a table's part written twice: no error")
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "<sheetData></sheetData>")
	}

	b, err := newBook(fixture(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer b.f.Close()
	err = writeSorted(b.f, io.Discard, t.TempDir(), map[string]*table{"xl/worksheets/nothing.xml": tb})
	if err == nil || !strings.Contains(err.Error(), "were not written") {
		t.Errorf("a table whose part is not written: %v", err)
	}
}

// TestSheetPart: the parts of the sheets are those excelize writes them to.
func TestSheetPart(t *testing.T) {
	r := fixture()
	b, err := newBook(r, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer b.f.Close()
	var buf bytes.Buffer
	if err := writeSorted(b.f, &buf, t.TempDir(), nil); err != nil {
		t.Fatal(err)
	}
	parts := worksheetParts(t, buf.Bytes())
	for _, name := range SheetNames(r.Lang) {
		got, err := sheetPart(b.f, name)
		if err != nil || got != parts[name] || parts[name] == "" {
			t.Errorf("%s: part %q, %v; the workbook says %q", name, got, err, parts[name])
		}
	}
	if _, err := sheetPart(b.f, "no such sheet"); err == nil {
		t.Error("no error for a sheet that is not there")
	}
}
