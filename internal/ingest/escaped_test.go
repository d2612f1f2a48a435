package ingest

import (
	"strings"
	"testing"
)

// A page whose text is a JSON string: header lines in plain text, then the
// article's HTML with every '<', '>', quote and line break escaped, and
// some Han characters written as \u escapes.
func TestJSONEscapedHTMLBody(t *testing.T) {
	text := "示例银行小额账户管理费新规解读\n来源：示例日报\n2026-03-21 06:59:18 " +
		`\u003cdiv class=\"rich_media_content\"\u003e\u003cp\u003e示例新闻记者 王示例\u003c/p\u003e` +
		`\u003cp\u003e近期，不少储户发现一张不常用的借记卡被扣缴了3元\u201c账户管理费\u201d。\u003c!--MID_AD_0--\u003e\u003c/p\u003e\n` +
		`\u003cp\u003e\u003cstrong\u003e短信提醒不再\u201c全免费\u201d\u003c/strong\u003e\u003c/p\u003e` +
		`\u003cp\u003e例如仅对单笔金额超过500元的动账发送免费短信，\u5c0f\u989d\u4ea4\u6613则不再提醒\uD83D\uDCF1。\u003c/p\u003e\u003c/div\u003e`
	a, err := Parse("escaped.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "示例银行小额账户管理费新规解读" || a.Date != "2026-03-21" || a.Source != "示例日报" {
		t.Errorf("title %q, date %q, source %q", a.Title, a.Date, a.Source)
	}
	for _, want := range []string{"被扣缴了3元“账户管理费”。", "短信提醒不再“全免费”", "超过500元的动账发送免费短信，小额交易则不再提醒📱。"} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, a.Body)
		}
	}
	noneOf(t, a.Body, `\u`, "<p>", "MID_AD", `\"`, "rich_media")
}

func TestUnescapeJSON(t *testing.T) {
	for in, want := range map[string]string{
		`\u003cp\u003e示例\u003c/p\u003e`: "<p>示例</p>",
		`\u003Cbr\/\u003E`:              "<br/>",
		`a\"b\\n\r\nc\td`:               "a\"b\\n\nc\td",
		`\x3cp\x3e`:                     "<p>",
		`\uD83D\uDCF1 \uD83D x \u12 \q`: "📱  x \\u12 \\q",
		`\u4e2d\u6587`:                  "中文",
		"末尾\\":                          "末尾\\",
		`\u0000`:                        "",
	} {
		if got := unescapeJSON(in); got != want {
			t.Errorf("unescapeJSON(%q) = %q, want %q", in, got, want)
		}
	}
	// Text with a stray backslash or two escapes is no JSON string.
	for _, s := range []string{`示例\n银行`, `C:\u0031\u0032`, "示例银行\\u003c一次"} {
		if got := unescapeEmbedded(s); got != s {
			t.Errorf("unescapeEmbedded(%q) = %q, want it unchanged", s, got)
		}
	}
	// HTML shown as text, entity-escaped.
	if got := unescapeEmbedded("&lt;p&gt;一&lt;/p&gt;&lt;p&gt;二&lt;/p&gt;"); got != "<p>一</p><p>二</p>" {
		t.Errorf("entity-escaped HTML: %q", got)
	}
}

