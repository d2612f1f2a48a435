package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/extract"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// refFactsJSON is the reference: what facts.jsonl was written with before
// the hand-written encoder, one json.Encoder without HTML escaping.
func refFactsJSON(f *model.Facts) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(f)
	return buf.Bytes(), err
}

func checkFactsJSON(t testing.TB, f *model.Facts) {
	t.Helper()
	want, werr := refFactsJSON(f)
	got, gerr := appendFactsJSON(nil, f)
	if (werr != nil) != (gerr != nil) {
		t.Fatalf("error %v, encoding/json's %v", gerr, werr)
	}
	if werr != nil {
		if werr.Error() != gerr.Error() {
			t.Fatalf("error %q, encoding/json's %q", gerr, werr)
		}
		return
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("facts JSON differs from encoding/json's:\n got %s\nwant %s", got, want)
	}
}

// jsonStrings are strings that take every branch of the string encoder.
var jsonStrings = []string{
	"", "a", `"`, `\`, "<>&", "\u2028", "\u2029", "x\u2028y\u2029z", "“引号”…——", "\xe2\x80", "\xe2\x80\xa7\xe2\x80\xaa",
	"\x00\x01\x1f\x7f", "\b\f\n\r\t", "\xff", "广发银行\xff约27亿元", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf",
	"12345678\"", "1234567\u2028", "123456\n78", "一二三四五六七八九十\u2029", strings.Repeat("银行“", 20) + "\x1f",
	"https://example.com/a?b=1&c=<2>", "\U0001F600 emoji", "ＡＢＣ全角", "\ufeffBOM", "\ufffd",
}

func TestJSONFloatMatchesEncodingJSON(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 2.7e9, 1e20, 1e21, 1e-6, 9.99e-7, 1e-7, 123456789.125,
		-1e21, -1e-7, math.MaxFloat64, math.SmallestNonzeroFloat64, 1.0 / 3, 2e-9, 1e100, 1e-100} {
		f := model.Facts{Themes: []model.ThemeScore{{Score: v}}, Metrics: []model.Metric{{Value: v, ValueHigh: v}}}
		checkFactsJSON(t, &f)
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		checkFactsJSON(t, &model.Facts{Metrics: []model.Metric{{ValueHigh: v}}})
	}
}

// fillJSON sets every field reachable in v to a value that is not its zero
// value, different from field to field.
func fillJSON(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("值%d\"", *n))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillJSON(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fillJSON(v.Field(i), n)
		}
	default:
		panic("facts JSON test: no filler for " + v.Kind().String())
	}
}

// TestFactsJSONCoversEveryField fails when model.Facts gains a field the
// hand-written encoder does not write: add it to appendFactsJSON.
func TestFactsJSONCoversEveryField(t *testing.T) {
	var f model.Facts
	n := 0
	fillJSON(reflect.ValueOf(&f).Elem(), &n)
	checkFactsJSON(t, &f)
	// Each field at its zero value in turn (omitempty, null slices).
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		for i := 0; i < v.NumField(); i++ {
			fv := v.Field(i)
			old := reflect.New(fv.Type()).Elem()
			old.Set(fv)
			fv.Set(reflect.Zero(fv.Type()))
			checkFactsJSON(t, &f)
			fv.Set(old)
			if fv.Kind() == reflect.Slice && fv.Len() > 0 && fv.Index(0).Kind() == reflect.Struct {
				walk(fv.Index(0))
			}
			if fv.Kind() == reflect.Slice {
				fv.Set(reflect.MakeSlice(fv.Type(), 0, 0)) // empty, not null
				checkFactsJSON(t, &f)
				fv.Set(old)
			}
		}
	}
	walk(reflect.ValueOf(&f).Elem())
}

// Figures of one sentence share its encoded bytes.
func TestFactsJSONRepeatedSentences(t *testing.T) {
	for _, sentences := range [][]string{
		{"甲", "甲", "乙", "甲"},
		{"a\"\u2028\xff", "a\"\u2028\xff", "a\"\u2028\xff"},
		{"", "", "x", ""},
		{strings.Repeat("银行“约27亿元”", 50), strings.Repeat("银行“约27亿元”", 50)},
	} {
		f := model.Facts{}
		for _, s := range sentences {
			f.Metrics = append(f.Metrics, model.Metric{Text: "1亿元", Sentence: s})
		}
		checkFactsJSON(t, &f)
	}
}

// TestFactsJSONOnCorpus: the seeds' and the shared corpus's facts.
func TestFactsJSONOnCorpus(t *testing.T) {
	ins := []string{testutil.Seeds(t)}
	if testing.Short() {
		t.Log("short: seeds only")
	} else if sh := testutil.RepoRoot(t) + "/../shared/corpus"; dirExists(sh) {
		ins = append(ins, sh)
	}
	facts, _ := Facts(ins, Options{})
	facts = append(facts, skip("/x/y.txt", "not readable: permission denied"))
	for i := range facts {
		checkFactsJSON(t, &facts[i])
	}
	var got, want bytes.Buffer
	if err := WriteFacts(&got, facts); err != nil {
		t.Fatal(err)
	}
	for i := range facts {
		b, _ := refFactsJSON(&facts[i])
		want.Write(b)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Error("WriteFacts differs from encoding/json")
	}
}

func FuzzFactsJSON(f *testing.F) {
	for i, s := range jsonStrings {
		f.Add(s, jsonStrings[(i+1)%len(jsonStrings)], float64(i)*1.5e8, 1e-7, i, i%2 == 0)
	}
	f.Add("", "", math.NaN(), 0.0, 0, false)
	f.Add("a", "b", 1e21, -0.0, -5, true)
	f.Fuzz(func(t *testing.T, s1, s2 string, v1, v2 float64, n int, flag bool) {
		fs := model.Facts{ID: s1, File: s2, Format: s1, Title: s2 + s1, TitleFromBody: flag, Date: s1, Quarter: s2,
			Source: s1, URL: s2, Chars: n, PrimaryBank: s1,
			Banks:  []model.BankMention{{Name: s1, Type: s2, Branch: s1, Mentions: n}},
			Themes: []model.ThemeScore{{ID: s2, Score: v1, Sentences: -n}},
			Metrics: []model.Metric{{Text: s1, Value: v1, ValueHigh: v2, Unit: s2, Type: s1, Qualifier: s2, Theme: s1, Bank: s2, Branch: s1, Sentence: s2, Offset: n, InTitle: flag},
				{Sentence: s2}, {Sentence: s1}, {Sentence: s2}},
			DuplicateOf: s2, Fingerprint: s1, Warnings: []string{s1, s2}, Skipped: s2}
		if flag {
			fs.Banks, fs.Warnings = nil, []string{}
		}
		checkFactsJSON(t, &fs)
	})
}

// BenchmarkFactsJSON encodes the facts of the seeds and corpus, per
// article, with the hand-written encoder and with encoding/json.
func BenchmarkFactsJSON(b *testing.B) {
	facts := Extract(benchFiles(b), extract.New(), Options{})
	size := 0
	for i := range facts {
		l, _ := appendFactsJSON(nil, &facts[i])
		size += len(l)
	}
	b.Run("hand", func(b *testing.B) {
		b.SetBytes(int64(size))
		var buf []byte
		for i := 0; i < b.N; i++ {
			for k := range facts {
				buf, _ = appendFactsJSON(buf[:0], &facts[k])
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(size))
		var buf bytes.Buffer
		for i := 0; i < b.N; i++ {
			buf.Reset()
			encodeFactsRef(&buf, facts)
		}
	})
}

func encodeFactsRef(buf *bytes.Buffer, facts []model.Facts) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	for i := range facts {
		enc.Encode(&facts[i])
	}
}
