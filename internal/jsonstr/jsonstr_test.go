package jsonstr

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// ref is the reference: encoding/json's bytes for s, by json.Marshal with
// HTML escaping and by a json.Encoder with SetEscapeHTML(false) without.
func ref(t testing.TB, s string, escapeHTML bool) []byte {
	if escapeHTML {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// check compares Append with encoding/json on s, both ways, appended to a
// prefix that must be kept.
func check(t testing.TB, s string) {
	t.Helper()
	for _, html := range []bool{false, true} {
		want := ref(t, s, html)
		got := Append([]byte("x:"), s, html)
		if !bytes.Equal(got[2:], want) || string(got[:2]) != "x:" {
			t.Fatalf("Append(%q, escapeHTML %v) = %s, encoding/json gives %s", s, html, got, want)
		}
	}
}

// pieces take every branch of Append: Chinese text, everything JSON or
// HTML escapes, U+2028 and U+2029 and their neighbours, the narrow second
// bytes after 0xE0 and 0xED, two- and four-byte characters, invalid and
// cut UTF-8.
var pieces = []string{"银行", "贷款", "亿元", "，", "“", "”", "……", "——", "a", "Z", "1", " ", "12345678", "<", ">", "&",
	"\"", "\\", "/", "'", "\n", "\t", "\r", "\b", "\f", "\x00", "\x1f", "\x7f", "\u2027", "\u2028", "\u2029", "\u202a",
	"\u0800", "\u0fff", "\u1000", "\ud7ff", "\ue000", "\uffff", "\u00e9", "\U0001F600", "\U0010FFFF", "\ufffd", "\ufeff",
	"\xff", "\xc0\xaf", "\xe4\xb8", "\xe2\x80", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80",
	"</script>", "<!--", "https://example.com/a?b=1&c=2"}

// TestAppendMatchesEncodingJSON compares Append with encoding/json, with
// HTML escaping on and off, on every rune alone and between Chinese and
// ASCII text, every byte at every place of an 8-byte word, every byte
// pair, every sequence of a lead byte 0xE0–0xEF and two more bytes, and
// random strings of the pieces above.
func TestAppendMatchesEncodingJSON(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		check(t, string(r))
		check(t, "银行"+string(r)+"a")
		check(t, "1234567"+string(r)+"贷款12345678")
	}
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 9; pos++ {
			check(t, strings.Repeat("a", pos)+string([]byte{byte(c)})+"bcdefghij")
			check(t, strings.Repeat("款", pos)+string([]byte{byte(c)})+"款")
		}
		for c1 := 0; c1 < 256; c1++ {
			check(t, string([]byte{byte(c), byte(c1)}))
		}
	}
	for c := 0xE0; c <= 0xEF; c++ {
		for c1 := 0; c1 < 256; c1++ {
			for c2 := 0; c2 < 256; c2++ {
				check(t, "亿元"+string([]byte{byte(c), byte(c1), byte(c2)})+"元")
			}
		}
	}
	rnd := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for k := rnd.Intn(40); k > 0; k-- {
			b.WriteString(pieces[rnd.Intn(len(pieces))])
		}
		check(t, b.String())
	}
}

// FuzzAppend compares Append with encoding/json, HTML escaping on and off.
// Its seeds are the pieces and testdata/fuzz/FuzzAppend.
func FuzzAppend(f *testing.F) {
	for _, s := range pieces {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { check(t, s) })
}

// benchStrings are like the facts' titles and sentences: Chinese text with
// some ASCII digits, units, dates and a link.
var benchStrings = []string{
	"广发银行2023年累计为小微企业减费让利约27.5亿元",
	"据悉，截至2023年末，该行普惠型小微企业贷款余额达到1,234.56亿元，较年初增长18.7%，有贷款余额的客户数超过12万户。",
	"该行表示，下一步将继续加大对制造业、科技创新和绿色发展等重点领域的信贷支持力度，全年新增绿色贷款不低于300亿元。",
	"银行业协会：“降费让利”政策落地见效，商业银行全年减免服务收费合计约680亿元",
	"https://www.example.com.cn/news/2023/12/31/content_123456.html",
	"2023-12-31", "fee_reduction", "CNY", "amount",
}

// BenchmarkAppend encodes benchStrings with Append, HTML escaping off and
// on, and with encoding/json.
func BenchmarkAppend(b *testing.B) {
	size := 0
	for _, s := range benchStrings {
		size += len(s)
	}
	for _, html := range []bool{false, true} {
		name := "plain"
		if html {
			name = "html"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(size))
			var buf []byte
			for b.Loop() {
				buf = buf[:0]
				for _, s := range benchStrings {
					buf = Append(buf, s, html)
				}
			}
		})
	}
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, s := range benchStrings {
				json.Marshal(s)
			}
		}
	})
}
