package dedup

// The fingerprint as it was computed before the one-pass rewrite (commit
// c227ba2): normalise rune by rune through the unicode tables, hash each
// shingle afresh, sketch the body and the head in passes of their own,
// count distinct shingles in another. The differential tests and
// FuzzFingerprintReference check that Fingerprint gives the same bytes.
//
// And Mark as it was before its band keys were made in groups and read in
// partition order, with an int union-find and a map entry per article:
// TestMarkReference checks that it marks the same copies.

import (
	"encoding/binary"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/bankbrief/bankbrief/internal/model"
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

// refBucket is one slot of a band's hash table: the band key and the first
// bucketCap members (in the order of facts) that share it.
type refBucket struct {
	key  uint64
	band uint32 // the partition it was filled for; a slot of another is empty
	n    uint16
	// one: the refBucket is full and its members are known to be joined (a
	// cluster only grows, so it stays true): an article joined with the
	// first member needs no other look.
	one bool
	mem [bucketCap]int32
}

// refCandidates calls found(a, b, scores), a < b indices into facts, for every
// candidate pair of the LSH bands whose similarity reaches threshold; a pair
// may be found in several bands. When joined is set, the pairs it reports
// true for are not compared at all (Mark: already in one cluster); joined
// must then hold for every pair once found has been called with it.
//
// Each band's buckets are an open-addressing hash table over the band keys,
// reused from band to band: the members of a refBucket are visited in the order
// of facts and each is compared with the first bucketCap members before it,
// so the work is at most bucketCap comparisons per article and band.
func refCandidates(facts []model.Facts, threshold float64, joined func(a, b int) bool, found func(a, b int, s Scores)) {
	const slots = FullSlots + HeadSlots
	idx := make([]int, 0, len(facts))
	counts := make([]int, 0, len(facts))
	all := make([]uint16, 0, slots*len(facts))
	buf := make([]uint16, slots)
	for i := range facts {
		if facts[i].Skipped != "" {
			continue
		}
		if n, ok := decodeInto(facts[i].Fingerprint, buf); ok {
			idx = append(idx, i)
			counts = append(counts, n)
			all = append(all, buf...)
		}
	}
	sigOf := func(k int) sig {
		s := all[k*slots : (k+1)*slots : (k+1)*slots]
		return sig{n: counts[k], full: s[:FullSlots], head: s[FullSlots:]}
	}
	// Each band's keys are first spread by their top bits over parts
	// partitions of about a thousand articles (stably, so each keeps the
	// order of facts), then each partition is bucketed in a small hash table
	// that stays in the processor's cache.
	shift, parts := uint(64), 1
	for ; parts*1024 < len(idx); parts <<= 1 {
		shift--
	}
	keys := make([]uint64, len(idx))
	order := make([]int32, len(idx))
	starts := make([]int, parts+1)
	partOf := func(key uint64) int { return int(key >> shift) } // 0 when shift is 64
	var table []refBucket
	gen := uint32(0)
	band := func(id uint64, slots []uint16) uint64 {
		key := id << 48
		for _, x := range slots {
			key = mix(key ^ uint64(x))
		}
		return key
	}
	run := func(id uint64, from, rows int) {
		clear(starts)
		for k := range idx {
			keys[k] = band(id, all[k*slots+from:k*slots+from+rows])
			starts[partOf(keys[k])+1]++
		}
		largest := 0
		for p := 1; p <= parts; p++ {
			largest = max(largest, starts[p])
			starts[p] += starts[p-1]
		}
		fill := slices.Clone(starts[:parts])
		for k := range idx {
			p := partOf(keys[k])
			order[fill[p]] = int32(k)
			fill[p]++
		}
		size := 16
		for size < 2*largest {
			size <<= 1
		}
		if len(table) < size {
			table = make([]refBucket, size)
		}
		mask := uint64(size - 1)
		for p := 0; p < parts; p++ {
			gen++
			for _, k := range order[starts[p]:starts[p+1]] {
				key := keys[k]
				h := key & mask
				for table[h].band == gen && table[h].key != key {
					h = (h + 1) & mask
				}
				b := &table[h]
				if b.band != gen {
					*b = refBucket{key: key, band: gen}
				}
				if b.one && joined(idx[b.mem[0]], idx[k]) {
					continue
				}
				all := joined != nil // every member joined with k so far
				for _, m := range b.mem[:b.n] {
					x, y := idx[m], idx[k]
					if joined != nil && joined(x, y) {
						continue
					}
					if s := scores(sigOf(int(m)), sigOf(int(k))); s.Max() >= threshold {
						found(x, y, s)
					} else {
						all = false
					}
				}
				if b.n < bucketCap {
					b.mem[b.n] = k
					b.n++
				}
				b.one = b.one || (all && b.n == bucketCap)
			}
		}
	}
	for b := 0; b < FullSlots/fullRows; b++ {
		run(uint64(b), b*fullRows, fullRows)
	}
	for b := 0; b < HeadSlots/headRows; b++ {
		run(uint64(1000+b), FullSlots+b*headRows, headRows)
	}
}

// refMarkWith is MarkWith as it was.
func refMarkWith(facts []model.Facts, threshold float64) []model.Cluster {
	parent := make([]int, len(facts))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	// Pairs already in one cluster are not compared: on a corpus of many
	// copies most refCandidates are, and the clusters are the same.
	refCandidates(facts, threshold, func(a, b int) bool { return find(a) == find(b) }, func(a, b int, _ Scores) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[ra] = rb
		}
	})
	groups := map[int][]int{}
	for i := range facts {
		facts[i].DuplicateOf = ""
		r := find(i)
		groups[r] = append(groups[r], i)
	}
	var clusters []model.Cluster
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		sort.Slice(g, func(x, y int) bool { return keepFirst(&facts[g[x]], &facts[g[y]]) })
		c := model.Cluster{Kept: facts[g[0]].ID}
		for _, i := range g[1:] {
			facts[i].DuplicateOf = c.Kept
			c.Copies = append(c.Copies, facts[i].ID)
		}
		sort.Strings(c.Copies)
		clusters = append(clusters, c)
	}
	sort.Slice(clusters, func(x, y int) bool {
		if clusters[x].Kept != clusters[y].Kept {
			return clusters[x].Kept < clusters[y].Kept
		}
		return strings.Join(clusters[x].Copies, ",") < strings.Join(clusters[y].Copies, ",")
	})
	return clusters
}
