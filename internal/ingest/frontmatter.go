package ingest

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// frontMatter is what bankbrief reads from a Jekyll/Hexo front matter block.
type frontMatter struct {
	Title      string
	Date       string // YYYY-MM-DD or ""
	RawDate    string
	Author     string
	Source     string
	URL        string
	Tags       []string
	Categories []string
	Lenient    bool // yaml.v3 refused the block; it was read line by line
}

// splitFrontMatter finds a front matter block at the top of text ("---"
// line, YAML, "---" or "..." line), after blank lines. It returns the block,
// the body after it, whether a block was found, and whether it was closed.
func splitFrontMatter(text string) (block, body string, found, closed bool) {
	s := strings.TrimLeft(text, " \t\r\n\uFEFF")
	if !strings.HasPrefix(s, "---") {
		return "", text, false, false
	}
	first, rest, _ := strings.Cut(s, "\n")
	if strings.TrimRight(first, " \t\r") != "---" {
		return "", text, false, false
	}
	pos := 0
	for pos <= len(rest) {
		line, _, ok := strings.Cut(rest[pos:], "\n")
		t := strings.TrimRight(line, " \t\r")
		if t == "---" || t == "..." {
			end := pos + len(line)
			if end < len(rest) {
				end++
			}
			return rest[:pos], rest[end:], true, true
		}
		if !ok {
			break
		}
		pos += len(line) + 1
	}
	return rest, "", true, false
}

// parseFrontMatter reads a front matter block: with yaml.v3 first, and line
// by line when that fails (titles wrapped in many quotes, indented lists,
// tabs), so a malformed block still gives its title and date.
func parseFrontMatter(block string) frontMatter {
	var fm frontMatter
	// The usual blocks are read without yaml.v3, as it would read them.
	m, ok := fastFrontMatter(block)
	if !ok {
		if err := yaml.Unmarshal([]byte(block), &m); err != nil || m == nil {
			m = lenientYAML(block)
			fm.Lenient = true
		}
	}
	// get returns the value of the first key present: written exactly so,
	// else in another case — the smallest such key, so that a block with
	// both Title: and TITLE: reads the same on every run (map order is
	// random).
	get := func(keys ...string) any {
		for _, k := range keys {
			if v := m[k]; v != nil {
				return v
			}
			var best string
			var found any
			for mk, v := range m {
				if v != nil && strings.EqualFold(mk, k) && (found == nil || mk < best) {
					best, found = mk, v
				}
			}
			if found != nil {
				return found
			}
		}
		return nil
	}
	fm.Title = unquote(scalar(get("title", "headline", "标题")))
	if v := get("date", "published", "pubdate", "publishdate", "created", "发布时间", "日期"); v != nil {
		if t, ok := v.(time.Time); ok {
			fm.RawDate = t.Format("2006-01-02")
			fm.Date = ParseDate(fm.RawDate)
		} else {
			fm.RawDate = scalar(v)
			fm.Date = ParseDate(fm.RawDate)
		}
	}
	fm.Author = unquote(scalar(get("author", "作者")))
	fm.Source = unquote(scalar(get("source", "来源", "from")))
	fm.URL = unquote(scalar(get("link", "url", "permalink", "original", "canonical", "source_url")))
	if !strings.Contains(fm.URL, "://") {
		fm.URL = ""
	}
	fm.Tags = list(get("tags", "tag"))
	fm.Categories = list(get("categories", "category"))
	return fm
}

// lenientYAML reads "key: value" lines and "- item" lists under a key.
func lenientYAML(block string) map[string]any {
	m := map[string]any{}
	var lastKey string
	for _, line := range strings.Split(block, "\n") {
		line = strings.TrimRight(line, " \t\r")
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, "- ") || t == "-" {
			if lastKey != "" {
				items, _ := m[lastKey].([]any)
				m[lastKey] = append(items, strings.TrimSpace(strings.TrimPrefix(t, "-")))
			}
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue // a continuation we do not need
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok || strings.ContainsAny(k, " \"'") && len(k) > 40 {
			continue
		}
		k = strings.TrimSpace(k)
		v = strings.TrimSpace(v)
		lastKey = k
		if v == "" {
			m[k] = nil
			continue
		}
		m[k] = v
	}
	return m
}

func scalar(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(x)
	case time.Time:
		return x.Format("2006-01-02 15:04:05")
	case []any:
		if len(x) > 0 {
			return scalar(x[0])
		}
		return ""
	case map[string]any:
		return ""
	default:
		return strings.TrimSpace(fmt.Sprint(x))
	}
}

func list(v any) []string {
	var out []string
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if s := unquote(scalar(e)); s != "" {
				out = append(out, s)
			}
		}
	case string:
		s := strings.TrimSpace(x)
		if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
			for _, p := range strings.Split(s[1:len(s)-1], ",") {
				if p = unquote(p); p != "" {
					out = append(out, p)
				}
			}
		} else if s = unquote(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// unquote strips quote characters wrapping both ends of s, as many layers as
// there are ('"""…'…'"""' → …). A quote at one end only is the title's own.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	for len(s) >= 2 {
		a, b := s[0], s[len(s)-1]
		if (a == '"' || a == '\'') && (b == '"' || b == '\'') {
			s = strings.TrimSpace(s[1 : len(s)-1])
			continue
		}
		break
	}
	return s
}
