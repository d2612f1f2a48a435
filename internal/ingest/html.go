package ingest

import (
	"bytes"
	"encoding/binary"
	"regexp"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

var (
	// Server-side template code left in saved pages (PHP, ASP, JSP).
	reServerCode = regexp.MustCompile(`(?s)<\?(?:php|=)?.*?\?>|<%.*?%>|</?jsp:[^>]*>`)
	// Class and id words of page furniture: junkClass in scan.go (the
	// regexp it replaces, reJunkClass, is in scan_test.go).
	// Class and id words of main text containers.
	reGoodClass = regexp.MustCompile(`(?i)article|content|post|entry|text|main|detail|body|news|story|zw|cont`)
)

// htmlPage is what the HTML reader takes from a page or fragment.
type htmlPage struct {
	Title, Date, URL, Source, Author string
	// Lines is the text of the main container, one block per line.
	Lines []string
	// Full is the text of the whole page (minus scripts and styles), used to
	// find the header lines near the title.
	Full []string
}

// prepareHTML removes what would confuse an HTML parser in saved pages:
// server-side template code and markdown autolinks.
func prepareHTML(src string) string {
	code, link := serverCodeOrLink(src)
	if code {
		src = reServerCode.ReplaceAllString(src, "")
		link = strings.Contains(src, "<http") // (the code may have held or hidden one)
	}
	if link {
		src = autoLinksToText(src)
	}
	return src
}

// autoLinksToText turns markdown autolinks (<http://…>), which an HTML
// parser would take for tags, into paragraphs: the regexp
// <(https?://[^>\s]+)> replaced by <p>$1</p> (reAutoLink in scan_test.go),
// read by hand. At each "<http" the link runs to the first '>' or white
// space, which must be a '>'.
func autoLinksToText(src string) string {
	var b strings.Builder
	last := 0
	for i := 0; ; {
		k := strings.Index(src[i:], "<http")
		if k < 0 {
			break
		}
		i += k
		j := i + len("<http")
		if strings.HasPrefix(src[j:], "s") {
			j++
		}
		if !strings.HasPrefix(src[j:], "://") {
			i++
			continue
		}
		j += len("://")
		start := j
		for j < len(src) && src[j] != '>' && !isRESpace(src[j]) {
			j++
		}
		if j == start || j == len(src) || src[j] != '>' {
			i++
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(src) + 16)
		}
		b.WriteString(src[last:i])
		b.WriteString("<p>")
		b.WriteString(src[i+1 : j])
		b.WriteString("</p>")
		i = j + 1
		last = i
	}
	if last == 0 {
		return src
	}
	b.WriteString(src[last:])
	return b.String()
}

// serverCodeOrLink says, in one pass from '<' to '<', whether src holds
// "<?", "<%" or "<jsp:" (server code), and whether it holds "<http".
func serverCodeOrLink(src string) (code, link bool) {
	for i := 0; ; i++ {
		k := strings.IndexByte(src[i:], '<')
		if k < 0 {
			return code, link
		}
		i += k
		rest := src[i+1:]
		switch {
		case strings.HasPrefix(rest, "?") || strings.HasPrefix(rest, "%") || strings.HasPrefix(rest, "jsp:"):
			code = true
		case strings.HasPrefix(rest, "http"):
			link = true
		}
	}
}

// readHTML parses an HTML page or fragment. fragment says the HTML is the
// body of a front-matter post: then all of it is the article.
func readHTML(src string, fragment bool) htmlPage {
	src = prepareHTML(src)
	// Most post bodies and HTML fragments are plain enough for fastBody,
	// which builds the same body as html.Parse (see fasthtml.go).
	if body, ok := fastBody(src); ok {
		return readBody(body, fragment)
	}
	// And most full pages for fastPage, which builds what readDoc reads.
	if doc, body, ok := fastPage(src); ok {
		if fragment {
			return readBody(body, true)
		}
		return readDoc(goquery.NewDocumentFromNode(doc), false)
	}
	return readParsed(src, fragment)
}

