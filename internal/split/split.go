// Package split is a step before the pipeline, beside fetch: it turns an
// export holding many articles — a workbook (.xlsx, .xls, .ods) or a CSV or TSV table
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
	"io"
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
	// Removed are the files an earlier split of the export wrote for rows
	// it no longer has (or that moved).
	Removed []string
}

// File reads the export at path and writes its articles into the folder
// out (made if missing), each as NAME-ROW.md, NAME being the export's base
// name without extension and ROW its row (zero-padded to four digits or
// more, so that the files list in the export's order). A file already
// there with the same bytes is left alone (a rebuild's cache then sees it
// unchanged); one with other bytes is replaced. The files an earlier split
// of the same export wrote for rows it no longer has are removed (stale),
// so that the folder holds the export's articles and no others of it.
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
	removed, err := removeStale(out, path, s.Files)
	s.Removed = removed
	return s, err
}

// removeStale removes the files in out that a split of the export at path
// wrote (NAME-DIGITS.md, front matter naming the export) and that are not
// among keep: rows the export no longer has, or files of another width.
func removeStale(out, path string, keep []string) (removed []string, err error) {
	base := filepath.Base(path)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil, err
	}
	kept := make(map[string]bool, len(keep))
	for _, k := range keep {
		kept[filepath.Base(k)] = true
	}
	for _, e := range entries {
		name := e.Name()
		digits, ok := strings.CutPrefix(name, stem+"-")
		digits, ok2 := strings.CutSuffix(digits, ".md")
		if !ok || !ok2 || kept[name] || !e.Type().IsRegular() || len(digits) < 4 || strings.Trim(digits, "0123456789") != "" {
			continue
		}
		file := filepath.Join(out, name)
		head, err := readHead(file, 4096)
		if err != nil || exportOf(head) != base {
			continue // not written by split for this export
		}
		if err := os.Remove(file); err != nil {
			return removed, err
		}
		removed = append(removed, file)
	}
	return removed, nil
}

// exportOf returns the export a post written by Post names (its base
// name), or "".
func exportOf(head []byte) string {
	front, ok := bytes.CutPrefix(head, []byte("---\n"))
	if !ok {
		return ""
	}
	for _, line := range strings.Split(string(front), "\n") {
		if line == "---" {
			break
		}
		v, ok := strings.CutPrefix(line, "export: ")
		if !ok {
			continue
		}
		if u, err := strconv.Unquote(v); err == nil {
			v = u
		}
		// "NAME row 12", "NAME line 3", "NAME item 2"
		i := strings.LastIndexByte(v, ' ')
		j := strings.LastIndexByte(v[:max(i, 0)], ' ')
		if i < 0 || j < 0 {
			return ""
		}
		return v[:j]
	}
	return ""
}

// readHead returns the first n bytes of a file (fewer when it is shorter).
func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	k, err := io.ReadFull(f, b)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return b[:k], err
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
