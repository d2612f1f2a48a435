package ingest

import (
	"bytes"
	"html"
	"math/bits"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// The regexps the scanners of scan.go replace: the reference they must
// agree with.
var (
	reHTMLDoc = regexp.MustCompile(`(?i)<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]`)
	reHTMLTag = regexp.MustCompile(`(?i)</?(?:p|div|span|br|table|td|tr|h[1-6]|a|img|section|article|ul|li|strong|font|center)(?:\s[^>]*)?/?>`)
)

// scanSamples are texts written to exercise the scanners' edge cases.
var scanSamples = []string{
	"", "<", "<>", "</", "<p>", "<P>", "</p>", "<p/>", "<p />", "<p/x>", "<p x", "<p x>", "<p\tx=1>", "<p\n>", "<pre>",
	"<p1>", "<h1>", "<H6 class=x>", "<h7>", "<a>", "<article>", "<ab>", "<ſpan>", "<SPAN>", "<ſtrong x>", "<\u212Ab>",
	"<!doctype html>", "<!DOCTYPE\nHTML>", "<!doctypehtml>", "<!doctype  htmlx", "<! doctype html>", "<html>",
	"<HTML lang=zh>", "<htmlx>", "<body>", "<body\t", "<head>", "<head", "<heady>", "a<p>b<br/>c<div>d</div>",
	"<p><p><p><p><p><p><p><p>", "<p x<br>>", "<<p>>", "<td x>y</td><tr>", "中文<p>中文", "\xff<p>\xc5", "<\xc5\xbfpan>",
}

// scanTexts returns the samples, the lines and heads of the shared
// articles and a sample of the generated corpus.
func scanTexts(t *testing.T) []string {
	texts := append([]string(nil), scanSamples...)
	for _, f := range sharedFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b[:min(len(b), 8192)]))
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	if entries, err := os.ReadDir(benchCorpusDir); err == nil {
		for i := 0; i < len(entries); i += 50 {
			b, err := os.ReadFile(filepath.Join(benchCorpusDir, entries[i].Name()))
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b[:min(len(b), 8192)]))
			texts = append(texts, strings.Split(string(b), "\n")...)
		}
	}
	return texts
}

func checkSniffScans(t *testing.T, s string) {
	t.Helper()
	if got, want := hasHTMLDoc(s), reHTMLDoc.MatchString(s); got != want {
		t.Fatalf("hasHTMLDoc(%q) = %v, the regexp says %v", s, got, want)
	}
	for _, max := range []int{1, 6, 1000} {
		if got, want := countHTMLTags(s, max), len(reHTMLTag.FindAllStringIndex(s, max)); got != want {
			t.Fatalf("countHTMLTags(%q, %d) = %d, the regexp finds %d", s, max, got, want)
		}
	}
}

func TestSniffScansAgree(t *testing.T) {
	for _, s := range scanTexts(t) {
		checkSniffScans(t, s)
	}
}

func FuzzSniffScans(f *testing.F) {
	for _, s := range scanSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkSniffScans(t, s) })
}

// reBoilerAny is the regexp boilerAny replaces (tried on the lines holding
// one of boilerKeys).
var reBoilerAny = regexp.MustCompile(`[/／]摄(?:[(（]下同[)）])?$|本篇文章\s*\d+\s*字|阅读\s*\d+\s*次|尽在.{0,20}APP|下载.{0,10}APP|不代表.{0,12}(?:立场|观点)|[Ll][Oo][Gg][Oo]$`)

func boilerAnyRef(s string) bool {
	for _, k := range boilerKeys {
		if strings.Contains(s, k) {
			return reBoilerAny.MatchString(s)
		}
	}
	return false
}

