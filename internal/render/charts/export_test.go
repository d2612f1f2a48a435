package charts

import (
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// Exported for the external tests of corpus_test.go, which run the real
// pipeline (and cannot live in this package: the pipeline imports it).

type TestBrowser = browser
type ChartState = chartState
type DrillRow = drillRow

func NewTestBrowser(t *testing.T) *TestBrowser      { return newBrowser(t) }
func (b *browser) Open(t *testing.T, path string)   { b.open(t, path) }
func (b *browser) Charts(t *testing.T) []chartState { return b.charts(t) }
func (b *browser) ClickBar(t *testing.T, id string, s, i int) []drillRow {
	return b.clickBar(t, id, s, i)
}
func (b *browser) Check(t *testing.T)                        { b.check(t) }
func SavePage(t *testing.T, name string, page []byte) string { return save(t, name, page) }
func TopBank(r *model.Report) model.BankRow                  { return newBuilder(r, r.Lang).sortedBanks()[0] }
