package pipeline

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bankbrief/bankbrief/internal/cache"
	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/extract"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/split"
)

// Options tune the extraction of a run.
type Options struct {
	Jobs int // parallel workers (extraction, duplicate marking); 0: one per CPU
	// Cache, when set, answers files whose content was extracted before.
	Cache *cache.Cache
	// Progress is called after each file with the files done and in all.
	Progress func(done, total int)
	// Timings, when set, records how long each stage took.
	Timings *Timings
	// Except are files under the inputs that are not read, nor listed: the
	// run's own output (extract -o) and facts files (build -facts).
	Except []string
}

// Extract reads and extracts every file on opt.Jobs goroutines and returns
// the facts in the order of files, the records of exports of many
// articles (see expandExports) after them. Article text is dropped as soon
// as its facts are taken: memory grows with facts, not with text.
func Extract(files []string, x *extract.Extractor, opt Options) []model.Facts {
	in := make([]input, len(files))
	for i, f := range files {
		in[i].path = f
	}
	return extractInputs(in, x, opt)
}

// extractInputs extracts files (extractAll), drops the files a lazy walk
// met twice (dropRepeats), and puts the records of the exports met in
// place of the exports (expandExports).
func extractInputs(files []input, x *extract.Extractor, opt Options) []model.Facts {
	out, exports := extractAll(files, x, opt)
	return expandExports(dropRepeats(files, out), exports, x, opt)
}

// input is a file to read, with what the walk's stat said of it.
type input struct {
	path    string
	st      cache.Stat // Size is valid when hasStat
	hasStat bool       // st is known; else the file is stat'ed when read
	indexed bool       // st holds all the stat index compares (Linux)
	// lazy: listed by a lazy walk without a stat; the worker sets id once
	// it has opened the file.
	lazy  bool
	id    fileID
	hasID bool
	order int // the walk's: files met before have lower numbers
	// A record of an export (expandExports), read as the post split
	// writes for it (made when the record is extracted: the posts of a
	// large export are not all held at once); name is the file split
	// would write it to (ingest and the ID see that name).
	rec    *ingest.ExportRecord
	format string // the export's (ingest.Export.Format)
	name   string
}

