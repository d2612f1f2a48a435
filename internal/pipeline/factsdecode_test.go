package pipeline

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// checkDecode decodes line with a factsDecoder and with json.Unmarshal:
// where the decoder does not fall back, json must accept the line and
// give the same facts (reflect.DeepEqual, and the same bytes written back,
// which tells -0 from 0). It reports whether the decoder fell back.
func checkDecode(t testing.TB, d *factsDecoder, line []byte) (fellBack bool) {
	t.Helper()
	var want model.Facts
	werr := json.Unmarshal(line, &want)
	var got model.Facts
	if !d.decode(line, &got) {
		return true
	}
	if werr != nil {
		t.Fatalf("decoded a line json.Unmarshal rejects (%v):\n%q", werr, line)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded facts differ from json.Unmarshal's:\nline %q\n got %#v\nwant %#v", line, got, want)
	}
	gb, gerr := appendFactsJSON(nil, &got)
	wb, werr := appendFactsJSON(nil, &want)
	if gerr != nil || werr != nil || !bytes.Equal(gb, wb) {
		t.Fatalf("decoded facts write back differently:\n got %s\nwant %s", gb, wb)
	}
	return false
}

// realFactsLines returns the lines of the facts of the seeds and, when
// present, ../shared/corpus, as bankbrief extract writes them.
func realFactsLines(t testing.TB) [][]byte {
	ins := []string{testutil.Seeds(t)}
	if sh := filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus"); dirExists(sh) {
		ins = append(ins, sh)
	} else {
		t.Log("../shared/corpus absent: the seeds' facts only")
	}
	facts, _ := Facts(ins, Options{})
	var buf bytes.Buffer
	if err := WriteFacts(&buf, facts); err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	return lines[:len(lines)-1] // each with its "\n"
}

// TestFactsDecodeMatchesJSON decodes every line of real facts files with
// the factsDecoder and with json.Unmarshal. The writer's lines must all be
// decoded without falling back (a key the decoder does not know would make
// every line fall back: add it to factsDecoder).
func TestFactsDecodeMatchesJSON(t *testing.T) {
	check := func(t *testing.T, lines func(yield func([]byte) bool)) {
		var d factsDecoder
		n, fellBack := 0, 0
		for line := range lines {
			n++
			if checkDecode(t, &d, line) {
				fellBack++
			}
		}
		t.Logf("%d lines, %d fell back to json.Unmarshal", n, fellBack)
		if n == 0 || fellBack > 0 {
			t.Errorf("%d of %d lines fell back to json.Unmarshal; want none", fellBack, n)
		}
	}
	t.Run("corpus", func(t *testing.T) {
		ls := realFactsLines(t)
		check(t, func(yield func([]byte) bool) {
			for _, l := range ls {
				if !yield(l) {
					return
				}
			}
		})
	})
	t.Run("bench10000", func(t *testing.T) {
		// Written by scripts of the benchmarks (.ci/bench): 10,000
		// generated articles.
		const name = "/tmp/bankbrief-bench/facts10000.jsonl"
		if testing.Short() {
			t.Skip("short")
		}
		fh, err := os.Open(name)
		if err != nil {
			t.Skipf("%s absent: %v", name, err)
		}
		defer fh.Close()
		check(t, func(yield func([]byte) bool) {
			sc := bufio.NewScanner(fh)
			sc.Buffer(nil, 1<<26)
			for sc.Scan() {
				if !yield(sc.Bytes()) {
					return
				}
			}
			if sc.Err() != nil {
				t.Fatal(sc.Err())
			}
		})
	})
}

// TestFactsDecodeWrittenFacts: facts with every field set, and with the
// strings that take every branch of the string encoder (escapes, invalid
// UTF-8 written as \ufffd), are decoded without falling back.
func TestFactsDecodeWrittenFacts(t *testing.T) {
	var d factsDecoder
	var f model.Facts
	n := 0
	fillJSON(reflect.ValueOf(&f).Elem(), &n)
	all := []model.Facts{f, {}, skip("/x/y.txt", "not readable")}
	for _, s := range jsonStrings {
		all = append(all, model.Facts{ID: s, File: s, Format: s, Title: s, Date: s, Source: s, URL: s, PrimaryBank: s,
			Banks:    []model.BankMention{{Name: s, Type: s, Branch: s, Mentions: -3}},
			Themes:   []model.ThemeScore{{ID: s, Score: 1e-7}},
			Metrics:  []model.Metric{{Text: s, Value: -2.5e21, ValueHigh: 1e21, Sentence: s, Branch: s, InTitle: true}},
			Warnings: []string{s, ""}, Fingerprint: s, Skipped: s, DuplicateOf: s})
	}
	for i := range all {
		line, err := appendFactsJSON(nil, &all[i])
		if err != nil {
			t.Fatal(err)
		}
		if checkDecode(t, &d, line) {
			t.Errorf("fell back on the writer's line %s", line)
		}
	}
}