// readBody is readParsed for a body that fastBody built. Such a page has
// no meta, title or link element: of its metadata readParsed would find
// only the first <h1> (the title) and <time datetime> (the date).
func readBody(body *html.Node, fragment bool) htmlPage {
	var p htmlPage
	if fragment {
		removeJunk(body, true)
		p.Lines = renderLines(body)
		return p
	}
	p.Title = pickHTMLTitle(normSpace(nodeText(firstElement(body, "h1"))), "", "")
	if v, ok := firstAttr(body, "time", "datetime"); ok {
		p.Date = ParseDate(v)
	}
	p.readText(body)
	return p
}

// readText sets the page's text: all of body's (Full) and its main
// container's (Lines), page furniture removed.
func (p *htmlPage) readText(body *html.Node) {
	removeJunk(body, false)
	p.Full = renderLines(body)
	main := bestContainer(body)
	removeJunk(main, true)
	p.Lines = renderLines(main)
}

// nodeText is the text under n, as goquery's Selection.Text joins it ("" for
// nil).
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String()
}

// firstAttr returns the attribute key of the first element named tag under
// n (in document order) that has one, as goquery's
// Find("tag[key]").First().Attr(key).
func firstAttr(n *html.Node, tag, key string) (string, bool) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && n.Data == tag {
			for _, a := range n.Attr {
				if a.Namespace == "" && a.Key == key {
					return a.Val, true
				}
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return "", false
}

// readParsed is readHTML with html.Parse (through goquery): for what
// fastBody does not take, and the reference readBody is tested against.
func readParsed(src string, fragment bool) htmlPage {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		// The parser refuses pages nested deeper than 512 elements; the
		// tokenizer still reads their text.
		return tokenizeHTML(src, fragment)
	}
	return readDoc(doc, fragment)
}

// readDoc reads a parsed page or fragment.
func readDoc(doc *goquery.Document, fragment bool) htmlPage {
	var p htmlPage
	if fragment {
		// The body of a post or a JSON document: its metadata comes from
		// elsewhere and only the lines are used, so neither the meta tags
		// nor the whole page's text (Full) is read.
		body := firstElement(doc.Nodes[0], "body") // as doc.Find("body") below
		if body == nil {
			body = doc.Nodes[0]
		}
		removeJunk(body, true)
		p.Lines = renderLines(body)
		return p
	}
	// Metadata first, before anything is removed: one pass over the meta
	// tags, keyed by their lower-cased name, property or itemprop.
	meta := map[string]string{}
	doc.Find("meta").Each(func(_ int, m *goquery.Selection) {
		content, ok := m.Attr("content")
		if !ok {
			return
		}
		for _, k := range []string{"name", "property", "itemprop"} {
			if v, ok := m.Attr(k); ok && v != "" {
				key := strings.ToLower(v)
				if _, seen := meta[key]; !seen {
					meta[key] = strings.TrimSpace(content)
				}
			}
		}
	})
	if !fragment {
		docTitle := normSpace(doc.Find("title").First().Text())
		h1 := normSpace(doc.Find("h1").First().Text())
		p.Title = pickHTMLTitle(h1, meta["og:title"], docTitle)
	}
	for _, k := range []string{"article:published_time", "og:release_date", "pubdate", "publishdate",
		"publish_date", "datepublished", "date", "dc.date", "dcterms.created", "dc.date.issued"} {
		if d := ParseDate(meta[k]); d != "" {
			p.Date = d
			break
		}
	}
	if p.Date == "" {
		if v, ok := doc.Find("time[datetime]").First().Attr("datetime"); ok {
			p.Date = ParseDate(v)
		}
	}
	// bankbrief:url is written by internal/fetch into the pages it saves.
	p.URL = meta["bankbrief:url"]
	if p.URL == "" {
		p.URL = meta["og:url"]
	}
	if p.URL == "" {
		p.URL, _ = doc.Find(`link[rel="canonical"]`).First().Attr("href")
	}
	if !strings.Contains(p.URL, "://") {
		p.URL = ""
	}
	p.Source = meta["source"]
	p.Author = meta["author"]

	root := doc.Find("body").First()
	if root.Length() == 0 {
		root = doc.Selection
	}
	if root.Length() == 0 {
		return p
	}
	body := root.Nodes[0]
	p.readText(body)
	return p
}

