// Package testutil finds the repository's own test data and the shared
// material beside the repository (../shared), for tests of every stage.
package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot returns the folder holding go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Seeds returns testdata/seeds, the bundled sample.
func Seeds(t testing.TB) string {
	return filepath.Join(RepoRoot(t), "testdata", "seeds")
}

// SeedFiles returns the paths of the five sample articles, in name order.
func SeedFiles(t testing.TB) []string {
	t.Helper()
	dir := Seeds(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range entries {
		paths = append(paths, filepath.Join(dir, e.Name()))
	}
	if len(paths) != 5 {
		t.Fatalf("%d sample articles in %s, want 5", len(paths), dir)
	}
	return paths
}

// Shared returns ../shared beside the repository, or skips the test, saying
// why, when it is absent (e.g. on a machine with the repository alone).
func Shared(t testing.TB, sub ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{RepoRoot(t), "..", "shared"}, sub...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s is absent (the shared corpus is not copied into the repository); skipping", p)
	}
	return p
}
