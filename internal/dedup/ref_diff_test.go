package dedup_test

import (
	"bufio"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// TestFingerprintReference checks that Fingerprint gives the bytes of the
// reference implementation (ref_test.go) on the seeds, on the shared
// corpus and a sample of the benchmark corpus when present (bodies as
// ingest reads them, and the raw files), and on random text mixing
// scripts, full-width forms, traditional characters and invalid bytes.
func TestFingerprintReference(t *testing.T) {
	texts := seeds(t)
	var paths []string
	if _, err := os.Stat(filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus")); err == nil {
		paths, _ = filepath.Glob(filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus", "*"))
	}
	bench, _ := filepath.Glob("/tmp/bankbrief-bench/corpus10000/*")
	sort.Strings(bench)
	paths = append(paths, bench[:min(len(bench), 500)]...)
	for _, p := range paths {
		if a, err := ingest.ReadFile(p); err == nil {
			texts = append(texts, a.Body)
		}
		if b, err := os.ReadFile(p); err == nil {
			texts = append(texts, string(b))
		}
	}
	pieces := []string{"中", "國", "银行", "Ａ", "１", "a", "B", "7", " ", "，", "\xff", "\xe4\xb8", "é", "Ⅷ", "𠀀", "ǅ", "İ", "٣", "ｶ", "\u3007"}
	rnd := rand.New(rand.NewSource(3))
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for k := rnd.Intn(400); k > 0; k-- {
			b.WriteString(pieces[rnd.Intn(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	nonEmpty := 0
	for _, s := range texts {
		got, want := dedup.Fingerprint(s), dedup.RefFingerprint(s)
		if got != want {
			t.Fatalf("Fingerprint(%.200q) =\n%s\nthe reference gives\n%s", s, got, want)
		}
		if got != "" {
			nonEmpty++
		}
	}
	if nonEmpty < len(texts)/2 {
		t.Errorf("only %d of %d texts fingerprinted", nonEmpty, len(texts))
	}
}

// TestNormalizeEveryRune checks the precomputed table rune by rune: every
// rune of the Basic Multilingual Plane, alone and between Han characters
// (so that a letter's fate depends on the Han majority both ways), is
// normalised as the reference does; every 61st also gives its fingerprint.
func TestNormalizeEveryRune(t *testing.T) {
	const han = "中国工商银行深圳市分行开展金融知识宣传活动为老年客户提供上门服务"
	for c := rune(0); c < 0x10000; c++ {
		s := string(c)
		for _, text := range []string{strings.Repeat(s, 25), han + s + "ab" + s + han[:9], "ab12" + s + "cd34efgh56ijkl78mnop"} {
			if got, want := dedup.Normalize(text), dedup.RefNormalize(text); !slices.Equal(got, want) {
				t.Fatalf("U+%04X in %q: Normalize gives %q, the reference %q", c, text, string(got), string(want))
			}
			if c%61 == 0 {
				if got, want := dedup.Fingerprint(text), dedup.RefFingerprint(text); got != want {
					t.Fatalf("U+%04X in %q: fingerprints differ", c, text)
				}
			}
		}
	}
}

// FuzzFingerprintReference compares Fingerprint with the reference.
func FuzzFingerprintReference(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 600)])
	}
	f.Add("\xff\xfe中ＡＢＣ１２３國銀行 abc")
	f.Fuzz(func(t *testing.T, body string) {
		if got, want := dedup.Fingerprint(body), dedup.RefFingerprint(body); got != want {
			t.Fatalf("Fingerprint(%q) =\n%s\nthe reference gives\n%s", body, got, want)
		}
	})
}

// TestMarkReference checks that MarkWith marks the copies the serial
// reference does (ref_story_test.go), at several thresholds, on synthetic articles with
// truncated copies and on the first 20,000 facts of the generated 50,000
// corpus when present.
func TestMarkReference(t *testing.T) {
	sets := [][]model.Facts{synthetic(t, 3000)}
	if f, err := os.Open("/tmp/bankbrief-bench/facts50000.jsonl"); err == nil {
		var facts []model.Facts
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() && len(facts) < 20000 {
			var x model.Facts
			if err := json.Unmarshal(sc.Bytes(), &x); err != nil {
				t.Fatal(err)
			}
			facts = append(facts, model.Facts{ID: x.ID, File: x.File, Date: x.Date, Skipped: x.Skipped, Fingerprint: x.Fingerprint, Chars: x.Chars})
		}
		f.Close()
		sets = append(sets, facts)
	}
	for _, facts := range sets {
		for _, th := range []float64{0.2, dedup.Threshold, 0.7} {
			got := slices.Clone(facts)
			want := slices.Clone(facts)
			cg, cw := dedup.MarkWith(got, th), dedup.StoryRefMarkWith(want, th)
			if !reflect.DeepEqual(cg, cw) {
				t.Fatalf("threshold %v: %d clusters, the reference %d", th, len(cg), len(cw))
			}
			for i := range got {
				if got[i].DuplicateOf != want[i].DuplicateOf {
					t.Fatalf("threshold %v: %s is a copy of %q, the reference says %q", th, got[i].ID, got[i].DuplicateOf, want[i].DuplicateOf)
				}
			}
			if th == dedup.Threshold && len(cg) == 0 {
				t.Errorf("no clusters among %d facts", len(facts))
			}
		}
	}
}
