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
