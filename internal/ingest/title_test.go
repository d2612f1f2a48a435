package ingest

import (
	"strings"
	"testing"
)

func parseText(t *testing.T, name, text string) (title, body string, fromBody bool, date, source, author string) {
	t.Helper()
	a, err := Parse(name, []byte(text))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return a.Title, a.Body, a.TitleFromBody, a.Date, a.Source, a.Author
}

// A first sentence that opens with a quotation ending in ！ or 。 runs on
// past the closing quotation mark: the title keeps the quote whole.
func TestTitleFromBodyKeepsQuoteWhole(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"“真是太谢谢你们了！”近日，示例银行收到一面锦旗。\n据了解，该行柜员成功拦截一笔诈骗转账。",
			"“真是太谢谢你们了！”近日，示例银行收到一面锦旗"},
		{"“办业务最怕排长队。”七十多岁的王大爷说，如今示例银行网点开了爱心窗口。\n第二段。",
			"“办业务最怕排长队。”七十多岁的王大爷说，如今示例银行网点开了爱心窗口"},
		// A quotation that never closes: cut at the first full stop.
		{"“示例银行来了！大家快来看看。\n第二段。", "“示例银行来了"},
	} {
		title, _, fromBody, _, _, _ := parseText(t, "q.txt", tc.text)
		if title != tc.want || !fromBody {
			t.Errorf("title = %q (from body %v), want %q", title, fromBody, tc.want)
		}
	}
}

// A bare two- or three-character name above the first paragraph is the
// author, not the title; a short section label above it is passed over.
func TestNameLineIsByline(t *testing.T) {
	text := "王示例\n近几年，随着新产业、新业态的快速发展，越来越多的新市民来到城市工作生活，示例银行为此推出了专属金融产品。\n第二段文字。"
	title, body, fromBody, _, _, author := parseText(t, "name.txt", text)
	if !fromBody || !strings.HasPrefix(title, "近几年，随着新产业") || author != "王示例" || strings.HasPrefix(body, "王示例") {
		t.Errorf("title %q (from body %v), author %q, body %q", title, fromBody, author, firstRunes(body, 20))
	}
	text = "导读\n近几年，随着新产业、新业态的快速发展，越来越多的新市民来到城市工作生活，示例银行为此推出了专属金融产品。\n第二段文字。"
	if _, body, _, _, _, author = parseText(t, "lead.txt", text); author != "" || !strings.HasPrefix(body, "导读\n") {
		t.Errorf("a section label taken for a name: author %q, body %q", author, firstRunes(body, 20))
	}
	text = "投资要点\n基于最新的财务数据，我们认为示例银行板块估值处于历史低位。\n一、板块概况"
	title, body, _, _, _, _ = parseText(t, "label.txt", text)
	if title != "基于最新的财务数据，我们认为示例银行板块估值处于历史低位" || !strings.HasPrefix(body, "投资要点\n") {
		t.Errorf("title %q, body %q", title, firstRunes(body, 20))
	}
}

// An e-paper page that prints the date, then the headline, then the paper's
// name with the date and page number.
func TestTitleBetweenDateLines(t *testing.T) {
	text := "2024年9月29日\n以真实案例为钥 示例银行解锁反诈宣传\n《示例日报》(2024年9月29日) 06版\n" +
		"此次金融教育宣传周，示例银行以成功拦截的诈骗案例为载体，开展了形式多样的宣传活动。\n该行表示将持续开展宣传。\n"
	title, body, fromBody, date, _, _ := parseText(t, "epaper2.txt", text)
	if title != "以真实案例为钥 示例银行解锁反诈宣传" || fromBody || date != "2024-09-29" {
		t.Errorf("title %q (from body %v), date %q", title, fromBody, date)
	}
	if !strings.HasPrefix(body, "此次金融教育宣传周") || strings.Contains(body, "06版") {
		t.Errorf("body = %q", body)
	}
}

