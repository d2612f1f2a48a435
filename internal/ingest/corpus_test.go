package ingest

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

// sharedFiles lists the article files of ../shared/seeds and ../shared/corpus.
func sharedFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{testutil.Shared(t, "seeds"), testutil.Shared(t, "corpus")} {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && d.Name() != "MANIFEST.tsv" && !strings.HasPrefix(d.Name(), ".") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// TestCorpus reads every shared article: none is skipped, at least 97% get
// a title and a body, and the dates agree with the hand labels.
func TestCorpus(t *testing.T) {
	files := sharedFiles(t)
	if len(files) < 100 {
		t.Fatalf("only %d files under ../shared", len(files))
	}
	got := map[string]string{}
	complete := 0
	for _, f := range files {
		a, err := ReadFile(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		got[a.ID] = a.Date
		if a.Title != "" && a.Body != "" {
			complete++
		} else {
			t.Logf("%s: title %q, %d bytes of body", f, a.Title, len(a.Body))
		}
		if strings.Contains(a.Body, "\n\n") || strings.ContainsRune(a.Body, '\uFFFD') {
			t.Errorf("%s: empty paragraph or replacement character in the body", f)
		}
	}
	rate := float64(complete) / float64(len(files))
	t.Logf("%d files, %d with title and body (%.1f%%)", len(files), complete, 100*rate)
	if rate < 0.97 {
		t.Errorf("title and body rate %.3f < 0.97", rate)
	}

	gold, err := os.Open(testutil.Shared(t, "gold", "dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer gold.Close()
	sc := bufio.NewScanner(gold)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n, ok := 0, 0
	for sc.Scan() {
		var g struct{ ID, Date string }
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		if g.Date == "" {
			continue
		}
		n++
		if got[g.ID] == g.Date {
			ok++
		} else {
			t.Logf("date %s: want %s got %q", g.ID, g.Date, got[g.ID])
		}
	}
	score := float64(ok) / float64(n)
	t.Logf("dates: %d of %d labelled dates right (%.3f)", ok, n, score)
	if n == 0 || score < 0.97 {
		t.Errorf("date score %.3f < 0.97", score)
	}
}

// TestCorpusTitles compares the titles with the hand-labelled headlines: a
// labelled headline is the title (white space aside), and an article
// labelled as showing none gets its title from the body.
func TestCorpusTitles(t *testing.T) {
	type article struct {
		title    string
		fromBody bool
	}
	got := map[string]article{}
	for _, f := range sharedFiles(t) {
		if a, err := ReadFile(f); err == nil {
			got[a.ID] = article{a.Title, a.TitleFromBody}
		}
	}
	gold, err := os.ReadFile(testutil.Shared(t, "gold", "dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	// White space aside, and the pinyin some sites print after a character
	// (廣發(fā)銀行), which the labels keep as written and ingest removes.
	squash := func(s string) string { return strings.Join(strings.Fields(stripPinyin(s)), "") }
	headlines, right, none, fromBody := 0, 0, 0, 0
	for line := range strings.SplitSeq(strings.TrimSpace(string(gold)), "\n") {
		var g struct{ ID, Title string }
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			t.Fatal(err)
		}
		a, ok := got[g.ID]
		if !ok {
			t.Errorf("%s: labelled but not read", g.ID)
			continue
		}
		if strings.TrimSpace(g.Title) == "" {
			none++
			if a.fromBody {
				fromBody++
			} else {
				t.Errorf("%s: the page shows no headline, but the title %q came from its header", g.ID, a.title)
			}
			continue
		}
		headlines++
		if squash(a.title) == squash(g.Title) && !a.fromBody {
			right++
		} else {
			t.Errorf("%s: title %q (from body %v), labelled %q", g.ID, a.title, a.fromBody, g.Title)
		}
	}
	t.Logf("headlines: %d of %d labelled headlines right; %d of %d articles without one titled from the body", right, headlines, fromBody, none)
}
