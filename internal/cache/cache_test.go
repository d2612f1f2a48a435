package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/bankbrief/bankbrief/internal/model"
)

func TestRoundTripAndPruning(t *testing.T) {
	dir := t.TempDir()
	c := Open(dir, []byte("salt"))
	k1, k2 := c.Key([]byte("广发银行 约27亿元")), c.Key([]byte("桂东农商银行 1.45亿元"))
	if k1 == k2 {
		t.Fatal("different contents share a key")
	}
	c.Put(k1, model.Facts{ID: "a", Title: "广发银行用心用情用力为群众办实事", Metrics: []model.Metric{{Text: "约27亿元", Value: 2.7e9}}})
	c.Put(k2, model.Facts{ID: "b"})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}

	c2 := Open(dir, []byte("salt"))
	f, ok := c2.Get(k1)
	if !ok || f.Title != "广发银行用心用情用力为群众办实事" || f.Metrics[0].Value != 2.7e9 {
		t.Fatalf("reloaded entry = %+v, %v", f, ok)
	}
	if c2.Hits() != 1 {
		t.Errorf("hits = %d", c2.Hits())
	}
	// Only entries used in a run are kept: k2 was not asked for.
	if err := c2.Save(); err != nil {
		t.Fatal(err)
	}
	c3 := Open(dir, []byte("salt"))
	if _, ok := c3.Get(k2); ok {
		t.Error("an entry unused by the last run survived")
	}
	if _, ok := c3.Get(k1); !ok {
		t.Error("a used entry was dropped")
	}
}

func TestSaltChangesKeys(t *testing.T) {
	a, b := Open(t.TempDir(), []byte("taxonomy v1")), Open(t.TempDir(), []byte("taxonomy v2"))
	if a.Key([]byte("x")) == b.Key([]byte("x")) {
		t.Error("a changed taxonomy must invalidate cached facts")
	}
	s1 := Salt(fstest.MapFS{"taxonomy.yaml": {Data: []byte("a: [减费]")}})
	s2 := Salt(fstest.MapFS{"taxonomy.yaml": {Data: []byte("a: [减费, 让利]")}})
	if string(s1) == string(s2) {
		t.Error("Salt ignores the template files")
	}
}

func TestDamagedCacheIsEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("not a cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := Open(dir, nil)
	if _, ok := c.Get(c.Key([]byte("x"))); ok {
		t.Error("a damaged cache answered")
	}
	if err := c.Save(); err != nil {
		t.Errorf("cannot replace a damaged cache: %v", err)
	}
}

// fill sets every field reachable in v to a value that is not its zero
// value, different from field to field.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("值%d", *n))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), n)
		}
	default:
		panic("cache codec test: no filler for " + v.Kind().String())
	}
}

// TestCodecCoversEveryField fails when model.Facts gains a field that the
// cache's codec does not carry: add it to encodeFacts and dec.facts.
func TestCodecCoversEveryField(t *testing.T) {
	var f model.Facts
	n := 0
	fill(reflect.ValueOf(&f).Elem(), &n)
	d := dec{b: encodeFacts(nil, &f), intern: map[string]string{}}
	got, err := d.facts()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f) {
		t.Errorf("round trip lost fields:\n got %+v\nwant %+v", got, f)
	}
	// Every cut of an entry is an error, never a panic.
	b := encodeFacts(nil, &f)
	for i := 0; i < len(b); i++ {
		d := dec{b: b[:i], intern: map[string]string{}}
		if _, err := d.facts(); err == nil {
			t.Fatalf("an entry cut at %d of %d bytes decoded", i, len(b))
		}
	}
}

func TestAppendsFreshEntriesAndKeepsOthers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	c := Open(dir, []byte("salt"))
	var keys []string
	for i := 0; i < 8; i++ {
		k := c.Key([]byte{byte(i)})
		keys = append(keys, k)
		c.Put(k, model.Facts{ID: fmt.Sprint(i), Banks: []model.BankMention{}, Metrics: []model.Metric{{Text: "1亿元", Sentence: "一句"}, {Text: "2户", Sentence: "一句"}}})
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	st1, _ := os.Stat(path)

	// A rebuild using every entry and adding one appends one record.
	c = Open(dir, []byte("salt"))
	for i, k := range keys {
		f, ok := c.Get(k)
		if !ok || f.ID != fmt.Sprint(i) || f.Metrics[1].Sentence != "一句" {
			t.Fatalf("entry %d = %+v, %v", i, f, ok)
		}
	}
	extra := c.Key([]byte("new"))
	c.Put(extra, model.Facts{ID: "new"})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	st2, _ := os.Stat(path)
	if st2.Size() <= st1.Size() || st2.Size() > st1.Size()+200 {
		t.Errorf("cache grew from %d to %d bytes for one small entry", st1.Size(), st2.Size())
	}
	c = Open(dir, []byte("salt"))
	if f, ok := c.Get(extra); !ok || f.ID != "new" {
		t.Errorf("appended entry = %+v, %v", f, ok)
	}
	if _, ok := c.Get(keys[0]); !ok {
		t.Error("an entry before the appended one was lost")
	}
}

