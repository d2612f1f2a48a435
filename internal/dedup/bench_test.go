package dedup_test

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/model"
)

// synthetic makes n fingerprints of articles mixing stock phrases of the
// seeds (so unrelated articles share common wording, as real ones on one
// subject do) with article-specific text (random common characters and
// figures), one in twenty being a truncated copy of an earlier one.
func synthetic(b testing.TB, n int) []model.Facts {
	var pool [][]rune
	for _, s := range seeds(b) {
		rs := []rune(s)
		for i := 0; i+8 <= len(rs); i += 3 {
			pool = append(pool, rs[i:i+8])
		}
	}
	r := rand.New(rand.NewSource(int64(n)))
	out := make([]model.Facts, n)
	bodies := make([][]rune, n)
	for i := range out {
		var body []rune
		if i > 0 && i%20 == 0 {
			src := bodies[r.Intn(i)]
			body = src[:len(src)*2/3]
		} else {
			for size := 400 + r.Intn(1200); len(body) < size; {
				if r.Intn(10) < 3 {
					body = append(body, pool[r.Intn(len(pool))]...)
				} else {
					for k := 0; k < 8; k++ {
						body = append(body, rune(0x4e00+r.Intn(3500)))
					}
				}
			}
		}
		bodies[i] = body
		out[i] = model.Facts{ID: fmt.Sprintf("a%07d", i), Date: "2022-01-01", Chars: len(body), Fingerprint: dedup.Fingerprint(string(body))}
	}
	return out
}

// BenchmarkMark shows Mark's cost per article stays flat from 20k to 200k
// articles (LSH buckets, no all-pairs comparison). Run with
// go test -run ^$ -bench Mark -benchtime 1x ./internal/dedup
func BenchmarkMark(b *testing.B) {
	for _, n := range []int{20_000, 200_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			facts := synthetic(b, n)
			b.ResetTimer()
			var clusters []model.Cluster
			for i := 0; i < b.N; i++ {
				clusters = dedup.Mark(facts)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/article")
			copies := 0
			for _, c := range clusters {
				copies += len(c.Copies)
			}
			b.ReportMetric(float64(copies), "copies")
		})
	}
}

func BenchmarkFingerprint(b *testing.B) {
	body := seeds(b)[3]
	b.SetBytes(int64(len(body)))
	for i := 0; i < b.N; i++ {
		dedup.Fingerprint(body)
	}
}
