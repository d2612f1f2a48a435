package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/bankbrief/bankbrief/internal/cache"
	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/extract"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
)

// Options tune the extraction of a run.
type Options struct {
	Jobs int // parallel workers; 0: one per CPU
	// Cache, when set, answers files whose content was extracted before.
	Cache *cache.Cache
	// Progress is called after each file with the files done and in all.
	Progress func(done, total int)
}

// Extract reads and extracts every file on opt.Jobs goroutines and returns
// the facts in the order of files. Article text is dropped as soon as its
// facts are taken: memory grows with facts, not with text.
func Extract(files []string, x *extract.Extractor, opt Options) []model.Facts {
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	out := make([]model.Facts, len(files))
	next := make(chan int, jobs)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	var in interner
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = one(files[i], x, opt.Cache, &in)
				if opt.Progress != nil {
					mu.Lock()
					done++
					opt.Progress(done, len(files))
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
func One(path string, x *extract.Extractor) model.Facts { return one(path, x, nil, &interner{}) }

func one(path string, x *extract.Extractor, c *cache.Cache, in *interner) (f model.Facts) {
	defer func() {
		if r := recover(); r != nil {
			f = skip(path, fmt.Sprintf("internal error while reading (please report): %v", r))
		}
	}()
	st, err := os.Stat(path)
	if err != nil {
		return skip(path, readReason(err))
	}
	if st.Size() > ingest.MaxFileSize {
		return skip(path, fmt.Sprintf("larger than the %d MB limit", ingest.MaxFileSize>>20))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return skip(path, readReason(err))
	}
	key := ""
	if c != nil {
		key = c.Key(data)
		if cached, ok := c.Get(key); ok {
			cached.ID, cached.File = articleID(path), path
			return cached
		}
	}
	a, err := ingest.Parse(path, data)
	if err != nil {
		var se *ingest.SkipError
		if errors.As(err, &se) {
			f = skip(path, se.Reason)
		} else {
			f = skip(path, readReason(err))
		}
	} else {
		f = x.Extract(a)
		f.Fingerprint = dedup.Fingerprint(a.Body)
		in.compact(&f)
	}
	if c != nil {
		c.Put(key, f)
	}
	return f
}

func articleID(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// Facts walks the inputs, extracts every file and marks duplicates: the
// complete facts of a run, skipped files included, sorted by file, and the
// duplicate clusters.
func Facts(inputs []string, opt Options) ([]model.Facts, []model.Cluster) {
	files, skipped := Walk(inputs)
	facts := Extract(files, extract.New(), opt)
	facts = append(facts, skipped...)
	sort.SliceStable(facts, func(i, j int) bool { return facts[i].File < facts[j].File })
	clusters := dedup.Mark(facts)
	return facts, clusters
}
