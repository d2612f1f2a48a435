package pipeline

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"sync"

	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/model"
)

// LoadFacts reads facts.jsonl files (from `bankbrief extract` or `build`,
// one per partition of an archive, say) into one set: sorted by file, each
// file once (the first facts file naming it wins), duplicates marked again
// across all of them. Lines are decoded on parallel goroutines.
func LoadFacts(files []string) ([]model.Facts, error) {
	var all []model.Facts
	var in interner
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("cannot read the facts file %s: %w; give a facts.jsonl written by bankbrief extract or build", name, err)
		}
		all, err = readFactsParallel(all, f, &in)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("facts file %s: %w; give a facts.jsonl written by bankbrief extract or build", name, err)
		}
	}
	return mergeFacts(all), nil
}

// mergeFacts sorts facts by file, keeps the first of each file and marks
// the duplicates of the whole set.
func mergeFacts(all []model.Facts) []model.Facts {
	sort.SliceStable(all, func(i, j int) bool { return all[i].File < all[j].File })
	all = compactFiles(all)
	dedup.Mark(all)
	return all
}

// compactFiles drops the facts of a file already listed (sorted input).
func compactFiles(facts []model.Facts) []model.Facts {
	k := 0
	for i := range facts {
		if k > 0 && facts[i].File == facts[k-1].File {
			continue
		}
		facts[k] = facts[i]
		k++
	}
	clear(facts[k:])
	return facts[:k]
}

// readFactsParallel reads JSON lines, decoding blocks of lines on one
// goroutine per CPU, and appends the facts to out in the order of the
// lines. A line is decoded by a factsDecoder, or, when it is JSON that
// decoder leaves alone (or no JSON at all), by json.Unmarshal, whose error
// names the line. Each line is a slice of its own that nothing writes to:
// the decoder's strings point into it until compact copies them out.
func readFactsParallel(out []model.Facts, r io.Reader, in *interner) ([]model.Facts, error) {
	const block = 512
	type job struct {
		lines [][]byte
		nums  []int // line numbers
		out   []model.Facts
		err   error
		done  chan struct{}
	}
	jobs := make(chan *job, runtime.NumCPU())
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWords(in)
			var dec factsDecoder
			for j := range jobs {
				j.out = make([]model.Facts, 0, len(j.lines))
				for i, line := range j.lines {
					var f model.Facts
					if !dec.decode(line, &f) {
						f = model.Facts{}
						if err := json.Unmarshal(line, &f); err != nil {
							j.err = fmt.Errorf("line %d: %w", j.nums[i], err)
							break
						}
					}
					w.compact(&f)
					j.out = append(j.out, f)
				}
				j.lines = nil
				close(j.done)
			}
		}()
	}
	// The reader hands out blocks in order; a collector keeps them.
	order := make(chan *job, 2*runtime.NumCPU())
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		br := bufio.NewReaderSize(r, 1<<20)
		line := 0
		for {
			j := &job{done: make(chan struct{})}
			for len(j.lines) < block {
				b, err := br.ReadBytes('\n')
				line++
				if b = bytes.TrimSpace(b); len(b) > 0 {
					j.lines = append(j.lines, b)
					j.nums = append(j.nums, line)
				}
				if err != nil {
					if err != io.EOF {
						readErr = err
					}
					break
				}
			}
			last := len(j.lines) < block
			if len(j.lines) > 0 {
				order <- j
				jobs <- j
			}
			if last {
				return
			}
		}
	}()
	var firstErr error
	for j := range order {
		<-j.done
		if j.err != nil && firstErr == nil {
			firstErr = j.err
		}
		out = append(out, j.out...)
	}
	wg.Wait()
	if firstErr != nil {
		return out, firstErr
	}
	return out, readErr
}
