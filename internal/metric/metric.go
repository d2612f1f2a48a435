// Package metric finds the metrics in a sentence: every figure that measures
// what a bank did, with its normalised value, unit, metric type and
// qualifier (see ../shared/spec/vocabulary.md). It builds on internal/cnnum
// for the numbers themselves. Input: text; output: model.Metric values
// (without theme and bank, which internal/extract assigns) and warnings.
package metric

import "github.com/bankbrief/bankbrief/internal/model"

// Find returns the metrics in text, in order. Each Metric has Text, Value,
// ValueHigh, Unit, Type, Qualifier set and Offset as the rune offset of Text
// within text; Sentence, Theme and Bank are left to the caller. warnings
// lists problems such as a qualifier whose digits are missing
// ("digits missing near: 新入职余人").
func Find(text string) (metrics []model.Metric, warnings []string) {
	return nil, nil
}
