package theme

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/bank/aho"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// The keywords were matched with an Aho–Corasick automaton
// (internal/bank/aho, built with NewFold) until the matcher (match.go)
// replaced it: the automaton is the reference. Both report every
// occurrence of every keyword, by end, at one end longest first.

// refScan returns the occurrences the automaton reports, in its order.
func refScan(a *aho.Automaton, text string) []span {
	var out []span
	a.Each(text, func(s, e, p int) { out = append(out, span{s, e, p}) })
	return out
}

// matchScan returns the occurrences the matcher reports, after checking
// what it says of the text's validity.
func matchScan(t testing.TB, m *matcher, text string) []span {
	t.Helper()
	out, valid := m.scan(text, nil)
	if valid != utf8.ValidString(text) {
		t.Fatalf("scan(%q) says valid = %v", text, valid)
	}
	return out
}

// taxonomyWords returns the patterns of the default taxonomy, as load
// lists them (keywords without their points, phrases), with a few more
// holding capitals, a supplementary rune and U+FFFD.
func taxonomyWords() []string {
	tax := Default()
	var ws []string
	for _, th := range tax.Themes() {
		for _, list := range [][]string{th.Key, th.Strong, th.Weak, th.Exclude, th.Unless} {
			for _, w := range list {
				w, _, _ = parseKeyword(w, 1)
				ws = append(ws, w)
			}
		}
	}
	ws = append(ws, tax.Ignored()...)
	return append(ws, "𠀀", "𠀀费", "减𠀀", "\uFFFD行", "App", "ESG", "")
}

func sameOccurrences(t testing.TB, m *matcher, a *aho.Automaton, text string) int {
	t.Helper()
	got, want := matchScan(t, m, text), refScan(a, text)
	if len(got) == 0 && len(want) == 0 {
		return 0
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("text %.300q:\ngot  %v\nwant %v", text, got, want)
	}
	return len(got)
}

// TestMatcherCorpus compares the matcher with the automaton on the
// taxonomy's words and the seeds, the shared corpus and a sample of the
// benchmark corpus (when present), raw and folded to lower case.
func TestMatcherCorpus(t *testing.T) {
	ws := taxonomyWords()
	m, a := newMatcher(ws), aho.NewFold(ws)
	var paths []string
	for _, dir := range []string{testutil.Seeds(t), filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus")} {
		ps, _ := filepath.Glob(filepath.Join(dir, "*"))
		paths = append(paths, ps...)
	}
	bench, _ := filepath.Glob("/tmp/bankbrief-bench/corpus10000/*")
	sort.Strings(bench)
	paths = append(paths, bench[:min(len(bench), 500)]...)
	n := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		n += sameOccurrences(t, m, a, string(b))
		n += sameOccurrences(t, m, a, strings.ToUpper(string(b)))
	}
	if n < 1000 {
		t.Errorf("only %d occurrences in %d texts", n, len(paths))
	}
}

// TestMatcherRandom compares with the automaton on random patterns and
// texts over a small alphabet with supplementary runes, ASCII of both
// cases, U+FFFD and invalid bytes, where patterns overlap and nest a lot.
func TestMatcherRandom(t *testing.T) {
	alphabet := []string{"工", "行", "银", "𠀀", "a", "B", "b", "\xff", "\xe5\xb7", "\uFFFD", "，"}
	rnd := rand.New(rand.NewSource(3))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[rnd.Intn(len(alphabet))])
		}
		return b.String()
	}
	n := 0
	for range 2000 {
		var pats []string
		for range 1 + rnd.Intn(30) {
			pats = append(pats, word(rnd.Intn(5)))
		}
		m, a := newMatcher(pats), aho.NewFold(pats)
		for range 5 {
			n += sameOccurrences(t, m, a, word(rnd.Intn(60)))
		}
	}
	if n == 0 {
		t.Error("no occurrences")
	}
}

// FuzzMatcher compares the matcher with the automaton on the taxonomy's
// words.
func FuzzMatcher(f *testing.F) {
	f.Add("近日，工行深圳市分行开展“减费让利”、315消费者权益保护教育宣传活动，APP")
	f.Add("𠀀费\xff行 App esg 减𠀀\xe5\xb7村")
	ws := taxonomyWords()
	m, a := newMatcher(ws), aho.NewFold(ws)
	f.Fuzz(func(t *testing.T, text string) {
		sameOccurrences(t, m, a, text)
	})
}

// BenchmarkMatcherCorpus scans the bodies of 500 articles of the generated
// benchmark corpus (skipped when absent) with the matcher and the
// automaton.
func BenchmarkMatcherCorpus(b *testing.B) {
	paths, _ := filepath.Glob("/tmp/bankbrief-bench/corpus10000/*")
	if len(paths) == 0 {
		b.Skip("no benchmark corpus at /tmp/bankbrief-bench/corpus10000")
	}
	sort.Strings(paths)
	var ts []string
	for _, p := range paths[:min(500, len(paths))] {
		if a, err := ingest.ReadFile(p); err == nil {
			ts = append(ts, a.Body)
		}
	}
	ws := taxonomyWords()
	m, a := newMatcher(ws), aho.NewFold(ws)
	var occ []span
	b.Run("matcher", func(b *testing.B) {
		for b.Loop() {
			for _, t := range ts {
				occ, _ = m.scan(t, occ[:0])
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ts)), "ns/text")
	})
	b.Run("aho", func(b *testing.B) {
		for b.Loop() {
			for _, t := range ts {
				occ = occ[:0]
				a.Scan(t, func(s, e, p int) { occ = append(occ, span{s, e, p}) })
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ts)), "ns/text")
	})
}
