package dedup_test

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

var markup = regexp.MustCompile(`(?s)\A---.*?\n---\n|<[^>]*>`)

// seeds returns the bodies of the bundled sample articles (ours), front
// matter and tags removed.
func seeds(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join(testutil.Seeds(t), "*.txt"))
	if err != nil || len(files) < 5 {
		t.Fatalf("seeds: %v (%d files)", err, len(files))
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.TrimSpace(markup.ReplaceAllString(string(b), "\n")))
	}
	return out
}

// traditional converts simplified characters back to traditional ones with
// the inverse of the package's own table (first one wins), for making
// traditional-script copies of the seeds.
func traditional(t testing.TB, s string) string {
	b, err := os.ReadFile("../hanzi/tschars.txt")
	if err != nil {
		t.Fatal(err)
	}
	inv := map[rune]rune{}
	for _, line := range strings.Split(string(b), "\n") {
		tr, sr, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		r, q := []rune(tr), []rune(sr)
		if _, dup := inv[q[0]]; !dup && r[0] != q[0] {
			inv[q[0]] = r[0]
		}
	}
	rs := []rune(s)
	changed := 0
	for i, r := range rs {
		if x, ok := inv[r]; ok {
			rs[i] = x
			changed++
		}
	}
	if changed < len(rs)/10 {
		t.Fatalf("traditional: only %d of %d characters changed", changed, len(rs))
	}
	return string(rs)
}

func TestFingerprintShape(t *testing.T) {
	for _, body := range []string{"", "   \n", "，。！？……——", "<>&", "<div>\n</div>", "银行"} {
		if fp := dedup.Fingerprint(body); fp != "" {
			t.Errorf("Fingerprint(%q) = %q, want empty: nothing to compare", body, fp)
		}
	}
	s := seeds(t)
	fp := dedup.Fingerprint(s[0])
	if len(fp) != 650 || strings.Trim(fp, "0123456789abcdef") != "" {
		t.Fatalf("fingerprint is %d chars, want 650 lower-case hex: %.40q", len(fp), fp)
	}
	if again := dedup.Fingerprint(s[0]); again != fp {
		t.Error("Fingerprint is not deterministic")
	}
	if dedup.Fingerprint("某银行推出适老化服务，开通老年客户绿色通道。") == "" {
		t.Error("a one-sentence body gets no fingerprint")
	}
	if _, ok := dedup.Similarity(fp, "zz"); ok {
		t.Error("Similarity accepted a malformed fingerprint")
	}
}

func TestNormalize(t *testing.T) {
	got := string(dedup.Normalize("中國銀行（北京分行）ＡＢＣ 2022年，提供 shù 服務。"))
	want := "中国银行北京分行2022年提供服务"
	if got != want {
		t.Errorf("Normalize = %q, want %q", got, want)
	}
	if got := string(dedup.Normalize("Bank of China, 2022")); got != "bankofchina2022" {
		t.Errorf("Normalize of Latin text = %q", got)
	}
}

func sim(t *testing.T, a, b string) dedup.Scores {
	t.Helper()
	s, ok := dedup.Similarity(dedup.Fingerprint(a), dedup.Fingerprint(b))
	if !ok {
		t.Fatalf("no fingerprint for %.20q or %.20q", a, b)
	}
	return s
}

// TestCopies checks the kinds of copies the corpus shows, made from the
// seeds: same text re-spaced and re-punctuated, traditional script,
// truncated after ~700 characters, with injected spam words; and that
// different articles stay apart.
func TestCopies(t *testing.T) {
	s := seeds(t)
	orig := s[3]
	rs := []rune(orig)
	repunct := strings.NewReplacer("，", ",", "。", ". ", "\n", "\n\n", "“", "\"", "”", "\"").Replace(orig)
	spam := string(rs[:len(rs)/3]) + "快跑pc加拿大28软件" + string(rs[len(rs)/3:2*len(rs)/3]) + "大象步履" + string(rs[2*len(rs)/3:])
	copies := map[string]string{
		"re-punctuated": repunct,
		"traditional":   traditional(t, orig),
		"truncated 700": string(rs[:700]),
		"truncated 300": string(rs[:300]),
		"spam injected": spam,
		"byline added":  "记者 王某 报道\n" + string(rs[:800]),
	}
	for name, c := range copies {
		if sc := sim(t, orig, c); sc.Max() < dedup.Threshold {
			t.Errorf("%s copy: similarity %+v below the threshold %.2f", name, sc, dedup.Threshold)
		}
	}
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if sc := sim(t, s[i], s[j]); sc.Max() >= dedup.Threshold/2 {
				t.Errorf("seeds %d and %d (different articles) have similarity %+v", i, j, sc)
			}
		}
	}
}

func facts(id, date, body string) model.Facts {
	return model.Facts{ID: id, File: id + ".txt", Date: date, Chars: len([]rune(body)), Fingerprint: dedup.Fingerprint(body)}
}

