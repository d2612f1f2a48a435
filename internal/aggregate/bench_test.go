package aggregate

import (
	"fmt"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// BenchmarkBuild aggregates n articles made from the sample's shapes (no
// duplicates: every article and metric is reported), to show the cost per
// article stays flat. Run with
// go test -run ^$ -bench Build -benchtime 1x ./internal/aggregate
func BenchmarkBuild(b *testing.B) {
	base := sample()
	for _, n := range []int{20_000, 200_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			facts := make([]model.Facts, n)
			for i := range facts {
				f := base[i%3] // the dated, reported ones
				f.ID = fmt.Sprintf("g%07d", i)
				f.File = "in/" + f.ID + ".txt"
				f.DuplicateOf = ""
				f.Date = fmt.Sprintf("2022-%02d-%02d", 1+i%12, 1+i%28)
				f.Quarter = model.Quarter(f.Date)
				facts[i] = f
			}
			b.ResetTimer()
			var r *model.Report
			for i := 0; i < b.N; i++ {
				r = Build(facts, Options{Lang: "zh", Generated: "2024-01-01"})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/article")
			if len(r.Metrics) == 0 {
				b.Fatal("no metrics aggregated")
			}
		})
	}
}
