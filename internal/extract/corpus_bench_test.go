package extract

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
)

// benchCorpus is the generated benchmark corpus (../shared/tools/gencorpus.go);
// BANKBRIEF_BENCH_CORPUS names another folder.
func benchCorpus() string {
	if d := os.Getenv("BANKBRIEF_BENCH_CORPUS"); d != "" {
		return d
	}
	return "/tmp/bankbrief-bench/corpus10000"
}

// corpusSample reads the first n articles of the benchmark corpus, or skips
// when it is absent.
func corpusSample(b testing.TB, n int) []model.Article {
	b.Helper()
	paths, _ := filepath.Glob(filepath.Join(benchCorpus(), "*"))
	if len(paths) == 0 {
		b.Skipf("no benchmark corpus at %s", benchCorpus())
	}
	sort.Strings(paths)
	var out []model.Article
	for _, p := range paths {
		if len(out) == n {
			break
		}
		if a, err := ingest.ReadFile(p); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// BenchmarkExtractCorpus extracts 1000 articles of the generated corpus per
// iteration (the shapes and sizes the extract command meets).
func BenchmarkExtractCorpus(b *testing.B) {
	arts := corpusSample(b, 1000)
	x := New()
	x.Extract(arts[0]) // build the automata
	size := 0
	for _, a := range arts {
		size += len(a.Body)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, a := range arts {
			x.Extract(a)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(arts)), "ns/article")
}
