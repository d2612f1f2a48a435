package pipeline

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Timings records how long each stage of a run took, in wall time, for the
// commands' -timings flag: where a build spends its time, measured on the
// user's own archive rather than guessed from a benchmark. It is safe for
// concurrent use (the reports are written at the same time, each recording
// its own stage); a nil *Timings records nothing.
type Timings struct {
	mu     sync.Mutex
	stages []Stage
}

// Stage is one timed stage of a run.
type Stage struct {
	Name string
	Took time.Duration
	// Concurrent marks a stage that ran at the same time as others, so
	// that the stages' times do not add up to the run's.
	Concurrent bool
}

// Names of the stages, in the order they run; each report's stage is
// named by its file (FactsName, WorkbookName, ChartsName, BriefName).
const (
	StageWalk       = "walk the inputs"
	StageExtract    = "read and extract"
	StageLoadFacts  = "read -facts files"
	StageDuplicates = "mark duplicates"
	StageAggregate  = "aggregate"
)

// since records the stage name as having run from start until now.
func (t *Timings) since(name string, start time.Time, concurrent bool) {
	if t == nil {
		return
	}
	d := time.Since(start)
	t.mu.Lock()
	t.stages = append(t.stages, Stage{Name: name, Took: d, Concurrent: concurrent})
	t.mu.Unlock()
}

// Since records the stage name, which ran alone, as having run from start
// until now (for the stages the commands run themselves).
func (t *Timings) Since(name string, start time.Time) { t.since(name, start, false) }

// Stages returns the stages recorded so far, in the order they ended.
func (t *Timings) Stages() []Stage {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Stage(nil), t.stages...)
}

// Write prints the stages as a table, one line each, with the run's total
// wall time (since start) last.
func (t *Timings) Write(w io.Writer, start time.Time) {
	total := time.Since(start)
	stages := t.Stages()
	width := len("total")
	for _, s := range stages {
		width = max(width, len(s.Name))
	}
	concurrent := false
	for _, s := range stages {
		mark := ""
		if s.Concurrent {
			mark, concurrent = " *", true
		}
		fmt.Fprintf(w, "  %-*s %8.3f s%s\n", width, s.Name, s.Took.Seconds(), mark)
	}
	fmt.Fprintf(w, "  %-*s %8.3f s\n", width, "total", total.Seconds())
	if concurrent {
		fmt.Fprintln(w, "  * ran at the same time as other stages")
	}
}
