package ingest

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf16"
)

// A small workbook saved by LibreOffice 7.4 as "Excel 97–2003" from a
// CSV: shared strings, a date as its day number, numbers stored as RK
// values, a formula's numeric result, booleans.
func TestXLSLibreOffice(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "small.xls"))
	if err != nil {
		t.Fatal(err)
	}
	cells, rowNo, err := xlsTable(data)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"标题", "发布时间", "正文", "分数", "公式", "布尔", "整数"},
		// ="工行"&"普惠": LibreOffice stored 0 as the formula's result
		{"甲", "45356", "中国工商银行北京分行今年以来累计发放普惠小微贷款27亿元，服务小微企业1500余户。", "3.25", "0", "TRUE", "12"},
		{"乙", "45360", "农业银行开展反诈宣传近50场。", "0.5", "3", "FALSE", "-7"},
	}
	if len(cells) != len(want) || !slices.Equal(rowNo, []int{1, 2, 3}) {
		t.Fatalf("cells %q rows %v, want %q rows 1–3", cells, rowNo, want)
	}
	for i := range want {
		if !slices.Equal(cells[i], want[i]) {
			t.Errorf("row %d: %q, want %q", i+1, cells[i], want[i])
		}
	}
	ex, err := ReadExport("small.xls", data)
	if err != nil || len(ex.Records) != 2 || ex.Records[0].Date != "2024-03-05" || ex.Records[1].Date != "2024-03-09" || ex.Format != "xls" {
		t.Errorf("ReadExport: %+v, %v; want 2 records dated 2024-03-05 and 2024-03-09", ex, err)
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
