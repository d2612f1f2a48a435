package dedup_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
)

// BenchmarkFingerprintCorpus fingerprints the bodies of 1000 articles of the
// generated benchmark corpus (../shared/tools/gencorpus.go;
// BANKBRIEF_BENCH_CORPUS names another folder) per iteration; it skips when
// the corpus is absent. Its processor time per article is reported as well
// as the wall time.
func BenchmarkFingerprintCorpus(b *testing.B) {
	dir := os.Getenv("BANKBRIEF_BENCH_CORPUS")
	if dir == "" {
		dir = "/tmp/bankbrief-bench/corpus10000"
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(paths) == 0 {
		b.Skipf("no benchmark corpus at %s", dir)
	}
	sort.Strings(paths)
	var bodies []string
	size := 0
	for _, p := range paths {
		if len(bodies) == 1000 {
			break
		}
		if a, err := ingest.ReadFile(p); err == nil {
			bodies = append(bodies, a.Body)
			size += len(a.Body)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, s := range bodies {
			dedup.Fingerprint(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(bodies)), "ns/article")
	// The processor time too: the wall time is noisy on a busy machine.
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/float64(len(bodies)), "cpu-ns/article")
}

// BenchmarkMarkFacts marks the duplicates among the facts of the generated
// 50,000-article corpus (BANKBRIEF_BENCH_FACTS names another facts.jsonl),
// as extract and build do: banks and figures read, so that the stories are
// compared. It skips when the file is absent. Sub-benchmarks: Mark on one
// goroutine and on GOMAXPROCS, and the serial reference of 67fcc93; the
// CPU time per mark is reported as well as the wall time. Run with
// go test -run '^$' -bench MarkFacts -benchtime 4x ./internal/dedup
func BenchmarkMarkFacts(b *testing.B) {
	path := os.Getenv("BANKBRIEF_BENCH_FACTS")
	if path == "" {
		path = "/tmp/bankbrief-bench/facts50000.jsonl"
	}
	facts, err := readFacts(path, 0)
	if err != nil {
		b.Skipf("no facts at %s: %v", path, err)
	}
	run := func(name string, mark func([]model.Facts) []model.Cluster) {
		b.Run(name, func(b *testing.B) {
			var clusters []model.Cluster
			cpu := cpuTime()
			for b.Loop() {
				clusters = mark(facts)
			}
			b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(len(clusters)), "clusters")
		})
	}
	run("j1", func(f []model.Facts) []model.Cluster { return dedup.MarkJobs(f, 1) })
	run(fmt.Sprint("j", runtime.GOMAXPROCS(0)), dedup.Mark)
	run("reference", func(f []model.Facts) []model.Cluster { return dedup.StoryRefMarkWith(f, dedup.Threshold) })
}
