package metric

import (
	"maps"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// missingDigits looked for 余 with strings.Index(s, "余"), the reference of
// indexYu; decreased tried every cue at every rune (refDecreased).

func checkIndexYu(t *testing.T, s string) {
	t.Helper()
	if got, want := indexYu(s), strings.Index(s, "余"); got != want {
		t.Fatalf("indexYu(%q) = %d, strings.Index %d", s, got, want)
	}
}

func TestIndexYu(t *testing.T) {
	for _, s := range []string{"", "余", "a余", "余a", "\xbd", "\xe4\xbd", "\xbd\x99", "\xe4\xbd\xbd\x99余", "\xe4\xe4\xbd\x99",
		"佥余", "其余的人", "新入职余人", "剩余资金100余万元，结余余额", "\xbd余\xbd", "亿元" + "余"} {
		checkIndexYu(t, s)
	}
}

func FuzzIndexYu(f *testing.F) {
	f.Add("剩余资金100余万元，结余余额")
	f.Add("\xe4\xbd\xbd\x99余\xbd")
	f.Fuzz(checkIndexYu)
}

// refDecreased is decreased as it was, trying every cue at every rune:
// the reference of the differential tests.
//
// decreased says the clause before a percentage states a fall: 同比下降,
// 降幅超过, 缩短了. A fall "to" a level (降至, 下降到) is a level, not a change.
func refDecreased(before string) bool {
	j := len(before)
	for n := 0; j > 0 && n < 16; n++ {
		for _, w := range decreases {
			if strings.HasSuffix(before[:j], w) {
				if n >= 8 && !slices.Contains(objectCues, w) {
					continue // 下调存款准备金率: only a verb with an object reaches past 8 runes
				}
				rest := before[j:]
				if n >= 8 && strings.ContainsAny(rest, "的后後达達占佔为為是") {
					return false // the far reach stops at a level (came later)
				}
				// 破 (跌破2%) came after the replacement, 后 and 为 later
				if strings.HasPrefix(rest, "至") || strings.HasPrefix(rest, "到") || strings.HasPrefix(rest, "破") ||
					strings.HasPrefix(rest, "后") || strings.HasPrefix(rest, "後") ||
					(strings.HasPrefix(rest, "为") && !slices.Contains(magnitudeCues, w)) {
					return false
				}
				if len([]rune(w)) == 1 && !closeEnough(rest) {
					continue
				}
				return true
			}
		}
		r, size := utf8.DecodeLastRuneInString(before[:j])
		if isPunct(r) || isDigitRune(r) || r == '至' || r == '到' || r == '和' || r == '%' || r == '增' || r == '升' || r == '涨' {
			return false
		}
		if r == '为' {
			magnitude := false
			for _, w := range magnitudeCues {
				magnitude = magnitude || strings.HasSuffix(before[:j-size], w)
			}
			if !magnitude {
				return false
			}
		}
		j -= size
	}
	return false
}

func checkDecreased(t *testing.T, s string) {
	t.Helper()
	if got, want := decreased(s), refDecreased(s); got != want {
		t.Fatalf("decreased(%q) = %v, the reference %v", s, got, want)
	}
}

func TestDecreasedAgrees(t *testing.T) {
	for _, s := range []string{"", "同比下降", "同比下降了", "下降至", "降", "降了约", "降低了超过", "跌幅", "减", "增长，减少", "压降\xff", "\xff降",
		"下調", "较上年下降", "利率降了 ", "降12", "少于", "回落到", "缩减为", "放緩至", "成本降低，", "负增长为", "低" + "\xe9\x99",
		"下调金融机构存款准备金率", "降低小微企业支付手续费率", "下降金融机构存款准备金率", "下调后的一年期贷款利率为", "存款利率下调后为", "降幅为", "下降为", "降低了成本的企业贷款利率为"} {
		checkDecreased(t, s)
	}
	for _, w := range decreases {
		for _, tail := range []string{"", "了", "了约", "至", "到", "破", "为", " ", "，", "的", "\xff"} {
			checkDecreased(t, "同比"+w+tail)
			checkDecreased(t, w+tail)
		}
	}
}

func FuzzDecreased(f *testing.F) {
	f.Add("同比下降了约")
	f.Add("成本降低，负增长\xff降至")
	f.Fuzz(checkDecreased)
}

// hasForeignCode is the prefilter of appendForeignAmounts: wherever the
// regexp matches, it must say yes, or amounts in foreign currency are lost.
func checkForeignCode(t *testing.T, s string) {
	t.Helper()
	if foreignAmount.MatchString(s) && !hasForeignCode(s) {
		t.Fatalf("hasForeignCode(%q) = false, but foreignAmount matches %q", s, foreignAmount.FindString(s))
	}
}

func TestHasForeignCode(t *testing.T) {
	codes := slices.Sorted(maps.Keys(foreignCodes))
	if list := slices.Sorted(slices.Values(foreignCodeList)); !slices.Equal(list, codes) {
		t.Fatalf("foreignCodeList %q, foreignCodes' keys %q", list, codes)
	}
	for _, c := range codes {
		for _, s := range []string{c + "5亿", "约" + c + " 1,200 million", "x" + c + "3", c + "  3", c + "元", "GDP 5%", "CEO 3人", c} {
			checkForeignCode(t, s)
			if want := strings.Contains(s, c+"5") || strings.Contains(s, c+" 1") || strings.Contains(s, c+"3"); hasForeignCode(s) != want {
				t.Fatalf("hasForeignCode(%q) = %v, want %v", s, !want, want)
			}
		}
	}
}

func FuzzHasForeignCode(f *testing.F) {
	f.Add("融资USD 5 million，约RMB3亿元")
	f.Add("HK$ 12,000 bn and EURO 5")
	f.Fuzz(checkForeignCode)
}

// skipNoCapital must stop at the first eight bytes (in steps of eight
// from i) that hold an A–Z, or at the tail of fewer than eight.
func TestSkipNoCapital(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	for n := 0; n < 100000; n++ {
		b := make([]byte, rnd.Intn(40))
		for k := range b {
			switch rnd.Intn(6) {
			case 0:
				b[k] = byte(rnd.Intn(256))
			case 1:
				b[k] = byte(0x3E + rnd.Intn(0x20)) // around the capitals
			default:
				b[k] = byte(0x80 | rnd.Intn(0x80)) // a multi-byte rune's
			}
		}
		i := rnd.Intn(len(b) + 1)
		want := i
		for ; want+8 <= len(b); want += 8 {
			if slices.ContainsFunc(b[want:want+8], func(c byte) bool { return c >= 'A' && c <= 'Z' }) {
				break
			}
		}
		if got := skipNoCapital(string(b), i); got != want {
			t.Fatalf("skipNoCapital(% x, %d) = %d, want %d", b, i, got, want)
		}
	}
}
