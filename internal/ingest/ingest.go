// Package ingest is the first stage of the pipeline: files → model.Article.
// Its input is the bytes of one file (any extension); its output is a
// model.Article with the cleaned main text, title, date, source and URL, or a
// *SkipError saying in plain words why the file is not an article.
//
// It sniffs the format from the content (front matter, full HTML page or
// fragment, a JSON document or JSON-escaped page text, scraped text),
// converts the charset (UTF-8, UTF-8 with BOM,
// GBK/GB18030 declared or not, Big5, UTF-16 with BOM), reads front matter
// leniently, picks the main text of HTML pages, and cleans site boilerplate
// (menus, breadcrumbs, share bars, copyright lines, related-article lists)
// out of the body. goquery is used here and nowhere else. Most HTML — post
// bodies, fragments and full pages in the plain subset real pages are
// written in — is built into html.Parse's tree by a small stack-based
// builder (fasthtml.go: fastBody, fastPage); anything else goes through
// html.Parse, which the differential tests and fuzz targets compare it with.
//
// A file holding many articles (a monitoring platform's xlsx or CSV
// export, JSON Lines, a JSON list) is no article for Parse: ReadExport
// reads it into records, and internal/split writes each as an article file.
package ingest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/bankbrief/bankbrief/internal/model"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// MaxFileSize is the largest file read; larger files are skipped.
const MaxFileSize = 64 << 20

// SkipError says why a file is not an article; Reason is for people
// ("empty", "binary file", "larger than the 64 MB limit").
type SkipError struct {
	Reason string
	// Export is set when the file holds many articles (JSON Lines, a JSON
	// list of article objects): ReadExport reads them one by one.
	Export bool
}

func (e *SkipError) Error() string { return e.Reason }

func skipf(format string, a ...any) error { return &SkipError{Reason: fmt.Sprintf(format, a...)} }

// Parse reads one article from the bytes of a file. name is the file's path
// (its base name without extension becomes the ID). A *SkipError says the
// bytes are not an article.
func Parse(name string, data []byte) (a model.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a = model.Article{}
			err = skipf("could not be read (internal error: %v); please report this file", r)
		}
	}()
	a.File = name
	base := filepath.Base(name)
	a.ID = strings.TrimSuffix(base, filepath.Ext(base))
	if len(data) > MaxFileSize {
		return model.Article{}, skipf("larger than the %d MB limit", MaxFileSize>>20)
	}
	if len(data) == 0 {
		return model.Article{}, &SkipError{Reason: "empty"}
	}
	text, warns, skip := decode(data)
	if skip != "" {
		if r := DocumentReason(name); r != "" && strings.HasPrefix(skip, "binary file") {
			skip = r // a real Word file saved as .doc
		}
		return model.Article{}, &SkipError{Reason: skip}
	}
	a.Warnings = append(a.Warnings, warns...)
	if blank(text) {
		return model.Article{}, &SkipError{Reason: "whitespace only"}
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if skip := readText(&a, text); skip != "" {
		return model.Article{}, &SkipError{Reason: skip, Export: strings.HasSuffix(skip, manyAdvice)}
	}
	if a.Body == "" {
		return model.Article{}, &SkipError{Reason: "no text after cleaning"}
	}
	ownStrings(&a, data)
	return a, nil
}

// ownStrings copies the fields of a that share the bytes of data (decode
// reads valid UTF-8 in place), so that the article outlives them: the
// caller may reuse data for the next file. Fields made anew are kept.
func ownStrings(a *model.Article, data []byte) {
	for _, f := range []*string{&a.Title, &a.Date, &a.Source, &a.URL, &a.Author, &a.Body} {
		if inBytes(*f, data) {
			*f = strings.Clone(*f)
		}
	}
}

// inBytes says whether the bytes of s lie within b.
func inBytes(s string, b []byte) bool {
	if s == "" || len(b) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return p >= lo && p < lo+uintptr(len(b))
}

