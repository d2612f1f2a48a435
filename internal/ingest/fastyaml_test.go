package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// checkFastFrontMatter compares fastFrontMatter with yaml.Unmarshal when
// it takes the block; it reports whether it did.
func checkFastFrontMatter(t *testing.T, block string) bool {
	t.Helper()
	got, ok := fastFrontMatter(block)
	if !ok {
		return false
	}
	var want map[string]any
	if err := yaml.Unmarshal([]byte(block), &want); err != nil || want == nil {
		t.Fatalf("fastFrontMatter took %q, which yaml.Unmarshal refuses: %v", block, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("fastFrontMatter(%q)\n = %#v\nyaml %#v", block, got, want)
	}
	return true
}

var fastYAMLSamples = []string{
	"", "\n", "title: x", "title: 'x'", "title: '1月房地产贷款迎_开门红_ 预计'\ncategories: \n - 金融\n - 新浪财经\nauthor: 新浪财经\ncomments: false\ndate: Fri, 11 Feb 2022 12:24:59 GMT\n",
	"title: \"a 'b'\"", "title: \"a\\\"b\"", "title: 'it''s'", "title: 'a'b'", "title: ''", "title: \"\"", "title:", "title: ~", "title: null",
	"title: NULL\nx: y", "title: true", "title: yes", "title: on", "title: 2024", "title: 2024年", "title: 1e3", "title: .5", "title: +1",
	"date: 2022-02-11", "date: 2022-02-11 10:00:00", "date: 2022-2-1", "date: 2022/02/11", "date: 12:30", "date: 0x1F", "date: 0b-1",
	"date: 1_000", "date: 1-2", "date: Invalid Date", "a: b\na: c", "a: b\nA: c", "a:b", "a::b", "a: b: c", "a: b #c", "a: b#c", "a: c:",
	"a: [1, 2]", "a: {b: c}", "a: &x b", "a: *x", "a: !!str 1", "a: |\n  x", "a: >\n  x", "# c\na: b", "a: b\n  c", "a:\n  b: c",
	"tags:\n- a\n- b", "tags:\n  - a\n  - b\n", "tags:\n - a\n  - b", "tags:\n - \n - b", "tags:\n -\n - 1", "tags:\n - - a",
	"tags:\n - a: b", "tags:\n - a:b", "tags:\n\n - a\n\n - b", "- a", "a: b\n- c", "a\tb: c", "a: b\tc", "a: \u2028", "a: \u0085",
	"a: \ufeff", "a: \U0001F600", "a: \x7f", "true: x", "y: x", "on: x", "2020: x", "-a: b", "a-1: b", "标题: 示例", "a b: c",
	"a: <p>x</p>", "a: 'x' # c", "a: https://x.y/z?a=b#c", "a: C#", "a: x,y", "a: x [y]", "a: ... x", "--- x", "a: b\n...",
	"title: '\"\"\"标题\"\"\"'", "title:  two  spaces  ", "a: '\nb: c", "a: 'x\n  y'",
	"date: 2024-11-05 16:42:44 +0800", "date: 2024-11-05T16:42:44+08:00", "date: 2024-11-05 16:42:44", "date: 2024-11-05 16:42:44.5",
	"date: 2024-13-45", "date: 2024-1-2 3:4:5", "date: 2024-11-05 16:42", "date: 12024-11-05", "author: 36kr", "a: 12abc", "a: 1e",
	"a: 1e5", "a: 0x1p-2", "a: 0x1F", "a: 0b102", "a: 0b101", "a: -0b1", "a: 0o9", "a: 0o17", "a: -0o7", "a: +inf", "a: .5e-3x",
	"a: 1_0x", "a: 1__0", "a: 99999999999999999999", "a: -99999999999999999999", "a: 0777", "a: 0999", "a: +", "a: .", "a: 1.2.3",
	"tags:\n - 36kr\n - 2024-11-05 16:42:44 +0800\n - 2024-11-05",
}

func TestFastFrontMatterAgrees(t *testing.T) {
	for _, s := range fastYAMLSamples {
		checkFastFrontMatter(t, s)
	}
	files := sharedFiles(t)
	if entries, err := os.ReadDir(benchCorpusDir); err == nil {
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".md") {
				files = append(files, filepath.Join(benchCorpusDir, e.Name()))
			}
		}
	}
	blocks, fast := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		block, _, found, _ := splitFrontMatter(strings.ReplaceAll(string(b), "\r\n", "\n"))
		if !found {
			continue
		}
		blocks++
		if checkFastFrontMatter(t, block) {
			fast++
		}
	}
	t.Logf("%d of %d front matter blocks took the fast path", fast, blocks)
	if blocks > 0 && fast*2 < blocks {
		t.Errorf("only %d of %d front matter blocks took the fast path", fast, blocks)
	}
}

func FuzzFastFrontMatter(f *testing.F) {
	for _, s := range fastYAMLSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkFastFrontMatter(t, s) })
}
