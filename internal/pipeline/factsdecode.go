package pipeline

import (
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/bankbrief/bankbrief/internal/model"
)

// factsDecoder decodes a line of facts.jsonl into model.Facts without
// reflection, for build -facts: encoding/json, and the garbage it leaves
// for the collector, took most of the time of reading a facts file back.
// One per goroutine; it keeps scratch slices from line to line.
//
// It accepts the JSON that appendFactsJSON writes and a little more: the
// keys of model.Facts, BankMention, ThemeScore and Metric, spelt exactly as
// their json tags, in any order, each at most once per object, some or all
// of them; JSON whitespace between tokens; null for a string, number or
// bool (the field stays zero, as with encoding/json) and for an array (a
// nil slice); [] for an empty, non-nil slice; strings with any escapes and
// invalid UTF-8 (unescaped as encoding/json's unquote does); integers in
// int fields and any JSON number in float fields (strconv.ParseFloat, as
// encoding/json).
//
// Anything else it does not decode, and says so (decode returns false):
// its caller then decodes the line with json.Unmarshal, which gives the
// facts, or the error, that it always gave. Such are syntax errors; keys in
// another case, with escapes or unknown (encoding/json folds case and
// skips unknown fields); a key given twice (encoding/json decodes the
// second value into the first's memory); null as an element of an array
// or as the whole line; a value of the wrong type; a fraction or exponent,
// or more than 18 digits, in an int field; a float out of range. So every
// line it does decode gives what json.Unmarshal gives (reflect.DeepEqual):
// TestFactsDecodeMatchesJSON holds it to that on real facts files,
// TestFactsDecodeEdgeCases on crafted lines and FuzzFactsDecode on
// arbitrary ones. A key added to the writer must be added here too, or
// every line falls back (TestFactsDecodeMatchesJSON fails).
//
// Strings it does not copy: a string without escapes, in valid UTF-8,
// points into the line (unsafe.String). The line is a slice of its own
// (bufio.Reader.ReadBytes), never written to, and words.compact then gives
// every field but the ID, the file and the fingerprint its own copy or the
// interner's, as it did for encoding/json's strings: those three are
// copied here. So no string kept for the report holds on to the line
// (TestFactsDecodeOwnsItsStrings), and decoding allocates only the slices,
// the three copies and the strings with escapes. A figure's sentence that
// has the very bytes of the figure's before (as the writer repeats it) is
// not read again.
type factsDecoder struct {
	s []byte // the line
	i int    // the next byte to read

	banks    []model.BankMention
	themes   []model.ThemeScore
	metrics  []model.Metric
	warnings []string
	buf      []byte // a string with escapes, decoded

	// prevSentence is the last sentence read, quotes included, in the
	// line; prevValue its string.
	prevSentence []byte
	prevValue    string
}

// decode decodes line into *f, which it zeroes first, and reports whether
// it did; when it did not, *f is garbage and the caller is to decode the
// line with json.Unmarshal.
func (d *factsDecoder) decode(line []byte, f *model.Facts) bool {
	*f = model.Facts{}
	d.s, d.i = line, 0
	d.ws()
	ok := d.facts(f)
	if ok {
		d.ws()
		ok = d.i == len(d.s)
	}
	d.s, d.prevSentence, d.prevValue = nil, nil, ""
	return ok
}

// ws skips JSON whitespace.
func (d *factsDecoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// next skips whitespace and returns the next byte (0 at the end), without
// reading it.
func (d *factsDecoder) next() byte {
	d.ws()
	if d.i < len(d.s) {
		return d.s[d.i]
	}
	return 0
}

// literal reads the literal word w (null, true, false).
func (d *factsDecoder) literal(w string) bool {
	if len(d.s)-d.i >= len(w) && string(d.s[d.i:d.i+len(w)]) == w {
		d.i += len(w)
		return true
	}
	return false
}

// object reads an object whose values field reads (after the key's colon
// and whitespace), given the key and a bit of its own for the key: a key
// field does not know, or one given twice, ends it.
func (d *factsDecoder) object(field func(key []byte) (bit uint32, ok bool)) bool {
	if d.next() != '{' {
		return false
	}
	d.i++
	if d.next() == '}' {
		d.i++
		return true
	}
	var seen uint32
	for {
		if d.next() != '"' {
			return false
		}
		key, ok := d.key()
		if !ok || d.next() != ':' {
			return false
		}
		d.i++
		d.ws()
		bit, ok := field(key)
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
		switch d.next() {
		case ',':
			d.i++
		case '}':
			d.i++
			return true
		default:
			return false
		}
	}
}

// key reads a key without escapes and returns its bytes.
func (d *factsDecoder) key() ([]byte, bool) {
	s := d.s
	for j := d.i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '"':
			k := s[d.i+1 : j]
			d.i = j + 1
			return k, true
		case c == '\\' || c < 0x20:
			return nil, false
		}
	}
	return nil, false
}