// pickHTMLTitle chooses the headline among the first h1, og:title and
// <title> (whose site-name suffix is cut off).
func pickHTMLTitle(h1, og, doc string) string {
	site := cutSiteName(doc)
	if isBoilerplate(site) || siteName(site) {
		site = "" // the page's <title> names only the site
	}
	if siteName(h1) {
		h1 = "" // a logo in an h1
	}
	if siteName(cutSiteName(og)) {
		og = ""
	}
	switch {
	case h1 != "" && hanzi.RuneCount(h1) >= 4 && hanzi.RuneCount(h1) <= 120 && (site == "" || strings.Contains(doc, h1) || strings.Contains(h1, site)):
		return h1
	case h1 != "" && hanzi.RuneCount(h1) >= 6 && hanzi.RuneCount(h1) <= 120 && !isBoilerplate(h1) && hanzi.RuneCount(h1) >= hanzi.RuneCount(site):
		return h1
	case og != "":
		return cutSiteName(og)
	case site != "":
		return site
	case h1 != "" && hanzi.RuneCount(h1) <= 120:
		return h1
	}
	return ""
}

var reTitleSep = regexp.MustCompile(`\s*(?:_|\||｜| - | — | – |--)\s*`)

// cutSiteName keeps the longest part of a <title> split at the separators
// sites put between headline, channel and site name.
func cutSiteName(t string) string {
	parts := reTitleSep.Split(t, -1)
	best := ""
	for _, p := range parts {
		if hanzi.RuneCount(p) > hanzi.RuneCount(best) {
			best = p
		}
	}
	return strings.TrimSpace(best)
}

// Elements that hold no article text.
var junkTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true, atom.Svg: true,
	atom.Select: true, atom.Button: true, atom.Input: true, atom.Textarea: true, atom.Template: true,
	atom.Head: true, atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Map: true,
	atom.Link: true, atom.Meta: true, atom.Title: true, atom.Math: true,
}

// Void elements: no end tag.
var voidTags = map[atom.Atom]bool{atom.Meta: true, atom.Link: true, atom.Input: true, atom.Embed: true,
	atom.Br: true, atom.Img: true, atom.Hr: true, atom.Area: true, atom.Base: true, atom.Col: true,
	atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true}

// Elements that are page furniture when judging the main text.
var furnitureTags = map[atom.Atom]bool{atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Header: true, atom.Form: false}

// removeJunk detaches the elements without article text, and with furniture
// set also navigation, footers and elements whose class or id says so. It
// walks the tree without recursion (pages may nest 10,000 deep).
func removeJunk(root *html.Node, furniture bool) {
	stack := []*html.Node{root}
	var drop []*html.Node
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.CommentNode:
				drop = append(drop, c)
				continue
			case html.ElementNode:
				if junkTags[c.DataAtom] || (furniture && (furnitureTags[c.DataAtom] || junkAttr(c))) {
					drop = append(drop, c)
					continue
				}
				stack = append(stack, c)
			}
		}
	}
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

func junkAttr(n *html.Node) bool {
	for _, a := range n.Attr {
		if (a.Key == "class" || a.Key == "id") && a.Val != "" && junkClass(a.Val) {
			if reGoodClass.MatchString(a.Val) && !strings.Contains(strings.ToLower(a.Val), "appendqr") {
				continue
			}
			return true
		}
		if a.Key == "style" && strings.Contains(strings.ReplaceAll(a.Val, " ", ""), "display:none") {
			return true
		}
	}
	return false
}

// Block elements: each starts a new line of text.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Tr: true, atom.Table: true, atom.Tbody: true, atom.Section: true, atom.Article: true,
	atom.Blockquote: true, atom.Pre: true, atom.Dd: true, atom.Dt: true, atom.Dl: true,
	atom.Figure: true, atom.Figcaption: true, atom.Header: true, atom.Footer: true, atom.Main: true,
	atom.Hr: true, atom.Center: true, atom.Form: true, atom.Fieldset: true, atom.Address: true,
	atom.Body: true, atom.Html: true, atom.Td: true, atom.Th: true, atom.Caption: true,
}