// extractAll extracts files on opt.Jobs workers: their facts in the order
// of files, with a place-holder for each export of many articles met, and
// those exports.
func extractAll(files []input, x *extract.Extractor, opt Options) ([]model.Facts, *exportSet) {
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	jobs = max(1, min(jobs, len(files)))
	out := make([]model.Facts, len(files))
	prefault(out)
	// Workers take the next file from a shared counter rather than a
	// channel: no goroutine hand-off (and futex wake-up) per file.
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	shared := &interner{}
	fps := newFingerprints()
	exports := newExportSet()
	c := opt.Cache
	if c == nil {
		// No cache on disk: one in memory still spares the files whose
		// bytes are those of one extracted before in this run.
		c = cache.Memory()
	}
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := &worker{x: x, c: c, in: newWords(shared), fps: fps, exports: exports}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				out[i] = wk.one(&files[i])
				if opt.Progress != nil {
					mu.Lock()
					done++
					opt.Progress(done, len(files))
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return out, exports
}

// prefault writes to every page of out, a large slice fresh from the
// system, before the workers fill it. Otherwise the garbage collector,
// scanning it while it fills, reads its pages first: the system maps them
// to its shared page of zeros, and each worker's first store to a page
// then takes a second fault, a copy and a flush of the other CPUs'
// address caches (an interrupt to each): at 50,000 files 3,900 of these
// (out is 16 MB), 20 µs each on the test machine. A store to a page not
// yet mapped takes one fault, 2 µs.
func prefault(out []model.Facts) {
	for i := range out {
		out[i].Chars = 0 // no pointer: no write barrier, which reads first
	}
}

// testHookRead, set by tests, is called with each file read, and
// testHookExtract with each file parsed and extracted.
var testHookRead, testHookExtract func(path string)

// worker is one extracting goroutine with what it reuses from file to file.
type worker struct {
	x   *extract.Extractor
	c   *cache.Cache
	in  *words        // in front of the run's interner
	fps *fingerprints // the run's, or nil
	// exports holds the exports of many articles read (see expandExports)
	exports *exportSet
	// buf holds the content of the file being read. Nothing kept from a
	// file may point into it: ingest copies the text it keeps (the
	// bytes are converted to a string) and compact copies the facts.
	buf []byte
}

// One reads and extracts a single file; a file that is not an article gives
// a skipped line, and so does an export of many articles (Extract reads
// its records).
func One(path string, x *extract.Extractor) model.Facts {
	f := (&worker{x: x, in: newWords(&interner{}), exports: newExportSet()}).one(&input{path: path})
	if f.Skipped == exportPending {
		f.Skipped = "an export of many articles: read by build and extract"
	}
	return f
}

func (w *worker) one(in *input) (f model.Facts) {
	path := in.path
	defer func() {
		if r := recover(); r != nil {
			f = skip(path, fmt.Sprintf("internal error while reading (please report): %v", r))
		}
	}()
	if in.rec != nil {
		// The post does not say the row: the cache knows a moved record.
		post := split.Post(*in.rec, "", in.format)
		// The record's text goes once its post is made (the export's
		// records are one array: its entry is cleared).
		*in.rec, in.rec = ingest.ExportRecord{}, nil
		return w.extract(path, post, in)
	}
	if export, maybe := ingest.ExportName(path); export || maybe {
		if f, ok := w.export(in, maybe); ok {
			return f
		}
	}
	if reason := ingest.SkipName(path); reason != "" {
		return skip(path, reason) // a saved page's script, an image …: not read
	}
	if in.lazy {
		return w.oneLazy(in)
	}
	if !in.hasStat {
		st, err := os.Stat(path)
		if err != nil {
			return skip(path, readReason(err))
		}
		in.st, in.indexed = cache.StatOf(st)
		in.st.Size, in.hasStat = st.Size(), true
	}
	if in.st.Size > ingest.MaxFileSize {
		return skip(path, tooLargeReason(path))
	}
	c := w.c
	if c != nil && in.indexed {
		// Unchanged since the last run: the facts without reading it.
		if cached, ok := c.GetByStat(in.st); ok {
			cached.ID, cached.File = articleID(path), path
			return cached
		}
	}
	data, err := w.read(path, in.st.Size)
	if err != nil {
		return skip(path, readReason(err))
	}
	return w.extract(path, data, in)
}

// oneLazy is one for a file listed by a lazy walk: its stat (size, file ID)
// is taken once it is open.
func (w *worker) oneLazy(in *input) model.Facts {
	path := in.path
	data, reason := w.readLazy(in)
	if reason != "" {
		return skip(path, reason)
	}
	return w.extract(path, data, in)
}

// readLazy returns the content of the file of in, setting its file ID,
// or why it cannot be read.
func (w *worker) readLazy(in *input) (data []byte, reason string) {
	path := in.path
	fd, err := w.open(path)
	if err != nil {
		return nil, readReason(err)
	}
	defer closeFile(fd)
	size, id, hasID, err := statFile(fd)
	if err != nil {
		return nil, readReason(&fs.PathError{Op: "fstat", Path: path, Err: err})
	}
	in.id, in.hasID = id, hasID
	if size > ingest.MaxFileSize {
		return nil, tooLargeReason(path)
	}
	data, err = w.readFD(fd, path, size)
	if err != nil {
		return nil, readReason(err)
	}
	return data, ""
}

// extract returns the facts of data, the content of in.
func (w *worker) extract(path string, data []byte, in *input) (f model.Facts) {
	name := path // the file name ingest sees
	if in.name != "" {
		name = in.name
	}
	c := w.c
	key := ""
	if c != nil {
		key = c.Key(data)
		if in.indexed {
			c.Record(in.st, key)
		}
		if cached, ok := c.Get(key); ok {
			cached.ID, cached.File = articleID(name), path
			return cached
		}
	}
	if testHookExtract != nil {
		testHookExtract(path)
	}
	var a model.Article
	var err error
	if isFactsFile(data) {
		err = &ingest.SkipError{Reason: factsFileReason}
	} else {
		a, err = ingest.Parse(name, data)
	}
	if err != nil {
		var se *ingest.SkipError
		if errors.As(err, &se) {
			if se.Export && w.exports != nil {
				// JSON Lines or a JSON list of articles, by its content
				if ex, err := ingest.ReadExport(path, data); err == nil && len(ex.Records) > 0 {
					return w.exports.add(path, ex) // not cached: read again each run
				}
			}
			f = skip(path, se.Reason)
		} else {
			f = skip(path, readReason(err))
		}
	} else {
		f = w.x.Extract(a)
		f.File = path
		f.Fingerprint = w.fps.of(a.Body)
		w.in.compact(&f)
	}
	if c != nil {
		c.Put(key, f)
	}
	return f
}

// read returns the content of the file at path into w.buf, sized from the
// walk's stat. It does what os.ReadFile does with fewer system calls: no
// fstat (the size is known), and the file is not registered with the
// runtime's poller (os.Open tries, and fails, for every regular file,
// at the cost of an epoll_ctl and four fcntl calls), and no read to see
// EOF when the file ends where the stat said. Errors are those of
// os.ReadFile. A file that grows beyond the size limit while being read is
// read up to one byte over it, for ingest to reject.
func (w *worker) read(path string, size int64) ([]byte, error) {
	fd, err := w.open(path)
	if err != nil {
		return nil, err
	}
	defer closeFile(fd)
	return w.readFD(fd, path, size)
}

// open opens the file at path for read.
func (w *worker) open(path string) (file, error) {
	if testHookRead != nil {
		testHookRead(path)
	}
	return openFile(path)
}

// readFD is read once the file is open as fd.
func (w *worker) readFD(fd file, path string, size int64) ([]byte, error) {
	// +1: a file that grew since the stat fills the buffer and is read on.
	// A buffer grown for a huge file is not kept for the small ones after
	// it.
	if want := int(size) + 1; cap(w.buf) < want || cap(w.buf) > 4<<20 && want < 1<<20 {
		w.buf = make([]byte, 0, max(want, 4096))
	}
	data := w.buf[:0]
	for len(data) <= ingest.MaxFileSize {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // grow
		}
		n, err := readFile(fd, data[len(data):cap(data)])
		if err != nil {
			w.buf = data[:0]
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			break
		}
		short := len(data)+n < cap(data)
		data = data[:len(data)+n]
		if short && int64(len(data)) == size {
			// A read of a regular file returns less than asked only at
			// its end: one that stops at the size the stat gave spares
			// the read that would return 0 (a system call per file).
			break
		}
	}
	w.buf = data[:0]
	return data, nil
}

