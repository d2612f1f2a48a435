package dedup_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
)

// BenchmarkFingerprintCorpus fingerprints the bodies of 1000 articles of the
// generated benchmark corpus (../shared/tools/gencorpus.go;
// BANKBRIEF_BENCH_CORPUS names another folder) per iteration; it skips when
// the corpus is absent.
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
	for b.Loop() {
		for _, s := range bodies {
			dedup.Fingerprint(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(bodies)), "ns/article")
}

// BenchmarkMarkFacts marks the duplicates among the facts of the generated
// 50,000-article corpus (BANKBRIEF_BENCH_FACTS names another facts.jsonl),
// skipped when absent: Mark as the build runs it, on one core.
func BenchmarkMarkFacts(b *testing.B) {
	path := os.Getenv("BANKBRIEF_BENCH_FACTS")
	if path == "" {
		path = "/tmp/bankbrief-bench/facts50000.jsonl"
	}
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("no facts at %s", path)
	}
	defer f.Close()
	var facts []model.Facts
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var x struct {
			ID, File, Date, Skipped, Fingerprint string
			Chars                                int
		}
		if err := json.Unmarshal(sc.Bytes(), &x); err != nil {
			b.Fatal(err)
		}
		facts = append(facts, model.Facts{ID: x.ID, File: x.File, Date: x.Date, Skipped: x.Skipped, Fingerprint: x.Fingerprint, Chars: x.Chars})
	}
	b.ResetTimer()
	var clusters []model.Cluster
	for b.Loop() {
		clusters = dedup.Mark(facts)
	}
	b.ReportMetric(float64(len(clusters)), "clusters")
}
