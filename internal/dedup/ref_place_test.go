package dedup

// placeOf as it was at commit 5eabee5, before the runes were decoded and
// classified inline and hashed without a closure (TestPlaceOfReference,
// FuzzPlaceOfReference in ref_place_test.go).

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/model"
)

// refPlaceOf names where a figure stands, as a 64-bit hash: up to
// placeContext runes of its sentence before it (digits and spaces left
// out, so that dates and other numbers moved by a re-run do not count),
// the figure's own words without its digits (约…亿元) and its unit;
// traditional characters are read as simplified, so a copy converted from
// one script to the other agrees.
func refPlaceOf(m model.Metric) uint64 {
	before := m.Sentence
	if i := strings.Index(m.Sentence, m.Text); i >= 0 {
		before = m.Sentence[:i]
	}
	var ctx [placeContext]rune
	n := 0
	for len(before) > 0 && n < placeContext {
		r, size := utf8.DecodeLastRuneInString(before)
		before = before[:len(before)-size]
		if unicode.IsDigit(r) || unicode.IsSpace(r) || r == '.' {
			continue
		}
		ctx[n] = simplified(r)
		n++
	}
	h := newHash()
	add := func(r rune) {
		for x := uint32(r); ; x >>= 8 {
			h.addByte(byte(x))
			if x < 0x100 {
				break
			}
		}
	}
	for k := n - 1; k >= 0; k-- {
		add(ctx[k])
	}
	add('|')
	for _, r := range m.Text {
		if !unicode.IsDigit(r) && r != '.' {
			add(simplified(r))
		}
	}
	add('|')
	for _, r := range m.Unit {
		add(r)
	}
	return uint64(h)
}

// placePieces are the bits the random sentences of TestPlaceOfReference
// are made of: Han characters (simplified and traditional), digits
// (ASCII, full-width, Arabic-Indic), spaces, a decimal point, units,
// letters, and runes of one to four bytes, valid and not.
var placePieces = []string{"贷款", "餘額", "增长", "约", "亿元", "万户", "1", "23", "4.5", "１２", "٣", " ", "\u3000", "\t", ".", "%", "，", "Ａ", "x",
	"é", "𠀀", "\xff", "\xe4\xb8", "\xed\xa0\x80", "\xe0\x80\xaf", "\xef\xbf\xbd", "较上年", "同比"}

// TestPlaceOfReference checks placeOf against the reference on random
// figures: the figure's text inside its sentence, or not in it, and with
// odd runes before it.
func TestPlaceOfReference(t *testing.T) {
	rnd := rand.New(rand.NewSource(5))
	text := func(n int) string {
		var b strings.Builder
		for range rnd.Intn(n) {
			b.WriteString(placePieces[rnd.Intn(len(placePieces))])
		}
		return b.String()
	}
	for i := 0; i < 20000; i++ {
		m := model.Metric{Text: text(4), Unit: []string{"CNY", "person", "户", ""}[rnd.Intn(4)]}
		m.Sentence = text(12) + m.Text + text(6)
		if i%7 == 0 {
			m.Sentence = text(12) // the text not in the sentence
		}
		if got, want := placeOf(m), refPlaceOf(m); got != want {
			t.Fatalf("placeOf(%q in %q, %q) = %x, the reference %x", m.Text, m.Sentence, m.Unit, got, want)
		}
	}
}

// FuzzPlaceOfReference compares placeOf with the reference.
func FuzzPlaceOfReference(f *testing.F) {
	f.Add("截至2023年末，该行普惠贷款餘額约12.5亿元，较上年增长", "约12.5亿元", "CNY")
	f.Add("\xff\xe4\xb8 1２٣. 𠀀x", "1２", "")
	f.Fuzz(func(t *testing.T, sentence, text, unit string) {
		m := model.Metric{Sentence: sentence, Text: text, Unit: unit}
		if got, want := placeOf(m), refPlaceOf(m); got != want {
			t.Fatalf("placeOf(%q in %q, %q) = %x, the reference %x", text, sentence, unit, got, want)
		}
	})
}
