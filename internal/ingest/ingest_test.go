package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

func fixture(t testing.TB, parts ...string) string {
	t.Helper()
	return filepath.Join(append([]string{testutil.RepoRoot(t), "testdata"}, parts...)...)
}

func readFixture(t testing.TB, parts ...string) model.Article {
	t.Helper()
	a, err := ReadFile(fixture(t, parts...))
	if err != nil {
		t.Fatalf("%s: %v", filepath.Join(parts...), err)
	}
	return a
}

func wantSkip(t *testing.T, err error, reason string) {
	t.Helper()
	var se *SkipError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a SkipError %q", err, reason)
	}
	if !strings.Contains(se.Reason, reason) {
		t.Fatalf("reason = %q, want it to say %q", se.Reason, reason)
	}
}

func hasWarning(a model.Article, part string) bool {
	for _, w := range a.Warnings {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

// The body of every readable bad-input fixture starts with this sentence.
const fixtureSentence = "近日，示例农商银行组织青年志愿者走进社区"

func TestBadInputsSkipped(t *testing.T) {
	for _, tc := range []struct{ file, reason string }{
		{"empty.txt", "empty"},
		{"whitespace.txt", "whitespace only"},
		{"binary.bin", "binary file"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			_, err := ReadFile(fixture(t, "bad", tc.file))
			wantSkip(t, err, tc.reason)
		})
	}
}

func TestBadInputsCharsets(t *testing.T) {
	for _, tc := range []struct{ file, warning string }{
		{"utf8-bom.txt", ""},
		{"gbk-undeclared.txt", "GB18030 (undeclared)"},
		{"utf16le-bom.txt", "UTF-16"},
		{"utf16be-bom.txt", "UTF-16"},
		{"银行 新闻 稿.txt", ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			a := readFixture(t, "bad", tc.file)
			if a.Title != "示例农商银行开展金融知识进社区活动" {
				t.Errorf("title = %q", a.Title)
			}
			if a.Date != "2023-04-12" || a.Source != "示例日报" {
				t.Errorf("date, source = %q, %q", a.Date, a.Source)
			}
			if !strings.HasPrefix(a.Body, fixtureSentence) {
				t.Errorf("body = %q", a.Body)
			}
			if strings.ContainsRune(a.Body, '\uFFFD') || strings.ContainsRune(a.Title, '\uFEFF') {
				t.Errorf("mojibake or BOM left: %q", a.Title+a.Body)
			}
			if tc.warning != "" && !hasWarning(a, tc.warning) {
				t.Errorf("warnings = %q, want one saying %q", a.Warnings, tc.warning)
			}
			if tc.warning == "" && len(a.Warnings) > 0 {
				t.Errorf("unexpected warnings %q", a.Warnings)
			}
		})
	}
	t.Run("UTF-16 without BOM", func(t *testing.T) {
		// Made from the BOM fixture at test time: the same bytes minus the mark.
		data, err := os.ReadFile(fixture(t, "bad", "utf16le-bom.txt"))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Parse("nobom.txt", data[2:])
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "示例农商银行开展金融知识进社区活动" || !strings.HasPrefix(a.Body, fixtureSentence) || !hasWarning(a, "UTF-16") {
			t.Errorf("title %q body %q warnings %q", a.Title, a.Body, a.Warnings)
		}
	})
	t.Run("name with spaces and Chinese", func(t *testing.T) {
		a := readFixture(t, "bad", "银行 新闻 稿.txt")
		if a.ID != "银行 新闻 稿" || !strings.HasSuffix(a.File, "银行 新闻 稿.txt") {
			t.Errorf("ID, File = %q, %q", a.ID, a.File)
		}
	})
	t.Run("gb18030-undeclared.txt", func(t *testing.T) {
		a := readFixture(t, "bad", "gb18030-undeclared.txt")
		if !strings.Contains(a.Title, "𠀾𡈼") || a.Date != "2022-11-03" {
			t.Errorf("title, date = %q, %q", a.Title, a.Date)
		}
		if !strings.Contains(a.Body, "“𠀾”") || !hasWarning(a, "GB18030") {
			t.Errorf("body %q warnings %q", a.Body, a.Warnings)
		}
	})
	t.Run("big5-undeclared.txt", func(t *testing.T) {
		a := readFixture(t, "bad", "big5-undeclared.txt")
		if a.Title != "示例商業銀行舉辦金融知識講座" || a.Date != "2023-04-12" || a.Source != "示例日報" {
			t.Errorf("title, date, source = %q, %q, %q", a.Title, a.Date, a.Source)
		}
		if !strings.HasPrefix(a.Body, "近日，示例商業銀行在社區中心舉辦金融知識講座") || !hasWarning(a, "Big5") {
			t.Errorf("body %q warnings %q", a.Body, a.Warnings)
		}
	})
	t.Run("gbk-declared.html", func(t *testing.T) {
		a := readFixture(t, "bad", "gbk-declared.html")
		if a.Format != model.FormatHTML || a.Title != "示例银行举办反诈宣传周" || a.Date != "2021-09-15" {
			t.Errorf("format, title, date = %q, %q, %q", a.Format, a.Title, a.Date)
		}
		if !strings.Contains(a.Body, "覆盖群众逾5000人次") || strings.Contains(a.Body, "版权所有") || strings.Contains(a.Body, "关于我们") {
			t.Errorf("body = %q", a.Body)
		}
		if !hasWarning(a, "GBK") {
			t.Errorf("warnings = %q", a.Warnings)
		}
	})
	t.Run("invalid-utf8.txt", func(t *testing.T) {
		a := readFixture(t, "bad", "invalid-utf8.txt")
		if !hasWarning(a, "invalid UTF-8") {
			t.Errorf("warnings = %q", a.Warnings)
		}
		if !strings.Contains(a.Body, "活动现场，工作人员还为居民办理了社保卡激活业务") {
			t.Errorf("the text after the bad bytes is lost: %q", a.Body)
		}
	})
}

