package charts

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/bankbrief/bankbrief/internal/model"
)

const chromiumPath = "/usr/bin/chromium"

// testDeadline bounds each browser test as a whole, Chromium's start
// included; settle bounds the wait for the page to finish drawing and
// retry the wait for a click to be answered before clicking again.
const (
	testDeadline = 120 * time.Second
	settle       = 60 * time.Second
	retry        = 5 * time.Second
)

// poll runs cond every 100 ms until it reports true, the timeout passes
// (false, nil) or the browser's deadline does (its error).
func (b *browser) poll(timeout time.Duration, cond func() (bool, error)) (bool, error) {
	end := time.Now().Add(timeout)
	for {
		ok, err := cond()
		if ok {
			return true, nil
		}
		if b.ctx.Err() != nil {
			if err == nil {
				err = b.ctx.Err()
			}
			return false, err
		}
		if time.Now().After(end) {
			return false, nil
		}
		select {
		case <-b.ctx.Done():
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// pollJS polls a JavaScript expression until it is true.
func (b *browser) pollJS(timeout time.Duration, js string) (bool, error) {
	return b.poll(timeout, func() (bool, error) {
		var ok bool
		err := chromedp.Run(b.ctx, chromedp.Evaluate(js, &ok))
		return err == nil && ok, err
	})
}

// browser is a headless Chromium tab that lets no request reach the network
// and records what the page tried and what it complained about.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string // non-file requests attempted
	errors   []string // console errors, exceptions, CSP reports
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromiumPath
	if p := os.Getenv("BANKBRIEF_CHROMIUM"); p != "" {
		path = p
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no Chromium at %s (apt-get install chromium, or set BANKBRIEF_CHROMIUM): browser test skipped", path)
	}
	// A fresh profile, removed once Chromium has exited (t.TempDir would
	// race with the browser's last writes).
	profile, err := os.MkdirTemp("", "bankbrief-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	// One generous deadline for the whole test: every wait below polls a
	// condition within it, so a slow machine only makes the test slower.
	ctx, cancelT := context.WithTimeout(ctx, testDeadline)
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx)
		cancelT()
		cancelC()
		cancelA()
		for i := 0; i < 50; i++ {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	b := &browser{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			b.note(&b.requests, ev.Request.URL)
		case *fetch.EventRequestPaused:
			u := ev.Request.URL
			go func() {
				c := cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Target)
				if isLocal(u) {
					_ = fetch.ContinueRequest(ev.RequestID).Do(c)
					return
				}
				_ = fetch.FailRequest(ev.RequestID, network.ErrorReasonBlockedByClient).Do(c)
			}()
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeWarning {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				b.note(&b.errors, "console "+string(ev.Type)+": "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			b.note(&b.errors, "exception: "+ev.ExceptionDetails.Error())
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.LevelError || ev.Entry.Level == cdplog.LevelWarning {
				b.note(&b.errors, "log "+string(ev.Entry.Source)+": "+ev.Entry.Text)
			}
		}
	})
	err = chromedp.Run(ctx,
		network.Enable(),
		network.SetBlockedURLs().WithURLPatterns([]*network.BlockPattern{{URLPattern: "http://*", Block: true}, {URLPattern: "https://*", Block: true}, {URLPattern: "ws://*", Block: true}, {URLPattern: "wss://*", Block: true}}),
		fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*"}}),
		cdplog.Enable(),
		runtime.Enable(),
	)
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return b
}

func isLocal(u string) bool {
	return strings.HasPrefix(u, "file:") || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") || strings.HasPrefix(u, "about:")
}

func (b *browser) note(list *[]string, s string) {
	if list == &b.requests && isLocal(s) {
		return
	}
	b.mu.Lock()
	*list = append(*list, s)
	b.mu.Unlock()
}

func (b *browser) check(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.requests) > 0 {
		t.Errorf("the page tried to reach the network: %q", b.requests)
	}
	if len(b.errors) > 0 {
		t.Errorf("the browser reported errors: %q", b.errors)
	}
}

// chartState is what the page reports about one drawn chart.
type chartState struct {
	ID       string `json:"id"`
	Instance bool   `json:"instance"`
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	Items    int    `json:"items"`
	Inked    int    `json:"inked"` // pixels sampled that are not background
}

const chartsStateJS = `Array.from(document.querySelectorAll('.bb-chart-box')).map(function (el) {
  var inst = echarts.getInstanceByDom(el);
  var c = el.querySelector('canvas');
  var items = 0, inked = 0;
  if (inst) {
    inst.getOption().series.forEach(function (s) { items += (s.data || []).length; });
  }
  if (c && c.width > 0 && c.height > 0) {
    var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (var i = 0; i < px.length; i += 4 * 97) {
      if (px[i + 3] > 0 && (px[i] < 235 || px[i + 1] < 235 || px[i + 2] < 235)) { inked++; }
    }
  }
  return {id: el.id, instance: !!inst, width: c ? c.width : 0, height: c ? c.height : 0, items: items, inked: inked};
})`

// barCenterJS scrolls a bar chart into view and returns the viewport
// position of the centre of bar dataIndex of series seriesIndex.
const barCenterJS = `(function (id, si, di) {
  var el = document.getElementById(id);
  el.scrollIntoView({block: 'center'});
  var inst = echarts.getInstanceByDom(el);
  var lay = inst.getModel().getSeriesByIndex(si).getData().getItemLayout(di);
  var r = el.getBoundingClientRect();
  return [r.left + lay.x + lay.width / 2, r.top + lay.y + lay.height / 2];
})`

// itemCenterJS finds the item of chart id whose selector is labelled
// label, scrolls the chart into view and returns the item's centre in the
// viewport: a bar's middle, a heatmap cell's centre, a pie slice's middle.
const itemCenterJS = `(function (id, label) {
  var data = JSON.parse(document.getElementById('bb-data').textContent);
  var el = document.getElementById(id);
  el.scrollIntoView({block: 'center'});
  var inst = echarts.getInstanceByDom(el);
  var series = inst.getOption().series;
  for (var si = 0; si < series.length; si++) {
    var items = series[si].data || [];
    for (var di = 0; di < items.length; di++) {
      if (!items[di] || data.sel[items[di].sel].label !== label) { continue; }
      var s = inst.getModel().getSeriesByIndex(si), lay = s.getData().getItemLayout(di), x, y;
      if (s.subType === 'pie') {
        var a = (lay.startAngle + lay.endAngle) / 2, r = (lay.r0 + lay.r) / 2;
        x = lay.cx + r * Math.cos(a); y = lay.cy + r * Math.sin(a);
      } else if (s.subType === 'heatmap') {
        var v = items[di].value, p = inst.convertToPixel({seriesIndex: si}, [v[0], v[1]]);
        x = p[0]; y = p[1];
      } else {
        x = lay.x + lay.width / 2; y = lay.y + lay.height / 2;
      }
      var r2 = el.getBoundingClientRect();
      return [r2.left + x, r2.top + y];
    }
  }
  return [];
})`

type drillRow struct {
	Date, Bank, Title, Href, Metrics string
}

const drillRowsJS = `Array.from(document.querySelectorAll('#bb-drill tbody tr')).map(function (tr) {
  var td = tr.querySelectorAll('td'); var a = td[2].querySelector('a');
  return {Date: td[0].textContent, Bank: td[1].textContent, Title: td[2].textContent, Href: a ? a.getAttribute('href') : '', Metrics: td[3].textContent};
})`

// open loads the page and waits until its script has run.
func (b *browser) open(t *testing.T, path string) {
	t.Helper()
	if err := chromedp.Run(b.ctx, chromedp.Navigate("file://"+path)); err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
	ok, err := b.pollJS(settle, `document.readyState === 'complete' && !!document.getElementById('bb-panel') && typeof echarts !== 'undefined'`)
	if !ok {
		t.Fatalf("loading %s: the page's script did not run within %v: %v", path, settle, err)
	}
}

// charts waits until every chart is drawn (or settle passes) and returns
// what the page reports about them.
func (b *browser) charts(t *testing.T) []chartState {
	t.Helper()
	var st []chartState
	_, err := b.poll(settle, func() (bool, error) {
		st = nil
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(chartsStateJS, &st)); err != nil {
			return false, err
		}
		for _, c := range st {
			if !c.Instance || c.Width == 0 || c.Height == 0 || c.Items == 0 || c.Inked < 20 {
				return false, nil
			}
		}
		return len(st) > 0, nil
	})
	if err != nil {
		t.Fatalf("reading the charts: %v", err)
	}
	return st
}

