package theme

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// sentenceSpans cuts text as internal/extract does, roughly: after
// 。！？；!?; with closing quotes, and at line breaks; blank pieces left out.
func sentenceSpans(text string) [][2]int {
	var spans [][2]int
	add := func(s, e int) {
		if strings.TrimSpace(text[s:e]) != "" {
			spans = append(spans, [2]int{s, e})
		}
	}
	s := 0
	for i := 0; i < len(text); {
		c, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch {
		case c == '\n':
			add(s, i-n)
			s = i
		case strings.ContainsRune("。！？；!?;", c):
			for i < len(text) {
				q, m := utf8.DecodeRuneInString(text[i:])
				if !strings.ContainsRune("”’」』\"')）", q) {
					break
				}
				i += m
			}
			add(s, i)
			s = i
		}
	}
	add(s, len(text))
	return spans
}

// checkArticleText checks that ArticleText agrees with Article on the
// sentences the spans cut.
func checkArticleText(t *testing.T, tax *Taxonomy, title, text string, spans [][2]int) {
	t.Helper()
	sentences := make([]string, len(spans))
	for i, sp := range spans {
		sentences[i] = text[sp[0]:sp[1]]
	}
	th1, per1 := tax.Article(title, sentences)
	th2, per2 := tax.ArticleText(title, text, spans)
	if !reflect.DeepEqual(th1, th2) || !reflect.DeepEqual(per1, per2) {
		t.Fatalf("text %.300q spans %v:\nArticleText %v %v\nArticle     %v %v", text, spans, th2, per2, th1, per1)
	}
}

// TestArticleTextAgrees compares ArticleText with Article on the seeds,
// the shared corpus and a sample of the benchmark corpus (when present),
// simplified as extract folds them, and on random text with quotation
// marks, keywords, figures and invalid bytes cut at random.
func TestArticleTextAgrees(t *testing.T) {
	tax := Default()
	var paths []string
	for _, dir := range []string{testutil.Seeds(t), filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus")} {
		ps, _ := filepath.Glob(filepath.Join(dir, "*"))
		paths = append(paths, ps...)
	}
	bench, _ := filepath.Glob("/tmp/bankbrief-bench/corpus10000/*")
	sort.Strings(bench)
	paths = append(paths, bench[:min(len(bench), 500)]...)
	n := 0
	for _, p := range paths {
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			continue
		}
		a, err := ingest.ReadFile(p)
		if err != nil {
			continue
		}
		body := hanzi.Simplify(a.Body)
		spans := sentenceSpans(body)
		checkArticleText(t, tax, hanzi.Simplify(a.Title), body, spans)
		if th, _ := tax.ArticleText("", body, spans); len(th) > 0 {
			n++
		}
	}
	if n == 0 {
		t.Error("no article with a theme")
	}
	pieces := []string{"减费", "让利", "“", "”", "\"", "「", "』", "，", "。", "\n", "老年客户", "适老化", "反诈", "315", "3", "户", "、", "\xff", "\xe2\x80", "App", "乡村振兴", "金融知识", "宣传", "’"}
	rnd := rand.New(rand.NewSource(4))
	for round := 0; round < 3000; round++ {
		var b strings.Builder
		for k := rnd.Intn(60); k > 0; k-- {
			b.WriteString(pieces[rnd.Intn(len(pieces))])
		}
		text := b.String()
		checkArticleText(t, tax, "", text, sentenceSpans(text))
		checkArticleText(t, tax, "适老化服务", text, randomSpans(rnd, text))
	}
}

// randomSpans cuts text into spans at random rune starts, with gaps.
func randomSpans(rnd *rand.Rand, text string) [][2]int {
	var starts []int
	for i := range text {
		if rnd.Intn(6) == 0 {
			starts = append(starts, i)
		}
	}
	starts = append(starts, len(text))
	var spans [][2]int
	for k := 0; k+1 < len(starts); k += 2 {
		spans = append(spans, [2]int{starts[k], starts[k+1]})
	}
	return spans
}

func FuzzArticleText(f *testing.F) {
	f.Add("该行“减费”让利，为老年客户提供适老化服务。\n开展反诈宣传315活动；", int64(1))
	f.Add("\xff“减费\"让利", int64(2))
	tax := Default()
	f.Fuzz(func(t *testing.T, text string, seed int64) {
		checkArticleText(t, tax, "", text, sentenceSpans(text))
		checkArticleText(t, tax, "反诈", text, randomSpans(rand.New(rand.NewSource(seed)), text))
	})
}

// TestArticleTextBadBytesAroundMarks: bytes of a rune split by a quotation
// mark must not join once the mark is cut out.
func TestArticleTextBadBytesAroundMarks(t *testing.T) {
	tax := Default()
	for _, text := range []string{"反\xe8\xaf“\x88宣传", "适老\xe5“\x8c\x96服务", "\xe2\x80\xe2\x80\x9c适老化", "适老化“\xff”服务", "减费\"让\xe5\x88\xa9"} {
		checkArticleText(t, tax, "", text, sentenceSpans(text))
		checkArticleText(t, tax, "", text, [][2]int{{0, len(text)}})
	}
}
