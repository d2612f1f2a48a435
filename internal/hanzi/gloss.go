package hanzi

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Gloss reports the length in bytes and in runes of the pinyin gloss that
// starts at s[i], or 0, 0 when there is none. Some sites print one after
// each character with several readings: 中國(guó), 農(nóng)業(yè)銀行. A gloss
// opens with ( or （ right after a Chinese character, holds one to eight
// letters a–z, at least one of them a vowel with a tone mark (or ü), and
// closes with ) or ）; one white-space rune may pad the letters on either
// side, as in 社會(huì ). Ingest removes glosses from the text it keeps, and
// extraction folds away any left in text that did not come through it.
func Gloss(s string, i int) (n, runes int) {
	if i <= 0 || i >= len(s) || s[i] != '(' && !strings.HasPrefix(s[i:], "（") {
		return 0, 0
	}
	if prev, _ := utf8.DecodeLastRuneInString(s[:i]); !unicode.Is(unicode.Han, prev) {
		return 0, 0
	}
	_, open := utf8.DecodeRuneInString(s[i:])
	k, runes, letters, marked := i+open, 1, 0, false
	lead, trail := false, false // the padding before and after the letters
	for k < len(s) {
		c, size := utf8.DecodeRuneInString(s[k:])
		k += size
		runes++
		switch {
		case c == ')' || c == '）':
			if letters >= 1 && marked {
				return k - i, runes
			}
			return 0, 0
		case trail:
			return 0, 0 // only the bracket may follow the padding
		case unicode.IsSpace(c):
			if letters > 0 {
				trail = true
			} else if lead {
				return 0, 0
			} else {
				lead = true
			}
			continue
		case strings.ContainsRune(tonedVowels, c):
			marked = true
		case c < 'a' || c > 'z':
			return 0, 0
		}
		if letters++; letters > 8 {
			return 0, 0
		}
	}
	return 0, 0
}

// tonedVowels are the vowels (and syllabic n, m) with a tone mark, and ü.
const tonedVowels = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
