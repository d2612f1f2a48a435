package split

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/bankbrief/bankbrief/internal/extract"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil/samples"
)

// exportCSV writes articles as a monitoring platform's export: its own
// column names, a column that is no part of an article, one row without
// text (row 3, between the first two articles) and the text with its
// paragraph breaks inside the quoted cell.
func exportCSV(t *testing.T, arts []model.Article, sep rune) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = sep
	w.Write([]string{"序号", "文章标题", "发布时间", "媒体名称", "原文链接", "情感倾向", "正文"})
	for i, a := range arts {
		if i == 1 {
			w.Write([]string{"x", "一条没有正文的记录", "2024-01-01", "某网", "", "中性", "  "})
		}
		w.Write([]string{fmt.Sprint(i + 1), a.Title, a.Date, a.Source, a.URL, "正面", a.Body})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The articles of an export, in every form it comes in, are read back
// from the files split writes as they were: same title, date, source and
// URL, and the same facts (banks, themes, every figure with its sentence)
// as the sample articles themselves give.
func TestSplitRoundTrip(t *testing.T) {
	arts := samples.Articles(t)
	x := extract.New()
	want := make([]model.Facts, len(arts))
	for i, a := range arts {
		want[i] = x.Extract(a)
	}
	table := exportCSV(t, arts, ',')
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(table)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(exportCSV(t, arts, '\t'))
	if err != nil {
		t.Fatal(err)
	}
	// a web system's "export to Excel": an HTML table saved as .xls, a
	// report's title above the header, line breaks as <br>
	var page strings.Builder
	page.WriteString(`<html><head><meta charset="utf-8"></head><body><table border="1"><tr><td colspan="5">舆情日报</td></tr>` +
		"<tr><th>标题</th><th>发布时间</th><th>来源</th><th>链接</th><th>内容</th></tr>\n")
	for _, a := range arts {
		cell := func(s string) string {
			return "<td>" + strings.ReplaceAll(html.EscapeString(s), "\n", "<br>") + "</td>"
		}
		page.WriteString("<tr>" + cell(a.Title) + cell(a.Date) + cell(a.Source) + cell(a.URL) + cell(a.Body) + "</tr>\n")
	}
	page.WriteString("</table></body></html>\n")
	var lines, list []string
	for _, a := range arts {
		obj := map[string]any{"title": a.Title, "pubDate": a.Date, "source": a.Source, "url": a.URL, "content": a.Body, "likes": 3}
		b, _ := json.Marshal(obj)
		lines = append(lines, string(b))
		list = append(list, string(b))
	}
	forms := []struct {
		name, content string
		rows          []int // where each article sits in the export
	}{
		{"export.csv", "\uFEFF" + table, []int{2, 4, 5, 6, 7}}, // Excel's "CSV UTF-8"
		{"gbk.csv", "sep=,\n" + gbk, []int{3, 5, 6, 7, 8}},     // a Chinese Excel's CSV
		{"unicode.txt", utf16, []int{2, 4, 5, 6, 7}},           // Excel's "Unicode text"
		{"dump.jsonl", strings.Join(lines, "\n") + "\n", []int{1, 2, 3, 4, 5}},
		{"api.json", `{"code":0,"data":{"total":5,"list":[` + strings.Join(list, ",") + `]}}`, []int{1, 2, 3, 4, 5}},
		{"web.xls", page.String(), []int{3, 4, 5, 6, 7}},
	}
	// Workbooks as two programs write them (testdata/): LibreOffice Calc
	// 7.4, converting the samples' CSV export (soffice --headless
	// --convert-to xlsx: shared strings, the dates made day numbers), and
	// excelize (a first sheet of notes, a merged title row above the
	// header, a title in rich text, dates as day numbers with a date format);
	// and both saved by LibreOffice as Excel 97–2003 workbooks (.xls: BIFF8,
	// the texts longer than a record going on in CONTINUE records) and as
	// OpenDocument spreadsheets (.ods).
	for _, wb := range []struct {
		name string
		rows []int
	}{{"libreoffice.xlsx", []int{2, 3, 4, 5, 6}}, {"excelize.xlsx", []int{3, 4, 5, 6, 7}},
		{"libreoffice.xls", []int{2, 3, 4, 5, 6}}, {"excelize.xls", []int{3, 4, 5, 6, 7}},
		{"libreoffice.ods", []int{2, 3, 4, 5, 6}}, {"excelize.ods", []int{3, 4, 5, 6, 7}}} {
		b, err := os.ReadFile(filepath.Join("testdata", wb.name))
		if err != nil {
			t.Fatal(err)
		}
		forms = append(forms, struct {
			name, content string
			rows          []int
		}{wb.name, string(b), wb.rows})
	}
	for _, form := range forms {
		t.Run(form.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, form.name)
			if err := os.WriteFile(path, []byte(form.content), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "articles")
			s, err := File(path, out)
			if err != nil {
				t.Fatal(err)
			}
			if s.Written != len(arts) || len(s.Files) != len(arts) {
				t.Fatalf("wrote %d files (%d listed), want %d; skipped %v", s.Written, len(s.Files), len(arts), s.Export.Skipped)
			}
			if strings.HasSuffix(form.name, "sv") || strings.HasSuffix(form.name, ".txt") || strings.HasSuffix(form.name, ".csv") {
				if len(s.Export.Skipped) != 1 || !strings.Contains(s.Export.Skipped[0].String(), fmt.Sprintf("row %d: no text", form.rows[0]+1)) {
					t.Errorf("skipped %q, want the row without text", s.Export.Skipped)
				}
			}
			for i, file := range s.Files {
				stem := strings.TrimSuffix(form.name, filepath.Ext(form.name))
				if wantName := fmt.Sprintf("%s-%04d.md", stem, form.rows[i]); filepath.Base(file) != wantName {
					t.Errorf("article %d written to %s, want %s", i+1, filepath.Base(file), wantName)
				}
				a, err := ingest.ReadFile(file)
				if err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				w := arts[i]
				if a.Title != w.Title || a.Date != w.Date || a.Source != w.Source || a.URL != w.URL {
					t.Errorf("%s reads back title %q date %q source %q url %q, want %q %q %q %q",
						filepath.Base(file), a.Title, a.Date, a.Source, a.URL, w.Title, w.Date, w.Source, w.URL)
				}
				got := x.Extract(a)
				if got.PrimaryBank != want[i].PrimaryBank || !slices.Equal(themeIDs(got), themeIDs(want[i])) {
					t.Errorf("%s: primary bank %q themes %v, want %q %v", filepath.Base(file), got.PrimaryBank, themeIDs(got), want[i].PrimaryBank, themeIDs(want[i]))
				}
				if g, w := metricLines(got), metricLines(want[i]); !slices.Equal(g, w) {
					t.Errorf("%s: %d figures, want %d:\n got %q\nwant %q", filepath.Base(file), len(g), len(w), g, w)
				}
			}
			// Again: nothing changed, nothing written.
			again, err := File(path, out)
			if err != nil {
				t.Fatal(err)
			}
			if again.Written != 0 || again.Unchanged != len(arts) {
				t.Errorf("a second run wrote %d and left %d, want 0 and %d", again.Written, again.Unchanged, len(arts))
			}
		})
	}
}

