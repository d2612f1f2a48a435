package pipeline

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bankbrief/bankbrief/internal/cache"
	"github.com/bankbrief/bankbrief/internal/extract"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// statRun extracts the files under in with the cache in dir, as a run that
// began at start, and returns the facts by file name and the files read.
func statRun(t *testing.T, in, dir string, start time.Time) (facts map[string]model.Facts, read []string, hits int) {
	t.Helper()
	var mu sync.Mutex
	testHookRead = func(path string) { mu.Lock(); read = append(read, filepath.Base(path)); mu.Unlock() }
	defer func() { testHookRead = nil }()
	c := cache.OpenAt(dir, []byte("salt"), start)
	all, _ := Facts([]string{in}, Options{Cache: c, Jobs: 2})
	hits = c.Hits()
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	facts = map[string]model.Facts{}
	for _, f := range all {
		facts[filepath.Base(f.File)] = f
	}
	sort.Strings(read)
	return facts, read, hits
}

// TestStatIndexSkipsUnchangedFiles: a rebuild reads only the files whose
// stat data changed, and the facts are those of the files' content.
func TestStatIndexSkipsUnchangedFiles(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join(testutil.Seeds(t), "*.txt"))
	if len(seeds) < 4 {
		t.Skip("needs four seeds")
	}
	text := func(i int) string {
		b, err := os.ReadFile(seeds[i])
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	root := t.TempDir()
	in, dir := filepath.Join(root, "in"), filepath.Join(root, "cache")
	for i, name := range []string{"a.txt", "b.txt", "c.txt"} {
		write(t, filepath.Join(in, name), text(i))
	}
	// The runs begin an hour from now, so that the files just written are
	// out of the racy window (TestStatIndexRacyFiles is about that).
	start := time.Now().Add(time.Hour)
	first, read, _ := statRun(t, in, dir, start)
	if len(read) != 3 {
		t.Fatalf("first run read %v", read)
	}
	check := func(got map[string]model.Facts, name string, seed int) {
		t.Helper()
		want := One(seeds[seed], extract.New())
		g := got[name]
		if g.Title != want.Title || !reflect.DeepEqual(g.Metrics, want.Metrics) || g.ID != strings.TrimSuffix(name, ".txt") {
			t.Errorf("%s: facts of %q (id %s), want those of seed %d %q", name, g.Title, g.ID, seed, want.Title)
		}
	}

	// Unchanged: nothing read, the same facts.
	again, read, hits := statRun(t, in, dir, start)
	if len(read) != 0 || hits != 3 {
		t.Errorf("unchanged files: read %v, %d cache hits", read, hits)
	}
	if !reflect.DeepEqual(first, again) {
		t.Error("the facts of unchanged files differ from the first run's")
	}

	// Touched, same content: read and hashed, facts from the cache.
	a := filepath.Join(in, "a.txt")
	if err := os.Chtimes(a, time.Now(), time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	got, read, hits := statRun(t, in, dir, start)
	if !reflect.DeepEqual(read, []string{"a.txt"}) || hits != 3 {
		t.Errorf("touched a.txt: read %v, %d cache hits; want a.txt read and 3 hits (no extraction)", read, hits)
	}
	check(got, "a.txt", 0)

	// Replaced by another file (a new inode) of other content.
	write(t, filepath.Join(root, "new.txt"), text(3))
	if err := os.Rename(filepath.Join(root, "new.txt"), filepath.Join(in, "b.txt")); err != nil {
		t.Fatal(err)
	}
	got, read, _ = statRun(t, in, dir, start)
	if !reflect.DeepEqual(read, []string{"b.txt"}) {
		t.Errorf("replaced b.txt: read %v", read)
	}
	check(got, "b.txt", 3)

	// Renamed: the same file (inode) under a new name, its facts from
	// the cache (read again where renaming changes the ctime, as on
	// ext4), under the new name.
	if err := os.Rename(filepath.Join(in, "c.txt"), filepath.Join(in, "d.txt")); err != nil {
		t.Fatal(err)
	}
	got, read, hits = statRun(t, in, dir, start)
	if len(read) > 1 || len(read) == 1 && read[0] != "d.txt" || hits != 3 {
		t.Errorf("renamed c.txt to d.txt: read %v, %d hits", read, hits)
	}
	check(got, "d.txt", 2)
	if _, ok := got["c.txt"]; ok {
		t.Error("the old name is still reported")
	}

	// Rewritten with the same size and the old times put back: the
	// change time still tells it.
	st, _ := os.Stat(a)
	other := []byte(text(0))
	copy(other, "X")                  // same size, other content
	time.Sleep(20 * time.Millisecond) // past the filesystem's clock tick
	if err := os.WriteFile(a, other, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(a, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	_, read, _ = statRun(t, in, dir, start)
	if !reflect.DeepEqual(read, []string{"a.txt"}) {
		t.Errorf("a.txt rewritten with its old size and times: read %v", read)
	}
}

// TestStatIndexRacyFiles: a file changed just before a run began may be
// written again, in the same tick of the filesystem's clock, after the run
// read it, with the same size and times: it is read again on every run
// until it is older than the racy window.
func TestStatIndexRacyFiles(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join(testutil.Seeds(t), "*.txt"))
	if len(seeds) < 2 {
		t.Skip("needs two seeds")
	}
	root := t.TempDir()
	in, dir := filepath.Join(root, "in"), filepath.Join(root, "cache")
	b, _ := os.ReadFile(seeds[0])
	a := filepath.Join(in, "a.txt")
	write(t, a, string(b))
	st, _ := os.Stat(a)
	start := time.Now() // a.txt was written within the window
	if _, read, _ := statRun(t, in, dir, start); len(read) != 1 {
		t.Fatalf("first run read %v", read)
	}
	if cst, ok := cache.StatOf(st); ok {
		if _, ok := cache.OpenAt(dir, []byte("salt"), start).StatKey(cst); ok {
			t.Error("a file changed within the racy window was put in the stat index")
		}
	}
	// Written again with the same size and times (as within one tick).
	other := append([]byte(nil), b...)
	copy(other, "X")
	if err := os.WriteFile(a, other, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(a, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	got, read, _ := statRun(t, in, dir, start)
	if len(read) != 1 {
		t.Errorf("a racy file was not read again: read %v", read)
	}
	if want := One(a, extract.New()); got["a.txt"].Title != want.Title || got["a.txt"].Chars != want.Chars {
		t.Errorf("facts of the old content: %q %d, want %q %d", got["a.txt"].Title, got["a.txt"].Chars, want.Title, want.Chars)
	}
}

// BenchmarkRebuildFacts is the facts part of a rebuild with nothing new,
// per file: every file answered from the cache, found through the stat
// index without being read, or (content-hash) read and hashed as before
// the stat index.
func BenchmarkRebuildFacts(b *testing.B) {
	ins := []string{testutil.Seeds(b)}
	if sh := filepath.Join(testutil.RepoRoot(b), "..", "shared", "corpus"); dirExists(sh) {
		ins = append(ins, sh)
	}
	dir := b.TempDir()
	start := time.Now().Add(time.Hour) // every file out of the racy window
	c := cache.OpenAt(dir, []byte("salt"), start)
	facts, _ := Facts(ins, Options{Cache: c})
	if err := c.Save(); err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"stat-index", "content-hash"} {
		b.Run(mode, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if mode == "content-hash" {
					os.Remove(filepath.Join(dir, cache.StatFileName))
				}
				c := cache.OpenAt(dir, []byte("salt"), start)
				Facts(ins, Options{Cache: c})
				if c.Hits() != len(facts) {
					b.Fatalf("%d hits of %d", c.Hits(), len(facts))
				}
				if err := c.Save(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(facts)), "ns/file")
		})
	}
}
