package ingest

import (
	"encoding/binary"
	"html"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// hints are what the file's structure (front matter, HTML head) says before
// its text is read; the text's header lines fill in what is missing.
type hints struct {
	Title, Date, Source, URL, Author string
	// HeaderDates allows dates found in header lines (not for front-matter
	// posts, whose front matter says the date or nothing).
	HeaderDates bool
	// TitleInText lets the header lines supply the title.
	TitleInText bool
}

// Boilerplate a site adds around articles: only short lines are tested,
// first against literal phrases, then against a few anchored patterns.
var boilerPhrases = []string{
	"返回首页", "返回顶部", "返回栏目", "返回列表", "返回目录", "返回上一页", "返回搜狐", "返回频道", "回到顶部",
	"责任编辑:", "责任编辑：", "浏览次数", "浏览量", "点击数", "点击量", "点击次数", "点击率", "阅读量",
	"站内搜索", "高级搜索", "下载客户端", "立即下载", "扫一扫", "扫码", "二维码", "关注我们", "微信公众号", "官方微博", "官方微信",
	"字体:", "字体：", "分享到", "打印本页", "关闭窗口", "收藏本站", "加入收藏", "设为首页",
	"版权所有", "版權所有", "Copyright", "copyright", "COPYRIGHT", "©", "All Rights Reserved", "All rights reserved",
	"ICP备", "ICP证", "公网安备", "备案号", "违法和不良信息举报",
	"小编为大家", "小编整理", "小编推荐", "供大家参考",
	"更多资讯", "更多的资讯", "点击加载更多", "查看原文", "阅读原文", "点击这里", "点击此处", "APP内打开", "打开APP",
	"您当前的位置", "您所在的位置", "您的位置", "您现在的位置", "当前位置", "当前页面",
	"按日期检索", "电子报刊", "数字报纸", "国内统一刊号", "转载请注明", "转发请注明", "免责声明",
	"仅代表作者观点", "仅代表作者个人观点", "禁止转载", "打赏", "旗下网站", "看更多评论",
	"为你推荐", "为您推荐", "手机读报", "下载掌上", "不再关注", "题图来自", "版面导航", "本文共",
}

// phraseSet finds a list of phrases (each two bytes or longer) in a line
// in one pass over its bytes: a startIndex of the phrases' first three
// bytes says where one may start, and only there are the phrases starting
// with those bytes tried. It finds what strings.Contains finds, without
// decoding runes, stepping over the three-byte runes of Chinese text whole.
// Each phrase carries bits (newTaggedSet): scan returns the bits of all
// the phrases a line holds; newPhraseSet gives every phrase the same bit,
// for in.
type phraseSet struct {
	idx     startIndex
	byStart [][]taggedPhrase // the phrases by their startIndex bucket
	all     uint64           // the bits of all the phrases: scan stops once it has them
}

type taggedPhrase struct {
	phrase string
	bits   uint64
}

func newPhraseSet(phrases []string) *phraseSet {
	tagged := make([]taggedPhrase, len(phrases))
	for i, ph := range phrases {
		tagged[i] = taggedPhrase{ph, 1}
	}
	return newTaggedSet(tagged)
}

func newTaggedSet(phrases []taggedPhrase) *phraseSet {
	p := &phraseSet{}
	for _, ph := range phrases {
		checkPhrase(ph.phrase)
		k := p.idx.add(ph.phrase)
		if k == len(p.byStart) {
			p.byStart = append(p.byStart, nil)
		}
		p.byStart[k] = append(p.byStart[k], ph)
		p.all |= ph.bits
	}
	return p
}

// in says whether s contains one of the phrases.
func (p *phraseSet) in(s string) bool { return p.scan(s) != 0 }

// scan returns the bits of all the phrases s holds; it reads no further
// once it has all the set's bits (for in, the first phrase found).
func (p *phraseSet) scan(s string) (found uint64) {
	for i := 0; i+1 < len(s); i += runeStep(s, i) {
		if i = p.idx.skipQuiet(s, i); i+1 >= len(s) {
			break
		}
		if p.idx.row[s[i]] == 0 {
			continue // (the common case, tested before the call)
		}
		k := p.idx.at(s, i)
		if k < 0 {
			continue
		}
		for _, ph := range p.byStart[k] {
			if found&ph.bits != ph.bits && strings.HasPrefix(s[i:], ph.phrase) {
				if found |= ph.bits; found == p.all {
					return found
				}
			}
		}
	}
	return found
}

// startIndex says which phrases of a set may start at s[i:], by the first
// two bytes there and the third: a table of the first bytes that start a
// phrase, for each of them a table of second bytes, and for each first two
// bytes a bitmap of the third (every byte for a phrase of two bytes). The
// phrases with the same first bytes share a bucket, numbered from 0 in the
// order they were added.
//
// For runs of three-byte runes (Chinese text) it also keeps a bitmap of the
// first runes of the phrases, by code point: two runes at a time are ruled
// out with one word read and two bit tests (skipQuiet).
type startIndex struct {
	row    [256]uint8    // 1 + the index in rows of a first byte; 0: no phrase starts with it
	rows   [][256]uint16 // 1 + the bucket of a first byte's second bytes; 0: none
	thirds [][4]uint64   // bit d of thirds[k][d/64]: a phrase of bucket k may have third byte d
	first3 [1024]uint64  // bit r: a phrase may start with the three-byte rune r
}

// add files a phrase of two bytes or more and returns its bucket (a new
// one is len of the earlier buckets).
func (x *startIndex) add(ph string) int {
	c, b := ph[0], ph[1]
	if x.row[c] == 0 {
		x.rows = append(x.rows, [256]uint16{})
		x.row[c] = uint8(len(x.rows)) // (fewer than 256 first bytes: ASCII and lead bytes)
	}
	r := &x.rows[x.row[c]-1]
	if r[b] == 0 {
		x.thirds = append(x.thirds, [4]uint64{})
		r[b] = uint16(len(x.thirds))
	}
	k := int(r[b]) - 1
	if len(ph) == 2 {
		x.thirds[k] = [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	} else {
		d := ph[2]
		x.thirds[k][d/64] |= 1 << (d % 64)
	}
	if c&0xF0 == 0xE0 {
		for d := 0x80; d < 0xC0; d++ {
			if len(ph) == 2 || ph[2] == byte(d) {
				r := rune3(uint32(c), uint32(b), uint32(d))
				x.first3[r/64] |= 1 << (r % 64)
			}
		}
	}
	return k
}

// rune3 is the code point of the three bytes c, b, d read as a rune with
// lead byte c (E0–EF) and continuation bytes b and d (80–BF): distinct
// such bytes give distinct numbers below 1<<16.
func rune3(c, b, d uint32) uint32 { return (c&0x0F)<<12 | (b&0x3F)<<6 | d&0x3F }

// skipQuiet returns how far a scan for phrases at s[i] may go ahead: past
// every pair of three-byte runes (lead bytes E0–EF, each with two
// continuation bytes: two steps of runeStep) neither of which starts a
// phrase, reading each pair as one word, up to where eight bytes are left.
func (x *startIndex) skipQuiet(s string, i int) int {
	for ; i+8 <= len(s); i += 6 {
		w := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:i+8]), 8))
		if w&0x0000C0C0F0C0C0F0 != 0x00008080E08080E0 {
			return i
		}
		r1 := rune3(uint32(w), uint32(w>>8), uint32(w>>16))
		r2 := rune3(uint32(w>>24), uint32(w>>32), uint32(w>>40))
		if x.first3[r1/64]&(1<<(r1%64)) != 0 || x.first3[r2/64]&(1<<(r2%64)) != 0 {
			return i
		}
	}
	return i
}

