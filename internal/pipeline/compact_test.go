package pipeline

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
	"unsafe"
)

// TestWordsShareTheInternersCopies: a words cache returns the interner's
// own copy of a value (shared by every goroutine's cache), never the
// string it was given, also once the cache is full.
func TestWordsShareTheInternersCopies(t *testing.T) {
	in := &interner{}
	w1, w2 := newWords(in), newWords(in)
	fresh := func(s string) string { return strings.Clone(s) }
	same := func(a, b string) bool { return a == b && unsafe.StringData(a) == unsafe.StringData(b) }
	for i := range maxWords + 50 { // past the cache's bound
		v := fmt.Sprintf("亿元%d", i)
		x1, x2 := fresh(v), fresh(v)
		a, b, c := w1.get(x1), w2.get(x2), w1.get(fresh(v))
		if !same(a, b) || !same(a, c) || !same(a, in.get(fresh(v))) {
			t.Fatalf("%q: the caches give different copies", v)
		}
		if same(a, x1) || same(b, x2) {
			t.Fatalf("%q: a cache returned the string it was given, not a copy", v)
		}
	}
	if len(w1.m) != maxWords || w1.get("") != "" {
		t.Errorf("cache of %d entries, want %d", len(w1.m), maxWords)
	}
}

// TestCompactCutsFigureTexts: a figure's text found in its sentence is cut
// from the sentence's copy (equal, and in none of the article's memory);
// one that is not there gets a copy of its own.
func TestCompactCutsFigureTexts(t *testing.T) {
	body := strings.Repeat("某银行今年发放贷款3.5亿元，同比增长12%。", 2)
	sentence := body[:len(body)/2]
	within := func(s, in string) bool {
		p, q := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(in)))
		return p >= q && p+uintptr(len(s)) <= q+uintptr(len(in))
	}
	f := model.Facts{Metrics: []model.Metric{
		{Text: body[len(body)/2+strings.Index(sentence, "3.5亿元"):][:len("3.5亿元")], Sentence: sentence},
		{Text: "12%", Sentence: sentence},
		{Text: "百分之十二", Sentence: sentence}, // not in the sentence
	}}
	newWords(&interner{}).compact(&f)
	for i, want := range []string{"3.5亿元", "12%", "百分之十二"} {
		m := f.Metrics[i]
		if m.Text != want || m.Sentence != sentence {
			t.Fatalf("figure %d: %q in %q, want %q", i, m.Text, m.Sentence, want)
		}
		if within(m.Text, body) || within(m.Sentence, body) {
			t.Errorf("figure %d: %q still points into the article's text", i, m.Text)
		}
		if inSentence := i < 2; within(m.Text, m.Sentence) != inSentence {
			t.Errorf("figure %d: %q cut from the sentence's copy: %v, want %v", i, m.Text, !inSentence, inSentence)
		}
	}
}
