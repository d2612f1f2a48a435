// Package ingest is the first stage of the pipeline: files → model.Article.
// It sniffs the format from the content (front matter, full HTML page, scraped
// text), converts the charset (UTF-8, GBK/GB18030, UTF-16), takes the title,
// date, source and URL, and cleans site boilerplate out of the body.
package ingest

import (
	"github.com/bankbrief/bankbrief/internal/model"
)

// MaxFileSize is the largest file read; larger files are skipped.
const MaxFileSize = 64 << 20

// SkipError says why a file is not an article; Reason is for people
// ("empty", "binary file", "larger than the 64 MB limit").
type SkipError struct{ Reason string }

func (e *SkipError) Error() string { return e.Reason }

// Parse reads one article from the bytes of a file. name is the file's path
// (its base name without extension becomes the ID). A *SkipError says the
// bytes are not an article.
func Parse(name string, data []byte) (model.Article, error) {
	return model.Article{}, &SkipError{Reason: "not implemented"}
}

// ReadFile reads and parses one file, enforcing MaxFileSize.
func ReadFile(path string) (model.Article, error) {
	return model.Article{}, &SkipError{Reason: "not implemented"}
}
