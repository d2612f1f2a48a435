package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

// runCmd runs the command in-process and returns its exit code and output.
func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpTeaches(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}} {
		code, out, _ := runCmd(args...)
		if code != 0 || !strings.Contains(out, "bankbrief build") || !strings.Contains(out, "bankbrief extract") {
			t.Errorf("%v: code %d, output %q", args, code, out)
		}
	}
	for _, cmd := range []string{"build", "extract", "split"} {
		code, _, errOut := runCmd(cmd, "-h")
		if code != 0 || !strings.Contains(errOut, "Example:") || !strings.Contains(errOut, "-in") {
			t.Errorf("%s -h: code %d, help %q", cmd, code, errOut)
		}
		code2, _, errOut2 := runCmd("help", cmd)
		if code2 != 0 || errOut2 != errOut {
			t.Errorf("help %s differs from %s -h", cmd, cmd)
		}
	}
	if code, out, _ := runCmd("version"); code != 0 || !strings.HasPrefix(out, "bankbrief ") {
		t.Errorf("version: %d %q", code, out)
	}
}

// Mistakes are answered with one line that says what to do, and exit 2.
func TestMistakesAnsweredInOneLine(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"bild"}, "unknown command \"bild\"; run 'bankbrief help'"},
		{[]string{"build", "-in", "no/such/folder"}, "cannot read input no/such/folder"},
		{[]string{"extract", "-in", "no/such/folder"}, "cannot read input no/such/folder"},
		{[]string{"extract"}, "give the articles with -in"},
		{[]string{"split"}, "give the export to split"},
		{[]string{"build", "-lang", "fr"}, "-lang must be zh or en"},
		{[]string{"build", "-quarter", "2022-1"}, "-quarter must look like 2022Q1"},
		{[]string{"build", "-in", "main.go", "-font", "main.go", "-out", "does-not-matter"}, "not a TrueType font; give a TrueType .ttf font with -font"},
	}
	for _, c := range cases {
		code, _, errOut := runCmd(c.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", c.args, code)
		}
		if !strings.Contains(errOut, c.want) {
			t.Errorf("%v: stderr %q lacks %q", c.args, errOut, c.want)
		}
		if n := strings.Count(strings.TrimSpace(errOut), "\n"); n != 0 {
			t.Errorf("%v: %d lines, want one: %q", c.args, n+1, errOut)
		}
	}
}

// A flag mistake is one line, not the command's help: the error, the flag
// it is likely a slip for, and where the flags are listed.
func TestFlagMistakeInOneLine(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"build", "-bogus"}, "bankbrief build: unknown flag -bogus; run 'bankbrief build -h' for the flags\n"},
		{[]string{"build", "--input", "x"}, "bankbrief build: unknown flag -input (did you mean -in?); run 'bankbrief build -h' for the flags\n"},
		{[]string{"build", "-o", "x"}, "bankbrief build: unknown flag -o (did you mean -out?); run 'bankbrief build -h' for the flags\n"},
		{[]string{"extract", "-out", "x"}, "bankbrief extract: unknown flag -out (did you mean -o?); run 'bankbrief extract -h' for the flags\n"},
		{[]string{"build", "-j", "many"}, "bankbrief build: invalid value \"many\" for flag -j: parse error; run 'bankbrief build -h' for the flags\n"},
		{[]string{"build", "-in"}, "bankbrief build: flag needs an argument: -in; run 'bankbrief build -h' for the flags\n"},
		{[]string{"fetch", "-url", "x"}, "bankbrief fetch: unknown flag -url (did you mean -urls?); run 'bankbrief fetch -h' for the flags\n"},
		{[]string{"themes", "-x"}, "bankbrief themes: unknown flag -x; run 'bankbrief themes -h' for the flags\n"},
		{[]string{"banks", "-x"}, "bankbrief banks: unknown flag -x; run 'bankbrief banks -h' for the flags\n"},
	}
	for _, c := range cases {
		code, out, errOut := runCmd(c.args...)
		if code != 2 || out != "" || errOut != c.want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
}

