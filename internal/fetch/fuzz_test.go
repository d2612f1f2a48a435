package fetch

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// FuzzPrepare feeds arbitrary bytes and Content-Types through the charset
// conversion and the meta rewriting: the result is always UTF-8, reads back
// as UTF-8, records the URL, and keeps the page when it declares nothing.
// Seed corpus: testdata/fuzz/FuzzPrepare.
func FuzzPrepare(f *testing.F) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(page(`<meta charset="gbk">`, sentence)))
	f.Add([]byte(page("", sentence)), "text/html; charset=utf-8")
	f.Add(gbk, "text/html")
	f.Add([]byte(`<?xml version="1.0" encoding="gb2312"?><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head></html>`), "")
	f.Add([]byte("<p>no head</p>"), "text/html; charset=iso-8859-1")
	f.Add([]byte("\xFF\xFE<\x00h\x00e\x00a\x00d\x00>\x00"), "text/html")
	const url = "https://www.example.com/news/1.html"
	fetched := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		p := Prepare(body, contentType, url, url, fetched)
		if !utf8.Valid(p.Text) {
			t.Fatalf("saved page is not UTF-8")
		}
		if !bytes.Contains(p.Text, []byte(`<meta name="bankbrief:fetched" content="2026-11-29T00:00:00Z">`)) {
			t.Fatalf("saved page lacks the fetched meta tag:\n%q", p.Text)
		}
		if !bytes.Contains(p.Text, []byte(`<meta name="bankbrief:url" content="`)) {
			t.Fatalf("saved page lacks the url meta tag:\n%q", p.Text)
		}
		if d := ToUTF8(p.Text, ""); d.Charset != "utf-8" {
			t.Fatalf("saved page reads back as %s from %s:\n%q", d.Charset, d.How, p.Text)
		}
		lower := strings.ToLower(string(p.Decoded.Text))
		if p.URL == url && !strings.Contains(lower, "meta") && !strings.Contains(lower, "<?xml") {
			// Nothing rewritten: the page is the converted text with the
			// meta block inserted once.
			block := "\n<meta charset=\"utf-8\">\n<meta name=\"bankbrief:url\" content=\"" + url + "\">\n"
			i := strings.Index(string(p.Text), block)
			if i < 0 {
				t.Fatalf("meta block not found:\n%q", p.Text)
			}
			end := strings.Index(string(p.Text[i:]), `<meta name="bankbrief:charset" content="`)
			rest := string(p.Text[i+end:])
			rest = rest[strings.Index(rest, ">\n")+2:]
			if got := string(p.Text[:i]) + rest; got != string(p.Decoded.Text) {
				t.Fatalf("page changed beyond the inserted block:\n%q\nwas\n%q", got, p.Decoded.Text)
			}
		}
	})
}

func BenchmarkPrepare(b *testing.B) {
	body := []byte(page(`<meta charset="gbk">`+strings.Repeat(`<link rel="stylesheet" href="/a.css">`, 20), strings.Repeat(sentence, 2000)))
	body, _ = simplifiedchinese.GBK.NewEncoder().Bytes(body)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Prepare(body, "text/html", "https://www.example.com/a", "https://www.example.com/a", time.Now())
	}
}
