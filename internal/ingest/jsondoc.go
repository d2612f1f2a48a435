package ingest

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bankbrief/bankbrief/internal/model"

	"github.com/bankbrief/bankbrief/internal/hanzi"
)

// Keys under which APIs and pages' initial-state blobs keep an article's
// parts, lower case (matched without regard to case, '_' and '-').
var (
	jsonContentKeys = []string{"content", "contenthtml", "body", "bodyhtml", "articlecontent", "article", "newscontent",
		"html", "text", "detail", "maintext", "正文", "内容"}
	jsonTitleKeys = []string{"title", "headline", "newstitle", "articletitle", "标题"}
	// Publication first, then creation (ctime, inputtime and addtime are
	// what common CMSs store), then a bare date or time; a key whose value
	// is no date is passed over.
	jsonDateKeys = []string{"pubdate", "pubtime", "publishtime", "publishdate", "published", "publishedat", "publishedtime", "publishat",
		"datepublished", "releasetime", "releasedate", "posttime", "postdate", "issuetime", "newsdate", "newstime", "发布时间", "发布日期",
		"date", "ctime", "createtime", "createdat", "createdate", "inputtime", "addtime", "time", "日期", "时间"}
	jsonSourceKeys = []string{"source", "sourcename", "medianame", "media", "来源"}
	jsonAuthorKeys = []string{"author", "authorname", "editor", "作者"}
	jsonURLKeys    = []string{"url", "link", "shareurl", "canonical", "permalink"}
)

// chinaTime is the zone of the corpus' sites: a Unix timestamp is dated there.
var chinaTime = time.FixedZone("CST", 8*3600)

// readJSON reads a file whose whole text is a JSON document (an app's API
// response saved to disk): the object with the longest content string is
// the article, its sibling keys give title, date, source, author and URL.
// It reports false when the text is no JSON or holds no article text, and
// a skip reason when it holds a list of articles (see manyArticles).
func readJSON(a *model.Article, text string) (ok bool, skip string) {
	t := strings.TrimSpace(text)
	if t == "" || (t[0] != '{' && t[0] != '[') || !json.Valid([]byte(t)) {
		return false, ""
	}
	var doc any
	if json.Unmarshal([]byte(t), &doc) != nil {
		return false, ""
	}
	obj, content := articleObject(doc)
	if obj == nil {
		return false, ""
	}
	if n := articleList(doc, obj); n >= 2 {
		return false, fmt.Sprintf("a JSON list of %d articles%s", n, manyAdvice)
	}
	h := hints{
		Title:  jsonString(obj, jsonTitleKeys),
		Source: jsonString(obj, jsonSourceKeys),
		Author: jsonString(obj, jsonAuthorKeys),
		URL:    jsonString(obj, jsonURLKeys),
		Date:   jsonDate(obj),
	}
	if !strings.Contains(h.URL, "://") {
		h.URL = ""
	}
	h.TitleInText = h.Title == ""
	h.HeaderDates = h.Date == ""
	var lines []string
	if isHTML, _ := sniff(content); isHTML || strings.Contains(content, "</p>") {
		a.Format = model.FormatHTML
		lines = readHTML(content, true).Lines
	} else {
		a.Format = model.FormatText
		lines = splitLines(content)
	}
	finish(a, lines, lines, h)
	return a.Body != "", ""
}

// articleObject finds, breadth first, the object whose content key holds
// the longest string (at least 20 characters).
func articleObject(doc any) (map[string]any, string) {
	var best map[string]any
	bestText := ""
	eachJSON(doc, 100000, func(v any) bool {
		if x, ok := v.(map[string]any); ok {
			if s := jsonString(x, jsonContentKeys); hanzi.RuneCount(s) >= 20 && len(s) > len(bestText) {
				best, bestText = x, s
			}
		}
		return false
	})
	return best, bestText
}

// eachJSON visits the values of a decoded JSON document breadth first (an
// object's members in the order of their keys), at most limit of them, until
// visit says stop.
func eachJSON(doc any, limit int, visit func(v any) (stop bool)) {
	queue := []any{doc}
	for n := 0; len(queue) > 0 && n < limit; n++ {
		v := queue[0]
		queue = queue[1:]
		if visit(v) {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(x)) {
				queue = append(queue, x[k])
			}
		case []any:
			queue = append(queue, x...)
		}
	}
}

// jsonKey normalises a key for matching: lower case, no '_' or '-'.
func jsonKey(k string) string {
	return strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(k))
}

// jsonString returns the first of keys whose value is a non-empty string.
// obj is a decoded JSON object, or an export's row (all strings).
func jsonString[V any](obj map[string]V, keys []string) string {
	for _, want := range keys {
		for k, v := range obj {
			if s, ok := any(v).(string); ok && jsonKey(k) == want && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// jsonDate reads a date key: text in any form ParseDate knows, or a Unix
// time in seconds or milliseconds (dated in China's time zone).
func jsonDate(obj map[string]any) string {
	for _, want := range jsonDateKeys {
		for k, v := range obj {
			if jsonKey(k) != want {
				continue
			}
			switch x := v.(type) {
			case string:
				if d := ParseDate(x); d != "" {
					return d
				}
				if d := compactDate(strings.TrimSpace(x)); d != "" {
					return d
				}
				if n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil {
					if d := unixDate(float64(n)); d != "" {
						return d
					}
				}
			case float64:
				if x == float64(int64(x)) {
					if d := compactDate(strconv.FormatInt(int64(x), 10)); d != "" {
						return d
					}
				}
				if d := unixDate(x); d != "" {
					return d
				}
			}
		}
	}
	return ""
}

// compactDate reads digits YYYYMMDD, or YYYYMMDDhhmmss, as a date; ""
// otherwise. Neither can be a Unix time of a plausible year (eight digits
// are seconds in 1970–73, fourteen milliseconds after 2600).
func compactDate(s string) string {
	if len(s) != 8 && len(s) != 14 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return ""
		}
	}
	y, m, d := atoi(s[:4]), atoi(s[4:6]), atoi(s[6:8])
	if !validDate(y, m, d) {
		return ""
	}
	return formatDate(y, m, d)
}

// unixDate turns a Unix time in seconds or milliseconds into a date in a
// plausible publication year; "" otherwise.
func unixDate(n float64) string {
	if n > 1e12 {
		n /= 1000
	}
	if n < 6e8 { // before 1989
		return ""
	}
	t := time.Unix(int64(n), 0).In(chinaTime)
	if t.Year() < minYear || t.Year() > maxYear {
		return ""
	}
	return t.Format("2006-01-02")
}
