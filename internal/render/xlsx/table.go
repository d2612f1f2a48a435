package xlsx

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"
)

// column describes one column of a table.
type column struct {
	head     string
	style    int // style of its cells unless a cell brings its own
	min, max int // width bounds in character units (0: 6 and 50)
}

// widthSample is how many rows are measured to size the columns.
const widthSample = 3000

// streamTable writes a table of n rows, with a styled, frozen header row and
// an autofilter, to a sheet of its own. row returns row i's values: nil for
// an empty cell, an excelize.Cell (its StyleID, when 0, is the column's
// style) or a plain value. freezeCols columns stay in view when scrolling
// sideways. The caller may still set what goes after the rows in the
// sheet (conditional formats) before it flushes the StreamWriter returned.
func (b *book) streamTable(sheet string, cols []column, n, freezeCols int, row func(i int) []any) (*excelize.StreamWriter, error) {
	t, err := b.beginTable(sheet, cols, n, freezeCols, row)
	if err != nil {
		return nil, err
	}
	if err := writeRowsOf(t); err != nil {
		return nil, err
	}
	return t.sw, nil
}

// table is a table sheet being streamed: beginTable sets it up and writes
// its header row with its StreamWriter; its data rows are encoded when the
// workbook is saved (see rows.go) and put into the sheet's part, named
// part, before its </sheetData>.
type table struct {
	b        *book
	sheet    string
	part     string
	sw       *excelize.StreamWriter
	cols     []column
	colNames []string
	n        int
	row      func(i int) []any
}

// beginTable does all of streamTable but the rows: the column widths, the
// page setup, the header row and the autofilter, which only records the
// range (written out when the StreamWriter is flushed) and a defined name
// in the workbook.
func (b *book) beginTable(sheet string, cols []column, n, freezeCols int, row func(i int) []any) (*table, error) {
	widths := measure(cols, min(n, widthSample), row)
	total := 0.0
	for _, w := range widths {
		total += w
	}
	pages := 1
	if total > 300 { // wider than a readable landscape page
		pages = 2
	}
	// The page setup goes first: the StreamWriter writes sheetPr at once.
	if err := b.pageSetup(sheet, pages, true); err != nil {
		return nil, fmt.Errorf("sheet %s: %w", sheet, err)
	}
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("sheet %s: %w", sheet, err)
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(freezePanes(freezeCols)); err != nil {
		return nil, err
	}
	head := make([]any, len(cols))
	tall := false
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: b.st.header, Value: c.head}
		if float64(textWidth(c.head, 200)+2) > widths[i] {
			tall = true
		}
	}
	opts := excelize.RowOpts{}
	if tall {
		opts.Height = 32
	}
	if err := sw.SetRow("A1", head, opts); err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), n+1)
	if err := b.f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return nil, fmt.Errorf("sheet %s: %w", sheet, err)
	}
	t := &table{b: b, sheet: sheet, sw: sw, cols: cols, n: n, row: row}
	for i := range cols {
		t.colNames = append(t.colNames, colName(i+1))
	}
	return t, nil
}

// spliceRows leaves the table's data rows to the save: it notes the part
// of the table's sheet, into which sortedZip puts them.
func spliceRows(t *table) error {
	part, err := sheetPart(t.b.f, t.sheet)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", t.sheet, err)
	}
	if t.b.tables == nil {
		t.b.tables = map[string]*table{}
	}
	if t.b.tables[part] != nil {
		return fmt.Errorf("sheet %s: part %s already has its rows", t.sheet, part)
	}
	t.part = part
	t.b.tables[part] = t
	return nil
}

// writeRowsOf is spliceRows, which tests swap for the reference that
// writes the rows with the StreamWriter.
var writeRowsOf = spliceRows

// cell turns a row value into the cell written.
func (b *book) cell(v any, style int) any {
	var c excelize.Cell
	if !b.cellInto(&c, v, style) {
		return nil
	}
	return c
}

