// Package brief renders a model.Report as the PDF summary brief: the last
// stage of the pipeline for one of its three outputs. Input: the
// *model.Report of internal/aggregate; output: an A4 PDF of 2–6 pages in
// Chinese (default) or English (Report.Lang "en") with a title block,
// key-figure tiles, vector bar charts, a bank × theme table, highlighted
// figures with their sentences, a data-quality note and a method note.
//
// The words come from the editable templates/brief.zh.tmpl and
// templates/brief.en.tmpl; the embedded font is a subset of LXGW WenKai
// (fonts/README.md). It is the only package that imports gofpdf. Lines are
// broken here (wrap), not by gofpdf's MultiCell, which drops the character
// at each break in CJK text. The same report gives byte-identical output.
package brief

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"github.com/bankbrief/bankbrief/internal/model"
)

// Options tune the brief.
type Options struct {
	// FontFile is a TrueType font (.ttf, glyf outlines) to use instead of the
	// embedded one, for regular and bold text alike.
	FontFile string
	// Warn receives each warning, such as a character the font lacks (shown
	// as □ or ?). When nil, warnings are printed to standard error.
	Warn func(string)
}

// Page geometry, in millimetres.
const (
	pageW, pageH  = 210.0, 297.0
	marginL       = 18.0
	marginR       = 18.0
	contentTop    = 20.0
	contentBottom = pageH - 18.0
	contentW      = pageW - marginL - marginR
)

// Colours.
type rgb [3]int

var (
	colInk    = rgb{33, 37, 41}
	colGrey   = rgb{108, 117, 125}
	colLight  = rgb{236, 241, 247}
	colRule   = rgb{206, 212, 218}
	colNavy   = rgb{24, 62, 110}
	colAccent = rgb{0, 118, 138}
	colMuted  = rgb{173, 181, 189}
	colUp     = rgb{25, 135, 84}
	colDown   = rgb{200, 55, 45}
	colWhite  = rgb{255, 255, 255}
	// bank types, in model.BankTypes order
	typeColours = []rgb{{24, 62, 110}, {0, 118, 138}, {214, 120, 30}, {80, 150, 60}, {150, 90, 160}, {190, 70, 90}, {120, 120, 60}, {90, 110, 130}}
)

// style is a font choice.
type style struct {
	size float64 // points
	bold bool
	col  rgb
}

// doc is one brief being written.
type doc struct {
	pdf       *gofpdf.Fpdf
	r         *model.Report
	n         *narrative
	lang      string
	tmpl      *template.Template
	reg, bold *face
	y         float64
	chartX    float64 // left edge of the bars of the last chart
	labelW    float64 // width of the label column of the charts
	warn      func(string)
	missing   map[rune]bool
	err       error
}

// Write renders the report to w as a PDF.
func Write(w io.Writer, r *model.Report, opt Options) (err error) {
	if r == nil {
		return errors.New("brief: no report to render")
	}
	lang := "zh"
	if r.Lang == "en" {
		lang = "en"
	}
	reg, bold, err := loadFonts(opt.FontFile)
	if err != nil {
		return err
	}
	tmpl, err := loadTemplates(lang)
	if err != nil {
		return err
	}
	warn := opt.Warn
	if warn == nil {
		warn = func(s string) { fmt.Fprintln(os.Stderr, "bankbrief: brief:", s) }
	}
	d := &doc{r: r, lang: lang, tmpl: tmpl, reg: reg, bold: bold, warn: warn, missing: map[rune]bool{}}
	d.n = newNarrative(r, lang)
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("brief: the PDF writer failed (%v); if you gave -font, try another TrueType font", p)
		}
	}()
	if err := d.setup(); err != nil {
		return err
	}
	d.render()
	if d.err != nil {
		return d.err
	}
	if n := len(d.missing) - maxGlyphWarnings; n > 0 {
		d.warn(fmt.Sprintf("%d more characters the font lacks are shown as %s; give a font with Chinese characters with -font", n, d.placeholder(d.reg)))
	}
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("brief: %w", err)
	}
	var b bytes.Buffer
	if err := d.pdf.Output(&b); err != nil {
		return fmt.Errorf("brief: %w", err)
	}
	_, err = w.Write(d.tagFonts(b.Bytes()))
	return err
}

// tagFonts names the embedded fonts as the subsets they are: gofpdf embeds
// only the glyphs used but names the font "utf8" + family, without the
// six-letter tag ("ABCDEF+BriefKai-Regular") that tells PDF readers a font
// is a subset. The replacement has the same length, so the cross-reference
// offsets hold; the tag derives from the document, so it is reproducible.
func (d *doc) tagFonts(pdf []byte) []byte {
	sum := sha256.Sum256(pdf)
	for i, f := range []*face{d.reg, d.bold} {
		old := []byte("/utf8" + d.family(f))
		tag := make([]byte, 6)
		for j := range tag {
			tag[j] = 'A' + sum[6*i+j]%26
		}
		pdf = bytes.ReplaceAll(pdf, old, []byte("/"+string(tag)+"+"+f.psName))
	}
	return pdf
}

// maxGlyphWarnings is how many missing characters are named one by one.
const maxGlyphWarnings = 8

// CheckFont says whether file is a TrueType font the brief can embed, so
// that a command can reject a bad -font before doing any work.
func CheckFont(file string) error {
	_, _, err := loadFonts(file)
	return err
}

