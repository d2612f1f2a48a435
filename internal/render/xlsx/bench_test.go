package xlsx

import (
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bankbrief/bankbrief/internal/model"
)

// synthetic builds a report of nArticles articles with perArticle metrics
// each, spread over banks, themes and eight quarters, in the shape
// internal/aggregate gives (sums recomputed from the metric rows).
func synthetic(nArticles, perArticle, nBanks int) *model.Report {
	r := &model.Report{Lang: "zh", Generated: "2023-12-31", FirstDate: "2022-01-01", LastDate: "2023-12-31"}
	types := []struct{ typ, unit, text string }{
		{"amount", "CNY", "约%d万元"}, {"customers", "household", "%d户"}, {"outlets", "outlet", "%d家网点"},
		{"events", "event", "近%d场"}, {"percent", "percent", "%d%%"},
	}
	type key struct{ bank, theme, typ, unit string }
	sums := map[key]*model.MetricSum{}
	banks := map[string]*model.BankRow{}
	bt := map[[2]string]*model.BankThemeCell{}
	trend := map[[3]string]*model.TrendCell{}
	for a := 0; a < nArticles; a++ {
		bank := fmt.Sprintf("测试农商银行%04d", a%nBanks)
		theme := model.Themes[a%len(model.Themes)].ID
		date := fmt.Sprintf("%d-%02d-%02d", 2022+a%2, 1+a%12, 1+a%28)
		q := model.Quarter(date)
		id := fmt.Sprintf("web_%07d", a)
		title := fmt.Sprintf("%s扎实推进“我为群众办实事”实践活动（第%d篇）", bank, a)
		url := fmt.Sprintf("https://news.example.cn/%s/%s.html", date, id)
		r.Articles = append(r.Articles, model.ArticleRow{ID: id, File: "corpus/web/" + id + ".txt", Title: title, URL: url, Date: date, Quarter: q,
			Source: "中国城市网", PrimaryBank: bank, BankType: "rural", Themes: []string{theme, "party_building"}, Metrics: perArticle})
		br := banks[bank]
		if br == nil {
			br = &model.BankRow{Name: bank, Type: "rural"}
			banks[bank] = br
		}
		br.Articles++
		c := bt[[2]string{bank, theme}]
		if c == nil {
			c = &model.BankThemeCell{Bank: bank, Theme: theme}
			bt[[2]string{bank, theme}] = c
		}
		c.Articles++
		for _, tk := range [][3]string{{q, "theme", theme}, {q, "bank", bank}} {
			tc := trend[tk]
			if tc == nil {
				tc = &model.TrendCell{Quarter: tk[0], Kind: tk[1], Key: tk[2]}
				trend[tk] = tc
			}
			tc.Articles++
			tc.Metrics += perArticle
		}
		for m := 0; m < perArticle; m++ {
			t := types[m%len(types)]
			v := float64(10 + (a*7+m*13)%990)
			value := v
			if t.unit == "CNY" {
				value = v * 1e4
			}
			repeat := m == perArticle-1 && perArticle > len(types)
			why := model.Summed
			if repeat {
				why = model.SameFigure
			}
			text := fmt.Sprintf(t.text, int(v))
			r.Metrics = append(r.Metrics, model.MetricRow{
				Metric: &model.Metric{Text: text, Value: value, Unit: t.unit, Type: t.typ, Qualifier: model.Approx, Theme: theme, Bank: bank,
					Sentence: "该行今年以来累计开展活动" + text + "，惠及周边群众，受到广泛好评。", Offset: 40 * m},
				ArticleRow: &model.ArticleRow{ID: id, Title: title, URL: url, Date: date, Quarter: q, File: "corpus/web/" + id + ".txt"},
				BankName:   bank, BankType: "rural", Why: why,
			})
			k := key{bank, theme, t.typ, t.unit}
			s := sums[k]
			if s == nil {
				s = &model.MetricSum{Bank: bank, BankType: "rural", Theme: theme, Type: t.typ, Unit: t.unit, Min: value, Max: value}
				sums[k] = s
			}
			s.Mentions++
			if !repeat {
				s.Count++
				if t.unit != "percent" {
					s.Sum += value
				}
				s.Median = value
				s.Min, s.Max = min(s.Min, value), max(s.Max, value)
			}
		}
		br.Metrics += perArticle
	}
	for _, s := range sums {
		r.Sums = append(r.Sums, *s)
	}
	sort.Slice(r.Sums, func(i, j int) bool {
		a, b := r.Sums[i], r.Sums[j]
		if a.Bank != b.Bank {
			return a.Bank < b.Bank
		}
		if a.Theme != b.Theme {
			return a.Theme < b.Theme
		}
		return a.Type < b.Type
	})
	for _, b := range banks {
		r.Banks = append(r.Banks, *b)
	}
	sort.Slice(r.Banks, func(i, j int) bool { return r.Banks[i].Name < r.Banks[j].Name })
	for _, c := range bt {
		r.BankTheme = append(r.BankTheme, *c)
	}
	sort.Slice(r.BankTheme, func(i, j int) bool {
		return r.BankTheme[i].Bank+r.BankTheme[i].Theme < r.BankTheme[j].Bank+r.BankTheme[j].Theme
	})
	for _, c := range trend {
		r.Trend = append(r.Trend, *c)
	}
	sort.Slice(r.Trend, func(i, j int) bool {
		a, b := r.Trend[i], r.Trend[j]
		return a.Kind+a.Key+a.Quarter < b.Kind+b.Key+b.Quarter
	})
	for _, t := range model.Themes {
		r.Themes = append(r.Themes, model.ThemeRow{ID: t.ID, Frame: t.ID == model.FrameTheme, Articles: nArticles / len(model.Themes), PrevArticles: -1})
	}
	r.Quarters = []string{"2022Q1", "2022Q2", "2022Q3", "2022Q4", "2023Q1", "2023Q2", "2023Q3", "2023Q4"}
	r.Counts = model.Counts{Files: nArticles, Articles: nArticles, Used: nArticles, Banks: len(banks), Metrics: len(r.Metrics)}
	return r
}