// isCrumbOrMenuRef is isCrumbOrMenu as it was, counting each mark with
// strings.Count.
func isCrumbOrMenuRef(s string) bool {
	arrows := strings.Count(s, ">") + strings.Count(s, "＞") + strings.Count(s, "»") + strings.Count(s, "→")
	if arrows >= 2 && !strings.Contains(s, "。") && !strings.Contains(s, "，") && !strings.Contains(s, ",") {
		return true
	}
	bars := strings.Count(s, "|") + strings.Count(s, "｜")
	if bars >= 2 {
		parts := strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '｜' })
		short := 0
		for _, p := range parts {
			if hanzi.RuneCount(strings.TrimSpace(p)) <= 8 {
				short++
			}
		}
		if short*3 >= len(parts)*2 {
			return true
		}
	}
	if strings.Count(s, " ") < 3 || hasSentencePunct(s) {
		return false
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

// Lines for the line scanners' edge cases.
var lineSamples = []string{
	// phrases after runs of Han characters, at even and odd rune offsets
	// and in the last eight bytes (the startIndex's two-rune steps)
	"中文中文中文中文版权所有", "中文中文中文中版权所有", "中文中文中文中文中文版权", "中文中文中文中公网安备x", "中文中文中文中文中返回首页中文中文",
	"中文中文中文中文关于我们中文联系我们", "中文中文中文中文中关于我们联系我们", "中文中文中文中文字", "中文中文中文中文中字", "中文中文\xe4\xb8\xad文版权所有",
	"中文中文中文中文©", "中文中文中文中文中©2026", "中文中文中文中文Copyright", "中文中文中文中文中来源：新华社", "中文中文中文中文作者：张三",
	"张三/摄", "张三／摄", "张三/摄(下同)", "张三 / 摄（下同)", "摄", "/摄 ", "（下同）", "张三/摄（下同）x",
	"本篇文章 123 字", "本篇文章123字", "本篇文章字", "本篇文章 字", "本篇文章1 2字", "阅读 5 次", "阅读\t5\n次", "本篇文章本篇文章 9 字",
	"尽在APP", "尽在0123456789012345678901234567890APP", "尽在01234567890123456789APP", "尽在012345678901234567890APP",
	"尽在\nAPP", "尽在中文\xff中文APP", "下载0123456789APP", "下载01234567890APP", "不代表本站立场", "不代表观点", "不代表x\nx观点",
	"logo", "LOGO", "LoGo", "LoGo字", "lOgo次", "ogo", "xlogo ", "\xffogo",
	"a > b > c", "a ＞ b » c", "a → b > c。", "a > b，c > d", "a | b | c", "一 二 三 四", "一 二 三 四，", "a|b｜c 1 2 3 4",
	"a ! b c d", "a：b c d e", "\xef\xbc", "\xef\xbc\x9e\xef\xbc\x9e", "|｜|",
	"[上一篇] x", "下一篇：x", "（上篇新闻）", "上一条:x", "中一篇",
	"版权所有", "x©", "\xe7版权所有", "All Rights Reserv", "COPYRIGHt", "公网安备",
	"关于我们 联系我们", "关于我们关于我们", "网站地图|投稿|客服", "扫码阅读次", "下载APP",
	// Phrases right after a three-byte rune, a broken one, a lone lead.
	"中版权所有", "\xe4\xb8版权所有", "\xe4版权所有", "\xe4\xb8\xe7\x89\x88权所有", "\xe4\xb8", "中\xe7", "\xef\xbc\x8c©",
	// Runs of runs no phrase starts with (skipped two at a time), then a phrase.
	"中文中文中文版权所有", "中文中版权所有中文", "中文中文中\xe4\xb8版权所有", "中文中文中文中文©", "中文中文中文中文公网安备", "中文中文网站地图中文",
}

func checkLineScans(t *testing.T, s string) {
	t.Helper()
	if got, want := boilerAny(s), boilerAnyRef(s); got != want {
		t.Fatalf("boilerAny(%q) = %v, the regexp says %v", s, got, want)
	}
	if got, want := isCrumbOrMenu(s), isCrumbOrMenuRef(s); got != want {
		t.Fatalf("isCrumbOrMenu(%q) = %v, the reference says %v", s, got, want)
	}
	for _, set := range []struct {
		set     *phraseSet
		phrases []string
	}{{strongSet, strongPhrases}, {boilerSet, boilerPhrases}, {metaWordSet, metaWords}, {metaLabelSet, metaLabels},
		{datelineKeys, []string{"讯", "訊", "消", "电", "電"}}} {
		want := false
		for _, p := range set.phrases {
			want = want || strings.Contains(s, p)
		}
		if got := set.set.in(s); got != want {
			t.Fatalf("phrase set of %q: in(%q) = %v, strings.Contains says %v", set.phrases[0], s, got, want)
		}
	}
	found := shortLineWords.scan(s)
	if want := shortLineWordsRef(s); found != want {
		t.Fatalf("shortLineWords.scan(%q) = %b, strings.Contains says %b", s, found, want)
	}
	if got, want := found&wordPhrase != 0, hasPhrase(s); got != want {
		t.Fatalf("shortLineWords on %q: phrase %v, hasPhrase says %v", s, got, want)
	}
	if got, want := found&wordKey != 0, boilerKeySet.in(s); got != want {
		t.Fatalf("shortLineWords on %q: key %v, boilerKeySet says %v", s, got, want)
	}
	if got, want := bits.OnesCount64(found&^(wordPhrase|wordKey)), countNavWords(s); got != want {
		t.Fatalf("shortLineWords on %q: %d navigation words, countNavWords says %d", s, got, want)
	}
	if rePrevNext.MatchString(s) && !prevNextFirst(s) {
		t.Fatalf("rePrevNext matches %q, which prevNextFirst rules out", s)
	}
}

func TestLineScansAgree(t *testing.T) {
	for _, s := range append(lineSamples, scanTexts(t)...) {
		checkLineScans(t, s)
	}
}

func FuzzLineScans(f *testing.F) {
	for _, s := range lineSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkLineScans(t, s) })
}