// reportTime is the date of the PDF's metadata: the day it was made when
// given (SOURCE_DATE_EPOCH), else the latest article's date.
func reportTime(r *model.Report) time.Time {
	for _, s := range []string{r.Generated, r.DataUpTo, r.LastDate} {
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return t
		}
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

func (d *doc) setup() error {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	d.pdf = pdf
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	t := reportTime(d.r)
	pdf.SetCreationDate(t)
	pdf.SetModificationDate(t)
	pdf.SetProducer("bankbrief", false)
	pdf.SetCreator("bankbrief", false)
	pdf.SetTitle(d.text("title", d.n), true)
	pdf.SetSubject(d.text("period", d.n), true)
	pdf.AliasNbPages("{nb}")
	pdf.AddUTF8FontFromBytes(d.family(d.reg), "", d.reg.data)
	pdf.AddUTF8FontFromBytes(d.family(d.bold), "", d.bold.data)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("brief: cannot load the font: %w", err)
	}
	pdf.SetFont(d.family(d.reg), "", 10)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("brief: the PDF writer could not read the font: %w; give another TrueType font with -font", err)
	}
	pdf.SetMargins(marginL, contentTop, marginR)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0)
	pdf.SetLineCapStyle("butt")
	pdf.SetHeaderFunc(d.header)
	pdf.SetFooterFunc(d.footer)
	return d.err
}

// ---- text primitives ----

// prep replaces each character the font lacks, warning once
// per character. It says whether a bold string must fall back to the
// regular face (which has more characters).
func (d *doc) prep(s string, bold bool) (string, bool) {
	f := d.reg
	if bold {
		f = d.bold
		for _, r := range s {
			if !d.bold.has(r) && d.reg.has(r) {
				bold, f = false, d.reg
				break
			}
		}
	}
	var b strings.Builder
	for _, r := range s {
		if r == ' ' || (r <= 0xFFFF && f.has(r)) {
			b.WriteRune(r)
			continue
		}
		if !d.missing[r] {
			d.missing[r] = true
			if len(d.missing) <= maxGlyphWarnings {
				d.warn(fmt.Sprintf("the font has no glyph for %q (U+%04X); shown as %s", string(r), r, d.placeholder(f)))
			}
		}
		b.WriteString(d.placeholder(f))
	}
	return b.String(), bold
}

// placeholder is the visible stand-in for a missing character.
func (d *doc) placeholder(f *face) string {
	if f.has('□') {
		return "□"
	}
	return "?"
}

// family is the name a face is registered under with gofpdf, which writes
// it as the font's PDF name behind "utf8"; see tagFonts.
func (d *doc) family(f *face) string { return familyPrefix + strings.ToLower(f.psName) }

// familyPrefix pads the PDF font name so that "utf8" + familyPrefix is as
// long as a subset tag ("ABCDEF+").
const familyPrefix = "sub"

func (d *doc) setStyle(st style) {
	f := d.reg
	if st.bold {
		f = d.bold
	}
	d.pdf.SetFont(d.family(f), "", st.size)
	d.pdf.SetTextColor(st.col[0], st.col[1], st.col[2])
}

// measure is the width of s in millimetres.
func (d *doc) measure(s string, st style) float64 {
	s, st.bold = d.prep(s, st.bold)
	d.setStyle(st)
	return d.pdf.GetStringWidth(s)
}

func (d *doc) measurer(st style) func(string) float64 {
	return func(s string) float64 { return d.measure(s, st) }
}

// cell writes one line of text in the box x, y, w, h (align L, C or R),
// shortened with an ellipsis when it does not fit.
func (d *doc) cell(x, y, w, h float64, s string, align string, st style) {
	d.link(x, y, w, h, s, align, st, "")
}

// link is cell with a link target.
func (d *doc) link(x, y, w, h float64, s string, align string, st style, url string) {
	s = truncate(clean(s), w, d.measurer(st))
	s, st.bold = d.prep(s, st.bold)
	d.setStyle(st)
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(w, h, s, "", 0, align+"M", false, 0, url)
}

// lineHeight is the line pitch for a font size, in millimetres.
func lineHeight(size float64) float64 { return size * 0.3528 * 1.45 }

// lines wraps s to width.
func (d *doc) lines(s string, w float64, st style) []string {
	return wrap(clean(s), w, d.measurer(st))
}

// balanced wraps s to width in as few lines as wrapping gives, but with the
// lines as even as possible: no single character left alone on the last.
func (d *doc) balanced(s string, w float64, st style) []string {
	best := d.lines(s, w, st)
	if len(best) < 2 {
		return best
	}
	// Never narrower than the widest word: it would be split.
	floor := w / 2
	for _, u := range units(clean(s)) {
		if uw := d.measure(u.text, st); !u.space && uw > floor {
			floor = uw
		}
	}
	for narrower := w - 0.5; narrower >= floor; narrower -= 0.5 {
		ls := d.lines(s, narrower, st)
		if len(ls) != len(best) {
			break
		}
		best = ls
	}
	return best
}

// para writes a wrapped paragraph at the cursor, breaking pages as needed.
func (d *doc) para(x, w float64, s string, st style) {
	lh := lineHeight(st.size)
	for _, line := range d.lines(s, w, st) {
		d.need(lh)
		d.cell(x, d.y, w, lh, line, "L", st)
		d.y += lh
	}
}

// need starts a new page when h millimetres do not fit below the cursor.
func (d *doc) need(h float64) {
	if d.y+h > contentBottom {
		d.newPage()
	}
}

func (d *doc) newPage() {
	d.pdf.AddPage()
	d.y = contentTop + 4
}

func (d *doc) fill(c rgb) { d.pdf.SetFillColor(c[0], c[1], c[2]) }
func (d *doc) draw(c rgb) { d.pdf.SetDrawColor(c[0], c[1], c[2]) }

func (d *doc) rule(y float64, c rgb, width float64) {
	d.draw(c)
	d.pdf.SetLineWidth(width)
	d.pdf.Line(marginL, y, pageW-marginR, y)
}

// ---- page furniture ----

