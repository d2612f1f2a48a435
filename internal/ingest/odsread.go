package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// An OpenDocument spreadsheet (.ods: LibreOffice's, WPS's and many
// government offices' own format) is read here with the standard library,
// as far as an export needs, like an .xlsx (xlsxread.go): the text of each
// cell of one sheet — a string cell's paragraphs, a number or a date as
// stored (office:value, office:date-value), a boolean — by row and column,
// rows and cells repeated by number-rows/columns-repeated counted as such.

// maxRepeat bounds how many times a repeated row or cell that holds
// something is written out (an empty one only moves the count on).
const maxRepeat = 1000

// isODS says whether data, a zip, is an OpenDocument spreadsheet: its
// first entry, stored uncompressed, is the mimetype.
func isODS(data []byte) bool {
	head := data[:min(len(data), 200)]
	return bytes.Contains(head, []byte("mimetype")) && bytes.Contains(head, []byte("application/vnd.oasis.opendocument.spreadsheet"))
}

// odsTable returns the first sheet of a spreadsheet holding a header row and
// at least one row under it: its rows' cells by column, and each row's
// number as the spreadsheet shows it.
func odsTable(data []byte) (cells [][]string, rowNo []int, err error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, fmt.Errorf("not a readable .ods spreadsheet: %v", err)
	}
	var content *zip.File
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			content = f
		}
	}
	if content == nil {
		return nil, nil, fmt.Errorf("not a readable .ods spreadsheet: no content.xml")
	}
	r, err := content.Open()
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	return odsSheets(r)
}

// odsSheets reads the tables of content.xml until one holds two rows.
func odsSheets(r io.Reader) (cells [][]string, rowNo []int, err error) {
	d := xml.NewDecoder(r)
	var (
		depth     int // of nested tables: a table inside a cell is read as that cell's text
		row       []string
		rowN      int // rows of the table so far, repeats counted
		rowRepeat int
		col       int
		inCell    bool
		cellRep   int
		value     string // the cell's stored value, when not a string
		text      strings.Builder
		paras     int // paragraphs of the cell so far
		inP       int // inside a paragraph: its text is the cell's
		notes     int // inside a comment (office:annotation): not the cell's text
		count     int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("content.xml: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "table":
				if depth++; depth == 1 {
					cells, rowNo, rowN = nil, nil, 0
				}
			case "table-row":
				if depth == 1 {
					row, col = nil, 0
					rowRepeat = repeatAttr(t, "number-rows-repeated")
				}
			case "table-cell", "covered-table-cell":
				if depth != 1 {
					break
				}
				inCell, cellRep, paras, inP = true, repeatAttr(t, "number-columns-repeated"), 0, 0
				text.Reset()
				value = ""
				switch xmlAttr(t, "value-type") {
				case "float", "percentage", "currency":
					value = xmlAttr(t, "value")
				case "date":
					value = xmlAttr(t, "date-value")
				case "boolean":
					value = boolText(xmlAttr(t, "boolean-value") == "true")
				}
			case "annotation":
				notes++
			case "p", "h":
				if inCell && notes == 0 {
					if paras++; paras > 1 {
						text.WriteByte('\n')
					}
					inP++
				}
			case "s":
				if inCell {
					text.WriteString(strings.Repeat(" ", min(repeatAttr(t, "c"), 100)))
				}
			case "tab":
				if inCell {
					text.WriteByte('\t')
				}
			case "line-break":
				if inCell {
					text.WriteByte('\n')
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "annotation":
				notes--
			case "p", "h":
				if inCell && notes == 0 && inP > 0 {
					inP--
				}
			case "table":
				if depth--; depth == 0 && len(cells) >= 2 {
					return cells, rowNo, nil
				}
			case "table-row":
				if depth != 1 {
					break
				}
				if len(row) > 0 {
					// the copies count as cells too (an export's rows are
					// made maps of their cells)
					if count += len(row) * (min(rowRepeat, maxRepeat) - 1); count > maxSheetCells {
						return nil, nil, fmt.Errorf("more than %d cells", maxSheetCells)
					}
					for k := 0; k < min(rowRepeat, maxRepeat); k++ {
						cells = append(cells, row)
						rowNo = append(rowNo, rowN+k+1)
					}
				}
				rowN += rowRepeat
			case "table-cell", "covered-table-cell":
				if depth != 1 || !inCell {
					break
				}
				inCell = false
				s := value
				if s == "" {
					s = text.String()
				}
				if s != "" {
					for k := 0; k < min(cellRep, maxRepeat) && col+k < 16384; k++ {
						if count++; count > maxSheetCells {
							return nil, nil, fmt.Errorf("more than %d cells", maxSheetCells)
						}
						for len(row) <= col+k {
							row = append(row, "")
						}
						row[col+k] = s
					}
				}
				col += cellRep
			}
		case xml.CharData:
			if inCell && inP > 0 && notes == 0 {
				text.Write(t)
			}
		}
	}
	return nil, nil, fmt.Errorf("no sheet holds a header row and rows under it")
}

// repeatAttr reads a count attribute (number-rows-repeated …): 1 when
// absent or unreadable.
func repeatAttr(e xml.StartElement, name string) int {
	n, err := strconv.Atoi(xmlAttr(e, name))
	if err != nil || n < 1 {
		return 1
	}
	return n
}
