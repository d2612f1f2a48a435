package pipeline

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bankbrief/bankbrief/internal/aggregate"
	"github.com/bankbrief/bankbrief/internal/bank"
	"github.com/bankbrief/bankbrief/internal/cache"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/render/brief"
	"github.com/bankbrief/bankbrief/internal/render/charts"
	"github.com/bankbrief/bankbrief/internal/render/xlsx"
	"github.com/bankbrief/bankbrief/templates"
)

// Config is one `bankbrief build`.
type Config struct {
	Inputs []string
	// FactsFiles are facts.jsonl files (from extract or build) whose facts
	// are reported with those of Inputs, without reading the articles again.
	FactsFiles []string
	Out        string
	Quarter    string // "" for all quarters
	Lang       string // zh or en
	Jobs       int
	NoCache    bool   // extract every file again, ignoring and not writing the cache
	FontFile   string // a TrueType font to use in the brief instead of the embedded one
	// Generated is the day the reports are made (from SOURCE_DATE_EPOCH),
	// or "": the reports then give only the latest article's date.
	Generated string
	Progress  func(done, total int)
	// BeforeRender, when set, is called once the facts are complete, before
	// the reports are built (cmd/bankbrief's -memprofile).
	BeforeRender func()
	// DropFingerprints lets Render clear the facts' fingerprints once
	// facts.jsonl is written (Build sets it: its facts are not used after).
	// They are a quarter of the facts' memory and no report needs them.
	DropFingerprints bool
	// Timings, when set, records how long each stage took.
	Timings *Timings
}

// Output names, fixed so that a folder holds exactly one of each report.
const (
	WorkbookName = "bankbrief.xlsx"
	ChartsName   = "bankbrief.html"
	BriefName    = "bankbrief.pdf"
	FactsName    = "facts.jsonl"
	// CacheDir is the folder, inside the output folder, of the facts cache.
	CacheDir = ".bankbrief-cache"
)

// Result says what a build did.
type Result struct {
	Report *model.Report
	Files  []string // the reports written
	// CacheHits counts the files answered from the cache.
	CacheHits int
	// ExportRows counts the files that are records of exports of many
	// articles, Exports the exports (see ExportRows).
	ExportRows, Exports int
	Warnings            []string
	// Skipped are the input files that are not articles, with the reason,
	// by file; set also when Build fails for want of an article.
	Skipped []model.SkippedFile
}

// CheckFont says whether a -font file can be used, before any work is done.
func CheckFont(file string) error { return brief.CheckFont(file) }

// Build runs the whole pipeline and writes the four outputs into cfg.Out.
func Build(cfg Config) (*Result, error) {
	opt := Options{Jobs: cfg.Jobs, Progress: cfg.Progress, Timings: cfg.Timings, Except: cfg.FactsFiles}
	if !cfg.NoCache && len(cfg.Inputs) > 0 {
		opt.Cache = cache.Open(filepath.Join(cfg.Out, CacheDir), cache.Salt(templates.FS))
	}
	var facts []model.Facts
	// The cache is saved, and let go of, before the reports take memory;
	// it is written while duplicates are marked (it holds the facts as
	// extracted, before that).
	saved := make(chan error, 1)
	if opt.Cache == nil {
		saved <- nil
	}
	if len(cfg.Inputs) > 0 {
		facts, _ = collect(cfg.Inputs, opt, func(files []model.Facts) {
			switch {
			case opt.Cache == nil:
			case !slices.ContainsFunc(files, func(f model.Facts) bool { return f.Skipped == "" }):
				// No article: the build fails (nothingToReport), and
				// makes no -out folder for a cache of skipped files.
				saved <- nil
			default:
				go func() { saved <- opt.Cache.Save() }()
			}
		})
	}
	if len(cfg.FactsFiles) > 0 {
		start := time.Now()
		more, err := LoadFacts(cfg.FactsFiles)
		cfg.Timings.since(StageLoadFacts, start, false)
		if err != nil {
			<-saved
			return nil, err
		}
		if len(facts) == 0 {
			facts = more // already merged
		} else {
			facts = mergeFacts(append(facts, more...))
		}
	}
	var cacheWarn []string
	hits := 0
	if serr := <-saved; serr != nil {
		cacheWarn = append(cacheWarn, "cache not saved: "+serr.Error())
	}
	if opt.Cache != nil {
		hits = opt.Cache.Hits()
	}
	skipped := SkippedFiles(facts)
	if err := nothingToReport(facts, cfg); err != nil {
		return &Result{Skipped: skipped, CacheHits: hits}, err
	}
	if cfg.BeforeRender != nil {
		cfg.BeforeRender()
	}
	cfg.DropFingerprints = true
	res, err := Render(facts, cfg)
	if res != nil {
		res.CacheHits = hits
		res.ExportRows, res.Exports = ExportRows(facts)
		res.Warnings = append(res.Warnings, cacheWarn...)
		res.Skipped = skipped
	}
	return res, err
}

