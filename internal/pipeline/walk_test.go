//go:build unix

package pipeline

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/bankbrief/bankbrief/internal/cache"
	"github.com/bankbrief/bankbrief/internal/model"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func reasons(skipped []model.Facts) map[string]string {
	out := map[string]string{}
	for _, s := range skipped {
		if _, dup := out[s.File]; dup {
			out[s.File] += " | twice"
		}
		out[s.File] = s.Skipped
	}
	return out
}

// TestWalkSymlinks: links to files and folders are followed, loops and
// broken links give one skipped line each, a file reached twice is listed
// once, special files are skipped instead of read.
func TestWalkSymlinks(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "in")
	outside := filepath.Join(root, "outside")
	write(t, filepath.Join(in, "a.txt"), "甲")
	write(t, filepath.Join(in, "sub", "b.txt"), "乙")
	write(t, filepath.Join(in, ".hidden.txt"), "hidden")
	write(t, filepath.Join(in, "MANIFEST.tsv"), "file\tnotes")
	write(t, filepath.Join(outside, "c.txt"), "丙")
	symlink(t, filepath.Join(in, "loopb"), filepath.Join(in, "loopa")) // a → b → a
	symlink(t, filepath.Join(in, "loopa"), filepath.Join(in, "loopb"))
	symlink(t, "self", filepath.Join(in, "self"))                         // a file link to itself
	symlink(t, "..", filepath.Join(in, "sub", "up"))                      // a folder link to its ancestor
	symlink(t, outside, filepath.Join(in, "linked"))                      // a folder outside, followed
	symlink(t, "a.txt", filepath.Join(in, "alias.txt"))                   // same file twice
	symlink(t, filepath.Join(root, "nowhere"), filepath.Join(in, "gone")) // broken
	write(t, filepath.Join(in, "reports", FactsName), "{}")               // a previous run's -out
	write(t, filepath.Join(in, "reports", WorkbookName), "PK")
	if err := syscall.Mkfifo(filepath.Join(in, "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}

	files, skipped := Walk([]string{in})
	wantFiles := []string{filepath.Join(in, "a.txt"), filepath.Join(in, "linked", "c.txt"), filepath.Join(in, "sub", "b.txt")}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("files = %q, want %q", files, wantFiles)
	}
	got := reasons(skipped)
	want := map[string]string{
		filepath.Join(in, "loopa"):     "symlink loop",
		filepath.Join(in, "loopb"):     "symlink loop",
		filepath.Join(in, "self"):      "symlink loop",
		filepath.Join(in, "sub", "up"): "symlink loop",
		filepath.Join(in, "gone"):      "broken symlink",
		filepath.Join(in, "pipe"):      "not a regular file (named pipe)",
		filepath.Join(in, "reports"):   "a bankbrief output folder",
	}
	if len(got) != len(want) || len(skipped) != len(want) {
		t.Errorf("skipped = %v, want %d lines for %v", got, len(want), want)
	}
	for f, prefix := range want {
		if !strings.HasPrefix(got[f], prefix) {
			t.Errorf("%s: skipped %q, want %q…", f, got[f], prefix)
		}
	}
	for _, s := range skipped {
		if s.ID == "" || s.Quarter != model.QuarterUnknown || s.Banks == nil {
			t.Errorf("skipped line %+v is not a complete facts line", s)
		}
	}

	// The same folder given twice, or a folder and a file inside it:
	// every file still listed once.
	files2, skipped2 := Walk([]string{in, filepath.Join(in, "a.txt"), in + "/", filepath.Join(in, "sub")})
	if !reflect.DeepEqual(files2, files) || len(skipped2) != len(skipped) {
		t.Errorf("overlapping inputs: %q and %d skipped, want %q and %d", files2, len(skipped2), files, len(skipped))
	}
}

func TestWalkMissingAndFileInputs(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "年报 摘要 (2022).txt"), "丁")
	files, skipped := Walk([]string{filepath.Join(root, "no-such-folder"), filepath.Join(root, "年报 摘要 (2022).txt")})
	if len(files) != 1 || filepath.Base(files[0]) != "年报 摘要 (2022).txt" {
		t.Errorf("files = %q", files)
	}
	if len(skipped) != 1 || skipped[0].Skipped != "not found" || skipped[0].ID != "no-such-folder" {
		t.Errorf("skipped = %+v, want one 'not found' line", skipped)
	}
}

// TestWalkOrder: the order of the inputs does not change the result.
func TestWalkOrder(t *testing.T) {
	root := t.TempDir()
	var inputs []string
	for _, d := range []string{"x", "y", "z"} {
		for _, f := range []string{"1.txt", "2.txt"} {
			write(t, filepath.Join(root, d, f), d+f)
		}
		inputs = append(inputs, filepath.Join(root, d))
	}
	// y/also → x: x's files reached twice; which path is kept must not
	// depend on the order.
	symlink(t, filepath.Join(root, "x"), filepath.Join(root, "y", "also"))
	ref, refSkipped := Walk(inputs)
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 6; i++ {
		r.Shuffle(len(inputs), func(a, b int) { inputs[a], inputs[b] = inputs[b], inputs[a] })
		got, skipped := Walk(inputs)
		if !reflect.DeepEqual(got, ref) || len(skipped) != len(refSkipped) {
			t.Fatalf("inputs %q: %q, want %q", inputs, got, ref)
		}
	}
	if len(ref) != 6 || !sort.StringsAreSorted(ref) {
		t.Errorf("files = %q, want the 6 files once each, sorted", ref)
	}
}

