package brief

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/template"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/templates"
)

// narrative is the data the brief templates (templates/brief.LANG.tmpl) see.
type narrative struct {
	Lang       string
	Period     string // 2022Q1, or "" for all quarters
	PeriodName string // 2022年第一季度 / 2022 Q1
	DataUpTo   string // the latest article's date
	Generated  string // the day the brief was made (SOURCE_DATE_EPOCH), or ""
	FirstDate  string
	LastDate   string
	C          model.Counts

	Prev          *model.Counts
	PrevName      string // the previous quarter, named
	DeltaArticles string // +3 / -2 / ±0
	DeltaBanks    string
	// ChangeArticles and ChangeBanks are the same changes as numbers.
	ChangeArticles, ChangeBanks int

	TopTheme, SecondTheme *themeLine // leading themes, the frame left out
	Frame                 *themeLine // the party-building frame, when present
	TopBank               *bankLine
	Money                 string // total, formatted; "" when none
	MoneyBank             string // bank with the largest amount
	MoneyBankAmount       string
	// OtherBanks counts the banks among C.Banks that lead no article,
	// named only for a figure: not in the chart of banks by articles.
	OtherBanks int

	Clusters       int
	Warnings       int
	SkippedExample string
}

type themeLine struct {
	ID       string
	Name     string
	Articles int
	Share    string // of used articles: 42%
	Money    string
}

type bankLine struct {
	Name     string
	Articles int
}

// loadTemplates parses the brief's templates for lang.
func loadTemplates(lang string) (*template.Template, error) {
	name := "brief." + lang + ".tmpl"
	src, err := templates.FS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("templates/%s is missing from the build: %w", name, err)
	}
	t, err := template.New(name).Funcs(template.FuncMap{
		"money":  func(v float64) string { return formatMoney(v, lang) },
		"pct":    formatPct,
		"signed": signed,
		"add":    func(a, b int) int { return a + b },
		"abs": func(a int) int {
			if a < 0 {
				return -a
			}
			return a
		},
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
	}).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("templates/%s: %w; fix the template and rebuild", name, err)
	}
	return t, nil
}

// text runs the named template block and tidies its whitespace: in Chinese
// the line breaks inside a block join without a space, in English with one.
func (d *doc) text(block string, data any) string {
	var b bytes.Buffer
	if err := d.tmpl.ExecuteTemplate(&b, block, data); err != nil {
		if d.err == nil {
			d.err = fmt.Errorf("templates/brief.%s.tmpl, block %q: %w; fix the template and rebuild", d.lang, block, err)
		}
		return ""
	}
	var parts []string
	for _, line := range strings.Split(b.String(), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			parts = append(parts, line)
		}
	}
	sep := ""
	if d.lang == "en" {
		sep = " "
	}
	return strings.Join(parts, sep)
}

// formatMoney writes a CNY amount with three or four significant digits:
// 27亿元, 1.45亿元, 350万元, 2.4万亿元 / CNY 2.7 bn.
func formatMoney(v float64, lang string) string {
	if lang == "en" {
		switch {
		case v >= 1e12:
			return "CNY " + sig(v/1e12) + " tn"
		case v >= 1e9:
			return "CNY " + sig(v/1e9) + " bn"
		case v >= 1e6:
			return "CNY " + sig(v/1e6) + " m"
		case v >= 1:
			return "CNY " + thousands(v)
		default: // 5角: not CNY 0
			return "CNY " + trimFloat(v, 2)
		}
	}
	switch {
	case v >= 1e12:
		return sig(v/1e12) + "万亿元"
	case v >= 1e8:
		return sig(v/1e8) + "亿元"
	case v >= 1e4:
		return sig(v/1e4) + "万元"
	case v >= 1:
		return trimFloat(v, 0) + "元"
	default: // 5角: not 0元
		return trimFloat(v, 2) + "元"
	}
}

// sig writes v with two decimals below 10, one below 100, none above.
func sig(v float64) string {
	switch {
	case v >= 1000:
		return thousands(v)
	case v >= 100:
		return trimFloat(v, 0)
	case v >= 10:
		return trimFloat(v, 1)
	}
	return trimFloat(v, 2)
}