func (b *browser) clickBar(t *testing.T, chart string, series, index int) []drillRow {
	t.Helper()
	var xy []float64
	if err := chromedp.Run(b.ctx, chromedp.Evaluate(fmt.Sprintf("%s(%q, %d, %d)", barCenterJS, chart, series, index), &xy)); err != nil {
		t.Fatalf("locating bar %d of %s: %v", index, chart, err)
	}
	return b.clickAt(t, xy)
}

// clickItem clicks the item of a chart whose drill-down is labelled label
// and returns the drill-down's label and rows.
func (b *browser) clickItem(t *testing.T, chart, label string) (string, []drillRow) {
	t.Helper()
	var xy []float64
	if err := chromedp.Run(b.ctx, chromedp.Evaluate(fmt.Sprintf("%s(%q, %q)", itemCenterJS, chart, label), &xy)); err != nil || len(xy) != 2 {
		t.Fatalf("locating %q in %s: %v %v", label, chart, xy, err)
	}
	rows := b.clickAt(t, xy)
	var got string
	if err := chromedp.Run(b.ctx, chromedp.Text("#bb-drill-label", &got, chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	return got, rows
}

// clickAt empties the drill-down table, clicks at xy (viewport pixels) and
// returns the rows the click listed. A click that a busy page missed is
// tried again until the test's deadline.
func (b *browser) clickAt(t *testing.T, xy []float64) []drillRow {
	t.Helper()
	var rows []drillRow
	for try := 1; ; try++ {
		err := chromedp.Run(b.ctx,
			chromedp.Evaluate(`document.querySelector('#bb-drill tbody').textContent = ''`, nil),
			chromedp.MouseClickXY(xy[0], xy[1]),
		)
		if err != nil {
			t.Fatalf("clicking at %v: %v", xy, err)
		}
		ok, err := b.pollJS(retry, `(function () { var tr = document.querySelector('#bb-drill tbody tr'); return !!tr && tr.getClientRects().length > 0; })()`)
		if err != nil {
			t.Fatalf("clicking at %v (%d tries): no drill-down rows: %v", xy, try, err)
		}
		if ok {
			break
		}
	}
	if err := chromedp.Run(b.ctx, chromedp.Evaluate(drillRowsJS, &rows)); err != nil {
		t.Fatalf("reading the drill-down: %v", err)
	}
	return rows
}

func TestBrowserChartsOfflineAndDrillDown(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *model.Report
	}{
		{"sample-zh.html", buildReport("zh", seedArticles())},
		{"sample-en.html", buildReport("en", seedArticles())},
		{"many-zh.html", buildReport("zh", manyBankArticles(60))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := save(t, tc.name, render(t, tc.r))
			b := newBrowser(t)
			b.open(t, path)
			st := b.charts(t)
			if len(st) != 7 {
				t.Errorf("%d charts drawn, want 7: %+v", len(st), st)
			}
			for _, c := range st {
				if !c.Instance || c.Width == 0 || c.Height == 0 || c.Items == 0 || c.Inked < 20 {
					t.Errorf("chart %s not drawn: %+v", c.ID, c)
				}
			}
			// The top bank's articles bar lists exactly its articles.
			top := newBuilder(tc.r, tc.r.Lang).sortedBanks()[0]
			rows := b.clickBar(t, "bb-banks", 0, 0)
			if len(rows) != top.Articles {
				t.Errorf("clicking %s lists %d articles, want %d: %+v", top.Name, len(rows), top.Articles, rows)
			}
			for _, row := range rows {
				if row.Bank != top.Name || row.Title == "" || row.Date == "" {
					t.Errorf("row %+v is not an article of %s", row, top.Name)
				}
			}
			if *outDir != "" {
				var png []byte
				if err := chromedp.Run(b.ctx, chromedp.EmulateViewport(1400, 1400), chromedp.Evaluate(`window.scrollTo(0, 0)`, nil), chromedp.CaptureScreenshot(&png)); err == nil {
					save(t, strings.TrimSuffix(tc.name, ".html")+"-clicked.png", png)
				}
			}
			if tc.name == "sample-zh.html" {
				joined := fmt.Sprint(rows)
				for _, s := range []string{"广发银行用心用情用力为群众办实事", "全年减费让利约27亿元", "https://example.com/cgb/2022/0105.html"} {
					if !strings.Contains(joined, s) {
						t.Errorf("drill-down for 广发银行 lacks %q: %+v", s, rows)
					}
				}
				if strings.Contains(joined, "转载") {
					t.Error("drill-down lists the duplicate copy")
				}
				// A heatmap cell lists the bank's articles on the theme, a
				// pie slice the sentences of its metric type.
				label, rows := b.clickItem(t, "bb-heat", "广发银行 · 减费让利")
				if label != "广发银行 · 减费让利" || len(rows) != 2 {
					t.Errorf("heatmap cell 广发银行 · 减费让利: %q, %d rows, want 2: %+v", label, len(rows), rows)
				}
				label, rows = b.clickItem(t, "bb-types", "金额")
				if label != "金额" || len(rows) != 4 {
					t.Errorf("pie slice 金额: %q, %d rows, want the 4 articles with amounts: %+v", label, len(rows), rows)
				}
				for _, row := range rows {
					if strings.Contains(row.Metrics, "万户") || strings.Contains(row.Metrics, "98%") {
						t.Errorf("pie slice 金额 lists a metric of another type: %q", row.Metrics)
					}
				}
				label, rows = b.clickItem(t, "bb-money", "减费让利 · 广发银行")
				if len(rows) != 2 || !strings.Contains(fmt.Sprint(rows), "5.6亿元") {
					t.Errorf("money segment 减费让利 · 广发银行: %q, %+v", label, rows)
				}
				// The quarter tooltip gives the change on the quarter before:
				// 减费让利 had no article in 2021Q4 and one in 2022Q1.
				var tip string
				err := chromedp.Run(b.ctx, chromedp.Evaluate(`(function () {
				  var el = document.getElementById('bb-quarters');
				  el.scrollIntoView({block: 'center'});
				  var inst = echarts.getInstanceByDom(el);
				  var q = inst.getOption().xAxis[0].data.indexOf('2022Q1');
				  inst.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: q});
				  return Array.from(el.children).map(function (c) { return c.textContent; }).join('|');
				})()`, &tip))
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("tooltip: %q", tip)
				if !strings.Contains(tip, "2022Q1") || !strings.Contains(tip, "减费让利: 1篇 (较上季度 新增)") {
					t.Errorf("quarter tooltip lacks the change on 2021Q4: %q", tip)
				}
			}
			b.check(t)
		})
	}
}