func (d *doc) header() {
	if d.pdf.PageNo() == 1 {
		return // the title block says it all
	}
	st := style{size: 7.5, col: colGrey}
	d.cell(marginL, 9, contentW*0.6, 4, d.text("header", d.n), "L", st)
	d.cell(marginL+contentW*0.4, 9, contentW*0.6, 4, d.text("period", d.n), "R", st)
	d.rule(14, colRule, 0.2)
}

func (d *doc) footer() {
	st := style{size: 7.5, col: colGrey}
	y := pageH - 12
	d.rule(y-1.5, colRule, 0.2)
	d.cell(marginL, y, contentW*0.6, 4, d.text("footer", d.n), "L", st)
	n := d.pdf.PageNo()
	// The total is written as an alias replaced when the document closes;
	// measure with a number of as many digits as this page's.
	label := d.text("page", map[string]any{"N": n, "Total": "{nb}"})
	width := d.measure(strings.Replace(label, "{nb}", strconv.Itoa(n), 1), st)
	label, st.bold = d.prep(label, false)
	d.setStyle(st)
	d.pdf.Text(pageW-marginR-width, y+2.9, label)
}

// ---- sections ----

func (d *doc) render() {
	d.newPage()
	d.titleBlock()
	d.tiles()
	d.summary()
	if d.r.Counts.Used > 0 {
		d.labelW = d.chartLabelWidth()
		d.bankChart()
		d.themeChart()
		d.moneyChart()
		d.table()
		d.highlights()
	} else {
		d.y += 4
		d.para(marginL, contentW, d.text("none", d.n), style{size: 11, col: colInk})
	}
	d.notes()
}

func (d *doc) titleBlock() {
	d.y = contentTop + 3
	title := style{size: 20, bold: true, col: colNavy}
	for _, line := range d.lines(d.text("title", d.n), contentW, title) {
		d.cell(marginL, d.y, contentW, 9, line, "L", title)
		d.y += 9
	}
	d.y += 1
	d.cell(marginL, d.y, contentW, 6, d.text("period", d.n), "L", style{size: 12, col: colAccent, bold: true})
	d.y += 7
	d.para(marginL, contentW, d.text("scope", d.n), style{size: 9, col: colGrey})
	d.y += 1.5
	d.rule(d.y, colNavy, 0.5)
	d.y += 4
}

// tile is one key figure.
type tile struct {
	label, value, sub string
	subCol            rgb
}

func (d *doc) tiles() {
	n, r := d.n, d.r
	change := func(cur, prev int, unitBlock string) (string, rgb) {
		delta := cur - prev
		s := d.text("vs_prev", map[string]any{"PrevName": n.PrevName, "Delta": signed(delta) + d.text(unitBlock, n)})
		switch {
		case delta > 0:
			return s, colUp
		case delta < 0:
			return s, colDown
		}
		return s, colGrey
	}
	ts := []tile{
		{label: d.text("tile_articles", n), value: strconv.Itoa(r.Counts.Used), sub: d.text("tile_articles_sub", n), subCol: colGrey},
		{label: d.text("tile_banks", n), value: strconv.Itoa(r.Counts.Banks), sub: d.text("tile_banks_sub", n), subCol: colGrey},
		{label: d.text("tile_money", n), value: "—", sub: d.text("tile_money_sub", n), subCol: colGrey},
		{label: d.text("tile_theme", n), value: "—", sub: d.text("tile_theme_sub", n), subCol: colGrey},
	}
	if r.Counts.Money > 0 {
		ts[2].value = formatMoney(r.Counts.Money, d.lang)
	}
	if n.TopTheme != nil {
		ts[3].value = n.TopTheme.Name
	}
	if r.Prev != nil {
		ts[0].sub, ts[0].subCol = change(r.Counts.Used, r.Prev.Used, "unit_articles")
		ts[1].sub, ts[1].subCol = change(r.Counts.Banks, r.Prev.Banks, "unit_banks")
		if r.Prev.Money > 0 || r.Counts.Money > 0 {
			pct := ""
			if r.Prev.Money > 0 {
				p := (r.Counts.Money - r.Prev.Money) / r.Prev.Money * 100
				pct = fmt.Sprintf("%+.0f%%", p)
			} else {
				pct = "+" + formatMoney(r.Counts.Money, d.lang)
			}
			ts[2].sub = d.text("vs_prev", map[string]any{"PrevName": n.PrevName, "Delta": pct})
			ts[2].subCol = colGrey
			if r.Counts.Money > r.Prev.Money {
				ts[2].subCol = colUp
			} else if r.Counts.Money < r.Prev.Money {
				ts[2].subCol = colDown
			}
		}
	}
	const gap, h = 4.0, 23.0
	w := (contentW - 3*gap) / 4
	for i, t := range ts {
		x := marginL + float64(i)*(w+gap)
		d.fill(colLight)
		d.pdf.Rect(x, d.y, w, h, "F")
		d.fill(colAccent)
		d.pdf.Rect(x, d.y, w, 1.2, "F")
		d.cell(x+3, d.y+3, w-6, 4, t.label, "L", style{size: 8.5, col: colGrey})
		// The value: shrink the font until it fits, or write it on two
		// lines (a long theme name).
		vs := style{size: 17, bold: true, col: colNavy}
		for vs.size > 12 && d.measure(t.value, vs) > w-6 {
			vs.size -= 0.5
		}
		if d.measure(t.value, vs) <= w-6 {
			d.cell(x+3, d.y+8.5, w-6, 8, t.value, "L", vs)
		} else {
			vs.size = 10
			for vs.size > 8 && len(d.lines(t.value, w-6, vs)) > 2 {
				vs.size -= 0.5
			}
			ls := d.balanced(t.value, w-6, vs)
			if len(ls) > 2 {
				ls = []string{ls[0], strings.Join(ls[1:], " ")}
			}
			lh := lineHeight(vs.size)
			y := d.y + 12.5 - lh*float64(len(ls))/2
			for _, l := range ls {
				d.cell(x+3, y, w-6, lh, l, "L", vs)
				y += lh
			}
		}
		d.cell(x+3, d.y+17, w-6, 4, t.sub, "L", style{size: 7.5, col: t.subCol})
	}
	d.y += h + 5
}

