// Command bankbrief turns Chinese news articles about banks' public-service
// initiatives into a quarterly Excel workbook, an offline chart page and a
// PDF brief. It is a thin shell over internal/pipeline: flags, progress and
// exit codes, no logic.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/bankbrief/bankbrief/internal/extract"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/pipeline"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const usage = `bankbrief turns Chinese news articles about banks into quarterly reports.

Usage:
  bankbrief build   [-in PATH]... [-out DIR] [-quarter 2022Q1] [-lang zh|en]
  bankbrief extract [-in PATH]... [-o FILE]
  bankbrief fetch   -urls FILE [-out DIR]
  bankbrief fetch   URL... [-out DIR]
  bankbrief split   FILE... [-out DIR]
  bankbrief themes  [-lang zh|en] [-find SENTENCE]
  bankbrief banks   [-lang zh|en] [-type TYPE] [-find TEXT]
  bankbrief version
  bankbrief help [COMMAND]

Commands:
  build     read articles and write a workbook, a chart page, a PDF brief and facts.jsonl
  extract   print the facts of each article as one JSON object per line
  fetch     download the articles behind a list of links into a folder for build
  split     write the articles of an export (xlsx, xls, ods, CSV, JSON Lines) as files
            (build and extract read an export as it is too)
  themes    print the themes and their keywords (templates/taxonomy.yaml) in use
  banks     print the banks recognised (templates/banks.yaml and the regulator's list)
  version   print the version

Run 'bankbrief COMMAND -h' for a command's flags and an example.
Paths may also be given without -in, and flags after them:
'bankbrief build articles/ -out reports/all'.
With no flags, 'bankbrief build' reads the bundled sample (testdata/seeds)
and writes under reports/.
`

// defaultMemoryLimit is the heap size from which the garbage collector
// works harder, unless GOMEMLIMIT says otherwise: the facts of 200,000
// articles take about 550 MB, and without a limit the heap may grow to
// twice what is live before a collection.
const defaultMemoryLimit = 768 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200) // fewer collections; the limit above bounds the heap
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without os.Exit, for tests.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "extract":
		return cmdExtract(args[1:], stdout, stderr)
	case "fetch":
		return cmdFetch(args[1:], stdout, stderr)
	case "split":
		return cmdSplit(args[1:], stdout, stderr)
	case "themes":
		return cmdThemes(args[1:], stdout, stderr)
	case "banks":
		return cmdBanks(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "bankbrief", version)
		return 0
	case "help", "-h", "-help", "--help":
		// help COMMAND is COMMAND -h; help help, help -h and -h -h are help.
		if len(args) > 1 && !isHelp(args[1]) {
			return run([]string{args[1], "-h"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "bankbrief: unknown command %q; run 'bankbrief help' for the list\n", args[0])
	return 2
}

// isHelp says whether arg asks for help rather than naming a command.
func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

// inputs is a repeatable -in flag.
type inputs []string

func (i *inputs) String() string     { return strings.Join(*i, ",") }
func (i *inputs) Set(s string) error { *i = append(*i, s); return nil }

func newFlags(name, help string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, help)
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses a command's arguments, flags and bare arguments in any
// order ('bankbrief build DIR -out X': the flag package alone stops at DIR
// and would leave -out unread), and returns the bare arguments; after
// "--" every argument is bare. -h prints the command's help (ok false,
// code 0); a mistake prints one line that says what to do (code 2).
func parseFlags(fs *flag.FlagSet, args []string) (bare []string, code int, ok bool) {
	stderr := fs.Output()
	usage := fs.Usage
	fs.Usage = func() {} // the flag package calls it on every error
	fs.SetOutput(io.Discard)
	defer func() { fs.Usage = usage; fs.SetOutput(stderr) }()
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			usage()
			return nil, 0, false
		}
		if err != nil {
			fmt.Fprintf(stderr, "bankbrief %s: %s; run 'bankbrief %s -h' for the flags\n", fs.Name(), flagError(fs, err), fs.Name())
			return nil, 2, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return bare, 0, true
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(bare, rest...), 0, true
		}
		bare = append(bare, rest[0])
		args = rest[1:]
	}
}

// flagError is the flag package's error, with for an unknown flag the one
// it is likely a slip for (-o for build's -out, --input for -in).
func flagError(fs *flag.FlagSet, err error) string {
	name, unknown := strings.CutPrefix(err.Error(), "flag provided but not defined: -")
	if !unknown {
		return err.Error()
	}
	var like []string
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Name, name) || strings.HasPrefix(name, f.Name) {
			like = append(like, "-"+f.Name)
		}
	})
	msg := "unknown flag -" + name
	if len(like) > 0 && len(like) <= 2 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(like, " or "))
	}
	return msg
}

// defaultSample is the bundled sample read when build is given no -in.
const defaultSample = "testdata/seeds"

func checkInputs(in []string, stderr io.Writer) bool {
	for _, p := range in {
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(stderr, "bankbrief: cannot read input %s: %v; give a file or folder of articles with -in\n", p, errors.Unwrap(err))
			return false
		}
	}
	return true
}

const buildHelp = `Usage: bankbrief build [-in PATH]... [-out DIR] [-quarter 2022Q1] [-lang zh|en]

Reads every article under the inputs (Jekyll/Hexo posts, HTML pages, scraped
text; UTF-8 or GBK; exports of many articles — .xlsx, .xls, .ods, CSV,
JSON Lines — each row an article; -in may be left out before a path) and
writes into DIR:
  bankbrief.xlsx   the quarterly workbook
  bankbrief.html   the interactive chart page (works offline)
  bankbrief.pdf    the PDF brief
  facts.jsonl      the facts of every article, one JSON object per line

With -facts, the facts of articles extracted before (bankbrief extract -o, or
a build's facts.jsonl) are reported without reading the articles again: an
archive split over several machines is extracted partition by partition and
the facts files are merged here, duplicates marked across all of them.

Example:
  bankbrief build -in articles/ -quarter 2022Q1 -out reports/2022Q1
  bankbrief build -facts part1.jsonl -facts part2.jsonl -out reports/all
`

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", buildHelp, stderr)
	var in inputs
	fs.Var(&in, "in", "file or folder of articles, or an export of many (xlsx, xls, ods, CSV, JSON Lines) (repeatable; default: the bundled sample "+defaultSample+")")
	var factsFiles inputs
	fs.Var(&factsFiles, "facts", "facts.jsonl file from extract or build, reported without reading its articles again (repeatable: one per partition of an archive)")
	out := fs.String("out", "reports", "folder to write the reports into")
	quarter := fs.String("quarter", "", "quarter to report, e.g. 2022Q1 (default: all quarters)")
	lang := fs.String("lang", "zh", "language of the reports: zh or en")
	jobs := fs.Int("j", 0, "parallel workers (default: number of CPUs)")
	font := fs.String("font", "", "TrueType font file for the brief (default: the embedded font)")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	noCache := fs.Bool("no-cache", false, "extract every file again instead of reusing the facts cache in "+pipeline.CacheDir+" under -out")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to FILE (for developers)")
	memProfile := fs.String("memprofile", "", "write a heap profile to FILE before the reports are written (for developers)")
	timings := fs.Bool("timings", false, "print to standard error how long each stage took")
	bare, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "bankbrief build: %v\n", err)
			return 2
		}
		defer stop()
	}
	if *lang != "zh" && *lang != "en" {
		fmt.Fprintf(stderr, "bankbrief: -lang must be zh or en, not %q\n", *lang)
		return 2
	}
	*quarter = normalQuarter(*quarter)
	if *quarter != "" && !validQuarter(*quarter) {
		fmt.Fprintf(stderr, "bankbrief: -quarter must look like 2022Q1, not %q\n", *quarter)
		return 2
	}
	in = append(in, bare...)
	if len(in) == 0 && len(factsFiles) == 0 {
		if _, err := os.Stat(defaultSample); err != nil {
			fmt.Fprintf(stderr, "bankbrief: no -in given, and the bundled sample (%s) is found only when run from the bankbrief repository; give your articles with -in FOLDER\n", defaultSample)
			return 2
		}
		in = inputs{defaultSample}
	}
	if !checkInputs(in, stderr) {
		return 2
	}
	if err := pipeline.CheckFolders(in, *out); err != nil {
		fmt.Fprintf(stderr, "bankbrief: %v\n", err)
		return 2
	}
	for _, f := range factsFiles {
		if _, err := os.Stat(f); err != nil {
			fmt.Fprintf(stderr, "bankbrief: cannot read facts file %s: %v; give a facts.jsonl written by bankbrief extract or build with -facts\n", f, errors.Unwrap(err))
			return 2
		}
	}
	if *font != "" {
		if err := pipeline.CheckFont(*font); err != nil {
			fmt.Fprintf(stderr, "bankbrief: -font: %v\n", err)
			return 2
		}
	}
	defer onInterrupt(stderr, func() { pipeline.Interrupt(*out) })()
	start := time.Now()
	prog := newProgress(stderr, *quiet)
	var tim *pipeline.Timings
	if *timings {
		tim = new(pipeline.Timings)
	}
	res, err := pipeline.Build(pipeline.Config{
		Inputs: in, FactsFiles: factsFiles, Out: *out, Quarter: *quarter, Lang: *lang, Jobs: *jobs, FontFile: *font,
		NoCache: *noCache, Generated: sourceDateEpoch(), Progress: prog.update, Timings: tim,
		BeforeRender: func() {
			if *memProfile != "" {
				if err := writeHeapProfile(*memProfile); err != nil {
					fmt.Fprintf(stderr, "bankbrief build: %v\n", err)
				}
			}
		},
	})
	prog.finish()
	if err != nil {
		waitIfInterrupted()
		if res != nil && len(res.Files) == 0 && !*quiet {
			printSkipped(stderr, "bankbrief", res.Skipped, "")
		}
		fmt.Fprintf(stderr, "bankbrief: %v\n", err)
		return 1
	}
	if !*quiet {
		c := res.Report.Counts
		for _, f := range res.Files {
			fmt.Fprintln(stdout, "wrote", f)
		}
		sheet := "数据质量"
		if *lang == "en" {
			sheet = "Data quality"
		}
		printSkipped(stderr, "bankbrief", res.Skipped, "see the workbook's "+sheet+" sheet")
		for _, w := range res.Warnings {
			fmt.Fprintln(stderr, "bankbrief: warning:", w)
		}
		period := "all quarters"
		if *quarter != "" {
			period = fmt.Sprintf("%s (%s of other quarters left out)", *quarter, count(c.OtherPeriods, "article"))
			if c.UndatedLeftOut > 0 {
				period = fmt.Sprintf("%s (%s of other quarters and %d without a date left out)", *quarter, count(c.OtherPeriods, "article"), c.UndatedLeftOut)
			}
		}
		fmt.Fprintf(stderr, "bankbrief: %s: %s (%d used, %s), %d skipped; %s; %s, %s; %d from cache; %s\n",
			filesPhrase(c.Files, res.ExportRows, res.Exports), count(c.Articles, "article"), c.Used, count(c.Duplicates, "duplicate"), c.Skipped, period,
			count(c.Banks, "bank"), count(c.Metrics, "metric"), res.CacheHits, time.Since(start).Round(time.Millisecond))
	}
	if tim != nil {
		fmt.Fprintln(stderr, "bankbrief: timings (wall clock):")
		tim.Write(stderr, start)
	}
	return 0
}

const extractHelp = `Usage: bankbrief extract [-in PATH]... [-o FILE]

Prints the facts of every input file as one JSON object per line: title, date,
quarter, source, banks, themes and metrics (value, unit, type, qualifier and
the sentence each came from). Files that are not articles get a line with
"skipped" and the reason (-in may be left out before a path). See the
README for the fields.

Example:
  bankbrief extract -in articles/ -o facts.jsonl
`

func cmdExtract(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("extract", extractHelp, stderr)
	var in inputs
	fs.Var(&in, "in", "file or folder of articles (repeatable)")
	outPath := fs.String("o", "", "write to FILE instead of standard output (- is standard output)")
	jobs := fs.Int("j", 0, "parallel workers (default: number of CPUs)")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	stats := fs.Bool("stats", false, "also print to standard error the articles per theme and the metrics per type")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to FILE (for developers)")
	memProfile := fs.String("memprofile", "", "write a heap profile to FILE at the end (for developers)")
	timings := fs.Bool("timings", false, "print to standard error how long each stage took")
	bare, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "bankbrief extract: %v\n", err)
			return 2
		}
		defer stop()
	}
	if *outPath == "-" {
		*outPath = "" // the usual name of standard output
	}
	in = append(in, bare...)
	if len(in) == 0 {
		fmt.Fprintln(stderr, "bankbrief extract: give the articles with -in PATH (a file or a folder)")
		return 2
	}
	if !checkInputs(in, stderr) {
		return 2
	}
	if err := pipeline.CheckFolders(in, ""); err != nil {
		fmt.Fprintf(stderr, "bankbrief extract: %v\n", err)
		return 2
	}
	start := time.Now()
	prog := newProgress(stderr, *quiet)
	var tim *pipeline.Timings
	if *timings {
		tim = new(pipeline.Timings)
	}
	opt := pipeline.Options{Jobs: *jobs, Progress: prog.update, Timings: tim}
	if *outPath != "" {
		opt.Except = []string{*outPath} // -o inside an input folder is not read
	}
	facts, _ := pipeline.Facts(in, opt)
	prog.finish()
	if *memProfile != "" {
		if err := writeHeapProfile(*memProfile); err != nil {
			fmt.Fprintf(stderr, "bankbrief extract: %v\n", err)
			return 2
		}
	}
	if *stats {
		extract.WriteStats(stderr, facts)
	}
	written := time.Now()
	write := func(w io.Writer) error { return pipeline.WriteFacts(w, facts) }
	var err error
	if *outPath == "" {
		err = write(stdout)
	} else {
		if dir := filepath.Dir(*outPath); dir != "" {
			os.MkdirAll(dir, 0o755)
		}
		defer onInterrupt(stderr, func() { pipeline.Stop(); pipeline.RemoveTemps(*outPath) })()
		err = pipeline.WriteAtomic(*outPath, write)
	}
	if err != nil {
		waitIfInterrupted()
		fmt.Fprintf(stderr, "bankbrief extract: %v\n", err)
		return 1
	}
	skipped := pipeline.SkippedFiles(facts)
	tim.Since("write the facts", written)
	if !*quiet {
		where := "see the lines with \"skipped\" in the output"
		if *outPath != "" {
			where = "see the lines with \"skipped\" in " + *outPath
		}
		printSkipped(stderr, "bankbrief extract", skipped, where)
		rows, exports := pipeline.ExportRows(facts)
		fmt.Fprintf(stderr, "bankbrief extract: %s: %s, %d skipped\n", filesPhrase(len(facts), rows, exports), count(len(facts)-len(skipped), "article"), len(skipped))
	}
	if tim != nil {
		fmt.Fprintln(stderr, "bankbrief extract: timings (wall clock):")
		tim.Write(stderr, start)
	}
	return 0
}

// filesPhrase says how many files a run read: "12 files", and when some
// are the records of exports of many articles, "12 files (10 rows of 1
// export)".
func filesPhrase(files, rows, exports int) string {
	s := count(files, "file")
	if rows > 0 {
		s += fmt.Sprintf(" (%s of %s)", count(rows, "row"), count(exports, "export"))
	}
	return s
}

// skippedShown is how many skipped files a run lists on the terminal.
const skippedShown = 10

// printSkipped lists the skipped files with the reason, the first
// skippedShown of them, then how many more there are and where (rest) they
// are all listed.
func printSkipped(w io.Writer, prefix string, skipped []model.SkippedFile, rest string) {
	for i, s := range skipped {
		if i == skippedShown {
			line := fmt.Sprintf("%s: … and %d more skipped", prefix, len(skipped)-i)
			if rest != "" {
				line += "; " + rest
			}
			fmt.Fprintln(w, line)
			return
		}
		fmt.Fprintf(w, "%s: skipped %s: %s\n", prefix, s.File, s.Reason)
	}
}

// startCPUProfile starts a CPU profile into file; stop ends and closes it.
func startCPUProfile(file string) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeHeapProfile writes the live heap (after a collection) to file.
func writeHeapProfile(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	runtime.GC()
	return errors.Join(pprof.WriteHeapProfile(f), f.Close())
}

// count is n with its noun, singular for one: "1 file", "2 files".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// normalQuarter writes a -quarter as the reports do: 2022q1 is 2022Q1,
// UNKNOWN is unknown.
func normalQuarter(q string) string {
	if strings.EqualFold(q, model.QuarterUnknown) {
		return model.QuarterUnknown
	}
	return strings.ToUpper(q)
}

func validQuarter(q string) bool {
	return q == model.QuarterUnknown || (len(q) == 6 && q[4] == 'Q' && q[5] >= '1' && q[5] <= '4' &&
		strings.Trim(q[:4], "0123456789") == "")
}

// sourceDateEpoch returns SOURCE_DATE_EPOCH as YYYY-MM-DD, or "".
func sourceDateEpoch() string {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return ""
	}
	var sec int64
	if _, err := fmt.Sscan(s, &sec); err != nil {
		return ""
	}
	return time.Unix(sec, 0).UTC().Format("2006-01-02")
}

// onInterrupt makes Ctrl-C (SIGINT) and SIGTERM run clean (which removes
// the temporary files of the outputs) and exit with status 130, leaving
// every output not yet renamed into place as it was. The returned function
// stops it.
func onInterrupt(stderr io.Writer, clean func()) (stop func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	go func() {
		if _, ok := <-c; ok {
			interrupting.Store(true)
			clean()
			fmt.Fprintln(stderr, "bankbrief: interrupted; outputs not yet written are left as they were")
			os.Exit(130)
		}
	}()
	return func() {
		waitIfInterrupted()
		signal.Stop(c)
		close(c)
	}
}

// interrupting is set when Ctrl-C arrives: the handler then owns the exit.
var interrupting atomic.Bool

// waitIfInterrupted blocks forever once Ctrl-C has arrived, so that a build
// failing because its temporary files were just removed neither reports
// that failure nor exits with its own code: the handler exits with 130.
func waitIfInterrupted() {
	if interrupting.Load() {
		select {}
	}
}
