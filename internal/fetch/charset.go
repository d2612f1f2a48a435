package fetch

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Decoded is a page converted to UTF-8.
type Decoded struct {
	Text    []byte // the page in UTF-8, without a byte-order mark
	Charset string // the charset it was in: utf-8, gbk, gb18030, big5, …
	// How says where the charset came from: "byte-order mark",
	// "Content-Type header", "meta tag", "sniffed".
	How string
	// Note is set when a declaration was wrong and overruled,
	// e.g. "declared gbk in the Content-Type header, but the bytes are UTF-8".
	Note string
}

// ToUTF8 converts a page to UTF-8. The charset is taken from a byte-order
// mark, else the Content-Type header, else a <meta> tag (or an XML
// declaration), else sniffed from the bytes. A declaration the bytes
// contradict is overruled, so the result is never mojibake: bytes that are
// valid UTF-8 (with non-ASCII text) are UTF-8 whatever is declared, a
// declared charset that garbles the bytes is dropped, and undeclared
// non-UTF-8 bytes are tried as GB18030 (a superset of GBK and GB2312), then
// Big5, then Windows-1252.
func ToUTF8(body []byte, contentType string) Decoded {
	if enc, name := bom(body); enc != nil {
		out, _ := decodeWith(enc, body)
		return Decoded{Text: out, Charset: name, How: "byte-order mark"}
	}
	type decl struct{ label, how string }
	var decls []decl
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		decls = append(decls, decl{params["charset"], "Content-Type header"})
	}
	if label := metaCharset(body); label != "" {
		decls = append(decls, decl{label, "meta tag"})
	}

	if utf8.Valid(body) {
		d := Decoded{Text: body, Charset: "utf-8", How: "sniffed"}
		for i, dc := range decls {
			name := canonical(dc.label)
			if name == "utf-8" {
				d.How = dc.how
				break
			}
			if i == 0 && highBytes(body) > 0 && name != "" && name != "us-ascii" {
				d.Note = "declared " + dc.label + " in the " + dc.how + ", but the bytes are UTF-8"
			}
		}
		if d.How == "sniffed" && len(decls) > 0 && highBytes(body) == 0 {
			// Pure ASCII reads the same in every declared charset.
			d.How = decls[0].how
		}
		return d
	}

	var note string
	for _, dc := range decls {
		name := canonical(dc.label)
		if name == "" {
			note = addNote(note, "unknown charset "+dc.label+" in the "+dc.how)
			continue
		}
		if isLatin1(name) {
			// Servers send ISO-8859-1 by default; a Chinese page declared
			// so is GBK in disguise. Let the meta tag or sniffing decide.
			if dc.how == "Content-Type header" {
				continue
			}
		}
		if name == "utf-8" {
			note = addNote(note, "declared utf-8 in the "+dc.how+", but the bytes are not UTF-8")
			continue
		}
		enc := lookup(name)
		if enc == nil {
			note = addNote(note, "cannot convert charset "+dc.label)
			continue
		}
		out, bad := decodeWith(enc, body)
		if clean(out, bad) {
			return Decoded{Text: out, Charset: name, How: dc.how, Note: note}
		}
		note = addNote(note, "declared "+dc.label+" in the "+dc.how+", but the bytes are not "+name)
	}

	// Sniff: the candidate that leaves the fewest undecodable bytes.
	best := Decoded{Charset: "windows-1252", How: "sniffed", Note: note}
	bestBad := -1
	// GBK and Big5 overlap, so when both decode cleanly the one that reads
	// as common Chinese wins (the other gives rare characters).
	bestScore := -1
	for _, name := range []string{"gb18030", "big5"} {
		out, bad := decodeWith(lookup(name), body)
		if clean(out, bad) {
			if sc := commonScore(out); sc > bestScore {
				best, bestScore = Decoded{Text: out, Charset: name, How: "sniffed", Note: note}, sc
			}
			continue
		}
		if bestScore < 0 && (bestBad < 0 || bad < bestBad) {
			best.Text, best.Charset, bestBad = out, name, bad
		}
	}
	if bestScore >= 0 {
		return best
	}
	// Nothing decodes cleanly. Latin-1 never fails, so prefer it only when
	// the bytes look like a Western page (few high bytes).
	if highBytes(body)*20 < len(body) {
		out, _ := decodeWith(lookup("windows-1252"), body)
		return Decoded{Text: out, Charset: "windows-1252", How: "sniffed", Note: note}
	}
	best.Note = addNote(note, "some bytes could not be converted")
	return best
}

func addNote(note, s string) string {
	if note == "" {
		return s
	}
	return note + "; " + s
}

func bom(b []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8BOM, "utf-8"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	}
	return nil, ""
}

// canonical returns the WHATWG name of a charset label ("GB2312" → "gbk"),
// or "" when the label is unknown.
func canonical(label string) string {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	e, err := htmlindex.Get(label)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return ""
	}
	return name
}

