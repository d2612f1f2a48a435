package pipeline

import (
	"os"
	"testing"
)

// BenchmarkWalkRead walks a folder of articles and reads every file (no
// extraction) on one goroutine, per file: with the walk stat'ing each file
// (a run with a cache on disk) and with the lazy walk (without), whose
// files are stat'ed once open. BANKBRIEF_BENCH_DIR names the folder (e.g.
// a gencorpus corpus); it is skipped without it.
func BenchmarkWalkRead(b *testing.B) {
	dir := os.Getenv("BANKBRIEF_BENCH_DIR")
	if dir == "" {
		b.Skip("set BANKBRIEF_BENCH_DIR to a folder of articles")
	}
	for _, c := range []struct {
		name string
		lazy bool
	}{{"stat", false}, {"lazy", true}} {
		b.Run(c.name, func(b *testing.B) {
			w := &worker{}
			n := 0
			for b.Loop() {
				files, _ := walk([]string{dir}, c.lazy)
				for i := range files {
					if in := &files[i]; in.lazy {
						w.readLazy(in)
					} else {
						w.read(in.path, in.st.Size)
					}
				}
				n = len(files)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/file")
		})
	}
}
