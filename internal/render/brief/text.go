package brief

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chinese line-breaking rules (禁则): no line starts with noStart, no line
// ends with noEnd.
const (
	noStart = "，。、；：？！）」』》〉】〕”’…—%％,.;:?!)]}·～"
	noEnd   = "（「『《〈【〔“‘([{"
)

// unit is an unbreakable piece of text: a CJK character, a Latin word or
// number, or a run of spaces.
type unit struct {
	text  string
	space bool
}

// isWordRune says whether r belongs in a Latin word or number kept whole.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".,%+-/:'&_#@$", r)
	}
	return unicode.Is(unicode.Latin, r) || r == '％'
}

// units splits s into the pieces between which a line may break.
func units(s string) []unit {
	var out []unit
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case r == ' ':
			for j < len(s) && s[j] == ' ' {
				j++
			}
			out = append(out, unit{text: s[i:j], space: true})
		case isWordRune(r):
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) {
					break
				}
				j += n
			}
			out = append(out, unit{text: s[i:j]})
		default:
			out = append(out, unit{text: s[i:j]})
		}
		i = j
	}
	return out
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }

// canBreak says whether a line may end after a and the next begin with b.
func canBreak(a, b unit) bool {
	if b.space || a.space {
		return true
	}
	if strings.ContainsRune(noStart, firstRune(b.text)) {
		return false
	}
	if strings.ContainsRune(noEnd, lastRune(a.text)) {
		return false
	}
	return true
}

// wrap breaks s into lines no wider than width as measured by measure,
// between any two CJK characters, keeping Latin words and numbers whole
// and following the Chinese rules for punctuation. A unit wider than the
// line is split by character. No character is dropped: the lines joined
// give s back, except spaces at a break.
func wrap(s string, width float64, measure func(string) float64) []string {
	us := units(s)
	// Split units wider than a line into characters.
	var all []unit
	for _, u := range us {
		if !u.space && utf8.RuneCountInString(u.text) > 1 && measure(u.text) > width {
			for _, r := range u.text {
				all = append(all, unit{text: string(r)})
			}
			continue
		}
		all = append(all, u)
	}
	var lines []string
	start := 0
	for start < len(all) {
		for start < len(all) && all[start].space {
			start++
		}
		if start >= len(all) {
			break
		}
		// Take as many units as fit.
		end := start
		w := 0.0
		for end < len(all) {
			uw := measure(all[end].text)
			if end > start && w+uw > width && !all[end].space {
				break
			}
			w += uw
			end++
		}
		if end < len(all) {
			// Move the break back until it is allowed.
			b := end
			for b > start+1 && !canBreak(all[b-1], all[b]) {
				b--
			}
			if b > start+1 || canBreak(all[b-1], all[b]) {
				end = b
			}
		}
		var sb strings.Builder
		for _, u := range all[start:end] {
			sb.WriteString(u.text)
		}
		lines = append(lines, strings.TrimRight(sb.String(), " "))
		start = end
	}
	return lines
}

// truncate shortens s to fit width, ending it with an ellipsis.
func truncate(s string, width float64, measure func(string) float64) string {
	if measure(s) <= width {
		return s
	}
	// Widths add up rune by rune (gofpdf does not kern): find the longest
	// prefix that fits with the ellipsis in one pass.
	rs := []rune(s)
	room := width - measure("…")
	n, w := 0, 0.0
	for n < len(rs) {
		rw := measure(string(rs[n]))
		if w+rw > room {
			break
		}
		w += rw
		n++
	}
	for ; n > 0; n-- {
		t := strings.TrimRight(string(rs[:n]), " ") + "…"
		if measure(t) <= width {
			return t
		}
	}
	return "…"
}

// excerpt shortens a sentence to about max characters around the first
// occurrence of focus, marking each cut with an ellipsis.
func excerpt(sentence, focus string, max int) string {
	rs := []rune(strings.TrimSpace(sentence))
	if len(rs) <= max {
		return string(rs)
	}
	at := 0
	if i := strings.Index(string(rs), focus); i >= 0 && focus != "" {
		at = utf8.RuneCountInString(string(rs)[:i])
	}
	flen := utf8.RuneCountInString(focus)
	// Keep more before the figure than after: the subject comes first.
	from := at - (max-flen)*3/5
	if from < 0 {
		from = 0
	}
	to := from + max
	if to > len(rs) {
		to = len(rs)
		from = to - max
		if from < 0 {
			from = 0
		}
	}
	// Do not cut a number or a Latin word in two.
	for i := 0; i < 12 && from > 0 && from < at && isWordRune(rs[from-1]) && isWordRune(rs[from]); i++ {
		from++
	}
	for i := 0; i < 12 && to < len(rs) && isWordRune(rs[to-1]) && isWordRune(rs[to]); i++ {
		to++
	}
	out := string(rs[from:to])
	if from > 0 {
		out = "…" + strings.TrimLeft(out, "，。、；： ")
	}
	if to < len(rs) {
		out = strings.TrimRight(out, "，、；： ") + "…"
	}
	return out
}

// clean replaces control characters and collapses whitespace.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0':
			return ' '
		case unicode.IsControl(r) || r == '\ufeff' || r == '\u200b':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
