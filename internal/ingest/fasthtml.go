package ingest

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// fastBody builds the <body> of an HTML fragment the way html.Parse would,
// for the plain HTML that post bodies are mostly written in: paragraphs,
// divisions, headings, spans, links and emphasis, properly nested, with
// comments, <br>, <img> and <style> blocks. For such input the HTML5 tree
// construction rules reduce to a stack: every end tag closes the current
// element (after the paragraphs that a block's end closes implicitly), and
// the list of active formatting elements never needs reconstructing. ok is
// false as soon as the input leaves that subset (tables, lists, scripts,
// foreign content, misnested or unknown tags, self-closed non-void tags,
// unusual comment syntax, entities other than &amp; &lt; &gt; &quot; in
// kept attribute values, a tag cut off by the end): the caller then uses
// html.Parse. <style> blocks before the body's content go to the head and
// are passed over. Attributes are read as the tokenizer reads them,
// malformed ones included. It is about five times faster than html.Parse
// and allocates much less. As it takes no meta, title or link element,
// a page it takes has no metadata but its first <h1> and <time datetime>.
//
// Only what readHTML reads is built: elements with their DataAtom, Data
// and their class, id and style attributes (and a time element's
// datetime; other attributes are left out), text nodes, comment nodes
// (without their text).
// TestFastBodyAgrees and FuzzFastBody compare the trees with html.Parse's.
func fastBody(src string) (body *html.Node, ok bool) {
	if strings.IndexByte(src, 0) >= 0 || strings.IndexByte(src, '\r') >= 0 {
		return nil, false // the tokenizer rewrites these
	}
	_, _, body = newFastDoc()
	b := fastBuilder{stack: []*html.Node{body}}
	if end, ok := b.content(src, 0, false); !ok || end < len(src) {
		return nil, false
	}
	return body, true
}

// newFastDoc returns a document with its html, head and body elements.
func newFastDoc() (doc, head, body *html.Node) {
	doc = &html.Node{Type: html.DocumentNode}
	root := &html.Node{Type: html.ElementNode, DataAtom: atom.Html, Data: "html"}
	doc.AppendChild(root)
	head = &html.Node{Type: html.ElementNode, DataAtom: atom.Head, Data: "head"}
	root.AppendChild(head)
	body = &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	root.AppendChild(body)
	return doc, head, body
}

// content reads the body's content from src[i:] (started: whether the body
// has content yet, or was opened by a <body> tag) up to the end of src or
// to a </body> or </html> tag, returning where it stopped.
func (b *fastBuilder) content(src string, i int, started bool) (end int, ok bool) {
	text := i // start of the pending text
	for i < len(src) {
		k := strings.IndexByte(src[i:], '<')
		if k < 0 {
			break
		}
		i += k
		if i+1 >= len(src) {
			break // a '<' at the end is text
		}
		c := src[i+1]
		isLetter := c|0x20 >= 'a' && c|0x20 <= 'z'
		if !isLetter && c != '/' && c != '!' && c != '?' {
			i++ // a '<' that starts no tag is text
			continue
		}
		// The text before the tag.
		if text < i {
			if !b.text(src[text:i], &started) {
				return 0, false
			}
		}
		switch {
		case c == '!':
			end, ok := commentEnd(src, i)
			if !ok {
				return 0, false
			}
			if started {
				b.top().AppendChild(b.node(html.CommentNode, 0, ""))
			}
			// (Before the body's content a comment goes to the document
			// or the head.)
			i = end
		case c == '/':
			if name, _, _ := tagName(src, i+2); name == "body" || name == "html" {
				return i, true
			}
			end, ok := b.endTag(src, i)
			if !ok || !started {
				return 0, false
			}
			i = end
		case isLetter:
			end, inBody, ok := b.startTag(src, i, started)
			if !ok {
				return 0, false
			}
			started = started || inBody
			i = end
		default: // <? is a bogus comment
			return 0, false
		}
		text = i
	}
	if text < len(src) && !b.text(src[text:], &started) {
		return 0, false
	}
	return len(src), true
}

// fastBuilder is the stack of open elements below <body>, and the nodes
// not handed out yet.
type fastBuilder struct {
	stack []*html.Node
	slab  []html.Node
}

