package cache

import (
	"os"
	"path/filepath"
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
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("not gzip"), 0o644); err != nil {
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