// cellTag says a is a table's cell: a block that does not start a line of
// text. A table's row is one line, its cells separated by spaces, so that
// 7,962亿元 reads with its label 绿色贷款余额. (Cells stay blocks for finding
// the main text.)
func cellTag(a atom.Atom) bool { return a == atom.Td || a == atom.Th }

// renderLines writes the text under n, one line per block, without
// recursion. Inline elements (a, span, font, strong) join their text.
func renderLines(n *html.Node) []string {
	var lines []string
	var cur []byte // the line being written, its buffer reused line after line
	flush := func() {
		if len(cur) > 0 {
			if t := bytes.TrimSpace(cur); len(t) > 0 {
				lines = append(lines, string(t))
			}
			cur = cur[:0]
		}
	}
	type item struct {
		n    *html.Node
		exit bool
	}
	stack := []item{{n, false}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		c := it.n
		if it.exit {
			flush()
			continue
		}
		switch c.Type {
		case html.TextNode:
			if c.Parent != nil && c.Parent.DataAtom == atom.Body && strings.Contains(strings.TrimSpace(c.Data), "\n") {
				// Text straight under <body> (text with some HTML in it):
				// its lines are lines.
				for i, line := range strings.Split(c.Data, "\n") {
					if i > 0 {
						flush()
					}
					cur = appendCollapsedBytes(cur, line)
				}
				continue
			}
			if strings.Contains(c.Data, "\n\n") || strings.Contains(c.Data, "\n \n") {
				// Markdown between HTML blocks: blank lines part paragraphs.
				for i, para := range splitBlankLines(c.Data) {
					if i > 0 {
						flush()
					}
					cur = appendCollapsedBytes(cur, para)
				}
				continue
			}
			cur = appendCollapsedBytes(cur, c.Data)
			continue
		case html.ElementNode:
			if junkTags[c.DataAtom] {
				continue
			}
			if c.DataAtom == atom.Img {
				continue
			}
			if cellTag(c.DataAtom) {
				cur = append(cur, ' ')
			} else if blockTags[c.DataAtom] {
				flush()
				stack = append(stack, item{c, true})
			}
		case html.CommentNode:
			continue
		}
		// Children in reverse so the first is taken first.
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, item{k, false})
		}
	}
	flush()
	return lines
}

// appendCollapsed appends text with runs of white space made one space
// (and invalid UTF-8 bytes made U+FFFD).
func appendCollapsed(b *strings.Builder, s string) {
	var pre [1]byte
	p := pre[:0]
	if b.Len() > 0 && lastIsSpace(b) {
		p = append(p, ' ') // a space already written
	}
	b.Write(appendCollapsedBytes(p, s)[len(p):])
}

// appendCollapsedBytes appends s to b the way appendCollapsed writes it to
// a builder, b's last byte telling whether a space was just written. The
// bytes between spaces are copied in runs, not rune by rune; runs of Han
// characters are read two runes at a time, and of ASCII eight bytes.
func appendCollapsedBytes(b []byte, s string) []byte {
	space := len(b) > 0 && b[len(b)-1] == ' '
	run := 0 // start of the bytes read but not yet written
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			x := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:i+8]), 8))
			if x&0x8080808080808080 == 0 && !byteBelow0x21(x) {
				i += 8 // eight ASCII bytes, none a space or control
				space = false
				continue
			}
			if twoRunes3(s, i, &collapsePlain3) {
				i += 6
				space = false
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				i++
				space = false
				continue
			}
		} else if (c == 0xE1 || c >= 0xE4 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// a three-byte rune other than U+2000–U+3FFF (where the
			// non-ASCII spaces are)
			i += 3
			space = false
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSpace(r):
			b = append(b, s[run:i]...)
			if !space {
				b = append(b, ' ')
				space = true
			}
		case r == utf8.RuneError && n == 1:
			b = append(b, s[run:i]...)
			b = utf8.AppendRune(b, r)
			space = false
		default:
			i += n
			space = false
			continue
		}
		i += n
		run = i
	}
	return append(b, s[run:]...)
}

