package ingest

import (
	"strings"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// stripPinyin removes the pinyin glosses (hanzi.Gloss) that some sites
// print after a character with several readings: 數(shù)字化 → 數字化,
// 農(nóng)業(yè)銀行 → 農業銀行. Left in, they split bank names, theme words and
// the words around figures, and they clutter the sentences the reports
// quote. Brackets that hold anything else — (IELTS), (AUM), an editor's
// code (cis) — are kept. It returns s itself when it holds no gloss.
func stripPinyin(s string) string {
	// The next '(' and '（' from where the search stands, each found with
	// a byte search (strings.IndexAny decodes every rune): -1 when none is
	// left.
	ascii, wide := strings.IndexByte(s, '('), strings.Index(s, "（")
	var b []byte // made at the first gloss removed
	last := 0
	for ascii >= 0 || wide >= 0 {
		i := ascii
		if i < 0 || wide >= 0 && wide < i {
			i = wide
		}
		next := i + 1 // where the search goes on
		if n, _ := hanzi.Gloss(s, i); n > 0 {
			if b == nil {
				b = make([]byte, 0, len(s))
			}
			b = append(b, s[last:i]...)
			next = i + n
			last = next
		}
		if ascii >= 0 && ascii < next {
			ascii = indexFrom(s, next, "(")
		}
		if wide >= 0 && wide < next {
			wide = indexFrom(s, next, "（")
		}
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// indexFrom is the index in s of the first sep at or after i, -1 if none.
func indexFrom(s string, i int, sep string) int {
	if j := strings.Index(s[i:], sep); j >= 0 {
		return i + j
	}
	return -1
}