// facts reads the object of one article.
func (d *factsDecoder) facts(f *model.Facts) bool {
	return d.object(func(key []byte) (uint32, bool) {
		switch string(key) {
		case "id":
			return 1 << 0, d.str(&f.ID, true)
		case "file":
			return 1 << 1, d.str(&f.File, true)
		case "format":
			return 1 << 2, d.str(&f.Format, false)
		case "title":
			return 1 << 3, d.str(&f.Title, false)
		case "title_from_body":
			return 1 << 4, d.bool(&f.TitleFromBody)
		case "date":
			return 1 << 5, d.str(&f.Date, false)
		case "quarter":
			return 1 << 6, d.str(&f.Quarter, false)
		case "source":
			return 1 << 7, d.str(&f.Source, false)
		case "url":
			return 1 << 8, d.str(&f.URL, false)
		case "chars":
			return 1 << 9, d.int(&f.Chars)
		case "primary_bank":
			return 1 << 10, d.str(&f.PrimaryBank, false)
		case "banks":
			return 1 << 11, d.banksArray(f)
		case "themes":
			return 1 << 12, d.themesArray(f)
		case "metrics":
			return 1 << 13, d.metricsArray(f)
		case "duplicate_of":
			return 1 << 14, d.str(&f.DuplicateOf, false)
		case "fingerprint":
			return 1 << 15, d.str(&f.Fingerprint, true)
		case "warnings":
			return 1 << 16, d.warningsArray(f)
		case "skipped":
			return 1 << 17, d.str(&f.Skipped, false)
		}
		return 0, false
	})
}

// array reads an array, null or [...], whose elements elem reads (after
// whitespace), and says whether it was null.
func (d *factsDecoder) array(elem func() bool) (isNull, ok bool) {
	switch d.next() {
	case 'n':
		return true, d.literal("null")
	case '[':
		d.i++
	default:
		return false, false
	}
	if d.next() == ']' {
		d.i++
		return false, true
	}
	for {
		d.ws()
		if !elem() {
			return false, false
		}
		switch d.next() {
		case ',':
			d.i++
		case ']':
			d.i++
			return false, true
		default:
			return false, false
		}
	}
}

// sized returns a slice of exactly the elements of scratch (non-nil when
// empty, as encoding/json gives [] ) and clears scratch, which points into
// the line.
func sized[T any](scratch []T) []T {
	s := make([]T, len(scratch))
	copy(s, scratch)
	clear(scratch)
	return s
}

// arrayInto reads an array into *dst: elem reads each element into a zero
// T appended to scratch, the decoder's buffer for that field, and *dst gets
// them sized. A null array leaves *dst nil, as encoding/json does.
func arrayInto[T any](d *factsDecoder, scratch, dst *[]T, elem func(e *T) bool) bool {
	*scratch = (*scratch)[:0]
	isNull, ok := d.array(func() bool {
		var zero T
		*scratch = append(*scratch, zero)
		return elem(&(*scratch)[len(*scratch)-1])
	})
	if ok && !isNull {
		*dst = sized(*scratch)
	}
	return ok
}

func (d *factsDecoder) banksArray(f *model.Facts) bool {
	return arrayInto(d, &d.banks, &f.Banks, func(b *model.BankMention) bool {
		return d.object(func(key []byte) (uint32, bool) {
			switch string(key) {
			case "name":
				return 1 << 0, d.str(&b.Name, false)
			case "type":
				return 1 << 1, d.str(&b.Type, false)
			case "branch":
				return 1 << 2, d.str(&b.Branch, false)
			case "mentions":
				return 1 << 3, d.int(&b.Mentions)
			}
			return 0, false
		})
	})
}

func (d *factsDecoder) themesArray(f *model.Facts) bool {
	return arrayInto(d, &d.themes, &f.Themes, func(t *model.ThemeScore) bool {
		return d.object(func(key []byte) (uint32, bool) {
			switch string(key) {
			case "id":
				return 1 << 0, d.str(&t.ID, false)
			case "score":
				return 1 << 1, d.float(&t.Score)
			case "sentences":
				return 1 << 2, d.int(&t.Sentences)
			}
			return 0, false
		})
	})
}

