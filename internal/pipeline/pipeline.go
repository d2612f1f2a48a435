// Package pipeline runs the stages in order: it walks the inputs, reads and
// extracts articles on parallel goroutines (internal/ingest,
// internal/extract), marks syndicated copies (internal/dedup), aggregates
// (internal/aggregate) and writes the reports (internal/render/...) under the
// output folder, each through a temporary file renamed into place.
//
// Input: files and folders of articles (Facts, Build) — among them exports
// of many articles, whose records are read as the files split writes
// (exports.go) — or facts.jsonl files
// from earlier runs (LoadFacts, build -facts: read by factsDecoder, with
// encoding/json for any line it leaves alone). Output: []model.Facts in
// file order with duplicates marked, facts.jsonl (WriteFacts, encoding/json's
// exact bytes) and the three reports.
package pipeline

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/bankbrief/bankbrief/internal/model"
)

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

// tempMu orders the creation of temporary files against Stop: once Stop
// returns, no WriteAtomic creates another, so a clean-up that follows it
// finds every temporary file there will be.
var (
	tempMu     sync.RWMutex
	stopped    bool
	errStopped = errors.New("interrupted")
)

// Stop makes every later WriteAtomic fail without creating a file. The
// command calls it on Ctrl-C before removing the temporary files; the
// process exits right after, so nothing is ever started again.
func Stop() {
	tempMu.Lock()
	stopped = true
	tempMu.Unlock()
}

// WriteAtomic writes a file through a temporary name in the same folder and
// renames it into place, so an interrupted run leaves the previous file.
// The file is synced to disk before the rename; its writing out starts as
// it is written (see writeback), so that the sync waits for little more
// than its last megabytes.
func WriteAtomic(path string, write func(w io.Writer) error) error {
	tempMu.RLock()
	if stopped {
		tempMu.RUnlock()
		return errStopped
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	tempMu.RUnlock()
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(&writeback{f: tmp}); err != nil {
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

// writeback writes to f and asks the system to start writing each
// writebackChunk written out to disk, so that the disk works while the
// rest is produced, not during the sync that follows (a 177 MB
// facts.jsonl: a sync of 60 ms instead of 5).
type writeback struct {
	f            *os.File
	done, queued int64 // bytes written; bytes whose writing out was started
}

const writebackChunk = 8 << 20

func (w *writeback) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.done += int64(n)
	if w.done-w.queued >= writebackChunk {
		startWriteback(w.f, w.queued, w.done-w.queued)
		w.queued = w.done
	}
	return n, err
}
