package aggregate

import "github.com/bankbrief/bankbrief/internal/model"

// Classify and RefClassify give the external tests the classification and
// its reference (ref_balance_test.go).
func Classify(m *model.Metric) (model.NotSummed, bool)    { return classify(m) }
func RefClassify(m *model.Metric) (model.NotSummed, bool) { return refClassify(m) }

// Fold is fold, for the external tests.
func Fold(s string) string { return fold(s) }
