package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/bankbrief/bankbrief/internal/cache"
	"github.com/bankbrief/bankbrief/internal/model"
)

// Walk lists the files under the inputs (files or folders), sorted, and, as
// skipped facts, what was found but cannot be read as a file: an input or
// folder that cannot be listed, a symbolic link that loops or leads
// nowhere, a named pipe, socket or device. Every entry found gives exactly
// one file or one skipped line, so inputs = articles + skipped.
//
// Symbolic links to files and folders are followed; a folder already
// being walked (a link to an ancestor) is reported as a "symlink loop"
// instead of being entered again, and a file or folder reached twice (two
// links, or overlapping inputs) is listed once, under the first path met.
// The inputs are walked in sorted order, so the result does not depend on
// the order they are given in. Names starting with "." (.git, caches,
// temporary files) and MANIFEST.tsv files are not inputs; a folder holding
// bankbrief's own outputs (facts.jsonl beside a report) gives one skipped
// line instead of being read back.
func Walk(inputs []string) (files []string, skipped []model.Facts) {
	in, skipped := walk(inputs, false)
	files = make([]string, len(in))
	for i := range in {
		files[i] = in[i].path
	}
	return files, skipped
}

// walk is Walk with what stat said of each file, for the stat index.
//
// With lazy set, a folder's entries that its listing says are regular
// files are not stat'ed: they are listed as they are, lazy, for the
// worker reading them to stat once opened (fstat, much cheaper than the
// walk's lstat: 50,000 files, 0.1 s of CPU). Their file IDs, unknown
// until then, are in none of the walk's checks; dropRepeats drops the
// files reached twice afterwards, and the result is the same. A run
// with a cache on disk needs every stat before reading (its stat index),
// and walks with lazy unset.
func walk(inputs []string, lazy bool) (files []input, skipped []model.Facts) {
	return walkExcept(inputs, lazy, nil)
}

// walkExcept is walk leaving out the files at the paths of except, the
// run's own outputs and facts files (extract -o inside an input folder):
// they are not inputs, and give no line.
func walkExcept(inputs []string, lazy bool, except []string) (files []input, skipped []model.Facts) {
	w := walker{seen: map[fileID]bool{}, onPath: map[fileID]bool{}, lazy: lazy}
	for _, p := range except {
		if abs, err := filepath.Abs(p); err == nil {
			if w.except == nil {
				w.except = map[string][]string{}
			}
			base := filepath.Base(abs)
			w.except[base] = append(w.except[base], abs)
		}
	}
	ins := make([]string, 0, len(inputs))
	for _, in := range inputs {
		ins = append(ins, filepath.Clean(in))
	}
	sort.Strings(ins)
	for i, in := range ins {
		if i > 0 && in == ins[i-1] {
			continue
		}
		w.visit(in)
	}
	sort.Slice(w.files, func(i, j int) bool { return w.files[i].path < w.files[j].path })
	sort.SliceStable(w.skipped, func(i, j int) bool { return w.skipped[i].File < w.skipped[j].File })
	return w.files, w.skipped
}

// fileID identifies a file or folder whatever the path it is reached by.
type fileID struct{ dev, ino uint64 }

type walker struct {
	files   []input
	skipped []model.Facts
	seen    map[fileID]bool     // files and folders listed already
	onPath  map[fileID]bool     // folders being walked: the current path's ancestors
	lazy    bool                // regular files in folders are listed without a stat
	except  map[string][]string // base name → absolute paths of files left out
}

// excepted says whether the file at path is one of the files left out.
// Only a file with the base name of one is made absolute (os.Getwd).
func (w *walker) excepted(path string) bool {
	paths := w.except[filepath.Base(path)]
	if len(paths) == 0 {
		return false
	}
	abs, err := filepath.Abs(path)
	return err == nil && slices.Contains(paths, abs)
}