// fingerprints holds the fingerprints of the bodies met in a run, so that
// an article whose body is that of one before (a syndicated copy published
// with another title, date or source: 12% of the articles extracted from
// the generated corpus of 50,000) takes its fingerprint instead of making
// it again. A body is known by two seeded 64-bit hashes, as the contents of
// a cache.Memory are. Safe for concurrent use; a nil *fingerprints makes
// every fingerprint.
type fingerprints struct {
	seeds [2]maphash.Seed
	mu    sync.Mutex
	m     map[[2]uint64]string
}

// maxFingerprints bounds the fingerprints kept; past it new bodies are
// fingerprinted, not remembered.
const maxFingerprints = 1 << 20

func newFingerprints() *fingerprints {
	return &fingerprints{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, m: map[[2]uint64]string{}}
}

// of returns dedup.Fingerprint(body).
func (fs *fingerprints) of(body string) string {
	if fs == nil {
		return dedup.Fingerprint(body)
	}
	key := [2]uint64{maphash.String(fs.seeds[0], body), maphash.String(fs.seeds[1], body)}
	fs.mu.Lock()
	fp, ok := fs.m[key]
	fs.mu.Unlock()
	if ok {
		return fp
	}
	fp = dedup.Fingerprint(body)
	fs.mu.Lock()
	if len(fs.m) < maxFingerprints {
		fs.m[key] = fp
	}
	fs.mu.Unlock()
	return fp
}

func articleID(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// Facts walks the inputs, extracts every file and marks duplicates: the
// complete facts of a run, skipped files included, sorted by file, and the
// duplicate clusters.
func Facts(inputs []string, opt Options) ([]model.Facts, []model.Cluster) {
	return collect(inputs, opt, nil)
}

// collect is Facts, calling extracted (when set) with the facts of the
// files once every file has been extracted, before the facts are sorted
// and duplicates marked.
func collect(inputs []string, opt Options, extracted func(files []model.Facts)) ([]model.Facts, []model.Cluster) {
	// The bank registry and the taxonomy are built (parsed, compiled)
	// on first use; build them while the inputs are walked, on the other
	// core, rather than in the first workers to need them.
	x := extract.New()
	go x.Banks.Err()
	go x.Themes.Err()
	start := time.Now()
	files, skipped := walkExcept(inputs, opt.Cache == nil, opt.Except)
	opt.Timings.since(StageWalk, start, false)
	start = time.Now()
	facts := extractInputs(files, x, opt)
	opt.Timings.since(StageExtract, start, false)
	if extracted != nil {
		extracted(facts)
	}
	facts = append(facts, skipped...)
	// The walk lists the files sorted: with nothing skipped the facts are
	// in order already, which one pass tells (sorting them anyway, with a
	// cache miss a comparison, is a serial 40 ms at 50,000 files).
	byFile := func(i, j int) bool { return facts[i].File < facts[j].File }
	if !sort.SliceIsSorted(facts, byFile) {
		sort.SliceStable(facts, byFile)
	}
	start = time.Now()
	clusters := dedup.MarkJobs(facts, opt.Jobs)
	opt.Timings.since(StageDuplicates, start, false)
	return facts, clusters
}
