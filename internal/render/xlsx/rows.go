package xlsx

import (
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The table sheets' data rows are not written by excelize: a table's
// StreamWriter gets the header row only, and the rows are encoded here,
// on every core, when the workbook is saved, and put into the sheet's part
// before its </sheetData> (see sortedZip). The bytes are exactly those
// excelize v2.11.1's StreamWriter.SetRow writes for the same values
// (stream.go SetRow, setCellValFunc and writeCell; cell.go trimCellValue,
// setInlineStr, setStr and setCellFloat; lib.go bstrMarshal), which
// TestRowEncoderMatchesSetRow and FuzzRowEncoder check against SetRow
// itself: review them when updating excelize.
//
// A table sheet has no row or column styles (prepareCellStyle gives 0),
// the workbook uses the 1900 date system, and a time value always comes
// with a style: SetRow would otherwise add a style to the workbook. The
// value kinds are those of the tables: nil, strings, float64, the integer
// kinds, bool and time.Time, alone or in an excelize.Cell (or *Cell) with
// a style and a formula; any other kind is an error.

// errRowValue reports a value kind the encoder does not write.
var errRowValue = errors.New("a cell value of a kind the row encoder does not write")

// appendRow appends the <row> element that StreamWriter.SetRow writes for
// SetRow("A"+row, vals) with no RowOpts, on a table sheet.
func appendRow(dst []byte, row int, vals []any) ([]byte, error) {
	if row < 1 || row > excelize.TotalRows {
		return dst, fmt.Errorf("row %d: %w", row, excelize.ErrMaxRows)
	}
	if len(vals) > excelize.MaxColumns {
		return dst, excelize.ErrColumnNumber
	}
	dst = appendRowStart(dst, row)
	var err error
	for i, v := range vals {
		style, formula := 0, ""
		switch c := v.(type) {
		case nil:
			continue
		case excelize.Cell:
			style, formula, v = c.StyleID, c.Formula, c.Value
		case *excelize.Cell:
			if c != nil {
				style, formula, v = c.StyleID, c.Formula, c.Value
			}
		}
		if s, ok := v.(string); ok {
			dst = appendStringCell(dst, colName(i+1), row, style, formula, s)
			continue
		}
		if dst, err = appendCell(dst, colName(i+1), row, style, formula, v); err != nil {
			return dst, err
		}
	}
	return append(dst, "</row>"...), nil
}

func appendRowStart(dst []byte, row int) []byte {
	dst = append(dst, `<row r="`...)
	dst = strconv.AppendInt(dst, int64(row), 10)
	return append(dst, `">`...)
}

// colName is the name of column col, 1 to excelize.MaxColumns.
func colName(col int) string {
	if col <= len(colNames) {
		return colNames[col-1]
	}
	n, _ := excelize.ColumnNumberToName(col)
	return n
}

// colNames are the names of the first columns, A to ZZ.
var colNames = func() []string {
	names := make([]string, 26*27)
	for i := range names {
		names[i], _ = excelize.ColumnNumberToName(i + 1)
	}
	return names
}()

// appendCellStart appends <c, its xml:space, r, s and t attributes and >.
func appendCellStart(dst []byte, col string, row, style int, typ string, space bool) []byte {
	dst = append(dst, "<c"...)
	if space {
		dst = append(dst, ` xml:space="preserve"`...)
	}
	dst = append(dst, ` r="`...)
	dst = append(dst, col...)
	dst = strconv.AppendInt(dst, int64(row), 10)
	dst = append(dst, '"')
	if style > 0 {
		dst = append(dst, ` s="`...)
		dst = strconv.AppendInt(dst, int64(style), 10)
		dst = append(dst, '"')
	}
	if typ != "" {
		dst = append(dst, ` t="`...)
		dst = append(dst, typ...)
		dst = append(dst, '"')
	}
	return append(dst, '>')
}

// appendFormula appends the <f> element of a cell, if it has a formula.
func appendFormula(dst []byte, formula string) []byte {
	if formula == "" {
		return dst
	}
	dst = append(dst, "<f>"...)
	dst, _ = appendEscaped(dst, formula, true, false)
	return append(dst, "</f>"...)
}

// appendStringCell appends the cell of a string value: an inline string,
// or with a formula the formula and its cached value (t="str").
func appendStringCell(dst []byte, col string, row, style int, formula, s string) []byte {
	dst, _ = appendText(dst, col, row, style, formula, s, false)
	return dst
}

// appendCleanStringCell is appendStringCell of clean(s), in one pass over
// s when clean leaves it as it is.
func appendCleanStringCell(dst []byte, col string, row, style int, formula, s string) []byte {
	if out, ok := appendText(dst, col, row, style, formula, s, true); ok {
		return out
	}
	return appendStringCell(dst, col, row, style, formula, clean(s))
}

// appendText is appendStringCell; with strict, it appends nothing and
// returns false if s is not as clean makes it.
func appendText(dst []byte, col string, row, style int, formula, s string, strict bool) ([]byte, bool) {
	if strict && len(s) > maxCellRunes {
		return dst, false
	}
	start := len(dst)
	s = truncateCell(s)
	space := preserveSpace(s)
	ok := true
	if formula != "" {
		// setStr: the value, as bstrMarshal makes it, escaped by writeCell;
		// xml:space goes on the cell.
		dst = appendCellStart(dst, col, row, style, "str", space)
		dst = appendFormula(dst, formula)
		if s != "" {
			if strings.Contains(s, "_x") {
				if strict && !isClean(s) {
					return dst[:start], false
				}
				s, strict = bstrMarshal(s), false
			}
			dst = append(dst, "<v>"...)
			if dst, ok = appendEscaped(dst, s, true, strict); !ok {
				return dst[:start], false
			}
			dst = append(dst, "</v>"...)
		}
		return append(dst, "</c>"...), true
	}
	// setInlineStr: escaped but for newlines, then bstrMarshal, written as is.
	dst = appendCellStart(dst, col, row, style, "inlineStr", false)
	if space {
		dst = append(dst, `<is><t xml:space="preserve">`...)
	} else {
		dst = append(dst, "<is><t>"...)
	}
	if strings.Contains(s, "_x") {
		// Escaping neither makes nor breaks "_x", so only then is bstrMarshal
		// more than a copy.
		var esc []byte
		if esc, ok = appendEscaped(nil, s, false, strict); !ok {
			return dst[:start], false
		}
		dst = append(dst, bstrMarshal(string(esc))...)
	} else if dst, ok = appendEscaped(dst, s, false, strict); !ok {
		return dst[:start], false
	}
	return append(dst, "</t></is></c>"...), true
}

// appendCell appends the cell of a value that is not a string.
func appendCell(dst []byte, col string, row, style int, formula string, v any) ([]byte, error) {
	typ := ""
	if formula != "" {
		typ = "str" // setCellFormula; a number or bool replaces it
	}
	var num [32]byte
	val := num[:0]
	switch x := v.(type) {
	case nil:
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return appendNonFinite(dst, col, row, style, formula, x), nil
		}
		typ, val = "", appendCellFloat(val, x)
	case int:
		typ, val = "", strconv.AppendInt(val, int64(x), 10)
	case int8:
		typ, val = "", strconv.AppendInt(val, int64(x), 10)
	case int16:
		typ, val = "", strconv.AppendInt(val, int64(x), 10)
	case int32:
		typ, val = "", strconv.AppendInt(val, int64(x), 10)
	case int64:
		typ, val = "", strconv.AppendInt(val, x, 10)
	case uint:
		typ, val = "", strconv.AppendUint(val, uint64(x), 10)
	case uint8:
		typ, val = "", strconv.AppendUint(val, uint64(x), 10)
	case uint16:
		typ, val = "", strconv.AppendUint(val, uint64(x), 10)
	case uint32:
		typ, val = "", strconv.AppendUint(val, uint64(x), 10)
	case uint64:
		typ, val = "", strconv.AppendUint(val, x, 10)
	case bool:
		typ, val = "b", append(val, '0')
		if x {
			val[0] = '1'
		}
	case time.Time:
		t, ok := excelTime(x)
		if !ok || style <= 0 {
			// SetRow writes such a time as text, or adds a style for it.
			return dst, fmt.Errorf("%s%d: %w (a time before 1900 or without a style)", col, row, errRowValue)
		}
		typ, val = "", strconv.AppendFloat(val, t, 'f', -1, 64)
	default:
		return dst, fmt.Errorf("%s%d: %w (%T)", col, row, errRowValue, v)
	}
	dst = appendCellStart(dst, col, row, style, typ, false)
	dst = appendFormula(dst, formula)
	if len(val) > 0 {
		// Digits, sign and point: nothing to escape.
		dst = append(dst, "<v>"...)
		dst = append(dst, val...)
		dst = append(dst, "</v>"...)
	}
	return append(dst, "</c>"...), nil
}

