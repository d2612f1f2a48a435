// Package dedup finds syndicated copies: near-duplicate articles over the
// cleaned body. It is the stage between internal/extract and
// internal/aggregate. Input: the cleaned body of each article, turned into a
// Fingerprint (stored in model.Facts.Fingerprint, so reports can be rebuilt
// from facts.jsonl alone); then the facts of a whole run. Output:
// DuplicateOf set on every copy but the one kept, and the clusters.
//
// Method. The body is normalised (traditional characters → simplified,
// full-width → half-width, lower case; only Han characters and digits are
// kept when the text is mostly Chinese, so punctuation, spacing, leaked tags,
// pinyin mojibake and injected Latin spam do not count) and cut into
// overlapping shingles of ShingleRunes runes. A fingerprint holds the number
// of distinct shingles and two one-permutation MinHash sketches (b-bit, 16
// bits a slot): one of the whole body (FullSlots slots) and one of its first
// HeadRunes runes (HeadSlots slots), the latter so that a copy truncated
// after a few hundred characters still matches the full article it was cut
// from. Mark finds candidate pairs with LSH banding over both sketches
// (near-linear: no all-pairs comparison) and keeps a pair when its estimated
// similarity reaches Threshold (see Similarity) and the two tell the same
// story: alike texts naming other banks, or stating other figures in the
// same place, are one template filled in twice, not copies (see SameStory).
package dedup

import (
	"cmp"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"github.com/bankbrief/bankbrief/internal/hanzi"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/bankbrief/bankbrief/internal/model"
)

// Parameters of the fingerprint. Changing any of them changes the
// fingerprints: bump version.
const (
	ShingleRunes = 4   // runes per shingle
	FullSlots    = 128 // MinHash slots over the whole body
	HeadSlots    = 32  // MinHash slots over the head
	HeadRunes    = 300 // normalised runes in the head
	// MinRunes is the least normalised text compared: below it (an empty
	// page, a body left with markup only) there is not enough to call two
	// articles copies, and the fingerprint is "".
	MinRunes = 20
	version  = "01"

	// Threshold is the similarity from which two articles are copies of one
	// story. Chosen on the corpus: see the package's corpus test and the
	// README ("Reliability").
	Threshold = 0.4

	// LSH bands: slots per band over the whole body (2: a pair with
	// Jaccard 0.2 becomes a candidate with probability 0.93, one with 0.1
	// with 0.47 — truncated copies of 4× longer texts have such Jaccard)
	// and over the head (4: heads of truncated copies agree almost fully).
	fullRows = 2
	headRows = 4
	// fingerprint length in hex digits: version, count, slots.
	fpLen = 2 + 8 + 4*(FullSlots+HeadSlots)
)

// simplified folds a traditional character (internal/hanzi).
func simplified(r rune) rune { return hanzi.Rune(r) }

func isHan(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0x3400 && r <= 0x4DBF) || (r > 0x9FFF && unicode.Is(unicode.Han, r))
}

// Normalize returns the runes that the shingles are cut from: traditional
// characters made simplified, full-width forms half-width, letters lower
// case; whitespace, punctuation and symbols dropped. When more than half of
// the kept runes are Han characters, Latin letters are dropped as well
// (pinyin mojibake, injected spam, leaked markup words).
func Normalize(body string) []rune { return normalizeInto(nil, body) }

// Classes of the runes Normalize keeps.
const (
	dropRune   = iota
	keepHan    // a Han character
	keepDigit  // a digit
	keepLetter // another letter, lower case
)

// bmp holds, for each rune of the Basic Multilingual Plane, the rune
// Normalize keeps for it (full-width made half-width, simplified, lower
// case), or 0 when it drops it: the work of normalizeRune done once per
// rune instead of once per character of text. Made on first use (65,536
// runes: about a millisecond).
var bmp = sync.OnceValue(func() *[0x10000]uint16 {
	t := new([0x10000]uint16)
	for c := rune(0); c < 0x10000; c++ {
		if r, class := normalizeRune(c); class != dropRune {
			t[c] = uint16(r) // r < 0x10000: the folds stay in the plane
		}
	}
	return t
})

// normalizeRune returns the rune Normalize keeps for c and its class.
func normalizeRune(c rune) (rune, int) {
	if c >= 0xFF01 && c <= 0xFF5E { // full-width ASCII
		c -= 0xFEE0
	}
	c = simplified(c)
	switch {
	case isHan(c):
		return c, keepHan
	case unicode.IsDigit(c):
		return c, keepDigit
	case unicode.IsLetter(c):
		return unicode.ToLower(c), keepLetter
	}
	return c, dropRune
}