// lookup returns the decoder for a canonical name. The GBK family is read
// as GB18030, its superset, so characters outside GB2312/GBK survive.
func lookup(name string) encoding.Encoding {
	switch name {
	case "gbk", "gb2312", "gb18030":
		return simplifiedchinese.GB18030
	case "big5":
		return traditionalchinese.Big5
	}
	e, _ := charset.Lookup(name)
	return e
}

func isLatin1(name string) bool {
	return name == "windows-1252" || name == "iso-8859-1" || name == "us-ascii"
}

// decodeWith converts b and counts the replacement characters it produced.
func decodeWith(enc encoding.Encoding, b []byte) ([]byte, int) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		// Decoders replace bad input rather than fail; be safe anyway.
		out = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	out = bytes.TrimPrefix(out, []byte("\uFEFF"))
	return out, bytes.Count(out, []byte("\uFFFD")) - bytes.Count(b, []byte("\uFFFD"))
}

// clean says whether a conversion left at most a stray undecodable byte or
// two (pages often carry one broken character in a script or comment).
func clean(out []byte, bad int) bool {
	return bad <= 2 || bad*1000 <= utf8.RuneCount(out)
}

func highBytes(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= 0x80 {
			n++
		}
	}
	return n
}

// metaCharset finds the charset a page declares in its first 64 KB: <meta
// charset>, <meta http-equiv="Content-Type" content="…; charset=…">, or an
// XML declaration's encoding. The whole head is searched, not only the first
// 1024 bytes, since many Chinese pages put scripts before their meta tags.
func metaCharset(body []byte) string {
	if len(body) > 64<<10 {
		body = body[:64<<10]
	}
	if enc := xmlEncoding(body); enc != "" {
		return enc
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if tag == "body" {
				return ""
			}
			if tag != "meta" || !hasAttr {
				continue
			}
			if label := metaTagCharset(z); label != "" {
				return label
			}
		}
	}
}

func metaTagCharset(z *html.Tokenizer) string {
	var cs, equiv, content string
	for {
		k, v, more := z.TagAttr()
		switch strings.ToLower(string(k)) {
		case "charset":
			cs = string(v)
		case "http-equiv":
			equiv = strings.ToLower(string(v))
		case "content":
			content = string(v)
		}
		if !more {
			break
		}
	}
	if cs != "" {
		return strings.TrimSpace(cs)
	}
	if equiv == "content-type" {
		return contentCharset(content)
	}
	return ""
}

// contentCharset takes the charset out of "text/html; charset=gbk", leniently.
func contentCharset(content string) string {
	// Found byte by byte: strings.ToLower would turn an invalid byte into
	// U+FFFD (three bytes), and its index would not be content's.
	i := indexASCIIFold(content, "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimSpace(content[i+len("charset"):])
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.Trim(strings.TrimSpace(rest[1:]), `"'`)
	if j := strings.IndexAny(rest, `;"' `); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// indexASCIIFold is strings.Index(s, word) with ASCII letters of either
// case matching; word is lower case.
func indexASCIIFold(s, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		j := 0
		for ; j < len(word); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[j] {
				break
			}
		}
		if j == len(word) {
			return i
		}
	}
	return -1
}

// xmlEncoding returns the encoding of a leading <?xml … encoding="…"?>.
func xmlEncoding(b []byte) string {
	b = bytes.TrimLeft(b, " \t\r\n")
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(b[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimSpace(decl[i+len("encoding"):])
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimSpace(rest[1:])
	if len(rest) < 2 {
		return ""
	}
	q := rest[0]
	if q != '"' && q != '\'' {
		return ""
	}
	if j := strings.IndexByte(rest[1:], q); j >= 0 {
		return rest[1 : 1+j]
	}
	return ""
}

// common holds the most frequent Chinese characters, simplified and
// traditional, with bank-news words.
var common = func() map[rune]bool {
	const chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质气第向道此变条只没结解问意建月公无系很情者最立代想已通并提直题程展五果象员位入常文总次品式活设及管特件长求老头基资边流路级少图统接知较将组见计别期根论运农指几区强放决西被做必先回则任取据处队南给光门即保治北造百规领七海口东导器世金增争济思术交受联认六共权收证改清美再采转更单风切打教速带安场身车例真务具万每目至达走积示议声报完类八离华名确才科张信节话整元况今集传许步群广记需段研界林律且究观越织装影算低持众书布复容须际商非验连断深难近千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称准精值号率族维划选标写存候亲快效院查江型按格养易置派层始却专状育京识适属圆包住调满县局照参红细引听该价严银贷款户惠融普乡村振兴适诈务网点客服" +
		"這為個國們時來說對會發動過產種後學經進著電裡現實兩體機當點從業應開還義樣與關線數問題無係員總長頭資邊級圖統較將組見計別論運農區強決處隊給門領東導壓聯認權證轉單風設達積議聲報類離華確張節話況傳許廣記研觀織裝響約歷構稱準號維劃選標寫親效縣調滿參紅細聽該價嚴銀貸款戶惠鄉興詐務網點客"
	m := map[rune]bool{}
	for _, r := range chars {
		m[r] = true
	}
	return m
}()

func commonScore(text []byte) int {
	n := 0
	for _, r := range string(text) {
		if common[r] {
			n++
		}
	}
	return n
}