// node returns a new node, taken from a slab allocated 64 at a time (the
// tree lives as long as one readHTML call; one allocation instead of 64).
func (b *fastBuilder) node(t html.NodeType, a atom.Atom, data string) *html.Node {
	if len(b.slab) == 0 {
		b.slab = make([]html.Node, 64)
	}
	n := &b.slab[0]
	b.slab = b.slab[1:]
	n.Type, n.DataAtom, n.Data = t, a, data
	return n
}

func (b *fastBuilder) top() *html.Node { return b.stack[len(b.stack)-1] }

func (b *fastBuilder) open(a atom.Atom) bool {
	for _, n := range b.stack {
		if n.DataAtom == a {
			return true
		}
	}
	return false
}

func (b *fastBuilder) pop() { b.stack = b.stack[:len(b.stack)-1] }

// text inserts raw text (entities not yet decoded). Before the body's first
// content, leading white space goes elsewhere.
func (b *fastBuilder) text(raw string, started *bool) bool {
	t := raw
	if strings.IndexByte(raw, '&') >= 0 { // (html.UnescapeString decodes every rune to find one)
		t = html.UnescapeString(raw)
	}
	if !*started {
		t = strings.TrimLeft(t, " \t\r\n\f")
		if t == "" {
			return true
		}
		*started = true
	}
	top := b.top()
	if last := top.LastChild; last != nil && last.Type == html.TextNode {
		last.Data += t
		return true
	}
	top.AppendChild(b.node(html.TextNode, 0, t))
	return true
}

// commentEnd returns the index after the comment starting at src[i] ("<!"),
// for plain comments only: "<!--", text, the first "-->", where the text
// does not start with ">" or "->" and holds no "--!>".
func commentEnd(src string, i int) (int, bool) {
	if !strings.HasPrefix(src[i:], "<!--") {
		return 0, false // a doctype, CDATA or bogus comment
	}
	start := i + 4
	k := strings.Index(src[start:], "-->")
	if k < 0 {
		return 0, false
	}
	body := src[start : start+k]
	if strings.HasPrefix(body, ">") || strings.HasPrefix(body, "->") || strings.Contains(body, "--!>") {
		return 0, false
	}
	return start + k + 3, true
}

// Kinds of the elements fastBody accepts.
const (
	kindBlock      = iota + 1 // closes an open <p> when it starts; its end tag closes open <p>s
	kindHeading               // a block, and never inside another heading
	kindFormatting            // on the list of active formatting elements
	kindInline                // an ordinary element
	kindVoid                  // no content, no end tag
	kindRaw                   // raw text up to its end tag: style, script, iframe
	kindList                  // ul, ol: a block
	kindItem                  // li: a block that closes the li it starts in
	kindForm                  // a block, never inside another form
	kindButton                // an ordinary element, never inside another button
	kindSVG                   // foreign content (see foreign)
)

var fastKinds = map[string]int{
	"div": kindBlock, "p": kindBlock, "section": kindBlock, "article": kindBlock, "blockquote": kindBlock,
	"center": kindBlock, "figure": kindBlock, "figcaption": kindBlock, "header": kindBlock, "footer": kindBlock,
	"nav": kindBlock, "aside": kindBlock, "main": kindBlock, "address": kindBlock, "hgroup": kindBlock,
	"h1": kindHeading, "h2": kindHeading, "h3": kindHeading, "h4": kindHeading, "h5": kindHeading, "h6": kindHeading,
	"a": kindFormatting, "b": kindFormatting, "big": kindFormatting, "code": kindFormatting, "em": kindFormatting,
	"font": kindFormatting, "i": kindFormatting, "s": kindFormatting, "small": kindFormatting,
	"strike": kindFormatting, "strong": kindFormatting, "tt": kindFormatting, "u": kindFormatting,
	"span": kindInline, "sub": kindInline, "sup": kindInline, "abbr": kindInline, "cite": kindInline,
	"q": kindInline, "mark": kindInline, "time": kindInline, "ins": kindInline, "del": kindInline, "label": kindInline,
	"br": kindVoid, "img": kindVoid, "wbr": kindVoid, "hr": kindVoid, "input": kindVoid,
	"style": kindRaw, "script": kindRaw, "iframe": kindRaw, "ul": kindList, "ol": kindList, "li": kindItem, "form": kindForm, "button": kindButton,
	"svg": kindSVG,
}