// trimFloat formats v with at most prec decimals, trailing zeros dropped.
func trimFloat(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// thousands formats an integer part with comma separators.
func thousands(v float64) string {
	s := strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func formatPct(share float64) string {
	p := share * 100
	if p > 0 && p < 1 {
		return "<1%"
	}
	return strconv.Itoa(int(math.Round(p))) + "%"
}

// signed writes a change: +3, -2, ±0.
func signed(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "-" + strconv.Itoa(-n)
	}
	return "±0"
}

// periodName names a quarter: 2022Q1 → 2022年第一季度 / 2022 Q1.
func periodName(q, lang string) string {
	if q == model.QuarterUnknown {
		if lang == "en" {
			return "date unknown"
		}
		return "日期不详"
	}
	if len(q) != 6 || q[4] != 'Q' || q[5] < '1' || q[5] > '4' {
		return q
	}
	if lang == "en" {
		return q[:4] + " " + q[4:]
	}
	return q[:4] + "年第" + []string{"一", "二", "三", "四"}[q[5]-'1'] + "季度"
}

// newNarrative gathers the figures the templates speak of.
func newNarrative(r *model.Report, lang string) *narrative {
	n := &narrative{
		Lang:       lang,
		Period:     r.Period,
		PeriodName: periodName(r.Period, lang),
		DataUpTo:   r.DataUpTo,
		Generated:  r.Generated,
		FirstDate:  r.FirstDate,
		LastDate:   r.LastDate,
		C:          r.Counts,
		Clusters:   len(r.Clusters),
		Warnings:   len(r.Warnings),
		OtherBanks: max(r.Counts.Banks-withArticles(r), 0),
	}
	if r.Prev != nil {
		n.Prev = r.Prev
		n.PrevName = periodName(r.PrevPeriod, lang)
		n.DeltaArticles = signed(r.Counts.Used - r.Prev.Used)
		n.DeltaBanks = signed(r.Counts.Banks - r.Prev.Banks)
		n.ChangeArticles = r.Counts.Used - r.Prev.Used
		n.ChangeBanks = r.Counts.Banks - r.Prev.Banks
	}
	for _, t := range leadingThemes(r, 2) {
		tl := n.themeLine(t, r)
		if n.TopTheme == nil {
			n.TopTheme = tl
		} else {
			n.SecondTheme = tl
		}
	}
	for _, t := range r.Themes {
		if t.Frame && t.Articles > 0 {
			n.Frame = n.themeLine(t, r)
		}
	}
	if len(r.Banks) > 0 && r.Banks[0].Articles > 0 {
		n.TopBank = &bankLine{Name: r.Banks[0].Name, Articles: r.Banks[0].Articles}
	}
	if r.Counts.Money > 0 {
		n.Money = formatMoney(r.Counts.Money, lang)
		best := -1
		for i, b := range r.Banks {
			if b.Money > 0 && (best < 0 || b.Money > r.Banks[best].Money) {
				best = i
			}
		}
		if best >= 0 {
			n.MoneyBank = r.Banks[best].Name
			n.MoneyBankAmount = formatMoney(r.Banks[best].Money, lang)
		}
	}
	if len(r.Skipped) > 0 {
		n.SkippedExample = baseName(r.Skipped[0].File)
	}
	return n
}

func (n *narrative) themeLine(t model.ThemeRow, r *model.Report) *themeLine {
	tl := &themeLine{ID: t.ID, Name: model.Lookup(model.Themes, t.ID).Name(n.Lang), Articles: t.Articles}
	if r.Counts.Used > 0 {
		tl.Share = formatPct(float64(t.Articles) / float64(r.Counts.Used))
	}
	if t.Money > 0 {
		tl.Money = formatMoney(t.Money, n.Lang)
	}
	return tl
}

// leadingThemes are the themes with articles, most first, the frame left
// out, at most max (all when max ≤ 0).
func leadingThemes(r *model.Report, max int) []model.ThemeRow {
	var out []model.ThemeRow
	for _, t := range r.Themes {
		if t.Frame || t.ID == model.FrameTheme || t.Articles == 0 {
			continue
		}
		out = append(out, t)
		if max > 0 && len(out) == max {
			break
		}
	}
	return out
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
