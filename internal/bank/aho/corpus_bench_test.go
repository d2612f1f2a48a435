package aho_test

import (
	"path/filepath"
	"sort"
	"testing"

	"github.com/bankbrief/bankbrief/internal/bank/aho"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/theme"
)

// BenchmarkEachCorpus scans the bodies of 500 articles of the generated
// benchmark corpus (skipped when absent) with the bank registry's and the
// taxonomy's automata, and with the reference automaton (ref_test.go).
func BenchmarkEachCorpus(b *testing.B) {
	paths, _ := filepath.Glob("/tmp/bankbrief-bench/corpus10000/*")
	if len(paths) == 0 {
		b.Skip("no benchmark corpus at /tmp/bankbrief-bench/corpus10000")
	}
	sort.Strings(paths)
	var ts []string
	for _, p := range paths[:min(500, len(paths))] {
		if a, err := ingest.ReadFile(p); err == nil {
			ts = append(ts, a.Body)
		}
	}
	ws := realWords()
	var tw []string
	for _, th := range theme.Default().Themes() {
		for _, list := range [][]string{th.Key, th.Strong, th.Weak, th.Exclude, th.Unless} {
			tw = append(tw, list...)
		}
	}
	for _, c := range []struct {
		name string
		a    eacher
	}{{"banks", aho.New(ws)}, {"banks-ref", aho.RefNew(ws)}, {"themes", aho.NewFold(tw)}, {"themes-ref", aho.RefNewFold(tw)}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for _, t := range ts {
					c.a.Each(t, func(int, int, int) {})
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ts)), "ns/article")
		})
	}
}