// Flags may follow the paths, as in 'bankbrief build DIR -out X': the flag
// package alone stops at DIR, and -out and X were taken for inputs (or, in
// build, ignored with the sample built into reports/).
func TestFlagsAfterArguments(t *testing.T) {
	seeds, _ := filepath.Abs("../../testdata/seeds")
	t.Chdir(t.TempDir())

	code, _, errOut := runCmd("build", seeds, "-out", "x", "-quiet")
	if code != 0 || errOut != "" {
		t.Fatalf("build DIR -out x: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat("x/bankbrief.xlsx"); err != nil {
		t.Errorf("build DIR -out x wrote no x/bankbrief.xlsx: %v", err)
	}
	if _, err := os.Stat("reports"); err == nil {
		t.Errorf("build DIR -out x wrote reports/")
	}
	b, _ := os.ReadFile("x/facts.jsonl")
	if n := strings.Count(string(b), seeds); n != 5 {
		t.Errorf("build DIR -out x: %d facts lines of DIR, want 5", n)
	}

	code, _, errOut = runCmd("extract", seeds, "-o", "e.jsonl", "-quiet")
	b, _ = os.ReadFile("e.jsonl")
	if code != 0 || strings.Count(string(b), "\n") != 5 {
		t.Errorf("extract DIR -o FILE: exit %d, %d lines: %s", code, strings.Count(string(b), "\n"), errOut)
	}

	// -o - is standard output, as with most tools, not a file named "-".
	code, out, errOut := runCmd("extract", seeds, "-o", "-", "-quiet")
	if code != 0 || strings.Count(out, "\n") != 5 {
		t.Errorf("extract DIR -o -: exit %d, %d lines on stdout: %s", code, strings.Count(out, "\n"), errOut)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Errorf("extract -o - wrote a file named -")
	}

	// After --, every argument is a path, even one that looks like a flag.
	code, _, errOut = runCmd("extract", "-quiet", "--", "-o")
	if code != 2 || !strings.Contains(errOut, "cannot read input -o") {
		t.Errorf("extract -- -o: exit %d: %s", code, errOut)
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><head><title>t</title></head><body><h1>t</h1><p>某银行减免手续费100万元。</p></body></html>")
	}))
	defer srv.Close()
	code, _, errOut = runCmd("fetch", srv.URL+"/a.html", "-out", "f5", "-delay", "0", "-quiet")
	if code != 0 || !strings.Contains(errOut, "fetched 1, skipped 0, failed 0 of 1") {
		t.Errorf("fetch URL -out DIR: exit %d: %s", code, errOut)
	}
	if pages, _ := filepath.Glob("f5/*.html"); len(pages) != 1 {
		t.Errorf("fetch URL -out f5: pages in f5: %v", pages)
	}
}

// -timings lists every stage a run went through, once, with the total, and
// without it nothing of the kind is printed.
func TestTimingsListStages(t *testing.T) {
	seeds := "../../testdata/seeds"
	out := t.TempDir()
	code, _, errOut := runCmd("build", "-quiet", "-timings", "-in", seeds, "-out", out)
	if code != 0 {
		t.Fatalf("build -timings: code %d: %s", code, errOut)
	}
	for _, stage := range []string{"walk the inputs", "read and extract", "mark duplicates", "aggregate",
		"facts.jsonl", "bankbrief.xlsx", "bankbrief.html", "bankbrief.pdf", "total"} {
		if n := strings.Count(errOut, "\n  "+stage+" "); n != 1 {
			t.Errorf("build -timings: stage %q printed %d times:\n%s", stage, n, errOut)
		}
	}
	// Facts given with -facts are read, not extracted.
	code, _, errOut = runCmd("build", "-quiet", "-timings", "-facts", out+"/facts.jsonl", "-out", t.TempDir())
	if code != 0 || !strings.Contains(errOut, "\n  read -facts files ") || strings.Contains(errOut, "read and extract") {
		t.Errorf("build -facts -timings: code %d:\n%s", code, errOut)
	}
	code, _, errOut = runCmd("extract", "-quiet", "-timings", "-in", seeds, "-o", out+"/x.jsonl")
	if code != 0 || !strings.Contains(errOut, "\n  write the facts ") || !strings.Contains(errOut, "\n  mark duplicates ") {
		t.Errorf("extract -timings: code %d:\n%s", code, errOut)
	}
	if _, _, errOut := runCmd("build", "-quiet", "-in", seeds, "-out", out); strings.Contains(errOut, "timings") {
		t.Errorf("build without -timings printed timings:\n%s", errOut)
	}
}

// Asking for help about help prints the help; it once called itself until
// the stack overflowed.
func TestHelpOfHelp(t *testing.T) {
	for _, args := range [][]string{{"help", "-h"}, {"help", "help"}, {"help", "--help"}, {"-h", "-h"}, {"--help", "-help"}} {
		code, out, errOut := runCmd(args...)
		if code != 0 || out != usage || errOut != "" {
			t.Errorf("%v: code %d, stdout %.60q, stderr %.60q", args, code, out, errOut)
		}
	}
}

