package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// An Excel workbook (.xlsx, Office Open XML) is read here with the standard
// library alone — excelize belongs to the workbook renderer — and only as
// far as an export needs: the cells' text (shared, inline or computed
// strings, numbers as stored, booleans) of one sheet, by row and column.
// Formatting, formulas and merged cells are not read: an Excel day number
// in a date column becomes a date in exportDate.

// maxSheetCells bounds the cells read from a workbook (a zip of a few MB
// can expand to gigabytes of XML).
const maxSheetCells = 50_000_000

// xlsxTable returns the first sheet of a workbook holding a header row and
// at least one row under it: its rows' cells by column, and each row's
// number as Excel shows it.
func xlsxTable(data []byte) (cells [][]string, rowNo []int, err error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, fmt.Errorf("not a readable .xlsx workbook: %v", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	sheets, err := xlsxSheets(files)
	if err != nil {
		return nil, nil, err
	}
	var shared []string
	if f := files["xl/sharedStrings.xml"]; f != nil {
		if shared, err = xlsxShared(f); err != nil {
			return nil, nil, fmt.Errorf("xl/sharedStrings.xml: %v", err)
		}
	}
	for _, name := range sheets {
		f := files[name]
		if f == nil {
			continue
		}
		cells, rowNo, err = xlsxSheet(f, shared)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", name, err)
		}
		if len(cells) >= 2 {
			return cells, rowNo, nil
		}
	}
	return nil, nil, fmt.Errorf("no sheet holds a header row and rows under it")
}

// xlsxSheets lists the workbook's sheet parts in the order of its tabs.
func xlsxSheets(files map[string]*zip.File) ([]string, error) {
	var wb struct {
		Sheets []struct {
			ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xlsxXML(files["xl/workbook.xml"], &wb); err != nil {
		return nil, fmt.Errorf("not an .xlsx workbook (xl/workbook.xml: %v)", err)
	}
	if err := xlsxXML(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, fmt.Errorf("not an .xlsx workbook (xl/_rels/workbook.xml.rels: %v)", err)
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	var names []string
	for _, s := range wb.Sheets {
		if t := target[s.ID]; t != "" {
			names = append(names, t)
		}
	}
	return names, nil
}

// xlsxXML decodes a small part of the workbook.
func xlsxXML(f *zip.File, v any) error {
	if f == nil {
		return fmt.Errorf("missing")
	}
	r, err := f.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	return xml.NewDecoder(io.LimitReader(r, 64<<20)).Decode(v)
}

// xlsxShared reads the shared strings: each <si>'s text, the runs of rich
// text joined, phonetic guides (<rPh>) left out.
func xlsxShared(f *zip.File) ([]string, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	d := xml.NewDecoder(r)
	var out []string
	var cur strings.Builder
	inSI, inT, inPh := false, false, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "t":
				inT = inSI && inPh == 0
			case "rPh":
				inPh++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				inSI = false
				out = append(out, cur.String())
				if len(out) > maxSheetCells {
					return nil, fmt.Errorf("more than %d strings", maxSheetCells)
				}
			case "t":
				inT = false
			case "rPh":
				inPh--
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
}

// xlsxSheet reads a worksheet's cells as text, by row, each at its column
// (cells left empty are ""), with the rows' numbers.
func xlsxSheet(f *zip.File, shared []string) (rows [][]string, rowNo []int, err error) {
	r, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	d := xml.NewDecoder(r)
	var (
		row            []string
		rowN, lastN    int
		col            int    // the column of the cell being read
		typ            string // its t attribute
		value          strings.Builder
		inV, inIS, inT bool
		inCell         bool
		count          int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return rows, rowNo, nil
		}
		if err != nil {
			return nil, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row = row[:0:0]
				rowN = lastN + 1
				if n, err := strconv.Atoi(xmlAttr(t, "r")); err == nil && n > lastN {
					rowN = n
				}
				col = 0
			case "c":
				inCell, typ = true, xmlAttr(t, "t")
				value.Reset()
				if c, ok := columnOf(xmlAttr(t, "r")); ok {
					col = c
				}
			case "v":
				inV = inCell
			case "is":
				inIS = inCell
			case "t":
				inT = inIS
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "row":
				lastN = rowN
				if len(row) > 0 {
					rows = append(rows, row)
					rowNo = append(rowNo, rowN)
				}
			case "c":
				inCell = false
				if count++; count > maxSheetCells {
					return nil, nil, fmt.Errorf("more than %d cells", maxSheetCells)
				}
				text := value.String()
				switch typ {
				case "s":
					if i, err := strconv.Atoi(strings.TrimSpace(text)); err == nil && i >= 0 && i < len(shared) {
						text = shared[i]
					} else {
						text = ""
					}
				case "b":
					switch strings.TrimSpace(text) {
					case "1":
						text = "TRUE"
					case "0":
						text = "FALSE"
					default:
						text = ""
					}
				}
				if text != "" && col < 16384 {
					for len(row) <= col {
						row = append(row, "")
					}
					row[col] = text
				}
				col++
			case "v":
				inV = false
			case "is":
				inIS = false
			case "t":
				inT = false
			}
		case xml.CharData:
			if inV || inT {
				value.Write(t)
			}
		}
	}
}

// xmlAttr returns an element's attribute (any namespace), or "".
func xmlAttr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// columnOf returns the column, from 0, of a cell reference such as "AB12".
func columnOf(ref string) (int, bool) {
	col, n := 0, 0
	for ; n < len(ref) && ref[n] >= 'A' && ref[n] <= 'Z'; n++ {
		col = col*26 + int(ref[n]-'A'+1)
		if col > 16384 {
			return 0, false
		}
	}
	if n == 0 {
		return 0, false
	}
	return col - 1, true
}

// htmlTable returns the cells of the HTML page's largest table, by row: an
// "export to Excel" of many Chinese web systems is such a page saved as
// .xls. A cell's line breaks (<br>, paragraphs) are kept as newlines.
func htmlTable(text string) (cells [][]string, rowNo []int) {
	z := html.NewTokenizer(strings.NewReader(text))
	type table struct{ rows [][]string }
	var tables []*table
	var stack []*table // open tables, innermost last
	var cell *strings.Builder
	var best *table
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, _ := z.TagName()
		tag := string(name)
		var cur *table
		if len(stack) > 0 {
			cur = stack[len(stack)-1]
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tag {
			case "table":
				t := &table{}
				tables = append(tables, t)
				stack = append(stack, t)
			case "tr":
				if cur != nil {
					cur.rows = append(cur.rows, nil)
				}
				cell = nil
			case "td", "th":
				if cur != nil && len(cur.rows) > 0 {
					cell = &strings.Builder{}
				}
			case "br":
				if cell != nil {
					cell.WriteString("\n")
				}
			}
		case html.EndTagToken:
			switch tag {
			case "table":
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			case "td", "th":
				if cell != nil && cur != nil && len(cur.rows) > 0 {
					r := &cur.rows[len(cur.rows)-1]
					*r = append(*r, strings.TrimSpace(cell.String()))
				}
				cell = nil
			case "p", "div":
				if cell != nil {
					cell.WriteString("\n")
				}
			}
		case html.TextToken:
			if cell != nil {
				cell.WriteString(html.UnescapeString(string(z.Text())))
			}
		}
	}
	for _, t := range tables {
		if best == nil || len(t.rows) > len(best.rows) {
			best = t
		}
	}
	if best == nil {
		return nil, nil
	}
	for i, r := range best.rows {
		if len(r) > 0 {
			cells = append(cells, r)
			rowNo = append(rowNo, i+1)
		}
	}
	return cells, rowNo
}
