package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

// Navigation and widget lines that sites leave around and below an
// article: related-news headings, previous/next links, pagination, follow
// and rating widgets, template variables, app promotions, picture credits.
func TestNavigationNoiseLines(t *testing.T) {
	for _, s := range []string{
		"本文共1页 1", "共3页", "第 2 页", "2/3", "关注", "评分", "点赞", "确定不再关注此人吗",
		"channelId 1 1 1", "[!--temp.title--]", "示例频道 >", "手机读报看新闻，下载掌上示例", "关心一下，为你推荐更多",
		"题图来自 Unsplash，基于 CC0 协议", "版面导航",
		"上一篇：示例农村商业银行股份有限公司示例支行联合示例街道社区开展“金融知识进万家 争做理性投资者”主题宣传活动", "[下篇文章] 示例银行为返乡农民工定制金融服务", "[上篇文章] 示例分行多举措确保收购",
	} {
		if !isBoilerplate(normLine(s)) {
			t.Errorf("isBoilerplate(%q) = false", s)
		}
	}
	for _, s := range []string{
		"关注老年客户需求", "评分标准公开透明", "共设立服务网点35个", "第二批帮扶资金到位", "收益率 3 5", "示例银行：服务再升级",
		"目前，示例银行已在全市设立服务站120个。",
		"上一篇文章里我们介绍了示例银行的做法，本篇继续介绍示例农商银行如何在县域推广整村授信，帮助农户获得无抵押、免担保、随借随还的信用贷款。",
	} {
		if isBoilerplate(normLine(s)) {
			t.Errorf("isBoilerplate(%q) = true", s)
		}
	}
}

// "更多关于【…】的新闻" heads a list of other articles: it and everything
// after it leave the body.
func TestMoreAboutCutsRelatedLinks(t *testing.T) {
	text := "首页 资讯 400-000-0000\n示例分行600亿元助易地扶贫搬迁\n2015-11-24 00:11:52 | 示例金融时报 | 王示例\n" +
		"近期，示例分行仅用2个月时间，就完成易地扶贫搬迁项目贷款调查评估80笔，总计金额666亿元。\n" +
		"易地扶贫搬迁贷款主要用于安置住房建设、配套基础设施和公共服务设施建设，贷款期限最长可达20年。\n" +
		"数据显示，截至9月末示例分行累计审批贷款230亿元。\n本文共1页 1\n更多关于【示例发展银行】的新闻\n" +
		"[下篇文章] 示例银行为返乡农民工定制金融服务\n[上篇文章] 示例分行多举措确保中籼稻收购\n" +
		"示例分行召开年度工作会议\n关于我们 | 服务条款 | 广告联系 | 联系我们\n"
	a, err := Parse("related.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "示例分行600亿元助易地扶贫搬迁" || a.Date != "2015-11-24" {
		t.Errorf("title %q, date %q", a.Title, a.Date)
	}
	if !strings.HasSuffix(a.Body, "累计审批贷款230亿元。") {
		t.Errorf("body ends %q", lastRunes(a.Body, 30))
	}
	noneOf(t, a.Body, "本文共", "更多关于", "下篇文章", "年度工作会议", "服务条款")
}

// No body line of the shared corpus is one of the navigation lines these
// rules are for.
func TestCorpusBodiesWithoutNavigation(t *testing.T) {
	files := sharedFiles(t)
	bad := []string{"更多关于【", "[下篇文章]", "[上篇文章]", "本文共1页", "为你推荐更多", "确定不再关注", "channelId", "下载掌上"}
	for _, f := range files {
		a, err := ReadFile(f)
		if err != nil {
			continue // TestCorpus reports it
		}
		for _, b := range bad {
			if strings.Contains(a.Body, b) {
				t.Errorf("%s: body keeps %q", filepath.Base(f), b)
			}
		}
	}
}

// goquery sits behind this package alone (one library behind one door):
// no other package of the module imports it.
func TestGoqueryOnlyInIngest(t *testing.T) {
	root := testutil.RepoRoot(t)
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == ".git" || name == "testdata" || name == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if strings.HasPrefix(filepath.ToSlash(rel), "internal/ingest/") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), `"github.com/PuerkitoBio/goquery"`) {
			t.Errorf("%s imports goquery; only internal/ingest may (see STYLE.md, one library behind one door)", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
