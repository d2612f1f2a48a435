package aho_test

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/bank"
	"github.com/bankbrief/bankbrief/internal/bank/aho"
	"github.com/bankbrief/bankbrief/internal/testutil"
	"github.com/bankbrief/bankbrief/internal/theme"
)

type hit struct{ s, e, p int }

type eacher interface {
	Each(string, func(int, int, int))
}

// all returns the occurrences in the order Each reports them.
func all(a eacher, text string) []hit {
	var out []hit
	a.Each(text, func(s, e, p int) { out = append(out, hit{s, e, p}) })
	return out
}

// realWords are the words the automata of internal/bank and internal/theme
// are built from: bank names and aliases, non-banks, ignored phrases and
// theme keywords, plus a few with supplementary runes, U+FFFD and capitals.
func realWords() []string {
	r := bank.Default()
	var ws []string
	for _, b := range r.Banks() {
		ws = append(ws, b.Name)
		ws = append(ws, b.Aliases...)
		ws = append(ws, b.Weak...)
	}
	ws = append(ws, r.NotBanks()...)
	ws = append(ws, r.Ignored()...)
	for _, th := range theme.Default().Themes() {
		for _, list := range [][]string{th.Key, th.Strong, th.Weak, th.Exclude, th.Unless} {
			for _, w := range list {
				if i := strings.LastIndexByte(w, ':'); i > 0 {
					w = w[:i]
				}
				ws = append(ws, w)
			}
		}
	}
	return append(ws, "𠀀银行", "银𠀀", "\uFFFD行", "App", "ESG", "工行", "")
}

// texts returns the seeds, the shared corpus (when present) and a sample of
// the benchmark corpus (when present), as raw file contents.
func texts(t *testing.T) []string {
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

// TestReferenceCorpus compares the automaton with the reference one on the
// real patterns and texts: the same occurrences in the same order.
func TestReferenceCorpus(t *testing.T) {
	ws := realWords()
	pairs := []struct {
		name     string
		got, ref eacher
	}{
		{"New", aho.New(ws), aho.RefNew(ws)},
		{"NewFold", aho.NewFold(ws), aho.RefNewFold(ws)},
	}
	ts := texts(t)
	for _, p := range pairs {
		n := 0
		for _, text := range ts {
			got, want := all(p.got, text), all(p.ref, text)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: %d occurrences, the reference %d, in %.200q", p.name, len(got), len(want), text)
			}
			n += len(got)
		}
		if n == 0 {
			t.Errorf("%s: nothing found in %d texts", p.name, len(ts))
		}
	}
}

// TestReferenceRandom compares with the reference on random patterns and
// texts over a small alphabet with supplementary runes, ASCII of both
// cases and invalid bytes, where patterns overlap and nest a lot.
func TestReferenceRandom(t *testing.T) {
	alphabet := []string{"工", "行", "银", "𠀀", "a", "B", "b", "\xff", "\uFFFD", "，"}
	rnd := rand.New(rand.NewSource(2))
	word := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(alphabet[rnd.Intn(len(alphabet))])
		}
		return b.String()
	}
	for round := 0; round < 300; round++ {
		var pats []string
		for i := 0; i < 1+rnd.Intn(30); i++ {
			pats = append(pats, word(rnd.Intn(5)))
		}
		a, ref := aho.New(pats), aho.RefNew(pats)
		af, reff := aho.NewFold(pats), aho.RefNewFold(pats)
		for k := 0; k < 5; k++ {
			text := word(rnd.Intn(60))
			if got, want := all(a, text), all(ref, text); !reflect.DeepEqual(got, want) {
				t.Fatalf("patterns %q text %q:\ngot  %v\nwant %v", pats, text, got, want)
			}
			if got, want := all(af, text), all(reff, text); !reflect.DeepEqual(got, want) {
				t.Fatalf("fold: patterns %q text %q:\ngot  %v\nwant %v", pats, text, got, want)
			}
			if got := a.Scan(text, func(int, int, int) {}); got != utf8.ValidString(text) {
				t.Fatalf("Scan(%q) says valid = %v", text, got)
			}
		}
	}
}

// FuzzEachReference compares with the reference on the real patterns.
func FuzzEachReference(f *testing.F) {
	f.Add("近日，工行深圳市分行联合中国人民银行深圳市中心支行走进社区")
	f.Add("𠀀银行\xff行 App esg 桂东农商银行")
	ws := realWords()
	a, ref := aho.NewFold(ws), aho.RefNewFold(ws)
	b, refb := aho.New(ws), aho.RefNew(ws)
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := all(a, text), all(ref, text); !reflect.DeepEqual(got, want) {
			t.Fatalf("fold: text %q:\ngot  %v\nwant %v", text, got, want)
		}
		if got, want := all(b, text), all(refb, text); !reflect.DeepEqual(got, want) {
			t.Fatalf("text %q:\ngot  %v\nwant %v", text, got, want)
		}
		for _, x := range []*aho.Automaton{a, aho.New(nil)} {
			if got := x.Scan(text, func(int, int, int) {}); got != utf8.ValidString(text) {
				t.Fatalf("Scan(%q) says valid = %v", text, got)
			}
		}
	})
}
