package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const exportText = "中国工商银行北京分行今年以来累计发放普惠小微贷款27亿元，服务小微企业1500余户，惠及新市民2.7万户。"

// Each part of an article is found in the column whose name says so, as
// exports name them: exactly, or in a longer name; a time the platform
// fetched the page is no publication date, a column named 内容 whose cells
// are short is no text, and a column of summaries is read only when no
// column holds the full text.
func TestExportColumns(t *testing.T) {
	long := strings.Repeat(exportText, 2)
	for _, c := range []struct {
		name   string
		header []string
		row    []string
		want   map[string]string
		warn   string
	}{
		{"a platform's export",
			[]string{"序号", "文章标题", "采集时间", "发布时间（北京时间）", "来源链接", "媒体名称", "内容类型", "正文内容"},
			[]string{"1", "标题", "2024-03-09 08:00", "2024-03-05 10:20", "https://a.cn/1.html", "新华网", "新闻", long},
			map[string]string{RoleTitle: "文章标题", RoleDate: "发布时间（北京时间）", RoleURL: "来源链接", RoleSource: "媒体名称", RoleBody: "正文内容"}, ""},
		{"a fetch time beside the date",
			[]string{"标题", "抓取时间", "刊登日期", "正文"},
			[]string{"标题", "2024-03-09 08:00", "2024-03-05", long},
			map[string]string{RoleTitle: "标题", RoleDate: "刊登日期", RoleBody: "正文"}, ""},
		{"English names",
			[]string{"ID", "Headline", "Published_At", "Site Name", "Link", "Author", "Full Text"},
			[]string{"7", "标题", "2024-03-05", "新华网", "https://a.cn/1.html", "李明", long},
			map[string]string{RoleTitle: "Headline", RoleDate: "Published_At", RoleSource: "Site Name", RoleURL: "Link", RoleAuthor: "Author", RoleBody: "Full Text"}, ""},
		{"the text in an unnamed column",
			[]string{"标题", "日期", "备注"},
			[]string{"标题", "2024-03-05", long},
			map[string]string{RoleTitle: "标题", RoleDate: "日期", RoleBody: "备注"}, ""},
		{"内容 that is a short label",
			[]string{"标题", "内容", "文字"},
			[]string{"标题", "新闻", long},
			map[string]string{RoleTitle: "标题", RoleBody: "文字"}, ""},
		{"summaries only",
			[]string{"标题", "摘要", "来源"},
			[]string{"标题", exportText, "新华网"},
			map[string]string{RoleTitle: "标题", RoleBody: "摘要", RoleSource: "来源"}, "the summaries (摘要) are read as the text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			csv := strings.Join(c.header, ",") + "\n" + strings.Join(c.row, ",") + "\n"
			ex, err := ReadExport("export.csv", []byte(csv))
			if err != nil {
				t.Fatal(err)
			}
			if len(ex.Columns) != len(c.want) {
				t.Errorf("columns %v, want %v", ex.Columns, c.want)
			}
			for role, col := range c.want {
				if ex.Columns[role] != col {
					t.Errorf("%s in column %q, want %q (all: %v)", role, ex.Columns[role], col, ex.Columns)
				}
			}
			if got := strings.Join(ex.Warnings, "; "); !strings.Contains(got, c.warn) || (c.warn == "" && got != "") {
				t.Errorf("warnings %q, want %q", got, c.warn)
			}
			if len(ex.Records) != 1 || ex.Records[0].Row != 2 {
				t.Fatalf("records %+v, want one from row 2", ex.Records)
			}
		})
	}
}

