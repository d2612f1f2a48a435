package pipeline

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/bankbrief/bankbrief/internal/extract"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// TestSameContentExtractedOnce: without a cache, a file whose bytes are
// those of another (the same article saved under two names, whatever the
// extension) is not extracted again, and gets exactly the facts extracting
// it would give, under its own ID and file. An empty file and its copy are
// skipped alike.
func TestSameContentExtractedOnce(t *testing.T) {
	in := t.TempDir()
	seeds := testutil.Seeds(t)
	a, err := os.ReadFile(filepath.Join(seeds, "000_0b872719766d8c1f.txt"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(seeds, "004_3d201c0eda562d6d.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"a.txt": a, "a-copy.md": a, "sub/a-again.html": a, "b.txt": b, "e1.txt": nil, "e2.txt": nil}
	for name, data := range files {
		p := filepath.Join(in, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, jobs := range []int{1, 3} {
		var mu sync.Mutex
		var extracted []string
		testHookExtract = func(path string) { mu.Lock(); extracted = append(extracted, filepath.Base(path)); mu.Unlock() }
		facts, _ := Facts([]string{in}, Options{Jobs: jobs})
		testHookExtract = nil
		if len(facts) != len(files) {
			t.Fatalf("-j %d: %d facts for %d files", jobs, len(facts), len(files))
		}
		x := extract.New()
		for _, f := range facts {
			want := One(f.File, x)
			want.DuplicateOf, f.DuplicateOf = "", "" // marked across the run, not by One
			if !reflect.DeepEqual(f, want) {
				t.Errorf("-j %d: %s: facts differ from its own extraction:\n got %+v\nwant %+v", jobs, f.File, f, want)
			}
		}
		sort.Strings(extracted)
		// With one worker each content is parsed once: the first of a's
		// copies in file order, b and the first empty file.
		if jobs == 1 && !reflect.DeepEqual(extracted, []string{"a-copy.md", "b.txt", "e1.txt"}) {
			t.Errorf("-j 1: extracted %q, want each content once", extracted)
		}
		if len(extracted) > 5 {
			t.Errorf("-j %d: extracted %d files for 2 contents", jobs, len(extracted))
		}
	}
}
