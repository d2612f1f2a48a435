package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/split"
)

const splitHelp = `Usage: bankbrief split [-out DIR] FILE...

Turns an export holding many articles into a folder of article files: an
Excel workbook (.xlsx or .xls, its first sheet with rows) or an .ods, a
CSV or TSV table (UTF-8, GBK or UTF-16) whose first row names the columns,
JSON Lines (one article object a line), or a JSON list of article objects. Each article becomes DIR/NAME-ROW.md, a post
with front matter (title, date, source, author, url, and the export and row
it came from) and then its text. build and extract read an export as it
is too; split it to keep its articles as files (to read or correct one, or
to add others beside them).

The columns are found by name — 标题/title, 正文/内容/content, 发布时间/日期/
date, 来源/媒体/source, 作者/author, 链接/url and the like — and the text,
when no name says which, is the column with the longest cells. Rows without
text are left out and listed. Running it again rewrites only what changed,
and removes the files it wrote for rows the export no longer has.
An Excel 97–2003 .xls is read, and so is an .xls that is an HTML table (a
web system's "export to Excel"), and an OpenDocument .ods; an Excel 5.0/95
or a Numbers file is not: save it as .xlsx or "CSV UTF-8" first.

Example:
  bankbrief split 舆情导出-2024Q1.csv -out articles/2024Q1
  bankbrief build -in articles/2024Q1 -quarter 2024Q1 -out reports/2024Q1
`

func cmdSplit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("split", splitHelp, stderr)
	out := fs.String("out", "articles", "folder to write the article files in")
	quiet := fs.Bool("quiet", false, "print only errors")
	bare, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(bare) == 0 {
		fmt.Fprintln(stderr, "bankbrief split: give the export to split, e.g. 'bankbrief split export.csv -out articles/export'")
		return 2
	}
	failed := 0
	for _, path := range bare {
		s, err := split.File(path, *out)
		if err != nil {
			fmt.Fprintf(stderr, "bankbrief split: %s: %v\n", path, err)
			failed++
			continue
		}
		if *quiet {
			continue
		}
		ex := s.Export
		fmt.Fprintf(stdout, "%s: %s; %s\n", path, formatName(ex.Format), columnList(ex.Columns))
		for _, w := range ex.Warnings {
			fmt.Fprintf(stdout, "  note: %s\n", w)
		}
		line := fmt.Sprintf("wrote %s to %s", count(s.Written, "article"), *out)
		if s.Unchanged > 0 {
			line += fmt.Sprintf(" (%d unchanged)", s.Unchanged)
		}
		if n := len(s.Removed); n > 0 {
			line += fmt.Sprintf("; removed %s of rows no longer in it", count(n, "file"))
		}
		if n := len(ex.Skipped); n > 0 {
			line += fmt.Sprintf("; %s left out", count(n, "row"))
		}
		fmt.Fprintln(stdout, line)
		for _, sk := range ex.Skipped {
			fmt.Fprintf(stdout, "  left out %s\n", sk)
		}
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// formatName says what kind of export a file was.
func formatName(f string) string {
	switch f {
	case "csv":
		return "a CSV table"
	case "tsv":
		return "a tab-separated table"
	case "jsonl":
		return "JSON Lines"
	case "xlsx":
		return "an Excel workbook"
	case "xls":
		return "an Excel 97–2003 workbook"
	case "ods":
		return "an OpenDocument spreadsheet"
	case "html":
		return "an HTML table (a web system's export to Excel)"
	}
	return "a JSON list"
}

// columnList lists the columns found: 标题 → title, 正文 → text.
func columnList(cols map[string]string) string {
	order := []string{ingest.RoleTitle, ingest.RoleDate, ingest.RoleSource, ingest.RoleAuthor, ingest.RoleURL, ingest.RoleBody}
	var parts []string
	for _, role := range order {
		if c, ok := cols[role]; ok {
			name := role
			if role == ingest.RoleBody {
				name = "text"
			}
			parts = append(parts, c+" → "+name)
		}
	}
	return "columns " + strings.Join(parts, ", ")
}
