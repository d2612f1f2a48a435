package cache

import (
	"fmt"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// BenchmarkSaveOpen writes the cache of n articles and reads it back (the
// cost a rebuild pays for the articles it does not extract again).
func BenchmarkSaveOpen(b *testing.B) {
	const n = 20_000
	sentence := "截至2022年3月末，该行普惠型小微企业贷款余额较年初增长约27亿元，惠及小微企业1500余户。"
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		c := Open(dir, []byte("salt"))
		for k := 0; k < n; k++ {
			f := model.Facts{ID: fmt.Sprint(k), File: fmt.Sprintf("in/%07d.txt", k), Title: "广发银行用心用情用力为群众办实事",
				Date: "2022-01-05", Quarter: "2022Q1", PrimaryBank: "广发银行", Fingerprint: fmt.Sprintf("%0650d", k),
				Banks:   []model.BankMention{{Name: "广发银行", Type: "joint_stock", Mentions: 3}},
				Themes:  []model.ThemeScore{{ID: "inclusive_finance", Score: 0.5, Sentences: 3}},
				Metrics: []model.Metric{{Text: "约27亿元", Value: 2.7e9, Unit: "CNY", Type: "amount", Sentence: sentence}, {Text: "1500余户", Value: 1500, Unit: "enterprise", Type: "customers", Sentence: sentence}}}
			c.Put(c.Key([]byte(f.File)), f)
		}
		if err := c.Save(); err != nil {
			b.Fatal(err)
		}
		c = Open(dir, []byte("salt"))
		if _, ok := c.Get(c.Key([]byte("in/0000001.txt"))); !ok {
			b.Fatal("entry lost")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/entry")
}

// BenchmarkKey hashes an article's worth of bytes for a key: of the cache
// on disk (SHA-256) and of one in memory.
func BenchmarkKey(b *testing.B) {
	content := make([]byte, 5000)
	for i := range content {
		content[i] = byte(i * 7)
	}
	for _, c := range []struct {
		name string
		c    *Cache
	}{{"disk", Open(b.TempDir(), []byte("salt"))}, {"memory", Memory()}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(content)))
			for b.Loop() {
				c.c.Key(content)
			}
		})
	}
}
