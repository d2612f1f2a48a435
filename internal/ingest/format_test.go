package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// noneOf fails when body holds any of the boilerplate strings.
func noneOf(t *testing.T, body string, junk ...string) {
	t.Helper()
	for _, j := range junk {
		if strings.Contains(body, j) {
			t.Errorf("body keeps %q:\n%s", j, body)
		}
	}
}

func TestFullHTMLPage(t *testing.T) {
	a := readFixture(t, "ingest", "page.html")
	if a.Format != model.FormatHTML || a.TitleFromBody {
		t.Errorf("format %q, title from body %v", a.Format, a.TitleFromBody)
	}
	if a.Title != "示例银行开展“适老服务进网点”活动" || a.Date != "2022-03-01" {
		t.Errorf("title, date = %q, %q", a.Title, a.Date)
	}
	if a.URL != "https://news.example.com/bank/2022/0301/123.html" || a.Source != "示例日报" {
		t.Errorf("url, source = %q, %q", a.URL, a.Source)
	}
	want := "为方便老年客户办理业务，示例银行近日在全市网点开展“适老服务进网点”活动，共改造爱心窗口48个。\n一是优化服务流程\n该行为65岁以上客户开设绿色通道，平均等候时间缩短至10分钟以内。\n二是开展上门服务。"
	if !strings.HasPrefix(a.Body, want) {
		t.Errorf("body =\n%s\nwant it to start\n%s", a.Body, want)
	}
	noneOf(t, a.Body, "示例广告", "登录", "首页", "您当前的位置", "资料图", "责任编辑", "分享到", "相关阅读", "示例城市今日天气晴", "版权所有", "Copyright", "关于我们")
}

func TestServerTemplatePage(t *testing.T) {
	a := readFixture(t, "ingest", "template.php")
	if a.Format != model.FormatHTML || a.Title != "示例农商银行向受灾群众捐赠物资" || a.Date != "2020-07-22" || a.Source != "示例农商银行" {
		t.Errorf("format, title, date, source = %q, %q, %q, %q", a.Format, a.Title, a.Date, a.Source)
	}
	if !strings.HasPrefix(a.Body, "7月20日，示例农商银行向受灾群众捐赠矿泉水500箱") {
		t.Errorf("body = %q", a.Body)
	}
	noneOf(t, a.Body, "<?", "?>", "<%", "jsp:", "include", "base_url", "返回列表", "时间:")
}

func TestScrapedText(t *testing.T) {
	a := readFixture(t, "ingest", "scraped.txt")
	if a.Format != model.FormatText || a.TitleFromBody {
		t.Errorf("format %q, from body %v", a.Format, a.TitleFromBody)
	}
	if a.Title != "示例银行信用卡中心推出减费让利十项措施" || a.Date != "2022-05-18" || a.Source != "示例财经网" || a.Author != "赵示例" {
		t.Errorf("title, date, source, author = %q, %q, %q, %q", a.Title, a.Date, a.Source, a.Author)
	}
	want := "今年以来,示例银行信用卡中心推出减费让利十项措施,全年预计为持卡人减免各类费用约3.2亿元。\n" +
		"一是取消部分账户管理费。二是降低分期手续费率,最低降至年化4.5%。\n" +
		"该中心相关负责人表示,将持续优化服务,提升客户体验。"
	if a.Body != want {
		t.Errorf("body =\n%s\nwant\n%s", a.Body, want)
	}
}

func TestHexoPost(t *testing.T) {
	a := readFixture(t, "ingest", "hexo.md")
	if a.Format != model.FormatJekyll || a.Title != `"示例"银行普惠贷款余额突破千亿元` || a.Date != "2022-03-25" {
		t.Errorf("format, title, date = %q, %q, %q", a.Format, a.Title, a.Date)
	}
	if a.Source != "示例财经" {
		t.Errorf("source = %q", a.Source)
	}
	want := "示例银行日前披露，截至2月末，该行普惠小微贷款余额突破1000亿元，较年初增长8%。\n该行表示，将继续加大对小微企业的信贷支持。"
	if a.Body != want {
		t.Errorf("body =\n%s\nwant\n%s", a.Body, want)
	}
}

