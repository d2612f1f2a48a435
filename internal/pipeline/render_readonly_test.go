package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

// TestRenderLeavesFactsAlone: the report's metric rows share the facts'
// metrics (they are not copied, to keep large builds small), so no report
// writer may change them — facts.jsonl is written at the same time.
func TestRenderLeavesFactsAlone(t *testing.T) {
	inputs := []string{testutil.Seeds(t)}
	// The corpus too, when ../shared is there (its figures and titles
	// exercise more of the writers than the five seeds).
	if corpus := filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus"); isDir(corpus) {
		inputs = append(inputs, corpus)
	}
	facts, _ := Facts(inputs, Options{})
	before, err := json.Marshal(facts)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"zh", "en"} {
		if _, err := Render(facts, Config{Out: t.TempDir(), Lang: lang}); err != nil {
			t.Fatal(err)
		}
		after, _ := json.Marshal(facts)
		if string(after) != string(before) {
			t.Fatalf("writing the %s reports changed the facts", lang)
		}
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
