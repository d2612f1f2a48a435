package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// folded is a text in the form the matchers read: traditional characters
// made simplified, full-width ASCII made half-width, and the inline pinyin
// some sites print after characters (中國(guó)銀行) taken out. orig maps
// each rune of the folded text to its rune index in the original text, at
// to its byte offset there; when same is set (a body fold leaves as it
// is, see Extract) the text is the original and they are left out.
type folded struct {
	text  string
	orig  []int32
	at    []int32
	runes int  // runes in the original text
	valid bool // the original text is valid UTF-8
	same  bool // nothing was folded: text is the original, orig and at are nil
}

// count returns the number of runes of the folded text.
func (f *folded) count() int {
	if f.same {
		return f.runes
	}
	return len(f.orig)
}

// folds says fold changes the rune c of n bytes at s[i] or takes out
// inline pinyin there (foldInto's tests, run on s[i] alone).
func folds(s string, i int, c rune, n int) bool {
	switch {
	case c == '(' || c == '（':
		m, _ := hanzi.Gloss(s, i)
		return m > 0
	case c < utf8.RuneSelf:
		return false
	case c == utf8.RuneError && n == 1, hanzi.Rune(c) != c:
		return true
	case c >= 0xFF01 && c <= 0xFF5E && !strings.ContainsRune("，。！？；：（）“”、", c):
		c2 := c - 0xFEE0
		return c2 < 0x80 && (unicode.IsLetter(c2) || unicode.IsDigit(c2) || c2 == '%' || c2 == '.')
	}
	return false
}

// fold folds s; it allocates the result (unless nothing is folded: then
// the text is s itself) and the indexes, nothing per rune, and copies the
// unchanged bytes in runs.
func fold(s string) folded { return foldInto(s, nil, nil) }

// foldInto is fold appending the indexes to orig[:0] and at[:0].
func foldInto(s string, orig, at []int32) folded {
	var b strings.Builder // grown to len(s) at the first rune folded
	orig, at = orig[:0], at[:0]
	valid := true
	ri := int32(0)
	run := 0 // start of the bytes kept as they are, not yet written
	for i := 0; i < len(s); {
		c, n := rune(s[i]), 1
		if c < utf8.RuneSelf {
			if c == '(' {
				if m, runes := hanzi.Gloss(s, i); m > 0 {
					if b.Cap() == 0 {
						b.Grow(len(s))
					}
					b.WriteString(s[run:i])
					i += m
					ri += int32(runes)
					run = i
					continue
				}
			}
			orig = append(orig, ri)
			at = append(at, int32(i))
			ri++
			i++
			continue
		}
		if b := s[i]; (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// E1–EC, EE–EF lead bytes take any two continuation bytes: a
			// three-byte rune decoded inline, as utf8.DecodeRuneInString does
			c, n = rune(b&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		} else {
			c, n = utf8.DecodeRuneInString(s[i:])
		}
		if c == '（' {
			if m, runes := hanzi.Gloss(s, i); m > 0 {
				if b.Cap() == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[run:i])
				i += m
				ri += int32(runes)
				run = i
				continue
			}
		}
		c0 := c
		if r := hanzi.Rune(c); r != c {
			c = r
		} else if c >= 0xFF01 && c <= 0xFF5E && !strings.ContainsRune("，。！？；：（）“”、", c) {
			// full-width letters and digits; Chinese punctuation kept
			if c2 := c - 0xFEE0; c2 < 0x80 && (unicode.IsLetter(c2) || unicode.IsDigit(c2) || c2 == '%' || c2 == '.') {
				c = c2
			}
		}
		if c != c0 || c == utf8.RuneError && n == 1 {
			// a changed rune, or an invalid byte (written as U+FFFD)
			if b.Cap() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[run:i])
			b.WriteRune(c)
			run = i + n
			valid = valid && n > 1
		}
		orig = append(orig, ri)
		at = append(at, int32(i))
		ri++
		i += n
	}
	text := s // nothing folded: the text itself, not a copy
	if run > 0 {
		b.WriteString(s[run:])
		text = b.String()
	}
	return folded{text: text, orig: orig, at: at, runes: int(ri), valid: valid}
}