// special says whether the element, one fastBody takes, is in the HTML
// "special" category other than address, div and p: where the search of
// an <li> start tag for an open li ends.
func special(n *html.Node) bool {
	switch fastKinds[n.Data] {
	case kindBlock:
		return n.Data != "div" && n.Data != "p" && n.Data != "address"
	case kindHeading, kindList, kindItem, kindForm, kindButton:
		return true
	}
	return n.DataAtom == atom.Body
}

// svgKinds are the SVG drawing elements foreign takes: not HTML elements
// that break out of foreign content, nor names the parser adjusts, nor
// HTML integration points (title, desc, foreignObject).
var svgKinds = map[string]bool{"path": true, "g": true, "circle": true, "rect": true, "line": true, "polyline": true,
	"polygon": true, "ellipse": true, "defs": true, "use": true, "symbol": true}

// tagName reads the lower-cased name of the tag at src[j:]: ASCII letters
// and digits ending at white space, '/' or '>'.
func tagName(src string, j int) (name string, end int, ok bool) {
	start := j
	lower := true
	for j < len(src) {
		c := src[j]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			lower = false
		case c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '/' || c == '>':
			name = src[start:j]
			if !lower {
				name = strings.ToLower(name)
			}
			return name, j, true
		default:
			return "", 0, false
		}
		j++
	}
	return "", 0, false
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\f' }

// attrs reads the attributes of a start tag from src[j:] up to its '>'
// the way the x/net/html tokenizer does (Tokenizer.readTag): a key runs to
// white space, '/', '>' or '=' (a leading '=' belongs to it); "=" and a
// quoted or unquoted value may follow; a '/' between attributes is passed
// over; of keys equal but for ASCII case only the first counts. So
// malformed tags (<div style="a" b, c;">) read as html.Parse reads them.
// It returns the index after '>', whether the tokenizer calls the tag
// self-closing, and the attributes keep says: the class, id and style
// attributes, with them a time element's datetime, or all. ok is false at
// the end of src and for an entity in a kept value other than &amp; &lt;
// &gt; &quot;.
func attrs(src string, j int, keep int) (end int, selfClosed bool, kept []html.Attribute, ok bool) {
	var seenBuf [8]string
	seen := seenBuf[:0] // the keys counted, in lower case
	lastValEnd := 0     // where the value of the last counted attribute ends
	j = skipHTMLSpace(src, j)
	for {
		if j >= len(src) {
			return 0, false, nil, false
		}
		if src[j] == '>' {
			j++
			break
		}
		// The key (readTagAttrKey).
		ks := j
		for ; ; j++ {
			if j >= len(src) {
				return 0, false, nil, false
			}
			c := src[j]
			if c == '=' && j == ks {
				continue
			}
			if c == '=' || c == '/' || c == '>' || isHTMLSpace(c) {
				break
			}
		}
		key := src[ks:j]
		// The value (readTagAttrVal).
		vs, ve := j, j
		j = skipHTMLSpace(src, j)
		if j >= len(src) {
			return 0, false, nil, false
		}
		switch c := src[j]; {
		case c == '/':
			j++
		case c == '=':
			j = skipHTMLSpace(src, j+1)
			if j >= len(src) {
				return 0, false, nil, false
			}
			switch q := src[j]; q {
			case '>':
			case '"', '\'':
				k := strings.IndexByte(src[j+1:], q)
				if k < 0 {
					return 0, false, nil, false
				}
				vs, ve = j+1, j+1+k
				j = ve + 1
			default:
				vs = j
				for j < len(src) && src[j] != '>' && !isHTMLSpace(src[j]) {
					j++
				}
				if j >= len(src) {
					return 0, false, nil, false
				}
				ve = j
				if src[j] != '>' {
					j++ // the white space ending the value
				}
			}
		}
		if key != "" {
			lk := asciiLower(key)
			if !slices.Contains(seen, lk) {
				seen = append(seen, lk)
				lastValEnd = ve
				if keep == keepAll || lk == "class" || lk == "id" || lk == "style" || keep == keepDatetime && lk == "datetime" {
					val := src[vs:ve]
					if strings.IndexByte(val, '&') >= 0 {
						if !plainEntities(val) {
							return 0, false, nil, false // other attribute entities: not here
						}
						val = html.UnescapeString(val)
					}
					kept = append(kept, html.Attribute{Key: lk, Val: val})
				}
			}
		}
		j = skipHTMLSpace(src, j)
	}
	// Self-closing: a '/' before the '>' that does not end the last
	// attribute's unquoted value.
	selfClosed = src[j-2] == '/' && (len(seen) == 0 || j-2 != lastValEnd-1)
	return j, selfClosed, kept, true
}