// byteCounter counts the bytes written.
type byteCounter int64

func (c *byteCounter) Write(p []byte) (int, error) { *c += byteCounter(len(p)); return len(p), nil }

// BenchmarkWrite500k writes a workbook of 500,000 metric rows (50,000
// articles, 2,000 banks); BenchmarkWrite100k one fifth of that. They report
// the live heap (as of each garbage collection, runtime/metrics
// /gc/heap/live:bytes) before the write, which is the report itself, and its
// peak during the write: the difference is what the writer holds, and it
// must not grow with the number of rows; and the CPU seconds of the write
// on all goroutines (cpu-s), steadier than the time on a busy machine. Run
// with:
//
//	go test -run '^$' -bench Write -benchtime 1x ./internal/render/xlsx/
func BenchmarkWrite500k(b *testing.B) { benchWrite(b, 50000) }

func BenchmarkWrite100k(b *testing.B) { benchWrite(b, 10000) }

func benchWrite(b *testing.B, articles int) {
	r := synthetic(articles, 10, 2000)
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	base := live[0].Value.Uint64()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var peak atomic.Uint64
		done := make(chan struct{})
		stopped := make(chan struct{})
		go func() {
			defer close(stopped)
			s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
			for {
				select {
				case <-done:
					return
				case <-time.After(10 * time.Millisecond):
					metrics.Read(s)
					if v := s[0].Value.Uint64(); v > peak.Load() {
						peak.Store(v)
					}
				}
			}
		}()
		var n byteCounter
		cpu := ProcessCPU()
		if err := Write(&n, r); err != nil {
			b.Fatal(err)
		}
		cpu = ProcessCPU() - cpu
		close(done)
		<-stopped
		b.ReportMetric(float64(base)/(1<<20), "report-live-MB")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-live-MB")
		b.ReportMetric(float64(n)/(1<<20), "xlsx-MB")
		b.ReportMetric(float64(len(r.Metrics)), "metric-rows")
		b.ReportMetric(cpu.Seconds(), "cpu-s")
	}
}

// BenchmarkWriteFixture writes the small fixture workbook.
func BenchmarkWriteFixture(b *testing.B) {
	r := fixture()
	for i := 0; i < b.N; i++ {
		if err := Write(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}
