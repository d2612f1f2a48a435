package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/cache"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// A facts file is told by its first line, whatever its name; articles,
// JSON articles included, are not.
func TestIsFactsFile(t *testing.T) {
	var b bytes.Buffer
	WriteFacts(&b, []model.Facts{skip("x/a.txt", "empty"), {ID: "b", File: "x/b.txt", Quarter: "2022Q1"}})
	for name, data := range map[string]string{
		"extract -o":              b.String(),
		"skipped line only":       strings.SplitAfter(b.String(), "\n")[0],
		"no newline at the end":   strings.TrimSuffix(b.String(), "\n"),
		"keys in another order":   `{"metrics":[],"themes":[],"banks":[],"quarter":"unknown","file":"a.txt","id":"a"}` + "\n",
		"spaces before the first": "  \n" + b.String(),
	} {
		if !isFactsFile([]byte(data)) {
			t.Errorf("%s: not told a facts file:\n%.200s", name, data)
		}
	}
	api, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "testdata", "ingest", "api.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"a JSON article":             string(api),
		"a page's data with metrics": `{"title":"工行减费","metrics":[{"v":1}],"id":"7"}` + "\n",
		"facts on the second line":   "标题\n" + b.String(),
		"not JSON":                   `{"id":"a","file":"a","quarter":"","banks":[],"themes":[],"metrics":[` + "\n",
		"text":                       "中国工商银行为小微企业减免手续费1200万元。\n",
		"empty":                      "",
	} {
		if isFactsFile([]byte(data)) {
			t.Errorf("%s: told a facts file:\n%.200s", name, data)
		}
	}
}

// A facts file among the articles (extract -o DIR/facts.jsonl, then build
// -in DIR) is skipped with the reason, by its content, not read as one
// article holding every figure of the others; a facts file too large to
// read is told by its first line. The run's own output and -facts files
// (Options.Except) give no line at all.
func TestFactsFileAmongArticles(t *testing.T) {
	dir := t.TempDir()
	seeds, _ := filepath.Glob(filepath.Join(testutil.Seeds(t), "*.txt"))
	for _, s := range seeds {
		b, _ := os.ReadFile(s)
		write(t, filepath.Join(dir, filepath.Base(s)), string(b))
	}
	facts, _ := Facts([]string{dir}, Options{})
	var b bytes.Buffer
	if err := WriteFacts(&b, facts); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, FactsName), b.String())
	write(t, filepath.Join(dir, "old", "partition-1.txt"), b.String())
	big := filepath.Join(dir, "old", "all.jsonl")
	write(t, big, b.String())
	if err := os.Truncate(big, 65<<20); err != nil { // sparse: over the limit
		t.Fatal(err)
	}
	other := filepath.Join(dir, "old", "big.txt")
	write(t, other, "中国工商银行\n")
	if err := os.Truncate(other, 65<<20); err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Options{{}, {Cache: cache.Memory()}} { // a lazy walk, and one that stats every file
		got, _ := Facts([]string{dir}, opt)
		want := map[string]string{
			filepath.Join(dir, FactsName):                factsFileReason,
			filepath.Join(dir, "old", "partition-1.txt"): factsFileReason,
			big:   factsFileReason,
			other: "larger than the 64 MB limit",
		}
		articles := 0
		for _, f := range got {
			if r, ok := want[f.File]; ok {
				if f.Skipped != r {
					t.Errorf("%s: skipped %q, want %q", f.File, f.Skipped, r)
				}
				delete(want, f.File)
				continue
			}
			if f.Skipped != "" {
				t.Errorf("%s: skipped %q", f.File, f.Skipped)
			}
			if len(f.Metrics) > 40 {
				t.Errorf("%s: %d metrics", f.File, len(f.Metrics))
			}
			articles++
		}
		if articles != len(seeds) || len(want) > 0 {
			t.Errorf("%d articles, want %d; no line for %v", articles, len(seeds), want)
		}
	}

	// The files of Except, however named or reached, give no line.
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, filepath.Join(dir, FactsName))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := Facts([]string{dir}, Options{Except: []string{rel, filepath.Join(dir, "old", "partition-1.txt")}})
	for _, f := range got {
		if filepath.Base(f.File) == FactsName || filepath.Base(f.File) == "partition-1.txt" {
			t.Errorf("%s, left out, has a line: %q", f.File, f.Skipped)
		}
	}
	if len(got) != len(seeds)+2 {
		t.Errorf("%d lines with two files left out, want %d", len(got), len(seeds)+2)
	}
}
