package main

import (
	"bytes"
	"strings"
	"testing"
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
	for _, cmd := range []string{"build", "extract"} {
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
	// An unknown flag prints the flag package's line and the command's help.
	code, _, errOut := runCmd("build", "-bogus")
	if code != 2 || !strings.HasPrefix(errOut, "flag provided but not defined: -bogus") {
		t.Errorf("unknown flag: %d %q", code, errOut)
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
