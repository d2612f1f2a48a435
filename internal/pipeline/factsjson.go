package pipeline

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/bankbrief/bankbrief/internal/jsonstr"
	"github.com/bankbrief/bankbrief/internal/model"
)

// appendFactsJSON appends the JSON line of f (with its "\n") to dst: exactly
// the bytes a json.Encoder with SetEscapeHTML(false) writes for it, field
// by field in the order of model.Facts, without reflection; strings by
// jsonstr.Append with HTML escaping off. facts.jsonl holds 3–4 KB per
// article, and encoding/json spent most of a rebuild's time on it.
// TestFactsJSONOnCorpus, TestJSONFloatMatchesEncodingJSON and FuzzFactsJSON
// hold it to encoding/json's output, and TestFactsJSONCoversEveryField
// fails when model.Facts gains a field this encoder does not write.
//
// A value encoding/json cannot encode (a NaN or infinite float) is left to
// encoding/json, for its error.
func appendFactsJSON(dst []byte, f *model.Facts) ([]byte, error) {
	if !finiteFacts(f) {
		b, err := json.Marshal(f) // fails with encoding/json's error
		return append(append(dst, b...), '\n'), err
	}
	dst = append(dst, `{"id":`...)
	dst = jsonstr.Append(dst, f.ID, false)
	dst = append(dst, `,"file":`...)
	dst = jsonstr.Append(dst, f.File, false)
	if f.Format != "" {
		dst = append(dst, `,"format":`...)
		dst = jsonstr.Append(dst, f.Format, false)
	}
	dst = append(dst, `,"title":`...)
	dst = jsonstr.Append(dst, f.Title, false)
	if f.TitleFromBody {
		dst = append(dst, `,"title_from_body":true`...)
	}
	dst = append(dst, `,"date":`...)
	dst = jsonstr.Append(dst, f.Date, false)
	dst = append(dst, `,"quarter":`...)
	dst = jsonstr.Append(dst, f.Quarter, false)
	dst = append(dst, `,"source":`...)
	dst = jsonstr.Append(dst, f.Source, false)
	dst = append(dst, `,"url":`...)
	dst = jsonstr.Append(dst, f.URL, false)
	dst = append(dst, `,"chars":`...)
	dst = strconv.AppendInt(dst, int64(f.Chars), 10)
	dst = append(dst, `,"primary_bank":`...)
	dst = jsonstr.Append(dst, f.PrimaryBank, false)

	dst = append(dst, `,"banks":`...)
	if f.Banks == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range f.Banks {
			b := &f.Banks[i]
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"name":`...)
			dst = jsonstr.Append(dst, b.Name, false)
			dst = append(dst, `,"type":`...)
			dst = jsonstr.Append(dst, b.Type, false)
			dst = append(dst, `,"branch":`...)
			dst = jsonstr.Append(dst, b.Branch, false)
			dst = append(dst, `,"mentions":`...)
			dst = strconv.AppendInt(dst, int64(b.Mentions), 10)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}

	dst = append(dst, `,"themes":`...)
	if f.Themes == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range f.Themes {
			t := &f.Themes[i]
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"id":`...)
			dst = jsonstr.Append(dst, t.ID, false)
			dst = append(dst, `,"score":`...)
			dst = appendJSONFloat(dst, t.Score)
			dst = append(dst, `,"sentences":`...)
			dst = strconv.AppendInt(dst, int64(t.Sentences), 10)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}

	dst = append(dst, `,"metrics":`...)
	if f.Metrics == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		// Figures of one sentence follow each other and carry the same
		// sentence, which makes up most of the line: it is encoded once
		// and its bytes copied for the next figures.
		prevSentence, prevStart, prevEnd := "", -1, -1
		for i := range f.Metrics {
			m := &f.Metrics[i]
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"text":`...)
			dst = jsonstr.Append(dst, m.Text, false)
			dst = append(dst, `,"value":`...)
			dst = appendJSONFloat(dst, m.Value)
			if m.ValueHigh != 0 {
				dst = append(dst, `,"value_high":`...)
				dst = appendJSONFloat(dst, m.ValueHigh)
			}
			dst = append(dst, `,"unit":`...)
			dst = jsonstr.Append(dst, m.Unit, false)
			dst = append(dst, `,"type":`...)
			dst = jsonstr.Append(dst, m.Type, false)
			dst = append(dst, `,"qualifier":`...)
			dst = jsonstr.Append(dst, m.Qualifier, false)
			dst = append(dst, `,"theme":`...)
			dst = jsonstr.Append(dst, m.Theme, false)
			dst = append(dst, `,"bank":`...)
			dst = jsonstr.Append(dst, m.Bank, false)
			if m.Branch != "" {
				dst = append(dst, `,"branch":`...)
				dst = jsonstr.Append(dst, m.Branch, false)
			}
			dst = append(dst, `,"sentence":`...)
			if prevStart >= 0 && m.Sentence == prevSentence {
				dst = append(dst, dst[prevStart:prevEnd]...)
			} else {
				prevStart = len(dst)
				dst = jsonstr.Append(dst, m.Sentence, false)
				prevSentence, prevEnd = m.Sentence, len(dst)
			}
			dst = append(dst, `,"offset":`...)
			dst = strconv.AppendInt(dst, int64(m.Offset), 10)
			if m.InTitle {
				dst = append(dst, `,"in_title":true`...)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}

	dst = append(dst, `,"duplicate_of":`...)
	dst = jsonstr.Append(dst, f.DuplicateOf, false)
	if f.Fingerprint != "" {
		dst = append(dst, `,"fingerprint":`...)
		dst = jsonstr.Append(dst, f.Fingerprint, false)
	}
	dst = append(dst, `,"warnings":`...)
	if f.Warnings == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, w := range f.Warnings {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonstr.Append(dst, w, false)
		}
		dst = append(dst, ']')
	}
	if f.Skipped != "" {
		dst = append(dst, `,"skipped":`...)
		dst = jsonstr.Append(dst, f.Skipped, false)
	}
	return append(dst, "}\n"...), nil
}

// finiteFacts says whether every float of f can be written as JSON.
func finiteFacts(f *model.Facts) bool {
	ok := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	for i := range f.Themes {
		if !ok(f.Themes[i].Score) {
			return false
		}
	}
	for i := range f.Metrics {
		if !ok(f.Metrics[i].Value) || !ok(f.Metrics[i].ValueHigh) {
			return false
		}
	}
	return true
}

// appendJSONFloat is encoding/json's float64 encoding: as ES6 prints
// numbers, %f-like, with an exponent below 1e-6 and from 1e21 on.
func appendJSONFloat(dst []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-09 to e-9
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}
