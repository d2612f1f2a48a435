package xlsx

import (
	"bytes"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// TestDetailSheetsInParallel: writing the rows of the detail sheets at the
// same time gives the bytes of writing them one table after the other.
// Run it with -race after updating excelize: writeRows relies on SetRow
// touching nothing shared between StreamWriters.
func TestDetailSheetsInParallel(t *testing.T) {
	for _, r := range []*model.Report{fixture(), synthetic(3000, 3, 40)} {
		var par, seq bytes.Buffer
		if err := Write(&par, r, Options{TempDir: t.TempDir()}); err != nil {
			t.Fatal(err)
		}
		parallelRows = false
		err := Write(&seq, r, Options{TempDir: t.TempDir()})
		parallelRows = true
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(par.Bytes(), seq.Bytes()) {
			t.Errorf("a report of %d articles: the workbook written with the detail rows in parallel differs", len(r.Articles))
		}
	}
}
