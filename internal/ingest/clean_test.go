package ingest

import "testing"

// A short line that names a site feature is boilerplate, unless it is a
// sentence of the article reporting figures.
func TestFiguresKeptBesideSiteWords(t *testing.T) {
	for s, want := range map[string]bool{
		"关注微信公众号":  true,
		"扫码关注官方微信": true,
		"通过微信公众号推送反诈文章3条，发放宣传折页200份左右。": false,
		"活动期间官方微博发布信息12条；":              false,
	} {
		if got := isBoilerplate(s); got != want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", s, got, want)
		}
	}
}