// appendNonFinite appends the cell of a NaN or infinity, which setCellFloat
// writes as an inline string (the tables drop them before).
func appendNonFinite(dst []byte, col string, row, style int, formula string, x float64) []byte {
	dst = appendCellStart(dst, col, row, style, "inlineStr", false)
	dst = appendFormula(dst, formula)
	dst = append(dst, "<is><t>"...)
	dst = append(dst, fmt.Sprint(x)...)
	return append(dst, "</t></is></c>"...)
}

// truncateCell cuts s to excelize.TotalCellChars UTF-16 units, as
// trimCellValue does (an invalid byte counts as one unit).
func truncateCell(s string) string {
	if len(s) <= excelize.TotalCellChars {
		return s // a byte is at most one unit
	}
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > excelize.TotalCellChars {
			return s[:i]
		}
	}
	return s
}

// preserveSpace says whether s begins or ends with a tab, newline, return
// or space, which trimCellValue marks xml:space="preserve".
func preserveSpace(s string) bool {
	if s == "" {
		return false
	}
	isSpace := func(c byte) bool { return c == 9 || c == 10 || c == 13 || c == 32 }
	return isSpace(s[0]) || isSpace(s[len(s)-1])
}

// escapeASCII is, for each ASCII byte, what xml.EscapeText writes for it
// ("" for the byte itself); a newline is handled apart.
var escapeASCII = func() (t [utf8.RuneSelf]string) {
	for c := range t {
		if c < 0x20 {
			t[c] = "\uFFFD"
		}
	}
	t['"'], t['\''], t['&'], t['<'], t['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	t['\t'], t['\n'], t['\r'] = "&#x9;", "&#xA;", "&#xD;"
	return t
}()

// appendEscaped appends s escaped as by xml.EscapeText; with newline
// false, newlines are kept (EscapeText then strings.ReplaceAll of "&#xA;"
// by "\n", as trimCellValue does: no other escape makes "&#xA;"). An
// invalid byte, a control character but tab, newline and return, U+FFFE
// and U+FFFF become U+FFFD; with strict, they make it stop and return
// false instead, for they are not in text as clean makes it.
func appendEscaped(dst []byte, s string, newline, strict bool) ([]byte, bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			esc := escapeASCII[c]
			if esc == "" || c == '\n' && !newline {
				i++
				continue
			}
			if strict && c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return dst, false
			}
			dst = append(dst, s[last:i]...)
			dst = append(dst, esc...)
			i++
			last = i
			continue
		}
		// The usual three-byte characters (U+1000 to U+CFFF, U+E000 to
		// U+EFFF), all valid and in XML's range, are passed over at once.
		if i+2 < len(s) && (c >= 0xE1 && c <= 0xEC || c == 0xEE) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || r == 0xFFFE || r == 0xFFFF {
			if strict {
				return dst, false
			}
			dst = append(dst, s[last:i]...)
			dst = append(dst, "\uFFFD"...)
			i += w
			last = i
			continue
		}
		i += w
	}
	return append(dst, s[last:]...), true
}