// ReadFile reads and parses one file, enforcing MaxFileSize without reading
// more than that.
func ReadFile(path string) (model.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return model.Article{}, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			return model.Article{}, &SkipError{Reason: "a folder, not a file"}
		}
		if st.Size() > MaxFileSize {
			return model.Article{}, skipf("larger than the %d MB limit", MaxFileSize>>20)
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return model.Article{}, fmt.Errorf("%s: %w", path, err)
	}
	return Parse(path, data)
}

// sniff says how the text is written: a full page, a fragment, or neither.
func sniff(text string) (isHTML, isPage bool) {
	head := text
	if len(head) > 8192 {
		head = head[:8192]
	}
	// Signs that a text is HTML: a document's tags, or common tags (the
	// scanners say what the regexps reHTMLDoc and reHTMLTag in
	// scan_test.go say, without stepping a regexp through 8 KB).
	if hasHTMLDoc(head) {
		return true, true
	}
	if strings.IndexByte(head, '<') < 0 {
		return false, false
	}
	tags := countHTMLTags(head, 6)
	lead := strings.TrimLeft(head, " \t\r\n\uFEFF")
	return tags >= 3 || (tags >= 1 && (strings.HasPrefix(lead, "<") || strings.Count(head, "\n") <= 3)), false
}

// readText is read; tests replace it to check that a panic becomes a skip.
var readText = read

// read fills a from the decoded text, or returns why the text is no one
// article (an export of many: manyArticles).
func read(a *model.Article, text string) (skip string) {
	j := *a
	if ok, skip := readJSON(&j, text); ok || skip != "" {
		if ok {
			*a = j
		}
		return skip
	}
	if skip := manyArticles(text); skip != "" {
		return skip
	}
	text = unescapeEmbedded(text)
	block, body, found, closed := splitFrontMatter(text)
	if found {
		readPost(a, block, body, closed)
		return ""
	}
	isHTML, isPage := sniff(text)
	if isHTML {
		a.Format = model.FormatHTML
		p := readHTML(text, false)
		h := hints{Title: p.Title, Date: p.Date, URL: p.URL, Source: p.Source, Author: p.Author,
			HeaderDates: true, TitleInText: p.Title == ""}
		if !isPage && p.Title == "" {
			// A fragment: its first text lines are its header.
			h.TitleInText = true
		}
		finish(a, p.Full, p.Lines, h)
		return ""
	}
	a.Format = model.FormatText
	lines := joinWrapped(splitHeadingLine(splitLines(text)))
	finish(a, lines, lines, hints{HeaderDates: true, TitleInText: true})
	return ""
}

// readPost reads a front matter post: the block's fields, then the body as
// HTML or markdown.
func readPost(a *model.Article, block, body string, closed bool) {
	a.Format = model.FormatJekyll
	if !closed {
		// No closing "---": the leading key: value lines are the front
		// matter, the rest the body.
		a.Warnings = append(a.Warnings, "front matter not closed with ---; read up to the first line that is not a key: value")
		block, body = splitOpenFrontMatter(block)
	}
	fm := parseFrontMatter(block)
	if fm.Lenient {
		a.Warnings = append(a.Warnings, "front matter is not valid YAML; read line by line")
	}
	h := hints{Title: fm.Title, Date: fm.Date, URL: fm.URL, Author: fm.Author, Source: fm.Source,
		TitleInText: fm.Title == ""}
	if fm.Date == "" {
		h.HeaderDates = true
	}
	if h.Source == "" {
		if len(fm.Tags) > 0 {
			h.Source = strings.TrimSuffix(fm.Tags[0], "新闻")
		} else if fm.Author != "" {
			h.Source = fm.Author
		}
	}
	var lines []string
	if isHTML, _ := sniff(body); isHTML {
		p := readHTML(body, true)
		lines = p.Lines
	} else {
		lines = splitLines(body)
	}
	finish(a, lines, lines, h)
}

// splitOpenFrontMatter splits an unclosed front matter block at its first
// line that is not "key: value" or a list item.
func splitOpenFrontMatter(s string) (block, body string) {
	pos := 0
	for pos < len(s) {
		line, _, ok := strings.Cut(s[pos:], "\n")
		t := strings.TrimSpace(line)
		isKV := t != "" && (strings.HasPrefix(t, "- ") || (strings.Contains(t, ":") && !strings.Contains(t[:strings.Index(t, ":")], " ") && strings.Index(t, ":") > 0 && strings.Index(t, ":") < 40))
		if !isKV && t != "" {
			break
		}
		if !ok {
			pos = len(s)
			break
		}
		pos += len(line) + 1
	}
	return s[:pos], s[pos:]
}