// A summary page written as one run of bullet points without a full stop,
// its headline printed below it.
func TestHeadlineBelowBulletSummary(t *testing.T) {
	bullets := "市场份额变化 - 示例大型银行普惠型小微企业贷款占比达45.11% 较前期持续提升[1] - 示例农村金融机构同类贷款占比降至25.86% 较上年末下降0.7个百分点[2] " +
		"- 示例银行普惠贷款余额3.82万亿元 位列同业之首[3] - 示例银行客户数520.84万户 较上年末新增62.55万户[4]"
	text := bullets + "\n普惠金融“期中考”交卷：示例银行四项指标居首\n"
	title, body, fromBody, _, _, _ := parseText(t, "summary.txt", text)
	if title != "普惠金融“期中考”交卷：示例银行四项指标居首" || fromBody || body != bullets {
		t.Errorf("title %q (from body %v), body %q", title, fromBody, lastRunes(body, 30))
	}
	// Ordinary text that ends with a short line keeps it and takes its
	// title from the first sentence.
	text = "示例银行近日开展金融知识宣传活动，发放资料500余份。\n示例银行西城支行"
	title, body, fromBody, _, _, _ = parseText(t, "plain.txt", text)
	if !fromBody || !strings.HasSuffix(body, "示例银行西城支行") {
		t.Errorf("title %q (from body %v), body %q", title, fromBody, body)
	}
}

// An e-paper page lists the page's headlines, its navigation, then the
// article's headline again above the text: only the text is the body.
func TestEPaperHeadlineList(t *testing.T) {
	text := "第04版:工会\n3上一版  下一版4\n\n示例总工会赴银行一线调研慰问\n示例服务工会慰问快递小哥\n示例区走访企业调研指导\n" +
		"示例公司工会多举措让职工清凉度夏\n示例公交集团工会“送清凉”惠及1.2万职工\n\n版面导航\n\n3上一期\n下一篇4 2022年8月11日 放大 缩小 默认\n\n" +
		"示例总工会赴银行一线调研慰问\n\n\n本报讯 (记者 王示例) 8月10日，示例总工会带队来到示例银行支行的户外劳动者驿站调研，并为一线职工送上慰问品。\n\n" +
		"随后，调研组来到示例银行总部，听取了工会工作情况汇报。\n"
	title, body, fromBody, date, _, _ := parseText(t, "epaper3.txt", text)
	if title != "示例总工会赴银行一线调研慰问" || fromBody || date != "2022-08-11" {
		t.Errorf("title %q (from body %v), date %q", title, fromBody, date)
	}
	if !strings.HasPrefix(body, "本报讯") {
		t.Errorf("body starts %q", firstRunes(body, 30))
	}
	noneOf(t, body, "快递小哥", "清凉度夏", "调研慰问")
}

// The headline printed again at the foot of the text is no body line.
func TestHeadlineRepeatedAtFoot(t *testing.T) {
	paras := "示例银行近日走进社区开展反诈宣传，发放资料500余份。\n活动现场，工作人员向居民讲解了常见骗局。\n" +
		"随后，志愿者走进菜市场，向摊主发放宣传折页。\n居民纷纷表示收获很大。\n该行表示将持续开展宣传。"
	text := "示例银行开展反诈宣传\n发布时间：2023-05-06\n" + paras + "\n示例银行开展反诈宣传\n"
	title, body, _, _, _, _ := parseText(t, "foot.txt", text)
	if title != "示例银行开展反诈宣传" || body != paras {
		t.Errorf("title %q, body %q", title, body)
	}
}

// "图片来源：CFP" credits a picture, not the article.
func TestImageCreditIsNoSource(t *testing.T) {
	text := "示例网北京9月24日消息，示例银行宣布下调多项支付手续费，惠及小微企业和个体工商户，预计全年让利超过1亿元。\n(图片来源：CFP)\n据统计，多家银行已调整收费标准。\n"
	_, body, _, _, source, _ := parseText(t, "credit.txt", text)
	if source == "CFP" || strings.Contains(body, "CFP") {
		t.Errorf("source %q, body %q", source, body)
	}
	text = "示例银行开展反诈宣传\n来源：示例日报\n示例银行近日走进社区开展反诈宣传，发放资料500余份。\n"
	if _, _, _, _, source, _ = parseText(t, "source.txt", text); source != "示例日报" {
		t.Errorf("source = %q, want 示例日报", source)
	}
}

