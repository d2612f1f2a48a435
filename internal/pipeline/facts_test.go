package pipeline

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// TestWriteFactsInOrder: the blocks encoded in parallel come out in the
// order of the facts, as one encoder would write them, and read back.
func TestWriteFactsInOrder(t *testing.T) {
	for _, n := range []int{0, 1, 255, 256, 257, 3001} {
		facts := make([]model.Facts, n)
		for i := range facts {
			facts[i] = model.Facts{ID: fmt.Sprintf("a%05d", i), Title: "标题<&>", Banks: []model.BankMention{},
				Themes: []model.ThemeScore{}, Metrics: []model.Metric{{Text: fmt.Sprint(i), Value: float64(i)}}, Warnings: []string{}}
		}
		var par, seq bytes.Buffer
		if err := WriteFacts(&par, facts); err != nil {
			t.Fatal(err)
		}
		if err := encodeFacts(&seq, facts); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(par.Bytes(), seq.Bytes()) {
			t.Fatalf("%d facts: parallel output differs from one encoder's", n)
		}
		back, err := ReadFacts(&par)
		if err != nil || len(back) != n {
			t.Fatalf("%d facts: read back %d, %v", n, len(back), err)
		}
		for i := range back {
			if back[i].ID != facts[i].ID {
				t.Fatalf("%d facts: line %d is %s", n, i, back[i].ID)
			}
		}
	}
}
