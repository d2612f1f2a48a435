package pipeline

import (
	"strings"
	"sync"
	"testing"

	"github.com/bankbrief/bankbrief/internal/dedup"
)

// TestFingerprintsRemembered: a run's fingerprints are those dedup makes,
// each body's made once and given again to the articles with that body,
// from any goroutine; bodies differing in one character keep their own.
func TestFingerprintsRemembered(t *testing.T) {
	base := strings.Repeat("某农商银行今年发放普惠小微贷款三亿元，惠及客户一千余户。", 4)
	bodies := []string{base, base + "另有", strings.Replace(base, "三亿元", "四亿元", 1), "", "短文"}
	fs := newFingerprints()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				for _, b := range bodies {
					if got, want := fs.of(b), dedup.Fingerprint(b); got != want {
						t.Errorf("fingerprint of %q: %.20s…, want %.20s…", b, got, want)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if len(fs.m) != len(bodies) {
		t.Errorf("%d fingerprints remembered for %d bodies", len(fs.m), len(bodies))
	}
	if dedup.Fingerprint(bodies[0]) == dedup.Fingerprint(bodies[2]) {
		t.Fatal("the test's bodies must have different fingerprints")
	}
	var none *fingerprints
	if none.of(base) != dedup.Fingerprint(base) {
		t.Error("a nil *fingerprints gives another fingerprint")
	}
}
