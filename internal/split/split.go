// Package split is a step before the pipeline, beside fetch: it turns an
// export holding many articles — an Excel workbook or a CSV or TSV table
// from a monitoring platform, JSON Lines, or a JSON list of article
// objects, read by ingest.ReadExport — into a folder of article files, one Jekyll-style post
// per article: front matter (title, date, source, author, url, and the
// export and row it came from) and then its text. build and extract read
// them as any other article, and the workbook's 文件 column points at the
// one file an article came from. build and extract also read an export as
// it is: each record as its Post (internal/pipeline), so that both ways
// give the same facts.
package split

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/bankbrief/bankbrief/internal/ingest"
)

// Summary is what File did.
type Summary struct {
	Export    ingest.Export
	Written   int      // article files written (new or changed)
	Unchanged int      // article files already there with the same bytes
	Files     []string // every article file of the export, in its order
}

// File reads the export at path and writes its articles into the folder
// out (made if missing), each as NAME-ROW.md, NAME being the export's base
// name without extension and ROW its row (zero-padded to four digits or
// more, so that the files list in the export's order). A file already
// there with the same bytes is left alone (a rebuild's cache then sees it
// unchanged); one with other bytes is replaced.
func File(path, out string) (Summary, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Summary{}, err
	}
	ex, err := ingest.ReadExport(path, data)
	if err != nil {
		return Summary{}, err
	}
	s := Summary{Export: ex}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return s, err
	}
	base := filepath.Base(path)
	width := RowWidth(ex)
	for _, r := range ex.Records {
		name := filepath.Join(out, Name(path, r.Row, width))
		post := Post(r, base, ex.Format)
		s.Files = append(s.Files, name)
		if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, post) {
			s.Unchanged++
			continue
		}
		if err := writeFile(name, post); err != nil {
			return s, err
		}
		s.Written++
	}
	return s, nil
}

// RowWidth is the width rows are numbered with in the names of an
// export's articles: four digits, or more for a longer export, so that the
// names sort in the export's order.
func RowWidth(ex ingest.Export) int {
	width := 4
	if n := len(ex.Records); n > 0 {
		width = max(width, len(strconv.Itoa(ex.Records[n-1].Row)))
	}
	if n := len(ex.Skipped); n > 0 {
		width = max(width, len(strconv.Itoa(ex.Skipped[n-1].Row)))
	}
	return width
}

// Name is the file name of the article of row in the export at path:
// NAME-ROW.md, NAME the export's base name without its extension, ROW
// zero-padded to width (RowWidth).
func Name(path string, row, width int) string {
	base := filepath.Base(path)
	return fmt.Sprintf("%s-%0*d.md", strings.TrimSuffix(base, filepath.Ext(base)), width, row)
}

// writeFile writes a file through a temporary one, so that an interrupted
// run leaves no half article behind.
func writeFile(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, name)
}

// Post is the article file of one record: front matter, then the text.
// from names the export, format its kind (for the row's name); with from
// "" the post does not say where it came from (so that its bytes do not
// change when the record moves to another row).
func Post(r ingest.ExportRecord, from, format string) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	field := func(key, value string) {
		if value != "" {
			b.WriteString(key + ": " + yamlScalar(value) + "\n")
		}
	}
	field("title", r.Title)
	field("date", r.Date)
	field("source", r.Source)
	field("author", r.Author)
	field("url", r.URL)
	if from != "" {
		field("export", fmt.Sprintf("%s %s %d", from, ingest.RowWord(format), r.Row))
	}
	b.WriteString("---\n")
	body := strings.ReplaceAll(r.Body, "\r\n", "\n")
	b.WriteString(strings.TrimSpace(body))
	b.WriteString("\n")
	return b.Bytes()
}

// yamlScalar writes a value of the front matter: as it is when YAML reads
// it back as the same string, else double-quoted (Go's escapes are YAML's).
func yamlScalar(s string) string {
	if plainYAML(s) {
		return s
	}
	return strconv.Quote(s)
}

// plainYAML says whether s reads back from YAML unquoted as the same text:
// no indicator first, no ": " or " #", no line break or ASCII quote, and
// not a word YAML reads as another type (true, null, 3.5).
func plainYAML(s string) bool {
	if s == "" || s != strings.TrimSpace(s) || strings.ContainsAny(s, "\n\r\t\"'\\`") ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>%@", rune(s[0])) {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		return false
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return false
	}
	return true
}
