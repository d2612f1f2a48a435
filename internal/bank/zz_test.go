package bank
import "testing"
func BenchmarkZZBuild(b *testing.B) {
	d := Default(); d.Err()
	for b.Loop() { New(d.tsv, d.yml).Err() }
}