func (d *doc) summary() {
	d.para(marginL, contentW, d.text("summary", d.n), style{size: 10.5, col: colInk})
	d.y += 3
}

// headingHeight is the height of a section heading with its note.
func (d *doc) headingHeight(note string) float64 {
	h := 9.0
	if note != "" {
		h += float64(len(d.lines(note, contentW-3, noteStyle)))*lineHeight(noteStyle.size) + 0.5
	}
	return h
}

// noteStyle is that of the note under a heading.
var noteStyle = style{size: 7.5, col: colGrey}

// heading writes a section heading with an optional note, keeping room for
// keep millimetres of what follows.
func (d *doc) heading(title, note string, keep float64) {
	d.need(d.headingHeight(note) + keep)
	d.y += 2
	d.fill(colNavy)
	d.pdf.Rect(marginL, d.y+0.8, 1.2, 4.6, "F")
	d.cell(marginL+3, d.y, contentW-3, 6, title, "L", style{size: 12, bold: true, col: colNavy})
	d.y += 7
	if note != "" {
		d.para(marginL+3, contentW-3, note, noteStyle)
		d.y += 0.5
	}
}

// The pitch of a bar chart's rows, and the least it is squeezed to so that
// a chart that nearly fits below the cursor is drawn there, not on the
// next page: the English brief left the lower third of page 1 empty for
// want of 1.4 mm (its chart of themes went to page 2).
const barRowH, minBarRowH = 6.2, 4.8

// barSection writes a heading, its note and a bar chart, keeping after
// millimetres below the bars (a legend) on the same page. A chart that
// does not fit below the cursor at full height but does with its rows
// squeezed to no less than minBarRowH is squeezed; one that does not fit
// either way starts a page, at full height.
func (d *doc) barSection(title, note string, bars []bar, after float64) {
	n := float64(len(bars))
	rowH := barRowH
	if room := contentBottom - d.y - d.headingHeight(note) - after; room < n*barRowH && room >= n*minBarRowH {
		rowH = math.Floor(room/n*10) / 10
	}
	d.heading(title, note, rowH*n+after)
	d.barChart(bars, rowH)
}

// bar is one row of a horizontal bar chart.
type bar struct {
	label string
	value float64
	text  string // the figure written after the bar
	col   rgb
}

// barChart draws horizontal bars scaled to the largest value, rowH apart.
func (d *doc) barChart(bars []bar, rowH float64) {
	const textW = 30.0
	barH := rowH * 3.8 / barRowH
	labelSt := style{size: 8.5, col: colInk}
	labelW := d.labelW
	x0 := marginL + labelW + 2
	maxW := contentW - labelW - 2 - textW
	max := 0.0
	for i, b := range bars {
		if math.IsNaN(b.value) || math.IsInf(b.value, 0) || b.value < 0 {
			bars[i].value = 0 // bad input draws no bar
		}
		if bars[i].value > max {
			max = bars[i].value
		}
	}
	if max <= 0 {
		max = 1
	}
	top := d.y
	h := rowH * float64(len(bars))
	// Light grid at quarters of the largest value.
	d.draw(colRule)
	d.pdf.SetLineWidth(0.15)
	for i := 1; i <= 4; i++ {
		x := x0 + maxW*float64(i)/4
		d.pdf.Line(x, top, x, top+h)
	}
	for i, b := range bars {
		y := top + float64(i)*rowH
		d.cell(marginL, y, labelW, rowH, b.label, "R", labelSt)
		bw := maxW * b.value / max
		if b.value > 0 && bw < 0.6 {
			bw = 0.6
		}
		d.fill(b.col)
		d.pdf.Rect(x0, y+(rowH-barH)/2, bw, barH, "F")
		// The figure, on white so that the grid does not cross it.
		textSt := style{size: 8, col: colGrey}
		tw := d.measure(clean(b.text), textSt)
		d.fill(colWhite)
		d.pdf.Rect(x0+bw+0.8, y+(rowH-barH)/2, tw+1.4, barH, "F")
		d.cell(x0+bw+1.5, y, textW+maxW-bw-1.5, rowH, b.text, "L", textSt)
	}
	d.draw(colInk)
	d.pdf.SetLineWidth(0.3)
	d.pdf.Line(x0, top, x0, top+h)
	d.y = top + h + 2
	d.chartX = x0
}

// chartLabelWidth is the width of the label column shared by the charts:
// as wide as the longest bank or theme name shown, within limits.
func (d *doc) chartLabelWidth() float64 {
	st := style{size: 8.5}
	w := 30.0
	var labels []string
	for i, b := range d.r.Banks {
		if i < 10 {
			labels = append(labels, b.Name)
		}
	}
	for _, t := range d.r.Themes {
		if t.Articles > 0 || t.Money > 0 {
			labels = append(labels, model.Lookup(model.Themes, t.ID).Name(d.lang))
		}
	}
	for _, l := range labels {
		if lw := d.measure(clean(l), st) + 1; lw > w {
			w = lw
		}
	}
	if w > 62 {
		w = 62
	}
	return w
}

