package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how a long run goes on standard error: a progress bar
// (files done, rate, time left) when it is a terminal, a plain line every few
// seconds when it is not (a log, CI), nothing when quiet.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	bar   *progressbar.ProgressBar
	term  bool // w is a terminal: asked once, not for every file (a system call)
	start time.Time
	last  time.Time
	every time.Duration
}

func newProgress(w io.Writer, quiet bool) *progress {
	if quiet {
		return nil
	}
	now := time.Now()
	return &progress{w: w, term: isTerminal(w), start: now, last: now, every: 2 * time.Second}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// update is a pipeline progress callback.
func (p *progress) update(done, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.term {
		if p.bar == nil {
			p.bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(p.w),
				progressbar.OptionSetDescription("reading articles"),
				progressbar.OptionShowCount(),
				progressbar.OptionShowIts(),
				progressbar.OptionSetItsString("files"),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
			)
		}
		p.bar.Set(done)
		return
	}
	now := time.Now()
	if done < total && now.Sub(p.last) < p.every {
		return
	}
	if done == total && total < 1000 && now.Sub(p.start) < p.every {
		return // a short run needs no progress line
	}
	p.last = now
	elapsed := now.Sub(p.start).Seconds()
	rate := float64(done) / max(elapsed, 1e-9)
	left := ""
	if done < total && rate > 0 {
		left = fmt.Sprintf(", about %s left", (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second))
	}
	fmt.Fprintf(p.w, "bankbrief: %d/%d files (%.0f%%), %.0f files/s%s\n", done, total, 100*float64(done)/float64(max(total, 1)), rate, left)
}

func (p *progress) finish() {
	if p != nil && p.bar != nil {
		p.bar.Finish()
	}
}
