package ingest

import (
	"html"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Pages whose text sits in a JSON or JavaScript string (an app's API
// response, a page's initial state pasted into a text file) carry their
// HTML escaped: \u003cp\u003e…, \"class\", \n, Han characters as \u4e2d.
// unescapeEmbedded decodes such text so the HTML reader sees tags; text
// without enough escapes is returned unchanged (a backslash in an ordinary
// article is left alone).
func unescapeEmbedded(text string) string {
	if escapedHTML(text) {
		return unescapeJSON(text)
	}
	// HTML shown as text (&lt;p&gt;…) in a file that is no HTML itself.
	if strings.Count(text, "&lt;") >= 3 && strings.Count(text, "&gt;") >= 3 {
		if isHTML, _ := sniff(text); !isHTML {
			return html.UnescapeString(text)
		}
	}
	return text
}

// escapedHTML says whether text holds JSON-escaped markup: three or more
// escaped '<' (\u003c, \u003C, \x3c), or twenty or more \u escapes of Han
// characters.
func escapedHTML(text string) bool {
	if !strings.Contains(text, `\u`) && !strings.Contains(text, `\x3`) {
		return false
	}
	lt := strings.Count(text, `\u003c`) + strings.Count(text, `\u003C`) + strings.Count(text, `\x3c`) + strings.Count(text, `\x3C`)
	if lt >= 3 {
		return true
	}
	han := 0
	for i := 0; i+6 <= len(text) && han < 20; i++ {
		if text[i] == '\\' && text[i+1] == 'u' {
			if r, ok := hex4(text[i+2 : i+6]); ok && r >= 0x4E00 && r <= 0x9FFF {
				han++
			}
		}
	}
	return han >= 20
}

// unescapeJSON decodes the escapes of a JSON (or JavaScript) string:
// \uXXXX with surrogate pairs, \xHH, \n \t \b \f (\r is dropped), \" \' \\ \/. Unknown
// or broken escapes are kept as written.
func unescapeJSON(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			i++
			continue
		}
		switch e := s[i+1]; e {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			// \r\n is a line break; the \n makes it.
		case 't':
			b.WriteByte('\t')
		case 'b', 'f':
			b.WriteByte(' ')
		case '"', '\'', '\\', '/':
			b.WriteByte(e)
		case 'x':
			if i+4 <= len(s) {
				if r, ok := hexN(s[i+2 : i+4]); ok {
					b.WriteRune(r)
					i += 4
					continue
				}
			}
			b.WriteString(s[i : i+2])
		case 'u':
			r, ok := rune(0), false
			if i+6 <= len(s) {
				r, ok = hex4(s[i+2 : i+6])
			}
			if !ok {
				b.WriteString(s[i : i+2])
				break
			}
			n := 6
			if utf16.IsSurrogate(r) {
				r2, ok2 := rune(0), false
				if i+12 <= len(s) && s[i+6] == '\\' && s[i+7] == 'u' {
					r2, ok2 = hex4(s[i+8 : i+12])
				}
				if ok2 {
					r = utf16.DecodeRune(r, r2)
					n = 12
				} else {
					r = utf8.RuneError
				}
			}
			if r == utf8.RuneError || r == 0 {
				// A lone surrogate or a NUL: nothing a reader can see.
				i += n
				continue
			}
			b.WriteRune(r)
			i += n
			continue
		default:
			b.WriteString(s[i : i+2])
		}
		i += 2
	}
	return b.String()
}

func hex4(s string) (rune, bool) {
	if len(s) != 4 {
		return 0, false
	}
	return hexN(s)
}

func hexN(s string) (rune, bool) {
	var r rune
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