// keptClass returns the class of a rune that normalizeRune kept (r is the
// rune it returned), by its range for the common ones.
func keptClass(r rune) int {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF:
		return keepHan
	case r < utf8.RuneSelf:
		if r >= '0' && r <= '9' {
			return keepDigit
		}
		return keepLetter
	case isHan(r):
		return keepHan
	case unicode.IsDigit(r):
		return keepDigit
	}
	return keepLetter
}

// letterMark marks the letters in normalizeInto's first pass, so that the
// second knows them without classifying the runes again.
const letterMark = 1 << 30

// normalizeInto is Normalize appending to out[:0].
func normalizeInto(out []rune, body string) []rune {
	out = out[:0]
	tab := bmp()
	han, letters := 0, 0
	for i := 0; i < len(body); {
		c, n := rune(body[i]), 1
		if b := body[i]; b >= utf8.RuneSelf {
			if (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) && i+2 < len(body) && body[i+1]&0xC0 == 0x80 && body[i+2]&0xC0 == 0x80 {
				// a three-byte rune decoded inline (E1–EC, EE–EF lead
				// bytes take any two continuation bytes), as range does
				c, n = rune(b&0x0F)<<12|rune(body[i+1]&0x3F)<<6|rune(body[i+2]&0x3F), 3
			} else {
				c, n = utf8.DecodeRuneInString(body[i:]) // U+FFFD for a bad byte, as range gives
			}
		}
		i += n
		var class int
		if c < 0x10000 {
			if c = rune(tab[c]); c == 0 {
				continue
			}
			class = keptClass(c)
		} else if c, class = normalizeRune(c); class == dropRune {
			continue
		}
		switch class {
		case keepHan:
			han++
		case keepLetter:
			letters++
			c |= letterMark
		}
		out = append(out, c)
	}
	if letters > 0 {
		// Mostly Han: the letters go; else their marks.
		drop := han*2 > len(out)
		k := 0
		for _, r := range out {
			if r&letterMark != 0 {
				if drop {
					continue
				}
				r &^= letterMark
			}
			out[k] = r
			k++
		}
		out = out[:k]
	}
	return out
}

