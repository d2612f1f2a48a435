package bank

import (
	"cmp"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/bank/aho"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// The registry was matched with an Aho–Corasick automaton (internal/bank/aho)
// until the end-rune trie (ends.go) replaced it: the automaton is the
// reference. Both report every occurrence of every pattern; the automaton
// at one end longest first, the trie shortest first, so the tests compare
// them in Find's order (by start, longest first).

// refOccurrences returns the occurrences the automaton of the patterns
// reports in text, in Find's order.
func refOccurrences(a *aho.Automaton, text string) []candidate {
	var out []candidate
	a.Each(text, func(s, e, p int) { out = append(out, candidate{s, e, p}) })
	sortOccurrences(out)
	return out
}

// endOccurrences returns the occurrences the trie reports, in Find's order,
// after checking that it reports them by end.
func endOccurrences(t testing.TB, e *endTrie, text string) []candidate {
	var out []candidate
	e.each(text, func(s, e, p int) {
		if n := len(out); n > 0 && e < out[n-1].e {
			t.Fatalf("occurrence [%d,%d) after [%d,%d) in %q", s, e, out[n-1].s, out[n-1].e, text)
		}
		out = append(out, candidate{s, e, p})
	})
	sortOccurrences(out)
	return out
}

// sortOccurrences sorts in Find's order, by start, longest first (then by
// pattern: with invalid bytes two may share both ends).
func sortOccurrences(cs []candidate) {
	slices.SortFunc(cs, func(a, b candidate) int {
		if a.s != b.s {
			return cmp.Compare(a.s, b.s)
		}
		if a.e != b.e {
			return cmp.Compare(b.e, a.e)
		}
		return cmp.Compare(a.p, b.p)
	})
}

// endTexts returns the seeds, the shared corpus (when present) and a sample
// of the benchmark corpus (when present), as raw file contents.
func endTexts(t *testing.T) []string {
	var paths []string
	for _, dir := range []string{testutil.Seeds(t), filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus")} {
		ps, _ := filepath.Glob(filepath.Join(dir, "*"))
		paths = append(paths, ps...)
	}
	bench, _ := filepath.Glob("/tmp/bankbrief-bench/corpus10000/*")
	sort.Strings(bench)
	paths = append(paths, bench[:min(len(bench), 300)]...)
	var out []string
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			out = append(out, string(b))
		}
	}
	return out
}

// TestEndTrieCorpus compares the trie of the registry's names with the
// automaton on the seeds and corpora: the same occurrences.
func TestEndTrieCorpus(t *testing.T) {
	r := Default()
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	ref := aho.New(r.words)
	n := 0
	for _, text := range endTexts(t) {
		got, want := endOccurrences(t, r.ends, text), refOccurrences(ref, text)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%d occurrences, the reference %d, in %.200q", len(got), len(want), text)
		}
		n += len(got)
	}
	if n == 0 {
		t.Error("no bank name found in the texts")
	}
}

// TestEndTrieRandom compares with the automaton on random patterns and
// texts over a small alphabet with supplementary runes, invalid bytes
// (alone and as parts of runes) and U+FFFD, where patterns overlap and
// nest a lot.
func TestEndTrieRandom(t *testing.T) {
	alphabet := []string{"工", "行", "银", "𠀀", "a", "B", "\xff", "\xe8", "\xa1", "\uFFFD", "，", "\x00"}
	rnd := rand.New(rand.NewSource(3))
	word := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(alphabet[rnd.Intn(len(alphabet))])
		}
		return b.String()
	}
	for round := 0; round < 500; round++ {
		var pats []string
		for i := 0; i < 1+rnd.Intn(30); i++ {
			pats = append(pats, word(rnd.Intn(5)))
		}
		e, ref := newEndTrie(pats), aho.New(pats)
		for k := 0; k < 5; k++ {
			text := word(rnd.Intn(60))
			if got, want := endOccurrences(t, e, text), refOccurrences(ref, text); !reflect.DeepEqual(got, want) {
				t.Fatalf("patterns %q text %q:\ngot  %v\nwant %v", pats, text, got, want)
			}
		}
	}
}

// FuzzEndTrie compares with the automaton on the registry's names and on
// names that end in a supplementary rune, U+FFFD and an invalid byte.
func FuzzEndTrie(f *testing.F) {
	f.Add("近日，工行深圳市分行联合中国人民银行深圳市中心支行走进社区")
	f.Add("𠀀银行\xff行 桂东农商银行\xe5\xb7银𠀀\uFFFD")
	f.Add("\xe8\xa1\x8c行\x8c")
	r := Default()
	words := append(slices.Clip(r.words), "银𠀀", "\uFFFD行", "\xff社")
	e, ref := newEndTrie(words), aho.New(words)
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := endOccurrences(t, e, text), refOccurrences(ref, text); !reflect.DeepEqual(got, want) {
			t.Fatalf("text %q:\ngot  %v\nwant %v", text, got, want)
		}
	})
}

// BenchmarkOccurrencesCorpus collects the occurrences of the registry's
// names in the bodies of 500 articles of the generated benchmark corpus
// (skipped when absent) with the trie and with the reference automaton.
func BenchmarkOccurrencesCorpus(b *testing.B) {
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
	r := Default()
	r.build()
	ref := aho.New(r.words)
	var cands []candidate
	add := func(s, e, p int) { cands = append(cands, candidate{s, e, p}) }
	for _, c := range []struct {
		name string
		each func(string, func(int, int, int))
	}{{"ends", r.ends.each}, {"aho-ref", ref.Each}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for _, t := range ts {
					cands = cands[:0]
					c.each(t, add)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ts)), "ns/article")
		})
	}
}

// endStarts returns the starts of the runes of text that EndRunes has, as
// a reading from the start meets them; with all set, of every rune.
func endStarts(e EndRunes, text string, all bool) []int {
	var at []int
	for i := 0; i < len(text); {
		c, n := utf8.DecodeRuneInString(text[i:])
		if all || e.Has(c) {
			at = append(at, i)
		}
		i += n
	}
	return at
}

// checkFindAt compares FindAt, given the starts of the end runes or of all
// runes, with Find.
func checkFindAt(t *testing.T, r *Registry, text string) {
	t.Helper()
	want := r.Find(text)
	for _, all := range []bool{false, true} {
		if got := r.FindAt(text, endStarts(r.EndRunes(), text, all)); !reflect.DeepEqual(got, want) {
			t.Fatalf("FindAt(%q) (all runes %v) = %v, Find %v", text, all, got, want)
		}
	}
}

func TestFindAtAgrees(t *testing.T) {
	r := Default()
	for _, text := range endTexts(t) {
		checkFindAt(t, r, text)
	}
	for _, text := range []string{"", "工行", "𠀀银行\xff行 桂东农商银行", "中国银行(香港)有限公司与中國銀行"} {
		checkFindAt(t, r, text)
	}
	if (EndRunes{}).Has('行') || !r.EndRunes().Has('行') || r.EndRunes().Has('的') {
		t.Error("EndRunes: 行 and 的 misplaced")
	}
}

func FuzzFindAt(f *testing.F) {
	f.Add("近日，工行深圳市分行联合中国人民银行深圳市中心支行走进社区")
	f.Add("𠀀银行\xff行 桂东农商银行\xe5\xb7银𠀀\uFFFD（中国）")
	r := Default()
	f.Fuzz(func(t *testing.T, text string) { checkFindAt(t, r, text) })
}
