package xlsx

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// styles are the cell styles of the workbook, created once.
type styles struct {
	title, subtitle, section int
	header                   int
	text, wrap               int
	integer, decimal, money  int // #,##0 ; #,##0.00 ; #,##0.00 (万元/亿元 values)
	// Amounts under 1 万元 or 亿元 get more decimals, so that a small sum
	// never shows as 0.00 (20万元 is 0.0020亿): see moneyFor.
	smallMoney, money6, money8         int // 0.0000 ; 0.000000 ; 0.00000000
	change, changeDec, ratio           int // +#,##0 with red falls ; +#,##0.00 ; +0.0%
	changeDec4, changeDec6, changeDec8 int // changeDec with 4, 6, 8 decimals: see changeFor
	date, link                         int
	// Repeats are shown in grey: present, not summed.
	greyText, greyInteger, greyDecimal, greyDate, greyLink, greySmallMoney int
	greyMoney6, greyMoney8                                                 int
}

func newStyles(f *excelize.File, lang string) (styles, error) {
	font := "等线"
	if lang == "en" {
		font = "Calibri"
	}
	var s styles
	var err error
	add := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		if st.Font == nil {
			st.Font = &excelize.Font{}
		}
		if st.Font.Family == "" {
			st.Font.Family = font
		}
		if st.Font.Size == 0 {
			st.Font.Size = 11
		}
		if st.Alignment == nil {
			st.Alignment = &excelize.Alignment{Vertical: "center"}
		}
		id, e := f.NewStyle(st)
		if e != nil {
			err = e
		}
		return id
	}
	fmtp := func(s string) *string { return &s }
	grey := "808080"
	thin := []excelize.Border{{Type: "bottom", Color: "8EA9C1", Style: 1}}
	s.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3864"}})
	s.subtitle = add(&excelize.Style{Font: &excelize.Font{Color: "595959"}})
	s.section = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F3864"}, Border: thin})
	s.header = add(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "1F3864"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "5B9BD5", Style: 2}},
		Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true},
	})
	s.text = add(&excelize.Style{})
	s.wrap = add(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.integer = add(&excelize.Style{NumFmt: 3})
	s.decimal = add(&excelize.Style{NumFmt: 4})
	s.money = add(&excelize.Style{CustomNumFmt: fmtp("#,##0.00")})
	s.smallMoney = add(&excelize.Style{CustomNumFmt: fmtp("0.0000")})
	s.money6 = add(&excelize.Style{CustomNumFmt: fmtp("0.000000")})
	s.money8 = add(&excelize.Style{CustomNumFmt: fmtp("0.00000000")})
	s.change = add(&excelize.Style{CustomNumFmt: fmtp(`+#,##0;[Red]-#,##0;0`)})
	s.changeDec = add(&excelize.Style{CustomNumFmt: fmtp(`+#,##0.00;[Red]-#,##0.00;0.00`)})
	s.changeDec4 = add(&excelize.Style{CustomNumFmt: fmtp(`+0.0000;[Red]-0.0000;0.0000`)})
	s.changeDec6 = add(&excelize.Style{CustomNumFmt: fmtp(`+0.000000;[Red]-0.000000;0.000000`)})
	s.changeDec8 = add(&excelize.Style{CustomNumFmt: fmtp(`+0.00000000;[Red]-0.00000000;0.00000000`)})
	s.ratio = add(&excelize.Style{CustomNumFmt: fmtp(`+0.0%;[Red]-0.0%;0.0%`)})
	s.date = add(&excelize.Style{CustomNumFmt: fmtp("yyyy-mm-dd"), Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "left"}})
	s.link = add(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	s.greyText = add(&excelize.Style{Font: &excelize.Font{Color: grey, Italic: true}})
	s.greyInteger = add(&excelize.Style{Font: &excelize.Font{Color: grey, Italic: true}, NumFmt: 3})
	s.greyDecimal = add(&excelize.Style{Font: &excelize.Font{Color: grey, Italic: true}, NumFmt: 4})
	s.greyDate = add(&excelize.Style{Font: &excelize.Font{Color: grey, Italic: true}, CustomNumFmt: fmtp("yyyy-mm-dd"), Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "left"}})
	s.greySmallMoney = add(&excelize.Style{Font: &excelize.Font{Color: grey, Italic: true}, CustomNumFmt: fmtp("0.0000")})
	s.greyMoney6 = add(&excelize.Style{Font: &excelize.Font{Color: grey, Italic: true}, CustomNumFmt: fmtp("0.000000")})
	s.greyMoney8 = add(&excelize.Style{Font: &excelize.Font{Color: grey, Italic: true}, CustomNumFmt: fmtp("0.00000000")})
	s.greyLink = add(&excelize.Style{Font: &excelize.Font{Color: "6F8FB5", Italic: true, Underline: "single"}})
	if err == nil {
		err = f.SetDefaultFont(font)
	}
	return s, err
}