func themeIDs(f model.Facts) []string {
	var ids []string
	for _, th := range f.Themes {
		ids = append(ids, th.ID)
	}
	return ids
}

func metricLines(f model.Facts) []string {
	var out []string
	for _, m := range f.Metrics {
		out = append(out, fmt.Sprintf("%s=%v %s %s %s | %s", m.Text, m.Value, m.Unit, m.Type, m.Qualifier, m.Sentence))
	}
	return out
}

// A title, source or author that YAML would read as something else — a
// mapping, a comment, a number, a boolean, a quoted string — reads back
// from the front matter as written.
func TestPostFieldsReadBack(t *testing.T) {
	for _, title := range []string{
		"工行北京分行: 普惠贷款再创新高", "工行:普惠", "2024", "true", "- 列表开头", "# 井号", "“引号”与\"ASCII引号\"",
		"它's", `反斜杠\n不是换行`, "末尾冒号:", "a #b", "[方括号]", "{花括号}", "&锚", "*别名", "!标签", "|竖线", ">大于", "%百分", "@艾特", "`反引号`",
	} {
		post := Post(ingest.ExportRecord{Row: 2, Title: title, Source: title, Author: title, Date: "2024-03-05",
			Body: "中国工商银行北京分行今年以来累计发放普惠小微贷款27亿元，服务小微企业1500余户。"}, "export.csv", "csv")
		a, err := ingest.Parse("x-0002.md", post)
		if err != nil {
			t.Fatalf("%q: %v\n%s", title, err, post)
		}
		source := strings.TrimSuffix(title, ":") // a source's trailing colon is cut (来源:)
		if a.Title != title || a.Source != source || a.Date != "2024-03-05" {
			t.Errorf("title %q reads back as title %q source %q date %q from\n%s", title, a.Title, a.Source, a.Date, post)
		}
	}
}

