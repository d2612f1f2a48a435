package aho

import (
	"math/rand"
	"sort"
	"strings"
	"testing"
)

type hit struct{ s, e, p int }

func naive(patterns []string, text string) []hit {
	first := map[string]int{}
	for i, p := range patterns {
		if _, ok := first[p]; !ok && p != "" {
			first[p] = i
		}
	}
	var out []hit
	for p, i := range first {
		for off := 0; off <= len(text); {
			k := strings.Index(text[off:], p)
			if k < 0 {
				break
			}
			out = append(out, hit{off + k, off + k + len(p), i})
			_, size := firstRune(text[off+k:])
			off += k + size
		}
	}
	sortHits(out)
	return out
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 1
}

func sortHits(h []hit) {
	sort.Slice(h, func(i, j int) bool {
		if h[i].e != h[j].e {
			return h[i].e < h[j].e
		}
		return h[i].s < h[j].s
	})
}

func find(a *Automaton, text string) []hit {
	var out []hit
	a.Each(text, func(s, e, p int) { out = append(out, hit{s, e, p}) })
	sortHits(out)
	return out
}

func TestEach(t *testing.T) {
	pats := []string{"中国银行", "银行", "中国人民银行", "人民", "行", "银行业协会", "he", "she", "hers", "his", ""}
	text := "中国银行和中国人民银行与银行业协会; ushers his"
	got, want := find(New(pats), text), naive(pats, text)
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// TestRandom compares the automaton with a naive search on random texts
// over a small alphabet, where patterns overlap and nest a lot.
func TestRandom(t *testing.T) {
	alphabet := []string{"工", "行", "银", "中", "国", "a", "b", "农"}
	rnd := rand.New(rand.NewSource(1))
	word := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(alphabet[rnd.Intn(len(alphabet))])
		}
		return b.String()
	}
	for round := 0; round < 200; round++ {
		var pats []string
		for i := 0; i < 1+rnd.Intn(30); i++ {
			pats = append(pats, word(1+rnd.Intn(4)))
		}
		a := New(pats)
		for k := 0; k < 5; k++ {
			text := word(rnd.Intn(60))
			got, want := find(a, text), naive(pats, text)
			if len(got) != len(want) {
				t.Fatalf("patterns %q text %q:\ngot  %v\nwant %v", pats, text, got, want)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("patterns %q text %q:\ngot  %v\nwant %v", pats, text, got, want)
				}
			}
		}
	}
}

func TestFold(t *testing.T) {
	got := find(NewFold([]string{"App", "ESG"}), "手机APP和app及esg、EsG")
	want := []hit{{6, 9, 0}, {12, 15, 0}, {18, 21, 1}, {24, 27, 1}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestEmpty(t *testing.T) {
	var a *Automaton
	a.Each("工行", func(int, int, int) { t.Fatal("nil automaton matched") })
	New(nil).Each("工行", func(int, int, int) { t.Fatal("empty automaton matched") })
	New([]string{"工行"}).Each("\xff工\xfe行", func(int, int, int) { t.Fatal("matched across invalid bytes") })
}

func BenchmarkEach(b *testing.B) {
	var pats []string
	for _, w := range strings.Fields("工商银行 工行 中国银行 中行 农业银行 农行 建设银行 建行 反诈 适老化 老年客户 网点 手机银行 乡村振兴 普惠金融 小微企业 减费让利") {
		pats = append(pats, w)
	}
	text := strings.Repeat("近日，工行深圳市分行联合中国人民银行深圳市中心支行走进社区，开展反诈宣传活动，为老年客户提供上门服务。", 20)
	a := New(pats)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		a.Each(text, func(int, int, int) {})
	}
}