func (d *doc) bankChart() {
	banks := d.r.Banks
	if len(banks) > 10 {
		banks = banks[:10]
	}
	var bars []bar
	types := map[string]bool{}
	for _, b := range banks {
		if b.Articles == 0 {
			continue
		}
		types[b.Type] = true
		bars = append(bars, bar{label: b.Name, value: float64(b.Articles), text: strconv.Itoa(b.Articles) + d.text("unit_articles", d.n), col: typeColour(b.Type)})
	}
	if len(bars) == 0 {
		return
	}
	d.barSection(d.text("h_banks", d.n), d.text("n_banks", d.n), bars, 8)
	// Legend of bank types present.
	x := d.chartX
	st := style{size: 7.5, col: colGrey}
	for i, t := range model.BankTypes {
		if !types[t.ID] {
			continue
		}
		name := t.Name(d.lang)
		if d.lang == "zh" && i == 3 { // 农村商业银行、农村合作银行、农村信用社
			name = "农村金融机构"
		}
		w := d.measure(name, st)
		if x+4+w > pageW-marginR {
			d.y += 4.5
			x = d.chartX
		}
		d.fill(typeColours[i])
		d.pdf.Rect(x, d.y+1, 2.6, 2.6, "F")
		d.cell(x+3.6, d.y, w+1, 4.6, name, "L", st)
		x += 3.6 + w + 5
	}
	d.y += 7
}

func typeColour(id string) rgb {
	for i, t := range model.BankTypes {
		if t.ID == id {
			return typeColours[i]
		}
	}
	return colMuted
}

func (d *doc) themeChart() {
	var bars []bar
	for _, t := range d.r.Themes {
		if t.Articles == 0 || len(bars) == 12 {
			continue
		}
		col := colAccent
		if t.Frame || t.ID == model.FrameTheme {
			col = colMuted
		}
		share := float64(t.Articles) / float64(d.r.Counts.Used)
		bars = append(bars, bar{
			label: model.Lookup(model.Themes, t.ID).Name(d.lang), value: share, col: col,
			text: formatPct(share) + " (" + strconv.Itoa(t.Articles) + ")",
		})
	}
	if len(bars) == 0 {
		return
	}
	d.barSection(d.text("h_themes", d.n), d.text("n_themes", d.n), bars, 0)
	d.y += 3
}

func (d *doc) moneyChart() {
	var bars []bar
	for _, t := range d.r.Themes {
		if t.Money <= 0 {
			continue
		}
		col := colNavy
		if t.Frame || t.ID == model.FrameTheme {
			col = colMuted
		}
		bars = append(bars, bar{label: model.Lookup(model.Themes, t.ID).Name(d.lang), value: t.Money, text: formatMoney(t.Money, d.lang), col: col})
	}
	sort.SliceStable(bars, func(i, j int) bool { return bars[i].value > bars[j].value })
	if len(bars) > 10 {
		bars = bars[:10]
	}
	// Amounts of no theme, so that the bars add up to the total above.
	if v := unthemedMoney(d.r); v > 0 {
		bars = append(bars, bar{label: d.text("no_theme", d.n), value: v, text: formatMoney(v, d.lang), col: colMuted})
	}
	if len(bars) == 0 {
		return
	}
	d.barSection(d.text("h_money", d.n), d.text("n_money", d.n), bars, 0)
	d.y += 3
}

// table draws the leading banks against the leading themes.
func (d *doc) table() {
	themes := leadingThemes(d.r, 5)
	var banks []model.BankRow
	for _, b := range d.r.Banks {
		if b.Articles > 0 && len(banks) < 12 {
			banks = append(banks, b)
		}
	}
	if len(themes) == 0 || len(banks) == 0 {
		return
	}
	count := map[[2]string]int{}
	max := 1
	for _, c := range d.r.BankTheme {
		count[[2]string{c.Bank, c.Theme}] = c.Articles
		if c.Articles > max {
			max = c.Articles
		}
	}
	const bankW, artW, moneyW, rowH = 40.0, 13.0, 23.0, 6.0
	themeW := (contentW - bankW - artW - moneyW) / float64(len(themes))
	// Header: theme names on up to three lines, in a font small enough for
	// every word to fit; a name still too long is shortened.
	headSt := style{size: 7.5, bold: true, col: colNavy}
	names := make([][]string, len(themes))
	for ; ; headSt.size -= 0.25 {
		fits, rows := true, 1
		for i, t := range themes {
			name := model.Lookup(model.Themes, t.ID).Name(d.lang)
			names[i] = d.balanced(name, themeW-2, headSt)
			for _, u := range units(name) {
				if d.measure(u.text, headSt) > themeW-2 {
					fits = false
				}
			}
			if len(names[i]) > rows {
				rows = len(names[i])
			}
		}
		if fits && rows <= 3 || headSt.size <= 6 {
			break
		}
	}
	rows := 2
	for i := range names {
		if len(names[i]) > 3 {
			sep := ""
			if d.lang == "en" {
				sep = " "
			}
			names[i] = []string{names[i][0], names[i][1], strings.Join(names[i][2:], sep)}
		}
		if len(names[i]) > rows {
			rows = len(names[i])
		}
	}
	headLH := lineHeight(headSt.size)
	headH := float64(rows)*headLH + 2.5
	d.heading(d.text("h_table", d.n), "", headH+rowH*float64(len(banks)))

	top := d.y
	d.fill(colLight)
	d.pdf.Rect(marginL, top, contentW, headH, "F")
	d.cell(marginL+1.5, top, bankW-1.5, headH, d.text("col_bank", d.n), "L", headSt)
	x := marginL + bankW
	for i := range themes {
		ls := names[i]
		y := top + (headH-float64(len(ls))*headLH)/2
		for _, l := range ls {
			d.cell(x+1, y, themeW-2, headLH, l, "C", headSt)
			y += headLH
		}
		x += themeW
	}
	d.cell(x, top, artW-1, headH, d.text("col_articles", d.n), "R", headSt)
	d.cell(x+artW, top, moneyW-1.5, headH, d.text("col_money", d.n), "R", headSt)
	d.y = top + headH

	for i, b := range banks {
		y := d.y
		if i%2 == 1 {
			d.fill(rgb{248, 249, 250})
			d.pdf.Rect(marginL, y, contentW, rowH, "F")
		}
		d.cell(marginL+1.5, y, bankW-3, rowH, b.Name, "L", style{size: 8.5, col: colInk})
		x := marginL + bankW
		for _, t := range themes {
			c := count[[2]string{b.Name, t.ID}]
			if c > 0 {
				k := 0.15 + 0.85*float64(c)/float64(max)
				d.fill(blend(colLight, colAccent, k))
				d.pdf.Rect(x+0.6, y+0.6, themeW-1.2, rowH-1.2, "F")
				tc := colInk
				if k > 0.55 {
					tc = colWhite
				}
				d.cell(x, y, themeW, rowH, strconv.Itoa(c), "C", style{size: 8.5, col: tc})
			} else {
				d.cell(x, y, themeW, rowH, "·", "C", style{size: 8.5, col: colMuted})
			}
			x += themeW
		}
		d.cell(x, y, artW-1, rowH, strconv.Itoa(b.Articles), "R", style{size: 8.5, bold: true, col: colInk})
		money := "—"
		if b.Money > 0 {
			money = formatMoney(b.Money, d.lang)
		}
		d.cell(x+artW, y, moneyW-1.5, rowH, money, "R", style{size: 8, col: colInk})
		d.y += rowH
	}
	d.rule(d.y, colRule, 0.3)
	d.y += 4
}

