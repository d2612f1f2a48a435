package fetch

import (
	"bytes"
	"html"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Meta names written into every saved page, right after <head>. Ingest reads
// them: MetaURL is the article's URL, MetaFetched when it was downloaded.
const (
	MetaURL       = "bankbrief:url"        // the article's URL: <link rel=canonical>, else og:url, else the URL after redirects
	MetaListedURL = "bankbrief:listed-url" // the URL as listed, when it differs from MetaURL
	MetaFetched   = "bankbrief:fetched"    // RFC 3339, UTC
	MetaCharset   = "bankbrief:charset"    // the page's charset before conversion to UTF-8
)

// Page describes a page prepared for saving.
type Page struct {
	URL       string // the article URL recorded as MetaURL
	ListedURL string // as listed
	FinalURL  string // after redirects
	Fetched   time.Time
	Decoded   // charset facts; Decoded.Text is the page as saved
	// TextChars counts the characters of visible text in the body (scripts
	// and styles left out). A page with very little text is a shell built
	// by JavaScript, a login wall or a redirect page.
	TextChars int
	// Refresh is the absolute target of a <meta http-equiv="refresh"> that
	// fires within 10 seconds, "" when there is none.
	Refresh string
}

// LittleText is the TextChars below which a page is reported as having
// little text.
const LittleText = 200

// Prepare converts a downloaded page to UTF-8, rewrites its charset
// declarations to say utf-8, and records where it came from as <meta>
// tags right after <head> (see MetaURL …). The rest of the page is kept
// byte for byte, so ingest reads it as it would the page saved by a browser.
func Prepare(body []byte, contentType, listedURL, finalURL string, fetched time.Time) Page {
	d := ToUTF8(body, contentType)
	p := Page{ListedURL: listedURL, FinalURL: finalURL, Fetched: fetched.UTC(), Decoded: d}
	p.URL, p.TextChars, p.Refresh = inspect(d.Text, finalURL)
	if p.URL == "" {
		p.URL = listedURL
	}
	p.Text = rewrite(d.Text, p)
	return p
}

// inspect looks inside a page for its article URL, its amount of text and
// a meta refresh. The article URL is the canonical URL (<link
// rel=canonical>, else og:url) resolved against base, else base itself. A
// canonical link that points at the site's home page while the page is not
// the home page is a template mistake and is ignored.
func inspect(page []byte, base string) (articleURL string, textChars int, refresh string) {
	articleURL = base
	b, err := url.Parse(base)
	if err != nil {
		return base, 0, ""
	}
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		return base, 0, ""
	}
	var canon, og, refreshes []string
	var bodies []*xhtml.Node
	walk(doc, func(n *xhtml.Node) bool {
		switch n.DataAtom {
		case atom.Link:
			if rel, ok := attr(n, "rel"); ok {
				for _, r := range strings.Fields(strings.ToLower(rel)) {
					if r == "canonical" {
						href, _ := attr(n, "href")
						canon = append(canon, href)
					}
				}
			}
		case atom.Meta:
			p, _ := attr(n, "property")
			nm, _ := attr(n, "name")
			if p == "og:url" || nm == "og:url" {
				c, _ := attr(n, "content")
				og = append(og, c)
			}
			if he, ok := attr(n, "http-equiv"); ok && strings.EqualFold(strings.TrimSpace(he), "refresh") {
				c, _ := attr(n, "content")
				refreshes = append(refreshes, c)
			}
		case atom.Body:
			bodies = append(bodies, n)
		}
		return true
	})
	for _, c := range append(canon, og...) {
		if u := absolute(b, c); u != nil && !(isHome(u) && !isHome(b)) {
			articleURL = u.String()
			break
		}
	}
	for _, content := range refreshes {
		// content="0; url=https://…" (quotes and spaces vary)
		delay, target, ok := strings.Cut(content, ";")
		if !ok {
			delay, target, ok = strings.Cut(content, ",")
		}
		n, err := strconv.ParseFloat(strings.TrimSpace(delay), 64)
		if !ok || err != nil || n > 10 {
			continue
		}
		target = strings.TrimSpace(target)
		if len(target) > 4 && strings.EqualFold(target[:4], "url=") {
			target = target[4:]
		}
		if u := absolute(b, strings.Trim(strings.TrimSpace(target), `"'`)); u != nil && u.String() != b.String() {
			refresh = u.String()
			break
		}
	}
	for _, body := range bodies {
		walk(body, func(n *xhtml.Node) bool {
			switch n.Type {
			case xhtml.ElementNode:
				switch n.DataAtom {
				case atom.Script, atom.Style, atom.Noscript, atom.Template:
					return false
				}
			case xhtml.TextNode:
				for _, f := range strings.Fields(n.Data) {
					textChars += utf8.RuneCountInString(f)
				}
			}
			return true
		})
	}
	return articleURL, textChars, refresh
}