// at returns the bucket of the phrases that may start at s[i:] (i+1 <
// len(s)), or -1 when none can.
func (x *startIndex) at(s string, i int) int {
	r := x.row[s[i]]
	if r == 0 {
		return -1
	}
	k := int(x.rows[r-1][s[i+1]]) - 1
	if k < 0 {
		return -1
	}
	if i+2 < len(s) {
		if d := s[i+2]; x.thirds[k][d/64]&(1<<(d%64)) == 0 {
			return -1
		}
	}
	return k
}

// runeStep is how far a scan for phrases may step from s[i]: past a
// three-byte rune (a lead byte E0–EF and two continuation bytes) at once,
// else one byte. No phrase starts with a continuation byte (newTaggedSet
// refuses one), so none starts inside the rune.
func runeStep(s string, i int) int {
	if s[i] >= 0xE0 && s[i] < 0xF0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return 3
	}
	return 1
}

// checkPhrase panics on a phrase a phraseSet cannot hold: shorter than two
// bytes, or starting with a UTF-8 continuation byte.
func checkPhrase(ph string) {
	if len(ph) < 2 {
		panic("phraseSet: phrase shorter than two bytes: " + ph)
	}
	if ph[0]&0xC0 == 0x80 {
		panic("phraseSet: phrase starts with a continuation byte: " + ph)
	}
}

var boilerSet = newPhraseSet(boilerPhrases)

func hasPhrase(s string) bool { return boilerSet.in(s) }

// reFigureSentence is a sentence of the article that reports figures: a
// number with a measure word, and a sentence end. Such a line is kept even
// when it names a site feature (通过微信公众号推送文章3条…。).
var reFigureSentence = regexp.MustCompile(`[0-9０-９]\s*(?:万|亿)?\s*(?:余|多)?\s*(?:份|人|条|场|次|名|家|个|户|笔|项|件|元|台|期)[^。；;！!]*[。；;！!]\s*$`)

func reportsFigures(s string) bool { return reFigureSentence.MatchString(s) }

// strongPhrases mark a copyright or licence line even when it is long.
var strongPhrases = []string{"版权所有", "版權所有", "Copyright", "copyright", "COPYRIGHT", "©", "All Rights Reserv", "ICP备", "公网安备"}

var strongSet = newPhraseSet(strongPhrases)

var (
	reBoilerStart = newStartMatcher(boilerStartAlts)
	// boilerStartAlts are the alternatives of reBoilerStart.
	boilerStartAlts = []string{
		`欢迎(?:来到|访问|光临|您)|您好[!！,，]?\s*欢迎|TOP$`,
		`搜索[:：]?|字号|[(（]?(?:相关|相關)?(?:资料图|資料圖)片?[)）]?$|[(（]?图片来源|分享更多|分享$|手机版|登录|注册|首页$`,
		`相[关關][标標][签簽]|标签[:：]|关键[词字][:：]|[Tt][Aa][Gg][Ss]?[:：]`,
		`[\[【(（]?(?:上一?篇|下一?篇|上一版|下一版|上一页|下一页|上一条|下一条)`,
		`举报$|热门评论|最新评论|全部评论|图说[:：]`,
		`(?:电话|联系电话|客服热线|服务热线|咨询电话|热线电话|传真|地址|邮编|邮政编码)[:：]`,
		`[\d\s()（）+-]{7,}$`,
		`原标题[:：]`,
		`【[^】]{1,14}】$|首\s*页(?:$|[\s|｜>＞])`,
		`放大\s*缩小|(?:大|中|小)\s*(?:中|小)?$`,
		`[(（]?(?:cis|完|end|END|编辑)[)）]?$`,
		`本文(?:来源|转自|转载)|我们的标准[:：]`,
		`[A-Za-z0-9.-]+\.[a-z]{2,}/[\x21-\x7e]*$`,
		`(?:资料图片?|图片来源|圖片來源)[:：]`,
		`专题[:：]`,
		// Widget labels alone on a line: follow, rate, like, comment.
		`(?:关注|加关注|评分|点赞|收藏|评论|纠错|打印|顶|踩|赞)$`,
		// Pagination: 共3页, 第2页, 1/3.
		`(?:共\s*\d+\s*页|第\s*\d+\s*页|\d+\s*/\s*\d+)(?:\s*\d+)*$`,
		// Template variables and attribute names left by the page's code.
		`[A-Za-z_][A-Za-z0-9_]*(?:\s+\d+)+$|\[!--[^\]]*--\]`,
		// A breadcrumb's last step: "长三角政商 >".
		`[^\s>＞»]{1,12}\s*[>＞»]$`,
	}
	// Unanchored patterns, tried only when their key word is in the line:
	// boilerAny in scan.go says what reBoilerAny (now in scan_test.go) said
	// on the lines holding one of boilerKeys.
	boilerKeys = []string{"字", "次", "APP", "不代表", "ogo", "OGO", "摄"}
)

// rePrevNext starts a link to the previous or next article.
var rePrevNext = regexp.MustCompile(`^(?:[\[【(（]\s*(?:上一?篇|下一?篇|上一条|下一条)(?:文章|新闻)?\s*[\]】)）]|(?:上一?篇|下一?篇|上一条|下一条)(?:文章|新闻)?\s*[:：])`)

// navWords are words of site navigation: two or more in one short line
// mean a menu.
var navWords = []string{"关于我们", "联系我们", "网站地图", "加入我们", "商务合作", "广告服务", "免责声明", "法律声明",
	"隐私政策", "意见反馈", "投稿", "客服", "会员中心", "帮助中心", "友情链接", "网站导航"}

// countNavWords counts the navWords s holds, in one pass over its runes:
// a word is tried only where its first rune is.
func countNavWords(s string) int {
	var found uint32 // bit k: navWords[k] seen
	for i, r := range s {
		if !navFirst.has(r) {
			continue
		}
		for _, k := range navByRune[r] {
			if found&(1<<k) == 0 && strings.HasPrefix(s[i:], navWords[k]) {
				found |= 1 << k
			}
		}
	}
	return bits.OnesCount32(found)
}

// navByRune indexes navWords by first rune; navFirst is the set of those
// runes (runes beyond the BMP always go to the map).
var navByRune, navFirst = func() (map[rune][]int, runeSet) {
	if len(navWords) > 32 {
		panic("navWords: countNavWords keeps at most 32 words in a bit set")
	}
	m := map[rune][]int{}
	var b runeSet
	for k, w := range navWords {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], k)
		if r >= 0 && r < 0x10000 {
			b[r/64] |= 1 << (r % 64)
		}
	}
	return m, b
}()

// Headings after which a page lists other articles: the rest goes
// (traditional forms too: 熱門新聞 heads a Hong Kong site's list).
// (cutHeading in scan.go; the regexp it replaces, reCut, is in
// scan_test.go.)
var cutWords = []string{"更多关于", "热门评论", "最新评论", "相关文章", "相关阅读", "推荐阅读", "相关新闻", "延伸阅读", "热门推荐",
	"猜你喜欢", "新闻推荐", "相关推荐", "热点推荐", "更多阅读", "精彩推荐", "相关链接", "热门文章", "最新文章", "热门阅读",
	"大家都在看", "为你推荐", "往期回顾", "网友评论", "发表评论", "我要评论", "相关报道", "相關文章", "相關閱讀", "推薦閱讀",
	"相關新聞", "热门资讯", "最新资讯", "精彩图片", "点击排行", "热门排行",
	"热门新闻", "熱門新聞", "热点新闻", "熱點新聞", "往期推荐", "往期推薦", "熱門推薦", "猜你喜歡", "延伸閱讀", "熱門文章", "熱門閱讀", "相關報道", "相關推薦", "新聞推薦", "為你推薦", "熱點推薦", "更多閱讀", "精彩推薦", "熱門資訊", "最新資訊", "本版其他文章", "其他文章", "更多新闻", "更多新聞"}

