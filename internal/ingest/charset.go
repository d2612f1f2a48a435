package ingest

import (
	"bytes"
	"encoding/binary"
	"regexp"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// reMetaCharset finds a charset declared in an HTML meta tag or an XML
// declaration near the top of a file.
var reMetaCharset = regexp.MustCompile(`(?i)(?:charset|encoding)\s*=\s*["']?\s*([a-z0-9_-]+)`)

// decode turns the bytes of a file into UTF-8 text. It returns the text, the
// warnings met (a conversion, replaced bytes) and a skip reason when the
// bytes are not text at all. Valid UTF-8 is returned without copying: the
// text then shares data's bytes, and must not outlive them or see them
// change.
func decode(data []byte) (text string, warnings []string, skip string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		s, err := decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data)
		if err != nil {
			return "", nil, "binary file (a UTF-16 byte-order mark but undecodable content)"
		}
		if strings.ContainsRune(s, 0) {
			return "", nil, "binary file"
		}
		return s, []string{"charset UTF-16 converted"}, ""
	}
	// looksBinary and validUTF8 in one pass (most files are UTF-8); when
	// the bytes are not, looksBinary is asked on its own.
	valid, bin := validUTF8Binary(data)
	if !valid {
		bin = looksBinary(data)
	}
	if bin {
		// UTF-16 without a byte-order mark: the NUL bytes of its ASCII
		// characters (newlines, digits) all fall on one side.
		if enc, ok := utf16NoBOM(data); ok {
			if s, err := decodeWith(enc, data); err == nil && !strings.ContainsRune(s, 0) && !strings.ContainsRune(s, utf8.RuneError) {
				return s, []string{"charset UTF-16 (no byte-order mark) converted"}, ""
			}
		}
		return "", nil, "binary file"
	}
	if valid {
		// The text is the bytes themselves, not a copy: Parse copies what
		// it keeps of them (ownStrings).
		return unsafe.String(unsafe.SliceData(data), len(data)), nil, ""
	}
	// A declared charset comes first.
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	if m := reMetaCharset.FindSubmatch(head); m != nil {
		name := strings.ToLower(string(m[1]))
		if enc, label := encodingByName(name); enc != nil {
			if s, err := decodeWith(enc, data); err == nil {
				w := "charset " + label + " converted"
				if strings.ContainsRune(s, utf8.RuneError) {
					w += " (some bytes could not be converted and were replaced)"
				}
				return s, []string{w}, ""
			}
		}
	}
	// Undeclared: GB18030 (a superset of GBK and GB2312) or Big5, when the
	// bytes decode cleanly into mostly Chinese text. Both often do; the
	// right one reads as common words, the wrong one as rare characters.
	gb, errGB := decodeWith(simplifiedchinese.GB18030, data)
	okGB := errGB == nil && cleanCJK(gb)
	b5, errB5 := decodeWith(traditionalchinese.Big5, data)
	okB5 := errB5 == nil && cleanCJK(b5)
	switch {
	case okGB && okB5 && commonHan(b5) > commonHan(gb):
		return b5, []string{"charset Big5 (undeclared) converted"}, ""
	case okGB:
		return gb, []string{"charset GB18030 (undeclared) converted"}, ""
	case okB5:
		return b5, []string{"charset Big5 (undeclared) converted"}, ""
	}
	n := countInvalidUTF8(data)
	return strings.ToValidUTF8(string(data), "\uFFFD"),
		[]string{"invalid UTF-8: " + itoa(n) + " bad byte sequences replaced"}, ""
}

func encodingByName(name string) (encoding.Encoding, string) {
	switch name {
	case "gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn":
		return simplifiedchinese.GB18030, strings.ToUpper(name)
	case "big5", "big5-hkscs", "x-x-big5":
		return traditionalchinese.Big5, "Big5"
	case "utf-16", "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "UTF-16"
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM), "UTF-16"
	}
	return nil, ""
}

func decodeWith(enc encoding.Encoding, data []byte) (string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// looksBinary says whether data holds NUL bytes or many control characters
// in its first 8 KB: not text.
func looksBinary(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for i := 0; i < len(head); {
		if i+8 <= len(head) && !byteBelow0x20(binary.LittleEndian.Uint64(head[i:])) {
			i += 8 // no control byte among these eight
			continue
		}
		for end := min(i+8, len(head)); i < end; i++ {
			if isControl(head[i]) {
				ctl++
			}
		}
	}
	return len(head) > 0 && ctl*20 > len(head)
}

// anyTwoContinuations marks the lead bytes of three-byte runes that take
// any two continuation bytes: E1–EC, EE, EF.
var anyTwoContinuations = func() (t [256]bool) {
	for c := 0xE1; c <= 0xEF; c++ {
		t[c] = c != 0xED
	}
	return t
}()

// byteBelow0x20 says whether one of the eight bytes of x is below 0x20
// (the classic "has less than" test: exact, no byte is missed).
func byteBelow0x20(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x-ones*0x20)&^x&highs != 0
}

