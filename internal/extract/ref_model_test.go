package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

// refModelNames is modelNames as first written, a try at every byte of the
// text: the reference of the version that looks only around the pluses.
func refModelNames(text string) []modelName {
	if strings.IndexByte(text, '+') < 0 && !strings.Contains(text, "＋") {
		return nil
	}
	var out []modelName
	for i := 0; i < len(text); {
		if md, ok := readModel(text, i); ok {
			out = append(out, md)
			i = md.end
			continue
		}
		i++
	}
	return out
}

func checkModelNames(t *testing.T, text string) {
	t.Helper()
	got, want := modelNames(text), refModelNames(text)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("modelNames(%q) = %v, the reference %v", text, got, want)
	}
}

func TestModelNamesReference(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	pieces := []string{"1", "3", "12", "N", "n", "+", "＋", "G", "A", "体系", "“", " ", "5G", "++", "1234"}
	for range 20000 {
		var b strings.Builder
		for range rnd.Intn(12) {
			b.WriteString(pieces[rnd.Intn(len(pieces))])
		}
		checkModelNames(t, b.String())
	}
	// the bundled articles and, where present, the shared corpus, whole
	root := testutil.RepoRoot(t)
	var files []string
	for _, dir := range []string{"testdata/seeds", "testdata/fresh/articles", "../shared/corpus/web", "../shared/corpus/posts"} {
		m, _ := filepath.Glob(filepath.Join(root, dir, "*"))
		files = append(files, m...)
	}
	if len(files) < 240 {
		t.Fatalf("found %d articles to compare on; want the bundled 245 at least", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil {
			checkModelNames(t, string(b))
		}
	}
}

func FuzzModelNames(f *testing.F) {
	f.Add("构建“1+1+3+N”体系")
	f.Add("5G+智慧网点, N+1, A+H股, 1＋N")
	f.Fuzz(func(t *testing.T, text string) { checkModelNames(t, text) })
}
