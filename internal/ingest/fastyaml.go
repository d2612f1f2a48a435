package ingest

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// fastFrontMatter reads the front matter blocks that blog generators write
// (key: value lines, single- or double-quoted titles, lists of "- item"
// lines under a key) into what yaml.Unmarshal gives for them, about ten
// times faster. ok is false as soon as the block leaves that subset (flow
// collections, anchors, tags, block scalars, comments, multi-line or
// nested values, escapes, tabs, duplicate keys, characters YAML treats
// specially, plain values that are numbers or timestamps): the caller
// then runs yaml.Unmarshal. TestFastFrontMatterAgrees and
// FuzzFastFrontMatter compare the two.
//
// Plain values resolve as yaml.v3 resolves them into an interface{}: null
// for "", "~", "null"…, booleans for true, False…, strings otherwise;
// values that are numbers or timestamps are not handled here.
func fastFrontMatter(block string) (m map[string]any, ok bool) {
	if !yamlSafeText(block) {
		return nil, false
	}
	m = map[string]any{}
	var listKey string // the key whose "- item" lines are being read
	var items []any
	itemIndent := -1
	endList := func() {
		if listKey != "" && items != nil {
			m[listKey] = items
		}
		listKey, items, itemIndent = "", nil, -1
	}
	for line := range strings.SplitSeq(block, "\n") {
		t := strings.TrimRight(line, " ")
		if t == "" {
			continue
		}
		indent := len(t) - len(strings.TrimLeft(t, " "))
		if rest := t[indent:]; rest == "-" || strings.HasPrefix(rest, "- ") {
			// A list item: only right under a key without a value, all
			// at one indentation.
			if listKey == "" || itemIndent >= 0 && indent != itemIndent {
				return nil, false
			}
			itemIndent = indent
			v, ok := yamlScalar(strings.TrimLeft(rest[1:], " "))
			if !ok {
				return nil, false
			}
			items = append(items, v)
			continue
		}
		if indent > 0 {
			return nil, false // a continuation line or a nested mapping
		}
		endList()
		k, rest, found := strings.Cut(t, ":")
		if !found || !yamlKey(k) || rest != "" && rest[0] != ' ' {
			return nil, false
		}
		if _, dup := m[k]; dup {
			return nil, false // yaml.v3 refuses duplicate keys
		}
		rest = strings.TrimLeft(rest, " ")
		if rest == "" {
			m[k] = nil // null, unless list items follow
			listKey = k
			continue
		}
		v, ok := yamlScalar(rest)
		if !ok {
			return nil, false
		}
		m[k] = v
	}
	endList()
	if len(m) == 0 {
		return nil, false
	}
	return m, true
}

// yamlSafeText says whether s holds only newlines, spaces, printable ASCII
// and BMP characters YAML reads as ordinary printable characters (not
// U+0080–U+009F, U+2028, U+2029, surrogates, U+FEFF, U+FFFE, U+FFFF):
// no tabs, no carriage returns, no control characters, nothing beyond the
// BMP, valid UTF-8.
func yamlSafeText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != '\n' && (c < 0x20 || c > 0x7E) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < 0xA0, r == 0x2028, r == 0x2029, r >= 0xD800 && r <= 0xDFFF,
			r == 0xFEFF, r >= 0xFFFE:
			return false
		}
		i += n
	}
	return true
}

// yamlKey says whether k is a key the fast path reads as the plain string
// k: a letter, '_' or a non-ASCII character first, then those, digits and
// '-'; not a word YAML resolves to a boolean or null; not long.
func yamlKey(k string) bool {
	if k == "" || len(k) > 256 {
		return false // (YAML's implicit keys stop at 1024 characters)
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c >= utf8.RuneSelf:
		case i > 0 && (c >= '0' && c <= '9' || c == '-'):
		default:
			return false
		}
	}
	_, special := yamlWords[k]
	return !special
}

// yamlWords are the plain scalars yaml.v3 resolves through its map (to
// booleans, null, infinities, NaN, the merge key).
var yamlWords = map[string]bool{
	"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
	"": true, "~": true, "null": true, "Null": true, "NULL": true,
	".nan": true, ".NaN": true, ".NAN": true, ".inf": true, ".Inf": true, ".INF": true,
	"+.inf": true, "+.Inf": true, "+.INF": true, "-.inf": true, "-.Inf": true, "-.INF": true, "<<": true,
}

// yamlScalar reads a one-line value (trimmed of spaces): 'single-quoted'
// (a quote written twice inside), "double-quoted" without escapes, or
// plain.
func yamlScalar(s string) (any, bool) {
	if s == "" {
		return nil, true
	}
	switch s[0] {
	case '\'':
		if len(s) < 2 || s[len(s)-1] != '\'' {
			return nil, false
		}
		in := s[1 : len(s)-1]
		for i := 0; i < len(in); i++ {
			if in[i] == '\'' {
				if i+1 >= len(in) || in[i+1] != '\'' {
					return nil, false
				}
				i++
			}
		}
		return strings.ReplaceAll(in, "''", "'"), true
	case '"':
		if len(s) < 2 || s[len(s)-1] != '"' {
			return nil, false
		}
		in := s[1 : len(s)-1]
		if strings.ContainsAny(in, "\"\\") {
			return nil, false
		}
		return in, true
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) || strings.Contains(s, ": ") ||
		strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return nil, false
	}
	switch s {
	case "~", "null", "Null", "NULL":
		return nil, true
	case "true", "True", "TRUE":
		return true, true
	case "false", "False", "FALSE":
		return false, true
	}
	if yamlWords[s] || !plainIsString(s) {
		return nil, false
	}
	return s, true
}

// plainIsString says whether yaml.v3 surely resolves the plain scalar s
// (not one of yamlWords) to a string, as its resolve does: a scalar that
// begins with a digit, a sign or a dot is a timestamp when one of yaml.v3's
// timestamp layouts reads it (a time.Time), else a number when strconv
// reads it (as an int, uint or float; a 0b or 0o prefix is left to yaml.v3
// too), else a string (2024-11-05 16:42:44 +0800, 36kr, 9月1日). false
// means "maybe not".
func plainIsString(s string) bool {
	switch c := s[0]; {
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
	default:
		return true // resolved through yamlWords only
	}
	if yamlTimestamp(s) {
		return false // a time.Time
	}
	p := strings.ReplaceAll(s, "_", "") // as resolve does before parsing numbers
	if _, err := strconv.ParseInt(p, 0, 64); err == nil {
		return false
	}
	if _, err := strconv.ParseUint(p, 0, 64); err == nil {
		return false
	}
	if _, err := strconv.ParseFloat(p, 64); err == nil {
		return false // (resolve also asks a float to match its pattern)
	}
	for _, pre := range []string{"0b", "-0b", "0o", "-0o"} {
		if strings.HasPrefix(p, pre) {
			return false
		}
	}
	return true
}

// yamlTimestamp says whether yaml.v3 reads the plain scalar s as a
// timestamp: four digits and '-', then one of its layouts.
func yamlTimestamp(s string) bool {
	if len(s) < 5 || s[4] != '-' || strings.Trim(s[:4], "0123456789") != "" {
		return false
	}
	for _, layout := range yamlTimestampLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// yamlTimestampLayouts are yaml.v3's allowedTimestampFormats.
var yamlTimestampLayouts = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}