// validUTF8 is utf8.Valid with fast paths for the text of Chinese
// articles: eight ASCII bytes at a time, and the three-byte runes whose
// lead byte (E1–EC, EE, EF) takes any two continuation bytes, two at a
// time where two follow each other. Everything
// else is decoded as utf8.Valid would: the text is invalid where a rune
// decodes as an error of one byte.
func validUTF8(p []byte) bool {
	s := unsafe.String(unsafe.SliceData(p), len(p)) // for twoRunes3
	for i := 0; i < len(p); {
		if i+8 <= len(p) && twoRunes3(s, i, &anyTwoContinuations) {
			i += 6 // two such runes at once
			continue
		}
		c := p[i]
		if c < utf8.RuneSelf {
			if i+8 <= len(p) && binary.LittleEndian.Uint64(p[i:])&0x8080808080808080 == 0 {
				i += 8
			} else {
				i++
			}
			continue
		}
		n := validRuneLen(p, i)
		if n == 0 {
			return false
		}
		i += n
	}
	return true
}

// validRuneLen is the length of the rune at p[i], not ASCII, or 0 where it
// is invalid (decodes as an error of one byte): a three-byte rune whose
// lead byte takes any two continuation bytes is checked without decoding.
func validRuneLen(p []byte, i int) int {
	if anyTwoContinuations[p[i]] && i+2 < len(p) && p[i+1]&0xC0 == 0x80 && p[i+2]&0xC0 == 0x80 {
		return 3
	}
	if r, n := utf8.DecodeRune(p[i:]); r != utf8.RuneError || n > 1 {
		return n
	}
	return 0
}

// validUTF8Binary is validUTF8 that, reading the first 8 KB, also says
// what looksBinary says: bin is only meaningful when valid is true (the
// pass stops at the first invalid byte).
func validUTF8Binary(p []byte) (valid, bin bool) {
	s := unsafe.String(unsafe.SliceData(p), len(p)) // for twoRunes3
	h := min(len(p), 8192)
	nul, ctl := false, 0
	i := 0
	for i < h {
		if i+8 <= len(p) && twoRunes3(s, i, &anyTwoContinuations) {
			i += 6 // two three-byte runes: no control byte
			continue
		}
		c := p[i]
		if c < utf8.RuneSelf {
			if i+8 <= h {
				if x := binary.LittleEndian.Uint64(p[i:]); x&0x8080808080808080 == 0 {
					if byteBelow0x20(x) {
						for _, c := range p[i : i+8] {
							nul = nul || c == 0
							if isControl(c) {
								ctl++
							}
						}
					}
					i += 8
					continue
				}
			}
			nul = nul || c == 0
			if isControl(c) {
				ctl++
			}
			i++
			continue
		}
		n := validRuneLen(p, i)
		if n == 0 {
			return false, false
		}
		i += n
	}
	// (i stands at the start of a rune: the rest is read from there.)
	return validUTF8(p[i:]), nul || h > 0 && ctl*20 > h
}

// isControl says whether c is a control byte looksBinary counts.
func isControl(c byte) bool {
	return c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b
}

// cleanCJK says whether s, decoded from a legacy charset, has no
// replacement character and mostly Han characters among its non-ASCII runes
// (a wrong guess produces rare symbols and private-use characters).
func cleanCJK(s string) bool {
	if strings.ContainsRune(s, utf8.RuneError) {
		return false
	}
	han, other := 0, 0
	for _, r := range s {
		switch {
		case r < 0x80:
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
			han++
		default:
			other++
		}
	}
	return han > 0 && other*5 <= han
}

func countInvalidUTF8(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			n++
		}
		b = b[size:]
	}
	return n
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}

// commonChars are frequent characters written the same in simplified and
// traditional script (and banking words in both scripts).
const commonChars = "的一是不了在人有我他中大上和你地出也年就那要下以生自着之家可而能好都然日于起成事只作想看文行月民工金社公司主同其已多十二三日本市"

// commonHan counts the characters of s among commonChars.
func commonHan(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x4E00 && strings.ContainsRune(commonChars, r) {
			n++
		}
	}
	return n
}

// utf16NoBOM guesses UTF-16 byte order from where the NUL bytes fall.
func utf16NoBOM(data []byte) (encoding.Encoding, bool) {
	if len(data)%2 != 0 {
		return nil, false
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	even, odd := 0, 0
	for i, b := range head {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	switch {
	// Han characters such as 开 (U+5F00) put a NUL on the other side now
	// and then; ASCII puts one on its side every time.
	case odd >= 2 && odd > 4*even:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), true
	case even >= 2 && even > 4*odd:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), true
	}
	return nil, false
}