// add lists a file, numbering the files in the order met.
func (w *walker) add(in input) {
	in.order = len(w.files)
	w.files = append(w.files, in)
}

func (w *walker) skip(path, reason string) { w.skipped = append(w.skipped, skip(path, reason)) }

// visit lists path, given as an input.
func (w *walker) visit(path string) {
	lst, err := os.Lstat(path)
	w.visitStat(path, lst, err)
}

// visitStat lists path, whose os.Lstat gave lst and err.
func (w *walker) visitStat(path string, lst fs.FileInfo, err error) {
	if err != nil {
		w.skip(path, readReason(err))
		return
	}
	st := lst
	if lst.Mode()&fs.ModeSymlink != 0 {
		st, err = os.Stat(path)
		if err != nil {
			w.skip(path, linkReason(err))
			return
		}
	}
	id, hasID := idOf(st)
	switch {
	case st.IsDir():
		if hasID && w.onPath[id] {
			w.skip(path, "symlink loop: the link leads back to a folder that contains it; remove the link or give the folder itself with -in")
			return
		}
		if hasID && w.seen[id] {
			return // walked already under another path
		}
		if hasID {
			w.seen[id] = true
			w.onPath[id] = true
			defer delete(w.onPath, id)
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			w.skip(path, "folder "+readReason(err)+"; its files were not read")
		}
		if isOutputFolder(entries) {
			w.skip(path, "a bankbrief output folder (facts.jsonl and reports), not articles; its files were not read")
			return
		}
		paths := make([]string, 0, len(entries))
		var regular []bool // with lazy: paths[i] is a regular file, not to stat
		var stat []string  // the paths to stat
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") || name == "MANIFEST.tsv" {
				continue
			}
			p := filepath.Join(path, name)
			paths = append(paths, p)
			if w.lazy {
				isFile := e.Type().IsRegular()
				regular = append(regular, isFile)
				if isFile {
					continue
				}
			}
			stat = append(stat, p)
		}
		sts, errs := lstatAll(stat)
		k := 0
		for i, p := range paths {
			if regular != nil && regular[i] {
				if w.excepted(p) {
					continue
				}
				w.add(input{path: p, lazy: true})
				continue
			}
			w.visitStat(p, sts[k], errs[k])
			k++
		}
	case st.Mode().IsRegular():
		if hasID && w.seen[id] || w.excepted(path) {
			return // the same file under another path, or left out
		}
		if hasID {
			w.seen[id] = true
		}
		in := input{path: path, hasStat: true, id: id, hasID: hasID}
		in.st, in.indexed = cache.StatOf(st)
		in.st.Size = st.Size()
		w.add(in)
	default:
		w.skip(path, fmt.Sprintf("not a regular file (%s); give files or folders of articles", kind(st.Mode())))
	}
}

// dropRepeats drops, from files and their facts, the files that a lazy
// walk listed twice: those whose file ID, known once read, is that of a
// file met before in the walk (two hard links, a link and its target, a
// file also given as an input), as the walk does for the files it stats.
func dropRepeats(files []input, facts []model.Facts) []model.Facts {
	lazy := false
	for i := range files {
		lazy = lazy || files[i].lazy
	}
	if !lazy {
		return facts
	}
	byOrder := make([]int, len(files))
	for i := range files {
		byOrder[files[i].order] = i
	}
	seen := make(map[fileID]bool, len(files))
	drop := make([]bool, len(files))
	for _, i := range byOrder {
		if in := &files[i]; in.hasID {
			drop[i] = seen[in.id]
			seen[in.id] = true
		}
	}
	kept := facts[:0]
	for i := range facts {
		if !drop[i] {
			kept = append(kept, facts[i])
		}
	}
	return kept
}