// What attrs keeps.
const (
	keepBasic    = iota // class, id, style
	keepDatetime        // and datetime
	keepAll
)

// plainEntities says every '&' in s starts &amp; &lt; &gt; or &quot;,
// which the tokenizer decodes in attribute values as html.UnescapeString
// does in text (the two differ only for names without ';').
func plainEntities(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			continue
		}
		r := s[i+1:]
		if !strings.HasPrefix(r, "amp;") && !strings.HasPrefix(r, "lt;") && !strings.HasPrefix(r, "gt;") && !strings.HasPrefix(r, "quot;") {
			return false
		}
	}
	return true
}

func skipHTMLSpace(src string, j int) int {
	for j < len(src) && isHTMLSpace(src[j]) {
		j++
	}
	return j
}

// asciiLower is s with its ASCII upper-case letters made lower case (as the
// tokenizer lower-cases keys; strings.ToLower would also fold others).
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for k := i; k < len(b); k++ {
				if b[k] >= 'A' && b[k] <= 'Z' {
					b[k] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// startTag reads the start tag at src[i] and opens its element; inBody
// says the element went to the body (a leading <style> goes to the head).
func (b *fastBuilder) startTag(src string, i int, started bool) (end int, inBody, ok bool) {
	name, j, ok := tagName(src, i+1)
	if !ok {
		return 0, false, false
	}
	kind := fastKinds[name]
	if kind == 0 {
		return 0, false, false
	}
	keep := keepBasic
	if name == "time" {
		keep = keepDatetime
	}
	end, selfClosed, kept, ok := attrs(src, j, keep)
	if !ok || selfClosed && kind != kindVoid && kind != kindSVG {
		return 0, false, false
	}
	a := atom.Lookup([]byte(name))
	n := b.node(html.ElementNode, a, name)
	n.Attr = kept
	switch kind {
	case kindItem:
		// An open li closes, when nothing but address, div, p and
		// ordinary elements stand above it (then only if it is the
		// current node, else the implied end tags are not for fastBody).
		for k := len(b.stack) - 1; k >= 0; k-- {
			if e := b.stack[k]; e.DataAtom == atom.Li {
				if k != len(b.stack)-1 {
					return 0, false, false
				}
				b.pop()
				break
			} else if special(e) {
				break
			}
		}
		fallthrough
	case kindBlock, kindHeading, kindList, kindForm:
		if kind == kindForm && b.open(atom.Form) {
			return 0, false, false // (ignored by the parser)
		}
		if b.top().DataAtom == atom.P {
			b.pop() // a block closes the paragraph it starts in
		} else if b.open(atom.P) {
			return 0, false, false
		}
		if kind == kindHeading {
			switch b.top().DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				return 0, false, false
			}
		}
	case kindFormatting:
		if a == atom.A && b.open(atom.A) {
			return 0, false, false
		}
	case kindButton:
		if b.open(atom.Button) {
			return 0, false, false
		}
	case kindSVG:
		n.Namespace = "svg"
		b.top().AppendChild(n)
		if selfClosed {
			return end, true, true
		}
		end, ok := b.foreign(n, src, end)
		return end, ok, ok
	case kindVoid:
		if a == atom.Hr {
			if b.top().DataAtom == atom.P {
				b.pop()
			} else if b.open(atom.P) {
				return 0, false, false
			}
		}
		b.top().AppendChild(n)
		return end, true, true
	case kindRaw:
		// Raw text up to the first </name, which must be </name> (in a
		// script, "<!--" would start the escaped states).
		raw, after, ok := rawText(src, end, name)
		if !ok || a == atom.Script && strings.Contains(raw, "<!--") {
			return 0, false, false
		}
		if !started && a != atom.Iframe {
			// Before the body's content a <style> or <script> goes to
			// the head, which nothing reads.
			return after, false, true
		}
		if raw != "" {
			n.AppendChild(b.node(html.TextNode, 0, raw))
		}
		b.top().AppendChild(n)
		return after, true, true
	}
	if len(b.stack) >= maxFastDepth {
		return 0, false, false // html.Parse refuses the deepest pages; let it decide
	}
	b.top().AppendChild(n)
	b.stack = append(b.stack, n)
	return end, true, true
}

// rawText returns the raw text of the element name from src[i:] up to the
// first "</name" (any case), which must be "</name>", and the index after
// that end tag.
func rawText(src string, i int, name string) (raw string, end int, ok bool) {
	k := indexFold(src[i:], "</"+name)
	j := i + k + 2 + len(name)
	if k < 0 || j >= len(src) || src[j] != '>' {
		return "", 0, false
	}
	return src[i : i+k], j + 1, true
}

// foreign reads the content of the <svg> element svg from src[i:] through
// its </svg>, returning the index after it. It takes the elements of
// svgKinds, properly nested or self-closed, text and plain comments; ok is
// false for anything else.
func (b *fastBuilder) foreign(svg *html.Node, src string, i int) (end int, ok bool) {
	started := true
	depth := len(b.stack)
	b.stack = append(b.stack, svg)
	text := i
	for {
		k := strings.IndexByte(src[i:], '<')
		if k < 0 || i+k+1 >= len(src) {
			return 0, false
		}
		i += k
		if text < i && !b.text(src[text:i], &started) {
			return 0, false
		}
		switch c := src[i+1]; {
		case c == '!':
			end, ok := commentEnd(src, i)
			if !ok {
				return 0, false
			}
			b.top().AppendChild(b.node(html.CommentNode, 0, ""))
			i = end
		case c == '/':
			name, j, ok := tagName(src, i+2)
			if !ok || name == "" {
				return 0, false
			}
			j = skipHTMLSpace(src, j)
			if j >= len(src) || src[j] != '>' || b.top().Data != name {
				return 0, false
			}
			b.pop()
			i = j + 1
			if len(b.stack) == depth {
				return i, true // </svg>
			}
		case c|0x20 >= 'a' && c|0x20 <= 'z':
			name, j, ok := tagName(src, i+1)
			if !ok || !svgKinds[name] {
				return 0, false
			}
			end, selfClosed, kept, ok := attrs(src, j, keepBasic)
			if !ok || len(b.stack) >= maxFastDepth {
				return 0, false
			}
			n := b.node(html.ElementNode, atom.Lookup([]byte(name)), name)
			n.Attr, n.Namespace = kept, "svg"
			b.top().AppendChild(n)
			if !selfClosed {
				b.stack = append(b.stack, n)
			}
			i = end
		default:
			return 0, false
		}
		text = i
	}
}

// maxFastDepth bounds the open elements fastBody keeps, well below the 512
// at which html.Parse gives up (and readHTML falls back to the tokenizer).
const maxFastDepth = 400

// endTag reads the end tag at src[i] ("</") and closes its element, which
// must be the current one once the paragraphs a block's end closes are
// closed.
func (b *fastBuilder) endTag(src string, i int) (int, bool) {
	if i+2 >= len(src) || !(src[i+2]|0x20 >= 'a' && src[i+2]|0x20 <= 'z') {
		return 0, false
	}
	name, j, ok := tagName(src, i+2)
	if !ok {
		return 0, false
	}
	for j < len(src) && isHTMLSpace(src[j]) {
		j++
	}
	if j >= len(src) || src[j] != '>' {
		return 0, false
	}
	kind := fastKinds[name]
	if kind == 0 || kind == kindVoid || kind == kindRaw || kind == kindSVG || len(b.stack) < 2 {
		return 0, false
	}
	if (kind == kindBlock || kind == kindHeading || kind == kindList || kind == kindItem || kind == kindForm || kind == kindButton) && name != "p" {
		// Implied end tags: open paragraphs close with the block.
		for len(b.stack) > 2 && b.top().DataAtom == atom.P && b.stack[len(b.stack)-2].Data == name {
			b.pop()
		}
	}
	if b.top().Data != name {
		return 0, false
	}
	b.pop()
	return j + 1, true
}

// asciiEqualFold says whether s equals the ASCII lower-case word w when
// s's ASCII upper-case letters are made lower case (nothing else folds).
func asciiEqualFold(s, w string) bool {
	for i := 0; i < len(w); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return len(s) == len(w)
}

// indexFold is strings.Index for an ASCII lower-case sub, ignoring the
// case of s's ASCII letters.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			return -1
		}
		i += k
		if i+len(sub) <= len(s) && asciiEqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// fastPage builds the document of a full HTML page the way html.Parse