// SkippedFiles are the files of facts that are not articles, with the
// reason, in the order of facts.
func SkippedFiles(facts []model.Facts) []model.SkippedFile {
	var skipped []model.SkippedFile
	for i := range facts {
		if f := &facts[i]; f.Skipped != "" {
			skipped = append(skipped, model.SkippedFile{File: f.File, Reason: f.Skipped})
		}
	}
	return skipped
}

// nothingToReport says why facts make no report: no article was read at
// all (an empty folder, a folder of what are not articles), or none is of
// the quarter asked for. Reports of nothing would replace the last ones.
func nothingToReport(facts []model.Facts, cfg Config) error {
	quarters := map[string]int{}
	articles := 0
	for i := range facts {
		f := &facts[i]
		if f.Skipped != "" {
			continue
		}
		articles++
		q := f.Quarter
		if q == "" {
			q = model.Quarter(f.Date)
		}
		quarters[q]++
	}
	from := strings.Join(cfg.Inputs, ", ")
	give := "give the folder holding the articles with -in"
	if len(cfg.Inputs) == 0 {
		from = "the facts files " + strings.Join(cfg.FactsFiles, ", ")
		give = "give the facts files of articles with -facts"
	} else if len(cfg.FactsFiles) > 0 {
		from += " and the facts files " + strings.Join(cfg.FactsFiles, ", ")
	}
	switch {
	case len(facts) == 0:
		return fmt.Errorf("no file found in %s; no report written: %s", from, give)
	case articles == 0 && len(facts) == 1:
		return fmt.Errorf("no article in %s: its one file was skipped; no report written: %s", from, give)
	case articles == 0:
		return fmt.Errorf("no article in %s: all %d files were skipped; no report written: %s", from, len(facts), give)
	case cfg.Quarter != "" && quarters[cfg.Quarter] == 0:
		return fmt.Errorf("no article of %s in %s, whose articles are of %s; no report written: give one of those quarters with -quarter, or leave -quarter out",
			cfg.Quarter, from, quarterList(quarters))
	}
	return nil
}

// quarterList names the quarters of quarters (quarter → articles) with
// their articles: all of them when few, else their range and the three
// with the most; then the undated.
func quarterList(quarters map[string]int) string {
	undated := quarters[model.QuarterUnknown]
	var qs []string
	for q := range quarters {
		if q != model.QuarterUnknown {
			qs = append(qs, q)
		}
	}
	sort.Strings(qs)
	name := func(q string) string { return fmt.Sprintf("%s (%d)", q, quarters[q]) }
	var list string
	switch {
	case len(qs) == 0:
		return fmt.Sprintf("no quarter: all %d are undated (-quarter unknown)", undated)
	case len(qs) <= 6:
		names := make([]string, len(qs))
		for i, q := range qs {
			names[i] = name(q)
		}
		list = strings.Join(names, ", ")
	default:
		most := slices.Clone(qs)
		sort.SliceStable(most, func(i, j int) bool { return quarters[most[i]] > quarters[most[j]] })
		list = fmt.Sprintf("%d quarters from %s to %s, the most in %s, %s and %s",
			len(qs), qs[0], qs[len(qs)-1], name(most[0]), name(most[1]), name(most[2]))
	}
	if undated > 0 {
		list += fmt.Sprintf(", and %d undated (-quarter unknown)", undated)
	}
	return list
}

// CleanTemps removes the temporary files a build leaves in the output
// folder when it is killed or interrupted: the outputs' own (WriteAtomic)
// and the workbook writer's. Render calls it first; the command calls it
// on Ctrl-C.
func CleanTemps(out string) {
	RemoveTemps(ReportPaths(out)...)
	xlsx.RemoveTemps(out)
}

// Interrupt stops a build writing into out and removes its temporary files:
// no new temporary file is created after it (Stop), and the workbook
// writer's folder, which its writer may still be filling, is swept twice.
// The command calls it on Ctrl-C, then exits.
func Interrupt(out string) {
	Stop()
	CleanTemps(out)
	time.Sleep(50 * time.Millisecond)
	CleanTemps(out)
}