// Header labels: a line carrying one of these, followed by a colon or a
// space, near the top is metadata.
var metaLabels = []string{"发布时间", "發布時間", "發佈時間", "发表时间", "發表時間", "发布日期", "更新时间", "时间", "時間",
	"日期", "来源", "來源", "作者", "编辑", "編輯", "浏览次数", "点击数", "发布者", "供稿单位", "稿源"}

// hasMetaLabel says whether a label of metaLabels in s is followed by the
// end, white space or a colon, in one pass over s (metaLabelSet); the
// label-by-label search it replaces is hasMetaLabelEach in count_test.go.
func hasMetaLabel(s string) bool {
	return metaLabelSet.anyFollowedBy(s, func(rest string) bool {
		t := strings.TrimLeft(rest, " \t\u3000")
		return t == "" || len(t) != len(rest) || strings.HasPrefix(t, ":") || strings.HasPrefix(t, "：")
	})
}

var metaLabelSet = newPhraseSet(metaLabels)

// anyFollowedBy says whether s holds one of the phrases such that ok says
// yes to the rest of s after it (every occurrence of every phrase is tried).
func (p *phraseSet) anyFollowedBy(s string, ok func(rest string) bool) bool {
	for i := 0; i+1 < len(s); i += runeStep(s, i) {
		k := p.idx.at(s, i)
		if k < 0 {
			continue
		}
		for _, ph := range p.byStart[k] {
			if strings.HasPrefix(s[i:], ph.phrase) && ok(s[i+len(ph.phrase):]) {
				return true
			}
		}
	}
	return false
}

// Words of a byline anywhere in a short line (the regexp reBylineWord
// once; see scan_test.go).
var bylineWordSet = newPhraseSet([]string{"记者", "記者", "通讯员", "通訊員", "实习生", "實習生", "编辑", "編輯", "作者", "撰文", "摄影", "攝影"})

// Sources and authors written in the text: labelled values read by hand,
// reSource and reAuthor (their regexps, in scan_test.go):
//
//	(?:文章来源|稿件来源|信息来源|新闻来源|文章來源|来源|來源|稿源|出处)\s*[:：]\s*([^\s|｜)）\]】,，。;；:：]{1,40})
//	(?:作者|责任编辑|責任編輯|编辑|編輯|记者|撰稿)\s*[:：/／]\s*([^\s|｜)）\]】,，。;；:：]{1,20})
var (
	reSource = &labelledValue{labels: newPhraseSet([]string{"文章来源", "稿件来源", "信息来源", "新闻来源", "文章來源", "来源", "來源", "稿源", "出处"}),
		seps: ":：", max: 40}
	reAuthor = &labelledValue{labels: newPhraseSet([]string{"作者", "责任编辑", "責任編輯", "编辑", "編輯", "记者", "撰稿"}),
		seps: ":：/／", max: 20}
)

// A labelledValue is the regexp (?:label|…)\s*[seps]\s*([^excluded]{1,max}),
// where excluded is \s|｜)）]】,，。;；:：, read without backtracking: at
// most one label starts at a position (none is a prefix of another), the
// white space, separators and value runes are disjoint classes, so each
// part is read greedily; an invalid byte is a rune of the value, as in Go's
// regexp.
type labelledValue struct {
	labels *phraseSet
	seps   string
	max    int
}

// matchAt returns the match at s[p:], its end and the start of its value.
func (l *labelledValue) matchAt(s string, p int) (end, v int, ok bool) {
	i, k := -1, l.labels.idx.at(s, p)
	if k < 0 {
		return 0, 0, false
	}
	for _, ph := range l.labels.byStart[k] {
		if strings.HasPrefix(s[p:], ph.phrase) {
			i = p + len(ph.phrase)
			break
		}
	}
	if i < 0 {
		return 0, 0, false
	}
	i = skipRESpace(s, i)
	r, n := utf8.DecodeRuneInString(s[i:])
	if n == 0 || !strings.ContainsRune(l.seps, r) {
		return 0, 0, false
	}
	v = skipRESpace(s, i+n)
	end = v
	for k := 0; k < l.max && end < len(s); k++ {
		r, n := utf8.DecodeRuneInString(s[end:])
		if isRESpace(s[end]) || strings.ContainsRune("|｜)）]】,，。;；:：", r) {
			break
		}
		end += n
	}
	return end, v, end > v
}

// FindAllStringSubmatchIndex is the regexp's: up to n matches (all when n
// < 0), each [start, end, value start, value end], each searched from the
// end of the last.
func (l *labelledValue) FindAllStringSubmatchIndex(s string, n int) [][]int {
	var out [][]int
	for p := 0; p+1 < len(s) && (n < 0 || len(out) < n); {
		if l.labels.idx.row[s[p]] != 0 {
			if end, v, ok := l.matchAt(s, p); ok {
				out = append(out, []int{p, end, v, end})
				p = end
				continue
			}
		}
		p += runeStep(s, p)
	}
	return out
}

func (l *labelledValue) FindStringSubmatchIndex(s string) []int {
	if m := l.FindAllStringSubmatchIndex(s, 1); m != nil {
		return m[0]
	}
	return nil
}

func (l *labelledValue) FindAllStringSubmatch(s string, n int) [][]string {
	var out [][]string
	for _, m := range l.FindAllStringSubmatchIndex(s, n) {
		out = append(out, []string{s[m[0]:m[1]], s[m[2]:m[3]]})
	}
	return out
}

func (l *labelledValue) FindStringSubmatch(s string) []string {
	if m := l.FindAllStringSubmatch(s, 1); m != nil {
		return m[0]
	}
	return nil
}

var (
	reOrigURL = regexp.MustCompile(`(?:原文链接|原文地址|原文網址|本文链接|文章链接)\s*[:：]?\s*(https?://\S+)`)
	reOnlyURL = regexp.MustCompile(`^<?(https?://[^\s<>]+)>?$`)
)

// Markdown in text lines.
var (
	reMDImage   = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	reMDLink    = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	reMDHeading = regexp.MustCompile(`^#{1,6}(?:\s+|$)`)
	reHashtag   = regexp.MustCompile(`^#([^#\s][^#]*)#$`)
)