func mix(x uint64) uint64 { // splitmix64 finaliser
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Shingle hashing: a shingle of runes r0 r1 r2 r3 hashes to
// mix((r0·P³ + r1·P² + r2·P + r3) ^ shingleSeed) (mod 2⁶⁴), P = shingleMul.
const (
	shingleMul  = 0x100000001b3
	shingleSeed = 0x9e3779b97f4a7c15
	// mulCube is shingleMul³ (mod 2⁶⁴): the weight of a shingle's first
	// rune, taken out when the window moves on.
	mulCube = shingleMul * shingleMul * shingleMul & (1<<64 - 1)
)

// headShingles is the number of shingles of the head: those of its first
// HeadRunes runes.
const headShingles = HeadRunes - ShingleRunes + 1

// Fingerprint returns the near-duplicate signature of a cleaned body, as
// lower-case hex (650 digits), or "" when the body has fewer than MinRunes
// runes of text to compare.
//
// One pass over the shingles does the work of the method's four: each
// shingle's hash is made from the previous one (a rolling hash, equal to
// hashing its runes afresh), mixed once for both sketches (the head's
// shingles are the first headShingles of the body's), and counted.
func Fingerprint(body string) string {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	rs := normalizeInto(sc.runes, body)
	sc.runes = rs
	if len(rs) < MinRunes {
		return ""
	}
	const empty = ^uint64(0)
	var full [FullSlots]uint64
	var head [HeadSlots]uint64
	for i := range full {
		full[i] = empty
	}
	for i := range head {
		head[i] = empty
	}
	n := len(rs) - ShingleRunes + 1 // >= 1: MinRunes >= ShingleRunes
	set := newCounter(sc.set, n)
	var x uint64
	for _, r := range rs[:ShingleRunes-1] {
		x = x*shingleMul + uint64(r)
	}
	for i := 0; i < n; i++ {
		x = x*shingleMul + uint64(rs[i+ShingleRunes-1])
		h := mix(x ^ shingleSeed)
		x -= uint64(rs[i]) * mulCube // the window's first rune leaves
		v := mix(h)
		// slot = (h>>32)·slots>>32: the top bits of h
		if s := h >> 57; v < full[s] {
			full[s] = v
		}
		if i < headShingles {
			if s := h >> 59; v < head[s] {
				head[s] = v
			}
		}
		set.add(h)
	}
	sc.set = set.table

	var buf [4 + 2*(FullSlots+HeadSlots)]byte
	binary.BigEndian.PutUint32(buf[:], set.n)
	densify(full[:], buf[4:])
	densify(head[:], buf[4+2*FullSlots:])
	var out [fpLen]byte
	copy(out[:], version)
	hex.Encode(out[len(version):], buf[:])
	return string(out[:])
}

// densify writes the b-bit slots of a one-permutation MinHash (each slot
// the least value of the shingles spread to it) as 16-bit big-endian
// values: an empty slot borrows from the next non-empty one (rotation).
func densify(mins []uint64, out []byte) {
	const empty = ^uint64(0)
	slots := len(mins)
	for i, v := range mins {
		for d := 1; v == empty && d < slots; d++ {
			if w := mins[(i+d)%slots]; w != empty {
				v = mix(w + uint64(d))
			}
		}
		binary.BigEndian.PutUint16(out[2*i:], uint16(v))
	}
}

// scratch is the working memory of one Fingerprint, reused from call to
// call: a fingerprint allocates only its result.
type scratch struct {
	runes []rune
	set   []uint64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// counter counts distinct hashes with an open-addressing set (the hashes
// are uniformly random, so their low bits index it).
type counter struct {
	table []uint64
	mask  uint64
	zero  bool // 0, the empty slot's value, was added
	n     uint32
}

// newCounter returns a counter for up to n hashes in mem's memory.
func newCounter(mem []uint64, n int) counter {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	if cap(mem) < size {
		mem = make([]uint64, size)
	}
	mem = mem[:size]
	clear(mem)
	return counter{table: mem, mask: uint64(size - 1)}
}

func (c *counter) add(h uint64) {
	if h == 0 {
		if !c.zero {
			c.zero = true
			c.n++
		}
		return
	}
	for i := h & c.mask; ; i = (i + 1) & c.mask {
		switch c.table[i] {
		case h:
			return
		case 0:
			c.table[i] = h
			c.n++
			return
		}
	}
}

// sig is a decoded fingerprint.
type sig struct {
	n    int // distinct shingles
	full []uint16
	head []uint16
}

func decode(fp string) (sig, bool) {
	buf := make([]uint16, FullSlots+HeadSlots)
	n, ok := decodeInto(fp, buf)
	return sig{n: n, full: buf[:FullSlots], head: buf[FullSlots:]}, ok
}

// decodeInto decodes fp's slots into buf (FullSlots+HeadSlots long) and
// returns its count of distinct shingles; ok is false for a malformed
// fingerprint or an empty one.
func decodeInto(fp string, buf []uint16) (n int, ok bool) {
	if len(fp) != fpLen || fp[:2] != version {
		return 0, false
	}
	var src [fpLen - 2]byte
	var b [(fpLen - 2) / 2]byte
	copy(src[:], fp[2:])
	if _, err := hex.Decode(b[:], src[:]); err != nil {
		return 0, false
	}
	for k := range buf {
		buf[k] = binary.BigEndian.Uint16(b[4+2*k:])
	}
	n = int(binary.BigEndian.Uint32(b[:]))
	return n, n > 0
}

func agree(a, b []uint16) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	// b-bit correction: unrelated slots agree by chance 1 time in 65536.
	const c = 1.0 / 65536
	j := (float64(same)/float64(len(a)) - c) / (1 - c)
	if j < 0 {
		return 0
	}
	return j
}

// Scores are the estimated similarities of two fingerprints.
type Scores struct {
	Jaccard     float64 // of the shingle sets
	Containment float64 // share of the smaller set found in the larger, estimated from Jaccard and the sizes
	Head        float64 // Jaccard of the shingles of the two heads
}

// Max is the similarity Mark compares with Threshold: the greatest of the
// Jaccard and head scores, and the containment when the two sizes are
// within a factor 4 (beyond that the estimate is too noisy to trust).
func (s Scores) Max() float64 {
	return max(s.Jaccard, s.Head, s.Containment)
}

func scores(a, b sig) Scores {
	var s Scores
	s.Jaccard = agree(a.full, b.full)
	s.Head = agree(a.head, b.head)
	small, large := min(a.n, b.n), max(a.n, b.n)
	if large <= 4*small {
		inter := s.Jaccard / (1 + s.Jaccard) * float64(a.n+b.n)
		s.Containment = min(1, inter/float64(small))
	}
	return s
}

// Similarity compares two fingerprints; ok is false when either is empty
// or not a fingerprint of this version.
func Similarity(fp1, fp2 string) (s Scores, ok bool) {
	a, ok1 := decode(fp1)
	b, ok2 := decode(fp2)
	if !ok1 || !ok2 {
		return Scores{}, false
	}
	return scores(a, b), true
}

// Pair is two facts (indices into the slice given to Pairs) found similar.
type Pair struct {
	A, B   int
	Scores Scores
}

// bucketCap bounds the comparisons inside one LSH bucket: in a bucket
// larger than this each member is compared with the first bucketCap
// members only. Buckets that large hold articles sharing stock phrases, or
// many copies of one text (which still join one cluster through the first
// members); the cap keeps Mark linear in the number of articles.
const bucketCap = 8

// Pairs returns every candidate pair whose similarity reaches threshold,
// sorted by A then B, each once. Facts that are skipped or carry no valid
// fingerprint are left out.
func Pairs(facts []model.Facts, threshold float64) []Pair {
	var pairs []Pair
	candidates(facts, threshold, nil, nil, func(a, b int, s Scores) bool {
		pairs = append(pairs, Pair{A: a, B: b, Scores: s})
		return true
	})
	slices.SortFunc(pairs, func(x, y Pair) int {
		if c := cmp.Compare(x.A, y.A); c != 0 {
			return c
		}
		return cmp.Compare(x.B, y.B)
	})
	return slices.CompactFunc(pairs, func(a, b Pair) bool { return a.A == b.A && a.B == b.B })
}

// bucket is one slot of a band's hash table: the band key and the first
// bucketCap members (in the order of facts) that share it.
type bucket struct {
	key  uint64
	band uint32 // the partition it was filled for; a slot of another is empty
	n    uint16
	// one: the bucket is full and its members are known to be joined (a
	// cluster only grows, so it stays true): an article joined with the
	// first member needs no other look.
	one bool
	mem [bucketCap]int32
}

// candidates calls found(a, b, scores), a < b indices into facts, for every
// candidate pair of the LSH bands whose similarity reaches threshold; a pair
// may be found in several bands. When joined is set, the pairs it reports
// true for are not compared at all (Mark: already in one cluster); joined
// must then hold for every pair for which found returned true. When
// compatible is set, the pairs it reports false for are not compared
// either (Mark: their clusters tell different stories, a cheaper test than
// the similarity).
//
// Each band's buckets are an open-addressing hash table over the band keys,
// reused from band to band: the members of a bucket are visited in the order
// of facts and each is compared with the first bucketCap members before it,
// so the work is at most bucketCap comparisons per article and band.
func candidates(facts []model.Facts, threshold float64, joined, compatible func(a, b int) bool, found func(a, b int, s Scores) bool) {
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
	// The bands, in the order they are run: the whole body's, then the
	// head's.
	type bandDef struct {
		id         uint64
		from, rows int
	}
	var bands []bandDef
	for b := 0; b < FullSlots/fullRows; b++ {
		bands = append(bands, bandDef{uint64(b), b * fullRows, fullRows})
	}
	for b := 0; b < HeadSlots/headRows; b++ {
		bands = append(bands, bandDef{uint64(1000 + b), FullSlots + b*headRows, headRows})
	}
	keys := make([]uint64, len(idx))
	order := make([]int32, len(idx))
	sorted := make([]uint64, len(idx)) // the keys in the order of order
	starts := make([]int, parts+1)
	partOf := func(key uint64) int { return int(key >> shift) } // 0 when shift is 64
	var table []bucket
	gen := uint32(0)
	band := func(id uint64, slots []uint16) uint64 {
		key := id << 48
		for _, x := range slots {
			key = mix(key ^ uint64(x))
		}
		return key
	}
	run := func(keys []uint64) {
		clear(starts)
		for _, key := range keys {
			starts[partOf(key)+1]++
		}
		largest := 0
		for p := 1; p <= parts; p++ {
			largest = max(largest, starts[p])
			starts[p] += starts[p-1]
		}
		fill := slices.Clone(starts[:parts])
		for k, key := range keys {
			p := partOf(key)
			order[fill[p]] = int32(k)
			sorted[fill[p]] = key
			fill[p]++
		}
		size := 16
		for size < 2*largest {
			size <<= 1
		}
		if len(table) < size {
			table = make([]bucket, size)
		}
		mask := uint64(size - 1)
		for p := 0; p < parts; p++ {
			gen++
			for j := starts[p]; j < starts[p+1]; j++ {
				k, key := order[j], sorted[j]
				h := key & mask
				for table[h].band == gen && table[h].key != key {
					h = (h + 1) & mask
				}
				b := &table[h]
				if b.band != gen {
					*b = bucket{key: key, band: gen}
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
					if compatible != nil && !compatible(x, y) {
						all = false
						continue
					}
					if s := scores(sigOf(int(m)), sigOf(int(k))); s.Max() < threshold || !found(x, y, s) {
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
	for _, bd := range bands {
		for k := range idx {
			keys[k] = band(bd.id, all[k*slots+bd.from:k*slots+bd.from+bd.rows])
		}
		run(keys)
	}
}

// keepFirst orders the copies of a cluster: the one kept comes first. It
// is the earliest (an undated article counts as later than any dated
// one), then the fullest (most characters), then the smallest ID (then
// file).
func keepFirst(a, b *model.Facts) bool {
	if a.Date != b.Date {
		if a.Date == "" || b.Date == "" {
			return b.Date == ""
		}
		return a.Date < b.Date
	}
	if a.Chars != b.Chars {
		return a.Chars > b.Chars
	}
	if a.ID != b.ID {
		return a.ID < b.ID
	}
	return a.File < b.File
}

// Mark sets DuplicateOf on the copies in facts and returns the clusters,
// sorted by the ID kept. Articles whose similarity reaches Threshold and
// that tell the same story (SameStory) are joined (transitively) into one
// cluster; in each cluster the earliest,
// fullest copy is kept and every other one gets DuplicateOf = its ID.
// Skipped facts are ignored; DuplicateOf is cleared on facts in no cluster.
func Mark(facts []model.Facts) []model.Cluster {
	return MarkWith(facts, Threshold)
}

// MarkWith is Mark with another threshold.
func MarkWith(facts []model.Facts, threshold float64) []model.Cluster {
	parent := make([]int32, len(facts))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int) int {
		r := int32(x)
		for parent[r] != r {
			r = parent[r]
		}
		for y := int32(x); parent[y] != r; { // every step straight to the root
			y, parent[y] = parent[y], r
		}
		return int(r)
	}
	stories := make([]*story, len(facts)) // of the clusters' roots, made when first needed
	storyOf := func(root int) *story {
		st := stories[root]
		if st == nil {
			st = newStory(&facts[root])
			stories[root] = st
		}
		return st
	}
	// Pairs already in one cluster are not compared: on a corpus of many
	// copies most candidates are, and the clusters are the same.
	// A cluster is one story: an article joins it only when it agrees with
	// what the whole cluster states, so that a chain of pairs through an
	// article stating no figure does not join two stories.
	joined := func(a, b int) bool { return find(a) == find(b) }
	compatible := func(a, b int) bool { return storyOf(find(a)).agrees(storyOf(find(b))) }
	candidates(facts, threshold, joined, compatible, func(a, b int, _ Scores) bool {
		ra, rb := find(a), find(b)
		parent[ra] = int32(rb)
		stories[rb].absorb(stories[ra])
		stories[ra] = nil
		return true
	})
	// The clusters of two or more: their roots counted first, so that the
	// many articles alone make no map entries.
	size := make([]int32, len(facts))
	for i := range facts {
		facts[i].DuplicateOf = ""
		size[find(i)]++
	}
	groups := map[int][]int{}
	for i := range facts {
		if r := find(i); size[r] >= 2 {
			groups[r] = append(groups[r], i)
		}
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

// SameStory reports whether two articles whose texts are alike can be copies
// of one story. A syndicated copy names the same bank and never changes a
// figure: the same words followed by another number mean the text is one
// template filled in twice — two branches' press releases written from the
// same model, or a story re-run a year later with that year's figures — and
// each article carries facts of its own, so neither may be dropped as a
// copy. Hence two alike texts are different stories when they name disjoint
// sets of banks, or when a figure stated in the same place (the same few
// words before it, the same unit) has different values in the two. A copy
// that lost part of the text (truncated, mangled, spam injected) still
// agrees: figures only one of them states are not held against the other.
func SameStory(a, b *model.Facts) bool { return newStory(a).agrees(newStory(b)) }

// story is what a cluster of copies states: the banks it names and the
// values stated at each place (see placeOf), both sorted and distinct, so
// that two stories are compared and joined by merging.
type story struct {
	banks []uint64 // hashes of the bank names
	figs  []figure
}

// figure is a value stated at a place.
type figure struct {
	place uint64
	value float64
}

func compareFigures(a, b figure) int {
	return cmp.Or(cmp.Compare(a.place, b.place), cmp.Compare(a.value, b.value))
}

func newStory(f *model.Facts) *story {
	st := &story{banks: make([]uint64, 0, len(f.Banks)), figs: make([]figure, 0, len(f.Metrics))}
	for _, b := range f.Banks {
		h := newHash()
		for i := 0; i < len(b.Name); i++ {
			h.addByte(b.Name[i])
		}
		st.banks = append(st.banks, uint64(h))
	}
	for _, m := range f.Metrics {
		st.figs = append(st.figs, figure{placeOf(m), m.Value})
	}
	slices.Sort(st.banks)
	st.banks = slices.Compact(st.banks)
	slices.SortFunc(st.figs, compareFigures)
	st.figs = slices.Compact(st.figs)
	return st
}

// agrees reports whether two stories can be one: they share a bank (or one
// names none) and no place has values in both but none in common.
func (s *story) agrees(t *story) bool {
	if len(s.banks) > 0 && len(t.banks) > 0 && !intersect(s.banks, t.banks) {
		return false
	}
	a, b := s.figs, t.figs
	for len(a) > 0 && len(b) > 0 {
		switch pa, pb := a[0].place, b[0].place; {
		case pa < pb:
			a = a[1:]
		case pa > pb:
			b = b[1:]
		default:
			na, nb := run(a), run(b)
			if !sameValue(a[:na], b[:nb]) {
				return false
			}
			a, b = a[na:], b[nb:]
		}
	}
	return true
}

// run is the number of figures at the front of fs stated at the same place.
func run(fs []figure) int {
	n := 1
	for n < len(fs) && fs[n].place == fs[0].place {
		n++
	}
	return n
}

// intersect reports whether two sorted slices share an element.
func intersect(a, b []uint64) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			return true
		}
	}
	return false
}

// sameValue reports whether two runs of figures at one place, sorted by
// value, share a value.
func sameValue(a, b []figure) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].value < b[j].value:
			i++
		case a[i].value > b[j].value:
			j++
		default:
			return true
		}
	}
	return false
}

