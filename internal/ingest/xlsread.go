package ingest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
)

// An Excel 97–2003 workbook (.xls: BIFF8 records in an OLE compound file,
// as old platforms and Excel's "Excel 97-2003 workbook" save) is read here
// as far as an export needs, like an .xlsx (xlsxread.go): the text of each
// cell of one sheet — shared strings, inline labels, a formula's string
// result, numbers as Excel stores them (a date is its day number, which
// exportDate reads), booleans — by row and column. The compound file is
// opened with mscfb (already in the module for excelize); the records are
// read here. Excel 5.0/95 workbooks (BIFF5) are not read.

// BIFF8 record types read.
const (
	biffBOF        = 0x0809
	biffEOF        = 0x000A
	biffBoundSheet = 0x0085
	biffSST        = 0x00FC
	biffContinue   = 0x003C
	biffLabelSST   = 0x00FD
	biffLabel      = 0x0204
	biffRString    = 0x00D6
	biffNumber     = 0x0203
	biffRK         = 0x027E
	biffMulRK      = 0x00BD
	biffFormula    = 0x0006
	biffString     = 0x0207
	biffBoolErr    = 0x0205
	biffFilePass   = 0x002F // the workbook is encrypted
)

// The errors of a compound file not read; each says what the file is.
var (
	errBIFF5      = errors.New("an Excel 5.0/95 workbook, not read: open it in Excel, WPS or LibreOffice and save it as .xlsx or \"CSV UTF-8\"")
	errDamaged    = errors.New("not a readable Excel 97–2003 workbook: damaged or cut short")
	errNoWorkbook = errors.New("not an Excel workbook: the document holds no workbook stream (a Word or other Office file saved as .xls?)")
	errEncrypted  = errors.New("a workbook protected by a password, not read: open it and save it without a password, as .xlsx or \"CSV UTF-8\"")
)

// biffRecord is one record of a workbook stream: its type and its data,
// the data of the CONTINUE records after it in conts.
type biffRecord struct {
	typ   uint16
	data  []byte
	conts [][]byte
	pos   int // offset of the record in the stream
}

// xlsTable returns the first sheet of an Excel 97–2003 workbook holding a
// header row and at least one row under it: its rows' cells by column, and
// each row's number as Excel shows it.
func xlsTable(data []byte) (cells [][]string, rowNo []int, err error) {
	defer func() {
		if r := recover(); r != nil {
			cells, rowNo, err = nil, nil, fmt.Errorf("%w (%v)", errDamaged, r)
		}
	}()
	stream, err := xlsStream(data)
	if err != nil {
		return nil, nil, err
	}
	recs := biffRecords(stream)
	if len(recs) == 0 || recs[0].typ != biffBOF || len(recs[0].data) < 2 || binary.LittleEndian.Uint16(recs[0].data) != 0x0600 {
		return nil, nil, errBIFF5
	}
	sheets, shared, err := xlsGlobals(recs[1:])
	if err != nil {
		return nil, nil, err
	}
	byPos := map[int]int{} // record index by stream offset
	for i, r := range recs {
		byPos[r.pos] = i
	}
	for _, pos := range sheets {
		i, ok := byPos[pos]
		if !ok || recs[i].typ != biffBOF {
			continue
		}
		cells, rowNo, err = xlsSheet(recs[i+1:], shared)
		if err != nil {
			return nil, nil, err
		}
		if len(cells) >= 2 {
			return cells, rowNo, nil
		}
	}
	return nil, nil, fmt.Errorf("no sheet holds a header row and rows under it")
}

// xlsGlobals reads the workbook's globals, the records after its first BOF
// up to their EOF: where each worksheet begins in the stream, and the shared
// strings. An encrypted workbook is not read.
func xlsGlobals(recs []biffRecord) (sheets []int, shared []string, err error) {
	for _, r := range recs {
		switch r.typ {
		case biffEOF:
			return sheets, shared, nil
		case biffFilePass:
			return nil, nil, errEncrypted
		case biffBoundSheet:
			// lbPlyPos (4), hsState (1), dt (1: 0 a worksheet), name
			if len(r.data) >= 6 && r.data[5] == 0 {
				sheets = append(sheets, int(binary.LittleEndian.Uint32(r.data)))
			}
		case biffSST:
			shared = biffSST8(r)
		}
	}
	return sheets, shared, nil
}