// titleKeyRunes is titleKey as first written, rune by rune.
func titleKeyRunes(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// titleKey takes U+4E00–U+9FFF for letters without asking the tables.
func TestCJKBlockIsLetters(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.IsLetter(r) {
			t.Fatalf("U+%04X is not a letter", r)
		}
	}
}

func TestTitleKeyAgrees(t *testing.T) {
	for _, s := range append(lineSamples, scanTexts(t)...) {
		if got, want := titleKey(s), titleKeyRunes(s); got != want {
			t.Fatalf("titleKey(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzTitleKey(f *testing.F) {
	for _, s := range []string{"", "示例银行：服务再升级", "a1 Ⅻ ٣ ﹏ \xff\xe4\xb8", "𠀀𝟘x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := titleKey(s), titleKeyRunes(s); got != want {
			t.Fatalf("titleKey(%q) = %q, want %q", s, got, want)
		}
	})
}

// The regexps of normLine and junkAttr that cutEditorCode, isMDRule and
// junkClass replace.
var (
	reMDRule     = regexp.MustCompile(`^(?:[-=*_]\s*){3,}$`)
	reEditorCode = regexp.MustCompile(`([。！？”])\s*[(（][a-zA-Z]{2,5}[)）]$`)
	reJunkClass  = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|sidebar|side|breadcrumbs?|crumbs?|share|sharebox|comments?|related|relate|recommend|copyright|login|register|modal|advert|ads?|banner|toolbar|qrcode|appendqr(?:_wrap)?|pagination|pager|hotnews|rank|topbar|top-bar|bottom|search|friendlink|links)(?:$|[\s_-])`)
)

var classSamples = []string{
	"", "nav", "NAV", "main-nav", "nav_bar", "navbar", "xnav", "nav1", "top-bar", "top_bar", "topbar", "top--bar", "x top-bar",
	"appendQr_wrap", "appendqr", "ſhare", "\u212Aside", "ſide", "side\u212A", "ads", "Ad", "add", "a d", "related-links",
	"article content", "footer\tx", "x\nfooter", "foot\x0bx", "中文 nav", "naſ", "links ", " links", "-", "_-_",
	"breadcrumbs", "crumbſ", "comments-box", "\xffnav", "nav\xff",
}

var editorSamples = []string{
	"质量水平。(cis)", "质量水平。 （CIS）", "质量水平。(c)", "质量水平。(abcdef)", "质量水平(cis)", "质量水平。 \t(ab)",
	"”(xy)", "！（Xy)", "？(xy）", "(xy)", "。(x1)", "。()", "a。(ab)。(cd)", "。(ab) ", "\xff。(ab)",
	"---", "- - -", "***", "* * *x", "__ _", "-- ", " ---", "==", "-\u3000--", "-\t-\n-",
}

func checkScans2(t *testing.T, s string) {
	t.Helper()
	if got, want := isMDRule(s), reMDRule.MatchString(s); got != want {
		t.Fatalf("isMDRule(%q) = %v, the regexp says %v", s, got, want)
	}
	if got, want := cutEditorCode(s), reEditorCode.ReplaceAllString(s, "$1"); got != want {
		t.Fatalf("cutEditorCode(%q) = %q, the regexp gives %q", s, got, want)
	}
	if got, want := junkClass(s), reJunkClass.MatchString(s); got != want {
		t.Fatalf("junkClass(%q) = %v, the regexp says %v", s, got, want)
	}
}

func TestScans2Agree(t *testing.T) {
	for _, s := range append(append(classSamples, editorSamples...), scanTexts(t)...) {
		checkScans2(t, s)
	}
}

func FuzzScans2(f *testing.F) {
	for _, s := range append(classSamples, editorSamples...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkScans2(t, s) })
}

// The regexps cutHeading, isByline and bylineWordSet replace.
var (
	reCut        = regexp.MustCompile(`^(?:(?:【[^】]*】)?\s*|【\s*)(?:更多关于|热门评论|最新评论|相关文章|相关阅读|推荐阅读|相关新闻|延伸阅读|热门推荐|猜你喜欢|新闻推荐|相关推荐|热点推荐|更多阅读|精彩推荐|相关链接|热门文章|最新文章|热门阅读|大家都在看|为你推荐|往期回顾|网友评论|发表评论|我要评论|相关报道|相關文章|相關閱讀|推薦閱讀|相關新聞|热门资讯|最新资讯|精彩图片|点击排行|热门排行|热门新闻|熱門新聞|热点新闻|熱點新聞|往期推荐|往期推薦|熱門推薦|猜你喜歡|延伸閱讀|熱門文章|熱門閱讀|相關報道|相關推薦|新聞推薦|為你推薦|熱點推薦|更多閱讀|精彩推薦|熱門資訊|最新資訊|本版其他文章|其他文章|更多新闻|更多新聞)`)
	reByline     = regexp.MustCompile(`^[■□●◆(（]?\s*(?:作者\s|本报记者|本報記者|记者|記者|通讯员|通訊員|每经编辑|编辑|編輯|责编|責編|撰稿|审稿|审核|美编|摄影|攝影|实习生|實習生|审校|審校|審核|校对|文/|图/|文／|图／)`)
	reBylineWord = regexp.MustCompile(`记者|記者|通讯员|通訊員|实习生|實習生|编辑|編輯|作者|撰文|摄影|攝影`)
)

var bylineSamples = []string{
	"相关阅读", "【热点】相关阅读", "【热点】 \t相关阅读x", "【热点", "【】更多关于", "【a】【b】相关阅读", " 相关阅读", "x相关阅读", "【相关链接】", "【 \t相关阅读", "【【相关阅读",
	"作者 张三", "作者：张三", "作者", "■ 本报记者 张三", "（记者 李四）", "( 记者", "((记者", "□\t文/张三", "◆图／", "记者",
	"本报讯 记者", "\xff记者", "实习生王五", "责任编辑：x", "新华社北京9月24日电(记者 王某)", "【a】9月1日消息",
}

func checkScans3(t *testing.T, s string) {
	t.Helper()
	if got, want := cutHeading(s), reCut.MatchString(s); got != want {
		t.Fatalf("cutHeading(%q) = %v, the regexp says %v", s, got, want)
	}
	if got, want := isByline(s), reByline.MatchString(s); got != want {
		t.Fatalf("isByline(%q) = %v, the regexp says %v", s, got, want)
	}
	if got, want := bylineWordSet.in(s), reBylineWord.MatchString(s); got != want {
		t.Fatalf("bylineWordSet.in(%q) = %v, the regexp says %v", s, got, want)
	}
	if reDateline.MatchString(s) && !maybeDateline(s) {
		t.Fatalf("reDateline matches %q, which maybeDateline rules out", s)
	}
}

func TestScans3Agree(t *testing.T) {
	for _, s := range append(bylineSamples, scanTexts(t)...) {
		checkScans3(t, s)
	}
}

func FuzzScans3(f *testing.F) {
	for _, s := range bylineSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkScans3(t, s) })
}

func TestServerCodeOrLink(t *testing.T) {
	for _, s := range append([]string{"", "<", "<?", "<%", "<jsp", "<jsp:x", "<http", "<htt", "a<b<?x", "<<http", "<p>x</p><http://a>"}, scanTexts(t)...) {
		code, link := serverCodeOrLink(s)
		if want := strings.Contains(s, "<?") || strings.Contains(s, "<%") || strings.Contains(s, "<jsp:"); code != want {
			t.Fatalf("serverCodeOrLink(%q): code %v, want %v", s, code, want)
		}
		if want := strings.Contains(s, "<http"); link != want {
			t.Fatalf("serverCodeOrLink(%q): link %v, want %v", s, link, want)
		}
	}
}

// looksBinaryBytes is looksBinary's control-byte count as first written.
func looksBinaryBytes(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, b := range head {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b {
			ctl++
		}
	}
	return len(head) > 0 && ctl*20 > len(head)
}

func checkBytes(t *testing.T, s string) {
	t.Helper()
	if got, want := validUTF8([]byte(s)), utf8.ValidString(s); got != want {
		t.Fatalf("validUTF8(%q) = %v, utf8 says %v", s, got, want)
	}
	if got, want := looksBinary([]byte(s)), looksBinaryBytes([]byte(s)); got != want {
		t.Fatalf("looksBinary(%q) = %v, want %v", s, got, want)
	}
	valid, bin := validUTF8Binary([]byte(s))
	if want := utf8.ValidString(s); valid != want {
		t.Fatalf("validUTF8Binary(%q): valid %v, utf8 says %v", s, valid, want)
	}
	if want := looksBinaryBytes([]byte(s)); valid && bin != want {
		t.Fatalf("validUTF8Binary(%q): binary %v, want %v", s, bin, want)
	}
}

var byteSamples = []string{"", "abcdefgh", "abcdefghi", "中文中文中文", "\xe0\x80\x80", "\xed\xa0\x80", "\xef\xbf\xbd", "\xf0\x9f\x98\x80",
	"\xe4\xb8", "a\xe4\xb8", "\xc0\xaf", "中文中文中文\xed\xa0\x80", "中文中文中\xe4\xb8中文", "中文中文中文中文\xff", "\x01\x02\x03\x1f\x1f\x1f\x1f\x1f", "x\x1by\fz\x7f", strings.Repeat("\x01a", 20), strings.Repeat("中", 3000) + "\x01",
	// around the 8 KB head: control bytes just inside and just outside it, a rune across its end
	strings.Repeat("\x01", 420) + strings.Repeat("a", 8192-420) + "\x01\x01", strings.Repeat("a", 8192-421) + strings.Repeat("\x01", 421),
	strings.Repeat("a", 8191) + "中\x01" + strings.Repeat("\x02", 500), strings.Repeat("a", 8190) + "\x00a", strings.Repeat("a", 8192) + "\x00",
	strings.Repeat("a", 8191) + "\xe4\xb8", strings.Repeat("a", 8190) + "\xe4\xb8\xad\xff", strings.Repeat("中文", 1400) + "ab\x01\x01\x01\x01\x01\x01\x01"}

func TestByteScansAgree(t *testing.T) {
	for _, s := range append(byteSamples, scanTexts(t)...) {
		checkBytes(t, s)
	}
}

func FuzzByteScans(f *testing.F) {
	for _, s := range byteSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkBytes(t, s) })
}

func checkSpaceScan(t *testing.T, s string) {
	t.Helper()
	inv, coll := spaceScan(s)
	if want := hasInvisible(s); inv != want {
		t.Fatalf("spaceScan(%q): invisible %v, hasInvisible says %v", s, inv, want)
	}
	if want := !simpleSpaces(s); coll != want {
		t.Fatalf("spaceScan(%q): collapse %v, simpleSpaces says %v", s, coll, !want)
	}
	// lineScan: spaceScan's answers, and the marks normLine looks for.
	inv2, coll2, marks, paren, runes := lineScan(s)
	if want := strings.Contains(s, "(") || strings.Contains(s, "（"); paren != want {
		t.Fatalf("lineScan(%q): paren %v, strings.Contains says %v", s, paren, want)
	}
	if n := hanzi.RuneCount(s); runes != n {
		t.Fatalf("lineScan(%q) counts %d runes, RuneCount %d", s, runes, n)
	}
	wantMarks := strings.Contains(s, "](") || strings.Contains(s, "**") || strings.Contains(s, "__") || strings.Contains(s, "#") ||
		strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0
	if inv2 != inv || coll2 != coll || marks != wantMarks {
		t.Fatalf("lineScan(%q) = %v, %v, %v; want %v, %v, %v", s, inv2, coll2, marks, inv, coll, wantMarks)
	}
	// A line without marks: normLine's one pass gives what its steps give
	// (after the pinyin glosses, which both paths have removed first).
	if got, want := normLine(s), normLineMarked(stripPinyin(s)); got != want {
		t.Fatalf("normLine(%q) = %q, the step-by-step reading %q", s, got, want)
	}
	if got, want := normLine(s), normLineRef(s); got != want {
		t.Fatalf("normLine(%q) = %q, the reference %q", s, got, want)
	}
	if got, n := normLineCounted(s); n >= 0 && n != hanzi.RuneCount(got) {
		t.Fatalf("normLineCounted(%q) = %q, %d runes; RuneCount says %d", s, got, n, hanzi.RuneCount(got))
	}
}

var spaceSamples = []string{"", " ", "  ", "a b", "a  b", "a\tb", "a\u00a0b", "a\u3000b", "a\u2002b", "a\u202fb", "a\u200bb", "\u00ad",
	"\u2060", "\ufeff", "\ufeff  ", "  \u200b", "\xc2", "\xe2\x80", "\xef\xbb", "中文，中文 中文", "\xe3\x80\x81", " \u3000", "x\v",
	"\xe0\x80\x80 ", "\xed\xa0\x80  ", "\xf0\x9f\x98\x80 x", "\xc2\xa0\xc2", "\x80\x80", "é中 ", " 中文 ", "|中文|", "中文---",
	"[a](b)", "a]", "]", "**x**", "*x*", "__x__", "_x_", "# 标题", " #x", "中#", "&amp;", "&", ";", "a&b;c", "；&", "  ]( ", "\u200b**",
	// runs of Han characters, read two at a time, before what lineScan looks at
	"中文中文  中文", "中文中\u3000\u3000文", "中文中文\xe4\xb8", "中文中文中\u200b中文中文", "中文中文中文**中文中文", "中文中文中文中\xe4\xb8\xe4", "中文\xe4\xb8中文中文 ", "中文\ufeff中文中文中文",
	// pinyin glosses, bars and rules at the ends
	"農(nóng)業(yè)銀行", "農（nóng）業銀行 ", "(a)", "（", "中文中文中文中文(", "| 中文 |", "｜中文｜ ", " |a", "a| ", "中文 \u3000---", "中文\u200b\u3000===",
	"中文 (cis)", "> 中文", "|> 中文", "中文|---", "|0|0|", "| 余额 | 7,962亿元 | 6,482亿元 |", "|0|", "||0", "| a | 1 |---"}

func TestSpaceScanAgrees(t *testing.T) {
	for _, s := range append(spaceSamples, scanTexts(t)...) {
		checkSpaceScan(t, s)
	}
}

func FuzzSpaceScanOnePass(f *testing.F) {
	for _, s := range spaceSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkSpaceScan(t, s) })
}

// The date regexps findDatesISO, findDatesCN, findDatesRFC and
// findDatesUS replace.
var (
	reDateISO = regexp.MustCompile(`(\d{4})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{1,2})`)
	reDateCN  = regexp.MustCompile(`(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?[日号]?`)
	reDateRFC = regexp.MustCompile(`(?i)(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})`)
	reDateUS  = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})`)
)

