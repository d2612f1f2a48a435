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
	if strings.IndexByte(s, '(') < 0 && !strings.Contains(s, "（") {
		return s
	}
	var b []byte // made at the first gloss removed
	last := 0
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], "(（")
		if j < 0 {
			break
		}
		i += j
		n, _ := hanzi.Gloss(s, i)
		if n == 0 {
			i++
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s))
		}
		b = append(b, s[last:i]...)
		i += n
		last = i
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}
