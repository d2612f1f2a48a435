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
func WriteAtomic(path string, write func(f *os.File) error) error {
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
