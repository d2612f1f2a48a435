package bank

import (
	"strings"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// Sector reports whether a sentence that names no bank of its own speaks of
// banks in the plural — the sector, not one bank: 银行业, 21家主要银行,
// 多家银行, 各银行, 上市银行, 全省农商银行, 辖内金融机构. Such a sentence's
// figures belong to no bank, rather than to the bank named before or after
// it or to the article's bank. A sentence that refers back to one bank (该行,
// 本行, 我行, 全行 …) is about that bank, whatever else it names: 该行联合
// 多家银行发放银团贷款; so is one that ranks a bank among a count of others
// (存贷款余额均居全市11家金融机构首位), though not the sector among others
// (中国银行业绿色信贷余额位居全球首位). The sentence is folded to simplified
// characters.
func Sector(sentence string) bool {
	return SectorFolded(hanzi.Simplify(sentence))
}

// SectorFolded is Sector for a sentence already folded to simplified
// characters.
func SectorFolded(s string) bool {
	// Every word for banks in the plural holds one of these: most
	// sentences hold none.
	found := false
	for _, w := range pluralCues {
		if strings.Contains(s, w) {
			found = true
			break
		}
	}
	if !found {
		return false
	}
	for _, w := range oneBank {
		if strings.Contains(s, w) {
			return false
		}
	}
	ranked := false
	for _, w := range ranking {
		if strings.Contains(s, w) {
			ranked = true
			break
		}
	}
	for _, w := range sectorWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	// 银行业, but not 银行业务 (手机银行业务).
	for k := 0; ; {
		j := strings.Index(s[k:], "银行业")
		if j < 0 {
			break
		}
		k += j + len("银行业")
		if !strings.HasPrefix(s[k:], "务") {
			return true
		}
	}
	// A count of banks: 21家主要银行, 5家银行, 多家金融机构, 全省农商银行;
	// but not when they are what a bank is ranked among.
	if ranked {
		return false
	}
	for k := 0; ; {
		j := strings.IndexAny(s[k:], "家全各")
		if j < 0 {
			return false
		}
		j += k
		r, size := utf8.DecodeRuneInString(s[j:])
		k = j + size
		switch r {
		case '家':
			if !countBefore(s[:j]) {
				continue
			}
		case '全':
			// 全国, 全省 …, but not 全国首家 (the first in the country).
			r, size := utf8.DecodeRuneInString(s[k:])
			if !strings.ContainsRune("国省市区县", r) {
				continue
			}
			if rest := s[k+size:]; strings.HasPrefix(rest, "首") || strings.HasPrefix(rest, "第一") || strings.HasPrefix(rest, "唯一") {
				continue
			}
		}
		if banksWithin(s[k:], 8) {
			return true
		}
	}
}

// pluralCues are held by every word of sectorWords and bankWords, and by
// 银行业 (TestSectorPrefilter).
var pluralCues = []string{"银行", "农商行", "行业", "社", "机构"}

// oneBank are words that refer back to one bank.
var oneBank = []string{"该行", "本行", "我行", "全行", "该银行", "此行", "该分行", "该支行"}

// ranking are words that rank one among others (居全市11家金融机构首位).
var ranking = []string{"首位", "之首", "前列", "位居", "位列", "名列", "排名第", "排名首"}

// sectorWords name banks in the plural wherever they stand.
var sectorWords = []string{"上市银行", "各银行", "各家银行", "各大银行", "主要银行", "辖内银行", "辖内金融机构", "银行机构", "全行业"}

// countBefore reports whether the text before 家 ends in a count: digits
// or a Chinese numeral (十, 两, 几, 多, 数, 各 …), but not 一 alone (一家银行
// is one bank).
func countBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r >= '0' && r <= '9' || strings.ContainsRune("二三四五六七八九十百千两几多数各余", r)
}

// banksWithin reports whether a word for banks (银行, 农商行, 金融机构 …)
// starts within the first n runes of s.
func banksWithin(s string, n int) bool {
	for i := range s {
		if n < 0 {
			return false
		}
		n--
		for _, w := range bankWords {
			if strings.HasPrefix(s[i:], w) {
				return true
			}
		}
	}
	return false
}

// bankWords are the words for a bank that a count or 全省 may govern.
var bankWords = []string{"银行", "农商行", "农信社", "信用社", "金融机构", "村镇银行"}