// splitLines cuts text into trimmed lines.
func splitLines(text string) []string {
	out := make([]string, 0, strings.Count(text, "\n")+1)
	for line := range strings.SplitSeq(text, "\n") {
		out = append(out, line)
	}
	return out
}

// agencyDateline returns the date of a news agency's dateline opening a
// text (中新网上海2021年7月6日电, 本报北京2023年3月1日讯): a date with its
// year, after at most twelve characters with no punctuation, and then 电 or
// 讯. A dateline without a year (新华社北京9月24日电) says no year and is
// left alone.
func agencyDateline(first string) string {
	head := first
	if len(head) > 4*40 {
		head = head[:4*40]
	}
	dm, ok := findDate(head)
	if !ok || utf8.RuneCountInString(head[:dm.Start]) > 12 || hasSentencePunct(head[:dm.Start]) {
		return ""
	}
	rest := head[dm.End:]
	for _, w := range []string{"电", "讯", "電", "訊"} {
		if t, ok := strings.CutPrefix(rest, w); ok {
			// then a bracket, a space or punctuation, not 电力, 讯息
			r, _ := utf8.DecodeRuneInString(t)
			if t == "" || unicode.IsSpace(r) || unicode.IsPunct(r) || r == '\u3000' {
				return dm.Date
			}
		}
	}
	return ""
}

// joinWrapped joins the lines of a text whose paragraphs were wrapped at a
// fixed width (copied from a PDF or a fixed-width page): paragraphs open
// indented (two full-width spaces, or two spaces or a tab) and go on over
// lines that are not, broken anywhere, inside a figure too (2.7万 / 户, 超 /
// 过8万人次). The text must show it: the lines a paragraph goes on after
// are of one width (within two columns, a CJK character counting two, or
// two characters), at least three of them and four in five; a line of that width is joined by
// the one after it while the paragraph is open (a blank line or a header's
// label closes it). A list or a table typed under an indented lead-in
// (成绩单： / 普惠贷款余额突破120亿元 / 一季度新增普惠贷款15亿元) has lines
// of many widths and is left as it is, as is a text whose paragraphs are
// one line each. Chinese puts no space between words, so the lines join
// with none.
func joinWrapped(lines []string) []string {
	indented := func(l string) bool {
		return strings.HasPrefix(l, "\u3000\u3000") || strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\t")
	}
	opens := func(l string) bool { // a line that never goes on a paragraph
		t := strings.TrimSpace(l)
		return t == "" || indented(l) || isByline(t) || startsWithLabel(t) || cutHeading(t)
	}
	// the lines a paragraph goes on after
	var rows []string
	open := false
	for i, l := range lines {
		switch {
		case strings.TrimSpace(l) == "":
			open = false
			continue
		case indented(l):
			open = true
		case !open:
			continue // outside a paragraph: nothing to measure, nothing to close
		case opens(l):
			open = false
			continue
		}
		if i+1 < len(lines) && !opens(lines[i+1]) {
			rows = append(rows, l)
		}
	}
	if len(rows) < 3 {
		return lines
	}
	// A wrap is at a number of columns (a fixed-width page) or of
	// characters (some editors and PDF copies): the measure whose width
	// more of the rows have is the one.
	var full func(string) bool
	best := 0
	for _, measure := range []func(string) int{displayWidth, func(l string) int { return utf8.RuneCountInString(strings.TrimRight(l, " \t\r")) }} {
		count := map[int]int{}
		for _, l := range rows {
			count[measure(l)]++
		}
		mostN, mostW := 0, 0 // (ties to the wider, so that map order does not matter)
		for w := range count {
			n := 0
			for d := -2; d <= 2; d++ {
				n += count[w+d]
			}
			if n > mostN || n == mostN && w > mostW {
				mostN, mostW = n, w
			}
		}
		if mostN > best {
			best = mostN
			m, width := measure, mostW
			full = func(l string) bool { x := m(l); return x >= width-2 && x <= width+2 }
		}
	}
	if best < 3 || 5*best < 4*len(rows) {
		return lines
	}
	out := make([]string, 0, len(lines))
	open = false
	joinNext := false
	for _, l := range lines {
		switch {
		case strings.TrimSpace(l) == "":
			open = false
		case indented(l):
			open = true
		case open && joinNext && !opens(l):
			out[len(out)-1] = strings.TrimRight(out[len(out)-1], " \t\r") + strings.TrimSpace(l)
			joinNext = full(l)
			continue
		case opens(l):
			open = false
		}
		out = append(out, l)
		joinNext = open && full(l)
	}
	return out
}

