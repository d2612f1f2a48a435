package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stripPinyin removes the pinyin that some sites print, in ASCII brackets,
// after a character with several readings: 數(shù)字化 → 數字化,
// 農(nóng)業(yè)銀行 → 農業銀行. Left in, it splits bank names, theme words and
// the words around figures. A bracket is taken for pinyin when it follows
// a Han character and holds one syllable: at most six letters, a–z or ü,
// exactly one of them a vowel with a tone mark. Brackets that hold
// anything else — (IELTS), (AUM), an editor's code (cis) — are kept.
func stripPinyin(s string) string {
	i := strings.IndexByte(s, '(')
	if i < 0 {
		return s
	}
	var b []byte // made at the first bracket removed
	last := 0
	for {
		if n := pinyinAt(s, i); n > 0 {
			if b == nil {
				b = make([]byte, 0, len(s))
			}
			b = append(b, s[last:i]...)
			last = i + n
			i = last
		} else {
			i++
		}
		j := strings.IndexByte(s[i:], '(')
		if j < 0 {
			break
		}
		i += j
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// pinyinAt returns the length of the bracketed pinyin syllable that starts
// at s[i] == '(' after a Han character, or 0.
func pinyinAt(s string, i int) int {
	if r, _ := utf8.DecodeLastRuneInString(s[:i]); !unicode.Is(unicode.Han, r) {
		return 0
	}
	letters, toned := 0, 0
	for k := i + 1; k < len(s); {
		r, size := utf8.DecodeRuneInString(s[k:])
		switch {
		case r == ')':
			if letters == 0 || toned != 1 {
				return 0
			}
			return k + 1 - i
		case r >= 'a' && r <= 'z' || r == 'ü':
		case strings.ContainsRune(tonedVowels, r):
			toned++
		default:
			return 0
		}
		if letters++; letters > 6 {
			return 0
		}
		k += size
	}
	return 0
}

// tonedVowels are the vowels (and syllabic n, m) with a tone mark.
const tonedVowels = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