// build without -in reads the bundled sample, found only from the
// repository; elsewhere it says so rather than naming a path the user never
// typed ("cannot read input testdata/seeds").
func TestBuildWithoutInputsOutsideRepository(t *testing.T) {
	t.Chdir(t.TempDir())
	code, _, errOut := runCmd("build")
	want := "bankbrief: no -in given, and the bundled sample (testdata/seeds) is found only when run from the bankbrief repository; give your articles with -in FOLDER\n"
	if code != 2 || errOut != want {
		t.Errorf("build outside the repository: exit %d, %q; want 2, %q", code, errOut, want)
	}
	if _, err := os.Stat("reports"); err == nil {
		t.Errorf("build outside the repository wrote reports/")
	}
}

// -quarter 2022q1 is 2022Q1.
func TestQuarterInLowerCase(t *testing.T) {
	out := t.TempDir()
	code, _, errOut := runCmd("build", "-in", "../../testdata/seeds", "-out", out, "-quarter", "2022q1")
	if code != 0 || !strings.Contains(errOut, "; 2022Q1 (") {
		t.Errorf("-quarter 2022q1: exit %d: %s", code, errOut)
	}
}

// The summary lines say "1 file", "1 article", "1 bank", not "1 files".
func TestSummaryInTheSingular(t *testing.T) {
	seed := "../../testdata/seeds/000_0b872719766d8c1f.txt"
	out := t.TempDir()
	code, _, errOut := runCmd("build", "-in", seed, "-out", out)
	if code != 0 || !strings.Contains(errOut, "bankbrief: 1 file: 1 article (1 used, 0 duplicates), 0 skipped; all quarters; 1 bank, ") {
		t.Errorf("build of one article: exit %d: %s", code, errOut)
	}
	code, _, errOut = runCmd("build", "-in", seed, "-out", out, "-quarter", "2022Q1")
	if code != 0 || !strings.Contains(errOut, "; 2022Q1 (0 articles of other quarters left out); ") {
		t.Errorf("build -quarter of one article: exit %d: %s", code, errOut)
	}
	code, _, errOut = runCmd("extract", "-in", seed, "-o", filepath.Join(out, "e.jsonl"))
	if code != 0 || errOut != "bankbrief extract: 1 file: 1 article, 0 skipped\n" {
		t.Errorf("extract of one article: exit %d: %q", code, errOut)
	}
}

// extract -o inside the folder it reads does not read its own output, and
// a build of that folder skips the facts file, saying to give it with
// -facts: it was read as one article holding every figure of the others.
func TestFactsFileInInputFolder(t *testing.T) {
	dir := t.TempDir()
	seeds, _ := filepath.Glob("../../testdata/seeds/*.txt")
	for _, s := range seeds {
		b, _ := os.ReadFile(s)
		os.WriteFile(filepath.Join(dir, filepath.Base(s)), b, 0o644)
	}
	facts := filepath.Join(dir, "facts.jsonl")
	var first []byte
	for run := 1; run <= 2; run++ {
		code, _, errOut := runCmd("extract", "-in", dir, "-o", facts)
		b, _ := os.ReadFile(facts)
		if code != 0 || errOut != "bankbrief extract: 5 files: 5 articles, 0 skipped\n" {
			t.Errorf("extract run %d: exit %d: %q", run, code, errOut)
		}
		if run == 1 {
			first = b
		} else if !bytes.Equal(b, first) {
			t.Errorf("extract -o inside the input: the second run differs:\n%s", b)
		}
	}
	out := t.TempDir()
	code, _, errOut := runCmd("build", "-in", dir, "-out", out)
	b, _ := os.ReadFile(filepath.Join(out, "facts.jsonl"))
	if code != 0 || !strings.Contains(errOut, "bankbrief: 6 files: 5 articles (5 used, 0 duplicates), 1 skipped; all quarters; 4 banks, 56 metrics;") ||
		!strings.Contains(string(b), `"skipped":"a bankbrief facts file (from extract or build), not an article; give it to build with -facts FILE"`) {
		t.Errorf("build of a folder holding a facts file: exit %d:\n%s", code, errOut)
	}
}

