package extract

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/bank"
	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/metric"
)

// foldRunes is fold as first written, rune by rune through the builder:
// the reference the run-copying version must agree with.
func foldRunes(s string) folded {
	var b strings.Builder
	orig := make([]int32, 0, utf8.RuneCountInString(s))
	ri := int32(0)
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		if c == '(' || c == '（' {
			if m, runes := hanzi.Gloss(s, i); m > 0 {
				i += m
				ri += int32(runes)
				continue
			}
		}
		if c >= utf8.RuneSelf {
			if r := hanzi.Rune(c); r != c {
				c = r
			} else if c >= 0xFF01 && c <= 0xFF5E && !strings.ContainsRune("，。！？；：（）“”、", c) {
				if c2 := c - 0xFEE0; c2 < 0x80 && (unicode.IsLetter(c2) || unicode.IsDigit(c2) || c2 == '%' || c2 == '.') {
					c = c2
				}
			}
		}
		b.WriteRune(c)
		orig = append(orig, ri)
		ri++
		i += n
	}
	return folded{text: b.String(), orig: orig}
}

func checkFold(t *testing.T, s string) {
	t.Helper()
	got, want := fold(s), foldRunes(s)
	if got.text != want.text || !slices.Equal(got.orig, want.orig) {
		t.Fatalf("fold(%q) = %q %v, want %q %v", s, got.text, got.orig, want.text, want.orig)
	}
	var offsets []int32 // byte offset of each rune of s
	for i := range s {
		offsets = append(offsets, int32(i))
	}
	if got.runes != len(offsets) || got.valid != utf8.ValidString(s) || len(got.at) != len(got.orig) {
		t.Fatalf("fold(%q): %d runes, valid %v, %d byte offsets for %d runes", s, got.runes, got.valid, len(got.at), len(got.orig))
	}
	for k, r := range got.orig {
		if got.at[k] != offsets[r] {
			t.Fatalf("fold(%q): folded rune %d is rune %d of the original, at byte %d, not %d", s, k, r, offsets[r], got.at[k])
		}
	}
}

func TestFoldAgrees(t *testing.T) {
	for _, s := range []string{"", "a", "中國(guó)銀行", "中国（zhōng）银行", "ＡＢＣ１２３％．，。", "坏\xff字节\xe4\xb8", "\xef\xbf\xbd\xff",
		"工商銀行發放貸款100億元", "(guó)", "x(guó)", "😀銀",
		"工商银行发放贷款100亿元。", "plain ASCII (not pinyin)", "银行（说明）", "ＡＢＣ", "社會(huì ),該行", "社會（ huì　）與"} {
		checkFold(t, s)
	}
}

func FuzzFold(f *testing.F) {
	f.Add("中國(guó)銀行ＡＢＣ\xff")
	f.Add("銀行（háng）發放１００億元")
	f.Fuzz(checkFold)
}

func checkSlicer(t *testing.T, s string, cuts []byte) {
	t.Helper()
	runes := []rune(s)
	x := runeSlicer{s: s}
	for k := 0; k+1 < len(cuts); k += 2 {
		a, b := int(cuts[k])%(len(runes)+1), int(cuts[k+1])%(len(runes)+1)
		if a > b {
			a, b = b, a
		}
		if got, want := x.slice(a, b), string(runes[a:b]); got != want {
			t.Fatalf("slice(%d, %d) of %q = %q, want %q", a, b, s, got, want)
		}
	}
}

func TestRuneSlicerAgrees(t *testing.T) {
	cuts := []byte{3, 7, 0, 2, 9, 12, 1, 1, 0, 40, 5, 6}
	for _, s := range []string{"", "abc", "工行发放贷款100亿元，同比增长5%。", "😀工\u00e9行x", "坏\xff字节\xe4\xb8工行"} {
		checkSlicer(t, s, cuts)
	}
}

func FuzzRuneSlicer(f *testing.F) {
	f.Add("工行发放贷款100亿元😀\u00e9", []byte{3, 7, 0, 2, 9, 12})
	f.Add("坏\xff字节\xe4\xb8", []byte{1, 4, 0, 6})
	f.Fuzz(checkSlicer)
}

