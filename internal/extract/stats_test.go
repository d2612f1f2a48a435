package extract

import (
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// The first lines of -stats say "1 article", "1 names", "1 bank", not
// "1 articles".
func TestStatsInTheSingular(t *testing.T) {
	one := model.Facts{ID: "a", PrimaryBank: "广发银行", Banks: []model.BankMention{{Name: "广发银行", Type: "joint_stock"}}}
	var b strings.Builder
	if err := WriteStats(&b, []model.Facts{one}); err != nil {
		t.Fatal(err)
	}
	want := "1 article, 0 skipped; 1 names a primary bank; 1 distinct bank named\n\nthemes (articles; 1 article has none)\n"
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("stats of one article:\n%s\nwant it to begin with\n%s", b.String(), want)
	}
	two := one
	two.ID, two.Themes = "b", []model.ThemeScore{{ID: "fee_reduction"}}
	b.Reset()
	WriteStats(&b, []model.Facts{one, two})
	want = "2 articles, 0 skipped; 2 name a primary bank; 1 distinct bank named\n\nthemes (articles; 1 article has none)\n"
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("stats of two articles:\n%s\nwant it to begin with\n%s", b.String(), want)
	}
}
