package bank

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

// SectorFolded looked for each word of its lists with strings.Contains
// until sectorCues found them all in one pass: the reference.

func refSectorFolded(s string) bool {
	// A regulator's statistics (the rule came after the replacement),
	// unless the sentence refers back to one bank.
	if refRegulator.MatchString(s) && refData.MatchString(s) && !refOneBank.MatchString(s) {
		return true
	}
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

// sectorSentences returns test sentences: our own, and the sentences of
// the seeds and the shared corpus (when present), cut at 。！？；.
func sectorSentences(t *testing.T) []string {
	out := []string{
		"该行联合多家银行发放银团贷款。", "全省农商银行累计投放贷款120亿元。",
		"存贷款余额均居全市11家金融机构首位。", "手机银行业务交易额增长30%。",
		"中国银行业绿色信贷余额位居全球首位。", "辖内金融机构新增贷款5亿元。",
		"各银行\xff上市银行", "\xe9\x93银行业", "全国首家银行", "3家村镇银行", "社区",
	}
	for _, dir := range []string{testutil.Seeds(t), filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus")} {
		ps, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, p := range ps {
			b, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			out = append(out, strings.FieldsFunc(string(b), func(r rune) bool { return strings.ContainsRune("。！？；\n", r) })...)
		}
	}
	return out
}

// TestSectorCuesAgree compares SectorFolded with the reference.
func TestSectorCuesAgree(t *testing.T) {
	n := 0
	for _, s := range sectorSentences(t) {
		got, want := SectorFolded(s), refSectorFolded(s)
		if got != want {
			t.Fatalf("SectorFolded(%q) = %v, the reference %v", s, got, want)
		}
		if got {
			n++
		}
	}
	if n == 0 {
		t.Error("no sentence about the sector")
	}
}

// FuzzSectorCues compares SectorFolded with the reference on any text.
func FuzzSectorCues(f *testing.F) {
	f.Add("该行联合多家银行发放银团贷款。")
	f.Add("全省农商银行\xe9\x93银行业务上市银行位居首位")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := SectorFolded(s), refSectorFolded(s); got != want {
			t.Fatalf("SectorFolded(%q) = %v, the reference %v (valid %v)", s, got, want, utf8.ValidString(s))
		}
	})
}

// refRegulator, refData and refOneBank are the regulator-statistics rule's
// words, written as regular expressions.
var (
	refRegulator = regexp.MustCompile(`人民银行|央行|金融监管总局|金融监督管理总局|银保监会|银监会|证监会|统计局|外汇局|外汇管理局`)
	refData      = regexp.MustCompile(`数据(?:显示|表明)|(?:公布|发布)的?数据|统计(?:显示|，|,)|的统计`)
	refOneBank   = regexp.MustCompile(`该行|本行|我行|全行|该银行|此行|该分行|该支行`)
)