// appendCellFloat appends v as setCellFloat writes it: the shortest
// decimal form, cut to 15 significant digits (formatCellFloat with
// precision -1).
func appendCellFloat(dst []byte, v float64) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return dst
	}
	const maxPrec = 15
	str := dst[start:]
	decimal := -1
	for i, c := range str {
		if c == '.' {
			decimal = i
			break
		}
	}
	significant := 0
	for idx, c := range str {
		if c < '0' || c > '9' || significant == 0 && c == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			out := str[:idx]
			if out[len(out)-1] == '.' {
				out = out[:len(out)-1]
			}
			return dst[:start+len(out)]
		}
		if decimal < 0 {
			decimal = len(str)
		}
		for ; idx < decimal; idx++ {
			str[idx] = '0'
		}
		return dst[:start+decimal]
	}
	return dst
}

// The dates of excelize's timeToExcelTime, 1900 date system.
var (
	excelMinTime1900      = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	excelBuggyPeriodStart = time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
)

// excelTime is the serial number SetRow writes for a time: the wall clock
// time in its zone, in days since 1899-12-31, one more from March 1900
// (excelize's setCellTime and timeToExcelTime, 1900 date system). ok is
// false when SetRow writes the time as text instead (not after 1899-12-31).
func excelTime(t time.Time) (float64, bool) {
	const day = 24 * time.Hour
	const maxDuration = 290 * 364 * day
	_, offset := t.In(t.Location()).Zone()
	t = t.Add(time.Duration(offset) * time.Second)
	if t.Before(excelMinTime1900) {
		return 0, false
	}
	tt, diff, result := t, t.Sub(excelMinTime1900), 0.0
	for diff >= maxDuration {
		result += float64(maxDuration / day)
		tt = tt.Add(-maxDuration)
		diff = tt.Sub(excelMinTime1900)
	}
	rem := diff % day
	result += float64(diff-rem)/float64(day) + float64(rem)/float64(day)
	if t.After(excelBuggyPeriodStart) {
		result++
	}
	return result, result > 0
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's bstrMarshal (lib.go), as it is: it escapes the
// underscore of a literal _xHHHH_ as _x005F_, and drops a _xHHHH_ that is
// not a character (a surrogate). Only text with "_x" in it gets here.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// appendTableRow appends table row i (sheet row i+2) as SetRow writes the
// cells table.row gives, made as book.cellInto makes them: a string is
// cleaned, an empty string, NaN and infinity are empty cells, a cell
// without a style has its column's style.
func (t *table) appendTableRow(dst []byte, i int) ([]byte, error) {
	row := i + 2
	if row > excelize.TotalRows {
		return dst, fmt.Errorf("row %d: %w", row, excelize.ErrMaxRows)
	}
	src := t.row(i)
	dst = appendRowStart(dst, row)
	var err error
	for j := 0; j < len(t.cols) && j < len(src); j++ {
		v, style, formula := src[j], t.cols[j].style, ""
		switch x := v.(type) {
		case nil:
			continue
		case string:
			if x == "" {
				continue
			}
			dst = appendCleanStringCell(dst, t.colNames[j], row, style, "", x)
			continue
		case excelize.Cell:
			if x.StyleID != 0 {
				style = x.StyleID
			}
			formula, v = x.Formula, x.Value
			if s, ok := v.(string); ok {
				dst = appendCleanStringCell(dst, t.colNames[j], row, style, formula, s)
				continue
			}
		}
		if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
			continue
		}
		if dst, err = appendCell(dst, t.colNames[j], row, style, formula, v); err != nil {
			return dst, fmt.Errorf("sheet %s: %w", t.sheet, err)
		}
	}
	return append(dst, "</row>"...), nil
}

