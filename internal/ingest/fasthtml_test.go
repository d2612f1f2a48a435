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
// their atom, name and class, id and style attributes (and a time
// element's datetime), text, comments.
func dumpTree(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.ElementNode:
		fmt.Fprintf(b, "<%s:%s %d", n.Namespace, n.Data, n.DataAtom)
		for _, a := range n.Attr {
			if a.Namespace == "" && (a.Key == "class" || a.Key == "id" || a.Key == "style" || n.Data == "time" && a.Key == "datetime") {
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
	// Entities in kept values, datetime, leading style blocks.
	"<p style=\"a:url(x?m=1&amp;d=2)\">x", "<p class=\"&lt;a&gt; &quot;b&quot;\">x", "<p class=\"a&ampb\">x",
	"<p class=\"a&amp\">x", "<p class=\"&amp;&amp;\">x", "<p class=\"a&\">x", "<p class=\"&ampx;\">x", "<p id=\"&AMP;\">x",
	"<time datetime=\"2022-01-02\">x</time>", "<p><time DATETIME='2022-01-02' datetime=x>x</time>", "<span datetime=1>x</span>",
	"<time datetime=\"a&amp;b\">x</time>", "<style>p{}</style><p>x", "\n<style>p{}</style>\n<!-- c -->\n<div>x</div>",
	"<style>a</style><style>b</style> y", "<STYLE>a</Style>x", "<style>a</style><br>x<style>b</style>", "<style>a</style>",
	"<style>a</style> <h1>t</h1><p>x", "<!-- c --><style>a</style>x",
	// Lists, forms, buttons, SVG.
	"<ul><li>a</li><li>b</ul>", "<ul><li>a<li>b</li></ul>", "<ol><li><p>a</li></ol>", "<ul><li>a<ul><li>b</li></ul></li></ul>",
	"<li>a<span>b<li>c", "<li><div>a<li>b", "<li><p>a<li>b", "<p>a<ul><li>b</ul>", "<li><h3>a</h3><li>b", "<ul><li>a</ul></li>",
	"<li><a>x<li>y", "<ul><li>a</li>\n<li>b</li>\n</ul>", "<li><button>a<li>b", "<li><form><li>b</form>",
	"<form><input name=a><p>x</form>y", "<form><form>x</form></form>", "<p>a<form>b</form>", "<form><p>a</form>b", "<form>a</p></form>",
	"<input type=hidden>x", "<p><input>x", "<button>a<button>b", "<button><p>a</button>", "<p><button><p>a</p></button>",
	"<p>a<button>b<div>c</div></button>", "<button>a</button>", "<button><span>a</button></span>",
	"<svg><path d=\"M0\"/></svg>x", "<p><svg width=1 class=\"i\" viewBox=\"0 0 1 1\"><path d=1 /><g><circle r=1></circle></g></svg>y</p>",
	"<svg/>x", "<svg><p>x</p></svg>", "<svg><title>t</title></svg>", "<svg><path></svg>", "<svg><g></path></g></svg>",
	"<svg>a<!-- c -->b</svg>", "<svg><foreignObject>x</foreignObject></svg>", "<svg><svg></svg></svg>", "<svg><PATH/></svg>",
	"<svg><path/>", "<svg>a &amp; b</svg>", "<svg><rect/></SVG>x", "<svg><clipPath/></svg>", "<svg><g/></svg ><p>a",
	"<svg><path class=a&amp;b /></svg>", "<div><svg><path/></svg></div>", "<svg><polygon points=\"1,2\"/></svg>",
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

// checkReadHTML compares readHTML, which takes fastBody's tree where it can,
// with readParsed (html.Parse through goquery), for a page and a post body.
func checkReadHTML(t *testing.T, src string) {
	t.Helper()
	if _, body, ok := fastPage(prepareHTML(src)); ok {
		// The body as html.Parse builds it.
		doc, err := html.Parse(strings.NewReader(prepareHTML(src)))
		if err != nil {
			t.Fatalf("fastPage took %q, which html.Parse refuses: %v", src, err)
		}
		var g, w strings.Builder
		dumpTree(&g, body)
		dumpTree(&w, firstElement(doc, "body"))
		if g.String() != w.String() {
			t.Fatalf("fastPage(%q):\n got %s\nwant %s", src, g.String(), w.String())
		}
	}
	for _, fragment := range []bool{false, true} {
		got, want := readHTML(src, fragment), readParsed(prepareHTML(src), fragment)
		if g, w := fmt.Sprintf("%#v", got), fmt.Sprintf("%#v", want); g != w {
			t.Fatalf("readHTML(%q, %v):\n got %s\nwant %s", src, fragment, g, w)
		}
	}
}

var readHTMLSamples = []string{
	"<h1>标题 <b>一</b></h1><p>正文。</p>", "<h1> a\n b </h1><h1>c</h1>", "<p><time datetime=\"2022-03-04\">三月</time></p>",
	"<time>x</time><time datetime=\"2021-01-02T10:00\">y</time>", "<time datetime=\"\">x</time><time datetime=\"2022-01-02\">",
	"<style>h1{}</style><h1>t</h1><div class=\"content\"><p>" + strings.Repeat("银行存款增长，", 10) + "</p></div><div class=\"nav\">a</div>",
	"<div class=\"article\"><p>" + strings.Repeat("第一段文字。", 8) + "</p><p>" + strings.Repeat("第二段，", 9) + "</p></div><footer>版权</footer>",
	"<h1>新闻 - 某网</h1>x", "<title>t</title><p>x", "<!DOCTYPE html><html><head><title>t</title></head><body><h1>h</h1></body></html>",
	// Full pages (fastPage).
	"<!doctype html>\n<html lang=zh>\n<head>\n<meta charset=utf-8>\n<meta name=\"description\" content=\"d\">\n<meta property=\"og:title\" content=\"标题 &amp; 副题\"/>\n" +
		"<meta name=\"PubDate\" content=\"2022-03-04 10:00\"><link rel=\"canonical\" href=\"https://example.com/a\">\n<title>标题 - 某网</title>\n" +
		"<script>var a = 1 < 2;</script><style>p{}</style>\n</head>\n<body class=\"article\">\n<h1>标题</h1>\n<div class=\"content\"><p>" + strings.Repeat("银行贷款增长，", 9) + "</p></div>\n</body>\n</html>\n",
	"<html><head><title>a &lt;b&gt;</title><meta name=author content=x><meta name=AUTHOR content=y></head><body>x</body></html>",
	"<!-- c --><html><head></head><!-- d --> <style>a</style><body> a </body> <!-- e --> </html> \n<!-- f -->",
	"<html><body><div>a</body> b<p>c</html>", "<html><body><p>a</body><script>s</script></html>", "<body><p>a</body>x<!--c-->y",
	"<head><title></title></head><body>", "<head><title>a</title><title>b</title></head><body><h1>h</h1>", "<html><body></body></html>",
	"<head><meta content=a name=x name=y></head><body>x", "<head><meta content=\"&nbsp;\"></head><body>x", "<head><noscript>x</noscript></head><body>y",
	"<head><script><!-- x --></script></head><body>y", "<head><link rel=canonical href=\"http://a/b?c=1&amp;d=2\"></head><body>y",
	"<head><title/>x</title></head><body>y", "<head></head>x<body>y", "<html><head></head><body/>x", "<body>a</body></html><p>b",
	"<BODY CLASS=main><P>x</P></BODY>", "<body><iframe src=x><p>y</iframe>z</body>", "<body><script>a</script ></body>",
	"<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x\"><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><base href=/></head><body><time datetime=\"2020-01-02\">t</time>",
	"<head><meta property=og:url content=\"https://a/b\"><meta itemprop=datePublished content=2021-05-06></head><body><p>x</p></body>",
}

func TestReadHTMLAgrees(t *testing.T) {
	for _, s := range append(readHTMLSamples, fastBodySamples...) {
		checkReadHTML(t, s)
	}
	// The HTML inputs among the shared articles and the generated corpus
	// (pages, fragments, post bodies).
	files := sharedFiles(t)
	if entries, err := os.ReadDir(benchCorpusDir); err == nil {
		for _, e := range entries {
			files = append(files, filepath.Join(benchCorpusDir, e.Name()))
		}
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, _, skip := decode(b)
		if skip != "" {
			continue
		}
		text = strings.ReplaceAll(text, "\r\n", "\n")
		if _, body, found, _ := splitFrontMatter(text); found {
			text = body
		}
		if isHTML, _ := sniff(text); isHTML {
			checkReadHTML(t, text)
			n++
		}
	}
	t.Logf("%d HTML inputs", n)
}

func FuzzReadHTML(f *testing.F) {
	for _, s := range append(readHTMLSamples, fastBodySamples...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkReadHTML(t, s) })
}
