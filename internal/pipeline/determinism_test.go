package pipeline

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

// owners name who to ask when an output is not reproducible.
var owners = map[string]string{
	FactsName:    "internal/extract, internal/dedup (facts)",
	WorkbookName: "internal/render/xlsx",
	ChartsName:   "internal/render/charts",
	BriefName:    "internal/render/brief",
}

// TestDeterminism builds the same articles twice through Build, with one
// worker and with four, the inputs once as folders and once as their files
// one by one in a shuffled order (an export of many articles among them),
// and requires the four outputs to be
// byte-identical.
func TestDeterminism(t *testing.T) {
	folders := []string{testutil.Seeds(t)}
	if sh := filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus"); dirExists(sh) {
		folders = append(folders, filepath.Join(sh, "web"), filepath.Join(sh, "posts"))
	} else {
		t.Log("../shared/corpus absent: checking the seeds only")
	}
	// an export of many articles (the samples again, as a workbook): its
	// rows, read on all the workers, are in the same order either way
	folders = append(folders, filepath.Join(testutil.RepoRoot(t), "internal", "split", "testdata", "excelize.xlsx"))
	files, skipped := Walk(folders)
	if len(skipped) > 0 || len(files) < 5 {
		t.Fatalf("walk: %d files, %d skipped", len(files), len(skipped))
	}
	shuffled := append([]string(nil), files...)
	rand.New(rand.NewSource(3)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })

	dirA, dirB := t.TempDir(), t.TempDir()
	if _, err := Build(Config{Inputs: folders, Out: dirA, Lang: "zh", Jobs: 1, NoCache: true}); err != nil {
		t.Fatalf("build -j 1: %v", err)
	}
	if _, err := Build(Config{Inputs: shuffled, Out: dirB, Lang: "zh", Jobs: 4, NoCache: true}); err != nil {
		t.Fatalf("build -j 4: %v", err)
	}
	for _, name := range []string{FactsName, WorkbookName, ChartsName, BriefName} {
		a, errA := os.ReadFile(filepath.Join(dirA, name))
		b, errB := os.ReadFile(filepath.Join(dirB, name))
		if errA != nil || errB != nil {
			t.Errorf("%s: %v %v", name, errA, errB)
			continue
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the two builds (%d and %d bytes, first difference at byte %d: %q vs %q); owner: %s",
				name, len(a), len(b), firstDiff(a, b), around(a, firstDiff(a, b)), around(b, firstDiff(a, b)), owners[name])
		} else {
			t.Logf("%s: identical, %d bytes", name, len(a))
		}
	}
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func firstDiff(a, b []byte) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

func around(b []byte, i int) string {
	lo, hi := max(0, i-20), min(len(b), i+40)
	return strings.ToValidUTF8(string(b[lo:hi]), "?")
}