// cutMDEmph is reMDEmph.ReplaceAllString(s, "$1$2") with the regexp
// \*\*([^*]+)\*\*|__([^_]+)__ (in scan_test.go) read by hand: **text** and
// __text__ become text. At each "**" (or "__") from the left, the text runs
// to the next '*' (or '_'), which must start a second "**": the class
// cannot hold the mark, so there is no other reading.
func cutMDEmph(s string) string {
	var b []byte // made at the first match
	last := 0
	for i := 0; i+1 < len(s); {
		c := s[i]
		if (c == '*' || c == '_') && s[i+1] == c {
			j := strings.IndexByte(s[i+2:], c) + i + 2 // the text is s[i+2:j]
			if j > i+2 && j+1 < len(s) && s[j+1] == c {
				if b == nil {
					b = make([]byte, 0, len(s))
				}
				b = append(append(b, s[last:i]...), s[i+2:j]...)
				i = j + 2
				last = i
				continue
			}
		}
		i++
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// normLine makes one line of text clean: markdown and entities resolved,
// white space collapsed, stray bars at the ends removed.
func normLine(s string) string {
	s, _ = normLineCounted(s)
	return s
}

// normLineCounted is normLine that also returns the rune count
// (hanzi.RuneCount) of the line it returns when it has it at hand: when
// only ends were trimmed off and nothing was, else -1.
func normLineCounted(s string) (string, int) {
	// Most lines hold no markdown or entity: then one pass over them says
	// what the steps below would find, and they keep s as it is up to the
	// white space step. The pass also says whether a pinyin gloss may be
	// there to strip first.
	invisible, collapse, marks, paren, runes := lineScan(s)
	if paren {
		// 農(nóng)業(yè)銀行 → 農業銀行 (s itself when none)
		if t := stripPinyin(s); len(t) != len(s) {
			s = t
			invisible, collapse, marks, _, runes = lineScan(s)
		}
	}
	if marks {
		return normLineMarked(s), -1
	}
	t := normLineSpaces(s, invisible, collapse)
	if invisible || collapse || len(t) != len(s) {
		return t, -1
	}
	return t, runes // (t is s: only its ends could have been cut)
}

// normLineMarked is normLine for a line that may hold markdown or an
// entity (lineScan's marks).
func normLineMarked(s string) string {
	if strings.Contains(s, "](") {
		s = reMDImage.ReplaceAllString(s, "")
		s = reMDLink.ReplaceAllString(s, "$1")
	}
	if strings.HasPrefix(s, "#") || strings.HasPrefix(strings.TrimSpace(s), "#") {
		s = strings.TrimSpace(s)
		s = reHashtag.ReplaceAllString(reMDHeading.ReplaceAllString(s, ""), "$1")
	}
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = cutMDEmph(s)
	}
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = html.UnescapeString(s)
	}
	invisible, collapse := spaceScan(s)
	return normLineSpaces(s, invisible, collapse)
}

// normLineSpaces is the rest of normLine, from the white space on, for a
// line holding an invisible character or white space to collapse as
// spaceScan says.
func normLineSpaces(s string, invisible, collapse bool) string {
	switch {
	case invisible:
		s = normSpace(stripInvisible(s))
	case collapse:
		s = normSpace(s)
	default:
		s = strings.TrimSpace(s) // what normSpace does when nothing collapses
	}
	if strings.HasSuffix(s, "---") || strings.HasSuffix(s, "===") {
		s = strings.TrimRight(s, "-= ")
	}
	if barEnd(s) { // (strings.Trim with a non-ASCII cutset decodes runes)
		if tableRow(s) {
			s = tableCells(s)
		} else {
			s = strings.Trim(s, "|｜")
		}
	}
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）") {
		// An editor's code after the last sentence: "…质量水平。(cis)".
		s = cutEditorCode(s) // (reEditorCode in scan_test.go)
	}
	if strings.HasPrefix(s, "> ") {
		s = strings.TrimSpace(s[2:])
	}
	return s
}

// tableRow says whether s, a trimmed line, is a row of a markdown table
// with a figure: | 绿色金融融资余额 | 18,600亿元 | 16,390亿元 |. Its cells are
// kept as one line (tableCells), where a menu's items (| 首页 | 新闻 |) are
// dropped: a row's figures read with its label.
func tableRow(s string) bool {
	return strings.HasPrefix(s, "|") && strings.HasSuffix(s, "|") && strings.Count(s, "|") >= 3 && hasDigit(s)
}

// tableCells returns a table row's cells separated by spaces.
func tableCells(s string) string {
	cells := strings.Split(strings.Trim(s, "|"), "|")
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return strings.Join(cells, " ")
}

// barEnd says whether s starts or ends with '|' or '｜' (what normLineSpaces
// trims off the ends of a line besides white space).
func barEnd(s string) bool {
	return strings.HasPrefix(s, "|") || strings.HasPrefix(s, "｜") || strings.HasSuffix(s, "|") || strings.HasSuffix(s, "｜")
}

func stripInvisible(s string) string {
	if !hasInvisible(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
			return -1
		}
		return r
	}, s)
}

// hasInvisible looks for the UTF-8 bytes of U+200B–U+200D, U+2060, U+FEFF
// and U+00AD without decoding runes.
func hasInvisible(s string) bool {
	for i := 0; i+1 < len(s); {
		if i+8 <= len(s) && !leadIn8(s, i) {
			i += 8 // no C2, E2 or EF among these eight bytes
			continue
		}
		for end := min(i+8, len(s)-1); i < end; i++ {
			if invisibleAt(s, i) {
				return true
			}
		}
	}
	return false
}

// leadIn8 says one of s[i:i+8] is C2, E2 or EF, testing the eight bytes at
// once (a zero byte of x^b·0x0101… marks a byte equal to b).
func leadIn8(s string, i int) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
	a, b, c := x^ones*0xC2, x^ones*0xE2, x^ones*0xEF
	return ((a-ones)&^a|(b-ones)&^b|(c-ones)&^c)&highs != 0
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' ||
		r == '\u00a0' || r == '\u3000' || r == '\u2002' || r == '\u2003' || r == '\u2009' || r == '\u202f'
}

// isBoilerplate says whether a line is site furniture rather than article
// text. Long lines are article text.
func isBoilerplate(s string) bool { return isBoilerplateN(s, hanzi.RuneCount(s)) }

// isBoilerplateN is isBoilerplate for a line of n runes.
func isBoilerplateN(s string, n int) bool {
	if n > 200 {
		return false
	}
	if n > 60 {
		if n <= 150 {
			if strongSet.in(s) {
				return true
			}
			if prevNextFirst(s) && rePrevNext.MatchString(s) {
				return true // a link to the previous or next article, however long its title
			}
		}
		return isCrumbOrMenu(s)
	}
	if !hasWordChar(s) {
		return true
	}
	// One pass for what hasPhrase, boilerAny's key test and countNavWords
	// look for.
	found := shortLineWords.scan(s)
	if found&wordPhrase != 0 && !reportsFigures(s) {
		return true
	}
	if reBoilerStart.MatchString(s) {
		return true
	}
	if found&wordKey != 0 && boilerAlts(s) {
		return true
	}
	if bits.OnesCount64(found&^(wordPhrase|wordKey)) >= 2 {
		return true // two or more navigation words
	}
	if isCrumbOrMenu(s) {
		return true
	}
	if n <= 50 && strings.ContainsRune(s, '@') && (strings.Contains(s, "邮箱") || strings.Contains(s, "投稿") || strings.Contains(s, "mail")) {
		return true
	}
	if n <= 30 && (strings.HasPrefix(s, "http") || strings.HasPrefix(s, "<http")) && reOnlyURL.MatchString(s) {
		return true
	}
	return false
}

// isCrumbOrMenu recognises breadcrumbs (a > b > c) and menus (a | b | c,
// or four or more one-word items separated by spaces).
//
// Most lines it sees are sentences: a full stop or comma, found early,
// rules out breadcrumbs and word menus before anything is counted.
func isCrumbOrMenu(s string) bool {
	stop := strings.Contains(s, "，") || strings.Contains(s, "。") || strings.Contains(s, ",")
	if !stop && strings.Count(s, ">")+strings.Count(s, "＞")+strings.Count(s, "»")+strings.Count(s, "→") >= 2 {
		return true
	}
	if bars := strings.Count(s, "|") + strings.Count(s, "｜"); bars >= 2 {
		parts := strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '｜' })
		short := 0
		for _, p := range parts {
			if hanzi.RuneCount(strings.TrimSpace(p)) <= 8 {
				short++
			}
		}
		if short*3 >= len(parts)*2 && !figureCells(parts) {
			return true
		}
	}
	if stop || strings.Count(s, " ") < 3 || hasSentencePunct(s) {
		return false // (a stop or comma is sentence punctuation)
	}
	f := strings.Fields(s)
	if len(f) >= 4 {
		for _, w := range f {
			if hanzi.RuneCount(w) > 5 || hasDigit(w) {
				return false
			}
		}
		return true
	}
	return false
}

