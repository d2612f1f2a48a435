package dedup_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/ingest"
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
