package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/testutil"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// seedTexts returns the bundled seeds and this package's fixtures, cut to
// 4 KB each so the fuzz corpus stays small.
func seedTexts(f *testing.F) [][]byte {
	var out [][]byte
	root := testutil.RepoRoot(f)
	for _, dir := range []string{"testdata/seeds", "testdata/ingest", "testdata/bad"} {
		entries, _ := os.ReadDir(filepath.Join(root, dir))
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(root, dir, e.Name()))
			if err != nil || e.IsDir() {
				continue
			}
			if len(b) > 4096 {
				b = b[:4096]
			}
			out = append(out, b)
		}
	}
	return out
}

// checkArticle holds for every article Parse returns.
func checkArticle(t *testing.T, name string, data []byte) {
	a, err := Parse(name, data)
	if err != nil {
		var se *SkipError
		if !errors.As(err, &se) || se.Reason == "" {
			t.Fatalf("error %v is not a SkipError with a reason", err)
		}
		if strings.Contains(se.Reason, "internal error") {
			t.Fatalf("panic: %s", se.Reason)
		}
		return
	}
	if a.Body == "" || a.Title == "" {
		t.Fatalf("article without body or title: %+v", a)
	}
	if strings.Contains(a.Body, "\n\n") || strings.ContainsAny(a.Body, "\r") || strings.HasPrefix(a.Body, "\n") {
		t.Fatalf("body has empty paragraphs: %q", a.Body)
	}
	for _, s := range []string{a.Title, a.Body, a.Source, a.URL, a.Author} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in %q", s)
		}
	}
	if a.Date != "" && ParseDate(a.Date) != a.Date {
		t.Fatalf("date %q is not YYYY-MM-DD", a.Date)
	}
	if a.TitleFromBody && hanzi.RuneCount(a.Title) > 40 {
		t.Fatalf("title from body longer than 40 runes: %q", a.Title)
	}
}

func FuzzFrontMatter(f *testing.F) {
	for _, b := range seedTexts(f) {
		if strings.HasPrefix(strings.TrimSpace(string(b)), "---") {
			f.Add(b)
		}
	}
	f.Add([]byte("---\ntitle: '\"a\"'\ndate: Invalid Date\ncategories:\n    - x\n---\nbody"))
	f.Add([]byte("---\n: : [\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		block, _, found, _ := splitFrontMatter(string(data))
		if found {
			fm := parseFrontMatter(block)
			if fm.Date != "" && ParseDate(fm.Date) != fm.Date {
				t.Fatalf("date %q", fm.Date)
			}
		}
		checkArticle(t, "post.md", data)
	})
}

func FuzzParseHTML(f *testing.F) {
	for _, b := range seedTexts(f) {
		if isHTML, _ := sniff(string(b)); isHTML {
			f.Add(b)
		}
	}
	f.Add([]byte("<html><body><div><p>示例<a>银行</a></p><?php x ?><% y %></div></body></html>"))
	f.Add([]byte("<p>a<p>b<table><td>c</table><script>d"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkArticle(t, "page.html", data)
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2022-01-05 16:42:44 +0800", "2021/10/19 17:04", "时间:2022-10-11 20:30:04",
		"Fri, 25 Mar 2022 14:14:13 GMT", "2022年3月1日", "发布时间:", "Invalid Date", "25.03.2016", "March 5, 2020"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := ParseDate(s)
		if d == "" {
			return
		}
		if len(d) != 10 || d[4] != '-' || d[7] != '-' || ParseDate(d) != d {
			t.Fatalf("ParseDate(%q) = %q", s, d)
		}
		if y := atoi(d[:4]); y < minYear || y > maxYear {
			t.Fatalf("implausible year in %q", d)
		}
		metaLine(s)
	})
}

// FuzzEscapedText feeds JSON documents and JSON-escaped page text: the
// unescaper never grows its input nor makes valid UTF-8 invalid, and
// Parse gives a well-formed article or a SkipError.
func FuzzEscapedText(f *testing.F) {
	f.Add([]byte(`{"data":{"title":"示例银行","publishTime":1700000000000,"content":"\u003cp\u003e示例银行开展活动，惠及群众1000余人。\u003c/p\u003e"}}`))
	f.Add([]byte("标题\n2026-03-21 " + `\u003cdiv class=\"c\"\u003e\u003cp\u003e正文\u003c/p\u003e\u003cp\u003e二\u003c/p\u003e\u003c/div\u003e`))
	f.Add([]byte(`\uD83D\uDCF1 \uD800 \x3c \u12 \`))
	f.Add([]byte(`[{"text":"示例农商银行发放贷款3亿元，支持乡村振兴。","date":"2024-03-05"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := string(data)
		u := unescapeJSON(s)
		if len(u) > len(s) {
			t.Fatalf("unescapeJSON grew %q to %q", s, u)
		}
		if utf8.ValidString(s) && !utf8.ValidString(u) {
			t.Fatalf("unescapeJSON(%q) = %q, invalid UTF-8", s, u)
		}
		checkArticle(t, "escaped.json", data)
	})
}
