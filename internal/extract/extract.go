// Package extract is the second stage: model.Article → model.Facts. It splits
// the body into sentences, finds banks (internal/bank), themes
// (internal/theme) and metrics (internal/metric), assigns each metric the
// theme and bank of its sentence (else paragraph, else heading), and picks
// the article's primary bank.
package extract

import (
	"github.com/bankbrief/bankbrief/internal/bank"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/theme"
)

// Extractor holds the registry and taxonomy; it is safe for concurrent use.
type Extractor struct {
	Banks  *bank.Registry
	Themes *theme.Taxonomy
}

// New returns an Extractor with the embedded registry and taxonomy.
func New() *Extractor { return &Extractor{Banks: bank.Default(), Themes: theme.Default()} }

// Extract returns the facts of one article.
func (x *Extractor) Extract(a model.Article) model.Facts {
	return model.Facts{
		ID: a.ID, File: a.File, Format: a.Format, Title: a.Title, TitleFromBody: a.TitleFromBody,
		Date: a.Date, Quarter: model.Quarter(a.Date), Source: a.Source, URL: a.URL,
		Chars: len([]rune(a.Body)), Banks: []model.BankMention{}, Themes: []model.ThemeScore{},
		Metrics: []model.Metric{}, Warnings: append([]string{}, a.Warnings...),
	}
}