// would, for a page made of a doctype, comments, <html> and <head> tags,
// meta, link, base, title, script and style elements, then a <body> tag
// and content fastBody takes, with </body> and </html> tags. It builds the head's meta and link
// elements with all their attributes and its title with its text (what
// readDoc reads there), and the body as fastBody does; ok is false for
// anything else.
func fastPage(src string) (doc, body *html.Node, ok bool) {
	if strings.IndexByte(src, 0) >= 0 || strings.IndexByte(src, '\r') >= 0 {
		return nil, nil, false // the tokenizer rewrites these
	}
	doc, head, body := newFastDoc()
	b := fastBuilder{stack: []*html.Node{body}}
	// Up to the <body> tag: white space and comments go to the document,
	// the html element or the head, and so does all but <body> here.
	i := 0
	for {
		i = skipHTMLSpace(src, i)
		if i+1 >= len(src) || src[i] != '<' {
			return nil, nil, false
		}
		if src[i+1] == '!' {
			if len(src) >= i+9 && asciiEqualFold(src[i+2:i+9], "doctype") {
				k := strings.IndexByte(src[i:], '>')
				if k < 0 {
					return nil, nil, false
				}
				i += k + 1
				continue
			}
			end, ok := commentEnd(src, i)
			if !ok {
				return nil, nil, false
			}
			i = end
			continue
		}
		if src[i+1] == '/' {
			name, j, ok := tagName(src, i+2)
			j = skipHTMLSpace(src, j)
			if !ok || name != "head" || j >= len(src) || src[j] != '>' {
				return nil, nil, false
			}
			i = j + 1
			continue
		}
		name, j, ok := tagName(src, i+1)
		if !ok {
			return nil, nil, false
		}
		keep := keepBasic
		if name == "meta" || name == "link" {
			keep = keepAll
		}
		end, selfClosed, kept, ok := attrs(src, j, keep)
		if !ok {
			return nil, nil, false
		}
		i = end
		switch name {
		case "html", "head", "base":
			if selfClosed && name != "base" {
				return nil, nil, false
			}
		case "meta", "link":
			n := b.node(html.ElementNode, atom.Lookup([]byte(name)), name)
			n.Attr = kept
			head.AppendChild(n)
		case "title", "script", "style":
			raw, after, ok := rawText(src, end, name)
			if !ok || selfClosed || name == "script" && strings.Contains(raw, "<!--") {
				return nil, nil, false
			}
			i = after
			if name == "title" {
				n := b.node(html.ElementNode, atom.Title, name)
				if strings.IndexByte(raw, '&') >= 0 {
					raw = html.UnescapeString(raw) // (title text is escapable)
				}
				if raw != "" {
					n.AppendChild(b.node(html.TextNode, 0, raw))
				}
				head.AppendChild(n)
			}
		case "body":
			if selfClosed {
				return nil, nil, false
			}
			body.Attr = kept
			goto content
		default:
			return nil, nil, false
		}
	}
content:
	// The body, up to the end. </body> and </html> close nothing: after
	// them white space still goes to the current element, comments go to
	// the html element or the document, and anything else goes back to
	// the body's rules.
	after := false
	started := true
	for i < len(src) {
		if !after {
			end, ok := b.content(src, i, true)
			if !ok {
				return nil, nil, false
			}
			i, after = end, true
			continue
		}
		j := skipHTMLSpace(src, i)
		if j > i && !b.text(src[i:j], &started) {
			return nil, nil, false
		}
		switch i = j; {
		case i >= len(src):
		case strings.HasPrefix(src[i:], "<!--"):
			end, ok := commentEnd(src, i)
			if !ok {
				return nil, nil, false
			}
			i = end
		case strings.HasPrefix(src[i:], "</"):
			name, j, ok := tagName(src, i+2)
			j = skipHTMLSpace(src, j)
			if !ok || name != "body" && name != "html" || j >= len(src) || src[j] != '>' {
				return nil, nil, false
			}
			i = j + 1
		default:
			after = false
		}
	}
	return doc, body, true
}
