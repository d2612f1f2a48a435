package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

// TestBuildFromPartitionFacts extracts two partitions of the articles
// separately, as two machines would, and builds from their facts files:
// the reports are those of one build over all the articles.
func TestBuildFromPartitionFacts(t *testing.T) {
	parts := []string{testutil.Seeds(t)}
	if sh := filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus", "posts"); dirExists(sh) {
		parts = append(parts, sh)
	} else {
		// Without the corpus: the seeds again under other names, which are
		// duplicates across the partitions.
		more := t.TempDir()
		files, _ := filepath.Glob(filepath.Join(parts[0], "*.txt"))
		for _, f := range files {
			b, _ := os.ReadFile(f)
			if err := os.WriteFile(filepath.Join(more, "copy-"+filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		parts = append(parts, more)
	}
	tmp := t.TempDir()
	var factsFiles []string
	for i, p := range parts {
		facts, _ := Facts([]string{p}, Options{})
		name := filepath.Join(tmp, "part"+string(rune('1'+i))+".jsonl")
		var buf bytes.Buffer
		if err := WriteFacts(&buf, facts); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		factsFiles = append(factsFiles, name)
	}
	// The same file given twice counts once.
	factsFiles = append(factsFiles, factsFiles[0])

	whole, merged := filepath.Join(tmp, "whole"), filepath.Join(tmp, "merged")
	cfg := Config{Inputs: parts, Out: whole, Lang: "zh", NoCache: true, Generated: "2024-01-01"}
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	cfg.Inputs, cfg.FactsFiles, cfg.Out = nil, factsFiles, merged
	res, err := Build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Report.Counts.Articles == 0 {
		t.Fatal("no articles reported from the facts files")
	}
	for _, name := range []string{FactsName, WorkbookName, ChartsName, BriefName} {
		a, _ := os.ReadFile(filepath.Join(whole, name))
		b, _ := os.ReadFile(filepath.Join(merged, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s from the partitions' facts differs from the one of a whole build (%d vs %d bytes)", name, len(b), len(a))
		}
	}
}

func TestLoadFactsNamesTheBadLine(t *testing.T) {
	name := filepath.Join(t.TempDir(), "facts.jsonl")
	os.WriteFile(name, []byte("{\"id\":\"a\",\"file\":\"a.txt\"}\n\n{\"id\": oops}\n"), 0o644)
	_, err := LoadFacts([]string{name})
	if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), name) {
		t.Errorf("error = %v; want the file and line 3", err)
	}
	if _, err := LoadFacts([]string{name + ".missing"}); err == nil {
		t.Error("a missing facts file gave no error")
	}
}
