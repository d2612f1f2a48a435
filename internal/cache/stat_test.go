package cache

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bankbrief/bankbrief/internal/model"
)

// statRun is one run over files with the given stat data: each is looked
// up in the stat index and, when not found, "read" (its key recorded from
// content) as the pipeline does. It returns the files that had to be read.
func statRun(t *testing.T, dir string, start time.Time, files map[string]Stat, content map[string]string) (read []string) {
	t.Helper()
	c := OpenAt(dir, []byte("salt"), start)
	for path, st := range files {
		if f, ok := c.GetByStat(st); ok {
			if f.Title != content[path] {
				t.Errorf("%s: stat index gave the facts of %q, content is %q", path, f.Title, content[path])
			}
			continue
		}
		read = append(read, path)
		key := c.Key([]byte(content[path]))
		c.Record(st, key)
		if _, ok := c.Get(key); !ok {
			c.Put(key, model.Facts{Title: content[path]})
		}
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	return read
}

func TestStatIndex(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	old := start.Add(-time.Hour).UnixNano()
	st := Stat{Size: 6, Mtime: old, Ctime: old, Ino: 7, Dev: 1}
	files := map[string]Stat{"/in/a.txt": st, "/in/b.txt": {Size: 6, Mtime: old, Ctime: old, Ino: 8, Dev: 1}}
	content := map[string]string{"/in/a.txt": "银行甲", "/in/b.txt": "银行乙"}
	if read := statRun(t, dir, start, files, content); len(read) != 2 {
		t.Fatalf("first run read %v", read)
	}
	// Nothing changed: nothing read.
	start = start.Add(time.Minute)
	if read := statRun(t, dir, start, files, content); len(read) != 0 {
		t.Fatalf("unchanged files read again: %v", read)
	}
	// Any change of size, times, inode or device is a change.
	for name, change := range map[string]func(*Stat){
		"size":   func(s *Stat) { s.Size++ },
		"mtime":  func(s *Stat) { s.Mtime++ },
		"ctime":  func(s *Stat) { s.Ctime++ },
		"inode":  func(s *Stat) { s.Ino += 100 },
		"device": func(s *Stat) { s.Dev += 100 },
	} {
		changed := st
		change(&changed)
		start = start.Add(time.Minute)
		files["/in/a.txt"] = changed
		content["/in/a.txt"] = "银行丙" + name
		if read := statRun(t, dir, start, files, content); len(read) != 1 || read[0] != "/in/a.txt" {
			t.Errorf("%s changed: read %v, want the changed file", name, read)
		}
		st = changed
	}
	// A file the index does not know is read.
	files["/in/c.txt"] = Stat{Size: 9, Mtime: old, Ctime: old, Ino: 9, Dev: 1}
	content["/in/c.txt"] = "银行丁"
	start = start.Add(time.Minute)
	if read := statRun(t, dir, start, files, content); len(read) != 1 || read[0] != "/in/c.txt" {
		t.Errorf("new file: read %v", read)
	}
	// A file without an inode number is never indexed.
	files["/in/d.txt"] = Stat{Size: 9, Mtime: old, Ctime: old, Ino: 0, Dev: 1}
	content["/in/d.txt"] = "银行戊"
	statRun(t, dir, start, files, content)
	if read := statRun(t, dir, start, files, content); len(read) != 1 || read[0] != "/in/d.txt" {
		t.Errorf("inode 0: read %v", read)
	}
}

func TestStatIndexRacyWindow(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	recent := start.Add(-time.Second).UnixNano() // changed just before the run
	old := start.Add(-time.Hour).UnixNano()
	files := map[string]Stat{
		"/in/ctime.txt": {Size: 3, Mtime: old, Ctime: recent, Ino: 1},
		"/in/mtime.txt": {Size: 3, Mtime: recent, Ctime: recent, Ino: 2},
		"/in/future.txt": {Size: 3, Mtime: start.Add(time.Hour).UnixNano(),
			Ctime: start.Add(time.Hour).UnixNano(), Ino: 3}, // a clock ahead of ours
		"/in/old.txt": {Size: 3, Mtime: old, Ctime: old, Ino: 4},
	}
	content := map[string]string{"/in/ctime.txt": "甲", "/in/mtime.txt": "乙", "/in/future.txt": "丙", "/in/old.txt": "丁"}
	statRun(t, dir, start, files, content)
	// The files changed within the window may have been written again in
	// the same tick, after they were read, with the same size and times:
	// the next run must read them, even long after.
	content["/in/ctime.txt"], content["/in/mtime.txt"], content["/in/future.txt"] = "戊", "己", "庚"
	read := statRun(t, dir, start.Add(30*time.Minute), files, content)
	if len(read) != 3 {
		t.Errorf("read %v, want the three racy files", read)
	}
	for _, p := range read {
		if p == "/in/old.txt" {
			t.Error("an old file was read again")
		}
	}
	// Once old enough they are indexed like any other.
	if read := statRun(t, dir, start.Add(31*time.Minute), files, content); len(read) != 1 || read[0] != "/in/future.txt" {
		t.Errorf("read %v, want only the file dated in the future", read)
	}
}

func TestStatIndexIgnoredWhenForeignOrDamaged(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	old := start.Add(-time.Hour).UnixNano()
	files := map[string]Stat{"/in/a.txt": {Size: 3, Mtime: old, Ctime: old, Ino: 1}}
	content := map[string]string{"/in/a.txt": "甲"}
	statRun(t, dir, start, files, content)

	// Another salt (another program or taxonomy): the index is not used.
	c := OpenAt(dir, []byte("other salt"), start)
	if _, ok := c.StatKey(files["/in/a.txt"]); ok {
		t.Error("the stat index of another salt answered")
	}
	// A damaged index is an empty one.
	path := filepath.Join(dir, StatFileName)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, cut := range []int{1, 5, len(b) / 2} {
		damaged := append([]byte(nil), b...)
		damaged[len(damaged)-cut] ^= 0x40
		if err := os.WriteFile(path, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		c := OpenAt(dir, []byte("salt"), start)
		if _, ok := c.StatKey(files["/in/a.txt"]); ok {
			t.Errorf("a stat index damaged at %d answered", len(b)-cut)
		}
	}
	if read := statRun(t, dir, start, files, content); len(read) != 1 {
		t.Errorf("read %v after damage", read)
	}
	if read := statRun(t, dir, start, files, content); len(read) != 0 {
		t.Errorf("read %v after the index was written again", read)
	}
}

// An index entry whose facts the cache dropped is dropped with them.
func TestStatIndexFollowsPruning(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	old := start.Add(-time.Hour).UnixNano()
	files := map[string]Stat{"/in/a.txt": {Size: 3, Mtime: old, Ctime: old, Ino: 1}, "/in/b.txt": {Size: 3, Mtime: old, Ctime: old, Ino: 2}}
	content := map[string]string{"/in/a.txt": "甲", "/in/b.txt": "乙"}
	statRun(t, dir, start, files, content)
	// A run over a only: b's facts are pruned (more than a quarter unused).
	statRun(t, dir, start, map[string]Stat{"/in/a.txt": files["/in/a.txt"]}, content)
	c := OpenAt(dir, []byte("salt"), start)
	if _, ok := c.StatKey(files["/in/b.txt"]); ok {
		t.Error("the stat index kept a file no run looked at")
	}
	if key, ok := c.StatKey(files["/in/a.txt"]); !ok {
		t.Error("the stat index lost a file")
	} else if _, ok := c.Get(key); !ok {
		t.Error("the stat index points to facts the cache dropped")
	}
}

// BenchmarkStatIndex is the cost of the stat index in a rebuild, per
// file: loading it, one lookup and one record, and saving it.
func BenchmarkStatIndex(b *testing.B) {
	const n = 20_000
	dir := b.TempDir()
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	old := start.Add(-time.Hour).UnixNano()
	c := OpenAt(dir, []byte("salt"), start)
	key := c.Key([]byte("x"))
	c.Put(key, model.Facts{ID: "x"})
	for i := 1; i <= n; i++ {
		c.Record(Stat{Size: int64(i), Mtime: old, Ctime: old, Ino: uint64(i), Dev: 2049}, key)
	}
	if err := c.Save(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := OpenAt(dir, []byte("salt"), start)
		for k := 1; k <= n; k++ {
			st := Stat{Size: int64(k), Mtime: old, Ctime: old, Ino: uint64(k), Dev: 2049}
			key, ok := c.StatKey(st)
			if !ok {
				b.Fatal("miss")
			}
			c.Get(key)
			c.Record(st, key)
		}
		if err := c.Save(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/file")
}

// A run killed while saving leaves temporary files: the next save
// removes them.
func TestSaveRemovesTemporaryFilesOfKilledRuns(t *testing.T) {
	dir := t.TempDir()
	left := []string{filepath.Join(dir, "."+FileName+".tmp123"), filepath.Join(dir, "."+StatFileName+".tmp456")}
	for _, p := range left {
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c := Open(dir, []byte("salt"))
	c.Put(c.Key([]byte("x")), model.Facts{ID: "x"})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	for _, p := range left {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there", filepath.Base(p))
		}
	}
}