// grey returns the grey variant of a style, for repeat rows.
func (s styles) grey(id int) int {
	switch id {
	case s.integer:
		return s.greyInteger
	case s.decimal, s.money:
		return s.greyDecimal
	case s.date:
		return s.greyDate
	case s.link:
		return s.greyLink
	case s.smallMoney:
		return s.greySmallMoney
	case s.money6:
		return s.greyMoney6
	case s.money8:
		return s.greyMoney8
	}
	return s.greyText
}

// moneyFor is the style of an amount in 万元 or 亿元: two decimals from 0.1
// up (and for 0), below that four, six or eight — enough for a significant
// digit, so that a small sum never shows as 0.00 (20万元 is 0.0020亿元, 2元
// 0.0002万元, 3角 0.000030万元).
func (s styles) moneyFor(v float64) int {
	switch a := math.Abs(v); {
	case a == 0 || a >= 0.1 || math.IsNaN(a):
		return s.money
	case a >= 1e-4:
		return s.smallMoney
	case a >= 1e-6:
		return s.money6
	}
	return s.money8
}

// changeFor is the style of a change of an amount, with the decimals
// moneyFor gives the change.
func (s styles) changeFor(v float64) int {
	switch s.moneyFor(v) {
	case s.smallMoney:
		return s.changeDec4
	case s.money6:
		return s.changeDec6
	case s.money8:
		return s.changeDec8
	}
	return s.changeDec
}

// textWidth is the display width of s in Excel column units: East Asian
// wide and full-width runes count 2, others 1. It stops counting at limit.
func textWidth(s string, limit int) int {
	n := 0
	for _, r := range s {
		if r == '\n' {
			break
		}
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
		if n >= limit {
			return limit
		}
	}
	return n
}

// maxCellRunes keeps text below Excel's 32,767-character cell limit.
const maxCellRunes = 32000

// clean makes s safe to store in a cell: valid UTF-8, no characters XML 1.0
// forbids, no longer than a cell holds.
func clean(s string) string {
	if len(s) <= maxCellRunes && isClean(s) {
		return s
	}
	var sb strings.Builder
	n := 0
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			continue
		}
		if n++; n > maxCellRunes {
			break
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// isClean says whether s is valid UTF-8 without the characters clean
// drops (controls but tab, newline and return; U+FFFE, U+FFFF), in one pass:
// runs of ASCII are looked at eight bytes at a time, and the three-byte
// characters of Chinese text are checked inline. Every cell's text goes
// through it.
func isClean(s string) bool {
	const lsb, msb = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if i+8 <= len(s) {
				x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
					uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
				// Eight ASCII bytes, none below 0x20 (exact for the word).
				if x&msb == 0 && (x-0x20*lsb)&msb == 0 {
					i += 8
					continue
				}
			}
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
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
			case 0xEF:
				if c1 == 0xBF && c2 >= 0xBE { // U+FFFE, U+FFFF
					return false
				}
			}
			if c1 < lo || c1 > hi || c2&0xC0 != 0x80 {
				return false
			}
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}

// maxLinkChars is Excel's limit on each text argument of a formula.
const maxLinkChars = 255

// hyperlink returns the cell for a title linked to url: a HYPERLINK formula
// whose cached value is the title, or the plain title when the URL is not
// an http(s) address a formula can hold. The formula is built here from
// quoted string literals, so nothing in the title or URL is ever evaluated.
// (Native hyperlinks are limited to 65,530 per sheet and excelize adds them
// in quadratic time; the formula works in Excel, WPS and LibreOffice.)
func hyperlink(title, url string, style, plainStyle int) excelize.Cell {
	title = clean(title)
	target, ok := linkTarget(url)
	if !ok {
		return excelize.Cell{StyleID: plainStyle, Value: title}
	}
	label := title
	if utf8.RuneCountInString(label) > maxLinkChars {
		label = string([]rune(label)[:maxLinkChars-1]) + "…"
	}
	if label == "" {
		label = target
	}
	formula := `HYPERLINK("` + target + `","` + strings.ReplaceAll(label, `"`, `""`) + `")`
	return excelize.Cell{StyleID: style, Value: label, Formula: formula}
}

// linkTarget returns url as the target of a HYPERLINK formula: an http(s)
// address of at most 255 characters with spaces, quotes and angle brackets
// percent-encoded; ok is false for anything else.
func linkTarget(url string) (string, bool) {
	if !utf8.ValidString(url) {
		return "", false
	}
	lower := strings.ToLower(url)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return "", false
	}
	var sb strings.Builder
	for _, r := range url {
		switch {
		case r < ' ' || r == 0x7f:
			return "", false
		case r == ' ':
			sb.WriteString("%20")
		case r == '"':
			sb.WriteString("%22")
		case r == '<':
			sb.WriteString("%3C")
		case r == '>':
			sb.WriteString("%3E")
		default:
			sb.WriteRune(r)
		}
	}
	if utf8.RuneCountInString(sb.String()) > maxLinkChars {
		return "", false
	}
	return sb.String(), true
}