// figureCells says a line's parts between bars are a table's row typed as
// text (对公跨行转账（柜面）｜5元/笔｜2元/笔, 单位结算账户管理费｜360元/年｜免收),
// not a menu, a ticker or a headline bar: the first part is a label with no
// figure, and each other part is a value alone — a number (after at most
// 约, 超 …) with a measure word of money or of a count and maybe a unit
// after a slash, or a word such as 免收 — at least one of them a figure.
// 工商银行｜5.62元｜+0.36% (a signed change), 快讯｜100亿元春耕贷款｜让利5亿元
// and 信用卡｜1元乘公交｜5折观影 (words after the figures) stay menus.
func figureCells(parts []string) bool {
	if len(parts) < 2 || strings.ContainsAny(strings.TrimSpace(parts[0]), "0123456789") {
		return false
	}
	figures := 0
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		switch p {
		case "免收", "免费", "取消", "无", "—", "-", "/", "不收费", "免":
			continue
		}
		i := strings.IndexAny(p, "0123456789")
		if i < 0 || utf8.RuneCountInString(p[:i]) > 2 || strings.ContainsAny(p[:i], "+-＋－") {
			return false
		}
		j := i
		for j < len(p) && (p[j] >= '0' && p[j] <= '9' || p[j] == '.' || p[j] == ',') {
			j++
		}
		r, size := utf8.DecodeRuneInString(p[j:])
		if !strings.ContainsRune("元万亿户笔家个人名次件台场项张份所辆亩吨", r) {
			return false
		}
		rest := strings.TrimLeft(p[j+size:], "元万亿")
		if rest != "" && !strings.HasPrefix(rest, "/") && !strings.HasPrefix(rest, "／") && rest != "以上" && rest != "以下" && rest != "以内" {
			return false
		}
		if strings.HasPrefix(rest, "/") || strings.HasPrefix(rest, "／") {
			if n := utf8.RuneCountInString(rest); n > 3 {
				return false // 5元/笔, 360元/年
			}
		}
		figures++
	}
	return figures > 0
}

