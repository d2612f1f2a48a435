package pipeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/cache"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/split"
	"github.com/bankbrief/bankbrief/internal/testutil/samples"
)

// exportFolder writes a folder as an analyst's may hold: the sample
// articles in a platform's CSV (a row without text as row 3), in JSON
// Lines, as an API's JSON list saved as .txt and in workbooks (excelize's
// .xlsx, LibreOffice's Excel 97–2003 .xls and OpenDocument .ods, from
// split's tests); beside them a page's data table that is no export,
// a page saved as .xls, and a facts file from an earlier run.
func exportFolder(t *testing.T, arts []model.Article) string {
	dir := t.TempDir()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"文章标题", "发布时间", "媒体名称", "原文链接", "正文"})
	for i, a := range arts {
		if i == 1 {
			w.Write([]string{"一条没有正文的记录", "2024-01-01", "某网", "", ""})
		}
		w.Write([]string{a.Title, a.Date, a.Source, a.URL, a.Body})
	}
	w.Flush()
	write(t, filepath.Join(dir, "舆情导出.csv"), "\uFEFF"+b.String())
	var lines []string
	for _, a := range arts {
		line, _ := json.Marshal(map[string]string{"title": a.Title, "pubDate": a.Date, "source": a.Source, "url": a.URL, "content": a.Body})
		lines = append(lines, string(line))
	}
	write(t, filepath.Join(dir, "dump.jsonl"), strings.Join(lines, "\n")+"\n")
	write(t, filepath.Join(dir, "api.txt"), `{"code":0,"data":{"list":[`+strings.Join(lines[:3], ",")+`]}}`)
	wb, err := os.ReadFile(filepath.Join("..", "split", "testdata", "excelize.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "book.xlsx"), string(wb))
	old, err := os.ReadFile(filepath.Join("..", "split", "testdata", "libreoffice.xls"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "old.xls"), string(old))
	ods, err := os.ReadFile(filepath.Join("..", "split", "testdata", "libreoffice.ods"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "calc.ods"), string(ods))
	write(t, filepath.Join(dir, "page_files", "data.csv"), "年份,贷款余额\n2021,120\n2022,135\n")
	write(t, filepath.Join(dir, "saved.xls"), "<html><head><title>"+arts[0].Title+"</title></head><body><h1>"+arts[0].Title+
		"</h1><p>"+strings.ReplaceAll(arts[0].Body, "\n", "</p><p>")+"</p></body></html>")
	write(t, filepath.Join(dir, "old", "facts.jsonl"), `{"id":"a","file":"a.txt","title":"","date":"","quarter":"unknown","source":"","url":"","chars":0,"primary_bank":"","banks":[],"themes":[],"metrics":[],"duplicate_of":"","warnings":[]}`+"\n")
	return dir
}

// build and extract read an export of many articles as the files split
// writes of it: each record is a line of its own, named by the export and
// its row, with the same facts as the split file gives; a row without
// text is a skipped line; what is no export is read or skipped as before.
func TestFactsReadExports(t *testing.T) {
	arts := samples.Articles(t)
	dir := exportFolder(t, arts)
	facts, _ := Facts([]string{dir}, Options{})
	byFile := map[string]model.Facts{}
	for _, f := range facts {
		byFile[strings.TrimPrefix(f.File, dir+string(filepath.Separator))] = f
	}
	var files []string
	for f := range byFile {
		files = append(files, f)
	}
	want := map[string]string{ // file → ID, or the skip reason after "skipped: "
		"舆情导出.csv#0002": "舆情导出-0002", "舆情导出.csv#0003": "skipped: no text", "舆情导出.csv#0004": "舆情导出-0004", "舆情导出.csv#0007": "舆情导出-0007",
		"dump.jsonl#0001": "dump-0001", "dump.jsonl#0005": "dump-0005",
		"api.txt#0001": "api-0001", "api.txt#0003": "api-0003",
		"book.xlsx#0003": "book-0003", "book.xlsx#0007": "book-0007",
		"old.xls#0002": "old-0002", "old.xls#0006": "old-0006", "old.xls": "",
		"calc.ods#0002": "calc-0002", "calc.ods#0006": "calc-0006", "calc.ods": "",
		"saved.xls":                  "saved",
		"page_files/data.csv":        "skipped: no column of article text",
		"old/facts.jsonl":            "skipped: " + factsFileReason,
		"舆情导出.csv":                   "",
		"dump.jsonl":                 "",
		"book.xlsx":                  "",
		"api.txt":                    "",
		filepath.Join("x", "absent"): "",
	}
	for file, w := range want {
		f, ok := byFile[filepath.FromSlash(file)]
		switch {
		case w == "" && ok:
			t.Errorf("%s has a line of its own (%q), want only its records'", file, f.Skipped)
		case w == "":
		case !ok:
			t.Errorf("no line for %s; lines: %q", file, files)
		case strings.HasPrefix(w, "skipped: "):
			if !strings.Contains(f.Skipped, strings.TrimPrefix(w, "skipped: ")) {
				t.Errorf("%s: skipped %q, want %q", file, f.Skipped, w)
			}
		case f.Skipped != "" || f.ID != w:
			t.Errorf("%s: ID %q skipped %q, want ID %q", file, f.ID, f.Skipped, w)
		}
	}
	if n := len(facts); n != 5+1+5+3+5+5+5+3 {
		t.Errorf("%d lines, want 32 (28 records, a row without text, the .xls page, the data table, the facts file): %q", n, files)
	}
	if rows, exports := ExportRows(facts); rows != 29 || exports != 6 {
		t.Errorf("ExportRows = %d rows of %d exports, want 29 of 6", rows, exports)
	}

	// The same facts as the files split writes.
	splitDir := t.TempDir()
	for _, name := range []string{"舆情导出.csv", "dump.jsonl", "api.txt", "book.xlsx", "old.xls", "calc.ods"} {
		if _, err := split.File(filepath.Join(dir, name), splitDir); err != nil {
			t.Fatal(err)
		}
	}
	splitFacts, _ := Facts([]string{splitDir}, Options{})
	if len(splitFacts) != 28 {
		t.Fatalf("split wrote %d articles, want 28", len(splitFacts))
	}
	same := func(f model.Facts) string {
		f.File, f.DuplicateOf, f.Warnings = "", "", nil // duplicates are marked among other files
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	got := map[string]string{}
	for _, f := range facts {
		got[f.ID] = same(f)
	}
	for _, f := range splitFacts {
		if g := got[f.ID]; g != same(f) {
			t.Errorf("%s read from the export:\n%s\nwant, as split writes it:\n%s", f.ID, g, same(f))
		}
	}
	// An article read from an export is the sample article itself: the
	// copies are marked as duplicates of one another.
	dups := 0
	for _, f := range facts {
		if f.DuplicateOf != "" {
			dups++
		}
	}
	if dups < 23 {
		t.Errorf("%d duplicates among 28 records of 5 articles and the page, want at least 23", dups)
	}
}

// A rebuild extracts only the records it has not seen: the cache knows a
// record by its post, whatever row it moved to.
func TestExportCache(t *testing.T) {
	arts := samples.Articles(t)
	dir := t.TempDir()
	csvOf := func(arts []model.Article) string {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Write([]string{"标题", "日期", "来源", "内容"})
		for _, a := range arts {
			w.Write([]string{a.Title, a.Date, a.Source, a.Body})
		}
		w.Flush()
		return b.String()
	}
	path := filepath.Join(dir, "in", "export.csv")
	write(t, path, csvOf(arts[:3]))
	cacheDir := filepath.Join(dir, "cache")
	run := func() (lines, hits int) {
		c := cache.Open(cacheDir, []byte("test"))
		facts, _ := Facts([]string{filepath.Dir(path)}, Options{Cache: c})
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		return len(facts), c.Hits()
	}
	if n, hits := run(); n != 3 || hits != 0 {
		t.Fatalf("first run: %d lines, %d from the cache; want 3 and 0", n, hits)
	}
	if n, hits := run(); n != 3 || hits != 3 {
		t.Errorf("same export again: %d lines, %d from the cache; want 3 and 3", n, hits)
	}
	// two rows added, one at the top: the three known ones move down
	write(t, path, csvOf([]model.Article{arts[4], arts[0], arts[1], arts[2], arts[3]}))
	if n, hits := run(); n != 5 || hits != 3 {
		t.Errorf("two rows added: %d lines, %d from the cache; want 5 and 3", n, hits)
	}
}
