package ingest

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// A small workbook saved by LibreOffice 7.4 from a CSV, as "Excel
// 97–2003" (.xls: shared strings, a date as its day number, numbers stored
// as RK values, a formula's stored result, booleans) and again, from that
// .xls, as an OpenDocument spreadsheet (.ods: dates and numbers as stored,
// office:date-value and office:value; the string formula recomputed;
// columns repeated to the sheet's end).
func TestSmallWorkbooks(t *testing.T) {
	body1, body2 := "中国工商银行北京分行今年以来累计发放普惠小微贷款27亿元，服务小微企业1500余户。", "农业银行开展反诈宣传近50场。"
	header := []string{"标题", "发布时间", "正文", "分数", "公式", "布尔", "整数"}
	for _, c := range []struct {
		file   string
		table  func([]byte) ([][]string, []int, error)
		format string
		want   [][]string
	}{
		// ="工行"&"普惠": LibreOffice stored 0 as the formula's result
		{"small.xls", xlsTable, "xls", [][]string{header,
			{"甲", "45356", body1, "3.25", "0", "TRUE", "12"},
			{"乙", "45360", body2, "0.5", "3", "FALSE", "-7"}}},
		// a date cell gives its date; the day number typed in the CSV stayed
		// a number; LibreOffice stored the booleans as numbers
		{"small.ods", odsTable, "ods", [][]string{header,
			{"甲", "2024-03-05", body1, "3.25", "工行普惠", "1", "12"},
			{"乙", "45360", body2, "0.5", "3", "0", "-7"}}},
	} {
		data, err := os.ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		cells, rowNo, err := c.table(data)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if len(cells) != len(c.want) || !slices.Equal(rowNo, []int{1, 2, 3}) {
			t.Fatalf("%s: cells %q rows %v, want %q rows 1–3", c.file, cells, rowNo, c.want)
		}
		for i := range c.want {
			if !slices.Equal(cells[i], c.want[i]) {
				t.Errorf("%s row %d: %q, want %q", c.file, i+1, cells[i], c.want[i])
			}
		}
		ex, err := ReadExport(c.file, data)
		if err != nil || ex.Format != c.format || len(ex.Records) != 2 || ex.Records[0].Date != "2024-03-05" || ex.Records[1].Date != "2024-03-09" {
			t.Errorf("ReadExport(%s): %+v, %v; want 2 records dated 2024-03-05 and 2024-03-09", c.file, ex, err)
		}
	}
}

// biffRec encodes a record.
func biffRec(typ uint16, data []byte) biffRecord { return biffRecord{typ: typ, data: data} }