func TestBadInputsFrontMatter(t *testing.T) {
	t.Run("not YAML", func(t *testing.T) {
		a := readFixture(t, "bad", "frontmatter-not-yaml.md")
		if a.Format != model.FormatJekyll || a.Title != "示例银行推出适老化手机银行" || a.Date != "2022-06-01" {
			t.Errorf("format, title, date = %q, %q, %q", a.Format, a.Title, a.Date)
		}
		if !hasWarning(a, "not valid YAML") || !strings.Contains(a.Body, "用户已超过12万人") {
			t.Errorf("warnings %q body %q", a.Warnings, a.Body)
		}
	})
	t.Run("unterminated", func(t *testing.T) {
		a := readFixture(t, "bad", "frontmatter-unterminated.md")
		if a.Title != "示例银行开展助农贷款活动" || a.Date != "2021-03-08" {
			t.Errorf("title, date = %q, %q", a.Title, a.Date)
		}
		if !hasWarning(a, "not closed") || !strings.HasPrefix(a.Body, "示例银行近日深入乡村") || strings.Contains(a.Body, "title:") {
			t.Errorf("warnings %q body %q", a.Warnings, a.Body)
		}
	})
}

func TestBadInputDeepNesting(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><meta charset="utf-8"><title>示例银行深层嵌套页面测试标题</title><style>p{}</style></head><body>`)
	for i := 0; i < 10000; i++ {
		b.WriteString(`<div class="c"><span>`)
	}
	b.WriteString("<p>示例银行在深层嵌套的页面里写下了这一段正文，用来检验读取不会栈溢出。</p>")
	for i := 0; i < 10000; i++ {
		b.WriteString("</span></div>")
	}
	b.WriteString("</body></html>")
	start := time.Now()
	a, err := Parse("deep.html", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "用来检验读取不会栈溢出") || a.Title != "示例银行深层嵌套页面测试标题" || strings.Contains(a.Body, "p{}") {
		t.Errorf("body = %q", a.Body)
	}
	// Generous bound: the point is "not quadratic", not a timing goal.
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestBadInputTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 100 MB file: the size is there, the bytes are not read.
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadFile(path)
	wantSkip(t, err, "larger than the 64 MB limit")

	_, err = Parse("huge.txt", make([]byte, MaxFileSize+1))
	wantSkip(t, err, "larger than the 64 MB limit")
}

func TestNoTextAfterCleaning(t *testing.T) {
	_, err := Parse("chrome.html", []byte("<html><body><div class=nav>首页 | 新闻 | 关于我们</div><script>var x=1;</script><div>返回顶部</div></body></html>"))
	wantSkip(t, err, "no text after cleaning")
}

func TestPanicBecomesSkip(t *testing.T) {
	old := readText
	readText = func(*model.Article, string) string { panic("boom") }
	defer func() { readText = old }()
	_, err := Parse("x.txt", []byte("示例文本"))
	wantSkip(t, err, "internal error: boom")
}

func TestReadFileMissing(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "absent.txt"))
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v", err)
	}
}
