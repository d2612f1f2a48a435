package pipeline

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/model"
)

// appendFactsJSON appends the JSON line of f (with its "\n") to dst: exactly
// the bytes a json.Encoder with SetEscapeHTML(false) writes for it, field
// by field in the order of model.Facts, without reflection. facts.jsonl
// holds 3–4 KB per article, and encoding/json spent most of a rebuild's
// time on it. TestFactsJSONMatchesEncodingJSON and FuzzFactsJSON hold it
// to encoding/json's output, and TestFactsJSONCoversEveryField fails when
// model.Facts gains a field this encoder does not write.
//
// A value encoding/json cannot encode (a NaN or infinite float) is left to
// encoding/json, for its error.
func appendFactsJSON(dst []byte, f *model.Facts) ([]byte, error) {
	if !finiteFacts(f) {
		b, err := json.Marshal(f) // fails with encoding/json's error
		return append(append(dst, b...), '\n'), err
	}
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, f.ID)
	dst = append(dst, `,"file":`...)
	dst = appendJSONString(dst, f.File)
	if f.Format != "" {
		dst = append(dst, `,"format":`...)
		dst = appendJSONString(dst, f.Format)
	}
	dst = append(dst, `,"title":`...)
	dst = appendJSONString(dst, f.Title)
	if f.TitleFromBody {
		dst = append(dst, `,"title_from_body":true`...)
	}
	dst = append(dst, `,"date":`...)
	dst = appendJSONString(dst, f.Date)
	dst = append(dst, `,"quarter":`...)
	dst = appendJSONString(dst, f.Quarter)
	dst = append(dst, `,"source":`...)
	dst = appendJSONString(dst, f.Source)
	dst = append(dst, `,"url":`...)
	dst = appendJSONString(dst, f.URL)
	dst = append(dst, `,"chars":`...)
	dst = strconv.AppendInt(dst, int64(f.Chars), 10)
	dst = append(dst, `,"primary_bank":`...)
	dst = appendJSONString(dst, f.PrimaryBank)

	dst = append(dst, `,"banks":`...)
	if f.Banks == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range f.Banks {
			b := &f.Banks[i]
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"name":`...)
			dst = appendJSONString(dst, b.Name)
			dst = append(dst, `,"type":`...)
			dst = appendJSONString(dst, b.Type)
			dst = append(dst, `,"branch":`...)
			dst = appendJSONString(dst, b.Branch)
			dst = append(dst, `,"mentions":`...)
			dst = strconv.AppendInt(dst, int64(b.Mentions), 10)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}

	dst = append(dst, `,"themes":`...)
	if f.Themes == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range f.Themes {
			t := &f.Themes[i]
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"id":`...)
			dst = appendJSONString(dst, t.ID)
			dst = append(dst, `,"score":`...)
			dst = appendJSONFloat(dst, t.Score)
			dst = append(dst, `,"sentences":`...)
			dst = strconv.AppendInt(dst, int64(t.Sentences), 10)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}

	dst = append(dst, `,"metrics":`...)
	if f.Metrics == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		// Figures of one sentence follow each other and carry the same
		// sentence, which makes up most of the line: it is encoded once
		// and its bytes copied for the next figures.
		prevSentence, prevStart, prevEnd := "", -1, -1
		for i := range f.Metrics {
			m := &f.Metrics[i]
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"text":`...)
			dst = appendJSONString(dst, m.Text)
			dst = append(dst, `,"value":`...)
			dst = appendJSONFloat(dst, m.Value)
			if m.ValueHigh != 0 {
				dst = append(dst, `,"value_high":`...)
				dst = appendJSONFloat(dst, m.ValueHigh)
			}
			dst = append(dst, `,"unit":`...)
			dst = appendJSONString(dst, m.Unit)
			dst = append(dst, `,"type":`...)
			dst = appendJSONString(dst, m.Type)
			dst = append(dst, `,"qualifier":`...)
			dst = appendJSONString(dst, m.Qualifier)
			dst = append(dst, `,"theme":`...)
			dst = appendJSONString(dst, m.Theme)
			dst = append(dst, `,"bank":`...)
			dst = appendJSONString(dst, m.Bank)
			if m.Branch != "" {
				dst = append(dst, `,"branch":`...)
				dst = appendJSONString(dst, m.Branch)
			}
			dst = append(dst, `,"sentence":`...)
			if prevStart >= 0 && m.Sentence == prevSentence {
				dst = append(dst, dst[prevStart:prevEnd]...)
			} else {
				prevStart = len(dst)
				dst = appendJSONString(dst, m.Sentence)
				prevSentence, prevEnd = m.Sentence, len(dst)
			}
			dst = append(dst, `,"offset":`...)
			dst = strconv.AppendInt(dst, int64(m.Offset), 10)
			if m.InTitle {
				dst = append(dst, `,"in_title":true`...)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}

	dst = append(dst, `,"duplicate_of":`...)
	dst = appendJSONString(dst, f.DuplicateOf)
	if f.Fingerprint != "" {
		dst = append(dst, `,"fingerprint":`...)
		dst = appendJSONString(dst, f.Fingerprint)
	}
	dst = append(dst, `,"warnings":`...)
	if f.Warnings == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, w := range f.Warnings {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, w)
		}
		dst = append(dst, ']')
	}
	if f.Skipped != "" {
		dst = append(dst, `,"skipped":`...)
		dst = appendJSONString(dst, f.Skipped)
	}
	return append(dst, "}\n"...), nil
}

// finiteFacts says whether every float of f can be written as JSON.
func finiteFacts(f *model.Facts) bool {
	ok := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	for i := range f.Themes {
		if !ok(f.Themes[i].Score) {
			return false
		}
	}
	for i := range f.Metrics {
		if !ok(f.Metrics[i].Value) || !ok(f.Metrics[i].ValueHigh) {
			return false
		}
	}
	return true
}

// appendJSONFloat is encoding/json's float64 encoding: as ES6 prints
// numbers, %f-like, with an exponent below 1e-6 and from 1e21 on.
func appendJSONFloat(dst []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-09 to e-9
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

const hexDigits = "0123456789abcdef"

// SWAR constants: a byte repeated in every byte of a word.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// hasZeroByte is non-zero when some byte of x is 0 (exact as a yes/no).
func hasZeroByte(x uint64) uint64 { return (x - lsb) & ^x & msb }

// appendJSONString is encoding/json's string encoding with HTML escaping
// off, in one pass that validates the UTF-8 as it goes: runs of ASCII are
// looked at eight bytes at a time for the bytes to escape (control
// characters, '"' and '\\'), and the three-byte characters that make up
// Chinese text are checked inline, U+2028 and U+2029 escaped (for
// JavaScript) as encoding/json does. A string that turns out not to be
// valid UTF-8 is written again by encoding/json's own loop, which writes
// each bad byte as \ufffd.
func appendJSONString(dst []byte, s string) []byte {
	mark := len(dst)
	dst = append(dst, '"')
	start, i := 0, 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if i+8 <= len(s) {
				x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
					uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
				// Eight ASCII bytes, none below 0x20, '"' or '\\' (each
				// test is exact for the word as a whole).
				if x&msb == 0 && (x-0x20*lsb)&msb == 0 && hasZeroByte(x^('"'*lsb))|hasZeroByte(x^('\\'*lsb)) == 0 {
					i += 8
					continue
				}
			}
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = appendASCIIEscape(append(dst, s[start:i]...), c)
			i++
			start = i
			continue
		}
		// Runs of three-byte characters (U+1000 to U+CFFF, U+E000 to
		// U+FFFF: the lead byte is neither 0xE0 nor 0xED, whose second
		// bytes have narrower ranges), not U+2028 or U+2029.
		for i+3 <= len(s) {
			c, c1, c2 := s[i], s[i+1], s[i+2]
			if c&0xF0 != 0xE0 || c1&0xC0 != 0x80 || c2&0xC0 != 0x80 || c == 0xE0 || c == 0xED ||
				(c == 0xE2 && c1 == 0x80 && c2&0xFE == 0xA8) {
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
				return appendJSONStringSlow(dst[:mark], s)
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
			return appendJSONStringSlow(dst[:mark], s)
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendASCIIEscape appends encoding/json's escape of the ASCII byte c: a
// quote, a backslash or a control character.
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

// appendJSONStringSlow is encoding/json's appendString (Go 1.26) with
// escapeHTML false, for strings that are not valid UTF-8.
func appendJSONStringSlow(dst []byte, src string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(src); {
		if b := src[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
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
