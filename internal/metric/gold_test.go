package metric

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

func family(u string) string {
	switch u {
	case "CNY", "USD", "EUR", "HKD", "JPY", "GBP":
		return "money"
	case "percent", "percent_point":
		return "percent"
	case "minute", "hour", "day":
		return "duration"
	}
	return "count"
}

func sameValue(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-6*math.Max(math.Abs(a), math.Abs(b))
}

func ignorable(m model.Metric) bool {
	if math.Abs(m.Value) >= 10 {
		return false
	}
	for _, r := range m.Text {
		if r >= '0' && r <= '9' {
			return false
		}
	}
	return true
}

// TestGoldDev runs Find over the title and body of every labelled article
// (read by internal/ingest) and scores it the way ../shared/tools/score.py
// does. -v lists every miss and extra.
func TestGoldDev(t *testing.T) {
	labels, shared := testutil.Gold(t)
	checkGold(t, labels, shared)
}

// TestGoldFresh does the same on testdata/fresh, 30 articles the rules
// were not written on (metrics F1 0.978, strict 0.934 before the rules
// they prompted).
func TestGoldFresh(t *testing.T) {
	labels, dir := testutil.Fresh(t)
	checkGold(t, labels, dir)
}

func checkGold(t *testing.T, labels []testutil.GoldArticle, shared string) {
	var tp, fp, fn, strict int
	for _, g := range labels {
		a, err := ingest.ReadFile(filepath.Join(shared, g.File))
		if err != nil {
			t.Fatalf("%s: %v", g.File, err)
		}
		var pred []model.Metric
		var ctx []string
		paras := strings.Split(a.Body, "\n")
		if !a.TitleFromBody {
			paras = append([]string{a.Title}, paras...)
		}
		for _, para := range paras {
			ms, _ := Find(para)
			for _, m := range ms {
				if !ignorable(m) {
					pred = append(pred, m)
					ctx = append(ctx, para)
				}
			}
		}
		used := make([]bool, len(pred))
		for _, gm := range g.Metrics {
			hit := -1
			for i, p := range pred {
				if !used[i] && family(p.Unit) == family(gm.Unit) && sameValue(p.Value, gm.Value) {
					hit = i
					break
				}
			}
			if hit < 0 {
				fn++
				t.Logf("missed %s: %s = %g %s", g.ID, gm.Text, gm.Value, gm.Unit)
				continue
			}
			used[hit] = true
			tp++
			p := pred[hit]
			if p.Type == gm.Type && p.Qualifier == gm.Qualifier {
				strict++
			} else {
				t.Logf("wrong  %s: %s want %s/%s got %s/%s (%s)", g.ID, gm.Text, gm.Type, gm.Qualifier, p.Type, p.Qualifier, p.Text)
			}
		}
		for i, p := range pred {
			if !used[i] {
				fp++
				c := ctx[i]
				r := []rune(c)
				lo, hi := max(0, p.Offset-12), min(len(r), p.Offset+len([]rune(p.Text))+8)
				t.Logf("extra  %s: %s = %g %s %s | %s", g.ID, p.Text, p.Value, p.Unit, p.Type, string(r[lo:hi]))
			}
		}
	}
	prf := func(tp, fp, fn int) float64 {
		if tp == 0 {
			return 0
		}
		p := float64(tp) / float64(tp+fp)
		r := float64(tp) / float64(tp+fn)
		return 2 * p * r / (p + r)
	}
	f1 := prf(tp, fp, fn)
	sf1 := prf(strict, fp+tp-strict, fn+tp-strict)
	t.Logf("tp=%d fp=%d fn=%d metrics_f1=%.3f strict_f1=%.3f", tp, fp, fn, f1, sf1)
	// Floors well under the measured figures (0.98 / 0.97 when written):
	// a drop below them is a regression, not noise from ingest changes.
	if f1 < 0.93 || sf1 < 0.88 {
		t.Errorf("metrics_f1 %.3f, strict %.3f: below the 0.93 / 0.88 targets", f1, sf1)
	}
}