func TestBrowserHostileTitlesStayText(t *testing.T) {
	r := hostileReport("zh")
	path := save(t, "hostile-zh.html", render(t, r))
	b := newBrowser(t)
	b.open(t, path)
	if st := b.charts(t); len(st) != 7 {
		t.Errorf("%d charts drawn, want 7", len(st))
	}
	// 广发银行 has the most articles: its bar lists the hostile title.
	if top := newBuilder(r, "zh").sortedBanks()[0].Name; top != "广发银行" {
		t.Fatalf("test report: top bank is %s", top)
	}
	rows := b.clickBar(t, "bb-banks", 0, 0)
	var titles, metrics []string
	for _, row := range rows {
		titles = append(titles, row.Title)
		metrics = append(metrics, row.Metrics)
	}
	if !contains(titles, hostileScript+" 广发银行") {
		t.Errorf("hostile title not shown as text: %q", titles)
	}
	if !strings.Contains(strings.Join(metrics, "\n"), hostileImg+"全年减费让利约27亿元") {
		t.Errorf("hostile sentence not shown as text: %q", metrics)
	}
	// Show every tooltip of every chart (hostile bank names included) and
	// every drill-down, then look for the flag.
	const everything = `(function () {
	  document.querySelectorAll('.bb-chart-box').forEach(function (el) {
	    var inst = echarts.getInstanceByDom(el);
	    inst.getOption().series.forEach(function (s, si) {
	      (s.data || []).forEach(function (d, di) { inst.dispatchAction({type: 'showTip', seriesIndex: si, dataIndex: di}); });
	    });
	  });
	  var data = JSON.parse(document.getElementById('bb-data').textContent);
	  for (var i = 0; i < data.sel.length; i++) { window.bankbriefShow(i); }
	  return data.sel.length;
	})()`
	var n int
	var pwned bool
	var imgs int
	// Markup that ran would set the flag at once or on an image's error
	// event, which comes within a few frames: wait for two animation
	// frames and a second more.
	err := chromedp.Run(b.ctx,
		chromedp.Evaluate(everything, &n),
		chromedp.Evaluate(`new Promise(function (ok) { requestAnimationFrame(function () { requestAnimationFrame(function () { setTimeout(ok, 1000); }); }); })`, nil, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
		chromedp.Evaluate(`typeof window.__pwned !== 'undefined'`, &pwned),
		chromedp.Evaluate(`document.querySelectorAll('img, svg, iframe').length`, &imgs),
	)
	if err != nil {
		t.Fatal(err)
	}
	if pwned {
		t.Error("a hostile title ran script: window.__pwned is set")
	}
	if imgs != 0 {
		t.Errorf("%d img/svg/iframe elements were created from text", imgs)
	}
	if n == 0 {
		t.Error("no selectors to try")
	}
	// The data view of the toolbox shows the hostile bank name as text.
	// Its icon is found among the drawn elements by its title; a click the
	// busy page missed is tried again.
	var view string
	for try := 1; ; try++ {
		var iconXY []float64
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(`(function () {
	  var el = document.getElementById('bb-banks');
	  el.scrollIntoView({block: 'center'});
	  var inst = echarts.getInstanceByDom(el);
	  var icon = inst.getZr().storage.getDisplayList().filter(function (d) { return d.__title === '数据视图'; })[0];
	  if (!icon) { return []; }
	  var b = icon.getBoundingRect().clone();
	  b.applyTransform(icon.getComputedTransform());
	  var r = el.getBoundingClientRect();
	  return [r.left + b.x + b.width / 2, r.top + b.y + b.height / 2];
	})()`, &iconXY)); err != nil || len(iconXY) != 2 {
			t.Fatalf("no data view icon: %v %v", iconXY, err)
		}
		if err := chromedp.Run(b.ctx, chromedp.MouseClickXY(iconXY[0], iconXY[1])); err != nil {
			t.Fatalf("clicking the data view icon at %v: %v", iconXY, err)
		}
		ok, err := b.pollJS(retry, `!!document.querySelector('#bb-banks textarea')`)
		if err != nil {
			t.Fatalf("opening the data view at %v (%d tries): %v", iconXY, try, err)
		}
		if ok {
			break
		}
	}
	err = chromedp.Run(b.ctx,
		chromedp.Evaluate(`document.querySelector('#bb-banks textarea').value`, &view),
		chromedp.Evaluate(`document.querySelectorAll('img, svg, iframe').length`, &imgs),
		chromedp.Evaluate(`typeof window.__pwned !== 'undefined'`, &pwned),
	)
	if err != nil {
		t.Fatalf("reading the data view: %v", err)
	}
	if !strings.Contains(view, hostileImg+"银行") {
		t.Errorf("data view does not show the hostile bank name as text: %q", view)
	}
	if pwned || imgs != 0 {
		t.Errorf("data view ran markup: pwned=%v, %d img/svg/iframe", pwned, imgs)
	}
	// The link of the javascript: URL was dropped.
	var hrefs []string
	if err := chromedp.Run(b.ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll('#bb-drill a')).map(a => a.getAttribute('href'))`, &hrefs)); err != nil {
		t.Fatal(err)
	}
	for _, h := range hrefs {
		if !strings.HasPrefix(h, "http") {
			t.Errorf("drill-down link %q", h)
		}
	}
	b.check(t)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestBrowserDrillDownRowCap: a selection of more articles than the table
// shows at once lists the first maxDrillRows by date and says how many
// there are in all.
func TestBrowserDrillDownRowCap(t *testing.T) {
	var arts []testArticle
	n := maxDrillRows + 37
	for i := 0; i < n; i++ {
		arts = append(arts, testArticle{id: fmt.Sprintf("a%04d", i), date: fmt.Sprintf("2022-%02d-%02d", 1+i%12, 1+i%28),
			bank: "中国工商银行", bankType: "large", title: fmt.Sprintf("工商银行某支行开展反诈宣传第%d场", i), themes: []string{"anti_fraud"},
			metrics: []model.Metric{{Text: "52场", Value: 52, Unit: "event", Type: "events", Qualifier: model.Exact, Theme: "anti_fraud",
				Bank: "中国工商银行", Sentence: "全年累计开展反诈宣传52场。"}}})
	}
	path := save(t, "cap-zh.html", render(t, buildReport("zh", arts)))
	b := newBrowser(t)
	b.open(t, path)
	rows := b.clickBar(t, "bb-banks", 0, 0)
	if len(rows) != maxDrillRows {
		t.Errorf("table shows %d rows, want the first %d", len(rows), maxDrillRows)
	}
	if len(rows) > 1 && rows[0].Date > rows[len(rows)-1].Date {
		t.Errorf("rows not by date: first %s, last %s", rows[0].Date, rows[len(rows)-1].Date)
	}
	var count string
	if err := chromedp.Run(b.ctx, chromedp.Evaluate(`document.getElementById('bb-drill-count').textContent`, &count)); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("共 %d 篇文章，按日期显示前 %d 篇", n, maxDrillRows); !strings.Contains(count, want) {
		t.Errorf("count line %q, want it to contain %q", count, want)
	}
	b.check(t)
}

// TestBrowserSmallAmountTooltip: a tooltip keeps a small amount's
// significant digits: 2000元 in a chart of 亿元 read "0亿元" (four decimals).
func TestBrowserSmallAmountTooltip(t *testing.T) {
	r := buildReport("zh", seedArticles())
	r.Sums = append(r.Sums, model.MetricSum{Bank: "中信银行", BankType: "joint_stock", Theme: "anti_fraud", Type: "amount", Unit: "CNY",
		Mentions: 1, Count: 1, Sum: 2000, Median: 2000, Min: 2000, Max: 2000})
	path := save(t, "small-money-zh.html", render(t, r))
	b := newBrowser(t)
	b.open(t, path)
	b.charts(t)
	var tip string
	js := `(function () {
		var c = echarts.getInstanceByDom(document.getElementById('bb-money'));
		return c.getOption().tooltip[0].formatter([{axisValueLabel: '反诈与风险防范', marker: '', seriesName: '中信银行', seriesIndex: 0,
			value: 0.00002, data: {value: 0.00002}}]);
	})()`
	if err := chromedp.Run(b.ctx, chromedp.Evaluate(js, &tip)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tip, "中信银行: 0.00002亿元") {
		t.Errorf("tooltip %q does not show 0.00002亿元", tip)
	}
	b.check(t)
}