// absorb adds what t states to s.
func (s *story) absorb(t *story) {
	s.banks = union(s.banks, t.banks, cmp.Compare[uint64])
	s.figs = union(s.figs, t.figs, compareFigures)
}

// union merges two sorted, distinct slices into one.
func union[T any](a, b []T, compare func(x, y T) int) []T {
	out := make([]T, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch c := compare(a[0], b[0]); {
		case c < 0:
			out, a = append(out, a[0]), a[1:]
		case c > 0:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// placeContext is how many runes before a figure name its place.
const placeContext = 6

// placeOf names where a figure stands, as a 64-bit hash: up to
// placeContext runes of its sentence before it (digits and spaces left
// out, so that dates and other numbers moved by a re-run do not count),
// the figure's own words without its digits (约…亿元) and its unit;
// traditional characters are read as simplified, so a copy converted from
// one script to the other agrees.
func placeOf(m model.Metric) uint64 {
	before := m.Sentence
	if i := strings.Index(m.Sentence, m.Text); i >= 0 {
		before = m.Sentence[:i]
	}
	var ctx [placeContext]rune
	n := 0
	for len(before) > 0 && n < placeContext {
		r, size := utf8.DecodeLastRuneInString(before)
		before = before[:len(before)-size]
		if unicode.IsDigit(r) || unicode.IsSpace(r) || r == '.' {
			continue
		}
		ctx[n] = simplified(r)
		n++
	}
	h := newHash()
	add := func(r rune) {
		for x := uint32(r); ; x >>= 8 {
			h.addByte(byte(x))
			if x < 0x100 {
				break
			}
		}
	}
	for k := n - 1; k >= 0; k-- {
		add(ctx[k])
	}
	add('|')
	for _, r := range m.Text {
		if !unicode.IsDigit(r) && r != '.' {
			add(simplified(r))
		}
	}
	add('|')
	for _, r := range m.Unit {
		add(r)
	}
	return uint64(h)
}

// fnv is a 64-bit FNV-1a hash.
type fnv uint64

func newHash() fnv { return 14695981039346656037 }

func (h *fnv) addByte(c byte) { *h = (*h ^ fnv(c)) * 1099511628211 }
