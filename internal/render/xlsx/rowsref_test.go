package xlsx

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/xuri/excelize/v2"
)

// writeRowsRef is table.writeRows as it was before the cells were made
// ready on another goroutine, a batch ahead of SetRow: each row made ready
// and handed to SetRow in turn. It is the reference for
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

// TestRowsMatchReference: the workbook is the same, byte for byte, with the
// rows made ready a batch ahead as with the reference, for tables of no
// row, of a batch less one, of one batch exactly, a batch and one, and of
// many batches.
func TestRowsMatchReference(t *testing.T) {
	reports := []*model.Report{fixture()}
	for _, n := range []int{1, rowBatch - 1, rowBatch, rowBatch + 1, 7*rowBatch + 3} {
		reports = append(reports, synthetic(n, 1, 5))
	}
	r := fixture()
	r.Metrics, r.Articles, r.Sums = nil, nil, nil
	reports = append(reports, r)
	for _, r := range reports {
		var got, want bytes.Buffer
		if err := Write(&got, r, Options{TempDir: t.TempDir()}); err != nil {
			t.Fatal(err)
		}
		writeRowsOf = writeRowsRef
		err := Write(&want, r, Options{TempDir: t.TempDir()})
		writeRowsOf = (*table).writeRows
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("a report of %d metric rows and %d articles: the workbook differs from the reference's", len(r.Metrics), len(r.Articles))
		}
	}
}
