package fetch

import (
	"strings"
	"testing"
	"time"
)

func TestPrepare(t *testing.T) {
	const listed = "https://news.example.com/a?id=7&from=feed"
	fetched := time.Date(2022, 3, 1, 8, 30, 0, 0, time.FixedZone("CST", 8*3600))
	block := func(url, charset string, declare bool) string {
		s := "\n"
		if declare {
			s += "<meta charset=\"utf-8\">\n"
		}
		s += `<meta name="bankbrief:url" content="` + strings.ReplaceAll(url, "&", "&amp;") + "\">\n"
		if url != listed {
			s += `<meta name="bankbrief:listed-url" content="` + strings.ReplaceAll(listed, "&", "&amp;") + "\">\n"
		}
		return s + `<meta name="bankbrief:fetched" content="2022-03-01T00:30:00Z">` + "\n" + `<meta name="bankbrief:charset" content="` + charset + "\">\n"
	}
	tests := []struct {
		name, in, contentType, want string
	}{
		{"meta charset right after head",
			`<html><HEAD lang="zh"><meta charset="GBK"><title>t</title></head><body>x</body></html>`, "",
			`<html><HEAD lang="zh">` + block(listed, "utf-8", false) + `<meta charset="utf-8"><title>t</title></head><body>x</body></html>`},
		{"http-equiv rewritten, other metas kept",
			"<!doctype html><html><head>\n<meta name=\"keywords\" content=\"charset=gbk\">\n<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gb2312\">\n</head></html>", "",
			"<!doctype html><html><head>" + block(listed, "utf-8", false) + "\n<meta name=\"keywords\" content=\"charset=gbk\">\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n</head></html>"},
		{"no head: after html",
			`<html lang="zh-CN"><p>x</p></html>`, "text/html; charset=utf-8",
			`<html lang="zh-CN">` + block(listed, "utf-8", true) + `<p>x</p></html>`},
		{"no html: after doctype",
			"<!DOCTYPE html>\n<p>x</p>", "",
			"<!DOCTYPE html>" + block(listed, "utf-8", true) + "\n<p>x</p>"},
		{"relative canonical resolved",
			`<head><link rel="canonical" href="/2022/03/a.html"></head>`, "",
			`<head>` + block("https://news.example.com/2022/03/a.html", "utf-8", true) + `<link rel="canonical" href="/2022/03/a.html"></head>`},
		{"canonical to the home page ignored, og:url used",
			`<head><link rel="canonical" href="https://news.example.com/"><meta property="og:url" content="https://m.example.com/a7.html#top"></head>`, "",
			`<head>` + block("https://m.example.com/a7.html", "utf-8", true) + `<link rel="canonical" href="https://news.example.com/"><meta property="og:url" content="https://m.example.com/a7.html#top"></head>`},
		{"canonical not http ignored",
			`<head><link rel="canonical" href="javascript:void(0)"></head>`, "",
			`<head>` + block(listed, "utf-8", true) + `<link rel="canonical" href="javascript:void(0)"></head>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := Prepare([]byte(tc.in), tc.contentType, listed, listed, fetched)
			if got := string(p.Text); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestFileName(t *testing.T) {
	a, err := ParseTarget("https://www.example.com/news/1.html#comments")
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != "https://www.example.com/news/1.html" || a.File != FileName(a.URL) {
		t.Errorf("target %+v", a)
	}
	// SHA-256 of the URL, first 16 hex digits.
	if got := FileName("https://www.example.com/news/1.html"); got != "9862513cee22cd99.html" {
		t.Errorf("FileName = %q", got)
	}
	if FileName("https://www.example.com/news/1.html") == FileName("https://www.example.com/news/2.html") {
		t.Errorf("two URLs, one file name")
	}
}

func TestReadURLs(t *testing.T) {
	list := "\uFEFF# feed\n\nhttps://a.example.com/1.html 工行\thttps://ignored\n  http://b.example.com/2  \nmailto:x@example.com\nhttps:///nohost\n# https://c.example.com/commented\n"
	targets, bad, err := ReadURLs(strings.NewReader(list))
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) != 2 || targets[0].URL != "https://a.example.com/1.html" || targets[0].Line != 3 ||
		targets[1].URL != "http://b.example.com/2" || targets[1].Line != 4 {
		t.Errorf("targets %+v", targets)
	}
	if len(bad) != 2 || bad[0].Line != 5 || !strings.Contains(bad[0].Reason, `scheme "mailto"`) ||
		bad[1].Line != 6 || bad[1].Reason != "not a URL: no host name" {
		t.Errorf("invalid %+v", bad)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"10MB": 10 << 20, "512kb": 512 << 10, "2.5M": 5 << 19, "1048576": 1 << 20, "1 GB": 1 << 30} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "big", "-1MB", "0"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"120": 2 * time.Minute, "0": 0, "-5": 0, "": 0, "soon": 0,
		"Sun, 29 Nov 2026 12:00:30 GMT": 30 * time.Second,
		"Sun, 29 Nov 2026 11:00:00 GMT": 0,
	} {
		if got := retryAfter(in, now); got != want {
			t.Errorf("retryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}