// TestWalkParallelStat: a folder's entries stat'ed on several goroutines
// (lstatAll, past a few hundred entries) are listed and skipped exactly as
// when they are stat'ed one by one in order (the walk before it).
func TestWalkParallelStat(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "in")
	r := rand.New(rand.NewSource(1))
	for i := range 1500 {
		name := filepath.Join(in, "f"+strings.Repeat("0", r.Intn(3))+string(rune('a'+i%26))+filepath.Base(t.Name())+itoa(i))
		switch i % 50 {
		case 7:
			symlink(t, "missing", name) // broken
		case 8:
			symlink(t, filepath.Join(in, "f_first.txt"), name) // the same file again
		case 9:
			if err := os.Link(filepath.Join(in, "f_first.txt"), name); err != nil {
				t.Fatal(err)
			}
		case 10:
			write(t, filepath.Join(name, "inner.txt"), "乙") // a folder
		case 11:
			symlink(t, in, name) // a loop
		case 12:
			if err := syscall.Mkfifo(name, 0o644); err != nil {
				t.Skip("no named pipes:", err)
			}
		default:
			write(t, name, "甲")
		}
		if i == 0 {
			write(t, filepath.Join(in, "f_first.txt"), "丙")
		}
	}
	entries, err := os.ReadDir(in)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range entries {
		paths = append(paths, filepath.Join(in, e.Name()))
	}
	sts, errs := lstatAll(paths)
	for i, p := range paths {
		want, wantErr := os.Lstat(p)
		if (errs[i] == nil) != (wantErr == nil) || wantErr == nil && (sts[i].Name() != want.Name() || sts[i].Mode() != want.Mode() ||
			sts[i].Sys().(*syscall.Stat_t).Ino != want.Sys().(*syscall.Stat_t).Ino) {
			t.Fatalf("lstatAll gives %v, %v for %s; os.Lstat %v, %v", sts[i], errs[i], p, want, wantErr)
		}
	}
	files, skipped := walk([]string{in}, false)
	testSerialStat = true
	defer func() { testSerialStat = false }()
	wantFiles, wantSkipped := walk([]string{in}, false)
	if len(files) < 1000 || len(skipped) < 60 {
		t.Fatalf("%d files and %d skipped: the folder is not what the test makes", len(files), len(skipped))
	}
	if !reflect.DeepEqual(files, wantFiles) || !reflect.DeepEqual(skipped, wantSkipped) {
		t.Errorf("stat'ed in parallel: %d files, %d skipped; one by one: %d files, %d skipped", len(files), len(skipped), len(wantFiles), len(wantSkipped))
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestLazyWalk: a run without a cache on disk, whose walk does not stat
// the regular files of folders (each is stat'ed once open, and the files
// reached twice dropped after), gives the facts of the walk that stats
// every file: hard links, links to files, files also given as inputs,
// broken links, loops, pipes and folders among them.
func TestLazyWalk(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "in")
	other := filepath.Join(root, "other")
	write(t, filepath.Join(other, "o.txt"), "浦发银行发布年报，净利润增长5%。")
	for i := range 400 {
		name := filepath.Join(in, fmt.Sprintf("f%03d", i))
		switch i % 40 {
		case 3:
			symlink(t, "missing", name) // broken
		case 4:
			symlink(t, filepath.Join(in, "f000"), name) // a file met before
		case 5:
			symlink(t, filepath.Join(in, "f399"), name) // a file met after
		case 6, 7:
			if err := os.Link(filepath.Join(in, "f000"), name); err != nil {
				t.Fatal(err)
			}
		case 8:
			write(t, filepath.Join(name, "inner.txt"), "招商银行的不良贷款率为1.2%。")
			if err := os.Link(filepath.Join(other, "o.txt"), filepath.Join(name, "o-again.txt")); err != nil {
				t.Fatal(err)
			}
		case 9:
			symlink(t, in, name) // a loop
		case 10:
			symlink(t, other, name) // a folder given as an input too
		case 11:
			if err := syscall.Mkfifo(name, 0o644); err != nil {
				t.Skip("no named pipes:", err)
			}
		default:
			write(t, name, fmt.Sprintf("第%d篇：工商银行营业收入%d亿元。", i, 100+i))
		}
	}
	// f399, target of links met before it, is also a hard link.
	if err := os.Link(filepath.Join(in, "f000"), filepath.Join(in, "f399x")); err != nil {
		t.Fatal(err)
	}
	inputs := []string{in, other, filepath.Join(in, "f001"), filepath.Join(in, "f046"), filepath.Join(other, "o.txt")}
	got, gotClusters := Facts(inputs, Options{})
	want, wantClusters := Facts(inputs, Options{Cache: cache.Memory()}) // every file stat'ed by the walk
	if len(want) < 340 {
		t.Fatalf("%d facts: the folder is not what the test makes", len(want))
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotClusters, wantClusters) {
		t.Errorf("lazy walk: %d facts, stat'ing walk: %d", len(got), len(want))
		for i := range min(len(got), len(want)) {
			if got[i].File != want[i].File {
				t.Fatalf("first difference: %s, want %s", got[i].File, want[i].File)
			}
		}
	}
	files, _ := walk(inputs, true)
	lazy := 0
	for _, f := range files {
		if f.lazy {
			lazy++
		}
	}
	if lazy < 300 {
		t.Errorf("the lazy walk left %d files of %d unstat'ed, want most", lazy, len(files))
	}
}