func blend(a, b rgb, k float64) rgb {
	var c rgb
	for i := range c {
		c[i] = int(float64(a[i]) + (float64(b[i])-float64(a[i]))*k + 0.5)
	}
	return c
}

// highlights writes, for each leading theme, its largest figures with their
// sentences.
func (d *doc) highlights() {
	type group struct {
		theme *themeLine
		items []model.MetricRow
	}
	var groups []group
	themes := leadingThemes(d.r, 5)
	ids := make([]string, len(themes))
	for i, t := range themes {
		ids[i] = t.ID
	}
	picked := pickThemeHighlights(d.r.Metrics, ids, 3)
	for i, t := range themes {
		if items := picked[i]; len(items) > 0 {
			groups = append(groups, group{d.n.themeLine(t, d.r), items})
		}
	}
	if len(groups) == 0 {
		return
	}
	d.heading(d.text("h_highlights", d.n), d.text("n_highlights", d.n), 30)
	quoteSt := style{size: 9, col: colInk}
	quoteLH := lineHeight(quoteSt.size)
	const indent = 5.0
	// The source of each figure is that of the first article row of its
	// article's ID, looked up for all of them in one pass.
	wanted := map[string]bool{}
	for _, g := range groups {
		for _, m := range g.items {
			wanted[m.ArticleID()] = true
		}
	}
	sources := firstSources(d.r.Articles, wanted)
	for _, g := range groups {
		// Keep the theme band with its first item.
		first := d.itemHeight(g.items[0], quoteSt, indent)
		d.need(8 + first)
		d.y += 1
		d.fill(colLight)
		d.pdf.Rect(marginL, d.y, contentW, 6.5, "F")
		d.cell(marginL+2, d.y, contentW*0.6, 6.5, g.theme.Name, "L", style{size: 10, bold: true, col: colNavy})
		d.cell(marginL+contentW*0.4, d.y, contentW*0.6-2, 6.5, d.text("theme_line", g.theme), "R", style{size: 8, col: colGrey})
		d.y += 8
		for _, m := range g.items {
			d.need(d.itemHeight(m, quoteSt, indent))
			// Figure, bank and date.
			figSt := style{size: 10, bold: true, col: colAccent}
			fig := metricText(m, d.lang)
			d.fill(colAccent)
			d.pdf.Rect(marginL+1, d.y+1.9, 1.6, 1.6, "F")
			fw := d.measure(fig, figSt)
			if fw > contentW/2 {
				fw = contentW / 2
			}
			d.cell(marginL+indent, d.y, fw, 5.4, fig, "L", figSt)
			bank := m.BankName
			if bank == "" {
				bank = d.text("no_bank", d.n)
			}
			date := m.Date
			if date == "" {
				date = d.text("no_date", d.n)
			}
			line := bank + " · " + date
			if m.Balance() {
				line += " · " + d.text(m.Why.Key(), d.n)
			}
			d.cell(marginL+indent+fw+3, d.y, contentW-indent-fw-3, 5.4, line, "L", style{size: 9, col: colInk})
			d.y += 5.6
			for _, l := range d.lines(quote(m, d.lang), contentW-indent, quoteSt) {
				d.cell(marginL+indent, d.y, contentW-indent, quoteLH, l, "L", quoteSt)
				d.y += quoteLH
			}
			d.link(marginL+indent, d.y, contentW-indent, 4.2, sourceLine(m, sources[m.ArticleID()], d.lang), "L", style{size: 7.5, col: colGrey}, m.URL)
			d.y += 6
		}
	}
}

func (d *doc) itemHeight(m model.MetricRow, st style, indent float64) float64 {
	return 5.6 + float64(len(d.lines(quote(m, d.lang), contentW-indent, st)))*lineHeight(st.size) + 6
}

// quote is the metric's sentence, shortened around the figure, in quotes.
func quote(m model.MetricRow, lang string) string {
	s := excerpt(clean(m.Sentence), m.Text, 90)
	return "“" + s + "”"
}

// sourceLine names the article a figure came from: 《title》 · source.
func sourceLine(m model.MetricRow, src string, lang string) string {
	title := clean(m.Title)
	if lang == "en" {
		title = "“" + title + "”"
	} else {
		title = "《" + title + "》"
	}
	if src != "" {
		return title + " · " + src
	}
	if m.URL != "" {
		return title + " · " + m.URL
	}
	return title
}

