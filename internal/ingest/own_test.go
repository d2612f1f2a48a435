package ingest

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
)

// cloneArticle copies every string of a.
func cloneArticle(a model.Article) model.Article {
	c := a
	for _, f := range []*string{&c.ID, &c.File, &c.Format, &c.Title, &c.Date, &c.Source, &c.URL, &c.Author, &c.Body} {
		*f = strings.Clone(*f)
	}
	c.Warnings = nil
	for _, w := range a.Warnings {
		c.Warnings = append(c.Warnings, strings.Clone(w))
	}
	return c
}

var ownSamples = []string{"某银行开展活动\n\n示例银行发放贷款一千万元，支持小微企业发展。", "标题\n正文", "\xef\xbb\xbf标题一二三四五六七八\n正文内容，很长。",
	"---\ntitle: 示例银行发放贷款\ndate: 2022-01-05\n---\n<p>示例银行发放贷款，支持小微企业。</p>",
	"<html><head><title>示例标题一二三四五六</title></head><body><p>示例银行发放贷款，支持小微企业。</p></body></html>",
	`{"title":"示例银行发放贷款","content":"示例银行发放贷款，支持小微企业。"}`, "原文链接：http://example.com/a\n示例银行发放贷款，支持小微企业。",
	"示例标题\n\n\u3000\u3000今年以来，示例\n银行发放贷\n款2.7万\n户，支持小\n微企业。"} // the last one hard-wrapped

// checkOwn parses src from a buffer, overwrites the buffer as the pipeline
// does with the next file, and checks the article did not change: Parse
// keeps no string sharing the bytes it was given.
func checkOwn(t *testing.T, src string) {
	t.Helper()
	buf := []byte(src)
	a, err := Parse("x.txt", buf)
	if err != nil {
		return
	}
	want := cloneArticle(a)
	for i := range buf {
		buf[i] = 'x'
	}
	if !reflect.DeepEqual(a, want) {
		t.Fatalf("Parse(%.200q) changed with its buffer:\n got %+v\nwant %+v", src, a, want)
	}
}

func TestParseKeepsNoBytes(t *testing.T) {
	srcs := append([]string(nil), ownSamples...)
	for _, f := range sharedFiles(t) {
		if b, err := os.ReadFile(f); err == nil {
			srcs = append(srcs, string(b))
		}
	}
	for _, s := range srcs {
		checkOwn(t, s)
	}
}

func FuzzParseKeepsNoBytes(f *testing.F) {
	for _, s := range ownSamples {
		f.Add(s)
	}
	f.Fuzz(checkOwn)
}
