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

// TestUnlistedBanks: a build marks the banks the registry does not know
// (read from their endings only) for 数据质量, and only those. The written
// articles of testdata/fresh name a county's 联社 the regulator's list
// lacks (o002) beside registry banks.
func TestUnlistedBanks(t *testing.T) {
	dir := filepath.Join(testutil.RepoRoot(t), "testdata", "fresh", "articles")
	facts, _ := Facts([]string{filepath.Join(dir, "o002.txt"), filepath.Join(dir, "o001.txt"), testutil.Seeds(t)}, Options{})
	res, err := Render(facts, Config{Out: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	unlisted := map[string]bool{}
	for _, b := range res.Report.Banks {
		unlisted[b.Name] = b.Unlisted
	}
	for name, want := range map[string]bool{"澜沧县农村信用合作联社": true, "广发银行": false, "中国工商银行": false, "桂东农商银行": false} {
		if u, ok := unlisted[name]; !ok || u != want {
			t.Errorf("%s: unlisted %v (in the report: %v), want %v", name, u, ok, want)
		}
	}
}