// firstSources returns the source of the first article row of each ID
// asked for (none for an ID no row has).
func firstSources(articles []model.ArticleRow, ids map[string]bool) map[string]string {
	out := make(map[string]string, len(ids))
	for i := range articles {
		if a := &articles[i]; ids[a.ID] {
			if _, ok := out[a.ID]; !ok {
				out[a.ID] = a.Source
				if len(out) == len(ids) {
					break
				}
			}
		}
	}
	return out
}

// metricText writes a figure: as written in Chinese, normalised in English.
func metricText(m model.MetricRow, lang string) string {
	if lang != "en" || m.Unit == "" {
		return clean(m.Text)
	}
	q := map[string]string{model.Approx: "about ", model.AtLeast: "over ", model.AtMost: "under "}[m.Qualifier]
	var v string
	switch m.Unit {
	case "CNY":
		v = formatMoney(m.Value, "en")
		if m.ValueHigh > m.Value {
			v += "–" + strings.TrimPrefix(formatMoney(m.ValueHigh, "en"), "CNY ")
		}
	case "percent":
		v = trimFloat(m.Value, 2) + "%"
	case "percent_point":
		v = trimFloat(m.Value, 2) + " pp"
	default:
		l := model.Lookup(model.Units, m.Unit)
		if l.En == m.Unit && m.Type == "other" { // a measure word
			w, ok := measureWords[m.Unit]
			if !ok {
				return clean(m.Text)
			}
			l.En = w
		}
		v = thousands(m.Value)
		if m.Value != float64(int64(m.Value)) {
			v = trimFloat(m.Value, 2)
		}
		if m.ValueHigh > m.Value {
			v += "–" + thousands(m.ValueHigh)
		}
		if l.En != "" {
			v += " " + singular(l.En, m.Value, m.ValueHigh)
		}
	}
	return q + v
}

// measureWords are English words for the measure words (量词) the corpus
// counts things in; "" when the number stands alone (a count of 个).
var measureWords = map[string]string{
	"个": "", "份": "copies", "件": "items", "项": "items", "条": "items", "张": "cards", "本": "copies",
	"套": "sets", "种": "kinds", "类": "kinds", "大类": "categories", "箱": "boxes", "袋": "bags", "瓶": "bottles",
	"只": "", "所": "", "家": "", "起": "cases", "宗": "cases", "城": "cities",
	"年": "years", "个月": "months", "个季度": "quarters", "个工作日": "working days",
	"亩": "mu", "斤": "jin", "公斤": "kg", "吨": "tonnes", "米": "m", "公里": "km", "平方米": "m²",
}

// singular writes a unit for one thing: "1 minute", "1 copy".
func singular(unit string, v, high float64) string {
	if v != 1 || high > v || strings.Contains(unit, " ") {
		return unit
	}
	switch {
	case strings.HasSuffix(unit, "ies"):
		return strings.TrimSuffix(unit, "ies") + "y"
	case strings.HasSuffix(unit, "xes"):
		return strings.TrimSuffix(unit, "es")
	case strings.HasSuffix(unit, "s") && !strings.HasSuffix(unit, "ss"):
		return strings.TrimSuffix(unit, "s")
	}
	return unit
}

// unthemedMoney is the part of the money total that no theme holds: the
// amounts reported for a bank in sentences of no theme.
func unthemedMoney(r *model.Report) float64 {
	v := r.Counts.Money
	for _, t := range r.Themes {
		v -= t.Money
	}
	// Below a thousandth of the total is rounding, not money.
	if v < 1 || v < r.Counts.Money*1e-3 {
		return 0
	}
	return v
}

// withArticles counts the banks that lead at least one article.
func withArticles(r *model.Report) int {
	n := 0
	for _, b := range r.Banks {
		if b.Articles > 0 {
			n++
		}
	}
	return n
}

// typeRank orders figures for the highlights: amounts first, then counts,
// durations and percentages last.
func typeRank(t string) int {
	switch t {
	case "amount":
		return 0
	case "percent":
		return 3
	case "duration":
		return 2
	}
	return 1
}

// pickHighlights chooses up to max figures of a theme: those of a named
// bank first, things done before stocks (a loan balance dwarfs any loan
// granted), amounts before counts, the largest first; one per article
// while there are enough, one per sentence always.
func pickHighlights(metrics []model.MetricRow, theme string, max int) []model.MetricRow {
	return pickThemeHighlights(metrics, []string{theme}, max)[0]
}

// pickThemeHighlights is pickHighlights for several themes, reading the
// metric rows once.
//
// A large archive has tens of thousands of candidates per theme and only
// the first few are read: they come off a heap (newHighlightOrder) in the
// order a stable sort would give them.
func pickThemeHighlights(metrics []model.MetricRow, themes []string, max int) [][]model.MetricRow {
	of := make([][]int32, len(themes)) // the rows of each theme
	for i := range metrics {
		theme := metrics[i].Theme
		for k, t := range themes {
			if theme == t {
				of[k] = append(of[k], int32(i))
			}
		}
	}
	out := make([][]model.MetricRow, len(themes))
	for k, rows := range of {
		out[k] = pickFrom(metrics, rows, max)
	}
	return out
}

// The states of a candidate of pickFrom: a row with a blank sentence is
// no candidate, but its sentence is only read when it matters.
const (
	unread = iota // its sentence not read yet
	live          // a candidate
	dead          // its sentence is blank: no candidate
)

