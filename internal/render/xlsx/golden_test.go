package xlsx

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
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
		path := filepath.Join("testdata", "fixture."+lang+".golden")
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if got := sb.String(); got != string(want) {
			gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
			for i := 0; i < len(gl) && i < len(wl); i++ {
				if gl[i] != wl[i] {
					t.Fatalf("%s line %d:\n got %q\nwant %q\n(run with -update after an intended change)", path, i+1, gl[i], wl[i])
				}
			}
			t.Fatalf("%s: %d lines, want %d", path, len(gl), len(wl))
		}
	}
}
