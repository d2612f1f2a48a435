package aggregate_test

import (
	"os"
	"testing"

	"github.com/bankbrief/bankbrief/internal/aggregate"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/pipeline"
)

// BenchmarkClassifyFacts classifies every metric of the 10,000-article
// benchmark corpus's facts (made by .ci/bench; skipped when absent):
// go test -run ^$ -bench ClassifyFacts ./internal/aggregate
func BenchmarkClassifyFacts(b *testing.B) {
	fh, err := os.Open("/tmp/bankbrief-bench/facts10000.jsonl")
	if err != nil {
		b.Skip(err)
	}
	defer fh.Close()
	facts, err := pipeline.ReadFacts(fh)
	if err != nil {
		b.Skip(err)
	}
	var ms []*model.Metric
	for i := range facts {
		for j := range facts[i].Metrics {
			ms = append(ms, &facts[i].Metrics[j])
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range ms {
			aggregate.Classify(m)
		}
	}
}