func (d *factsDecoder) metricsArray(f *model.Facts) bool {
	return arrayInto(d, &d.metrics, &f.Metrics, func(m *model.Metric) bool {
		return d.object(func(key []byte) (uint32, bool) {
			switch string(key) {
			case "text":
				return 1 << 0, d.str(&m.Text, false)
			case "value":
				return 1 << 1, d.float(&m.Value)
			case "value_high":
				return 1 << 2, d.float(&m.ValueHigh)
			case "unit":
				return 1 << 3, d.str(&m.Unit, false)
			case "type":
				return 1 << 4, d.str(&m.Type, false)
			case "qualifier":
				return 1 << 5, d.str(&m.Qualifier, false)
			case "theme":
				return 1 << 6, d.str(&m.Theme, false)
			case "bank":
				return 1 << 7, d.str(&m.Bank, false)
			case "branch":
				return 1 << 8, d.str(&m.Branch, false)
			case "sentence":
				return 1 << 9, d.sentence(&m.Sentence)
			case "offset":
				return 1 << 10, d.int(&m.Offset)
			case "in_title":
				return 1 << 11, d.bool(&m.InTitle)
			}
			return 0, false
		})
	})
}

func (d *factsDecoder) warningsArray(f *model.Facts) bool {
	return arrayInto(d, &d.warnings, &f.Warnings, func(w *string) bool {
		// null in an array of strings leaves the element as it was:
		// left to encoding/json.
		return d.i < len(d.s) && d.s[d.i] == '"' && d.str(w, false)
	})
}

// bool reads true, false or null (which leaves *v as it is).
func (d *factsDecoder) bool(v *bool) bool {
	if d.i >= len(d.s) {
		return false
	}
	switch d.s[d.i] {
	case 't':
		*v = true
		return d.literal("true")
	case 'f':
		*v = false
		return d.literal("false")
	case 'n':
		return d.literal("null")
	}
	return false
}

// int reads an integer of at most 18 digits (no fraction or exponent, as
// encoding/json's strconv.ParseInt takes none), or null.
func (d *factsDecoder) int(v *int) bool {
	s, i := d.s, d.i
	if i < len(s) && s[i] == 'n' {
		return d.literal("null")
	}
	neg := i < len(s) && s[i] == '-'
	if neg {
		i++
	}
	start := i
	var n int64
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int64(s[i]-'0')
		i++
	}
	digits := i - start
	if digits == 0 || digits > 18 || digits > 1 && s[start] == '0' {
		return false
	}
	if i < len(s) && (s[i] == '.' || s[i] == 'e' || s[i] == 'E') {
		return false
	}
	if neg {
		n = -n
	}
	if int64(int(n)) != n { // a 32-bit int
		return false
	}
	*v = int(n)
	d.i = i
	return true
}

// float reads a JSON number as strconv.ParseFloat gives it, or null.
func (d *factsDecoder) float(v *float64) bool {
	s, i := d.s, d.i
	if i < len(s) && s[i] == 'n' {
		return d.literal("null")
	}
	start := i
	if i < len(s) && s[i] == '-' {
		i++
	}
	// Digits: 0, or 1-9 then any; then .digits; then e, a sign, digits.
	j := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == j || i-j > 1 && s[j] == '0' {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		j = i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j = i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	x, err := strconv.ParseFloat(unsafe.String(&s[start], i-start), 64)
	if err != nil {
		return false
	}
	*v = x
	d.i = i
	return true
}

// str reads a string, or null (which leaves *v as it is). A string in
// valid UTF-8 without escapes points into the line unless own is set; one
// with escapes gets a string of its own: the escapes other than \u are
// decoded here, a string with a \u or with invalid UTF-8 by slowStr.
func (d *factsDecoder) str(v *string, own bool) bool {
	s := d.s
	if d.i >= len(s) {
		return false
	}
	if s[d.i] != '"' {
		return s[d.i] == 'n' && d.literal("null")
	}
	start := d.i + 1
	i := start
	// buf holds the string decoded so far once an escape is met (esc),
	// up to seg, where the bytes still to copy begin.
	var buf []byte
	esc, seg := false, start
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '"' {
				switch {
				case esc:
					buf = append(buf, s[seg:i]...)
					*v = string(buf)
					d.buf = buf
				case i == start:
				case own:
					*v = string(s[start:i])
				default:
					*v = unsafe.String(&s[start], i-start)
				}
				d.i = i + 1
				return true
			}
			if c < 0x20 {
				return false // an error
			}
			if c == '\\' {
				if i+1 >= len(s) {
					return false
				}
				e := s[i+1]
				switch e {
				case '"', '\\', '/':
				case 'b':
					e = '\b'
				case 'f':
					e = '\f'
				case 'n':
					e = '\n'
				case 'r':
					e = '\r'
				case 't':
					e = '\t'
				default: // \u, or an error
					return d.slowStr(v)
				}
				if !esc {
					buf, esc = d.buf[:0], true
				}
				buf = append(append(buf, s[seg:i]...), e)
				i += 2
				seg = i
				continue
			}
			i++
			continue
		}
		// Three bytes, U+1000 to U+CFFF or U+E000 to U+FFFF (neither 0xE0
		// nor 0xED, whose second bytes have narrower ranges): most of
		// the text, Chinese.
		if i+2 < len(s) && c&0xF0 == 0xE0 && c != 0xE0 && c != 0xED && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			return d.slowStr(v)
		}
		i += size
	}
	return false
}

