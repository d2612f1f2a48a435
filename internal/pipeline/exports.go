package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/bankbrief/bankbrief/internal/extract"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/split"
)

// Exports of many articles — a monitoring platform's workbook or CSV, JSON
// Lines, a JSON list of article objects (ingest.ReadExport) — are read by
// build and extract directly. The worker that meets one reads it like any
// file and holds what it read (exportSet); once every file is done, the
// export's records are extracted on all the workers like files
// (expandExports), each as the post `bankbrief split` writes for it: the
// same facts as splitting first, and the cache knows a record by the bytes
// of its post, so that a rebuild after rows are added extracts only those.
//
// A record's line names the export and its row — File "舆情.csv#0012" —
// and its ID is that of the file split writes for it ("舆情-0012"). A row
// without text is a skipped line of its own ("no text"), so that every
// record of an export is accounted for as a file is.

// exportPending is the Skipped of the line a worker returns for an export:
// a place-holder, replaced by the lines of its records.
const exportPending = "\x00an export, read"

// exportSet holds the exports read by a run's workers, by path.
type exportSet struct {
	mu sync.Mutex
	m  map[string]ingest.Export
}

func newExportSet() *exportSet { return &exportSet{m: map[string]ingest.Export{}} }

// add holds ex, the export read from path, and returns its place-holder.
func (s *exportSet) add(path string, ex ingest.Export) model.Facts {
	s.mu.Lock()
	s.m[path] = ex
	s.mu.Unlock()
	return skip(path, exportPending)
}

// export reads the file at path as an export of many articles. handled is
// false when it is to be read as an article after all: maybe is set for a
// name that may be either (an .xls that holds no table of articles is a
// page saved as .xls).
func (w *worker) export(in *input, maybe bool) (f model.Facts, handled bool) {
	path := in.path
	st, err := os.Stat(path)
	if err != nil {
		return skip(path, readReason(err)), true
	}
	if in.lazy {
		in.id, in.hasID = idOf(st) // for dropRepeats, as readLazy does
	}
	switch {
	case st.IsDir():
		return f, false // the walk lists no folders; a race: read as usual
	case maybe && st.Size() > ingest.MaxFileSize:
		return f, false // said too large as an article
	case st.Size() > ingest.MaxExportSize:
		return skip(path, fmt.Sprintf("larger than the %d MB limit for an export of articles", ingest.MaxExportSize>>20)), true
	}
	if testHookRead != nil {
		testHookRead(path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return skip(path, readReason(err)), true
	}
	if isFactsFile(data) {
		return skip(path, factsFileReason), true
	}
	ex, err := ingest.ReadExport(path, data)
	if err != nil {
		if maybe && !ingest.IsBinaryDocument(data) {
			return f, false // a page saved as .xls: an article
		}
		return skip(path, ingest.NotExportReason(path, err)), true
	}
	return w.exports.add(path, ex), true
}

// expandExports replaces the place-holders among facts by the lines of the
// records of their exports, extracted on opt.Jobs workers; the lines are
// added after the others.
func expandExports(facts []model.Facts, set *exportSet, x *extract.Extractor, opt Options) []model.Facts {
	if len(set.m) == 0 {
		return facts
	}
	kept := facts[:0]
	var inputs []input
	var rows []model.Facts // lines of rows without text
	type first struct {
		input    int      // index in inputs of the export's first record
		warnings []string // the export's, given with it
	}
	var firsts []first
	for _, f := range facts {
		if f.Skipped != exportPending {
			kept = append(kept, f)
			continue
		}
		ex, ok := set.m[f.File]
		if !ok {
			continue // a second line of one path
		}
		delete(set.m, f.File)
		width := split.RowWidth(ex)
		dir, base := filepath.Dir(f.File), filepath.Base(f.File)
		if len(ex.Warnings) > 0 && len(ex.Records) > 0 {
			ws := make([]string, len(ex.Warnings))
			for i, w := range ex.Warnings {
				ws[i] = base + ": " + w
			}
			firsts = append(firsts, first{len(inputs), ws})
		}
		for i := range ex.Records {
			r := &ex.Records[i]
			inputs = append(inputs, input{
				path:   rowPath(f.File, r.Row, width),
				name:   filepath.Join(dir, split.Name(f.File, r.Row, width)),
				rec:    r,
				format: ex.Format,
				order:  len(inputs),
			})
		}
		for _, s := range ex.Skipped {
			line := skip(rowPath(f.File, s.Row, width), s.Reason)
			line.ID = articleID(split.Name(f.File, s.Row, width)) // as its records' IDs
			rows = append(rows, line)
		}
	}
	if len(inputs) > 0 {
		o := opt
		if opt.Progress != nil {
			// the records count on from the files done
			done := len(facts)
			o.Progress = func(d, total int) { opt.Progress(done+d, done+total) }
		}
		out, _ := extractAll(inputs, x, o)
		for _, fi := range firsts {
			f := &out[fi.input]
			f.Warnings = append(append([]string{}, fi.warnings...), f.Warnings...)
		}
		kept = append(kept, out...)
	}
	return append(kept, rows...)
}

// rowPath is the File of the record at row of the export at path.
func rowPath(path string, row, width int) string {
	return path + "#" + fmt.Sprintf("%0*d", width, row)
}

// ExportRows counts the lines of facts that are records of exports of
// many articles (File "舆情.csv#0012"), and the exports they come from.
func ExportRows(facts []model.Facts) (rows, exports int) {
	last := ""
	for i := range facts {
		if export, ok := rowOf(facts[i].File); ok {
			rows++
			if export != last {
				exports++ // facts are sorted by file: an export's rows are together
				last = export
			}
		}
	}
	return rows, exports
}

// rowOf returns the export of a File that names one of its records
// (rowPath: a path with an extension, "#", four digits or more).
func rowOf(file string) (export string, ok bool) {
	i := strings.LastIndexByte(file, '#')
	if i < 0 || len(file)-i-1 < 4 || filepath.Ext(file[:i]) == "" {
		return "", false
	}
	for _, c := range file[i+1:] {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return file[:i], true
}
