package ingest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The regexps the scanners of scan.go replace: the reference they must
// agree with.
var (
	reHTMLDoc = regexp.MustCompile(`(?i)<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]`)
	reHTMLTag = regexp.MustCompile(`(?i)</?(?:p|div|span|br|table|td|tr|h[1-6]|a|img|section|article|ul|li|strong|font|center)(?:\s[^>]*)?/?>`)
)

// scanSamples are texts written to exercise the scanners' edge cases.
var scanSamples = []string{
	"", "<", "<>", "</", "<p>", "<P>", "</p>", "<p/>", "<p />", "<p/x>", "<p x", "<p x>", "<p\tx=1>", "<p\n>", "<pre>",
	"<p1>", "<h1>", "<H6 class=x>", "<h7>", "<a>", "<article>", "<ab>", "<ſpan>", "<SPAN>", "<ſtrong x>", "<\u212Ab>",
	"<!doctype html>", "<!DOCTYPE\nHTML>", "<!doctypehtml>", "<!doctype  htmlx", "<! doctype html>", "<html>",
	"<HTML lang=zh>", "<htmlx>", "<body>", "<body\t", "<head>", "<head", "<heady>", "a<p>b<br/>c<div>d</div>",
	"<p><p><p><p><p><p><p><p>", "<p x<br>>", "<<p>>", "<td x>y</td><tr>", "中文<p>中文", "\xff<p>\xc5", "<\xc5\xbfpan>",
}

// scanTexts returns the samples, the lines and heads of the shared
// articles and a sample of the generated corpus.
func scanTexts(t *testing.T) []string {
	texts := append([]string(nil), scanSamples...)
	for _, f := range sharedFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b[:min(len(b), 8192)]))
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	if entries, err := os.ReadDir(benchCorpusDir); err == nil {
		for i := 0; i < len(entries); i += 50 {
			b, err := os.ReadFile(filepath.Join(benchCorpusDir, entries[i].Name()))
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b[:min(len(b), 8192)]))
			texts = append(texts, strings.Split(string(b), "\n")...)
		}
	}
	return texts
}

func checkSniffScans(t *testing.T, s string) {
	t.Helper()
	if got, want := hasHTMLDoc(s), reHTMLDoc.MatchString(s); got != want {
		t.Fatalf("hasHTMLDoc(%q) = %v, the regexp says %v", s, got, want)
	}
	for _, max := range []int{1, 6, 1000} {
		if got, want := countHTMLTags(s, max), len(reHTMLTag.FindAllStringIndex(s, max)); got != want {
			t.Fatalf("countHTMLTags(%q, %d) = %d, the regexp finds %d", s, max, got, want)
		}
	}
}

func TestSniffScansAgree(t *testing.T) {
	for _, s := range scanTexts(t) {
		checkSniffScans(t, s)
	}
}

func FuzzSniffScans(f *testing.F) {
	for _, s := range scanSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkSniffScans(t, s) })
}
