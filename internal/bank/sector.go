package bank

import (
	"strings"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/hanzi"
	"github.com/bankbrief/bankbrief/internal/runeset"
)

// Sector reports whether a sentence that names no bank of its own speaks of
// banks in the plural — the sector, not one bank: 银行业, 21家主要银行,
// 多家银行, 各银行, 上市银行, 全省农商银行, 辖内金融机构. Such a sentence's
// figures belong to no bank, rather than to the bank named before or after
// it or to the article's bank. A sentence that refers back to one bank (该行,
// 本行, 我行, 全行 …) is about that bank, whatever else it names: 该行联合
// 多家银行发放银团贷款; so is one that ranks a bank among a count of others
// (存贷款余额均居全市11家金融机构首位), though not the sector among others
// (中国银行业绿色信贷余额位居全球首位). A sentence that cites a
// regulator's statistics (人民银行公布的数据显示，1月居民中长期贷款7424亿元;
// 据国家统计局统计) is the sector's too, or the economy's: a bank article
// quoting them reports no figure of its bank. The sentence is folded to
// simplified characters.
func Sector(sentence string) bool {
	return SectorFolded(hanzi.Simplify(sentence))
}

// SectorFolded is Sector for a sentence already folded to simplified
// characters.
func SectorFolded(s string) bool {
	c := sectorCues(s)
	plural, one, ranked, sector, regulator, data := c.held[0], c.held[1], c.held[2], c.held[3], c.held[4], c.held[5]
	if one {
		return false
	}
	if regulator && data {
		return true
	}
	if !plural {
		return false
	}
	if sector {
		return true
	}
	if c.trade {
		return true // 银行业, but not 银行业务 (手机银行业务)
	}
	// A count of banks: 21家主要银行, 5家银行, 多家金融机构, 全省农商银行;
	// but not when they are what a bank is ranked among.
	if ranked || c.count < 0 {
		return false
	}
	for k := c.count; ; {
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

// cues is what sectorCues found in a sentence.
type cues struct {
	// by list: pluralCues, oneBank, ranking, sectorWords, regulators,
	// dataWords
	held [6]bool
	// trade: 银行业 not followed by 务 (the trade; 手机银行业务 is a bank's
	// business)
	trade bool
	// count: the byte offset of the first 家, 全 or 各, or -1
	count int
}

// sectorCues says which of the word lists s holds, and where a count of
// banks may begin, in one pass over its runes (a test of each list's words
// with strings.Contains searched the sentence some thirty times; strings.
// Index for 银行业 stopped at every rune of U+9000–U+9FFF, whose first byte
// it shares).
func sectorCues(s string) cues {
	c := cues{count: -1}
	for i := 0; i < len(s); {
		r, n := decodeRune(s, i)
		if cueRunes.Has(r) {
			for _, w := range cuesByFirst[r] {
				if !c.held[w.list] && strings.HasPrefix(s[i:], w.word) {
					c.held[w.list] = true
				}
			}
			if r == '银' && !c.trade && strings.HasPrefix(s[i:], "银行业") && !strings.HasPrefix(s[i+len("银行业"):], "务") {
				c.trade = true
			}
		}
		if c.count < 0 && (r == '家' || r == '全' || r == '各') {
			c.count = i
		}
		i += n
	}
	return c
}

type cueWord struct {
	first rune
	list  int
	word  string
}

// cueWords are the words of pluralCues, oneBank, ranking, sectorWords,
// regulators and dataWords (list 0 to 5) with their first runes.
var cueWords = func() (ws []cueWord) {
	for k, list := range [][]string{pluralCues, oneBank, ranking, sectorWords, regulators, dataWords} {
		for _, w := range list {
			c, _ := utf8.DecodeRuneInString(w)
			ws = append(ws, cueWord{c, k, w})
		}
	}
	return ws
}()

// cuesByFirst are cueWords by their first rune.
var cuesByFirst = func() map[rune][]cueWord {
	m := map[rune][]cueWord{}
	for _, w := range cueWords {
		m[w.first] = append(m[w.first], w)
	}
	return m
}()

// cueRunes holds the runes the words of cueWords begin with (all of them
// a rune of the CJK block).
var cueRunes = func() *runeset.Set {
	var s runeset.Set
	for _, w := range cueWords {
		if w.first < 0x4E00 || w.first > 0x9FFF {
			panic("bank: a cue word does not begin with a CJK character: " + w.word)
		}
		s.Add(w.first)
	}
	return &s
}()

// pluralCues are held by every word of sectorWords and bankWords, and by
// 银行业 (TestSectorPrefilter).
var pluralCues = []string{"银行", "农商行", "行业", "社", "机构", "大行"}

// oneBank are words that refer back to one bank.
var oneBank = []string{"该行", "本行", "我行", "全行", "该银行", "此行", "该分行", "该支行",
	"该农商行", "该农商银行", "该联社", "该农信社", "该村镇银行", "这家银行", "这家农商行", "这家农商银行", "这家村镇银行"}

// ranking are words that rank one among others (居全市11家金融机构首位).
var ranking = []string{"首位", "之首", "前列", "位居", "位列", "名列", "排名第", "排名首"}

// sectorWords name banks in the plural wherever they stand.
var sectorWords = []string{"上市银行", "各银行", "各家银行", "各大银行", "主要银行", "辖内银行", "辖内金融机构", "银行机构", "全行业",
	"四大行", "五大行", "六大行", "七大行", "国有大行"} // 六大行手机银行客户数总计已超16亿户

// regulators are the authorities whose statistics a sentence may cite;
// with a word of dataWords the sentence's figures are theirs, not a bank's.
// (人行 is left out: 个人行为 holds it.)
var regulators = []string{"人民银行", "央行", "金融监管总局", "金融监督管理总局", "银保监会", "银监会", "证监会", "统计局", "外汇局", "外汇管理局"}

// dataWords say that a sentence cites statistics (数据显示, 据…统计，),
// not that a bank works with data (完成央行征信数据采集切换).
var dataWords = []string{"数据显示", "数据表明", "公布的数据", "发布的数据", "公布数据", "发布数据", "统计显示", "统计，", "统计,", "的统计"}

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