func TestMarkKeepsEarliestFullest(t *testing.T) {
	s := seeds(t)
	full := s[0]
	short := string([]rune(full)[:700])
	in := []model.Facts{
		facts("c-late-full", "2022-03-01", full),
		facts("b-early-short", "2022-01-02", short),
		facts("a-early-full", "2022-01-02", full),
		facts("d-undated", "", full),
		facts("other", "2022-01-01", s[1]),
		facts("other-copy", "2022-02-01", s[1]),
		{ID: "skipped", File: "skipped.txt", Skipped: "empty", Fingerprint: dedup.Fingerprint(full)},
		facts("lonely", "2021-01-01", s[2]),
	}
	in[5].DuplicateOf = "stale" // Mark owns the field
	in[7].DuplicateOf = "stale"
	clusters := dedup.Mark(in)
	want := []model.Cluster{
		{Kept: "a-early-full", Copies: []string{"b-early-short", "c-late-full", "d-undated"}},
		{Kept: "other", Copies: []string{"other-copy"}},
	}
	if !reflect.DeepEqual(clusters, want) {
		t.Fatalf("clusters = %+v, want %+v", clusters, want)
	}
	got := map[string]string{}
	for _, f := range in {
		got[f.ID] = f.DuplicateOf
	}
	wantDup := map[string]string{"a-early-full": "", "b-early-short": "a-early-full", "c-late-full": "a-early-full",
		"d-undated": "a-early-full", "other": "", "other-copy": "other", "skipped": "", "lonely": ""}
	if !reflect.DeepEqual(got, wantDup) {
		t.Errorf("DuplicateOf = %v, want %v", got, wantDup)
	}

	// Tie on date and length: smallest ID kept.
	tie := []model.Facts{facts("y", "2022-01-01", full), facts("x", "2022-01-01", full)}
	if c := dedup.Mark(tie); len(c) != 1 || c[0].Kept != "x" {
		t.Errorf("tie: clusters %+v, want x kept", c)
	}
}

// TestMarkOrderIndependent: the same facts in any order give the same
// clusters and the same DuplicateOf.
func TestMarkOrderIndependent(t *testing.T) {
	s := seeds(t)
	var base []model.Facts
	for i, b := range s {
		rs := []rune(b)
		base = append(base, facts(fmt.Sprintf("s%d", i), "2022-01-01", b))
		base = append(base, facts(fmt.Sprintf("s%d-trunc", i), "2022-01-02", string(rs[:len(rs)/3])))
		base = append(base, facts(fmt.Sprintf("s%d-trad", i), "2022-01-02", traditional(t, b)))
	}
	ref := append([]model.Facts(nil), base...)
	refClusters := dedup.Mark(ref)
	if len(refClusters) != len(s) {
		t.Fatalf("%d clusters, want %d: %+v", len(refClusters), len(s), refClusters)
	}
	refDup := map[string]string{}
	for _, f := range ref {
		refDup[f.ID] = f.DuplicateOf
	}
	r := rand.New(rand.NewSource(1))
	for k := 0; k < 10; k++ {
		sh := append([]model.Facts(nil), base...)
		r.Shuffle(len(sh), func(i, j int) { sh[i], sh[j] = sh[j], sh[i] })
		c := dedup.Mark(sh)
		if !reflect.DeepEqual(c, refClusters) {
			t.Fatalf("shuffle %d: clusters %+v, want %+v", k, c, refClusters)
		}
		for _, f := range sh {
			if f.DuplicateOf != refDup[f.ID] {
				t.Fatalf("shuffle %d: %s DuplicateOf %q, want %q", k, f.ID, f.DuplicateOf, refDup[f.ID])
			}
		}
	}
}

// FuzzFingerprint: any body gives an empty or well-formed fingerprint,
// which is fully similar to itself.
func FuzzFingerprint(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 600)])
	}
	f.Add("")
	f.Add("\xff\xfe中")
	f.Fuzz(func(t *testing.T, body string) {
		fp := dedup.Fingerprint(body)
		if fp == "" {
			return
		}
		s, ok := dedup.Similarity(fp, fp)
		if !ok || s.Jaccard != 1 || s.Head != 1 {
			t.Fatalf("self-similarity %+v ok=%v", s, ok)
		}
	})
}

var update = flag.Bool("update", false, "rewrite testdata/fingerprints.golden")

// TestFingerprintGolden pins the fingerprints of the seeds: facts.jsonl
// files written earlier are compared with new ones, so a change to the
// method must change the version prefix too (and then -update this file).
func TestFingerprintGolden(t *testing.T) {
	var b strings.Builder
	for _, s := range seeds(t) {
		b.WriteString(dedup.Fingerprint(s) + "\n")
	}
	// A changed method must bump the fingerprint's version prefix too.
	testutil.Golden(t, filepath.Join("testdata", "fingerprints.golden"), []byte(b.String()), *update,
		"go test ./internal/dedup -run Golden -update")
}