// collapsePlain3 marks the lead bytes of three-byte runes that take any two
// continuation bytes and are not U+2000–U+3FFF (where the non-ASCII spaces
// are): E1, E4–EC, EE, EF.
var collapsePlain3 = func() (t [256]bool) {
	t = anyTwoContinuations
	t[0xE2], t[0xE3] = false, false
	return t
}()

// byteBelow0x21 says whether one of the eight ASCII bytes of x is below
// 0x21 (a space or a control byte).
func byteBelow0x21(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x-ones*0x21)&^x&highs != 0
}

// splitBlankLines is reBlankLine.Split(s, -1): s cut at each newline,
// spaces, tabs and carriage returns, newline (each search going on after
// the last cut; the class before the second newline holds no newline, so
// the greedy reading is the only one).
func splitBlankLines(s string) []string {
	var out []string
	beg := 0
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '\n')
		if k < 0 {
			break
		}
		i += k
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			out = append(out, s[beg:i])
			beg = j + 1
			i = j + 1
			continue
		}
		i++
	}
	return append(out, s[beg:])
}

func lastIsSpace(b *strings.Builder) bool {
	s := b.String()
	return len(s) > 0 && s[len(s)-1] == ' '
}

// bestContainer picks the element holding the article's main text: each
// element's own text (outside links, with its sentence marks) counts fully
// for its parent and half for its grandparent, the way readability scores
// paragraphs. On the corpus' 26 HTML inputs these rules keep all the text
// go-trafilatura keeps except its boilerplate (editor, original-title and
// licence lines), and keep the section headings it drops, at a fraction of
// its cost; so trafilatura is not a dependency.
func bestContainer(body *html.Node) *html.Node {
	// Preorder list (each node's children last to first), each node's
	// index in it, and a reverse pass that computes text lengths
	// bottom-up, each node adding its sums into its parent's.
	var order []*html.Node
	var parent []int // index of the parent in order; -1 for body
	stack := []*html.Node{body}
	parents := []int{-1}
	for len(stack) > 0 {
		n, p := stack[len(stack)-1], parents[len(parents)-1]
		stack, parents = stack[:len(stack)-1], parents[:len(parents)-1]
		i := len(order)
		order = append(order, n)
		parent = append(parent, p)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				stack = append(stack, c)
				parents = append(parents, i)
			}
		}
	}
	type sums struct {
		own    int // text directly in the element (and inline children)
		linked int // of which inside links
		total  int // text outside links, the whole subtree
		punct  int // ，。；！？ in the own text
	}
	sum := make([]sums, len(order))
	for i := len(order) - 1; i >= 0; i-- {
		n, m := order[i], &sum[i]
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				k := textWeight(c.Data)
				m.own += k
				m.punct += countPunct(c.Data)
				if n.DataAtom == atom.A {
					m.linked += k
				} else {
					m.total += k // text outside links
				}
			}
		}
		// Its element children are done (they follow it in order).
		if p := parent[i]; p >= 0 {
			pm := &sum[p]
			pm.total += m.total
			if !blockTags[n.DataAtom] {
				pm.own += m.own
				pm.punct += m.punct
				if n.DataAtom == atom.A {
					pm.linked += m.own
				} else {
					pm.linked += m.linked
				}
			}
		}
	}
	// Scores, indexed as order; body's parent and grandparent, outside
	// it, take the two slots after it.
	score := make([]float64, len(order)+2)
	slot := func(i int, up int) int { // the index of order[i]'s ancestor up levels above
		for ; up > 0; up-- {
			if i < 0 {
				i-- // beyond body: -1 its parent, -2 its grandparent
				continue
			}
			i = parent[i]
		}
		if i < 0 {
			return len(order) - 1 - i
		}
		return i
	}
	for i, n := range order {
		t := sum[i].own - sum[i].linked
		if t < 25 || n.Parent == nil {
			continue // headings, dates, captions: no evidence of the main text
		}
		w := float64(t + 3*sum[i].punct)
		score[slot(i, 1)] += w
		if n.Parent.Parent != nil {
			score[slot(i, 2)] += w / 2
		}
	}
	nodeAt := func(k int) *html.Node {
		switch {
		case k < len(order):
			return order[k]
		case k == len(order):
			return body.Parent
		}
		return body.Parent.Parent
	}
	best, bestScore := body, 0.0
	for k, s := range score {
		if s == 0 {
			continue // (the map this replaces held only nodes given a score)
		}
		n := nodeAt(k)
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if (a.Key == "class" || a.Key == "id") && reGoodClass.MatchString(a.Val) {
				s *= 1.25
				break
			}
		}
		if s > bestScore || (s == bestScore && best != body && isAncestor(n, best)) {
			best, bestScore = n, s
		}
	}
	// Without a paragraph of real sentences anywhere, the body is the best
	// guess.
	if best != body && bestScore < 40 {
		return body
	}
	return best
}