func le16(v int) []byte    { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func cat(parts ...[]byte) []byte { return slices.Concat(parts...) }

// cell is the row, column and format index every cell record begins with.
func cell(row, col int) []byte { return cat(le16(row), le16(col), le16(15)) }

// The cell records LibreOffice does not write in the workbook above:
// inline labels (one and two bytes a character), a formula's string
// result in the STRING record after it, several RK numbers in one MULRK
// record, a NUMBER, and a shared string whose characters run into a
// CONTINUE record and change from one byte to two there.
func TestXLSRecords(t *testing.T) {
	u16 := func(s string) []byte {
		var b []byte
		for _, c := range utf16.Encode([]rune(s)) {
			b = binary.LittleEndian.AppendUint16(b, c)
		}
		return b
	}
	// shared string 0: "ab" + "正文", split across a CONTINUE whose flag
	// byte says two bytes a character; shared string 1: rich text, two runs
	sst := biffRecord{typ: biffSST,
		data: cat(le32(2), le32(2), le16(4), []byte{0}, []byte("ab")),
		conts: [][]byte{cat([]byte{1}, u16("正文"),
			le16(2), []byte{0x09}, le16(2), u16("标题"), make([]byte, 8))}}
	shared := biffSST8(sst)
	if !slices.Equal(shared, []string{"ab正文", "标题"}) {
		t.Fatalf("shared strings %q", shared)
	}
	rk := func(v int) []byte { return le32(uint32(v)<<2 | 2) }
	recs := []biffRecord{
		biffRec(biffLabelSST, cat(cell(0, 0), le32(1))),
		biffRec(biffLabelSST, cat(cell(0, 1), le32(0))),
		biffRec(biffLabel, cat(cell(1, 0), le16(3), []byte{0}, []byte("xyz"))),
		biffRec(biffLabel, cat(cell(1, 1), le16(2), []byte{1}, u16("工行"))),
		biffRec(biffFormula, cat(cell(2, 0), []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, make([]byte, 6))),
		biffRec(biffString, cat(le16(4), []byte{1}, u16("普惠金融"))),
		biffRec(biffMulRK, cat(le16(3), le16(0), le16(15), rk(45360), le16(15), rk(-7), le16(1))),
		biffRec(biffNumber, cat(cell(4, 2), binary.LittleEndian.AppendUint64(nil, math.Float64bits(27.5)))),
		biffRec(biffRK, cat(cell(4, 0), le32(uint32(325)<<2|3))), // 3.25: an integer over 100
		biffRec(biffEOF, nil),
		biffRec(biffLabel, cat(cell(9, 0), le16(1), []byte{0}, []byte("!"))), // after the sheet's end
	}
	// the globals: a chart sheet (dt 2) is no worksheet; a FILEPASS record
	// says the workbook is encrypted
	globals := []biffRecord{biffRec(biffBoundSheet, cat(le32(1000), []byte{0, 2}, le16(1))), biffRec(biffBoundSheet, cat(le32(2000), []byte{0, 0}, le16(1))),
		sst, biffRec(biffEOF, nil), biffRec(biffBoundSheet, cat(le32(3000), []byte{0, 0}, le16(1)))}
	if sheets, sh, err := xlsGlobals(globals); err != nil || !slices.Equal(sheets, []int{2000}) || len(sh) != 2 {
		t.Errorf("globals: sheets at %v, %d shared strings, %v; want the worksheet at 2000 and 2", sheets, len(sh), err)
	}
	if _, _, err := xlsGlobals(append([]biffRecord{biffRec(biffFilePass, le16(1))}, globals...)); err != errEncrypted {
		t.Errorf("encrypted globals: %v, want %v", err, errEncrypted)
	}
	rows, rowNo, err := xlsSheet(recs, shared)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"标题", "ab正文"}, {"xyz", "工行"}, {"普惠金融"}, {"45360", "-7"}, {"3.25", "", "27.5"}}
	if !slices.Equal(rowNo, []int{1, 2, 3, 4, 5}) || len(rows) != len(want) {
		t.Fatalf("rows %q numbered %v, want %q", rows, rowNo, want)
	}
	for i := range want {
		if !slices.Equal(rows[i], want[i]) {
			t.Errorf("row %d: %q, want %q", i+1, rows[i], want[i])
		}
	}
}

// What LibreOffice's file above lacks: a first sheet with a single row
// (skipped), rows repeated (empty ones only counted), a cell repeated, a
// merged cell's covered neighbour, a boolean, paragraphs (the file
// indented between them), spaces, line breaks and a comment in a cell.
func TestODSContent(t *testing.T) {
	content := `<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>` +
		`<table:table table:name="说明"><table:table-row><table:table-cell office:value-type="string"><text:p>导出说明</text:p></table:table-cell></table:table-row></table:table>` +
		`<table:table table:name="数据">` +
		`<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>` +
		`<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>标题</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>正文</text:p></table:table-cell><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>真</text:p></table:table-cell></table:table-row>` +
		`<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"><text:p>同</text:p></table:table-cell>` +
		`<table:table-cell><office:annotation><text:p>批注</text:p></office:annotation>
      <text:p>第一段<text:s text:c="2"/>空格</text:p>
      <text:p>第二段<text:line-break/>换行</text:p>
    </table:table-cell></table:table-row>` +
		`<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>` +
		`</table:table></office:spreadsheet></office:body></office:document-content>`
	cells, rowNo, err := odsSheets(strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	text := "第一段  空格\n第二段\n换行"
	want := [][]string{{"标题", "", "正文", "TRUE"}, {"同", "同", text}, {"同", "同", text}}
	if !slices.Equal(rowNo, []int{3, 4, 5}) || len(cells) != 3 {
		t.Fatalf("cells %q rows %v, want %q rows 3–5", cells, rowNo, want)
	}
	for i := range want {
		if !slices.Equal(cells[i], want[i]) {
			t.Errorf("row %d: %q, want %q", rowNo[i], cells[i], want[i])
		}
	}
}