// The bundled seeds: what a reader of each file sees.
func TestSeeds(t *testing.T) {
	dir := testutil.Seeds(t)
	for _, tc := range []struct {
		file, format, title, date, source, url, bodyStart string
	}{
		{"000_0b872719766d8c1f.txt", model.FormatJekyll, "广发银行用心用情用力为群众办实事", "2022-01-05", "上海证券报·中国证券网",
			"http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201052237260833", "自党史学习教育开展以来，广发银行党委强化学史力行为群众办实事"},
		{"001_209a33a96d8ac9b7.txt", model.FormatJekyll, "桂东农商银行：聚焦群众“急难愁盼”问题 把服务做到客户心里", "2021-12-23", "红网",
			"http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202112232224193923", "今年以来，桂东农商银行紧紧围绕党史学习教育总体要求"},
		{"002_87607fd0df3c6357.txt", model.FormatText, "“服务初心 人民称心”网点服务提升季进行时 多措并举助力特区金融服务建设", "", "中国城市网",
			"", "为更好满足人民群众多样化的金融需求,2022年第四季度工行深圳市分行"},
		{"003_a556e87e8bd86a70.txt", model.FormatText, "加快建设人民群众满意银行", "2022-10-11", "文池范文网",
			"", "党的群众路线教育实践活动开展以来, 工商银行以建设人民满意银行为宗旨"},
		{"004_3d201c0eda562d6d.txt", model.FormatText, "中信银行信用卡中心以五强五服务扎实推动我为群众办实事", "2021-10-19", "",
			"", "自党史学习教育开展以来，中信银行信用卡中心以下简称卡中心党委"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			a, err := ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if a.ID != strings.TrimSuffix(tc.file, ".txt") || a.Format != tc.format || a.TitleFromBody {
				t.Errorf("id, format, from body = %q, %q, %v", a.ID, a.Format, a.TitleFromBody)
			}
			if a.Title != tc.title || a.Date != tc.date || a.Source != tc.source || a.URL != tc.url {
				t.Errorf("title, date, source, url =\n %q, %q, %q, %q\nwant\n %q, %q, %q, %q", a.Title, a.Date, a.Source, a.URL, tc.title, tc.date, tc.source, tc.url)
			}
			if !strings.HasPrefix(a.Body, tc.bodyStart) {
				t.Errorf("body starts %q", firstRunes(a.Body, 60))
			}
			if strings.Contains(a.Body, "\n\n") || strings.Contains(a.Body, "\r") {
				t.Error("body has empty paragraphs or carriage returns")
			}
			noneOf(t, a.Body, "<p", "</", "文章来源", "返回首页", "欢迎来到", "资料图", "相关文章", "小编", "版权所有", "Related",
				"返回栏目", "关于我们", "投稿投诉", "责编", "发布时间", "http", "户外活动主持人演讲稿")
			// A duplicated title line does not open the body.
			if strings.HasPrefix(a.Body, tc.title) {
				t.Errorf("body opens with the title again")
			}
		})
	}
	// Headings stay paragraphs of their own.
	a, _ := ReadFile(filepath.Join(dir, "000_0b872719766d8c1f.txt"))
	if !strings.Contains(a.Body, "\n重点围绕“五个着力”\n统筹部署广发特色行动方案\n") {
		t.Errorf("headings are not paragraphs of their own")
	}
	if !strings.HasSuffix(a.Body, "不断提升为群众办实事的质量水平。") {
		t.Errorf("seed 000 ends %q (the editor's code (cis) should go)", lastRunes(a.Body, 30))
	}
	// The last paragraph before the related list of seed 003 stays.
	a, _ = ReadFile(filepath.Join(dir, "003_a556e87e8bd86a70.txt"))
	if !strings.HasSuffix(a.Body, "更要让客户享受到现代金融服务的便捷。") {
		t.Errorf("seed 003 ends %q", lastRunes(a.Body, 40))
	}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

func lastRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[len(r)-n:]
	}
	return string(r)
}

func TestTitleFromBody(t *testing.T) {
	a, err := Parse("t.txt", []byte("近日，示例银行在全省范围内开展了一次规模很大的金融知识宣传活动，覆盖群众超过十万人次，取得了良好效果。\n第二段文字。"))
	if err != nil {
		t.Fatal(err)
	}
	if !a.TitleFromBody || !strings.HasPrefix(a.Title, "近日，示例银行在全省范围内开展了一次规模很大的金融知识宣传活动") || !strings.HasSuffix(a.Title, "…") || hanzi.RuneCount(a.Title) != 40 {
		t.Errorf("title = %q (%d runes), from body %v", a.Title, hanzi.RuneCount(a.Title), a.TitleFromBody)
	}
	a, _ = Parse("t.txt", []byte("示例银行捐款十万元。随后又开展了义诊活动，为社区居民提供了多项便民服务。"))
	if a.Title != "示例银行捐款十万元" || !a.TitleFromBody {
		t.Errorf("title = %q", a.Title)
	}
}

func TestFormatSniffedFromContent(t *testing.T) {
	dir := t.TempDir()
	for name, want := range map[string]string{
		"post.txt":  model.FormatJekyll, // front matter in a .txt
		"page.md":   model.FormatHTML,   // a page saved as .md
		"notes.htm": model.FormatText,   // plain text saved as .htm
	} {
		var content string
		switch want {
		case model.FormatJekyll:
			content = "---\ntitle: 示例银行发布年度社会责任报告\ndate: 2023-04-01\n---\n示例银行发布年度社会责任报告，全年公益捐赠1200万元。\n"
		case model.FormatHTML:
			content = "<html><head><title>示例银行发布年度社会责任报告</title></head><body><p>示例银行发布年度社会责任报告，全年公益捐赠1200万元。</p></body></html>"
		default:
			content = "示例银行发布年度社会责任报告\n示例银行发布年度社会责任报告，全年公益捐赠1200万元。\n"
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		a, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if a.Format != want || a.Title != "示例银行发布年度社会责任报告" || a.Body != "示例银行发布年度社会责任报告，全年公益捐赠1200万元。" {
			t.Errorf("%s: format %q title %q body %q", name, a.Format, a.Title, a.Body)
		}
	}
}

func TestHTMLDateAfterLongMenu(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><head><title>示例银行开展反诈宣传_示例网</title></head><body><ul>")
	for i := 0; i < 60; i++ {
		b.WriteString("<li><a href='/c'>示例栏目</a></li>")
	}
	b.WriteString("</ul><h1>示例银行开展反诈宣传</h1><div class='info'>发布时间：2023年5月6日 来源：示例晚报</div>")
	b.WriteString("<div class='content'><p>示例银行近日走进社区开展反诈宣传，发放资料500余份，现场解答群众咨询60余人次。</p></div></body></html>")
	a, err := Parse("menu.html", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "示例银行开展反诈宣传" || a.Date != "2023-05-06" || a.Source != "示例晚报" {
		t.Errorf("title, date, source = %q, %q, %q", a.Title, a.Date, a.Source)
	}
	if a.Body != "示例银行近日走进社区开展反诈宣传，发放资料500余份，现场解答群众咨询60余人次。" {
		t.Errorf("body = %q", a.Body)
	}
}

func TestHTMLDateAboveMainText(t *testing.T) {
	var b strings.Builder
	// No <title>, no h1: the date sits just above the article's text.
	b.WriteString("<html><body><ul>")
	for i := 0; i < 40; i++ {
		b.WriteString("<li>示例栏目名称</li>")
	}
	b.WriteString("</ul><div class='time'>2024-02-03 09:15</div>")
	b.WriteString("<div class='content'><p>示例银行近日走进社区开展反诈宣传，发放资料500余份，现场解答群众咨询60余人次。</p>")
	b.WriteString("<p>该行表示，将持续开展金融知识宣传教育，守护群众钱袋子。</p><p>联系电话：0000-1234567</p><p>0000-7654321</p></div></body></html>")
	a, err := Parse("nohead.html", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if a.Date != "2024-02-03" || !a.TitleFromBody {
		t.Errorf("date %q, title %q (from body %v)", a.Date, a.Title, a.TitleFromBody)
	}
	if a.Body != "示例银行近日走进社区开展反诈宣传，发放资料500余份，现场解答群众咨询60余人次。\n该行表示，将持续开展金融知识宣传教育，守护群众钱袋子。" {
		t.Errorf("body = %q", a.Body)
	}
}

// An e-paper page: masthead, date, page menu, then the headline right above
// its byline.
func TestTitleAboveByline(t *testing.T) {
	text := "示例农村金融报数字报纸\n2023年6月2日星期五\n示例农村金融报\n电子报刊阅读器\n放大 缩小 默认\n" +
		"示例农商银行驰援受灾乡镇 连夜转移群众三百余人\n□ 作者 王示例 李示例\n" +
		"6月1日夜间，示例县遭遇强降雨，示例农商银行连夜组织党员突击队，协助转移群众三百余人。\n该行还开辟绿色通道，为受灾农户办理应急贷款。\n"
	a, err := Parse("epaper.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "示例农商银行驰援受灾乡镇 连夜转移群众三百余人" || a.TitleFromBody || a.Date != "2023-06-02" {
		t.Errorf("title %q (from body %v), date %q", a.Title, a.TitleFromBody, a.Date)
	}
	if !strings.HasPrefix(a.Body, "6月1日夜间") || strings.Contains(a.Body, "作者") || strings.Contains(a.Body, "报刊") {
		t.Errorf("body = %q", a.Body)
	}
}

// TestTraditionalListHeadings: a Hong Kong site's 熱門新聞 list after the
// article carries other articles' figures; it goes, as 相关阅读 does, and
// so does a WeChat post's 往期推荐, a heading in brackets (【相关链接】)
// and an e-paper's 本版其他文章.
func TestTraditionalListHeadings(t *testing.T) {
	body := strings.Repeat("招商銀行今日公佈中期業績，淨利潤按年增長百分之五，零售客戶數目持續上升。", 3)
	for _, heading := range []string{"熱門新聞：", "往期推荐", "熱門推薦", "延伸閱讀", "【相关链接】", "【 相关阅读 】", "本版其他文章"} {
		text := "招商銀行中期業績\n2024年8月20日\n\n" + body + "\n\n" + heading + "\n1. 恒指收跌逾千點　科指跌6%\n2. 港交所：日均成交額升至1,200億元\n"
		a, err := Parse("hk.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Body, "零售客戶數目持續上升") {
			t.Errorf("%s: the article went too:\n%s", heading, a.Body)
		}
		noneOf(t, a.Body, heading, "恒指", "1,200億元")
	}
}

// TestPressReleaseDateline: a release's dateline, the date and a city or
// province (2023年7月12日，上海), before the text dates the article; a
// sentence going on after the date and a comma, a timeline's milestone
// (2008年10月16日，挂牌) and a dateline after the text has begun do not.
func TestPressReleaseDateline(t *testing.T) {
	page := func(line string) string {
		return "<html><head><title>示例银行举行项目五周年发布会</title></head><body><h1>示例银行举行项目五周年发布会</h1>" +
			"<p>" + line + "</p><p>" + strings.Repeat("示例银行在上海举行发布会，介绍项目五年来的进展和下一步计划。", 3) + "</p></body></html>"
	}
	for _, c := range []struct{ line, date string }{
		{"2023年7月12日，上海", "2023-07-12"},
		{"2023年7月12日, 北京", "2023-07-12"},
		{"2023年7月12日，示例银行在上海举行发布会", ""},
		{"2023年7月12日，上海浦东新区陆家嘴", ""},
		{"2008年10月16日，挂牌", ""}, // a timeline's milestone: no place
	} {
		a, err := Parse("release.html", []byte(page(c.line)))
		if err != nil {
			t.Fatal(err)
		}
		if a.Date != c.date {
			t.Errorf("%q: date %q, want %q", c.line, a.Date, c.date)
		}
	}
	// A dateline after the text has begun is the body's, not the article's.
	late := "示例银行举办金融知识宣传活动\n\n本报讯 示例银行近日开展宣传活动，累计开展活动120场。\n活动回顾：\n2019年5月20日，成都\n该行表示将持续开展宣传。\n"
	if a, _ := Parse("late.txt", []byte(late)); a.Date != "" {
		t.Errorf("a dateline after the text dates the article: %q", a.Date)
	}
}

// TestTextTableWithBars: a table typed as text, its cells between
// full-width bars (对公跨行转账（柜面）｜5元/笔｜2元/笔), keeps its rows with
// figures; its header row, a menu (首页｜新闻｜银行), a stock ticker's rows
// (601398｜5.62｜+0.36%, 工商银行｜5.62元｜+0.36%) and headline bars with
// words after their figures (快讯｜100亿元春耕贷款｜让利5亿元) still go.
func TestTextTableWithBars(t *testing.T) {
	text := "示例银行减费让利落地见效\n2024-04-18 09:32　来源：示例金融网\n首页｜新闻｜银行｜保险\n" +
		strings.Repeat("今年以来，示例银行认真落实支付降费政策，小微企业和个体工商户的手续费明显下降。", 3) + "\n" +
		"一张表看懂降费：\n项目｜调整前｜调整后\n对公跨行转账（柜面）｜5元/笔｜2元/笔\n单位结算账户管理费｜360元/年｜免收\n" +
		"示例银行｜601398｜5.62｜+0.36%\n工商银行｜5.62元｜+0.36%\n快讯｜100亿元春耕贷款｜让利5亿元｜新增3万户\n信用卡｜1元乘公交｜5折观影｜积分兑换\n" +
		strings.Repeat("该行表示将持续减费让利，惠及更多小微企业。", 2) + "\n"
	a, err := Parse("fees.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{"对公跨行转账（柜面）｜5元/笔｜2元/笔", "单位结算账户管理费｜360元/年｜免收"} {
		if !strings.Contains(a.Body, row) {
			t.Errorf("row %q dropped:\n%s", row, a.Body)
		}
	}
	noneOf(t, a.Body, "项目｜调整前", "首页", "601398", "5.62元", "春耕贷款", "乘公交")
}

// TestHardWrappedText: a text whose indented paragraphs were wrapped at a
// fixed number of characters is read with its lines joined, figures broken
// over two lines too (2.7万 / 户, 超 / 过8万人次); a list typed under an
// indented lead-in (lines of many widths) and a text whose paragraphs are
// one line each are left as they were.
func TestHardWrappedText(t *testing.T) {
	wrap := func(p string, n int) string { // indented, then n runes a line
		r := []rune("\u3000\u3000" + p)
		var b strings.Builder
		for len(r) > n {
			b.WriteString(string(r[:n]) + "\n")
			r = r[n:]
		}
		return b.String() + string(r) + "\n"
	}
	paras := []string{
		"本报讯　今年以来，示例银行聚焦电信网络诈骗高发态势，深化与公安的联动机制，一季度累计堵截涉诈资金逾2300万元，对2.7万户可疑账户采取了分级管控措施。",
		"宣传方面，该行组建了反诈宣讲团，走进工业园区、学校和社区开展宣传活动近300场，发放宣传折页3.6万份，受众超过8万人次。",
	}
	// a width that breaks the figure 2.7万户 over two lines
	width := 20
	for !strings.Contains(wrap(paras[0], width), "2.7万\n户") {
		if width++; width > 60 {
			t.Fatal("no width breaks 2.7万户")
		}
	}
	wrapped := "示例银行织密反诈防护网\n2023年4月18日 09:12　来源：示例财经网\n\n" + wrap(paras[0], width) + wrap(paras[1], width) + "\n责任编辑：陈思\n"
	a, err := Parse("wrapped.txt", []byte(wrapped))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paras {
		if want := strings.ReplaceAll(p, "\u3000", " "); !strings.Contains(a.Body, want) && !strings.Contains(a.Body, p) {
			t.Errorf("body lacks the paragraph %q:\n%s", p, a.Body)
		}
	}
	noneOf(t, a.Body, "责任编辑")

	list := "示例银行普惠金融交出成绩单\n2024-04-12 09:00　来源：示例融媒体中心\n\n" +
		"\u3000\u3000一季度，示例银行坚持服务实体经济，普惠金融交出亮眼成绩单：\n普惠贷款余额突破120亿元\n一季度新增普惠贷款15亿元\n户均贷款8.6万元\n新增服务小微企业3200户\n" +
		"\u3000\u3000该行表示，下一步将继续加大普惠金融投放力度。\n"
	a, err = Parse("list.txt", []byte(list))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "成绩单：\n普惠贷款余额突破120亿元\n一季度新增普惠贷款15亿元\n") {
		t.Errorf("a list under an indented lead-in was joined:\n%s", a.Body)
	}

	plain := "示例银行开展宣传\n2023年4月18日\n\n" +
		"\u3000\u3000今年以来，示例银行开展宣传活动近300场，受众超过8万人次。\n" +
		"\u3000\u3000该行还走进社区，发放宣传折页3.6万份。\n责任编辑：陈思\n"
	a, err = Parse("plain.txt", []byte(plain))
	if err != nil {
		t.Fatal(err)
	}
	if want := "今年以来，示例银行开展宣传活动近300场，受众超过8万人次。\n该行还走进社区，发放宣传折页3.6万份。"; a.Body != want {
		t.Errorf("one-line paragraphs: body\n%q\nwant\n%q", a.Body, want)
	}
}

// TestDatesInText: a date line in Chinese numerals with its weekday
// (二〇二二年三月十五日　星期二) and a news agency's dateline opening the text
// (中新网上海2021年7月6日电（记者…）) date an article; an agency's dateline
// without a year, and a date before 电力, do not.
func TestDatesInText(t *testing.T) {
	body := strings.Repeat("示例银行开展金融知识宣传活动，累计开展活动18场，覆盖群众600人次。", 2)
	for _, c := range []struct{ text, date string }{
		{"示例银行征信宣传进乡镇\n示例金融网 > 基层动态\n二〇二二年三月十五日　星期二\n\n" + body, "2022-03-15"},
		{"示例银行“我为群众办实事”清单项目完成过半\n\n　　中新网上海2021年7月6日电　（记者 程远）" + body, "2021-07-06"},
		{"示例银行“我为群众办实事”清单项目完成过半\n\n　　新华社北京7月6日电　（记者 程远）" + body, ""},
		{"示例银行保障迎峰度夏用电\n\n　　2021年7月6日电力负荷创新高，" + body, ""},
	} {
		a, err := Parse("x.txt", []byte(c.text))
		if err != nil {
			t.Fatal(err)
		}
		if a.Date != c.date {
			t.Errorf("%.40q: date %q, want %q", c.text, a.Date, c.date)
		}
	}
}
