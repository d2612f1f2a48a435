package ingest

import "testing"

func TestParseDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2022-01-05 16:42:44 +0800", "2022-01-05"},       // seed 000 front matter
		{"2021/10/19 17:04", "2021-10-19"},                // seed 004 header line
		{"时间:2022-10-11 20:30:04 来源:文池范文网", "2022-10-11"}, // seed 003
		{"Fri, 25 Mar 2022 14:14:13 GMT", "2022-03-25"},
		{"Mon, 22 Mar 2021 03:28:49 GMT", "2021-03-22"},
		{"2022年3月1日", "2022-03-01"},
		{"发布时间:2011年06月24日", "2011-06-24"},
		{"2024年7月16星期二", "2024-07-16"},
		{"《示例日报》(2023年01月12日 02版)", "2023-01-12"},
		{"2013-08-15本刊编辑部", "2013-08-15"},
		{"25.03.2016  15:14", "2016-03-25"},
		{"March 5, 2020", "2020-03-05"},
		{"2022-03-01T08:30:00+08:00", "2022-03-01"},
		{"发布时间:   来源:中国城市网", ""}, // seed 002: no date
		{"Invalid Date", ""},
		{"", ""},
		{"1889-05-01", ""}, // implausible year
		{"2031-01-01", ""}, // implausible year
		{"2022-02-30", ""}, // no such day
		{"2021-02-29", ""}, // not a leap year
		{"2020-02-29", "2020-02-29"},
		{"2022-13-01", ""},
		{"12022-01-05", ""}, // part of a longer number
		{"二〇二二年三月一日", "2022-03-01"},
		{"二○○六年一月十二日", "2006-01-12"},
		{"二〇二一年十二月二十三日", "2021-12-23"},
		{"二〇二一年十三月一日", ""},
		{"6月12日", ""},             // no year
		{"电话 0731-2022-1234", ""}, // digits glued to the year
	} {
		if got := ParseDate(tc.in); got != tc.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMetaLineDates(t *testing.T) {
	for _, tc := range []struct {
		line string
		date string
		meta bool
	}{
		{"2021/10/19 17:04", "2021-10-19", true},
		{"时间 2021年08月19日 来源 : 示例农商银行", "2021-08-19", true},
		{"2015-11-24 00:11:52  |  示例金融时报  |  王示例", "2015-11-24", true},
		{"发布时间:   来源:中国城市网", "", true},
		// A headline that names a day is not a dateline.
		{"示例银行2022年3月15日举办消费者权益保护知识讲座", "", false},
		{"《示例日报》(2023年01月12日 02版)", "2023-01-12", true},
		{"王示例   示例日报·示例新闻客户端·客户端   2025-01-21 14:52:44", "2025-01-21", true},
		// An event's dates are not a publication date.
		{"2026年3月9日至3月15日", "", false},
		// A sentence that begins with a date is body text, not a dateline.
		{"2025年5月13日,示例板块市值达到9万亿元,创出历史新高。", "", false},
		{"截至2022年3月1日，该行已累计发放贷款3亿元，惠及农户1200户。", "", false},
	} {
		d, _, _, ok := metaLine(tc.line)
		if d != tc.date || ok != tc.meta {
			t.Errorf("metaLine(%q) = %q, %v; want %q, %v", tc.line, d, ok, tc.date, tc.meta)
		}
	}
}

func TestFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, block, title, date, url string
		lenient                       bool
		tags                          []string
	}{
		{"jekyll", "layout: post\ntitle: \"示例银行为群众办实事\"\ndate: 2022-01-05 16:42:44 +0800\ncategories: shili\ntags: 示例证券报新闻\n",
			"示例银行为群众办实事", "2022-01-05", "", false, []string{"示例证券报新闻"}},
		{"hexo", "title: '示例银行减费让利'\ncategories: \n - 金融\n - 示例财经\nauthor: 示例财经\ndate: Fri, 11 Feb 2022 12:24:59 GMT\nlink: https://example.com/a/1.html\n",
			"示例银行减费让利", "2022-02-11", "https://example.com/a/1.html", false, nil},
		{"invalid date", "title: '\"示例\"银行降薪传闻？'\ndate: Invalid Date\n", `"示例"银行降薪传闻？`, "", "", false, nil},
		{"quotes wrapped many times", "title: \"\"\"\"'示例银行原行长被查'\"\"\"\"\ncategories: \n    - 金融\n    - 示例\ndate: Mon, 22 Mar 2021 03:28:49 GMT\n",
			"示例银行原行长被查", "2021-03-22", "", true, nil},
		{"yaml timestamp", "title: 示例\ndate: 2021-07-24\n", "示例", "2021-07-24", "", false, nil},
		{"tags list", "title: 示例\ntags: [示例报, 示例网]\n", "示例", "", "", false, []string{"示例报", "示例网"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fm := parseFrontMatter(tc.block)
			if fm.Title != tc.title || fm.Date != tc.date || fm.URL != tc.url || fm.Lenient != tc.lenient {
				t.Errorf("got title %q date %q url %q lenient %v", fm.Title, fm.Date, fm.URL, fm.Lenient)
			}
			if tc.tags != nil && (len(fm.Tags) != len(tc.tags) || fm.Tags[0] != tc.tags[0]) {
				t.Errorf("tags = %q", fm.Tags)
			}
		})
	}
}

