// Package pipeline runs the stages in order: it walks the inputs, reads and
// extracts articles on parallel goroutines (internal/ingest,
// internal/extract), marks syndicated copies (internal/dedup), aggregates
// (internal/aggregate) and writes the reports (internal/render/...) under the
// output folder, each through a temporary file renamed into place.
package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/extract"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
)

// Walk lists the files under the inputs (files or folders), sorted, and the
// inputs that could not be listed, as skipped facts.
func Walk(inputs []string) (files []string, skipped []model.Facts) {
	seen := map[string]bool{}
	for _, in := range inputs {
		err := filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				skipped = append(skipped, skip(path, readReason(err)))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != in && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "MANIFEST.tsv" {
				return nil
			}
			if !seen[path] {
				seen[path] = true
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			skipped = append(skipped, skip(in, readReason(err)))
		}
	}
	sort.Strings(files)
	return files, skipped
}

func skip(path, reason string) model.Facts {
	id := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return model.Facts{ID: id, File: path, Quarter: model.QuarterUnknown, Skipped: reason,
		Banks: []model.BankMention{}, Themes: []model.ThemeScore{}, Metrics: []model.Metric{}, Warnings: []string{}}
}

func readReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "not found"
	case errors.Is(err, fs.ErrPermission):
		return "not readable: permission denied"
	}
	return "not readable: " + err.Error()
}

// Extract reads and extracts every file on jobs goroutines (0: one per CPU)
// and returns the facts in the order of files.
func Extract(files []string, jobs int, x *extract.Extractor, progress func(done int)) []model.Facts {
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	out := make([]model.Facts, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = One(files[i], x)
				if progress != nil {
					mu.Lock()
					done++
					progress(done)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// One reads and extracts a single file; a file that is not an article gives
// a skipped line.
func One(path string, x *extract.Extractor) model.Facts {
	a, err := ingest.ReadFile(path)
	if err != nil {
		var se *ingest.SkipError
		if errors.As(err, &se) {
			return skip(path, se.Reason)
		}
		return skip(path, readReason(err))
	}
	f := x.Extract(a)
	f.Fingerprint = dedup.Fingerprint(a.Body)
	return f
}

// Facts walks the inputs, extracts every file and marks duplicates: the
// complete facts of a run, skipped files included, sorted by file.
func Facts(inputs []string, jobs int, progress func(done, total int)) ([]model.Facts, []model.Cluster) {
	files, skipped := Walk(inputs)
	var p func(int)
	if progress != nil {
		p = func(d int) { progress(d, len(files)) }
	}
	facts := Extract(files, jobs, extract.New(), p)
	facts = append(facts, skipped...)
	sort.SliceStable(facts, func(i, j int) bool { return facts[i].File < facts[j].File })
	clusters := dedup.Mark(facts)
	return facts, clusters
}

// WriteAtomic writes a file through a temporary name in the same folder and
// renames it into place, so an interrupted run leaves the previous file.
func WriteAtomic(path string, write func(f *os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
