// Package jsonstr appends a Go string as a JSON string, without
// reflection: the bytes encoding/json (Go 1.26) writes for it, with HTML
// escaping on (json.Marshal, a json.Encoder's default) or off (a
// json.Encoder after SetEscapeHTML(false)). It serves the hand-written
// JSON encoders of the outputs, facts.jsonl (internal/pipeline, HTML
// escaping off) and the chart page's drill-down data
// (internal/render/charts, on, as the data sits in a <script> block),
// whose text is mostly Chinese.
//
// Either way, '"' and '\\' are escaped as \" and \\, control characters
// as \b \f \n \r \t or \u00XX, U+2028 and U+2029 as \u2028 and \u2029
// (for JavaScript), each byte of invalid UTF-8 as \ufffd; with HTML
// escaping, '<', '>' and '&' as \u003c, \u003e and \u0026. Everything else
// is copied as it is. jsonstr_test.go holds Append to encoding/json's
// bytes on every rune, every byte and every three-byte sequence, and
// FuzzAppend on arbitrary strings.
package jsonstr

import "unicode/utf8"

// Append appends s to dst as a JSON string (quotes included), in the bytes
// encoding/json gives it with HTML escaping on or off.
//
// It makes one pass that validates the UTF-8 as it goes: runs of ASCII are
// looked at eight bytes at a time for the bytes to escape, and the
// three-byte characters that make up Chinese text are checked inline. A
// string that turns out not to be valid UTF-8 is written again by
// encoding/json's own loop, which writes each bad byte as \ufffd.
func Append(dst []byte, s string, escapeHTML bool) []byte {
	safe := &safeSet
	if escapeHTML {
		safe = &htmlSafeSet
	}
	mark := len(dst)
	dst = append(dst, '"')
	start, i := 0, 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			// A run of ASCII: eight bytes at a time while none is to be
			// escaped (below 0x20, '"' or '\\', nor '<', '>' or '&' with
			// HTML escaping; each test is exact for the word as a whole),
			// then byte by byte.
			for i+8 <= len(s) {
				x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
					uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
				if x&msb != 0 || (x-0x20*lsb)&msb != 0 || hasZeroByte(x^('"'*lsb))|hasZeroByte(x^('\\'*lsb)) != 0 ||
					escapeHTML && hasZeroByte(x^('<'*lsb))|hasZeroByte(x^('>'*lsb))|hasZeroByte(x^('&'*lsb)) != 0 {
					break
				}
				i += 8
			}
			for i < len(s) && s[i] < utf8.RuneSelf && safe[s[i]] {
				i++
			}
			if i >= len(s) {
				break
			}
			if c = s[i]; c < utf8.RuneSelf {
				dst = appendASCIIEscape(append(dst, s[start:i]...), c)
				i++
				start = i
				continue
			}
		}
		// Runs of three-byte characters (U+1000 to U+CFFF, U+E000 to
		// U+FFFF: the lead byte is neither 0xE0 nor 0xED, whose second
		// bytes have narrower ranges), not U+2028 or U+2029.
		for i+3 <= len(s) {
			w := uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16
			if w&0xC0C0F0 != 0x8080E0 || w&0xFF == 0xE0 || w&0xFF == 0xED || w&0xFEFFFF == 0xA880E2 {
				break
			}
			i += 3
		}
		if i >= len(s) {
			break
		}
		c = s[i]
		if c < utf8.RuneSelf {
			continue
		}
		if c&0xF0 == 0xE0 && i+2 < len(s) {
			// Three bytes: U+0800 to U+FFFF but the surrogates.
			c1, c2 := s[i+1], s[i+2]
			lo, hi := byte(0x80), byte(0xBF)
			switch c {
			case 0xE0:
				lo = 0xA0
			case 0xED:
				hi = 0x9F
			}
			if c1 < lo || c1 > hi || c2&0xC0 != 0x80 {
				return appendSlow(dst[:mark], s, safe)
			}
			if c == 0xE2 && c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9) {
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c2&0xF])
				start = i + 3
			}
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return appendSlow(dst[:mark], s, safe)
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendSlow is encoding/json's appendString (Go 1.26), for strings that
// are not valid UTF-8; safe is safeSet or htmlSafeSet.
func appendSlow(dst []byte, src string, safe *[utf8.RuneSelf]bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(src); {
		if b := src[i]; b < utf8.RuneSelf {
			if safe[b] {
				i++
				continue
			}
			dst = appendASCIIEscape(append(dst, src[start:i]...), b)
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(src[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, src[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, src[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, src[start:]...)
	return append(dst, '"')
}

// appendASCIIEscape appends encoding/json's escape of the ASCII byte c: a
// quote, a backslash, a control character, or '<', '>' or '&'.
func appendASCIIEscape(dst []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(dst, '\\', c)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}

const hexDigits = "0123456789abcdef"

// safeSet and htmlSafeSet mark the ASCII bytes a JSON string holds as they
// are, as encoding/json's tables of the same names do: all but control
// characters, '"' and '\\' (0x7F is kept), and with HTML escaping not '<',
// '>' or '&' either.
var safeSet, htmlSafeSet = func() (t, h [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
		h[c] = t[c] && c != '<' && c != '>' && c != '&'
	}
	return t, h
}()

// SWAR constants: a byte repeated in every byte of a word.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// hasZeroByte is non-zero when some byte of x is 0 (exact as a yes/no).
func hasZeroByte(x uint64) uint64 { return (x - lsb) & ^x & msb }