// A first-sentence title leaves out the news dateline in front of it.
func TestTitleFromBodyWithoutDateline(t *testing.T) {
	for text, want := range map[string]string{
		"本报讯 (记者 王示例)“这几天特别冷，来银行的暖心驿站喝点热水就暖和了。”近日，示例工会走进网点慰问职工。": "“这几天特别冷，来银行的暖心驿站喝点热水就暖和了。”近日，示例工会走进网点慰问…",
		"示例晚报讯(记者 李示例)示例银行近日推出新市民专属贷款产品。该产品额度最高30万元。":            "示例银行近日推出新市民专属贷款产品",
		"示例网北京9月24日消息(记者王示例 李示例)据示例电台报道，多家银行宣布下调支付手续费。":          "据示例电台报道，多家银行宣布下调支付手续费",
		"【示例科技】9月30日消息，示例支付清算协会发出倡议，鼓励银行继续降低小微企业手续费。":            "示例支付清算协会发出倡议，鼓励银行继续降低小微企业手续费",
		"权威消息显示，强降雨已致示例省16市不同程度受灾。示例农商银行连夜组织救援。":                 "权威消息显示，强降雨已致示例省16市不同程度受灾",
		"本报讯 示例银行捐款。": "本报讯 示例银行捐款",
	} {
		title, _, fromBody, _, _, _ := parseText(t, "dateline.txt", text)
		if title != want || !fromBody {
			t.Errorf("title = %q (from body %v), want %q", title, fromBody, want)
		}
	}
}

// A line that follows a paragraph of body text is no headline, even with a
// metadata line below it: the page shows none.
func TestNoHeadlineAfterBodyParagraph(t *testing.T) {
	text := "示例网北京9月24日消息(记者王示例)据示例电台报道，中秋节刚刚过去，多家银行对外宣布调整支付相关服务手续费，包括取消或者降低跨行取款手续费。\n" +
		"降低支付手续费用，如何惠及普通消费者和中小微企业？\n(图片来源：示例图库)\n据不完全统计，已有十余家银行宣布调整收费。\n"
	title, body, fromBody, _, source, _ := parseText(t, "pull-quote.txt", text)
	if !fromBody || title != "据示例电台报道，中秋节刚刚过去，多家银行对外宣布调整支付相关服务手续费，包括取…" || source != "" {
		t.Errorf("title %q (from body %v), source %q", title, fromBody, source)
	}
	if !strings.Contains(body, "如何惠及普通消费者") {
		t.Errorf("body lost the question line: %q", body)
	}
}

// A page that prints its headline only as the last step of its breadcrumb.
func TestHeadlineInBreadcrumb(t *testing.T) {
	text := "示例金融网\n首页 > 新闻中心 > 示例银行开展反诈宣传进社区活动\n近日，示例银行走进社区开展反诈宣传，发放资料500余份，现场解答群众咨询60余人次。\n该行表示将持续开展宣传。\n"
	title, body, fromBody, _, _, _ := parseText(t, "crumb.txt", text)
	if title != "示例银行开展反诈宣传进社区活动" || fromBody || !strings.HasPrefix(body, "近日，示例银行") || strings.Contains(body, "首页") {
		t.Errorf("title %q (from body %v), body %q", title, fromBody, body)
	}
	// A breadcrumb ending in a channel name gives no title.
	text = "当前位置：首页 > 新闻 > 正文\n近日，示例银行走进社区开展反诈宣传，发放资料500余份，现场解答群众咨询60余人次。\n"
	if title, _, fromBody, _, _, _ = parseText(t, "crumb2.txt", text); !fromBody {
		t.Errorf("title %q not from the body", title)
	}
}

// A site's or paper's name is no headline, and above the text it is no body
// line either.
func TestSiteNameIsNoTitle(t *testing.T) {
	for _, s := range []string{"示例金融网", "示例日报", "新浪江西", "示例在线", "示例新闻客户端"} {
		if !siteName(s) {
			t.Errorf("siteName(%q) = false", s)
		}
	}
	for _, s := range []string{"示例银行开展反诈宣传", "报", "关注普惠金融网点建设情况报"} {
		if siteName(s) {
			t.Errorf("siteName(%q) = true", s)
		}
	}
	text := "示例金融网\n近日，示例银行走进社区开展反诈宣传，发放资料500余份，现场解答群众咨询60余人次。\n该行表示将持续开展宣传。\n"
	title, body, fromBody, _, _, _ := parseText(t, "site.txt", text)
	if !fromBody || !strings.HasPrefix(title, "近日，示例银行") || strings.Contains(body, "示例金融网") {
		t.Errorf("title %q (from body %v), body %q", title, fromBody, body)
	}
}