var dateSamples = []string{"2022-01-05", "2021/10/19", "2022.1.5", "2022-01-05T16:42:44", "12022-1-1", "2022 - 1 - 1", "2022- 1 -1",
	"2022--1-1", "2022-123-1", "2022-1-123", "2022-1-", "2022-1", "2022-1-1 2023-2-2 2024-3-3 2025-4-4 2026-5-5", "20222-1-1-1",
	"2022年3月1日", "2011年06月24日", "2024年7月16星期二", "2022 年 3 月 1 日", "2022年3月1 日x", "2022年3月1 x", "2022年3月1号",
	"2022年3月1\t号", "2022年13月1日", "2022年3月", "1999年1月1日2000年2月2日", "\xff2022-1-1", "2022-1-1\xff", "2022\n-1-1",
	"Fri, 25 Mar 2022 14:14:13 GMT", "25 March 2022", "March 25, 2022", "mar 5 2022", "123 Feb 2022", "1 Febx., 2022", "1 Feb. ,2022",
	"5 ſep 2022", "ſep 5, 2022", "xſep 5, 2022", "_Jan 5 2022", "9Jan 5 2022", "中Jan 5 2022", "\xffJan 5 2022", "Jan 123 2022",
	"Jan 12, 20223", "Jan 1,2022", "Jan 1 ,2022", "DECEMBER\t1\n2022", "1 Ja 2022", "1 jan2022", "Jun 1 2022 Jul 2 2023 Aug 3 2024 Sep 4 2025 Oct 5 2026",
	"1 Dec 2022 2 Dec 2022 3 Dec 2022 4 Dec 2022 5 Dec 2022", "Dec 5 2022Dec 6 2022", "12 Oct\u212A 2022", "1 Oct\u212A\u017Fx 2022", "1 \u212Aan 2022"}