// sentence reads a figure's sentence: the figures of one sentence follow
// each other and carry the same sentence, the same bytes, which decode to
// the same string as the one before (it is not read again).
func (d *factsDecoder) sentence(v *string) bool {
	s := d.s[d.i:]
	if p := d.prevSentence; len(p) > 0 && len(s) >= len(p) && string(s[:len(p)]) == string(p) {
		*v = d.prevValue
		d.i += len(p)
		return true
	}
	start := d.i
	if !d.str(v, false) {
		return false
	}
	d.prevSentence, d.prevValue = d.s[start:d.i], *v
	return true
}

// slowStr reads a string with escapes or invalid UTF-8: it finds its end
// as encoding/json's scanner does (a control character or a bad escape is
// an error) and unquotes it as encoding/json's unquote does.
func (d *factsDecoder) slowStr(v *string) bool {
	s := d.s
	start := d.i + 1
	i := start
	for {
		if i >= len(s) {
			return false
		}
		c := s[i]
		if c == '"' {
			break
		}
		if c < 0x20 {
			return false
		}
		if c != '\\' {
			i++
			continue
		}
		if i+1 >= len(s) {
			return false
		}
		switch s[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i += 2
		case 'u':
			if i+6 > len(s) {
				return false
			}
			for _, h := range s[i+2 : i+6] {
				if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
					return false
				}
			}
			i += 6
		default:
			return false
		}
	}
	t, ok := unquoteJSON(s[start:i])
	if !ok {
		return false
	}
	*v = string(t)
	d.i = i + 1
	return true
}

// unquoteJSON is encoding/json's unquoteBytes (Go 1.26) for the bytes
// between the quotes: escapes decoded, a bad \u surrogate and each byte
// of invalid UTF-8 made U+FFFD. The result is a new slice whenever the
// input holds an escape or invalid UTF-8 (and the input itself otherwise).
func unquoteJSON(s []byte) (t []byte, ok bool) {
	r := 0
	for r < len(s) {
		c := s[r]
		if c == '\\' || c == '"' || c < ' ' {
			break
		}
		rr, size := utf8.DecodeRune(s[r:])
		if rr == utf8.RuneError && size == 1 {
			break
		}
		r += size
	}
	if r == len(s) {
		return s, true
	}

	b := make([]byte, len(s)+2*utf8.UTFMax)
	w := copy(b, s[0:r])
	for r < len(s) {
		// Out of room? Only with a lot of invalid UTF-8, each byte of
		// which takes three.
		if w >= len(b)-2*utf8.UTFMax {
			nb := make([]byte, (len(b)+utf8.UTFMax)*2)
			copy(nb, b[0:w])
			b = nb
		}
		switch c := s[r]; {
		case c == '\\':
			r++
			if r >= len(s) {
				return
			}
			switch s[r] {
			default:
				return
			case '"', '\\', '/', '\'':
				b[w] = s[r]
				r++
				w++
			case 'b':
				b[w] = '\b'
				r++
				w++
			case 'f':
				b[w] = '\f'
				r++
				w++
			case 'n':
				b[w] = '\n'
				r++
				w++
			case 'r':
				b[w] = '\r'
				r++
				w++
			case 't':
				b[w] = '\t'
				r++
				w++
			case 'u':
				r--
				rr := getu4(s[r:])
				if rr < 0 {
					return
				}
				r += 6
				if utf16.IsSurrogate(rr) {
					rr1 := getu4(s[r:])
					if dec := utf16.DecodeRune(rr, rr1); dec != unicode.ReplacementChar {
						// A valid pair; consume.
						r += 6
						w += utf8.EncodeRune(b[w:], dec)
						break
					}
					// Invalid surrogate; fall back to replacement rune.
					rr = unicode.ReplacementChar
				}
				w += utf8.EncodeRune(b[w:], rr)
			}

		// Quote, control characters are invalid.
		case c == '"', c < ' ':
			return

		// ASCII
		case c < utf8.RuneSelf:
			b[w] = c
			r++
			w++

		// Coerce to well-formed UTF-8.
		default:
			rr, size := utf8.DecodeRune(s[r:])
			r += size
			w += utf8.EncodeRune(b[w:], rr)
		}
	}
	return b[0:w], true
}

// getu4 decodes \uXXXX from the beginning of s, returning the hex value,
// or it returns -1 (encoding/json's getu4).
func getu4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c = c - '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}
