package ingest

import (
	"strings"
	"testing"
)

// A saved page's assets, documents and media are known by their extension;
// every form the README says bankbrief reads is left to the content.
func TestSkipName(t *testing.T) {
	for name, want := range map[string]string{
		"page_files/app.js":     "a script (.js), not an article",
		"page_files/vendor.mjs": "a script (.mjs), not an article",
		"page_files/style.CSS":  "a style sheet (.css), not an article",
		"page_files/app.js.map": "a source map (.map), not an article",
		"stats.numbers":         "a spreadsheet (.numbers), not read: an export of articles is read when saved as .xlsx or \"CSV UTF-8\"",
		"slides.pptx":           "a presentation (.pptx), not an article",
		"logo.png":              "an image (.png), not an article",
		"icons.svg":             "an image (.svg), not an article",
		"favicon.ico":           "an image (.ico), not an article",
		"font.woff2":            "a font (.woff2), not an article",
		"font.ttf":              "a font (.ttf), not an article",
		"pages.zip":             "an archive (.zip), not an article",
		"新闻稿.docx":              "a Word document (.docx), not read: save the article as .html or .txt",
		"年报.PDF":                "a PDF document (.pdf), not read: save the article as .html or .txt",
	} {
		if got := SkipName(name); got != want {
			t.Errorf("SkipName(%q) = %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{"page.html", "page.htm", "page.shtml", "post.md", "post.markdown", "scraped.txt",
		"api.json", "template.php", "page.asp", "page.jsp", "README", "w0012", "2022-01/page-0042.html", "dir.js/post.txt",
		"export.doc", "export.xls", "export.rtf", "export.wps", "export.et"} { // a site's "export to Word": content decides
		if got := SkipName(name); got != "" {
			t.Errorf("SkipName(%q) = %q, want it read", name, got)
		}
	}
	// exports of many articles are read as such (ReadExport), by name
	for name, want := range map[string][2]bool{"page_files/data.csv": {true, false}, "export.TSV": {true, false},
		"stats.xlsx": {true, false}, "macro.xlsm": {true, false}, "dump.jsonl": {true, false}, "dump.ndjson": {true, false},
		"web.xls": {false, true}, "web.et": {false, true}, "api.json": {false, false}, "stats.ods": {true, false}, "stats.numbers": {false, false}} {
		if export, maybe := ExportName(name); export != want[0] || maybe != want[1] {
			t.Errorf("ExportName(%q) = %v, %v, want %v", name, export, maybe, want)
		}
		if export, _ := ExportName(name); export && SkipName(name) != "" {
			t.Errorf("SkipName(%q) = %q, want it read as an export", name, SkipName(name))
		}
	}
	for ext, kind := range notArticles {
		if !strings.HasPrefix(ext, ".") || ext != strings.ToLower(ext) || kind == "" {
			t.Errorf("notArticles[%q] = %q", ext, kind)
		}
	}
}

// TestExportedDocuments: a page a site exported "to Word" (HTML saved as
// .doc) is read; a real Word file with that name is skipped with the
// document's reason, not "binary file".
func TestExportedDocuments(t *testing.T) {
	page := "<html><head><title>工行深圳分行开展金融知识宣传</title></head><body><h1>工行深圳分行开展金融知识宣传</h1><p>2024年3月1日</p><p>工商银行深圳市分行近日开展金融知识宣传活动，共举办讲座30场，惠及群众5000余人。</p></body></html>"
	a, err := Parse("导出.doc", []byte(page))
	if err != nil || !strings.Contains(a.Body, "30场") {
		t.Errorf("an HTML page saved as .doc: %v, body %q", err, a.Body)
	}
	word := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	_, err = Parse("报告.doc", word)
	if err == nil || !strings.HasPrefix(err.Error(), "a Word document (.doc), not read") {
		t.Errorf("a real Word file: %v", err)
	}
}
