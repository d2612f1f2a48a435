// Package samples gives tests the five sample articles as ingest reads
// them (title, date, source, URL, cleaned text): what an export of many
// articles holds of each, for the tests that write exports (split,
// pipeline). It is apart from testutil, which ingest's own tests use.
package samples

import (
	"testing"

	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// Articles reads the five sample articles, in file name order.
func Articles(t testing.TB) []model.Article {
	t.Helper()
	var arts []model.Article
	for _, path := range testutil.SeedFiles(t) {
		a, err := ingest.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		arts = append(arts, a)
	}
	return arts
}
