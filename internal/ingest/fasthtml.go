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
// unusual comment syntax, entities in class, id or style values, a tag cut
// off by the end): the caller then uses html.Parse. Attributes are read as
// the tokenizer reads them, malformed ones included. It is about five times faster
// than html.Parse and allocates much less.
//
// Only what readHTML's fragment path reads is built: elements with their
// DataAtom, Data and their class, id and style attributes (other attributes
// are left out), text nodes, comment nodes (without their text).
// TestFastBodyAgrees and FuzzFastBody compare the trees with html.Parse's.
func fastBody(src string) (body *html.Node, ok bool) {
	if strings.IndexByte(src, 0) >= 0 || strings.IndexByte(src, '\r') >= 0 {
		return nil, false // the tokenizer rewrites these
	}
	doc := &html.Node{Type: html.DocumentNode}
	root := &html.Node{Type: html.ElementNode, DataAtom: atom.Html, Data: "html"}
	doc.AppendChild(root)
	root.AppendChild(&html.Node{Type: html.ElementNode, DataAtom: atom.Head, Data: "head"})
	body = &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	root.AppendChild(body)

	b := fastBuilder{stack: []*html.Node{body}}
	started := false // whether the body has content yet
	text := 0        // start of the pending text
	for i := 0; i < len(src); {
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
				return nil, false
			}
		}
		switch {
		case c == '!':
			end, ok := commentEnd(src, i)
			if !ok {
				return nil, false
			}
			if started {
				b.top().AppendChild(b.node(html.CommentNode, 0, ""))
			}
			// (Before the body's content a comment goes to the document
			// or the head.)
			i = end
		case c == '/':
			end, ok := b.endTag(src, i)
			if !ok || !started {
				return nil, false
			}
			i = end
		case isLetter:
			end, ok := b.startTag(src, i, started)
			if !ok {
				return nil, false
			}
			started = true
			i = end
		default: // <? is a bogus comment
			return nil, false
		}
		text = i
	}
	if text < len(src) && !b.text(src[text:], &started) {
		return nil, false
	}
	return body, true
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
	kindStyle                 // raw text up to </style>
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
	"br": kindVoid, "img": kindVoid, "wbr": kindVoid, "hr": kindVoid,
	"style": kindStyle,
}

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
// self-closing, and the class, id and style attributes; ok is false at the
// end of src and for an entity in a kept value.
func attrs(src string, j int) (end int, selfClosed bool, kept []html.Attribute, ok bool) {
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
				switch lk {
				case "class", "id", "style":
					val := src[vs:ve]
					if strings.IndexByte(val, '&') >= 0 {
						return 0, false, nil, false // attribute entities: not here
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

// startTag reads the start tag at src[i] and opens its element.
func (b *fastBuilder) startTag(src string, i int, started bool) (int, bool) {
	name, j, ok := tagName(src, i+1)
	if !ok {
		return 0, false
	}
	kind := fastKinds[name]
	if kind == 0 || kind == kindStyle && !started {
		return 0, false // (a leading <style> goes to the head)
	}
	end, selfClosed, kept, ok := attrs(src, j)
	if !ok || selfClosed && kind != kindVoid {
		return 0, false
	}
	a := atom.Lookup([]byte(name))
	n := b.node(html.ElementNode, a, name)
	n.Attr = kept
	switch kind {
	case kindBlock, kindHeading:
		if b.top().DataAtom == atom.P {
			b.pop() // a block closes the paragraph it starts in
		} else if b.open(atom.P) {
			return 0, false
		}
		if kind == kindHeading {
			switch b.top().DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				return 0, false
			}
		}
	case kindFormatting:
		if a == atom.A && b.open(atom.A) {
			return 0, false
		}
	case kindVoid:
		if a == atom.Hr {
			if b.top().DataAtom == atom.P {
				b.pop()
			} else if b.open(atom.P) {
				return 0, false
			}
		}
		b.top().AppendChild(n)
		return end, true
	case kindStyle:
		// Raw text up to the first </style, which must be </style>.
		k := indexFold(src[end:], "</style")
		if k < 0 || end+k+7 >= len(src) || src[end+k+7] != '>' {
			return 0, false
		}
		if k > 0 {
			n.AppendChild(b.node(html.TextNode, 0, src[end:end+k]))
		}
		b.top().AppendChild(n)
		return end + k + 8, true
	}
	if len(b.stack) >= maxFastDepth {
		return 0, false // html.Parse refuses the deepest pages; let it decide
	}
	b.top().AppendChild(n)
	b.stack = append(b.stack, n)
	return end, true
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
	if kind == 0 || kind == kindVoid || kind == kindStyle || len(b.stack) < 2 {
		return 0, false
	}
	if (kind == kindBlock || kind == kindHeading) && name != "p" {
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