func checkDates(t *testing.T, s string) {
	t.Helper()
	for _, n := range []int{0, 1, 4} {
		if got, want := findDatesISO(s, n), reDateISO.FindAllStringSubmatchIndex(s, n); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDatesISO(%q, %d) = %v, the regexp %v", s, n, got, want)
		}
		if got, want := findDatesCN(s, n), reDateCN.FindAllStringSubmatchIndex(s, n); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDatesCN(%q, %d) = %v, the regexp %v", s, n, got, want)
		}
		if got, want := findDatesRFC(s, n), reDateRFC.FindAllStringSubmatchIndex(s, n); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDatesRFC(%q, %d) = %v, the regexp %v", s, n, got, want)
		}
		if got, want := findDatesUS(s, n), reDateUS.FindAllStringSubmatchIndex(s, n); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDatesUS(%q, %d) = %v, the regexp %v", s, n, got, want)
		}
	}
}

func TestDateScansAgree(t *testing.T) {
	for _, s := range append(dateSamples, scanTexts(t)...) {
		checkDates(t, s)
	}
}

func FuzzDateScans(f *testing.F) {
	for _, s := range dateSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkDates(t, s) })
}

// sameTitleRef is sameTitle without the middle-rune test.
func sameTitleRef(line, titleK string) bool {
	if titleK == "" || len(line)*10 < len(titleK)*7 {
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

func checkSameTitle(t *testing.T, line, title string) {
	t.Helper()
	tk := titleKey(title)
	if got, want := sameTitle(line, tk), sameTitleRef(line, tk); got != want {
		t.Fatalf("sameTitle(%q, %q) = %v, want %v", line, tk, got, want)
	}
}

func TestSameTitleAgrees(t *testing.T) {
	lines := scanTexts(t)
	// Each line against itself, its halves and its neighbours.
	for i, l := range lines {
		for _, title := range []string{l, l[:len(l)/2], l[len(l)/3:], lines[(i+1)%len(lines)], "a", "ab", "中", "示例银行"} {
			checkSameTitle(t, l, title)
			checkSameTitle(t, l+l, title)
		}
	}
}

func FuzzSameTitle(f *testing.F) {
	f.Add("示例银行开展活动 示例银行开展活动", "示例银行开展活动")
	f.Add("银行开展", "示例银行开展活动")
	f.Add("a", "b")
	f.Fuzz(checkSameTitle)
}

func TestContainsAnyAgrees(t *testing.T) {
	for _, s := range append([]string{"", "。", "\xff。", "\xe3\x80", "a>b", "»", "\xc2"}, scanTexts(t)...) {
		for _, chars := range []string{"。，,", "。；;，,", ">＞»", "。！？!?"} {
			var list []string
			for _, r := range chars {
				list = append(list, string(r))
			}
			if got, want := containsAny(s, list...), strings.ContainsAny(s, chars); got != want {
				t.Fatalf("containsAny(%q, %q) = %v, strings.ContainsAny says %v", s, chars, got, want)
			}
		}
	}
}

// reBlankLine is the regexp splitBlankLines replaces.
var reBlankLine = regexp.MustCompile(`\n[ \t\r]*\n`)

func checkSplitBlank(t *testing.T, s string) {
	t.Helper()
	if got, want := splitBlankLines(s), reBlankLine.Split(s, -1); !reflect.DeepEqual(got, want) {
		t.Fatalf("splitBlankLines(%q) = %q, the regexp gives %q", s, got, want)
	}
}

var blankSamples = []string{"", "\n", "\n\n", "\n\n\n", "a\n\nb", "a\n \t\r\nb", "a\n \nb\n\n", "\n \n \n", "a\nb", "a\n x\nb", "\r\n\r\n"}

func TestSplitBlankLinesAgrees(t *testing.T) {
	for _, s := range append(blankSamples, scanTexts(t)...) {
		checkSplitBlank(t, s)
	}
}

func FuzzSplitBlankLines(f *testing.F) {
	for _, s := range blankSamples {
		f.Add(s)
	}
	f.Fuzz(checkSplitBlank)
}

func TestMaybeDateline(t *testing.T) {
	// The longest lead before the key: a 12-rune label and 24 runes of
	// four bytes each put 讯 at byte 150.
	longest := "【" + strings.Repeat("\U0001F600", 12) + "】" + strings.Repeat("\U0001F600", 24) + "讯(记者 张三)某银行开展活动某银行开展活动"
	if !reDateline.MatchString(longest) {
		t.Fatalf("reDateline does not match %q", longest)
	}
	for _, s := range append([]string{"本报讯 某银行", "新华社北京9月24日电(记者 王某)某银行开展活动", "【示例】9月30日消息,某银行",
		"【" + strings.Repeat("字", 12) + "】" + strings.Repeat("地", 24) + "消息(记者 张三)某银行开展活动", longest},
		scanTexts(t)...) {
		if reDateline.MatchString(s) && !maybeDateline(s) {
			t.Fatalf("reDateline matches %q, which maybeDateline rules out", s)
		}
	}
}

// The regexps reSource and reAuthor (labelledValue) stand for.
var (
	reSourceRegexp = regexp.MustCompile(`(?:文章来源|稿件来源|信息来源|新闻来源|文章來源|来源|來源|稿源|出处)\s*[:：]\s*([^\s|｜)）\]】,，。;；:：]{1,40})`)
	reAuthorRegexp = regexp.MustCompile(`(?:作者|责任编辑|責任編輯|编辑|編輯|记者|撰稿)\s*[:：/／]\s*([^\s|｜)）\]】,，。;；:：]{1,20})`)
)

var labelSamples = []string{"", "来源：示例日报", "来源: 示例日报 2022-01-01", "文章来源：示例网|作者：张三", "来源:", "来源：)", "来源 ： x", "来源\t:\tx",
	"稿件来源：示例" + strings.Repeat("字", 50), "来源：\xff\xfe示例", "来源：\xe4示例", "来源来源：示例", "图片来源：CFP", "来源：a 来源：b 来源：c 来源：d",
	"作者/张三", "作者／张三", "责任编辑：李四，", "记者 ：王五】", "编辑:" + strings.Repeat("x", 30), "编辑:x:y", "撰稿：赵六;", "来源:\u00a0示例", "文章來源：x"}

func checkLabelled(t *testing.T, s string) {
	t.Helper()
	for _, c := range []struct {
		l  *labelledValue
		re *regexp.Regexp
	}{{reSource, reSourceRegexp}, {reAuthor, reAuthorRegexp}} {
		for _, n := range []int{-1, 1, 3} {
			if got, want := c.l.FindAllStringSubmatchIndex(s, n), c.re.FindAllStringSubmatchIndex(s, n); !reflect.DeepEqual(got, want) {
				t.Fatalf("%v on %q (n=%d): %v, the regexp %v", c.re, s, n, got, want)
			}
		}
		if got, want := c.l.FindStringSubmatch(s), c.re.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("%v on %q: %q, the regexp %q", c.re, s, got, want)
		}
		if got, want := c.l.FindAllStringSubmatch(s, 3), c.re.FindAllStringSubmatch(s, 3); !reflect.DeepEqual(got, want) {
			t.Fatalf("%v on %q: %q, the regexp %q", c.re, s, got, want)
		}
	}
}

func TestLabelledValuesAgree(t *testing.T) {
	// At most one label starts at a position: none is a prefix of another.
	for _, l := range []*labelledValue{reSource, reAuthor} {
		for _, ps := range l.labels.byStart {
			for _, a := range ps {
				for _, b := range ps {
					if a != b && strings.HasPrefix(b.phrase, a.phrase) {
						t.Fatalf("label %q is a prefix of %q", a.phrase, b.phrase)
					}
				}
			}
		}
	}
	for _, s := range append(labelSamples, scanTexts(t)...) {
		checkLabelled(t, s)
	}
}

func FuzzLabelledValues(f *testing.F) {
	for _, s := range labelSamples {
		f.Add(s)
	}
	f.Fuzz(checkLabelled)
}

// normLineRef is normLine as it was before lineScan looked for pinyin
// glosses and normLineSpaces for bars: every step on every line.
func normLineRef(s string) string {
	s = stripPinyin(s)
	s = normLineMarkedRef(s)
	return s
}

// reTableRowRef matches a line between bars that holds a digit.
var reTableRowRef = regexp.MustCompile(`^\|.*[0-9].*\|$`)

func normLineMarkedRef(s string) string {
	if strings.Contains(s, "](") {
		s = reMDImage.ReplaceAllString(s, "")
		s = reMDLink.ReplaceAllString(s, "$1")
	}
	if strings.HasPrefix(s, "#") || strings.HasPrefix(strings.TrimSpace(s), "#") {
		s = strings.TrimSpace(s)
		s = reHashtag.ReplaceAllString(reMDHeading.ReplaceAllString(s, ""), "$1")
	}
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = reMDEmph.ReplaceAllString(s, "$1$2")
	}
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = html.UnescapeString(s)
	}
	invisible, collapse := spaceScan(s)
	switch {
	case invisible:
		s = normSpace(stripInvisible(s))
	case collapse:
		s = normSpace(s)
	default:
		s = strings.TrimSpace(s)
	}
	if strings.HasSuffix(s, "---") || strings.HasSuffix(s, "===") {
		s = strings.TrimRight(s, "-= ")
	}
	if reTableRowRef.MatchString(s) && strings.Count(s, "|") >= 3 {
		// a table's row with a figure (came later): its cells, one line
		cells := strings.Split(s[1:len(s)-1], "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		s = strings.TrimSpace(strings.Join(cells, " "))
	} else {
		s = strings.TrimSpace(strings.Trim(s, "|｜"))
	}
	if strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）") {
		s = cutEditorCode(s)
	}
	if strings.HasPrefix(s, "> ") {
		s = strings.TrimSpace(s[2:])
	}
	return s
}