// pickFrom chooses the highlights among the given rows of metrics.
func pickFrom(metrics []model.MetricRow, rows []int32, max int) []model.MetricRow {
	// One candidate per figure of an article: a heading and the body
	// sentence that repeats it are one figure; quote the longer sentence.
	// A row whose sentence is blank is none: its sentence is read (a
	// cache miss on a large archive) only once another row has its
	// figure, or it is among the first in highlight order.
	type key struct {
		article, unit string
		value         float64
	}
	at := make(map[key]int, len(rows))
	var cands []model.MetricRow
	var state []uint8
	for _, i := range rows {
		m := &metrics[i]
		k := key{m.ArticleID(), m.Unit, m.Value}
		c, ok := at[k]
		if ok && state[c] == unread {
			if blank(cands[c].Sentence) {
				state[c], ok = dead, false
			} else {
				state[c] = live
			}
		}
		if !ok {
			at[k] = len(cands)
			cands = append(cands, *m)
			state = append(state, unread)
			continue
		}
		if blank(m.Sentence) {
			continue
		}
		if utf8.RuneCountInString(m.Sentence) > utf8.RuneCountInString(cands[c].Sentence) {
			own := *cands[c].Metric // the report's metric stays as it is
			own.Sentence = m.Sentence
			cands[c].Metric = &own
		}
	}
	next := newHighlightOrder(cands, state)
	var out []model.MetricRow
	sentences, articles := map[string]bool{}, map[string]bool{}
	for pass := 0; pass < 2 && len(out) < max; pass++ {
		for k := 0; len(out) < max; k++ {
			m, ok := next(k)
			if !ok {
				break
			}
			if sentences[m.Sentence] || (pass == 0 && articles[m.ArticleID()]) {
				continue
			}
			sentences[m.Sentence] = true
			articles[m.ArticleID()] = true
			out = append(out, m)
		}
	}
	return out
}

// blank reports whether s is only white space: strings.TrimSpace(s) == "".
func blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// highlightKey is what orders a candidate of the highlights: rank holds
// whether no bank claims it (8), whether it is a balance (4) and its
// typeRank; then the value, largest first, the article ID, the offset and
// the candidate's index, which makes the order that of a stable sort.
type highlightKey struct {
	rank   int
	value  float64
	id     string
	offset int
	i      int
}

func (a *highlightKey) less(b *highlightKey) bool {
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	if a.value != b.value {
		return a.value > b.value
	}
	if a.id != b.id {
		return a.id < b.id
	}
	if a.offset != b.offset {
		return a.offset < b.offset
	}
	return a.i < b.i
}

// newHighlightOrder returns the k-th live candidate in highlight order,
// for k from 0 up (each k once it has asked for k−1), and false past the
// last. The candidates are made into a heap (linear) and the first ones
// taken off it as they are asked for, the sentence of each read then to
// know whether it is live (see pickFrom). A value that is not a number
// compares with nothing, which makes no order: then the live candidates
// are sorted as they were, stably.
func newHighlightOrder(cands []model.MetricRow, state []uint8) func(k int) (model.MetricRow, bool) {
	isLive := func(i int) bool {
		if state[i] == unread {
			state[i] = live
			if blank(cands[i].Sentence) {
				state[i] = dead
			}
		}
		return state[i] == live
	}
	heap := make([]highlightKey, 0, len(cands))
	for i := range cands {
		m := &cands[i]
		if math.IsNaN(m.Value) {
			var sorted []model.MetricRow
			for i := range cands {
				if isLive(i) {
					sorted = append(sorted, cands[i])
				}
			}
			sortHighlights(sorted)
			return func(k int) (model.MetricRow, bool) {
				if k >= len(sorted) {
					return model.MetricRow{}, false
				}
				return sorted[k], true
			}
		}
		if state[i] == dead {
			continue
		}
		rank := typeRank(m.Type)
		if m.Balance() {
			rank |= 4
		}
		if m.BankName == "" {
			rank |= 8
		}
		heap = append(heap, highlightKey{rank: rank, value: m.Value, id: m.ArticleID(), offset: m.Offset, i: i})
	}
	down := func(i int) {
		for {
			c := 2*i + 1
			if c >= len(heap) {
				return
			}
			if c+1 < len(heap) && heap[c+1].less(&heap[c]) {
				c++
			}
			if !heap[c].less(&heap[i]) {
				return
			}
			heap[i], heap[c] = heap[c], heap[i]
			i = c
		}
	}
	for i := len(heap)/2 - 1; i >= 0; i-- {
		down(i)
	}
	var sorted []int // the live candidates taken off the heap, in order
	return func(k int) (model.MetricRow, bool) {
		for len(sorted) <= k && len(heap) > 0 {
			i := heap[0].i
			heap[0] = heap[len(heap)-1]
			heap = heap[:len(heap)-1]
			down(0)
			if isLive(i) {
				sorted = append(sorted, i)
			}
		}
		if k >= len(sorted) {
			return model.MetricRow{}, false
		}
		return cands[sorted[k]], true
	}
}

// sortHighlights sorts candidates stably in highlight order, the way
// pickHighlights did before the heap; it serves when a value is not a
// number.
func sortHighlights(cands []model.MetricRow) {
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if (a.BankName == "") != (b.BankName == "") {
			return a.BankName != "" // a figure no bank claims comes last
		}
		if a.Balance() != b.Balance() {
			return !a.Balance() // a stock (a loan balance) after what was done
		}
		if ra, rb := typeRank(a.Type), typeRank(b.Type); ra != rb {
			return ra < rb
		}
		if a.Value != b.Value {
			return a.Value > b.Value
		}
		if a.ArticleID() != b.ArticleID() {
			return a.ArticleID() < b.ArticleID()
		}
		return a.Offset < b.Offset
	})
}

// notes writes the data-quality footnote and the method note.
func (d *doc) notes() {
	st := style{size: 8, col: colGrey}
	d.need(40)
	d.y += 3
	d.rule(d.y, colRule, 0.3)
	d.y += 2
	for _, sec := range [][2]string{{"h_quality", "quality"}, {"h_method", "method"}} {
		d.need(12)
		d.cell(marginL, d.y, contentW, 5, d.text(sec[0], d.n), "L", style{size: 9, bold: true, col: colNavy})
		d.y += 5.5
		d.para(marginL, contentW, d.text(sec[1], d.n), st)
		d.y += 2
	}
}