// A file that is an app's JSON response: the article object sits inside
// "data", its HTML body in "content", its date a Unix time in milliseconds.
func TestJSONArticle(t *testing.T) {
	text := `{"code":0,"msg":"ok","data":{"list":[{"title":"其他文章","summary":"短"}],` +
		`"article":{"newsTitle":"示例农商银行开展适老服务进社区活动","publishTime":1700000000000,` +
		`"mediaName":"示例日报","author":"王示例","shareUrl":"https://news.example.com/a/1.html",` +
		`"content":"\u003cp\u003e近日，示例农商银行组织青年志愿者走进社区，为老年客户上门办理社保卡激活业务30余笔。\u003c/p\u003e` +
		`\u003cp\u003e该行表示，将持续开展适老服务。\u003c/p\u003e\u003cp\u003e责任编辑：李示例\u003c/p\u003e"}}}`
	a, err := Parse("api.json", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "示例农商银行开展适老服务进社区活动" || a.Date != "2023-11-15" || a.Source != "示例日报" ||
		a.Author != "王示例" || a.URL != "https://news.example.com/a/1.html" || a.Format != "html" {
		t.Errorf("title %q date %q source %q author %q url %q format %q", a.Title, a.Date, a.Source, a.Author, a.URL, a.Format)
	}
	if a.Body != "近日，示例农商银行组织青年志愿者走进社区，为老年客户上门办理社保卡激活业务30余笔。\n该行表示，将持续开展适老服务。" {
		t.Errorf("body = %q", a.Body)
	}
	// Plain-text content and a date string; JSON without article text is
	// read as text.
	a, err = Parse("api2.json", []byte(`[{"title":"示例银行减免小微企业账户管理费","date":"2024-03-05 10:00","text":"示例银行宣布自4月1日起免收小微企业账户管理费，预计全年让利1200万元。\n该行表示将持续减费让利。"}]`))
	if err != nil || a.Title != "示例银行减免小微企业账户管理费" || a.Date != "2024-03-05" || a.Format != "text" || !strings.HasSuffix(a.Body, "持续减费让利。") {
		t.Errorf("plain content: %v title %q date %q format %q body %q", err, a.Title, a.Date, a.Format, a.Body)
	}
	a, err = Parse("config.json", []byte(`{"name":"示例","version":3}`))
	if err != nil || a.Format != "text" {
		t.Errorf("no article in JSON: %v, format %q", err, a.Format)
	}
}

// testdata/ingest/api.json: an API response with a related-articles list
// beside the article object.
func TestJSONArticleFixture(t *testing.T) {
	a := readFixture(t, "ingest", "api.json")
	if a.Title != "示例农商银行上门为失能老人激活社保卡" || a.Date != "2025-10-16" || a.Source != "示例晚报" || a.URL != "https://news.example.com/a/1.html" {
		t.Errorf("title %q date %q source %q url %q", a.Title, a.Date, a.Source, a.URL)
	}
	if !strings.HasPrefix(a.Body, "近日，示例农商银行示例支行") || !strings.HasSuffix(a.Body, "120余人次。") {
		t.Errorf("body = %q", a.Body)
	}
	noneOf(t, a.Body, "年度工作会议", "责任编辑", "<p>")
}

// The date keys of common APIs and CMSs, in the forms they hold; a key
// whose value is no date gives way to the next.
func TestJSONDateKeys(t *testing.T) {
	const text = `"title":"示例银行减免小微企业账户管理费","content":"示例银行宣布自4月1日起免收小微企业账户管理费，预计全年让利1200万元。"`
	for _, c := range []struct{ fields, want string }{
		{`"pubtime":"2024-03-05 10:00"`, "2024-03-05"},
		{`"pub_time":"2024/03/05 10:00:00"`, "2024-03-05"},
		{`"PubTime":1709604000`, "2024-03-05"},
		{`"publish_time":"2024-03-05T10:00:00+08:00"`, "2024-03-05"},
		{`"publishTime":1709604000000`, "2024-03-05"},
		{`"pubDate":"Tue, 05 Mar 2024 10:00:00 +0800"`, "2024-03-05"},
		{`"published_time":"2024年3月5日"`, "2024-03-05"},
		{`"publish_at":"2024-03-05"`, "2024-03-05"},
		{`"post_time":"2024-03-05"`, "2024-03-05"},
		{`"issueTime":"2024-03-05"`, "2024-03-05"},
		{`"news_date":"20240305"`, "2024-03-05"},
		{`"pubDate":20240305`, "2024-03-05"},
		{`"pub_time":"20240305100000"`, "2024-03-05"},
		{`"ctime":"1709604000"`, "2024-03-05"},
		{`"ctime":"2024-03-05 10:00:00"`, "2024-03-05"},
		{`"inputtime":1709604000`, "2024-03-05"},
		{`"addtime":"2024-03-05 10:00"`, "2024-03-05"},
		{`"发布日期":"2024-03-05"`, "2024-03-05"},
		// No date under the key: the next key, or none.
		{`"ctime":35,"time":"2024-03-05 10:00"`, "2024-03-05"},
		{`"pubtime":"刚刚","date":"2024-03-05"`, "2024-03-05"},
		{`"pubtime":"20241305"`, ""},
		{`"pubtime":12345678`, ""},
		{`"views":20240305`, ""},
		// Publication before creation, whatever the order of the fields.
		{`"ctime":"2024-03-01","pub_time":"2024-03-05"`, "2024-03-05"},
	} {
		a, err := Parse("api.json", []byte(`{`+c.fields+`,`+text+`}`))
		if err != nil || a.Format != "text" || a.Date != c.want {
			t.Errorf("%s: date %q (format %q, %v), want %q", c.fields, a.Date, a.Format, err, c.want)
		}
	}
}
