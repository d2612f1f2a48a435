package brief

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
)

// The embedded fonts: subsets of LXGW WenKai (SIL OFL 1.1), renamed; see
// fonts/README.md for what they keep and how they were made.
var (
	//go:embed fonts/BriefKai-Regular.ttf
	regularTTF []byte
	//go:embed fonts/BriefKai-Bold.ttf
	boldTTF []byte
)

// face is one TrueType font with the characters it covers.
type face struct {
	data   []byte
	runes  map[rune]bool
	psName string // PostScript name, letters, digits and hyphens only
}

func (f *face) has(r rune) bool { return f.runes[r] }

// loadFonts returns the regular and bold faces: the embedded ones, or the
// user's TrueType file for both.
func loadFonts(file string) (regular, bold *face, err error) {
	if file == "" {
		regular, err = parseFace(regularTTF)
		if err != nil {
			return nil, nil, fmt.Errorf("embedded regular font: %w", err)
		}
		bold, err = parseFace(boldTTF)
		if err != nil {
			return nil, nil, fmt.Errorf("embedded bold font: %w", err)
		}
		return regular, bold, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read the font %s: %w", file, err)
	}
	f, err := parseFace(data)
	if err != nil {
		return nil, nil, fmt.Errorf("font %s: %w", file, err)
	}
	return f, f, nil
}

// tables required by gofpdf's TrueType reader.
var requiredTables = []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf", "post"}

// parseFace checks that data is a single TrueType font with glyf outlines
// and reads the characters its Unicode cmap maps to a glyph.
func parseFace(data []byte) (*face, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("not a font file (%d bytes); give a TrueType .ttf font with -font", len(data))
	}
	switch string(data[:4]) {
	case "ttcf":
		return nil, fmt.Errorf("is a TrueType collection (.ttc), which the PDF writer cannot embed; give a single TrueType .ttf font with -font (extract one with e.g. fontTools)")
	case "OTTO":
		return nil, fmt.Errorf("is an OpenType font with CFF outlines (.otf), which the PDF writer cannot embed; give a TrueType .ttf font (glyf outlines) with -font")
	case "\x00\x01\x00\x00", "true":
	case "wOFF", "wOF2":
		return nil, fmt.Errorf("is a web font (WOFF); give a TrueType .ttf font with -font")
	default:
		return nil, fmt.Errorf("not a TrueType font; give a TrueType .ttf font with -font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, fmt.Errorf("truncated TrueType table directory; give a complete TrueType .ttf font with -font")
	}
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := int64(binary.BigEndian.Uint32(rec[8:]))
		size := int64(binary.BigEndian.Uint32(rec[12:]))
		if off+size > int64(len(data)) {
			return nil, fmt.Errorf("table %q lies beyond the end of the file; give a complete TrueType .ttf font with -font", tag)
		}
		tables[tag] = data[off : off+size]
	}
	for _, t := range requiredTables {
		if _, ok := tables[t]; !ok {
			if t == "glyf" {
				return nil, fmt.Errorf("has no TrueType outlines (glyf table); give a TrueType .ttf font with -font")
			}
			return nil, fmt.Errorf("lacks the %q table; give a complete TrueType .ttf font with -font", t)
		}
	}
	runes, err := readCmap(tables["cmap"])
	if err != nil {
		return nil, err
	}
	if len(runes) == 0 {
		return nil, fmt.Errorf("has no Unicode character map; give a TrueType .ttf font with a Unicode cmap with -font")
	}
	return &face{data: data, runes: runes, psName: postScriptName(tables["name"])}, nil
}