// shortLineWordsRef is shortLineWords.scan with strings.Contains.
func shortLineWordsRef(s string) (found uint64) {
	for _, p := range boilerPhrases {
		if strings.Contains(s, p) {
			found |= wordPhrase
		}
	}
	for _, p := range boilerKeys {
		if strings.Contains(s, p) {
			found |= wordKey
		}
	}
	for k, p := range navWords {
		if strings.Contains(s, p) {
			found |= 1 << (2 + k)
		}
	}
	return found
}

// reMDEmph is the regexp cutMDEmph reads by hand.
var reMDEmph = regexp.MustCompile(`\*\*([^*]+)\*\*|__([^_]+)__`)

var emphSamples = []string{"", "**", "****", "**a**", "***a**", "**a***", "**a**b**c**", "__a__", "__a**", "**a__", "**a*b**", "x**中文**y__文__z",
	"**\xff**", "*\xe4*", "_**a**_", "**a** **", "__\n__", "**a\nb**", "a__b", "**中文**中文**", "__a___b__", "**a**__b__**c**"}

func checkMDEmph(t *testing.T, s string) {
	t.Helper()
	if got, want := cutMDEmph(s), reMDEmph.ReplaceAllString(s, "$1$2"); got != want {
		t.Fatalf("cutMDEmph(%q) = %q, the regexp %q", s, got, want)
	}
}

