package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// dumpTree writes the part of a tree that fastBody builds: elements with
// their atom, name and class, id and style attributes, text, comments.
func dumpTree(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.ElementNode:
		fmt.Fprintf(b, "<%s %d", n.Data, n.DataAtom)
		for _, a := range n.Attr {
			if a.Namespace == "" && (a.Key == "class" || a.Key == "id" || a.Key == "style") {
				fmt.Fprintf(b, " %s=%q", a.Key, a.Val)
			}
		}
		b.WriteString(">")
	case html.TextNode:
		fmt.Fprintf(b, "%q", n.Data)
	case html.CommentNode:
		b.WriteString("<!>")
		return
	default:
		fmt.Fprintf(b, "?%d", n.Type)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		dumpTree(b, c)
	}
	b.WriteString("</>")
}

// checkFastBody compares fastBody's tree with html.Parse's body, when
// fastBody takes the input; it reports whether it did.
func checkFastBody(t *testing.T, src string) bool {
	t.Helper()
	body, ok := fastBody(src)
	if !ok {
		return false
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("fastBody took %q, which html.Parse refuses: %v", src, err)
	}
	want := firstElement(doc, "body")
	var g, w strings.Builder
	dumpTree(&g, body)
	dumpTree(&w, want)
	if g.String() != w.String() {
		t.Fatalf("fastBody(%q):\n got %s\nwant %s", src, g.String(), w.String())
	}
	// And what readHTML makes of it.
	removeJunk(body, true)
	removeJunk(want, true)
	if got, want := strings.Join(renderLines(body), "\n"), strings.Join(renderLines(want), "\n"); got != want {
		t.Fatalf("fastBody(%q) renders\n%q\nwant\n%q", src, got, want)
	}
	return true
}

var fastBodySamples = []string{
	"", " ", "x", "  x", "<!-- c --> x", "<p>a</p>", "<p>a<p>b", "<P CLASS='x' id=\"y\">a</P>", "<div><p>a</div>b",
	"<p>a<div>b</div>", "<p><span>a<div>b</div></span>", "<h2>a<h3>b</h3></h2>", "<h2><p>a</h2>", "<p>a<h2>b</h2>",
	"<strong>a<div>b</div></strong>", "<a href=x>y</a>", "<a href='x'>y<a>z</a>", "<b><b><b><b>x</b></b></b></b>",
	"<span>a</p>", "</p>", "<p>a</span>", "<br/>a<br>b<br />c<img src=\"x\"/>", "<hr><p>a<hr>b", "<div/>", "<br/ >",
	"<style>.a{}</style>x", "x<style>.a{}</style>y", "x<style>.a{}</STYLE>y", "x<style>.a{}</style x>y", "x<style></style>",
	"a &amp; b &lt;p&gt; &nbsp;", "&#32; x", "<p>a < b</p>", "a <3 b", "<!---->x<!--->y", "<!-->", "x<!-- a --!> b -->",
	"<p class=\"a&amp;b\">x</p>", "<p class=a class=b>", "<p class='a' CLASS='b'>x", "<p style=\"display:none\">x</p>",
	"<div class=\"share\">x</div>y", "<p a=\"b\"c>", "<p =a>", "<p a=>", "<p\nclass='x'\n>y", "<?php x ?>", "<!DOCTYPE html><p>x",
	"x\n\ny", "<div>a\nb</div>", "a\n<p>b</p>\nc", "<table><tr><td>x</table>", "<svg><p>x</svg>", "<ul><li>x</ul>",
	"<font color=red>a</font>", "<p>a\x00b</p>", "a\rb", "<p>" + strings.Repeat("<span>", 600) + "x", "<p>x</p></body></html>",
	"<sPaN>x</SpAn>", "<p1>x</p1>", "<h1>x</h2>", "<div><p>x</p></div></div>", "<em><strong>x</em></strong>",
	// Malformed attributes, read as the tokenizer reads them.
	"<div style=\" Microsoft Yahei\", SimSun, sans-serif; widows: 1;\">x</div>", "<p =a class=b>x", "<p a=b/>x", "<p class=x/>y",
	"<p / class=\"a\">x", "<p CLASS=a class=b>x", "<p class=\"a\"id=\"b\">x", "<p a='b'/ >x", "<br a=b/>x", "<img src=x/>y",
	"<p class = \"a\" >x", "<p class=>x", "<p class=\"a>x", "<p class", "<p ==a>x", "<p a\"b=c>x", "<p class=a\fid=b>x",
	"<p\xc3\x89=1 class=c>x", "<p Ä=1 ä=2>x", "<span a=1/>x", "<div class=\"x\"/>y", "<p class='a'\"b\">x",
}

func TestFastBodyAgrees(t *testing.T) {
	for _, s := range fastBodySamples {
		checkFastBody(t, s)
	}
	// The bodies of the posts among the shared articles and the generated
	// corpus: most must take the fast path.
	files := sharedFiles(t)
	if entries, err := os.ReadDir(benchCorpusDir); err == nil {
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".md") {
				files = append(files, filepath.Join(benchCorpusDir, e.Name()))
			}
		}
	}
	posts, fast := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, body, found, _ := splitFrontMatter(strings.ReplaceAll(string(b), "\r\n", "\n"))
		if !found {
			continue
		}
		if isHTML, _ := sniff(body); !isHTML {
			continue
		}
		posts++
		if checkFastBody(t, prepareHTML(body)) {
			fast++
		}
	}
	t.Logf("%d of %d HTML post bodies took the fast path", fast, posts)
	if posts > 0 && fast*2 < posts {
		t.Errorf("only %d of %d HTML post bodies took the fast path", fast, posts)
	}
}

func FuzzFastBody(f *testing.F) {
	for _, s := range fastBodySamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkFastBody(t, s) })
}