// splitCounted is split as first written, counting each sentence's and
// paragraph's runes with utf8.RuneCountInString.
func splitCounted(body string) ([]sentence, []paragraph) {
	var sents []sentence
	var paras []paragraph
	rune0 := 0
	for pstart := 0; pstart <= len(body); {
		pend := strings.IndexByte(body[pstart:], '\n')
		if pend < 0 {
			pend = len(body)
		} else {
			pend += pstart
		}
		p := paragraph{first: len(sents)}
		text := body[pstart:pend]
		pr := utf8.RuneCountInString(text)
		if t := strings.TrimSpace(text); t != "" {
			last, _ := utf8.DecodeLastRuneInString(t)
			p.heading = utf8.RuneCountInString(t) <= headingMax && !strings.ContainsRune("。！？；!?;：:，,…”」\"", last)
		}
		s, r := pstart, rune0
		for i := pstart; i < pend; {
			c, n := utf8.DecodeRuneInString(body[i:])
			i += n
			if !sentenceEnd(c) {
				continue
			}
			for i < pend {
				q, m := utf8.DecodeRuneInString(body[i:])
				if !closingQuote(q) {
					break
				}
				i += m
			}
			fig, figRune := firstFigure(body[s:i])
			sents = appendSentence(sents, body, s, i, r, len(paras), fig, figRune)
			r += utf8.RuneCountInString(body[s:i])
			s = i
		}
		fig, figRune := firstFigure(body[s:pend])
		sents = appendSentence(sents, body, s, pend, r, len(paras), fig, figRune)
		p.last = len(sents)
		paras = append(paras, p)
		rune0 += pr + 1
		pstart = pend + 1
	}
	return sents, paras
}

// firstFigure returns the byte and rune offsets of the first rune of s
// that is not metric.Silent, or -1, 0.
func firstFigure(s string) (int, int) {
	i := strings.IndexFunc(s, func(r rune) bool { return !metric.Silent(r) })
	if i < 0 {
		return -1, 0
	}
	return i, utf8.RuneCountInString(s[:i])
}

func checkSplit(t *testing.T, body string) {
	t.Helper()
	s1, p1 := split(body)
	s2, p2 := splitCounted(body)
	if !slices.Equal(s1, s2) || !slices.Equal(p1, p2) {
		t.Fatalf("split(%q) = %v %v, want %v %v", body, s1, p1, s2, p2)
	}
	// It notes the starts of the runes bank names end with, for FindAt.
	reg := bank.Default()
	_, _, at, _, _ := splitInto(body, nil, nil, false, newClassTable(reg.EndRunes()), nil)
	var want []int
	for i := 0; i < len(body); {
		c, n := utf8.DecodeRuneInString(body[i:])
		if reg.EndRunes().Has(c) {
			want = append(want, i)
		}
		i += n
	}
	if !slices.Equal(at, want) {
		t.Fatalf("splitInto(%q) notes end runes at %v, want %v", body, at, want)
	}
	if got, want := reg.FindAt(body, at), reg.Find(body); !reflect.DeepEqual(got, want) {
		t.Fatalf("bank.FindAt(%q) = %v, Find %v", body, got, want)
	}
	// Extract skips metric.Find on a sentence without figures (it must find
	// nothing there), and reads the others from their first figure on.
	for _, s := range s1 {
		text := body[s.start:s.end]
		if ms, ws := metric.Find(text); s.fig < 0 && (len(ms) > 0 || len(ws) > 0) {
			t.Fatalf("sentence %q has no figures, but metric.Find finds %v %v", text, ms, ws)
		}
	}
}

func TestSplitAgrees(t *testing.T) {
	long := strings.Repeat("工商银行", 11)
	for _, s := range []string{"", "\n", "工行发放贷款。“好！”他说；\n\n标题\n" + long + "\n" + long[:39] + "x", "坏\xff字节。\xe4\xb8\n“引”）。",
		strings.Repeat("a", 40), strings.Repeat("a", 41), strings.Repeat("工", 40), strings.Repeat("工", 41), strings.Repeat("\xff", 100) + "\n" + strings.Repeat("\xff", 170),
		"新入职余人。发放贷款３亿元！无数字的句子；减免手续费约二十万元\n第一，千家万户", "工行深圳分行。）中国银行（香港）”！建行)\n𠀀银行"} {
		checkSplit(t, s)
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("工行发放贷款。“好！”他说；\n\n标题\n坏\xff字节")
	f.Fuzz(checkSplit)
}