// encodeBatch is how many rows a worker encodes at a time.
const encodeBatch = 512

// rowJob is a batch of rows being encoded.
type rowJob struct {
	first int
	buf   []byte
	err   error
	done  chan struct{}
}

// writeRows writes the table's data rows to w, encoded in batches of
// encodeBatch rows on GOMAXPROCS goroutines and written in order; at most
// 2·GOMAXPROCS batches are out at a time. A row's bytes depend on its
// values and number only, so the batches are independent. The table's row
// function is called on those goroutines: it must only read.
func (t *table) writeRows(w io.Writer) error {
	if t.n == 0 {
		return nil
	}
	procs := runtime.GOMAXPROCS(0)
	if procs > 1 && t.n <= encodeBatch {
		procs = 1
	}
	if procs == 1 {
		var buf []byte
		for first := 0; first < t.n; first += encodeBatch {
			var err error
			if buf, err = t.encode(buf[:0], first); err != nil {
				return err
			}
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	}
	maxPending := 2 * procs
	jobs := make(chan *rowJob, maxPending)
	exited := make(chan struct{}, procs)
	for range procs {
		go func() {
			defer func() { exited <- struct{}{} }()
			for j := range jobs {
				j.buf, j.err = t.encode(j.buf[:0], j.first)
				j.done <- struct{}{}
			}
		}()
	}
	defer func() {
		close(jobs)
		for range procs {
			<-exited
		}
	}()
	var pending, free []*rowJob
	retire := func() error {
		j := pending[0]
		pending = pending[:copy(pending, pending[1:])]
		<-j.done
		free = append(free, j)
		if j.err != nil {
			return j.err
		}
		_, err := w.Write(j.buf)
		return err
	}
	for first := 0; first < t.n; first += encodeBatch {
		if len(pending) == maxPending {
			if err := retire(); err != nil {
				return err
			}
		}
		var j *rowJob
		if k := len(free); k > 0 {
			j, free = free[k-1], free[:k-1]
		} else {
			j = &rowJob{done: make(chan struct{}, 1)}
		}
		j.first = first
		pending = append(pending, j)
		jobs <- j
	}
	for len(pending) > 0 {
		if err := retire(); err != nil {
			return err
		}
	}
	return nil
}

// encode appends the rows of the batch beginning at row first.
func (t *table) encode(dst []byte, first int) ([]byte, error) {
	var err error
	for i := first; i < min(first+encodeBatch, t.n); i++ {
		if dst, err = t.appendTableRow(dst, i); err != nil {
			return dst, err
		}
	}
	return dst, nil
}