// cellInto sets *c to the cell written for a row value, or returns false
// for an empty cell. A string that needs no cleaning keeps the interface
// value it came in (no new allocation).
func (b *book) cellInto(c *excelize.Cell, v any, style int) bool {
	switch x := v.(type) {
	case nil:
		return false
	case excelize.Cell:
		*c = x
		if c.StyleID == 0 {
			c.StyleID = style
		}
		switch y := x.Value.(type) {
		case string:
			if cy := clean(y); cy != y {
				c.Value = cy
			}
		case float64:
			if math.IsNaN(y) || math.IsInf(y, 0) {
				return false
			}
		}
		return true
	case string:
		if x == "" {
			return false
		}
		*c = excelize.Cell{StyleID: style, Value: v}
		if cx := clean(x); cx != x {
			c.Value = cx
		}
		return true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	*c = excelize.Cell{StyleID: style, Value: v}
	return true
}

func freezePanes(cols int) *excelize.Panes {
	p := &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}
	if cols > 0 {
		p.XSplit = cols
		p.TopLeftCell, _ = excelize.CoordinatesToCellName(cols+1, 2)
		p.ActivePane = "bottomRight"
	}
	p.Selection = []excelize.Selection{{SQRef: p.TopLeftCell, ActiveCell: p.TopLeftCell, Pane: p.ActivePane}}
	return p
}

// measure sizes the columns from their headers and the first rows.
func measure(cols []column, n int, row func(i int) []any) []float64 {
	w := make([]int, len(cols))
	for i, c := range cols {
		// Headers wrap, so a long header needs no more than half its width.
		w[i] = (textWidth(c.head, 200) + 1) / 2
		if hw := textWidth(c.head, 200); hw <= 12 {
			w[i] = hw
		}
	}
	for r := 0; r < n; r++ {
		for j, v := range row(r) {
			if j >= len(cols) {
				break
			}
			if x := valueWidth(v, cols[j].limit()); x > w[j] {
				w[j] = x
			}
		}
	}
	out := make([]float64, len(cols))
	for i, c := range cols {
		lo, hi := c.min, c.limit()
		if lo == 0 {
			lo = 6
		}
		x := w[i] + 2
		out[i] = float64(max(lo, min(x, hi)))
	}
	return out
}

func (c column) limit() int {
	if c.max == 0 {
		return 50
	}
	return c.max
}

func valueWidth(v any, limit int) int {
	switch v := v.(type) {
	case nil:
		return 0
	case excelize.Cell:
		return valueWidth(v.Value, limit)
	case string:
		return textWidth(v, limit)
	case int:
		return len(fmt.Sprint(v)) + len(fmt.Sprint(v))/3
	case float64:
		return min(len(fmt.Sprintf("%.2f", math.Abs(v)))+5, 18)
	}
	return 10
}

// put writes values in one row of a sheet that is not streamed, from cell
// (col, row), 1-based. Values are as for streamTable.
func (b *book) put(sheet string, col, row int, vals ...any) error {
	for i, v := range vals {
		c, ok := b.cell(v, b.st.text).(excelize.Cell)
		if !ok {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(col+i, row)
		if err := b.f.SetCellValue(sheet, ref, c.Value); err != nil {
			return fmt.Errorf("sheet %s cell %s: %w", sheet, ref, err)
		}
		if err := b.f.SetCellStyle(sheet, ref, ref, c.StyleID); err != nil {
			return fmt.Errorf("sheet %s cell %s: %w", sheet, ref, err)
		}
	}
	return nil
}

// headerRow writes a styled header row at (col, row).
func (b *book) headerRow(sheet string, col, row int, heads ...string) error {
	vals := make([]any, len(heads))
	tall := false
	for i, h := range heads {
		vals[i] = excelize.Cell{StyleID: b.st.header, Value: h}
		// Beyond the first column, headers sit over columns about 13 wide.
		if i > 0 && textWidth(h, 100) > 12 {
			tall = true
		}
	}
	if tall {
		if err := b.f.SetRowHeight(sheet, row, 30); err != nil {
			return err
		}
	}
	return b.put(sheet, col, row, vals...)
}

// widths sets column widths of a sheet that is not streamed, from column 1.
func (b *book) widths(sheet string, ws ...float64) error {
	for i, w := range ws {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheet, name, name, w); err != nil {
			return err
		}
	}
	return nil
}

// ref is an absolute reference to a range of a sheet, for chart series.
func ref(sheet string, col1, row1, col2, row2 int) string {
	a, _ := excelize.CoordinatesToCellName(col1, row1, true)
	z, _ := excelize.CoordinatesToCellName(col2, row2, true)
	return "'" + sheet + "'!" + a + ":" + z
}

// pageSetup prints a sheet on A4 landscape, pagesWide pages wide, with the
// header row repeated on every page when titles is set.
func (b *book) pageSetup(sheet string, pagesWide int, titles bool) error {
	size, orient, tall := 9, "landscape", 0
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &pagesWide, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if !titles {
		return nil
	}
	return b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}
