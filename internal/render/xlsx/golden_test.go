package xlsx

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestGolden dumps every sheet of the fixture workbook (raw cell values,
// and formulas) in both languages
// and compares the dump with testdata/fixture.<lang>.golden. Run
// `go test ./internal/render/xlsx -run Golden -update` after an intended
// change and review the diff.
func TestGolden(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		r := fixture()
		r.Lang = lang
		f := open(t, render(t, r))
		var sb strings.Builder
		for _, sheet := range f.GetSheetList() {
			sb.WriteString("## " + sheet + "\n")
			rows := sheetRows(t, f, sheet)
			for i, row := range rows {
				for j := range row {
					name, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if formula, _ := f.GetCellFormula(sheet, name); formula != "" {
						row[j] += " {=" + formula + "}"
					}
				}
				sb.WriteString(strings.Join(row, "\t") + "\n")
			}
		}
		testutil.Golden(t, filepath.Join("testdata", "fixture."+lang+".golden"), []byte(sb.String()), *update,
			"go test ./internal/render/xlsx -run Golden -update")

	}
}