// displayWidth is the width of a line as a fixed-width page shows it: a
// character of the CJK blocks or a full-width form two columns, others one;
// the line's end (spaces, a carriage return) does not count.
func displayWidth(l string) int {
	w := 0
	for _, r := range strings.TrimRight(l, " \t\r") {
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 || r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x20000) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// finish runs the common steps: header lines (title, date, source),
// boilerplate removal, duplicated titles, related-article lists.
func finish(a *model.Article, full, main []string, h hints) {
	// Text and front-matter posts pass the same lines as full and main:
	// normalise them once (normLines returns a new slice, so the test must
	// come first).
	h.Title = stripPinyin(h.Title) // as normLines does to the lines
	same := sameSlices(full, main)
	// fullRunes and mainRunes: the lines' rune counts where normLine
	// knows them (-1 where not).
	full, fullRunes := normLines(full)
	mainRunes := fullRunes
	if same {
		main = full
	} else {
		main, mainRunes = normLines(main)
	}
	// A page's header lines (date, source) follow its headline, after
	// however many lines of menus.
	head, headRunes := full, fullRunes
	if h.Title != "" && !h.TitleInText {
		tk := titleKey(h.Title)
		for i, s := range full {
			if i > 400 {
				break
			}
			if len(s) <= 2*len(h.Title)+24 && sameTitle(s, tk) {
				head, headRunes = full[i:], fullRunes[i:]
				break
			}
		}
	}
	if len(head) == len(full) && len(main) > 0 && len(full) > headerZone {
		// No headline line: the header sits just above the main text.
		for i, s := range full {
			if i > 400 {
				break
			}
			if s == main[0] {
				head, headRunes = full[max(0, i-headerZone/2):], fullRunes[max(0, i-headerZone/2):]
				break
			}
		}
	}
	hd := readHeader(head, headRunes, h)
	// Text and posts read their header from their main lines: what
	// readHeader counted and tested of a line is not done again.
	headIsMain := len(head) > 0 && len(main) > 0 && &head[0] == &main[0]
	a.Title = h.Title
	if a.Title == "" {
		a.Title = hd.Title
	}
	a.Date = h.Date
	if a.Date == "" && h.HeaderDates {
		a.Date = hd.Date
	}
	a.Source, a.Author, a.URL = h.Source, h.Author, h.URL
	if hd.Source != "" {
		a.Source = hd.Source
	}
	if a.Author == "" {
		a.Author = hd.Author
	}
	titleK := titleKey(a.Title)

	var body []string
	bodyChars := 0
	for i, s := range main {
		if i < headerZone+4 && hd.Drop[s] {
			continue
		}
		if i < headerZone+8 && len(s) <= 2*len(titleK)+72 && sameTitle(s, titleK) {
			if len(body) >= 4 && !allChrome(body) {
				body = append(body, s)
				bodyChars += hanzi.RuneCount(s)
				continue
			}
			if allChrome(body) {
				// Everything above the headline is page furniture: an
				// e-paper's list of the page's other headlines, its
				// navigation, a kicker.
				body, bodyChars = body[:0], 0
			}
			continue
		}
		if m := origURL(s); m != nil {
			if a.URL == "" {
				a.URL = strings.TrimRight(m[1], ")）】")
			}
			continue
		}
		if m := onlyURL(s); m != nil {
			if a.URL == "" && a.Format == model.FormatJekyll {
				a.URL = m[1]
			}
			continue
		}
		var n int
		plain := false // already found not boilerplate
		switch {
		case headIsMain && i < len(hd.Runes):
			n, plain = hd.Runes[i], hd.Plain[i]
		case mainRunes[i] >= 0:
			n = mainRunes[i]
		default:
			n = bodyLineRunes(s)
		}
		if n <= 40 && bodyChars >= 100 && cutHeading(s) {
			break
		}
		if !plain && isBoilerplateN(s, n) {
			continue
		}
		if n <= 60 {
			if m := sourceMatch(s); m != nil && (n <= 30 || strings.HasPrefix(strings.Trim(s, "(（【[ "), "文章来源") || strings.HasPrefix(strings.Trim(s, "(（【[ "), "来源")) {
				if a.Format == model.FormatJekyll || a.Source == "" || strings.Contains(s, "文章来源") {
					a.Source = m[1]
				}
				continue
			}
			if n <= 40 && startsWithLabel(s) {
				if a.Author == "" {
					a.Author = findAuthor(s)
				}
				continue
			}
			if n <= 40 && !hasClausePunct(s) && (isByline(s) || len(body) < 3 && bylineWithName(s)) {
				if a.Author == "" {
					if m := reAuthor.FindStringSubmatch(s); m != nil {
						a.Author = m[1]
					} else {
						a.Author = firstName(s)
					}
				}
				continue
			}
		}
		body = append(body, s)
		bodyChars += n
	}
	body = dropRepeatedShort(body)
	if len(body) >= 2 && siteName(body[0]) && !sameTitle(body[0], titleK) {
		// The site's or paper's name above the text (新浪江西).
		body = body[1:]
	}
	if len(body) >= 2 && isPersonName(body[0]) && hanzi.RuneCount(body[1]) >= 40 && !sameTitle(body[0], titleK) {
		// A bare name above the first paragraph: the author's byline.
		if a.Author == "" {
			a.Author = body[0]
		}
		body = body[1:]
	}
	if n := len(body); n >= 2 && titleK != "" && sameTitle(body[n-1], titleK) {
		// The headline repeated below the text (pages that print it again
		// at the foot, or a related-article list starting with it).
		body = body[:n-1]
	}
	if len(body) == 0 && a.Title != "" {
		// The post is its title alone: keep it as the body.
		for _, s := range main {
			if sameTitle(s, titleK) {
				body = append(body, s)
				break
			}
		}
	}
	if a.Title == "" {
		if t := trailingHeadline(body); t != "" {
			a.Title = t
			body = body[:len(body)-1]
		}
	}
	if a.Date == "" && h.HeaderDates && len(body) > 0 {
		// 中新网上海2021年7月6日电（记者…）: a news agency's dateline opens
		// the text.
		a.Date = agencyDateline(body[0])
	}
	a.Body = strings.Join(body, "\n")
	if a.Title == "" && a.Body != "" {
		a.Title = shortTitle(a.Body)
		a.TitleFromBody = true
	}
	a.Source = strings.Trim(a.Source, " :：()（）")
}

// bodyLineRunes is the rune count of a line of the main text, except that
// for a line over 800 bytes, certainly over 200 runes, it is a lower bound
// over 200 (every rune takes at most four bytes): finish asks of a line
// only whether it is within 30, 40, 60, 150 or 200 runes, and of the sum
// only whether it reaches 100.
func bodyLineRunes(s string) int {
	if len(s) > 800 {
		return (len(s) + 3) / 4
	}
	return hanzi.RuneCount(s)
}

// allChrome says whether lines are all short and without a full stop:
// headlines, menu items and labels rather than paragraphs.
func allChrome(lines []string) bool {
	for _, s := range lines {
		if !runesAtMost(s, 40) || containsAny(s, "。", "！", "？", "!", "?") {
			return false
		}
	}
	return true
}

// normLines normalises lines (normLine), leaving out the empty ones and
// markdown rules; runes[k] is the rune count of out[k] when normLine knew
// it, else -1.
func normLines(in []string) (out []string, runes []int) {
	out = make([]string, 0, len(in))
	runes = make([]int, 0, len(in))
	for _, s := range in {
		s, n := normLineCounted(s)
		if s != "" && !isMDRule(s) {
			out = append(out, s)
			runes = append(runes, n)
		}
	}
	return out, runes
}

func sameSlices(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 {
		return true
	}
	return &a[0] == &b[0]
}

func origURL(s string) []string {
	if !strings.Contains(s, "http") || !(strings.Contains(s, "链接") || strings.Contains(s, "原文") || strings.Contains(s, "地址")) {
		return nil
	}
	return reOrigURL.FindStringSubmatch(s)
}

func onlyURL(s string) []string {
	if !strings.HasPrefix(s, "http") && !strings.HasPrefix(s, "<http") {
		return nil
	}
	return reOnlyURL.FindStringSubmatch(s)
}

func sourceMatch(s string) []string {
	if !strings.Contains(s, "源") && !strings.Contains(s, "出处") || !hasColon(s) {
		return nil // (reSource needs its label and a colon)
	}
	m := reSource.FindStringSubmatchIndex(s)
	if m == nil || imageCredit(s, m[0]) {
		return nil
	}
	return []string{s[m[0]:m[1]], s[m[2]:m[3]]}
}

// reHeadingBody is a markdown heading line that runs on into the body
// ("# 标题 2025年9月,……"): the title, a space, a long rest.
var reHeadingBody = regexp.MustCompile(`^#{1,2}\s+(\S{8,60}?)\s+(\S.{60,})$`)

// splitHeadingLine splits a first line that is a markdown heading followed
// on the same line by the body.
func splitHeadingLine(lines []string) []string {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "#") || hanzi.RuneCount(t) < 80 {
			return lines
		}
		if m := reHeadingBody.FindStringSubmatch(t); m != nil && titleLike(m[1]) {
			out := make([]string, 0, len(lines)+1)
			out = append(out, lines[:i]...)
			out = append(out, m[1], m[2])
			return append(out, lines[i+1:]...)
		}
		return lines
	}
	return lines
}

