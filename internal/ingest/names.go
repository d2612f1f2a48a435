package ingest

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// notArticles are the extensions of files that are never articles: a
// saved page's assets (a browser's "save page, complete" puts scripts,
// style sheets, images, fonts and data beside page.html in page_files/),
// documents bankbrief does not read, archives and media. Their text, read
// as an article, gave fake articles (a .js file's strings, a .csv's
// figures). Every extension bankbrief reads as an article — .html, .htm,
// .shtml, .php, .asp, .jsp, .md, .markdown, .txt, .json, none — is absent.
var notArticles = map[string]string{}

func init() {
	for kind, exts := range map[string]string{
		"a script":                 ".js .mjs .cjs .ts .jsx .tsx .wasm",
		"a style sheet":            ".css .scss .less",
		"a source map":             ".map",
		"a spreadsheet":            ".numbers",
		"a presentation":           ".ppt .pptx .odp",
		"an image":                 ".png .jpg .jpeg .gif .svg .ico .webp .bmp .tif .tiff .avif .heic",
		"a font":                   ".woff .woff2 .ttf .otf .eot .ttc",
		"an archive":               ".zip .gz .tgz .bz2 .xz .7z .rar .tar",
		"audio or video":           ".mp3 .mp4 .m4a .wav .ogg .webm .avi .mov .flv .swf",
		"a Word document":          ".docx .odt",
		"a PDF document":           ".pdf",
		"an e-book":                ".epub .mobi",
		"a program or its library": ".exe .dll .so .dylib",
	} {
		for _, ext := range strings.Fields(exts) {
			notArticles[ext] = kind
		}
	}
}

// textual are the extensions a site's "export to Word/Excel" gives to what
// is an HTML page: their content decides (Parse), and only when it is
// binary — a real Word file — is the file skipped, with the reason its
// kind gives (DocumentReason). A real Excel file is read as an export of
// many articles (ExportName: maybe) before Parse sees it.
var textual = map[string]string{".doc": "a Word document", ".rtf": "a Word document", ".wps": "a Word document",
	".xls": "a spreadsheet", ".et": "a spreadsheet"}

// DocumentReason returns the reason to give for a file whose content is
// binary when its extension names a document (报告.doc): not read, and
// what to do; "" for other extensions.
func DocumentReason(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	kind, ok := textual[ext]
	if !ok {
		return ""
	}
	if kind == "a Word document" {
		return kind + " (" + ext + "), not read: save the article as .html or .txt"
	}
	return kind + " (" + ext + "), not an article"
}

// exportNames are the extensions of exports of many articles: a file so
// named is read with ReadExport, never as one article. maybeExportNames
// may be either: an Excel 97–2003 file or a web system's "export to Excel"
// (an HTML table of articles saved as .xls) is an export, a site's "save
// as Excel" one article's page.
var (
	exportNames      = map[string]bool{".csv": true, ".tsv": true, ".xlsx": true, ".xlsm": true, ".ods": true, ".jsonl": true, ".ndjson": true}
	maybeExportNames = map[string]bool{".xls": true, ".et": true}
)

// ExportName says how the extension of path has a file read: export, as an
// export of many articles (ReadExport); maybe, as one when it is a binary
// workbook (IsBinaryDocument) or ReadExport finds a table of articles in
// it, else as an article.
func ExportName(path string) (export, maybe bool) {
	ext := strings.ToLower(filepath.Ext(path))
	return exportNames[ext], maybeExportNames[ext]
}

// NotExportReason is the skip reason of a file named as an export of many
// articles (ExportName) that ReadExport could not read: its kind and what
// it lacks ("a data table (.csv), not an export of articles: no column of
// article text among …"), a saved page's data table most often.
func NotExportReason(path string, err error) string {
	if errors.Is(err, errBIFF5) || errors.Is(err, errDamaged) || errors.Is(err, errNoWorkbook) || errors.Is(err, errEncrypted) || errors.Is(err, errWorkbook) {
		return err.Error() // says what the file is, and what to do
	}
	ext := strings.ToLower(filepath.Ext(path))
	kind := "a data table" // .csv, .tsv
	switch ext {
	case ".xlsx", ".xlsm", ".xls", ".et", ".ods":
		kind = "a spreadsheet"
	case ".jsonl", ".ndjson":
		kind = "JSON Lines"
	}
	return fmt.Sprintf("%s (%s), not an export of articles: %v", kind, ext, err)
}

// SkipName returns why the file at path is not read as an article, judged
// by its extension alone, or "" when its content decides (Parse). The
// pipeline asks before reading a file.
func SkipName(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	kind, ok := notArticles[ext]
	if !ok {
		return ""
	}
	switch kind {
	case "a Word document", "a PDF document", "an e-book":
		return kind + " (" + ext + "), not read: save the article as .html or .txt"
	case "a spreadsheet":
		// a Numbers sheet (.csv, .tsv, .xlsx and .ods are read as exports:
		// ExportName)
		return kind + " (" + ext + "), not read: an export of articles is read when saved as .xlsx or \"CSV UTF-8\""
	}
	return kind + " (" + ext + "), not an article"
}