// firstElement returns the first element named tag under n in document
// order (n included), nil when there is none.
func firstElement(n *html.Node, tag string) *html.Node {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && n.Data == tag {
			return n
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return nil
}

func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// textWeight counts the letters of s (a Han character or a word character
// counts one; spaces and punctuation none).
func textWeight(s string) int {
	n := 0
	for _, r := range s {
		if r > 0x2E80 || (r >= '0' && r <= '9') || (r|0x20 >= 'a' && r|0x20 <= 'z') {
			n++
		}
	}
	return n
}

func normSpace(s string) string {
	if simpleSpaces(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	appendCollapsed(&b, s)
	return strings.TrimSpace(b.String())
}

// tokenizeHTML reads the text of a page the parser refused, token by token:
// blocks start lines, scripts and styles are skipped, <title> is the title.
func tokenizeHTML(src string, fragment bool) htmlPage {
	var p htmlPage
	z := html.NewTokenizer(strings.NewReader(src))
	var cur strings.Builder
	var lines []string
	flush := func() {
		if t := strings.TrimSpace(cur.String()); t != "" {
			lines = append(lines, t)
		}
		cur.Reset()
	}
	skip := 0
	inTitle := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			p.Full, p.Lines = lines, lines
			return p
		case html.TextToken:
			if inTitle && !fragment {
				p.Title = cutSiteName(normSpace(string(z.Text())))
				continue
			}
			if skip == 0 {
				appendCollapsed(&cur, string(z.Text()))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Title {
				inTitle = tt == html.StartTagToken
				continue
			}
			if junkTags[a] && !voidTags[a] && tt != html.SelfClosingTagToken {
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
				continue
			}
			if cellTag(a) {
				cur.WriteByte(' ')
			} else if blockTags[a] {
				flush()
			}
		}
	}
}

// simpleSpaces says whether s has no white space but single ASCII spaces
// (then collapsing changes nothing).
// spaceByte marks the bytes simpleSpaces looks at: ASCII white space and
// the lead bytes of the non-ASCII spaces.
var spaceByte = func() (t [256]bool) {
	for _, c := range []byte{' ', '\t', '\n', '\r', '\f', '\v', 0xC2, 0xE2, 0xE3} {
		t[c] = true
	}
	return t
}()

func simpleSpaces(s string) bool {
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !spaceByte[c] {
			prevSpace = false
			continue
		}
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xC2 || c == 0xE3 || c == 0xE2:
			// tabs, newlines, and the lead bytes of U+00A0, U+3000, U+2002…
			if c >= 0x80 && !nonASCIISpaceAt(s, i) {
				prevSpace = false
				continue
			}
			return false
		}
		prevSpace = false
	}
	return true
}

// nonASCIISpaceAt says a non-ASCII space of isSpace starts at s[i], by its
// bytes: U+00A0 (C2 A0), U+3000 (E3 80 80), U+2002, U+2003, U+2009 and
// U+202F (E2 80 82, 83, 89, AF).
func nonASCIISpaceAt(s string, i int) bool {
	switch s[i] {
	case 0xC2:
		return i+1 < len(s) && s[i+1] == 0xA0
	case 0xE3:
		return i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80
	case 0xE2:
		if i+2 < len(s) && s[i+1] == 0x80 {
			switch s[i+2] {
			case 0x82, 0x83, 0x89, 0xAF:
				return true
			}
		}
	}
	return false
}

// countPunct counts the Chinese sentence punctuation in s.
func countPunct(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case '，', '。', '；', '！', '？', '、':
			n++
		}
	}
	return n
}
