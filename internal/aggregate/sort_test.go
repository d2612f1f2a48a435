package aggregate

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// sortArticles sorts rows in articleOrder, of facts of their dates and IDs.
func sortArticles(rows []model.ArticleRow) {
	facts := make([]*model.Facts, len(rows))
	for i, a := range rows {
		facts[i] = &model.Facts{ID: a.ID, Date: a.Date}
	}
	sorted := make([]model.ArticleRow, len(rows))
	for i, k := range articleOrder(facts) {
		sorted[i] = rows[k]
	}
	copy(rows, sorted)
}

// sortArticlesRef is the sort articleOrder replaced.
func sortArticlesRef(rows []model.ArticleRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.ID < b.ID
	})
}

func TestSortArticlesMatchesStableSort(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{0, 1, 2, 7, 100, 5000} {
		rows := make([]model.ArticleRow, n)
		for i := range rows {
			// Few dates and IDs, so that many rows tie and stability shows.
			date := ""
			if rng.Intn(5) > 0 {
				date = fmt.Sprintf("2022-0%d-1%d", 1+rng.Intn(3), rng.Intn(3))
			}
			rows[i] = model.ArticleRow{ID: fmt.Sprintf("a%d", rng.Intn(n/3+1)), Date: date, File: fmt.Sprintf("f%05d", i)}
		}
		want := make([]model.ArticleRow, n)
		copy(want, rows)
		sortArticlesRef(want)
		sortArticles(rows)
		if !reflect.DeepEqual(rows, want) {
			t.Fatalf("%d rows: order differs from sort.SliceStable's", n)
		}
	}
}

// TestSortArticlesLongKeys: dates and IDs longer than the 16 bytes
// articleOrder packs, sharing them, with zero bytes and prefixes of each
// other, are sorted as sort.SliceStable sorts them.
func TestSortArticlesLongKeys(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	pieces := []string{"", "\x00", "a", "2022-01-05", "2022-01-05\x00", "0000000000000000", "000000000000000", "\xff", "z"}
	key := func() string {
		var b strings.Builder
		for k := rng.Intn(4); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return b.String()
	}
	for n := 0; n < 300; n++ {
		rows := make([]model.ArticleRow, rng.Intn(60))
		for i := range rows {
			rows[i] = model.ArticleRow{ID: key(), Date: key(), File: fmt.Sprint(i)}
		}
		want := make([]model.ArticleRow, len(rows))
		copy(want, rows)
		sortArticlesRef(want)
		sortArticles(rows)
		if !reflect.DeepEqual(rows, want) {
			t.Fatalf("%d rows: order differs from sort.SliceStable's:\n%+v\n%+v", len(rows), rows, want)
		}
	}
}

func BenchmarkSortArticles(b *testing.B) {
	rows := make([]model.ArticleRow, 50_000)
	for i := range rows {
		rows[i] = model.ArticleRow{ID: fmt.Sprintf("g%07d", (i*7919)%50_000), Date: fmt.Sprintf("2022-%02d-%02d", 1+i%12, 1+i%28)}
	}
	work := make([]model.ArticleRow, len(rows))
	for _, impl := range []struct {
		name string
		sort func([]model.ArticleRow)
	}{{"indexes", sortArticles}, {"SliceStable", sortArticlesRef}} {
		b.Run(impl.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				copy(work, rows)
				impl.sort(work)
			}
		})
	}
}