// xlsStream returns the workbook stream of the compound file.
func xlsStream(data []byte) ([]byte, error) {
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, errDamaged
	}
	for f, err := doc.Next(); err == nil; f, err = doc.Next() {
		switch f.Name {
		case "Workbook", "WORKBOOK", "workbook":
			return io.ReadAll(io.LimitReader(f, MaxExportSize))
		case "Book":
			return nil, errBIFF5
		case "EncryptedPackage": // an .xlsx saved with a password
			return nil, errEncrypted
		}
	}
	return nil, errNoWorkbook
}

// biffRecords splits a workbook stream into its records, each CONTINUE
// attached to the record before it.
func biffRecords(s []byte) []biffRecord {
	var recs []biffRecord
	for p := 0; p+4 <= len(s); {
		typ := binary.LittleEndian.Uint16(s[p:])
		n := int(binary.LittleEndian.Uint16(s[p+2:]))
		if p+4+n > len(s) {
			break
		}
		data := s[p+4 : p+4+n]
		if typ == biffContinue && len(recs) > 0 {
			last := &recs[len(recs)-1]
			last.conts = append(last.conts, data)
		} else {
			recs = append(recs, biffRecord{typ: typ, data: data, pos: p})
		}
		p += 4 + n
	}
	return recs
}

// biffReader reads a record's data and its CONTINUE records as one, the
// way strings that run over a record's end are read: at the start of a
// continuation, the characters left of a string are preceded by a byte
// that says whether they are one or two bytes each.
type biffReader struct {
	parts [][]byte
	part  int
	off   int
}

// reader reads from first, the part of the record's data to read, on
// into its CONTINUE records.
func (rec biffRecord) reader(first []byte) *biffReader {
	return &biffReader{parts: append([][]byte{first}, rec.conts...)}
}

func (r *biffReader) left() int { return len(r.parts[r.part]) - r.off }

// next moves to the next part when this one is done; false at the end.
func (r *biffReader) next() bool {
	for r.left() == 0 {
		if r.part+1 >= len(r.parts) {
			return false
		}
		r.part, r.off = r.part+1, 0
	}
	return true
}

func (r *biffReader) bytes(n int) []byte {
	var out []byte
	for n > 0 {
		if !r.next() {
			panic("record too short")
		}
		k := min(n, r.left())
		out = append(out, r.parts[r.part][r.off:r.off+k]...)
		r.off += k
		n -= k
	}
	return out
}

func (r *biffReader) u8() byte    { return r.bytes(1)[0] }
func (r *biffReader) u16() int    { return int(binary.LittleEndian.Uint16(r.bytes(2))) }
func (r *biffReader) u32() uint32 { return binary.LittleEndian.Uint32(r.bytes(4)) }

// chars reads n characters, one or two bytes each as high says; a string
// that runs into the next part goes on with that part's own flag byte.
func (r *biffReader) chars(n int, high bool) string {
	var u []uint16
	for n > 0 {
		if r.left() == 0 {
			// the characters go on in the next part, which begins with
			// their flag byte
			if r.part+1 >= len(r.parts) {
				panic("string runs past its record")
			}
			r.part, r.off = r.part+1, 0
			high = r.u8()&1 != 0
			continue
		}
		size := 1
		if high {
			size = 2
		}
		k := min(n, r.left()/size)
		if k == 0 {
			panic("string split inside a character")
		}
		b := r.parts[r.part][r.off : r.off+k*size]
		for i := 0; i < k; i++ {
			if high {
				u = append(u, binary.LittleEndian.Uint16(b[2*i:]))
			} else {
				u = append(u, uint16(b[i]))
			}
		}
		r.off += k * size
		n -= k
	}
	return string(utf16.Decode(u))
}

// xlString reads an XLUnicodeString with a 16-bit count, or an
// XLUnicodeRichExtendedString (rich: its runs and phonetic data skipped).
func (r *biffReader) xlString() string {
	n := r.u16()
	flags := r.u8()
	runs, ext := 0, uint32(0)
	if flags&0x08 != 0 {
		runs = r.u16()
	}
	if flags&0x04 != 0 {
		ext = r.u32()
	}
	s := r.chars(n, flags&1 != 0)
	r.skip(4*runs + int(ext))
	return s
}