// hasSentencePunct says whether s holds a comma, colon, semicolon, full
// stop, exclamation or question mark, ASCII or full width.
func hasSentencePunct(s string) bool {
	if strings.ContainsAny(s, ",:;!?") {
		return true
	}
	for _, p := range []string{"。", "，", "：", "；", "！", "？"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// hasClausePunct says whether s holds a comma, full stop or other mark
// that ends a clause (colons do not count: bylines have them).
func hasClausePunct(s string) bool {
	if strings.ContainsAny(s, ",;!?") {
		return true
	}
	for _, p := range []string{"。", "，", "；", "！", "？"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// metaLine reads a header line: the date, source and author it states, and
// whether the line is metadata (to leave out of the body).
func metaLine(s string) (date, source, author string, ok bool) {
	return metaLineN(s, hanzi.RuneCount(s))
}

// metaLineN is metaLine for a line of n runes.
func metaLineN(s string, n int) (date, source, author string, ok bool) {
	if n > 120 {
		return "", "", "", false
	}
	metaWord := hasMetaWord(s)
	if !metaWord && !hasDigitRun(s, 4) && !hanYear(s) {
		return "", "", "", false
	}
	labelled := metaWord && hasMetaLabel(s)
	dm, hasDate := findDate(s)
	source = findSource(s)
	author = findAuthor(s)
	if hasDate {
		rest := strings.TrimLeft(s[dm.End:], " ")
		dateline := !strings.HasPrefix(rest, ",") && !strings.HasPrefix(rest, "，") && !strings.Contains(s, "。") && !isRangeStart(rest)
		if dateline && (labelled || n <= 60 && (!embeddedDate(s, dm) || countHan(s[:dm.Start])+countHan(s[dm.End:]) <= 10)) {
			return dm.Date, source, author, true
		}
	}
	if labelled && n <= 80 && !strings.Contains(s, "。") && (source != "" || author != "" || strings.HasSuffix(strings.TrimSpace(s), ":") || strings.HasSuffix(strings.TrimSpace(s), "：") || hasDate) {
		return "", source, author, true
	}
	if labelled && n <= 40 && !containsAny(s, "。", "，", ",") {
		return "", source, author, true
	}
	return "", "", "", false
}

// A captured value that is itself a label ("来源: 作者:" with empty values).
var reLabelValue = regexp.MustCompile(`^(?:发布|時間|时间|日期|作者|编辑|編輯|来源|來源|点击|點擊|阅读|閱讀|浏览|瀏覽|字号|分享)`)

// findSource returns the source named by a 来源/文章来源 label in s.
func findSource(s string) string {
	if !strings.Contains(s, "源") && !strings.Contains(s, "出处") || !hasColon(s) {
		return "" // (reSource needs its label and a colon)
	}
	for _, ix := range reSource.FindAllStringSubmatchIndex(s, 3) {
		if imageCredit(s, ix[0]) {
			continue
		}
		if v := strings.Trim(s[ix[2]:ix[3]], ":："); v != "" && !reLabelValue.MatchString(v) && !hasDigitRun(v, 4) {
			return v
		}
	}
	return ""
}

// containsAny is strings.ContainsAny for a few characters given one by
// one: a fast strings.Contains each instead of decoding every rune of s
// (which strings.ContainsAny does when a character is not ASCII). Both
// find the same, whole runes never overlapping partly.
func containsAny(s string, chars ...string) bool {
	for _, c := range chars {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// hasColon says whether s holds ':' or '：'.
func hasColon(s string) bool { return strings.IndexByte(s, ':') >= 0 || strings.Contains(s, "：") }

// imageCredit says whether the 来源 label at byte offset i of s belongs to
// a picture (图片来源: CFP, 图源: …), not to the article.
func imageCredit(s string, i int) bool {
	before := s[:i]
	return strings.HasSuffix(before, "图片") || strings.HasSuffix(before, "圖片") || strings.HasSuffix(before, "图") || strings.HasSuffix(before, "圖") || strings.HasSuffix(before, "题图")
}

// findAuthor returns the author or editor named by a label in s.
func findAuthor(s string) string {
	if !strings.Contains(s, "作者") && !strings.Contains(s, "编") && !strings.Contains(s, "編") && !strings.Contains(s, "记者") && !strings.Contains(s, "撰稿") ||
		!hasColon(s) && strings.IndexByte(s, '/') < 0 && !strings.Contains(s, "／") {
		return "" // (reAuthor needs its label and a colon or slash)
	}
	for _, m := range reAuthor.FindAllStringSubmatch(s, 3) {
		if v := strings.Trim(m[1], ":："); v != "" && !reLabelValue.MatchString(v) && !hasDigitRun(v, 4) {
			return v
		}
	}
	return ""
}

var metaWords = []string{"时", "時", "日期", "源", "作者", "编", "編", "浏览", "点击", "发布", "稿"}

var metaWordSet = newPhraseSet(metaWords)

func hasMetaWord(s string) bool { return metaWordSet.in(s) }

// releaseDateline reads a press release's dateline, a date then a comma
// and a city or province alone (2023年7月12日，上海; 2023年7月12日, 北京),
// and returns its date. readHeader takes it only before the body's text:
// a timeline's 2008年10月16日，挂牌 names no place, and a caption's or a
// later paragraph's date is not the article's.
func releaseDateline(s string) string {
	dm, ok := findDate(s)
	if !ok || strings.TrimSpace(s[:dm.Start]) != "" {
		return ""
	}
	rest := strings.TrimLeft(s[dm.End:], " ")
	t, ok := strings.CutPrefix(rest, "，")
	if !ok {
		if t, ok = strings.CutPrefix(rest, ","); !ok {
			return ""
		}
	}
	if !slices.Contains(datelinePlaces, strings.TrimSpace(t)) {
		return ""
	}
	return dm.Date
}

// datelinePlaces are the cities and provinces press releases are dated
// from.
var datelinePlaces = []string{"北京", "上海", "天津", "重庆", "香港", "澳门", "台北", "广州", "深圳", "杭州", "南京", "苏州", "成都", "武汉",
	"西安", "长沙", "郑州", "济南", "青岛", "厦门", "福州", "合肥", "南昌", "沈阳", "大连", "长春", "哈尔滨", "石家庄", "太原", "呼和浩特",
	"南宁", "海口", "贵阳", "昆明", "拉萨", "兰州", "西宁", "银川", "乌鲁木齐", "宁波", "无锡", "东莞", "佛山", "珠海", "温州",
	"北京市", "上海市", "天津市", "重庆市", "中国北京", "中国上海", "中国香港",
	"河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南",
	"四川", "贵州", "云南", "陕西", "甘肃", "青海", "内蒙古", "广西", "西藏", "宁夏", "新疆"}

// hanYear says s may write a year in Chinese numerals (二〇二二年三月十五日):
// 年 and a zero, which every year since 2000 written so holds.
func hanYear(s string) bool {
	return strings.Contains(s, "年") && (strings.Contains(s, "〇") || strings.Contains(s, "○") || strings.Contains(s, "零"))
}

// isRangeStart says whether the text after a date continues a date range
// (2026年3月9日至3月15日): an event's dates, not a publication date.
func isRangeStart(rest string) bool {
	for _, p := range []string{"至", "到", "—", "－", "-", "~", "～", "起"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// titleLike says whether a line can be a headline.
func titleLike(s string) bool {
	if len(s) > 4*72 {
		return false // over 72 runes
	}
	n := hanzi.RuneCount(s)
	if n < 5 || n > 72 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	switch last {
	case '。', '；', ';', '，', ',', ':', '：', '、':
		return false
	}
	if strings.Contains(s, "。") {
		return false
	}
	if strings.Count(s, ",")+strings.Count(s, "，") >= 3 {
		return false
	}
	if (strings.HasPrefix(s, "【") && strings.HasSuffix(s, "】")) || isByline(s) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if first == '(' || first == '（' || first == '[' || first == '“' && strings.Count(s, "”") == 0 {
		return false
	}
	return hasHan(s) || n >= 10
}

// embeddedDate says whether the date is written inside a phrase, Han
// characters touching it on both sides (示例银行2022年3月15日举办…).
func embeddedDate(s string, dm dateMatch) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:dm.Start])
	after, _ := utf8.DecodeRuneInString(s[dm.End:])
	isHan := func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }
	return dm.Start > 0 && dm.End < len(s) && isHan(before) && isHan(after)
}

func countHan(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			n++
		}
	}
	return n
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// titleKey is the comparable form of a title: letters and digits only.
// It copies the kept runes in runs (a valid rune's bytes are what WriteRune
// would write; an invalid byte is U+FFFD, not a letter, and dropped), and
// returns s itself when nothing is dropped.
func titleKey(s string) string {
	var b strings.Builder
	run := 0 // start of the kept bytes not yet written
	for i := 0; i < len(s); {
		c := s[i]
		var keep bool
		n := 1
		switch {
		case c < utf8.RuneSelf:
			keep = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		default:
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			keep = r >= 0x4E00 && r <= 0x9FFF || unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if !keep {
			if b.Cap() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[run:i])
			run = i + n
		}
		i += n
	}
	if run == 0 {
		return s
	}
	b.WriteString(s[run:])
	return b.String()
}

// sameTitle says whether a body line repeats the title (possibly twice,
// possibly missing a character or two).
func sameTitle(line, titleK string) bool {
	if titleK == "" || len(line)*10 < len(titleK)*7 {
		return false // too short to hold 70% of the title's letters
	}
	// Every case below has the key of the line and titleK overlap in the
	// middle of titleK: either holds the other, and a part of titleK of
	// 70% or more of its bytes holds its middle byte, so the whole rune
	// there (all these strings are whole runes). Most lines lack it.
	if !strings.Contains(line, middleRune(titleK)) {
		return false
	}
	k := titleKey(line)
	if k == "" {
		return false
	}
	if k == titleK {
		return true
	}
	if strings.Contains(k, titleK) && strings.ReplaceAll(k, titleK, "") == "" {
		return true
	}
	if strings.Contains(titleK, k) && len(k)*10 >= len(titleK)*7 {
		return true
	}
	if strings.Contains(k, titleK) && len(k) <= len(titleK)+6 {
		return true
	}
	return false
}

// middleRune returns the bytes of the rune of s (valid UTF-8, not empty)
// that holds the byte at len(s)/2.
func middleRune(s string) string {
	i := len(s) / 2
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return s[i : i+n]
}

// joinHeadlineLines returns the headline at line t together with the two
// short lines right below it when those end the header: a headline printed
// in pieces (a kicker, then the main title broken across two lines). The
// joined lines are marked to drop from the body.
func joinHeadlineLines(lines []string, n, t int, isMeta []bool, drop map[string]bool) string {
	title := lines[t]
	k := t + 1
	for ; k < n && k <= t+2; k++ {
		s := lines[k]
		if isMeta[k] || drop[s] || hanzi.RuneCount(s) > 24 || containsAny(s, "。", "；", ";", "，", ",") || isByline(s) ||
			isBoilerplate(s) || siteName(s) || strings.HasPrefix(s, "(") || strings.HasPrefix(s, "（") ||
			reListItem.MatchString(s) || bylineWordSet.in(s) || reNumberToken.MatchString(s) {
			break
		}
	}
	if k != t+3 || k >= len(lines) {
		// Nothing below, or one line: a deck (副题) under a complete
		// headline, which is not part of it.
		return title
	}
	// What follows must be the text or its metadata, not more short lines.
	if next := lines[k]; !(k < n && isMeta[k]) && hanzi.RuneCount(next) < 40 {
		return title
	}
	// A kicker, then the main title broken across two lines: the broken
	// line is joined without a space.
	parts := append([]string{title}, lines[t+1:k]...)
	joined := title + " " + strings.Join(parts[1:], "")
	if hanzi.RuneCount(joined) > 60 {
		return title
	}
	for _, p := range parts {
		drop[p] = true
	}
	return joined
}

var (
	// A numbered item or section: 一、 (一) 1. 01 第一.
	reListItem = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|\d{2}\s|第[一二三四五六七八九十\d]+)`)
	// A bare number among the words: a view or like counter.
	reNumberToken = regexp.MustCompile(`(?:^|\s)\d+(?:\s|$)`)
)

// channelWords are labels a site appends to its headlines.
var channelWords = []string{"新资讯", "资讯", "快讯", "要闻", "头条", "热点", "新闻"}

// cutChannelWord takes a channel label appended after a space off a
// headline ("… 暖乡村 新资讯").
func cutChannelWord(title string) string {
	i := strings.LastIndexAny(title, " \u3000")
	if i < 0 {
		return title
	}
	last := strings.TrimSpace(title[i:])
	for _, w := range channelWords {
		if last == w && hanzi.RuneCount(title[:i]) >= 8 {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}

// siteName says whether a short line names a site or a paper (示例金融网,
// 示例日报, 新浪江西) rather than an article.
func siteName(s string) bool {
	if runesAtMost(s, 2) || !runesAtMost(s, 10) || hasSentencePunct(s) {
		return false
	}
	for _, suf := range []string{"网", "網", "报", "報", "在线", "頻道", "频道", "客户端", "资讯", "新闻", "新聞", "传媒", "融媒"} {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return strings.HasPrefix(s, "新浪") || strings.HasPrefix(s, "腾讯") || strings.HasPrefix(s, "网易") || strings.HasPrefix(s, "搜狐")
}

// crumbHeadline returns the last step of a breadcrumb (a > b > c, with two
// or more arrows) when it reads as a headline; "" otherwise.
func crumbHeadline(s string) string {
	if !containsAny(s, ">", "＞", "»") || !runesAtMost(s, 150) {
		return ""
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '>' || r == '＞' || r == '»' })
	if len(parts) < 3 {
		return ""
	}
	last := strings.TrimSpace(parts[len(parts)-1])
	if hanzi.RuneCount(last) < 8 || !titleLike(last) || isBoilerplate(last) || hasClausePunct(last) && hanzi.RuneCount(last) > 40 {
		return ""
	}
	return last
}

// trailingHeadline returns the headline of a text that prints it below
// the text instead of above: a summary written as one run of bullet points
// without a full stop (its first line long, no 。！？ in it), then a short
// line that reads as a headline. "" when the text is not of that shape.
func trailingHeadline(body []string) string {
	if len(body) < 2 || runesAtMost(body[0], 99) || containsAny(body[0], "。", "！", "？", "!", "?") {
		return ""
	}
	last := body[len(body)-1]
	if n := hanzi.RuneCount(last); n < 8 || n > 40 || !titleLike(last) || hasClausePunct(last) || isBoilerplate(last) {
		return ""
	}
	return last
}

// shortTitle makes a title from the body's first sentence: at most 40 runes,
// ending in "…" when cut. A sentence ends at 。！？ outside quotation marks
// (“太感谢你们了!”4月初,… is one sentence); leading lines too short to be a
// sentence (a section label such as 投资要点) are passed over.
func shortTitle(body string) string {
	line, rest, more := strings.Cut(body, "\n")
	for i := 0; more && i < 3 && runesAtMost(line, 5) && !endsSentence(line); i++ {
		line, rest, more = strings.Cut(rest, "\n")
	}
	line = cutDateline(line)
	if i := sentenceEnd(line); i > 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	if runesAtMost(line, 40) {
		return line
	}
	return strings.TrimSpace(leadRunes(line, 39)) + "…"
}

// leadRunes is string([]rune(s)[:k]) for s of k runes or more, without
// converting the whole of s: the first k runes, an invalid byte read as
// U+FFFD.
func leadRunes(s string, k int) string {
	// Valid runes are their own bytes: the prefix of s.
	i := 0
	for n := k; n > 0 && i < len(s); n-- {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		case (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			i += 3 // (these lead bytes take any two continuation bytes)
		default:
			r, w := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && w == 1 {
				return leadRunesDecoded(s, k)
			}
			i += w
		}
	}
	return s[:i]
}

// leadRunesDecoded is leadRunes for s with an invalid byte among its
// first k runes: that byte becomes U+FFFD.
func leadRunesDecoded(s string, k int) string {
	b := make([]byte, 0, k*3)
	for i := 0; k > 0; k-- {
		r, n := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, r)
		i += n
	}
	return string(b)
}

// runesAtMost says whether hanzi.RuneCount(s) <= k, counting only when the
// length of s leaves it open: a rune takes one to four bytes (an invalid
// byte counts as one rune).
func runesAtMost(s string, k int) bool {
	if len(s) <= k {
		return true
	}
	if len(s) > 4*k {
		return false
	}
	return hanzi.RuneCount(s) <= k
}

// A news dateline before the first sentence: 本报讯 (记者 …), 示例网北京9月
// 24日消息(记者 …), 【示例】9月30日消息,.
var reDateline = regexp.MustCompile(`^(?:` +
	`(?:【[^】]{1,12}】)?[^\s，,。:：“”(（]{0,24}?(?:讯|訊|消息|电|電)\s*[(（][^)）]{0,8}(?:记者|記者|通讯员|通訊員)[^)）]{0,40}[)）]` +
	`|(?:本报|本報|本台|本刊|本网|本站)[讯訊]` +
	`|(?:【[^】]{1,12}】)?\d{1,2}月\d{1,2}日(?:消息|讯|訊|电|電)` +
	`)[\s，,:：]*`)

// cutDateline takes the news dateline off the start of a first sentence,
// when a sentence remains.
func cutDateline(s string) string {
	if !maybeDateline(s) {
		return s
	}
	if m := reDateline.FindStringIndex(s); m != nil && hanzi.RuneCount(s[m[1]:]) >= 8 {
		return s[m[1]:]
	}
	return s
}

// maybeDateline says whether reDateline can match s: it starts with 本
// (本报讯…), or one of 讯 訊 消息 电 電 begins within its first 38 runes
// (after at most a 14-rune 【label】 and 24 runes of place name, or a
// label and a 6-rune date) — within its first 200 bytes. Most first lines
// fail this, and the regexp's backtracker is not set up for them.
func maybeDateline(s string) bool {
	if strings.HasPrefix(s, "本") {
		return true
	}
	return datelineKeys.in(s[:min(len(s), 200)])
}

var datelineKeys = newPhraseSet([]string{"讯", "訊", "消", "电", "電"})

// sentenceEnd is the byte offset of the first 。！？!? outside quotation
// marks, or of the first one anywhere when the quotes never close; -1 when
// there is none. It reads bytes, not runes: the marks it looks for are the
// bytes of their runes wherever those bytes stand (no byte of them is a
// continuation byte, so each stands at the start of a rune), and runs of
// other three-byte runes are stepped over two at a time.
func sentenceEnd(s string) int {
	depth, first := 0, -1
	for i := 0; i < len(s); i++ {
		if i+8 <= len(s) && twoRunes3(s, i, &sentencePlain3) {
			i += 5
			continue
		}
		end := false
		switch s[i] {
		case '!', '?':
			end = true
		case 0xE2: // “ ‘ ” ’: E2 80 9C, 98, 9D, 99
			if i+2 < len(s) && s[i+1] == 0x80 {
				switch s[i+2] {
				case 0x9C, 0x98:
					depth++
				case 0x9D, 0x99:
					if depth > 0 {
						depth--
					}
				}
			}
		case 0xE3: // 「 『 」 』 。: E3 80 8C, 8E, 8D, 8F, 82
			if i+2 < len(s) && s[i+1] == 0x80 {
				switch s[i+2] {
				case 0x8C, 0x8E:
					depth++
				case 0x8D, 0x8F:
					if depth > 0 {
						depth--
					}
				case 0x82:
					end = true
				}
			}
		case 0xEF: // ！ ？: EF BC 81, 9F
			end = i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x81 || s[i+2] == 0x9F)
		}
		if end {
			if first < 0 {
				first = i
			}
			if depth == 0 {
				return i
			}
		}
	}
	return first
}

// sentencePlain3 marks the lead bytes of three-byte runes that take any two
// continuation bytes and that sentenceEnd does not look at: E1, E4–EC, EE.
var sentencePlain3 = func() (t [256]bool) {
	t = anyTwoContinuations
	t[0xE2], t[0xE3], t[0xEF] = false, false, false
	return t
}()

// endsSentence says whether s ends with a full stop, exclamation or
// question mark (possibly inside a closing quotation mark).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”」』’ ")
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？!?", last)
}

// isPersonName says whether a line is a bare two- or three-character Han
// name: an author's byline on a line of its own.
func isPersonName(s string) bool {
	switch s {
	case "前言", "导读", "導讀", "摘要", "概述", "引言", "正文", "背景", "简介", "簡介", "编者按", "編者按", "按语", "提要", "要点", "要點", "据悉", "據悉", "近日", "日前", "目前", "今年", "去年", "近年来", "近年來", "图片", "圖片", "视频", "視頻", "原文", "附件", "附录", "结语", "結語", "小结", "总结", "總結":
		return false
	}
	n := 0
	for _, r := range s {
		if r < 0x4E00 || r > 0x9FFF {
			return false
		}
		n++
	}
	return n == 2 || n == 3
}

// header is what the first lines of a text say.
type header struct {
	Title, Date, Source, Author string
	TitleLine                   int // index of the title line, -1 when none
	Drop                        map[string]bool
	// Runes[i] is the rune count of lines[i] for the lines read (not all
	// of the zone when the body begins early); Plain[i] says that
	// lines[i] was found neither metadata nor boilerplate. finish reuses
	// both when the header lines are its main lines.
	Runes []int
	Plain []bool
}

// headerZone is how many leading lines are read as a header.
const headerZone = 16

// readHeader finds the title, date, source and author among the first lines
// and the lines that are site furniture or metadata.
func readHeader(lines []string, runeCounts []int, h hints) header {
	hd := header{TitleLine: -1, Drop: map[string]bool{}}
	n := len(lines)
	if n > headerZone {
		n = headerZone
	}
	meta := -1
	isMeta := make([]bool, n)
	hd.Runes, hd.Plain = make([]int, 0, n), make([]bool, n)
	chars := 0
	plain := 0 // lines neither metadata nor boilerplate so far
	for i := 0; i < n; i++ {
		s := lines[i]
		if i > 0 && len(s) > 4*100 && hasSentencePunct(s) {
			n = i // over 100 runes: the body has begun (as below, uncounted)
			break
		}
		runes := runeCounts[i]
		if runes < 0 {
			runes = hanzi.RuneCount(s)
		}
		hd.Runes = append(hd.Runes, runes)
		chars += runes
		if chars > 3000 && i > 2 {
			n = i
			break
		}
		if runes > 100 && hasSentencePunct(s) && i > 0 {
			n = i // the body has begun: later dates are the body's
			break
		}
		d, src, au, ok := metaLineN(s, runes)
		if !ok && hd.Date == "" && plain <= 2 {
			// a release's dateline before the text (a site name and the
			// headline may come first)
			if d = releaseDateline(s); d != "" {
				ok = true
			}
		}
		if !ok {
			if isBoilerplateN(s, runes) {
				hd.Drop[s] = true
			} else {
				hd.Plain[i] = true
				plain++
			}
			continue
		}
		hd.Drop[s] = true
		isMeta[i] = true
		if d != "" && hd.Date == "" {
			hd.Date = d
		}
		if src != "" && hd.Source == "" {
			hd.Source = src
		}
		if au != "" && hd.Author == "" {
			hd.Author = au
		}
		if meta < 0 {
			meta = i
		}
	}
	if !h.TitleInText {
		return hd
	}
	limit := n
	if meta >= 0 {
		limit = meta
	}
	// A headline repeated in the header (page title, then article title)
	// is the title; else the first title-like line of 8 or more runes
	// (shorter ones are site names), else of 5 or more.
	seen := map[string]int{}
	for i := 0; i < n; i++ {
		seen[lines[i]]++
	}
	for i := 0; i < limit; i++ {
		s := lines[i]
		if !hd.Drop[s] && seen[s] >= 2 && titleLike(s) && hanzi.RuneCount(s) >= 8 && (hd.TitleLine < 0 || hanzi.RuneCount(s) > hanzi.RuneCount(hd.Title)) {
			hd.Title, hd.TitleLine = s, i
		}
	}
	if hd.TitleLine < 0 && meta >= 0 && meta < 3 {
		// Date or source lines above and below the headline (an e-paper's
		// date, the headline, then "《…日报》(date) 06版"): the first
		// line after the leading metadata is the headline when more
		// metadata follows it.
		i := 0
		for i < n && (isMeta[i] || hd.Drop[lines[i]]) {
			i++
		}
		if i+1 < n && isMeta[i+1] && titleLike(lines[i]) && hanzi.RuneCount(lines[i]) >= 8 && seen[lines[i]] < 3 {
			hd.Title, hd.TitleLine = lines[i], i
		}
	}
	short := -1
	for i := 0; i < limit && hd.TitleLine < 0; i++ {
		s := lines[i]
		if hd.Drop[s] {
			continue
		}
		if seen[s] >= 3 {
			continue // a menu item
		}
		if titleLike(s) {
			if hanzi.RuneCount(s) >= 8 || !hasHan(s) && hanzi.RuneCount(s) >= 10 {
				hd.Title, hd.TitleLine = s, i
				break
			}
			if short < 0 && !siteName(s) {
				short = i
			}
			continue
		}
		if hanzi.RuneCount(s) <= 12 && i < 4 {
			continue // a site name or a tag before the title
		}
		if meta < 0 || i > 10 || hanzi.RuneCount(s) >= 60 && strings.Contains(s, "。") {
			break // the text starts with its body
		}
	}
	if hd.TitleLine < 0 {
		// A breadcrumb that ends with the headline (首页 > 要闻 > 示例
		// 银行开展…) on a page that prints it nowhere else.
		for i := 0; i < n; i++ {
			if t := crumbHeadline(lines[i]); t != "" {
				hd.Title, hd.TitleLine = t, i
				break
			}
		}
	}
	if hd.TitleLine < 0 && short >= 0 {
		hd.Title, hd.TitleLine = lines[short], short
	}
	// A headline sits right above its byline (□ 作者 …, 本报记者 …): that
	// beats a guess among the lines above the date.
	for i := 1; i < n; i++ {
		if s := lines[i]; hanzi.RuneCount(s) <= 40 && isByline(s) && !hasClausePunct(s) {
			if t := lines[i-1]; i-1 != hd.TitleLine && !hd.Drop[t] && titleLike(t) && hanzi.RuneCount(t) >= 8 && seen[t] < 3 {
				if hd.TitleLine < 0 || meta >= 0 && meta < hd.TitleLine || hd.TitleLine < i-1 && meta < 0 {
					hd.Title, hd.TitleLine = t, i-1
				}
			}
			break
		}
	}
	if hd.TitleLine >= 0 {
		if hd.Title == lines[hd.TitleLine] {
			hd.Title = joinHeadlineLines(lines, n, hd.TitleLine, isMeta, hd.Drop)
		}
		if t := cutChannelWord(hd.Title); t != hd.Title {
			hd.Drop[lines[hd.TitleLine]] = true
			hd.Title = t
		}
		for i := 0; i < hd.TitleLine; i++ {
			hd.Drop[lines[i]] = true
		}
		// Short lines between the title and the metadata: site names.
		for i := hd.TitleLine + 1; i < meta && i < n; i++ {
			if hanzi.RuneCount(lines[i]) <= 12 {
				hd.Drop[lines[i]] = true
			}
		}
	}
	return hd
}