// TestFactsDecodeEdgeCases: lines the writer does not write; the decoder
// either decodes them as json.Unmarshal does or falls back.
func TestFactsDecodeEdgeCases(t *testing.T) {
	cases := []struct {
		line     string
		fallBack bool
	}{
		{`{}`, false},
		{" \t{ \"id\" :\r\"a\" ,\n\"file\":\"b\" , \"chars\" : 7 }\t ", false},
		{`{"file":"b","id":"a"}`, false}, // any order
		{`{"id":"a\"b\\c\/d\b\f\n\r\t\u00e9\u4E2D\ud83d\ude00x"}`, false},
		{`{"title":"\ud800x\udc00y\ud800\u0041\ud83d"}`, false}, // bad surrogates: U+FFFD
		{`{"title":"\u2028\u0000\u001f"}`, false},
		{"{\"title\":\"a\xffb\xe4\xb8c\xed\xa0\x80\"}", false}, // invalid UTF-8: U+FFFD
		{"{\"title\":\"a\xffb\\n\"}", false},
		{"{\"title\":\"\x7f\xef\xbf\xbd\U0001F600\"}", false},
		{`{"id":null,"banks":null,"themes":null,"metrics":null,"warnings":null,"chars":null,"title_from_body":null}`, false},
		{`{"banks":[],"themes":[ ],"metrics":[` + "\n" + `],"warnings":[]}`, false},
		{`{"banks":[{},{"name":"n","mentions":-0}],"themes":[{"score":null,"id":null}]}`, false},
		{`{"themes":[{"score":-0},{"score":1E+2},{"score":0.1e-2},{"score":-12.5e-400},{"score":123456789012345678901234567890}]}`, false},
		{`{"metrics":[{"value":1.7976931348623157e308,"value_high":5e-324,"in_title":false,"offset":123456789012345678}]}`, false},
		{`{"chars":-9}`, false},
		{`{"warnings":["a","",  "c"]}`, false},
		{`{"title_from_body":true,"skipped":"x","fingerprint":"f","duplicate_of":"d"}`, false},

		// Left to json.Unmarshal, which decodes them.
		{`{"id":"a","id":"b"}`, true},
		{`{"banks":[{"name":"a","mentions":3}],"banks":[{"name":"b"}]}`, true},
		{`{"metrics":[{"unit":"a","unit":"b"}]}`, true},
		{`{"ID":"a"}`, true},
		{`{"Banks":[{"Name":"x"}]}`, true},
		{`{"i\u0064":"a"}`, true},
		{`{"unknown":1,"id":"a"}`, true},
		{`{"banks":[{"name":"a","extra":[1,2]}]}`, true},
		{`{"chars":1234567890123456789}`, true},
		{`null`, true},
		{`{"warnings":["a",null]}`, true},
		{`{"banks":[null]}`, true},
		{`{"metrics":[null,{}]}`, true},

		// Errors, left to json.Unmarshal for its message.
		{`{"chars":1.5}`, true},
		{`{"chars":1e3}`, true},
		{`{"chars":"1"}`, true},
		{`{"chars":01}`, true},
		{`{"chars":-}`, true},
		{`{"chars":99999999999999999999}`, true},
		{`{"themes":[{"score":1e400}]}`, true},
		{`{"themes":[{"score":.5}]}`, true},
		{`{"themes":[{"score":1.}]}`, true},
		{`{"themes":[{"score":1e}]}`, true},
		{`{"themes":[{"score":+1}]}`, true},
		{`{"themes":[{"score":"1"}]}`, true},
		{`{"title_from_body":1}`, true},
		{`{"title_from_body":tru}`, true},
		{`{"id":1}`, true},
		{`{"banks":{}}`, true},
		{`{"warnings":[1]}`, true},
		{`{"id":"a"} x`, true},
		{`{"id":"a"}{}`, true},
		{`{"id":"a",}`, true},
		{`{"id":"a" "file":"b"}`, true},
		{`{"banks":[{}],}`, true},
		{`{"banks":[{},]}`, true},
		{"{\"id\":\"a\x01\"}", true},
		{`{"id":"\x"}`, true},
		{`{"id":"\'"}`, true},
		{`{"id":"\u12"}`, true},
		{`{"id":"\u12g4"}`, true},
		{`{"id":"abc`, true},
		{`{"id":"abc\`, true},
		{`{"id"`, true},
		{`{"id":`, true},
		{`{`, true},
		{``, true},
		{`[]`, true},
		{`{"id":nul}`, true},
		{"{\"id\":\"a\"}\u00a0", true},
	}
	var d factsDecoder
	for _, c := range cases {
		if got := checkDecode(t, &d, []byte(c.line)); got != c.fallBack {
			t.Errorf("%q: fell back %v, want %v", c.line, got, c.fallBack)
		}
	}
}

// TestFactsDecodeOwnsItsStrings: once compacted, as readFactsParallel
// does, no string of the facts points into the line, which the reader
// drops; before, the ID, the file and the fingerprint already do not.
func TestFactsDecodeOwnsItsStrings(t *testing.T) {
	lines := realFactsLines(t)
	w := newWords(&interner{})
	var d factsDecoder
	var walk func(v reflect.Value, visit func(string))
	walk = func(v reflect.Value, visit func(string)) {
		switch v.Kind() {
		case reflect.String:
			visit(v.String())
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), visit)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i), visit)
			}
		}
	}
	for _, line := range lines {
		line = bytes.Clone(line)
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(line)))
		hi := lo + uintptr(len(line))
		in := func(s string) bool {
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			return s != "" && p >= lo && p < hi
		}
		var f model.Facts
		if !d.decode(line, &f) {
			t.Fatalf("fell back on %s", line)
		}
		for _, s := range []string{f.ID, f.File, f.Fingerprint} {
			if in(s) {
				t.Fatalf("%q points into the line", s)
			}
		}
		w.compact(&f)
		walk(reflect.ValueOf(f), func(s string) {
			if in(s) {
				t.Fatalf("%q points into the line after compact", s)
			}
		})
	}
}

// TestReadFactsMatchesJSON: readFactsParallel gives the facts that
// json.Unmarshal and compact give, line by line, also where some lines
// fall back.
func TestReadFactsMatchesJSON(t *testing.T) {
	lines := realFactsLines(t)
	lines = append(lines, []byte(`{"ID":"case","banks":[{"name":"x"}],"warnings":["w"]}`+"\n"))
	var want []model.Facts
	w := newWords(&interner{})
	for _, l := range lines {
		var f model.Facts
		if err := json.Unmarshal(l, &f); err != nil {
			t.Fatal(err)
		}
		w.compact(&f)
		want = append(want, f)
	}
	got, err := readFactsParallel(nil, bytes.NewReader(bytes.Join(lines, nil)), &interner{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("readFactsParallel differs from json.Unmarshal and compact")
	}
	_, err = readFactsParallel(nil, strings.NewReader(string(bytes.Join(lines[:3], nil))+"\n{\"chars\":1.5}\n"), &interner{})
	if err == nil || !strings.Contains(err.Error(), "line 5: json: cannot unmarshal number 1.5") {
		t.Errorf("error %v, want line 5's json error", err)
	}
}

// FuzzFactsDecode holds the factsDecoder to json.Unmarshal on arbitrary
// lines, from real facts lines and crafted ones.
func FuzzFactsDecode(f *testing.F) {
	lines := realFactsLines(f)
	for i, l := range lines {
		if i%7 == 0 || len(l) < 600 {
			f.Add(bytes.TrimSpace(l))
		}
	}
	for _, s := range []string{`{}`, `{"id":"a\"\u00e9\ud83d\ude00","chars":-0,"themes":[{"score":1e-7}],"banks":null}`,
		"{\"title\":\"a\xffb\"}", `{"metrics":[{"value":1.5,"in_title":true,"branch":"b"}],"warnings":["",""]}`,
		`{"id":"a","id":"b"}`, `{"ID":"a"}`, `{"chars":1.5}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var d factsDecoder
		checkDecode(t, &d, line)
	})
}

// benchFactsLines are the lines of /tmp/bankbrief-bench/facts10000.jsonl
// (written by the benchmark scripts) when present, else the facts of the
// seeds and corpus.
func benchFactsLines(b *testing.B) ([][]byte, int) {
	data, err := os.ReadFile("/tmp/bankbrief-bench/facts10000.jsonl")
	if err != nil {
		b.Logf("/tmp/bankbrief-bench/facts10000.jsonl absent: the seeds' and corpus's facts")
		data = bytes.Join(realFactsLines(b), nil)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	return lines[:len(lines)-1], len(data)
}

// BenchmarkReadFacts reads a facts file as build -facts does (all CPUs),
// per article.
func BenchmarkReadFacts(b *testing.B) {
	lines, size := benchFactsLines(b)
	data := bytes.Join(lines, nil)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		facts, err := readFactsParallel(nil, bytes.NewReader(data), &interner{})
		if err != nil || len(facts) != len(lines) {
			b.Fatalf("read %d of %d: %v", len(facts), len(lines), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(lines)), "ns/article")
}

// BenchmarkDecodeFacts decodes the lines of a facts file on one goroutine,
// without compact, with the factsDecoder and with json.Unmarshal.
func BenchmarkDecodeFacts(b *testing.B) {
	lines, size := benchFactsLines(b)
	b.Run("hand", func(b *testing.B) {
		b.SetBytes(int64(size))
		var d factsDecoder
		for i := 0; i < b.N; i++ {
			for _, l := range lines {
				var f model.Facts
				if !d.decode(l, &f) {
					b.Fatal("fell back")
				}
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(size))
		for i := 0; i < b.N; i++ {
			for _, l := range lines {
				var f model.Facts
				if err := json.Unmarshal(l, &f); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