// An export that cannot be split says what it lacks.
func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"book.xlsx":   "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\x00\x00\x00\x00\x00\x00\x00\x00",
		"old.xls":     "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
		"sheet.ods":   "PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
		"codes.csv":   "代码,名称\n601398,工商银行\n601288,农业银行\n",
		"empty.csv":   "标题,正文\n",
		"broken.json": `{"list": [{"title": "a"`,
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(content), 0o644)
		_, err := File(path, filepath.Join(dir, "out"))
		want := map[string]string{
			"book.xlsx":   "not a readable .xlsx workbook",
			"old.xls":     `not a readable Excel 97–2003 workbook`,
			"sheet.ods":   "not a readable .ods spreadsheet",
			"codes.csv":   `no column of article text among "代码", "名称"`,
			"empty.csv":   "no rows of articles",
			"broken.json": "not JSON",
		}[name]
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Errorf("a failed split made the output folder")
	}
}

// A split after the export lost rows removes the files it wrote for them,
// and nothing else: not a file of another export in the same folder, not
// one written by hand under a name like theirs.
func TestFileRemovesStale(t *testing.T) {
	arts := samples.Articles(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "articles")
	for _, name := range []string{"export.csv", "舆情: 导出.csv"} { // the second's front matter is quoted
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(exportCSV(t, arts, ',')), 0o644); err != nil {
			t.Fatal(err)
		}
		if s, err := File(path, out); err != nil || s.Written != 5 || len(s.Removed) != 0 {
			t.Fatalf("%s: wrote %d, removed %q, error %v; want 5, none", name, s.Written, s.Removed, err)
		}
	}
	hand := filepath.Join(out, "export-0099.md")
	if err := os.WriteFile(hand, []byte("---\ntitle: 手写\n---\n正文\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"export.csv", "舆情: 导出.csv"} {
		// the last two articles gone from the export
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(exportCSV(t, arts[:3], ',')), 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := File(path, out)
		if err != nil {
			t.Fatal(err)
		}
		stem := strings.TrimSuffix(name, ".csv")
		want := []string{filepath.Join(out, stem+"-0006.md"), filepath.Join(out, stem+"-0007.md")}
		if s.Unchanged != 3 || !slices.Equal(s.Removed, want) {
			t.Errorf("%s again with 3 articles: %d unchanged, removed %q; want 3 and %q", name, s.Unchanged, s.Removed, want)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 3+3+1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %q, want the 3 articles of each export and the file written by hand", names)
	}
}