// lstatAll returns the os.Lstat of each path. A folder's entries are
// stat'ed on one goroutine per CPU, as their system calls are most of the
// walk's time (a folder of 50,000 articles: 0.1 s on one core, while the
// other waits for the walk to end).
func lstatAll(paths []string) ([]fs.FileInfo, []error) {
	sts, errs := make([]fs.FileInfo, len(paths)), make([]error, len(paths))
	stat := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			sts[i], errs[i] = os.Lstat(paths[i])
		}
	}
	const chunk = 256
	jobs := min(runtime.NumCPU(), (len(paths)+chunk-1)/chunk)
	if jobs <= 1 || testSerialStat {
		stat(0, len(paths))
		return sts, errs
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(paths) {
					return
				}
				stat(lo, min(lo+chunk, len(paths)))
			}
		})
	}
	wg.Wait()
	return sts, errs
}

// isOutputFolder tells a folder bankbrief wrote reports into (e.g. -out
// reports inside -in .), whose files would otherwise be read back as
// articles on the next run.
func isOutputFolder(entries []fs.DirEntry) bool {
	facts, reports := false, false
	for _, e := range entries {
		switch e.Name() {
		case FactsName:
			facts = true
		case WorkbookName, ChartsName, BriefName:
			reports = true
		}
	}
	return facts && reports
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

func linkReason(err error) string {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return "symlink loop: the link points (through other links) to itself; remove or fix the link"
	case errors.Is(err, fs.ErrNotExist):
		return "broken symlink: its target does not exist"
	}
	return readReason(err)
}

// ReportPaths are the four outputs of a build into out.
func ReportPaths(out string) []string {
	return []string{filepath.Join(out, FactsName), filepath.Join(out, WorkbookName),
		filepath.Join(out, ChartsName), filepath.Join(out, BriefName)}
}

// RemoveTemps removes the temporary files WriteAtomic leaves beside the
// given paths when a run is killed before renaming them (".NAME.tmp…"),
// and returns those it removed. Build calls it on the outputs before
// writing; the command calls it on Ctrl-C.
func RemoveTemps(paths ...string) (removed []string) {
	for _, p := range paths {
		pattern := filepath.Join(filepath.Dir(p), "."+globEscape(filepath.Base(p))+".tmp*")
		matches, _ := filepath.Glob(pattern)
		for _, m := range matches {
			if os.Remove(m) == nil {
				removed = append(removed, m)
			}
		}
	}
	return removed
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}

// testSerialStat, set by tests, makes lstatAll stat on one goroutine, as
// the walk did before.
var testSerialStat bool

// CheckFolders says, before a build or an extraction does any work, why
// its inputs cannot be read into out ("" for none): out is one of the
// input folders — the reports would land among the articles, and the next
// run would skip the whole folder as an output folder — or an input
// folder is itself a bankbrief output folder, which the walk would skip,
// leaving nothing read. An output folder inside an input folder is fine:
// the walk skips it.
func CheckFolders(inputs []string, out string) error {
	for _, in := range inputs {
		st, err := os.Stat(in)
		if err != nil || !st.IsDir() {
			continue
		}
		if out != "" && sameFolder(in, st, out) {
			return fmt.Errorf("-out %s is also an input folder, and reports written among the articles would hide them from the next run; give another -out folder", out)
		}
		if entries, err := os.ReadDir(in); err == nil && isOutputFolder(entries) {
			return fmt.Errorf("input %s is a bankbrief output folder (it holds %s and the reports), so its files are not read as articles; move the reports out if your articles are there too, or report its facts with -facts %s",
				in, FactsName, filepath.Join(in, FactsName))
		}
	}
	return nil
}

// sameFolder says whether the folder in, whose os.Stat is st, is the
// folder out, named alike or not.
func sameFolder(in string, st fs.FileInfo, out string) bool {
	if ost, err := os.Stat(out); err == nil {
		return os.SameFile(st, ost)
	}
	a, errA := filepath.Abs(in)
	b, errB := filepath.Abs(out)
	return errA == nil && errB == nil && a == b
}
