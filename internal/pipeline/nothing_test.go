package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// A build with no article to report (an empty folder, a folder of what
// are not articles, a -quarter no article is of) fails with the reason and
// leaves the reports of the last build as they were: it wrote empty
// reports over them, exit 0.
func TestNothingToReport(t *testing.T) {
	out := t.TempDir()
	if _, err := Build(Config{Inputs: []string{testutil.Seeds(t)}, Out: out, Lang: "zh", NoCache: true}); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	for _, p := range ReportPaths(out) {
		before[p], _ = os.ReadFile(p)
	}
	empty := t.TempDir()
	assets := t.TempDir()
	write(t, filepath.Join(assets, "app.js"), "var a = 1;")
	write(t, filepath.Join(assets, "b.bin"), "\x00\x01")
	one := t.TempDir()
	write(t, filepath.Join(one, "c.css"), "p{}")
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Inputs: []string{empty}}, "no file found in " + empty + "; no report written: give the folder holding the articles with -in"},
		{Config{Inputs: []string{assets}}, "no article in " + assets + ": all 2 files were skipped; no report written: give the folder holding the articles with -in"},
		{Config{Inputs: []string{one, empty}}, "no article in " + one + ", " + empty + ": its one file was skipped; no report written"},
		{Config{Inputs: []string{testutil.Seeds(t)}, Quarter: "2022Q3"}, "no article of 2022Q3 in " + testutil.Seeds(t) +
			", whose articles are of 2021Q4 (2), 2022Q1 (1), 2022Q4 (1), and 1 undated (-quarter unknown); no report written: give one of those quarters with -quarter, or leave -quarter out"},
		{Config{FactsFiles: []string{filepath.Join(out, FactsName)}, Quarter: "2019Q1"}, "no article of 2019Q1 in the facts files " + filepath.Join(out, FactsName) + ", whose articles are of 2021Q4 (2)"},
	} {
		c.cfg.Out, c.cfg.Lang = out, "zh"
		res, err := Build(c.cfg)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v %v %s: %v, want %q", c.cfg.Inputs, c.cfg.FactsFiles, c.cfg.Quarter, err, c.want)
		}
		if res == nil || len(res.Files) > 0 {
			t.Errorf("%v: no result, or files written", c.cfg.Inputs)
		} else if len(c.cfg.Inputs) == 1 && c.cfg.Inputs[0] == assets && len(res.Skipped) != 2 {
			t.Errorf("%v: skipped %v, want the 2 files", c.cfg.Inputs, res.Skipped)
		}
		for p, b := range before {
			if now, _ := os.ReadFile(p); string(now) != string(b) {
				t.Errorf("%v %s: %s changed", c.cfg.Inputs, c.cfg.Quarter, p)
			}
		}
	}
	// Nor is a new -out folder made, for a cache of skipped files.
	fresh := filepath.Join(t.TempDir(), "new")
	if _, err := Build(Config{Inputs: []string{assets}, Out: fresh, Lang: "zh"}); err == nil {
		t.Errorf("a build of no article did not fail")
	}
	if _, err := os.Stat(fresh); err == nil {
		t.Errorf("a build of no article made its -out folder")
	}
}

// The list of quarters stays short however many there are.
func TestQuarterList(t *testing.T) {
	many := map[string]int{model.QuarterUnknown: 9}
	for y := 2010; y < 2020; y++ {
		for q := 1; q <= 4; q++ {
			many[fmt.Sprintf("%dQ%d", y, q)] = 1
		}
	}
	many["2015Q2"], many["2012Q1"], many["2019Q4"] = 7, 5, 3
	for _, c := range []struct {
		quarters map[string]int
		want     string
	}{
		{many, "40 quarters from 2010Q1 to 2019Q4, the most in 2015Q2 (7), 2012Q1 (5) and 2019Q4 (3), and 9 undated (-quarter unknown)"},
		{map[string]int{"2022Q1": 2, "2021Q4": 1}, "2021Q4 (1), 2022Q1 (2)"},
		{map[string]int{model.QuarterUnknown: 4}, "no quarter: all 4 are undated (-quarter unknown)"},
	} {
		if got := quarterList(c.quarters); got != c.want {
			t.Errorf("quarterList = %q, want %q", got, c.want)
		}
	}
}
