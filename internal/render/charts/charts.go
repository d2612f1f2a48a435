// Package charts is the chart-page renderer, the last stage of bankbrief
// for the browser: its input is a *model.Report (internal/aggregate), its
// output one self-contained HTML page (reports/bankbrief.html) with
// interactive charts — banks, bank × theme, themes by quarter, money by
// theme and bank, metric types, bank → theme treemap, articles over time —
// and a drill-down table listing the articles behind any bar, cell or slice.
//
// The page works offline: Apache ECharts (vendored from the npm package
// under assets/, with its licence) is inlined, and a Content-Security-Policy
// forbids every network request and every script but the page's own. Chart
// options are built with go-echarts (this is the only package importing it)
// and, like the drill-down data, travel as JSON in
// <script type="application/json"> blocks with <, >, & and U+2028/U+2029
// escaped; article titles and sentences are only ever rendered as text.
// The same report gives a byte-identical page.
package charts

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"

	"github.com/bankbrief/bankbrief/internal/model"
)

// EChartsVersion is the version of the vendored assets/echarts.min.js.
const EChartsVersion = "6.1.0"

//go:embed assets/echarts.min.js
var echartsJS string

//go:embed page/page.html
var pageHTML string

//go:embed page/page.css
var pageCSS string

//go:embed page/page.js
var pageJS string

var pageTemplate = template.Must(template.New("page").Parse(pageHTML))

// chartBlock is one chart of the page.
type chartBlock struct {
	ID     string // DOM id of the container, fixed
	Height int    // px
	Hint   string // the line under the chart
	Empty  string // set instead of Option when there is nothing to draw
	Half   bool   // drawn half width beside another half chart
	Option template.JS
}

// stat is one headline figure of the header.
type stat struct {
	Label, Value string
}

type pageData struct {
	Lang        string
	Title       string
	Period      string
	PeriodID    string // the quarter asked for, "" for all
	Stats       []stat
	Notes       []string
	PanelTitle  string
	PanelHint   string
	Charts      []chartBlock
	Footer      []string
	NoScript    string
	CSP         string
	CSS         template.CSS
	Data        template.JS
	ECharts     template.JS
	Script      template.JS
	EChartsNote string
}

// Write renders the report to w as one HTML page.
func Write(w io.Writer, r *model.Report) error {
	if r == nil {
		return fmt.Errorf("charts: no report to render")
	}
	p, b, err := buildPage(r)
	if err != nil {
		return err
	}
	// The page is executed with a mark where the drill-down data go and the
	// data are written there as they are encoded: on a large archive they
	// are most of the page (tens of MB), and going through the template
	// would hold them in memory several times over.
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, p); err != nil {
		return fmt.Errorf("charts: rendering the page template: %w", err)
	}
	head, tail, ok := bytes.Cut(buf.Bytes(), []byte(dataMark))
	if !ok {
		return fmt.Errorf("charts: the page template lost the data mark")
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.Write(head)
	if err := b.writeDrill(bw); err != nil {
		return err
	}
	bw.Write(tail)
	return bw.Flush()
}

// dataMark stands in the executed template for the drill-down data.
const dataMark = "/*bankbrief drill-down data*/"

// buildPage assembles everything the template shows.
func buildPage(r *model.Report) (*pageData, *builder, error) {
	lang := "zh"
	if r.Lang == "en" {
		lang = "en"
	}
	t := texts(lang)
	b := newBuilder(r, lang)
	blocks := []chartBlock{
		b.banksChart(),
		b.heatChart(),
		b.quarterChart(),
		b.moneyChart(),
		b.treeChart(),
		b.typeChart(),
		b.timeChart(),
	}
	p := &pageData{
		Lang:        lang,
		Title:       t.pageTitle,
		Period:      periodText(r, t),
		PeriodID:    r.Period,
		Stats:       headerStats(r, t),
		Notes:       headerNotes(r, t),
		PanelTitle:  t.panelTitle,
		PanelHint:   t.panelHint,
		Charts:      blocks,
		Footer:      footerLines(r, t),
		NoScript:    t.noScript,
		CSS:         template.CSS(pageCSS),
		Data:        template.JS(dataMark),
		ECharts:     template.JS(echartsJS),
		Script:      template.JS(pageJS),
		EChartsNote: t.echartsNote,
	}
	// Only the two inline scripts of the page may run; nothing may be
	// fetched. ECharts writes tooltip markup with style attributes, hence
	// 'unsafe-inline' for styles only.
	p.CSP = "default-src 'none'; script-src " + scriptHash(echartsJS) + " " + scriptHash(pageJS) +
		"; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'"
	return p, b, nil
}

func scriptHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// marshalSafe encodes v as JSON fit for a <script> block: encoding/json
// escapes <, >, & and U+2028/U+2029 as \u sequences, so no "</script>" or
// "<!--" can appear, and map keys come out sorted.
func marshalSafe(v any) (string, error) {
	out, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(out), nil
}