// Dates come in the forms spreadsheets and APIs write them; what is no
// date is kept for Parse to try.
func TestExportDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-03-05 10:20:00": "2024-03-05",
		"2024/3/8":            "2024-03-08",
		"2024年3月8日":           "2024-03-08",
		"20240308":            "2024-03-08",
		"45360":               "2024-03-09", // Excel's day number
		"45360.4375":          "2024-03-09",
		"1709605200":          "2024-03-05", // Unix seconds, China's time
		"1709605200000":       "2024-03-05",
		"昨天":                  "昨天",
		"":                    "",
		"12":                  "12",
	} {
		if got := exportDate(in); got != want {
			t.Errorf("exportDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// A spreadsheet's rows are numbered as the spreadsheet shows them: the
// header is row 1, a cell's line breaks do not count, Excel's "sep=" line
// is row 1 when present; rows without text are listed.
func TestExportRows(t *testing.T) {
	csv := "sep=,\n标题,正文\n甲,\"" + exportText + "\n\n第二段。\"\n乙,\n丙," + exportText + "\n"
	ex, err := ReadExport("a.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Records) != 2 || ex.Records[0].Row != 3 || ex.Records[1].Row != 5 || ex.Records[0].Title != "甲" {
		t.Fatalf("records %+v, want rows 3 (甲) and 5", ex.Records)
	}
	if !strings.HasSuffix(ex.Records[0].Body, "第二段。") {
		t.Errorf("the first text lost its second paragraph: %q", ex.Records[0].Body)
	}
	if len(ex.Skipped) != 1 || ex.Skipped[0].String() != "row 4: no text" {
		t.Errorf("skipped %q, want row 4", ex.Skipped)
	}
}

// A file of many articles is not read as one: JSON Lines were a jumble of
// all of them, a list its longest article alone. A page's data with one
// article and a list of links beside it is still that article.
func TestParseManyArticles(t *testing.T) {
	one := `{"title":"工行普惠","content":"` + exportText + `"}`
	two := `{"title":"农行反诈","content":"农业银行开展反诈宣传近50场，覆盖群众逾1万人次，发放宣传折页2万份。"}`
	for name, c := range map[string]struct{ text, want string }{
		"lines":     {one + "\n" + two + "\n", "JSON Lines of 2 articles, not one article: an export of many"},
		"list":      {`{"data":{"list":[` + one + `,` + two + `]}}`, "a JSON list of 2 articles"},
		"page data": {`{"article":` + one + `,"related":[{"title":"相关一","url":"https://a.cn/2"},{"title":"相关二","url":"https://a.cn/3"}]}`, ""},
		"one line":  {one + "\n", ""},
	} {
		a, err := Parse(name+".json", []byte(c.text))
		var se *SkipError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want the article", name, err)
		case c.want == "" && !strings.Contains(a.Body, "27亿元"):
			t.Errorf("%s: body %q, want the article's text", name, a.Body)
		case c.want != "" && (!errors.As(err, &se) || !strings.Contains(se.Reason, c.want) || !se.Export):
			t.Errorf("%s: error %v, want a skip saying %q, marked an export", name, err, c.want)
		case c.want == "" && errors.As(err, &se) && se.Export:
			t.Errorf("%s: skip marked an export", name)
		}
	}
}

// ReadExport never panics, and what it returns holds: every record has
// text and a row after the one before.
func FuzzReadExport(f *testing.F) {
	f.Add("a.csv", "标题,发布时间,正文\n甲,2024-03-05,\""+exportText+"\"\n乙,,\n")
	f.Add("a.tsv", "title\tdate\tcontent\n甲\t45360\t"+exportText+"\n")
	f.Add("a.jsonl", `{"title":"甲","pubtime":1709605200,"content":"`+exportText+`"}`+"\n{}\n")
	f.Add("a.json", `{"data":{"list":[{"title":"甲","content":"`+exportText+`"},{"content":""}]}}`)
	f.Add("a.csv", "sep=;\n\"\"\"\n")
	f.Add("a.xls", "<table><tr><th>标题</th><th>正文</th></tr><tr><td>甲</td><td>"+exportText+"<br>第二段</td></tr></table>")
	f.Add("a.xlsx", string(xlsxFile(f, `<row r="1"><c t="inlineStr"><is><t>标题</t></is></c><c t="s"><v>0</v></c></row>`+
		`<row r="2"><c t="inlineStr"><is><t>甲</t></is></c><c t="s"><v>1</v></c></row>`, `<si><t>正文</t></si><si><t>`+exportText+`</t></si>`)))
	for _, name := range []string{"small.xls", "small.ods"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, string(b))
	}
	f.Fuzz(func(t *testing.T, name, text string) {
		ex, err := ReadExport(name, []byte(text))
		if err != nil {
			return
		}
		if ex.Columns[RoleBody] == "" {
			t.Fatalf("records without a text column: %+v", ex)
		}
		last := 0
		for _, r := range ex.Records {
			if strings.TrimSpace(r.Body) == "" || r.Row <= last {
				t.Fatalf("record %+v after row %d", r, last)
			}
			last = r.Row
		}
	})
}

// xlsxFile makes a workbook of the given parts around a sheet.
func xlsxFile(t testing.TB, sheet, shared string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for name, body := range map[string]string{
		"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="数据" sheetId="1" r:id="rId7"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>`,
		"xl/worksheets/data.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheet + `</sheetData></worksheet>`,
		"xl/sharedStrings.xml":   `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + shared + `</sst>`,
	} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The cells of a sheet are read as Excel shows them, whatever program
// wrote them: shared strings (rich text runs joined, phonetic guides left
// out), inline strings, a formula's result, booleans, cells without a
// reference placed after the one before, gaps left empty, rows numbered
// as their r says (an absolute target in the relationships too).
func TestXLSXCells(t *testing.T) {
	shared := `<si><t>标题</t></si><si><t>正文</t></si>` +
		`<si><r><t>工行</t></r><r><rPr><b/></rPr><t xml:space="preserve">普惠 </t></r><rPh sb="0" eb="2"><t>ゴンハン</t></rPh></si>`
	sheet := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c t="inlineStr"><is><t>备注</t></is></c></row>` +
		`<row r="4"><c r="A4" t="s"><v>2</v></c><c r="C4" t="inlineStr"><is><r><t>` + exportText + `</t></r></is></c><c t="b"><v>1</v></c></row>` +
		`<row r="5"><c r="A5" t="str"><f>CONCAT("农","行")</f><v>农行</v></c><c r="C5"><v>45360</v></c></row>`
	cells, rows, err := xlsxTable(xlsxFile(t, sheet, shared))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"标题", "", "正文", "备注"}, {"工行普惠 ", "", exportText, "TRUE"}, {"农行", "", "45360"}}
	if fmt.Sprint(cells) != fmt.Sprint(want) || fmt.Sprint(rows) != "[1 4 5]" {
		t.Errorf("cells %q rows %v, want %q [1 4 5]", cells, rows, want)
	}
	if _, _, err := xlsxTable(xlsxFile(t, `<row r="1"><c t="inlineStr"><is><t>标题</t></is></c></row>`, "")); err == nil ||
		!strings.Contains(err.Error(), "no sheet holds a header row and rows under it") {
		t.Errorf("a sheet of one row: %v", err)
	}
	for ref, col := range map[string]int{"A1": 0, "Z9": 25, "AA10": 26, "XFD1": 16383} {
		if c, ok := columnOf(ref); !ok || c != col {
			t.Errorf("columnOf(%q) = %d %v, want %d", ref, c, ok, col)
		}
	}
	if _, ok := columnOf("12"); ok {
		t.Errorf("columnOf(\"12\") reads a column")
	}
}
