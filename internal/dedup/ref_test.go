package dedup

// The fingerprint as it was computed before the one-pass rewrite (commit
// c227ba2): normalise rune by rune through the unicode tables, hash each
// shingle afresh, sketch the body and the head in passes of their own,
// count distinct shingles in another. The differential tests and
// FuzzFingerprintReference check that Fingerprint gives the same bytes.
// (Mark's reference, the serial marking with the story rule, is in
// ref_story_test.go.)

import (
	"encoding/binary"
	"encoding/hex"
	"slices"
	"sync"
	"unicode"
)

// refNormalizeInto is Normalize appending to out[:0].
func refNormalizeInto(out []rune, body string) []rune {
	out = out[:0]
	han := 0
	for _, r := range body {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		r = simplified(r)
		switch {
		case isHan(r):
			han++
		case unicode.IsDigit(r):
		case unicode.IsLetter(r):
			r = unicode.ToLower(r)
		default:
			continue
		}
		out = append(out, r)
	}
	if han*2 > len(out) {
		k := 0
		for _, r := range out {
			if isHan(r) || unicode.IsDigit(r) {
				out[k] = r
				k++
			}
		}
		out = out[:k]
	}
	return out
}

// refShinglesInto returns the hashes of the shingles of rs (one for a text
// shorter than a shingle), reusing out's memory.
func refShinglesInto(out []uint64, rs []rune) []uint64 {
	if len(rs) == 0 {
		return out[:0]
	}
	n := len(rs) - ShingleRunes + 1
	if n < 1 {
		n = 1
	}
	out = slices.Grow(out[:0], n)[:n]
	for i := 0; i < n; i++ {
		var x uint64
		for j := i; j < i+ShingleRunes && j < len(rs); j++ {
			x = x*0x100000001b3 + uint64(rs[j])
		}
		out[i] = mix(x ^ 0x9e3779b97f4a7c15)
	}
	return out
}

// refSketch is a one-permutation MinHash with rotation densification: the
// shingle hashes are spread over slots by their top bits and each slot keeps
// its least value; an empty slot borrows from the next non-empty one. Each
// slot is stored as the low 16 bits of its value (b-bit MinHash).
func refSketch(hs []uint64, slots int) []uint16 {
	const empty = ^uint64(0)
	mins := make([]uint64, slots)
	for i := range mins {
		mins[i] = empty
	}
	for _, h := range hs {
		s := int((h >> 32) * uint64(slots) >> 32)
		if v := mix(h); v < mins[s] {
			mins[s] = v
		}
	}
	out := make([]uint16, slots)
	for i := range mins {
		v := mins[i]
		for d := 1; v == empty && d < slots; d++ {
			if w := mins[(i+d)%slots]; w != empty {
				v = mix(w + uint64(d))
			}
		}
		out[i] = uint16(v)
	}
	return out
}

// refFingerprint returns the near-duplicate signature of a cleaned body, as
// lower-case hex (650 digits), or "" when the body has fewer than MinRunes
// runes of text to compare.
func refFingerprint(body string) string {
	sc := refScratchPool.Get().(*refScratch)
	defer refScratchPool.Put(sc)
	rs := refNormalizeInto(sc.runes, body)
	sc.runes = rs
	if len(rs) < MinRunes {
		return ""
	}
	hs := refShinglesInto(sc.hashes, rs)
	sc.hashes = hs
	head := hs
	if len(rs) > HeadRunes {
		head = refShinglesInto(sc.head, rs[:HeadRunes])
		sc.head = head
	}
	full := refSketch(hs, FullSlots)
	hd := refSketch(head, HeadSlots)
	var distinct uint32
	distinct, sc.set = refCountDistinctIn(hs, sc.set)

	buf := make([]byte, 4+2*(FullSlots+HeadSlots))
	binary.BigEndian.PutUint32(buf, distinct)
	for i, v := range full {
		binary.BigEndian.PutUint16(buf[4+2*i:], v)
	}
	for i, v := range hd {
		binary.BigEndian.PutUint16(buf[4+2*FullSlots+2*i:], v)
	}
	return version + hex.EncodeToString(buf)
}

// refScratch is the working memory of one refFingerprint, reused from call to
// call: a fingerprint allocates only its result.
type refScratch struct {
	runes        []rune
	hashes, head []uint64
	set          []uint64
}

var refScratchPool = sync.Pool{New: func() any { return new(refScratch) }}

// refCountDistinctIn counts the distinct hashes with an open-addressing set
// (the hashes are uniformly random, so their low bits index it), kept in
// set's memory; it returns the memory for the next call.
func refCountDistinctIn(hs []uint64, set []uint64) (uint32, []uint64) {
	size := 16
	for size < 2*len(hs) {
		size <<= 1
	}
	if cap(set) < size {
		set = make([]uint64, size)
	}
	set = set[:size]
	clear(set)
	zero, n := false, 0
	for _, h := range hs {
		if h == 0 {
			if !zero {
				zero = true
				n++
			}
			continue
		}
		for i := h & uint64(size-1); ; i = (i + 1) & uint64(size-1) {
			if set[i] == h {
				break
			}
			if set[i] == 0 {
				set[i] = h
				n++
				break
			}
		}
	}
	return uint32(n), set
}