// -out the same folder as -in is refused before anything is written: the
// second build skipped the whole folder as an output folder and wrote
// empty reports over the first, exit 0. An input that is an output folder
// is an error, not a silent skip; an output folder inside the input is
// skipped, run after run.
func TestOutputAndInputFolders(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join(testutil.Seeds(t), "*.txt"))
	dir := t.TempDir()
	t.Chdir(dir)
	os.Mkdir("d", 0o755)
	for _, s := range seeds {
		b, _ := os.ReadFile(s)
		os.WriteFile(filepath.Join("d", filepath.Base(s)), b, 0o644)
	}
	list := func() string {
		names, _ := filepath.Glob("d/*")
		return strings.Join(names, " ")
	}
	before := list()
	for _, args := range [][]string{
		{"build", "-in", "d", "-out", "d"},
		{"build", "d", "-out", "./d/"},
		{"build", "-in", "d", "-out", filepath.Join(dir, "d")},
	} {
		code, _, errOut := runCmd(args...)
		if code != 2 || !strings.Contains(errOut, "is also an input folder") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d: %q", args, code, errOut)
		}
		if after := list(); after != before {
			t.Errorf("%v wrote into d: %s", args, after)
		}
	}

	// Reports inside the input: skipped, the second time as the first.
	for run := 1; run <= 2; run++ {
		code, _, errOut := runCmd("build", "-in", "d", "-out", "d/reports")
		skipped := "0 skipped"
		if run == 2 {
			skipped = "1 skipped"
		}
		if code != 0 || !strings.Contains(errOut, "5 articles (5 used, 0 duplicates), "+skipped+"; all quarters; 4 banks, 56 metrics") {
			t.Errorf("build -out inside -in, run %d: exit %d: %s", run, code, errOut)
		}
	}

	// The reports copied in among the articles: the folder is an output
	// folder now, and saying so beats reading nothing.
	for _, name := range []string{"facts.jsonl", "bankbrief.xlsx"} {
		b, _ := os.ReadFile(filepath.Join("d", "reports", name))
		os.WriteFile(filepath.Join("d", name), b, 0o644)
	}
	want := "input d is a bankbrief output folder (it holds facts.jsonl and the reports), so its files are not read as articles; move the reports out if your articles are there too, or report its facts with -facts d/facts.jsonl\n"
	for _, args := range [][]string{{"build", "-in", "d", "-out", "o"}, {"extract", "d"}} {
		code, out, errOut := runCmd(args...)
		if code != 2 || out != "" || !strings.HasSuffix(errOut, want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d: %q", args, code, errOut)
		}
	}
	if _, err := os.Stat("o"); err == nil {
		t.Errorf("build -in OUTPUT-FOLDER -out o created o")
	}
}

// A build of no article, or of a quarter no article is of, fails in one
// line, exit 1, and writes nothing.
func TestBuildOfNothing(t *testing.T) {
	empty, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	code, _, errOut := runCmd("build", "-in", empty, "-out", out)
	if code != 1 || errOut != "bankbrief: no file found in "+empty+"; no report written: give the folder holding the articles with -in\n" {
		t.Errorf("build of an empty folder: exit %d: %q", code, errOut)
	}
	code, _, errOut = runCmd("build", "-in", "../../testdata/seeds", "-quarter", "2019q2", "-out", out)
	if code != 1 || !strings.HasPrefix(errOut, "bankbrief: no article of 2019Q2 in ../../testdata/seeds, whose articles are of 2021Q4 (2), ") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("build -quarter of no article: exit %d: %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(out, "bankbrief.xlsx")); err == nil {
		t.Errorf("a build of nothing wrote %s", out)
	}
}