func TestMDEmphAgrees(t *testing.T) {
	for _, s := range append(emphSamples, scanTexts(t)...) {
		checkMDEmph(t, s)
	}
}

func FuzzMDEmph(f *testing.F) {
	for _, s := range emphSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkMDEmph(t, s) })
}

// reAutoLink is the regexp autoLinksToText reads by hand.
var reAutoLink = regexp.MustCompile(`<(https?://[^>\s]+)>`)

var autoLinkSamples = []string{"", "<http://a>", "<https://a.b/c?d=1>", "<http://>", "<http:/a>", "<httpx://a>", "<https//a>", "x<http://a b>y<http://c>",
	"<http://a<http://b>", "<<http://a>>", "<http://a\t>", "<http://中文>", "<http://\xff>", "<https://a", "<http", "<p><http://a></p><https://b>",
	"<http://a\v>", "<https://>x>", "<http://a>\n<http://b>"}

func checkAutoLink(t *testing.T, s string) {
	t.Helper()
	if got, want := autoLinksToText(s), reAutoLink.ReplaceAllString(s, "<p>$1</p>"); got != want {
		t.Fatalf("autoLinksToText(%q) = %q, the regexp %q", s, got, want)
	}
}

func TestAutoLinkAgrees(t *testing.T) {
	for _, s := range append(autoLinkSamples, scanTexts(t)...) {
		checkAutoLink(t, s)
	}
}

func FuzzAutoLink(f *testing.F) {
	for _, s := range autoLinkSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkAutoLink(t, s) })
}