func (r *biffReader) skip(n int) {
	for n > 0 {
		if !r.next() {
			return
		}
		k := min(n, r.left())
		r.off += k
		n -= k
	}
}

// biffSST8 reads the shared strings table.
func biffSST8(rec biffRecord) (shared []string) {
	r := rec.reader(rec.data)
	r.u32() // total references
	n := int(r.u32())
	for i := 0; i < n && r.next(); i++ {
		shared = append(shared, r.xlString())
	}
	return shared
}

// xlsSheet reads a worksheet's cells as text, by row, each at its column,
// from the records after its BOF up to its EOF, with the rows' numbers.
func xlsSheet(recs []biffRecord, shared []string) (rows [][]string, rowNo []int, err error) {
	cells := map[int]map[int]string{}
	count := 0
	set := func(row, col int, text string) {
		if text == "" || col >= 16384 {
			return
		}
		if count++; count > maxSheetCells {
			return
		}
		if cells[row] == nil {
			cells[row] = map[int]string{}
		}
		cells[row][col] = text
	}
	u16 := func(b []byte, i int) int { return int(binary.LittleEndian.Uint16(b[i:])) }
	for i := 0; i < len(recs); i++ {
		rec := recs[i]
		d := rec.data
		if rec.typ == biffEOF {
			break
		}
		if count > maxSheetCells {
			break // said below
		}
		if len(d) < 6 {
			continue
		}
		row, col := u16(d, 0), u16(d, 2)
		switch rec.typ {
		case biffLabelSST:
			if len(d) >= 10 {
				if k := int(binary.LittleEndian.Uint32(d[6:])); k < len(shared) {
					set(row, col, shared[k])
				}
			}
		case biffLabel, biffRString:
			r := rec.reader(d[6:])
			set(row, col, r.xlString())
		case biffNumber:
			if len(d) >= 14 {
				set(row, col, biffNumberText(math.Float64frombits(binary.LittleEndian.Uint64(d[6:]))))
			}
		case biffRK:
			if len(d) >= 10 {
				set(row, col, biffNumberText(rkValue(binary.LittleEndian.Uint32(d[6:]))))
			}
		case biffMulRK:
			// row, first column, then (ixfe, rk) for each column, last column
			for c, p := col, 4; p+6 <= len(d)-2; c, p = c+1, p+6 {
				set(row, c, biffNumberText(rkValue(binary.LittleEndian.Uint32(d[p+2:]))))
			}
		case biffBoolErr:
			if len(d) >= 8 && d[7] == 0 {
				set(row, col, boolText(d[6] != 0))
			}
		case biffFormula:
			if len(d) < 14 {
				continue
			}
			res := d[6:14]
			if binary.LittleEndian.Uint16(res[6:]) != 0xFFFF {
				set(row, col, biffNumberText(math.Float64frombits(binary.LittleEndian.Uint64(res))))
				continue
			}
			switch res[0] {
			case 0: // a string: in the STRING record that follows
				if i+1 < len(recs) && recs[i+1].typ == biffString {
					i++
					r := recs[i].reader(recs[i].data)
					set(row, col, r.xlString())
				}
			case 1:
				set(row, col, boolText(res[2] != 0))
			}
		}
	}
	if count > maxSheetCells {
		return nil, nil, fmt.Errorf("more than %d cells", maxSheetCells)
	}
	order := make([]int, 0, len(cells))
	for r := range cells {
		order = append(order, r)
	}
	sort.Ints(order)
	for _, r := range order {
		width := 0
		for c := range cells[r] {
			width = max(width, c+1)
		}
		line := make([]string, width)
		for c, text := range cells[r] {
			line[c] = text
		}
		rows = append(rows, line)
		rowNo = append(rowNo, r+1)
	}
	return rows, rowNo, nil
}

// boolText is a boolean cell's text, as Excel shows it.
func boolText(v bool) string {
	if v {
		return "TRUE"
	}
	return "FALSE"
}

// rkValue decodes an RK number: a 30-bit integer or the high bits of a
// float64, divided by 100 when its lowest bit says so.
func rkValue(rk uint32) float64 {
	var v float64
	if rk&2 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&0xFFFFFFFC) << 32)
	}
	if rk&1 != 0 {
		v /= 100
	}
	return v
}

// biffNumberText writes a number as an .xlsx stores it in its text:
// 45360, 3.5.
func biffNumberText(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
