package fetch

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// sentence is written for these tests in the shape of a bank news item.
const sentence = "中国建设银行某市分行开展“我为群众办实事”实践活动，今年以来为小微企业减费让利约3000万元，惠及客户1.2万户。"

func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding test text: %v", err)
	}
	return b
}

func page(head, body string) string {
	return "<!DOCTYPE html>\n<html>\n<head>\n" + head + "<title>建行办实事</title>\n</head>\n<body><h1>建行办实事</h1><p>" + body + "</p></body></html>\n"
}

func TestToUTF8(t *testing.T) {
	gbk := simplifiedchinese.GBK
	longScript := "<script>" + strings.Repeat("var a = 1; ", 200) + "</script>\n"
	tests := []struct {
		name        string
		body        []byte
		contentType string
		charset     string
		how         string
		note        bool // a declaration was overruled
	}{
		{"utf-8 declared in header", []byte(page("", sentence)), "text/html; charset=utf-8", "utf-8", "Content-Type header", false},
		{"utf-8 undeclared", []byte(page("", sentence)), "text/html", "utf-8", "sniffed", false},
		{"gbk in header", encode(t, gbk, page("", sentence)), "text/html; charset=GBK", "gbk", "Content-Type header", false},
		{"gb2312 label means gbk", encode(t, gbk, page("", sentence)), "text/html; charset=gb2312", "gbk", "Content-Type header", false},
		{"gbk in meta charset", encode(t, gbk, page(`<meta charset="gbk">`, sentence)), "text/html", "gbk", "meta tag", false},
		{"gbk in http-equiv after 1 KB of script", encode(t, gbk, page(longScript+`<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />`, sentence)), "", "gbk", "meta tag", false},
		{"gbk undeclared", encode(t, gbk, page("", sentence)), "text/html", "gb18030", "sniffed", false},
		{"gbk behind a latin-1 server default", encode(t, gbk, page("", sentence)), "text/html; charset=ISO-8859-1", "gb18030", "sniffed", false},
		{"gbk declared utf-8", encode(t, gbk, page(`<meta charset="utf-8">`, sentence)), "text/html", "gb18030", "sniffed", true},
		{"utf-8 declared gbk", []byte(page(`<meta charset="gbk">`, sentence)), "text/html; charset=gbk", "utf-8", "sniffed", true},
		{"gbk xml declaration", encode(t, gbk, `<?xml version="1.0" encoding="GBK"?>`+page("", sentence)), "application/xhtml+xml", "gbk", "meta tag", false},
		{"big5 undeclared", encode(t, traditionalchinese.Big5, "<html><head><title>建設銀行辦實事</title></head><body><p>中國建設銀行開展為群眾辦實事活動，為小微企業減費讓利約3000萬元。</p></body></html>"), "text/html", "big5", "sniffed", false},
		{"utf-16 with bom", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), page("", sentence)), "text/html", "utf-16le", "byte-order mark", false},
		{"utf-8 with bom", append([]byte("\xEF\xBB\xBF"), page("", sentence)...), "text/html; charset=gbk", "utf-8", "byte-order mark", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := ToUTF8(tc.body, tc.contentType)
			if d.Charset != tc.charset || d.How != tc.how {
				t.Errorf("charset %s from %s, want %s from %s (note %q)", d.Charset, d.How, tc.charset, tc.how, d.Note)
			}
			if (d.Note != "") != tc.note {
				t.Errorf("note %q, want a note: %v", d.Note, tc.note)
			}
			text := string(d.Text)
			want := sentence
			if tc.charset == "big5" {
				want = "中國建設銀行開展為群眾辦實事活動"
			}
			if !strings.Contains(text, want) {
				t.Errorf("converted page lacks the sentence:\n%s", text)
			}
			if strings.ContainsRune(text, '\uFFFD') || bytes.HasPrefix(d.Text, []byte("\xEF\xBB\xBF")) {
				t.Errorf("converted page has a replacement character or a BOM")
			}
		})
	}
}

func TestToUTF8Latin(t *testing.T) {
	body := []byte("<html><head><title>Bank news</title></head><body>" + ("Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9 \x96 a Western page saved in Latin-1 with accents here and there.</body></html>"))
	d := ToUTF8(body, "text/html")
	if d.Charset != "windows-1252" || !strings.Contains(string(d.Text), "Café crème") {
		t.Errorf("got %s: %s", d.Charset, d.Text)
	}
}

func TestMetaCharset(t *testing.T) {
	for in, want := range map[string]string{
		`<meta charset=gbk>`: "gbk",
		`<META HTTP-EQUIV="content-type" CONTENT="text/html;charset=GB2312">`:   "GB2312",
		`<meta http-equiv="Content-Type" content="text/html; charset='utf-8'">`: "utf-8",
		`<meta name="keywords" content="charset=gbk">`:                          "",
		`<body><meta charset="gbk">`:                                            "",
		`<?xml version='1.0' encoding='gb18030'?><html>`:                        "gb18030",
	} {
		if got := metaCharset([]byte(in)); got != want {
			t.Errorf("metaCharset(%s) = %q, want %q", in, got, want)
		}
	}
}

// TestContentCharset: the charset of a Content-Type, whatever the case,
// and no panic when the value holds bytes that are not UTF-8 before the
// word (found by FuzzPrepare: ToLower had made them longer).
func TestContentCharset(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"text/html; charset=gbk", "gbk"},
		{"text/html; CharSet = \"GB2312\"", "GB2312"},
		{"\xd2ChArset0", ""},
		{"\xd2\xd2 charset=big5; x", "big5"},
		{"text/html", ""},
		{"charse", ""},
	} {
		if got := contentCharset(c.in); got != c.want {
			t.Errorf("contentCharset(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