func TestSplitFrontMatter(t *testing.T) {
	block, body, found, closed := splitFrontMatter("\n---\ntitle: a\n---\n<p>b</p>\n")
	if !found || !closed || block != "title: a\n" || body != "<p>b</p>\n" {
		t.Errorf("got %q %q %v %v", block, body, found, closed)
	}
	_, _, found, closed = splitFrontMatter("---\ntitle: a\nno end")
	if !found || closed {
		t.Errorf("unterminated: found %v closed %v", found, closed)
	}
	if _, _, found, _ = splitFrontMatter("----- 正文 -----\n"); found {
		t.Error("a rule of dashes is not front matter")
	}
}

func TestBoilerplateLines(t *testing.T) {
	for _, s := range []string{
		"欢迎来到示例范文网!", "返回首页", "(责任编辑:)返回顶部", "本篇文章1061字", "站内搜索", "下载客户端", "字号",
		"(资料图)", "(资料图片)", "（资料图）", "分享到：", "Copyright © 2022 示例网 版权所有", "示例网 > 新闻中心 > 金融频道 > 银行动态",
		"首 页 | 业界动态 | 银行培训 | 资格认证 | 在线学习", "关于我们 加入我们 联系我们 商务合作", "投稿投诉联系邮箱:12345@qq.com",
		"您当前的位置:首页 > 分支行动态", "下面是小编为大家整理的示例范文,供大家参考。", "【示例金融时报】", "澎湃Logo", "\" />",
		"相關標簽: [!--togo.keyword--]", "以上文字仅代表作者个人观点，并不代表示例网立场，禁止转载。",
	} {
		if !isBoilerplate(normLine(s)) {
			t.Errorf("isBoilerplate(%q) = false", s)
		}
	}
	for _, s := range []string{
		"场景共建、生态共享", "全年减费让利约27亿元", "一是强化员工规范服务的教育与培训。", "示例银行开展“适老服务进网点”活动",
		"工行 建行 农行", "强保障 服务保就业", "截至目前，已开展宣传活动35场，覆盖群众5000余人次。",
	} {
		if isBoilerplate(normLine(s)) {
			t.Errorf("isBoilerplate(%q) = true", s)
		}
	}
}

// TestFrontMatterKeyCase: a block that writes one key in two cases reads
// the same on every run — the key written as expected wins, else the
// smallest — though the keys sit in a Go map, iterated in random order.
func TestFrontMatterKeyCase(t *testing.T) {
	for _, tc := range []struct{ block, title string }{
		{"Title: 甲银行开展反诈宣传\ntitle: 乙银行开展反诈宣传\n", "乙银行开展反诈宣传"},
		{"TITLE: 甲银行开展反诈宣传\nTitle: 乙银行开展反诈宣传\n", "甲银行开展反诈宣传"},
	} {
		for run := 0; run < 50; run++ {
			if got := parseFrontMatter(tc.block).Title; got != tc.title {
				t.Fatalf("run %d of %q: title %q, want %q", run, tc.block, got, tc.title)
			}
		}
	}
}