// Render aggregates facts and writes the four outputs into cfg.Out.
func Render(facts []model.Facts, cfg Config) (*Result, error) {
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output folder %s: %w", cfg.Out, err)
	}
	CleanTemps(cfg.Out) // left by a killed run
	// facts.jsonl is written while the facts are aggregated, before the
	// three reports: then the fingerprints, which only it holds, can go
	// before the reports take their memory.
	factsErr := make(chan error, 1)
	start := time.Now()
	go func() {
		err := writeOutput(cfg.Out, FactsName, func(w io.Writer) error { return WriteFacts(w, facts) })
		cfg.Timings.since(FactsName, start, true)
		factsErr <- err
	}()
	rep := aggregate.Build(facts, aggregate.Options{Period: cfg.Quarter, Lang: cfg.Lang, Generated: cfg.Generated,
		Listed: func(name string) bool { return bank.Default().Type(name) != "" }})
	cfg.Timings.since(StageAggregate, start, true)
	res := &Result{Report: rep}
	if err := <-factsErr; err != nil {
		return res, err
	}
	res.Files = append(res.Files, filepath.Join(cfg.Out, FactsName))
	if cfg.DropFingerprints {
		for i := range facts {
			facts[i].Fingerprint = ""
		}
	}
	var mu sync.Mutex // res.Warnings
	outputs := []struct {
		name  string // the file, also the stage's name
		write func(w io.Writer) error
	}{
		{WorkbookName, func(w io.Writer) error { return xlsx.Write(w, rep, xlsx.Options{TempDir: cfg.Out}) }},
		{ChartsName, func(w io.Writer) error { return charts.Write(w, rep) }},
		{BriefName, func(w io.Writer) error {
			return brief.Write(w, rep, brief.Options{FontFile: cfg.FontFile,
				Warn: func(s string) { mu.Lock(); res.Warnings = append(res.Warnings, "brief: "+s); mu.Unlock() }})
		}},
	}
	// The three reports are written at the same time, each through its own
	// temporary file.
	errs := make([]error, len(outputs))
	var wg sync.WaitGroup
	for i, o := range outputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			errs[i] = writeOutput(cfg.Out, o.name, o.write)
			cfg.Timings.since(o.name, start, true)
		}()
	}
	wg.Wait()
	for i, o := range outputs {
		if errs[i] != nil {
			return res, errs[i]
		}
		res.Files = append(res.Files, filepath.Join(cfg.Out, o.name))
	}
	return res, nil
}

// writeOutput writes one output file of a build through its temporary file.
func writeOutput(out, name string, write func(w io.Writer) error) error {
	path := filepath.Join(out, name)
	err := WriteAtomic(path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// WriteFacts writes facts as JSON lines, non-ASCII and <>& as written.
// Blocks of lines are encoded on parallel goroutines and written in order.
func WriteFacts(w io.Writer, facts []model.Facts) error {
	const block = 256
	blocks := (len(facts) + block - 1) / block
	workers := min(runtime.NumCPU(), blocks)
	if workers <= 1 {
		return encodeFacts(w, facts)
	}
	// Block b is encoded by worker b%workers into its own buffer, which
	// the writer writes as it is (no copy) and hands back.
	type result struct {
		buf []byte
		err error
	}
	done := make([]chan result, workers)
	free := make([]chan []byte, workers)
	stop := make(chan struct{})
	defer close(stop)
	for k := 0; k < workers; k++ {
		done[k], free[k] = make(chan result), make(chan []byte, 1)
		free[k] <- nil
		go func() {
			for b := k; b < blocks; b += workers {
				var buf []byte
				select {
				case buf = <-free[k]:
				case <-stop:
					return
				}
				buf, err := appendFacts(buf[:0], facts[b*block:min(len(facts), (b+1)*block)])
				select {
				case done[k] <- result{buf, err}:
				case <-stop:
					return
				}
			}
		}()
	}
	for b := 0; b < blocks; b++ {
		r := <-done[b%workers]
		if r.err != nil {
			return r.err
		}
		if _, err := w.Write(r.buf); err != nil {
			return err
		}
		free[b%workers] <- r.buf
	}
	return nil
}

// appendFacts appends the JSON lines of facts to dst.
func appendFacts(dst []byte, facts []model.Facts) ([]byte, error) {
	for i := range facts {
		var err error
		if dst, err = appendFactsJSON(dst, &facts[i]); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

func encodeFacts(w io.Writer, facts []model.Facts) error {
	var b []byte
	for i := range facts {
		var err error
		if b, err = appendFactsJSON(b, &facts[i]); err != nil {
			return err
		}
		if len(b) >= 1<<16 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(b)
	return err
}

// ReadFacts reads a facts.jsonl file.
func ReadFacts(r io.Reader) ([]model.Facts, error) {
	var out []model.Facts
	dec := json.NewDecoder(r)
	for dec.More() {
		var f model.Facts
		if err := dec.Decode(&f); err != nil {
			return out, fmt.Errorf("facts line %d: %w", len(out)+1, err)
		}
		out = append(out, f)
	}
	return out, nil
}