// bylineWithName says whether a short line names reporters after a
// medium's name (示例新闻实习生 王示例 示例新闻记者 李示例): a byline word
// and a separate two- or three-character name.
func bylineWithName(s string) bool {
	if !bylineWordSet.in(s) {
		return false
	}
	return firstName(s) != ""
}

// firstName returns the first two- or three-character name among the
// space-separated words of a byline, "" when there is none.
func firstName(s string) string {
	for _, f := range strings.Fields(s) {
		if isPersonName(f) {
			return f
		}
	}
	return ""
}

// bylineLabels start lines that name who wrote, edited or checked a text.
var bylineLabels = []string{"作者", "责任编辑", "責任編輯", "编辑", "編輯", "审核", "審核", "校对", "校對", "撰稿", "审稿", "審稿", "来源", "來源", "记者", "記者"}

// startsWithLabel says whether s opens with a byline label and a colon.
func startsWithLabel(s string) bool {
	t := strings.TrimLeft(s, "(（【[ ")
	for _, l := range bylineLabels {
		if strings.HasPrefix(t, l) {
			r := strings.TrimLeft(t[len(l):], " ")
			return strings.HasPrefix(r, ":") || strings.HasPrefix(r, "：")
		}
	}
	return false
}

// dropRepeatedShort removes short lines that a page repeats three times or
// more (a subheading or a slogan pasted through the text): noise.
func dropRepeatedShort(body []string) []string {
	short := 0
	for _, s := range body {
		if len(s) <= 90 {
			short++
		}
	}
	if short < 3 {
		return body // no line can be there three times
	}
	count := map[string]int{}
	for _, s := range body {
		if len(s) <= 90 {
			count[s]++
		}
	}
	out := body[:0]
	for _, s := range body {
		if count[s] >= 3 && hanzi.RuneCount(s) <= 30 {
			continue
		}
		out = append(out, s)
	}
	return out
}

// blank says whether text is white space and byte-order marks only (an
// invalid byte is text). It stops at the first other rune.
func blank(text string) bool {
	for _, r := range text {
		if !isSpace(r) && r != '\uFEFF' && !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}
