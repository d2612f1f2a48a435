package xlsx_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/bankbrief/bankbrief/internal/aggregate"
	"github.com/bankbrief/bankbrief/internal/pipeline"
	"github.com/bankbrief/bankbrief/internal/render/xlsx"
)

// BenchmarkWriteFacts writes the workbook of a real archive: the report of
// the facts of the generated 50,000-article corpus (BANKBRIEF_BENCH_FACTS
// names another facts.jsonl), skipped when absent. The workbook goes to a
// file in a temporary folder, as in a build; the report is built once. It
// reports the CPU seconds of a write on all goroutines (cpu-s/op).
//
//	go test -run '^$' -bench WriteFacts -benchtime 3x ./internal/render/xlsx/
func BenchmarkWriteFacts(b *testing.B) {
	path := os.Getenv("BANKBRIEF_BENCH_FACTS")
	if path == "" {
		path = "/tmp/bankbrief-bench/facts50000.jsonl"
	}
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no facts at %s", path)
	}
	facts, err := pipeline.LoadFacts([]string{path})
	if err != nil {
		b.Fatal(err)
	}
	rep := aggregate.Build(facts, aggregate.Options{Lang: "zh", Generated: "2024-01-01"})
	facts = nil
	dir := b.TempDir()
	b.ResetTimer()
	cpu := xlsx.ProcessCPU()
	for b.Loop() {
		f, err := os.Create(filepath.Join(dir, "bankbrief.xlsx"))
		if err != nil {
			b.Fatal(err)
		}
		if err := xlsx.Write(f, rep, xlsx.Options{TempDir: dir}); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((xlsx.ProcessCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(rep.Metrics)), "metric-rows")
}