// postScriptName reads name ID 6 of a name table, keeping only letters,
// digits and hyphens; "font" when there is none.
func postScriptName(t []byte) string {
	name := ""
	if len(t) >= 6 {
		count := int(binary.BigEndian.Uint16(t[2:]))
		strs := int(binary.BigEndian.Uint16(t[4:]))
		for i := 0; i < count && 6+12*i+12 <= len(t) && name == ""; i++ {
			rec := t[6+12*i:]
			pid := binary.BigEndian.Uint16(rec)
			id := binary.BigEndian.Uint16(rec[6:])
			length := int(binary.BigEndian.Uint16(rec[8:]))
			off := strs + int(binary.BigEndian.Uint16(rec[10:]))
			if id != 6 || off+length > len(t) {
				continue
			}
			raw := t[off : off+length]
			var b strings.Builder
			step := 1
			if pid == 0 || pid == 3 {
				step = 2 // UTF-16BE, ASCII in the low byte
			}
			for j := step - 1; j < len(raw); j += step {
				c := raw[j]
				if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
					b.WriteByte(c)
				}
			}
			name = b.String()
		}
	}
	if len(name) > 40 {
		name = name[:40]
	}
	if name == "" {
		return "font"
	}
	return name
}

// readCmap reads the Unicode subtable of a cmap table (format 4 or 12) and
// returns the characters mapped to a glyph other than .notdef.
func readCmap(cm []byte) (map[rune]bool, error) {
	bad := fmt.Errorf("damaged cmap table; give a working TrueType .ttf font with -font")
	if len(cm) < 4 {
		return nil, bad
	}
	n := int(binary.BigEndian.Uint16(cm[2:]))
	if 4+8*n > len(cm) {
		return nil, bad
	}
	best, bestRank := -1, 0
	for i := 0; i < n; i++ {
		rec := cm[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+2 > len(cm) {
			continue
		}
		format := binary.BigEndian.Uint16(cm[off:])
		rank := 0
		switch {
		case format == 12 && (pid == 3 && eid == 10 || pid == 0):
			rank = 3
		case format == 4 && (pid == 3 && eid == 1 || pid == 0):
			rank = 2
		}
		if rank > bestRank {
			best, bestRank = off, rank
		}
	}
	if best < 0 {
		return map[rune]bool{}, nil
	}
	t := cm[best:]
	runes := map[rune]bool{}
	if binary.BigEndian.Uint16(t) == 12 {
		if len(t) < 16 {
			return nil, bad
		}
		groups := int(binary.BigEndian.Uint32(t[12:]))
		if groups < 0 || 16+12*groups > len(t) {
			return nil, bad
		}
		for g := 0; g < groups; g++ {
			rec := t[16+12*g:]
			start, end := binary.BigEndian.Uint32(rec), binary.BigEndian.Uint32(rec[4:])
			gid := binary.BigEndian.Uint32(rec[8:])
			if end < start || end > 0x10FFFF {
				return nil, bad
			}
			for c := start; c <= end; c++ {
				if gid+(c-start) != 0 {
					runes[rune(c)] = true
				}
			}
		}
		return runes, nil
	}
	// Format 4.
	if len(t) < 14 {
		return nil, bad
	}
	segs := int(binary.BigEndian.Uint16(t[6:])) / 2
	if 16+8*segs > len(t) {
		return nil, bad
	}
	ends := t[14:]
	starts := t[16+2*segs:]
	deltas := t[16+4*segs:]
	ranges := t[16+6*segs:]
	for s := 0; s < segs; s++ {
		end := int(binary.BigEndian.Uint16(ends[2*s:]))
		start := int(binary.BigEndian.Uint16(starts[2*s:]))
		delta := int(binary.BigEndian.Uint16(deltas[2*s:]))
		ro := int(binary.BigEndian.Uint16(ranges[2*s:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			gid := 0
			if ro == 0 {
				gid = (c + delta) & 0xFFFF
			} else {
				at := 16 + 6*segs + 2*s + ro + 2*(c-start)
				if at+2 > len(t) {
					return nil, bad
				}
				gid = int(binary.BigEndian.Uint16(t[at:]))
				if gid != 0 {
					gid = (gid + delta) & 0xFFFF
				}
			}
			if gid != 0 {
				runes[rune(c)] = true
			}
		}
	}
	return runes, nil
}
