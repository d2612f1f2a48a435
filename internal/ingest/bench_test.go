package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

// BenchmarkParse reads the bundled seeds (two front-matter posts with HTML
// bodies, three scraped texts) per iteration.
func BenchmarkParse(b *testing.B) {
	dir := testutil.Seeds(b)
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	type file struct {
		name string
		data []byte
	}
	var files []file
	size := 0
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, file{e.Name(), data})
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := Parse(f.name, f.data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParseCorpus reads every shared article per iteration.
func BenchmarkParseCorpus(b *testing.B) {
	files := sharedFiles(b)
	var data [][]byte
	size := 0
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range data {
			Parse(files[i], d)
		}
	}
}

// benchCorpusDir is the generated benchmark corpus (README "Speed"); its
// articles are what extract reads at scale, unlike the hand-picked shared
// corpus.
const benchCorpusDir = "/tmp/bankbrief-bench/corpus10000"

// BenchmarkParseGenerated reads every 20th file of the generated corpus
// (500 files, about 2.5 MB) per iteration; skipped when it is absent.
func BenchmarkParseGenerated(b *testing.B) {
	entries, err := os.ReadDir(benchCorpusDir)
	if err != nil {
		b.Skipf("no generated corpus: %v", err)
	}
	var names []string
	var data [][]byte
	size := 0
	for i, e := range entries {
		if i%20 != 0 || e.IsDir() {
			continue
		}
		p := filepath.Join(benchCorpusDir, e.Name())
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		names = append(names, p)
		data = append(data, d)
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range data {
			Parse(names[i], d)
		}
	}
}

// generatedPosts returns the front matter blocks and HTML bodies of the
// posts in every 10th file of the generated corpus; the benchmark is
// skipped when it is absent.
func generatedPosts(b *testing.B) (blocks, bodies []string) {
	entries, err := os.ReadDir(benchCorpusDir)
	if err != nil {
		b.Skipf("no generated corpus: %v", err)
	}
	for i := 0; i < len(entries); i += 10 {
		d, err := os.ReadFile(filepath.Join(benchCorpusDir, entries[i].Name()))
		if err != nil {
			b.Fatal(err)
		}
		block, body, found, _ := splitFrontMatter(string(d))
		if !found {
			continue
		}
		blocks = append(blocks, block)
		if isHTML, _ := sniff(body); isHTML {
			bodies = append(bodies, prepareHTML(body))
		}
	}
	return blocks, bodies
}

// BenchmarkPostBody builds the bodies of the generated corpus' posts the
// way readHTML does: fastBody, and html.Parse where it gives up.
func BenchmarkPostBody(b *testing.B) {
	_, bodies := generatedPosts(b)
	for b.Loop() {
		for _, s := range bodies {
			if _, ok := fastBody(s); !ok {
				html.Parse(strings.NewReader(s))
			}
		}
	}
}

// BenchmarkPostBodyHTMLParse is BenchmarkPostBody with html.Parse alone.
func BenchmarkPostBodyHTMLParse(b *testing.B) {
	_, bodies := generatedPosts(b)
	for b.Loop() {
		for _, s := range bodies {
			html.Parse(strings.NewReader(s))
		}
	}
}

// BenchmarkFrontMatter parses the front matter of the generated corpus'
// posts; BenchmarkFrontMatterYAML does it with yaml.v3 alone.
func BenchmarkFrontMatter(b *testing.B) {
	blocks, _ := generatedPosts(b)
	for b.Loop() {
		for _, s := range blocks {
			parseFrontMatter(s)
		}
	}
}

func BenchmarkFrontMatterYAML(b *testing.B) {
	blocks, _ := generatedPosts(b)
	for b.Loop() {
		for _, s := range blocks {
			var m map[string]any
			yaml.Unmarshal([]byte(s), &m)
		}
	}
}