// walk visits n and its descendants in document order, without recursion
// (pages may nest deeply); visit returns false to skip a node's children.
func walk(n *xhtml.Node, visit func(*xhtml.Node) bool) {
	stack := []*xhtml.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !visit(c) {
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
}

// attr returns the value of an element's attribute (keys are lower case
// after parsing).
func attr(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// absolute resolves an http(s) link against base, without its fragment;
// nil when it is not one.
func absolute(base *url.URL, link string) *url.URL {
	link = strings.TrimSpace(link)
	if link == "" {
		return nil
	}
	u, err := base.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	u.Fragment, u.RawFragment = "", ""
	return u
}

func isHome(u *url.URL) bool {
	p := strings.TrimSuffix(u.Path, "/")
	return (p == "" || strings.EqualFold(p, "/index.html") || strings.EqualFold(p, "/index.htm")) && u.RawQuery == ""
}

var xmlEncodingRe = regexp.MustCompile(`(?i)(encoding\s*=\s*)(["'])[^"']*(["'])`)

// rewrite makes the page's charset declarations say utf-8 and inserts the
// bankbrief meta tags after <head> (else after <html>, else after the
// doctype, else at the start).
func rewrite(page []byte, p Page) []byte {
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	insertAt, declared := -1, false
	afterHTML, afterDoctype := -1, -1

	// A leading XML declaration is tokenised as a comment, which ends at
	// its first '>', not at its "?>": fix it first, and take no token
	// that starts inside it (<?xml encoding="><head>"?> holds no head).
	afterDecl := 0
	if trimmed := bytes.TrimLeft(page, " \t\r\n"); bytes.HasPrefix(trimmed, []byte("<?xml")) {
		off := len(page) - len(trimmed)
		if end := bytes.Index(trimmed, []byte("?>")); end >= 0 {
			afterDecl = off + end + len("?>")
			decl := trimmed[:end]
			if xmlEncodingRe.Match(decl) {
				edits = append(edits, edit{off, off + end, string(xmlEncodingRe.ReplaceAll(decl, []byte("${1}${2}utf-8${3}")))})
				declared = true
			}
		}
	}

	z := xhtml.NewTokenizer(bytes.NewReader(page))
	pos := 0
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := z.Raw()
		start, end := pos, pos+len(raw)
		pos = end
		if start < afterDecl {
			continue
		}
		switch tt {
		case xhtml.DoctypeToken:
			if afterDoctype < 0 {
				afterDoctype = end
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "html":
				if afterHTML < 0 {
					afterHTML = end
				}
			case "head":
				if insertAt < 0 {
					insertAt = end
				}
			case "meta":
				if !hasAttr {
					continue
				}
				if label := metaTagCharset(z); label != "" {
					declared = true
					if canonical(label) != "utf-8" {
						edits = append(edits, edit{start, end, utf8Meta(string(raw))})
					}
				}
			}
		}
	}
	if insertAt < 0 {
		insertAt = afterHTML
	}
	if insertAt < 0 {
		insertAt = afterDoctype
	}
	if insertAt < 0 {
		insertAt = afterDecl
	}

	var meta strings.Builder
	meta.WriteString("\n")
	if !declared {
		meta.WriteString(`<meta charset="utf-8">` + "\n")
	}
	writeMeta(&meta, MetaURL, p.URL)
	if p.ListedURL != "" && p.ListedURL != p.URL {
		writeMeta(&meta, MetaListedURL, p.ListedURL)
	}
	writeMeta(&meta, MetaFetched, p.Fetched.Format(time.RFC3339))
	writeMeta(&meta, MetaCharset, p.Charset)
	edits = append(edits, edit{insertAt, insertAt, meta.String()})

	// Apply the edits in order of position; the insertion goes before a
	// tag rewritten at the same place (a meta tag right after <head>).
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		return edits[i].end-edits[i].start < edits[j].end-edits[j].start
	})
	var out bytes.Buffer
	out.Grow(len(page) + meta.Len())
	last := 0
	for _, e := range edits {
		if e.start < last {
			continue // overlaps the previous edit; cannot happen with well-formed offsets
		}
		out.Write(page[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(page[last:])
	return out.Bytes()
}

func writeMeta(b *strings.Builder, name, content string) {
	b.WriteString(`<meta name="` + name + `" content="` + html.EscapeString(content) + `">` + "\n")
}

// utf8Meta rewrites a charset-declaring meta tag to declare utf-8, keeping
// whether it was the short or the http-equiv form.
func utf8Meta(raw string) string {
	if strings.Contains(strings.ToLower(raw), "http-equiv") {
		return `<meta http-equiv="Content-Type" content="text/html; charset=utf-8">`
	}
	return `<meta charset="utf-8">`
}