// A headline printed in pieces — a kicker, then the main title broken
// across two lines — is one title; a channel label after it is not part of
// it; bylines, counters and numbered sections below a headline stay out.
func TestHeadlineInPieces(t *testing.T) {
	body := "本报讯（记者 王示例）近日，示例农商银行示例支行工会被评为“全国模范职工小家”，这是该行工会工作的又一项荣誉。"
	text := "以爱建家，和谐温暖\n示例农商银行示例分工会成\n“全国模范职工小家”\n" + body + "\n"
	title, got, fromBody, _, _, _ := parseText(t, "pieces.txt", text)
	if title != "以爱建家，和谐温暖 示例农商银行示例分工会成“全国模范职工小家”" || fromBody || got != body {
		t.Errorf("title %q (from body %v), body %q", title, fromBody, got)
	}
	// A complete headline with a deck below it: the deck is no part of it.
	text = "示例银行工会完善职工慰问制度\n标准精细化 更具人情味\n" + body + "\n"
	if title, _, _, _, _, _ = parseText(t, "deck.txt", text); title != "示例银行工会完善职工慰问制度" {
		t.Errorf("headline with a deck: title %q", title)
	}
	text = "示例银行：田间地头搭课堂 适老服务暖乡村 新资讯\n2025-12-31 06:05:13\n" + body + "\n"
	if title, got, _, _, _, _ = parseText(t, "channel.txt", text); title != "示例银行：田间地头搭课堂 适老服务暖乡村" || got != body {
		t.Errorf("title %q, body %q", title, got)
	}
	for _, below := range []string{"示例新闻实习生 李示例 记者 王示例", "王示例 5159", "一、基本条件"} {
		text = "示例银行开展适老服务进社区活动\n" + below + "\n" + body + "\n"
		if title, _, _, _, _, _ = parseText(t, "below.txt", text); title != "示例银行开展适老服务进社区活动" {
			t.Errorf("with %q below: title %q", below, title)
		}
	}
}

// A byline that starts with the medium's name, its reporters' names set
// apart by spaces, is no body line.
func TestBylineAfterMediumName(t *testing.T) {
	text := "示例银行三农金融事业部示例省分部成立\n示例新闻实习生 王示例 示例新闻记者 李示例\n" +
		"8月17日，示例银行三农金融事业部示例省分部成立仪式在示例市举行。\n该分部将加大涉农贷款投放。\n"
	title, body, _, _, _, author := parseText(t, "byline.txt", text)
	if title != "示例银行三农金融事业部示例省分部成立" || !strings.HasPrefix(body, "8月17日") || author != "王示例" {
		t.Errorf("title %q, author %q, body %q", title, author, body)
	}
	// A subheading that mentions reporters is text.
	text = "示例银行开展反诈宣传\n发布时间：2023-05-06\n示例银行近日走进社区开展反诈宣传，发放资料500余份。\n致敬一线记者\n该行表示将持续开展宣传。\n"
	if _, body, _, _, _, _ = parseText(t, "subhead.txt", text); !strings.Contains(body, "致敬一线记者") {
		t.Errorf("body lost a subheading: %q", body)
	}
}

// An HTML page whose <title> and <h1> name only the site: the headline is
// read from the text, above its byline.
func TestHTMLTitleThatNamesTheSite(t *testing.T) {
	page := "<html><head><title>示例金融网</title></head><body><h1 class='logo'>示例金融网</h1><div>2024年7月16日星期二</div>" +
		"<div class='nav'>上一版 下一版</div><div class='title'>示例农商银行灾情面前显担当 分秒必争奋战抗洪一线</div><div>□ 作者 王示例</div>" +
		"<div class='content'><p>7月1日，示例县遭遇强降雨，示例农商银行连夜组织党员突击队，协助转移群众三百余人。</p><p>该行还开辟绿色通道，为受灾农户办理应急贷款。</p></div></body></html>"
	title, body, fromBody, date, _, _ := parseText(t, "site-title.html", page)
	if title != "示例农商银行灾情面前显担当 分秒必争奋战抗洪一线" || fromBody || date != "2024-07-16" {
		t.Errorf("title %q (from body %v), date %q", title, fromBody, date)
	}
	if !strings.HasPrefix(body, "7月1日") {
		t.Errorf("body = %q", body)
	}
}
