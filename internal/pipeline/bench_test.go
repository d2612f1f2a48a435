package pipeline

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"

	"github.com/bankbrief/bankbrief/internal/extract"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// benchFiles are the seeds and, when present, the shared corpus.
func benchFiles(b *testing.B) []string {
	ins := []string{testutil.Seeds(b)}
	if sh := filepath.Join(testutil.RepoRoot(b), "..", "shared", "corpus"); dirExists(sh) {
		ins = append(ins, sh)
	}
	files, _ := Walk(ins)
	return files
}

// BenchmarkExtract reads and extracts every file on all CPUs (ingest,
// extract and fingerprint together), per file. For whole corpora see
// .ci/bench.
func BenchmarkExtract(b *testing.B) {
	files := benchFiles(b)
	x := extract.New()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(files, x, Options{})
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(files)), "ns/file")
}

// BenchmarkWriteReadFacts writes facts.jsonl and reads it back as build
// -facts does, per article.
func BenchmarkWriteReadFacts(b *testing.B) {
	facts := Extract(benchFiles(b), extract.New(), Options{})
	for len(facts) < 5000 {
		facts = append(facts, facts...)
	}
	var buf bytes.Buffer
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := WriteFacts(&buf, facts); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(buf.Len()))
		back, err := readFactsParallel(nil, io.Reader(&buf), &interner{})
		if err != nil || len(back) != len(facts) {
			b.Fatalf("read back %d of %d: %v", len(back), len(facts), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(facts)), "ns/article")
}
