package xlsx

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/xuri/excelize/v2"
)

// writeRowsRef writes the table's rows with its StreamWriter, as the
// tables were written before their rows were encoded by appendTableRow and
// put into the sheet's part at the save: each row's values made into cells
// by cellInto and handed to SetRow in turn. It is the reference for
// TestRowsMatchReference.
func writeRowsRef(t *table) error {
	b, cols := t.b, t.cols
	vals := make([]any, len(cols))
	cells := make([]excelize.Cell, len(cols))
	for i := 0; i < t.n; i++ {
		src := t.row(i)
		for j := range vals {
			vals[j] = nil
			if j < len(src) && b.cellInto(&cells[j], src[j], cols[j].style) {
				vals[j] = &cells[j]
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := t.sw.SetRow(ref, vals); err != nil {
			return fmt.Errorf("sheet %s row %d: %w", t.sheet, i+2, err)
		}
	}
	return nil
}

// oddTexts are texts that SetRow writes in some special way: kept spaces,
// escapes, _xHHHH_ escapes, bad bytes and controls, cut at 32767 UTF-16
// units.
var oddTexts = []string{
	" lead", "trail ", "\tx", "x\n", "\r\nx", "a\nb\rc\td", `<a href="x">&amp;'</a>`, "_x0041_", "_x005F_x0041_", "_x005f_",
	"a_xD800_b", "_x_", "_x12_", "\x00\x01\x1f\x7f", "\xff\xfe", "\uFFFE\uFFFF\uFFFD", "\xed\xa0\x80", "😀_x1F600_",
	strings.Repeat("银", excelize.TotalCellChars+5), strings.Repeat("😀", excelize.TotalCellChars/2+3),
	strings.Repeat("a", excelize.TotalCellChars-1) + "😀b", "=SUM(A1)", "&#xA;", "\n", " ",
}

// oddReport is the fixture with odd texts in every text field of the
// detail sheets, links among them.
func oddReport() *model.Report {
	r := fixture()
	odd := func(i int) string { return oddTexts[i%len(oddTexts)] }
	for j := range r.Metrics {
		m := &r.Metrics[j]
		m.Text, m.Sentence, m.Title, m.Branch, m.File = odd(j), odd(j+1), odd(j+2), odd(j+3), odd(j+4)
		if j%2 == 0 {
			m.URL = "https://example.cn/a?b=" + odd(j+5)
		}
	}
	for j := range r.Articles {
		a := &r.Articles[j]
		a.Title, a.Source = odd(j+6), odd(j+7)
	}
	for i := range oddTexts {
		r.Warnings = append(r.Warnings, model.ArticleWarning{ID: odd(i), Warning: odd(i + 1)})
	}
	return r
}

// TestRowsMatchReference: the workbook is the same, byte for byte, with the
// rows encoded at the save as with the reference, which writes them with
// SetRow, for tables of no row, of a batch less one, of one batch exactly,
// a batch and one, and of many batches, with odd texts, on one core and on
// several.
func TestRowsMatchReference(t *testing.T) {
	reports := []*model.Report{fixture(), oddReport()}
	for _, n := range []int{1, encodeBatch - 1, encodeBatch, encodeBatch + 1, 9*encodeBatch + 3} {
		reports = append(reports, synthetic(n, 1, 5))
	}
	r := fixture()
	r.Metrics, r.Articles, r.Sums = nil, nil, nil
	reports = append(reports, r)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 3} {
		runtime.GOMAXPROCS(procs)
		for _, r := range reports {
			var got, want bytes.Buffer
			if err := Write(&got, r, Options{TempDir: t.TempDir()}); err != nil {
				t.Fatal(err)
			}
			writeRowsOf = writeRowsRef
			err := Write(&want, r, Options{TempDir: t.TempDir()})
			writeRowsOf = spliceRows
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("GOMAXPROCS %d, a report of %d metric rows and %d articles: the workbook differs from the reference's", procs, len(r.Metrics), len(r.Articles))
			}
		}
	}
}
