package extract

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// Targets on the dev gold set (../shared/gold/dev.jsonl), scored the way
// ../shared/tools/score.py scores them.
const (
	wantBank   = 0.95
	wantThemes = 0.80
)

var scorerProvinces = []string{"北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
	"安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
	"四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆"}

// bankKey is score.py's bank_key: the spelling differences that carry no
// meaning taken out (its length tests count characters, as Python does).
func bankKey(name string) string {
	n := strings.TrimSpace(name)
	for _, s := range []string{"股份有限公司", "有限责任公司", "有限公司"} {
		if strings.HasSuffix(n, s) {
			n = strings.TrimSuffix(n, s)
			break
		}
	}
	n = strings.ReplaceAll(n, "农村商业银行", "农商银行")
	if strings.HasPrefix(n, "中国") && utf8.RuneCountInString(n) > 4 {
		n = strings.TrimPrefix(n, "中国")
	}
	for _, p := range scorerProvinces {
		for _, head := range []string{p + "省", p} {
			rest, ok := strings.CutPrefix(n, head)
			if ok && utf8.RuneCountInString(rest) > 4 && !strings.HasPrefix(rest, "农商") && !strings.HasPrefix(rest, "农村") && !strings.HasPrefix(rest, "省") {
				return rest
			}
		}
	}
	return n
}

// TestGoldDev extracts every labelled article of ../shared and checks the
// primary-bank accuracy and the themes F1 against the targets. -v lists the
// misses.
func TestGoldDev(t *testing.T) {
	labels, shared := testutil.Gold(t)
	checkGold(t, labels, shared)
}

// TestGoldFresh does the same on testdata/fresh, 30 articles the rules
// were not written on.
func TestGoldFresh(t *testing.T) {
	labels, dir := testutil.Fresh(t)
	checkGold(t, labels, dir)
}

func checkGold(t *testing.T, labels []testutil.GoldArticle, shared string) {
	x := New()
	var n, bankOK, tp, fp, fn int
	for _, g := range labels {
		a, err := ingest.ReadFile(filepath.Join(shared, g.File))
		if err != nil {
			t.Errorf("%s: %v", g.File, err)
			continue
		}
		facts := x.Extract(a)
		n++
		want := map[string]bool{bankKey(g.PrimaryBank): true}
		for _, al := range g.BankAliases {
			want[bankKey(al)] = true
		}
		if want[bankKey(facts.PrimaryBank)] {
			bankOK++
		} else {
			t.Logf("bank   %s: want %q got %q", g.ID, g.PrimaryBank, facts.PrimaryBank)
		}
		gt := map[string]bool{}
		for _, id := range g.Themes {
			gt[id] = true
		}
		pt := map[string]bool{}
		for _, th := range facts.Themes {
			pt[th.ID] = true
		}
		var miss, extra []string
		for id := range gt {
			if pt[id] {
				tp++
			} else {
				fn++
				miss = append(miss, id)
			}
		}
		for id := range pt {
			if !gt[id] {
				fp++
				extra = append(extra, id)
			}
		}
		if len(miss)+len(extra) > 0 {
			t.Logf("themes %s: missing %v extra %v", g.ID, miss, extra)
		}
	}
	if n == 0 {
		t.Fatal("no gold lines read")
	}
	bank := float64(bankOK) / float64(n)
	p := float64(tp) / float64(max(tp+fp, 1))
	r := float64(tp) / float64(max(tp+fn, 1))
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	t.Logf("%d articles: bank=%.3f themes P=%.3f R=%.3f F1=%.3f", n, bank, p, r, f1)
	if bank < wantBank {
		t.Errorf("primary bank accuracy %.3f < %.2f", bank, wantBank)
	}
	if f1 < wantThemes {
		t.Errorf("themes F1 %.3f < %.2f", f1, wantThemes)
	}
}
