package testutil

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Golden compares got with the golden file at path; with update it first
// rewrites the file. The message says how to regenerate: cmd is the command
// (e.g. "go test ./internal/extract -run SeedsGolden -update").
func Golden(t testing.TB, path string, got []byte, update bool, cmd string) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run %s)", err, cmd)
	}
	if string(got) == string(want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) && i < len(wl); i++ {
		if gl[i] != wl[i] {
			t.Errorf("%s line %d differs from the current output:\n got %q\nwant %q\nif the change is intended, run %s and review the diff", path, i+1, gl[i], wl[i], cmd)
			return
		}
	}
	t.Errorf("%s: the current output has %d lines, the file %d; if the change is intended, run %s and review the diff", path, len(gl), len(wl), cmd)
}

// GoldMetric is one labelled metric of ../shared/gold/dev.jsonl.
type GoldMetric struct {
	Text      string  `json:"text"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Type      string  `json:"type"`
	Qualifier string  `json:"qualifier"`
}

// GoldArticle is one labelled article of ../shared/gold/dev.jsonl (see
// ../shared/gold/README.md).
type GoldArticle struct {
	ID          string       `json:"id"`
	File        string       `json:"file"` // relative to ../shared (dev) or testdata/fresh
	Title       string       `json:"title"`
	Date        string       `json:"date"`
	PrimaryBank string       `json:"primary_bank"`
	BankAliases []string     `json:"bank_aliases"`
	Banks       []string     `json:"banks"`
	Themes      []string     `json:"themes"`
	Metrics     []GoldMetric `json:"metrics"`
	Negative    bool         `json:"negative"`
}

// Gold reads the dev labels, or skips the test where ../shared is absent.
// It returns the labels and the ../shared folder their File fields are
// relative to.
func Gold(t testing.TB) (labels []GoldArticle, shared string) {
	t.Helper()
	shared = Shared(t)
	return readGold(t, filepath.Join(shared, "gold", "dev.jsonl")), shared
}

// Fresh reads the labels of testdata/fresh: the articles written for the
// project, never seen while the rules were written, and labelled blind in
// the conventions of ../shared/gold/README.md (see testdata/fresh/README.md).
// It returns the labels and the folder their File fields are relative to.
func Fresh(t testing.TB) (labels []GoldArticle, dir string) {
	t.Helper()
	dir = filepath.Join(RepoRoot(t), "testdata", "fresh")
	return readGold(t, filepath.Join(dir, "gold.jsonl")), dir
}

func readGold(t testing.TB, path string) (labels []GoldArticle) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		var g GoldArticle
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		labels = append(labels, g)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(labels) == 0 {
		t.Fatalf("%s: no labels", path)
	}
	return labels
}
