package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// bestContainerMaps is bestContainer as first written, with maps keyed by
// node: the reference. (It ranges over its score map, so between unrelated
// elements of equal top score it picks either; bestContainer takes the
// first in document order's reverse-children preorder.)
func bestContainerMaps(body *html.Node) (*html.Node, map[*html.Node]float64) {
	var order []*html.Node
	stack := []*html.Node{body}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		order = append(order, n)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				stack = append(stack, c)
			}
		}
	}
	own := make(map[*html.Node]int, len(order))
	linked := make(map[*html.Node]int, len(order))
	total := make(map[*html.Node]int, len(order))
	punct := make(map[*html.Node]int, len(order))
	for i := len(order) - 1; i >= 0; i-- {
		n := order[i]
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				k := textWeight(c.Data)
				own[n] += k
				punct[n] += countPunct(c.Data)
				if n.DataAtom == atom.A {
					linked[n] += k
				} else {
					total[n] += k
				}
			case html.ElementNode:
				total[n] += total[c]
				if !blockTags[c.DataAtom] {
					own[n] += own[c]
					punct[n] += punct[c]
					if c.DataAtom == atom.A {
						linked[n] += own[c]
					} else {
						linked[n] += linked[c]
					}
				}
			}
		}
	}
	score := make(map[*html.Node]float64, len(order))
	for _, n := range order {
		t := own[n] - linked[n]
		if t < 25 || n.Parent == nil {
			continue
		}
		w := float64(t + 3*punct[n])
		if p := n.Parent; p != nil {
			score[p] += w
			if g := p.Parent; g != nil {
				score[g] += w / 2
			}
		}
	}
	best, bestScore := body, 0.0
	for n, s := range score {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if (a.Key == "class" || a.Key == "id") && reGoodClass.MatchString(a.Val) {
				s *= 1.25
				break
			}
		}
		score[n] = s // (as compared)
		if s > bestScore || (s == bestScore && best != body && isAncestor(n, best)) {
			best, bestScore = n, s
		}
	}
	if best != body && bestScore < 40 {
		return body, score
	}
	return best, score
}

var containerSamples = []string{
	"", "<p>短</p>",
	"<div class=nav><a>首页</a><a>新闻</a></div><div class=article><p>" + strings.Repeat("示例银行发放贷款，支持小微企业。", 4) + "</p><p>" + strings.Repeat("他说，贷款余额增长。", 5) + "</p></div>",
	"<div><p>" + strings.Repeat("示例银行发放贷款，支持小微企业。", 3) + "</p></div><div><p>" + strings.Repeat("另一段文字，很长很长。", 9) + "</p></div>",
	"<p>" + strings.Repeat("正文文字，", 30) + "</p>", "<a href=x>" + strings.Repeat("链接文字", 20) + "</a><span>" + strings.Repeat("文字，", 20) + "</span>",
}

// checkContainer compares the two on the body of src as readHTML builds it.
func checkContainer(t *testing.T, src string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return
	}
	body := firstElement(doc, "body")
	if body == nil {
		body = doc
	}
	removeJunk(body, false)
	got := bestContainer(body)
	w, score := bestContainerMaps(body)
	if got != w && score[got] != score[w] {
		// (Between elements of equal score the reference picks either.)
		var gb, wb strings.Builder
		html.Render(&gb, got)
		html.Render(&wb, w)
		t.Fatalf("bestContainer of %.200q:\n got %.300s\nwant %.300s", src, gb.String(), wb.String())
	}
}

func TestBestContainerAgrees(t *testing.T) {
	srcs := append([]string(nil), containerSamples...)
	for _, f := range sharedFiles(t) {
		if b, err := os.ReadFile(f); err == nil && strings.Contains(string(b), "<") {
			srcs = append(srcs, string(b))
		}
	}
	if entries, err := os.ReadDir(benchCorpusDir); err == nil {
		for i := 0; i < len(entries); i += 7 {
			if b, err := os.ReadFile(filepath.Join(benchCorpusDir, entries[i].Name())); err == nil && strings.Contains(string(b), "<div") {
				srcs = append(srcs, string(b))
			}
		}
	}
	for _, s := range srcs {
		checkContainer(t, s)
	}
}

func FuzzBestContainer(f *testing.F) {
	for _, s := range containerSamples {
		f.Add(s)
	}
	f.Fuzz(checkContainer)
}