// Skipped files are listed with the reason on the terminal (the summary
// said only "3 skipped"), at most ten, then where all of them are.
func TestSkippedListed(t *testing.T) {
	dir := t.TempDir()
	page, _ := os.ReadFile(filepath.Join(testutil.Seeds(t), "000_0b872719766d8c1f.txt"))
	os.WriteFile(filepath.Join(dir, "page.html"), page, 0o644)
	os.Mkdir(filepath.Join(dir, "page_files"), 0o755)
	for _, name := range []string{"app.js", "style.css", "data.csv"} {
		os.WriteFile(filepath.Join(dir, "page_files", name), []byte(`var s="中国工商银行减免手续费1200万元";`), 0o644)
	}
	out := t.TempDir()
	code, _, errOut := runCmd("build", "-in", dir, "-out", out)
	want := "bankbrief: skipped " + dir + "/page_files/app.js: a script (.js), not an article\n" +
		"bankbrief: skipped " + dir + "/page_files/data.csv: a data table (.csv), not an export of articles: no rows of articles\n" +
		"bankbrief: skipped " + dir + "/page_files/style.css: a style sheet (.css), not an article\n" +
		"bankbrief: 4 files: 1 article (1 used, 0 duplicates), 3 skipped;"
	if code != 0 || !strings.HasPrefix(errOut, want) {
		t.Errorf("build: exit %d:\n%s\nwant it to begin with\n%s", code, errOut, want)
	}
	if _, _, errOut := runCmd("build", "-quiet", "-in", dir, "-out", out); errOut != "" {
		t.Errorf("build -quiet printed %q", errOut)
	}

	for i := range 12 {
		os.WriteFile(filepath.Join(dir, "page_files", fmt.Sprintf("i%02d.png", i)), []byte("\x89PNG"), 0o644)
	}
	code, _, errOut = runCmd("build", "-in", dir, "-out", out)
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if code != 0 || len(lines) != 12 || strings.Count(errOut, ": skipped ") != 10 ||
		lines[10] != "bankbrief: … and 5 more skipped; see the workbook's 数据质量 sheet" {
		t.Errorf("build with 15 skipped: exit %d:\n%s", code, errOut)
	}
	_, _, errOut = runCmd("build", "-in", dir, "-out", out, "-lang", "en")
	if !strings.Contains(errOut, "\nbankbrief: … and 5 more skipped; see the workbook's Data quality sheet\n") {
		t.Errorf("build -lang en with 15 skipped:\n%s", errOut)
	}
	facts := filepath.Join(out, "e.jsonl")
	_, _, errOut = runCmd("extract", "-in", dir, "-o", facts)
	if !strings.HasPrefix(errOut, "bankbrief extract: skipped "+dir+"/page_files/app.js: a script (.js), not an article\n") ||
		!strings.Contains(errOut, "\nbankbrief extract: … and 5 more skipped; see the lines with \"skipped\" in "+facts+"\n") {
		t.Errorf("extract with 15 skipped:\n%s", errOut)
	}
}

// The summary line of a quarter's build accounts for every input file:
// the undated articles are left out (they are in no quarter), and said to
// be, not counted among the "articles of other quarters" (on the corpus,
// "153 articles of other quarters left out" held 108 undated).
func TestQuarterLineAccountsForUndated(t *testing.T) {
	in := t.TempDir()
	// Two seeds of 2021Q4, two of 2022, and two articles without a date.
	for _, name := range []string{"001_209a33a96d8ac9b7.txt", "004_3d201c0eda562d6d.txt", "000_0b872719766d8c1f.txt", "003_a556e87e8bd86a70.txt"} {
		data, err := os.ReadFile(filepath.Join("../../testdata/seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range map[string]string{
		"undated-1.txt": "工商银行开展适老化网点改造\n\n工商银行近日在全市网点开展适老化改造，为老年客户设置爱心窗口，累计服务老年客户3000人次。\n",
		"undated-2.txt": "农业银行支持春耕备耕\n\n农业银行某分行向种粮大户发放春耕贷款2亿元，帮助农户购买种子化肥，保障粮食生产。\n",
	} {
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errOut := runCmd("build", "-in", in, "-quarter", "2021Q4", "-out", t.TempDir(), "-no-cache")
	if code != 0 {
		t.Fatalf("build: code %d: %s", code, errOut)
	}
	if want := "6 files: 2 articles (2 used, 0 duplicates), 0 skipped; 2021Q4 (2 articles of other quarters and 2 without a date left out)"; !strings.Contains(errOut, want) {
		t.Errorf("summary line %q lacks %q", errOut, want)
	}
}

// split writes an export's articles where -out says, lists the rows it
// left out, and fails (exit 1) on a file it cannot split, saying why.
func TestSplitCommand(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "舆情导出.csv")
	os.WriteFile(csv, []byte("标题,发布时间,正文\n工行普惠,2024-03-05,工商银行北京分行今年以来累计发放普惠小微贷款27亿元。\n空,2024-03-06,\n"), 0o644)
	book := filepath.Join(dir, "book.xls")
	os.WriteFile(book, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), 0o644)
	out := filepath.Join(dir, "articles")
	code, stdout, stderr := runCmd("split", csv, book, "-out", out)
	if code != 1 || !strings.Contains(stderr, "book.xls: not a readable Excel 97–2003 workbook: damaged or cut short") {
		t.Errorf("exit %d, stderr %q: want 1 and the workbook's reason", code, stderr)
	}
	if !strings.Contains(stdout, "wrote 1 article to "+out+"; 1 row left out") || !strings.Contains(stdout, "left out row 3: no text") {
		t.Errorf("stdout %q", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "舆情导出-0002.md")); err != nil {
		t.Errorf("the article file: %v", err)
	}
}
