package ingest

import (
	"strings"
	"testing"
)

// TestTableRows: a table's row is one line of its cells, so that a figure
// reads with its label, in an HTML page and in markdown; a menu written
// between bars is still dropped.
func TestTableRows(t *testing.T) {
	page := `<html><head><title>兴业银行绿色金融报告</title></head><body><article><h1>兴业银行绿色金融报告</h1><p>2024年3月1日</p>
<p>该行2023年主要指标如下。</p>
<table><tr><th>指标</th><th>2023年</th><th>2022年</th></tr>
<tr><td>绿色贷款余额</td><td>7,962亿元</td><td>6,482亿元</td></tr>
<tr><td>绿色金融客户数</td><td>5.2万户</td><td>4.6万户</td></tr></table>
<p>该行全年发放绿色贷款1,480亿元，支持项目超过2,000个。</p></article></body></html>`
	md := "---\ntitle: 兴业银行绿色金融报告\ndate: 2024-03-01\n---\n\n| 首页 | 新闻 | 关于我们 |\n\n该行2023年主要指标如下。\n\n| 指标 | 2023年 | 2022年 |\n| --- | --- | --- |\n" +
		"| 绿色贷款余额 | 7,962亿元 | 6,482亿元 |\n| 绿色金融客户数 | 5.2万户 | 4.6万户 |\n\n该行全年发放绿色贷款1,480亿元，支持项目超过2,000个。\n"
	for _, c := range []struct{ name, data string }{{"a.html", page}, {"a.md", md}} {
		a, err := Parse(c.name, []byte(c.data))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		lines := strings.Split(a.Body, "\n")
		for _, want := range []string{"绿色贷款余额 7,962亿元 6,482亿元", "绿色金融客户数 5.2万户 4.6万户"} {
			found := false
			for _, l := range lines {
				found = found || strings.TrimSpace(l) == want
			}
			if !found {
				t.Errorf("%s: no line %q in the body:\n%s", c.name, want, a.Body)
			}
		}
		if strings.Contains(a.Body, "首页") || strings.Contains(a.Body, "---") || strings.Contains(a.Body, "|") {
			t.Errorf("%s: a menu, a rule or a bar left in the body:\n%s", c.name, a.Body)
		}
	}
}