func TestDamagedTailKeepsEntriesBefore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	c := Open(dir, nil)
	k1, k2 := c.Key([]byte("1")), c.Key([]byte("2"))
	c.Put(k1, model.Facts{ID: "1"})
	c.Put(k2, model.Facts{ID: "2", Title: "一个足够长的标题，好让截断落在它的记录里"})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	// Keys are written in sorted order: cut the second record.
	first, second := k1, k2
	if k2 < k1 {
		first, second = k2, k1
	}
	if err := os.WriteFile(path, b[:len(b)-10], 0o644); err != nil {
		t.Fatal(err)
	}
	c = Open(dir, nil)
	if _, ok := c.Get(first); !ok {
		t.Error("the entry before the damage was lost")
	}
	if _, ok := c.Get(second); ok {
		t.Error("a cut entry answered")
	}
	c.Put(second, model.Facts{ID: "again"})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c = Open(dir, nil)
	_, ok1 := c.Get(first)
	f2, ok2 := c.Get(second)
	if !ok1 || !ok2 || f2.ID != "again" {
		t.Errorf("after rewriting a damaged cache: %v %v %+v", ok1, ok2, f2)
	}
}

// A sentence is stored once for the figures that follow from it.
func TestCodecRepeatedSentences(t *testing.T) {
	long := "截至2022年3月末，该行普惠型小微企业贷款余额较年初增长约27亿元，惠及小微企业1500余户。"
	f := model.Facts{Banks: []model.BankMention{}, Themes: []model.ThemeScore{}, Warnings: []string{},
		Metrics: []model.Metric{{Text: "约27亿元", Sentence: long}, {Text: "1500余户", Sentence: long}, {Text: "3", Sentence: "另一句"}, {Text: "4", Sentence: "另一句"}}}
	b := encodeFacts(nil, &f)
	if len(b) >= 3*len(long) {
		t.Errorf("entry of %d bytes: the sentence is stored for each of its figures", len(b))
	}
	d := dec{b: b, intern: map[string]string{}}
	got, err := d.facts()
	if err != nil || !reflect.DeepEqual(got, f) {
		t.Fatalf("round trip: %v\n got %+v\nwant %+v", err, got, f)
	}
	for i := 0; i < len(b); i++ {
		d := dec{b: b[:i], intern: map[string]string{}}
		if _, err := d.facts(); err == nil {
			t.Fatalf("an entry cut at %d of %d bytes decoded", i, len(b))
		}
	}
}

// TestMemoryKeys: a Memory cache's keys (hashes of its own) are as long as
// those on disk, equal for equal contents, different for different ones
// (an empty content and a one-byte difference included), and answer Get.
func TestMemoryKeys(t *testing.T) {
	c := Memory()
	contents := [][]byte{nil, []byte("x"), []byte("广发银行 约27亿元"), []byte("广发银行 约28亿元"), make([]byte, 4096)}
	seen := map[string]int{}
	for i, b := range contents {
		k := c.Key(b)
		if len(k) != keyLen {
			t.Fatalf("key of %q: %d bytes", b, len(k))
		}
		if k != c.Key(append([]byte(nil), b...)) {
			t.Errorf("the key of %q changes", b)
		}
		if j, ok := seen[k]; ok {
			t.Errorf("contents %d and %d share a key", j, i)
		}
		seen[k] = i
		c.Put(k, model.Facts{ID: fmt.Sprint(i)})
	}
	for i, b := range contents {
		if f, ok := c.Get(c.Key(b)); !ok || f.ID != fmt.Sprint(i) {
			t.Errorf("Get(content %d) = %q, %v", i, f.ID, ok)
		}
	}
}
