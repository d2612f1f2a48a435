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
// Exact copies — one fingerprint, one story — are one cluster before any
// comparison, and only the first of each is compared (see copiesOf). The
// bands are bucketed on parallel goroutines and the candidate pairs
// replayed in order on one, skipping those compared before with the same
// stories (see join).
package dedup

import (
	"cmp"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"github.com/bankbrief/bankbrief/internal/hanzi"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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
		// Most of the text: three-byte runes that are Han characters or
		// dropped (Chinese punctuation), in a loop of their own.
		for ; i+2 < len(body); i += 3 {
			s := body[i : i+3]
			// E1–EC, EE–EF lead bytes take any two continuation bytes
			if s[0]-0xE1 > 0xEF-0xE1 || s[0] == 0xED || (uint16(s[1])<<8|uint16(s[2]))&0xC0C0 != 0x8080 {
				break
			}
			c := rune(tab[rune(s[0]&0x0F)<<12|rune(s[1]&0x3F)<<6|rune(s[2]&0x3F)])
			if c == 0 {
				continue
			}
			if c < 0x4E00 || c > 0x9FFF {
				break // another kept rune: see below
			}
			han++
			out = append(out, c)
		}
		if i >= len(body) {
			break
		}
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
			if c >= 0x4E00 && c <= 0x9FFF { // most runes: a Han character
				han++
				out = append(out, c)
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
		// slot = (h>>32)·slots>>32: the top bits of h. min, not a
		// branch: whether a slot takes v is a coin toss early on.
		full[h>>57] = min(full[h>>57], v)
		if i < headShingles {
			head[h>>59] = min(head[h>>59], v)
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
	sk := newSketches(facts, runtime.GOMAXPROCS(0))
	var pairs []Pair
	sk.eachBand(runtime.GOMAXPROCS(0), nil, func(bv *bandVisits, _ int) {
		for _, v := range bv.visits {
			for _, m := range bv.mems[v.b][:v.n] {
				if s := scores(sk.sig(m), sk.sig(v.k)); s.Max() >= threshold {
					pairs = append(pairs, Pair{A: int(m), B: int(v.k), Scores: s})
				}
			}
		}
	})
	slices.SortFunc(pairs, func(x, y Pair) int {
		if c := cmp.Compare(x.A, y.A); c != 0 {
			return c
		}
		return cmp.Compare(x.B, y.B)
	})
	return slices.CompactFunc(pairs, func(a, b Pair) bool { return a.A == b.A && a.B == b.B })
}

// sketches are the decoded fingerprints of a run's facts, by their index in
// facts: a fact that is skipped or has no valid fingerprint counts 0.
type sketches struct {
	counts []int32  // distinct shingles
	slots  []uint16 // FullSlots+HeadSlots a fact
	valid  []int32  // the indices of the facts with a sketch, in order
	// The band keys are spread by their top bits over parts partitions
	// of about a thousand articles (shift: 64 minus the bits).
	shift uint
	parts int
}

const sketchSlots = FullSlots + HeadSlots

// newSketches decodes the fingerprints of facts on up to jobs goroutines.
func newSketches(facts []model.Facts, jobs int) *sketches {
	sk := &sketches{counts: make([]int32, len(facts)), slots: make([]uint16, sketchSlots*len(facts))}
	parallel(len(facts), jobs, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if facts[i].Skipped != "" {
				continue
			}
			if n, ok := decodeInto(facts[i].Fingerprint, sk.slots[i*sketchSlots:(i+1)*sketchSlots]); ok {
				sk.counts[i] = int32(n)
			}
		}
	})
	for i, n := range sk.counts {
		if n > 0 {
			sk.valid = append(sk.valid, int32(i))
		}
	}
	sk.shift, sk.parts = 64, 1
	for ; sk.parts*1024 < len(sk.valid); sk.parts <<= 1 {
		sk.shift--
	}
	return sk
}

// parallel calls do on consecutive ranges of [0, n) on up to jobs
// goroutines and returns when all are done.
func parallel(n, jobs int, do func(lo, hi int)) {
	const chunk = 4096
	if jobs <= 1 || n <= chunk {
		do(0, n)
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(jobs, (n+chunk-1)/chunk) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				do(lo, min(lo+chunk, n))
			}
		}()
	}
	wg.Wait()
}

func (sk *sketches) sig(i int32) sig {
	s := sk.slots[int(i)*sketchSlots : int(i+1)*sketchSlots : int(i+1)*sketchSlots]
	return sig{n: int(sk.counts[i]), full: s[:FullSlots], head: s[FullSlots:]}
}

// A band is rows slots of the sketches, from slot from, hashed into one
// key: two articles whose keys agree in a band are a candidate pair.
type band struct {
	id         uint64
	from, rows int
}

// bands are the LSH bands in the order they are run: the whole body's,
// then the head's.
var bands = func() []band {
	var bs []band
	for b := 0; b < FullSlots/fullRows; b++ {
		bs = append(bs, band{uint64(b), b * fullRows, fullRows})
	}
	for b := 0; b < HeadSlots/headRows; b++ {
		bs = append(bs, band{uint64(1000 + b), FullSlots + b*headRows, headRows})
	}
	return bs
}()

func (bd band) key(slots []uint16) uint64 {
	key := bd.id << 48
	for _, x := range slots[bd.from : bd.from+bd.rows] {
		key = mix(key ^ uint64(x))
	}
	return key
}

// A visit is an article met in a band's bucket after others: it is
// compared with the first n members of the bucket, which came before it.
type visit struct {
	k int32 // the article (index into facts)
	b int32 // the bucket (index into bandVisits.mems)
	n int32 // members before it, at most bucketCap
	// prev, for Mark: for each member, 1 + the index of the last band
	// before this one in which the two were compared, or 0 when not known.
	prev [bucketCap]uint8
}

// bandVisits is one band bucketed: the visits in the order they are made
// (the partitions in turn, each in the order of facts) and the first
// bucketCap members of every bucket of two or more. The rest is the
// working memory of bucket, reused from band to band.
type bandVisits struct {
	visits []visit
	mems   [][bucketCap]int32
	// of: for each article of sketches.valid, its visit (index into
	// visits), or -1 when it came first in its bucket.
	of []int32

	keys   []uint64 // in the order of sketches.valid
	order  []int32  // the indices into valid, partition by partition
	starts []int
	table  []slot
	gen    uint32
}

// slot is one entry of a partition's hash table of band keys.
type slot struct {
	key   uint64
	gen   uint32 // the partition it was filled for; a slot of another is empty
	n     int32  // members so far, at most bucketCap
	first int32  // the first member
	id    int32  // the bucket's index in mems once it has two members, else -1
}

// bucket fills bv with the visits of one band. Each band's keys are first
// spread by their top bits over the partitions (stably, so each keeps the
// order of facts), then each partition is bucketed in a small hash table
// that stays in the processor's cache.
func (sk *sketches) bucket(bd band, bv *bandVisits) {
	valid := sk.valid
	bv.keys = slices.Grow(bv.keys[:0], len(valid))[:len(valid)]
	bv.order = slices.Grow(bv.order[:0], len(valid))[:len(valid)]
	bv.starts = slices.Grow(bv.starts[:0], sk.parts+1)[:sk.parts+1]
	bv.of = slices.Grow(bv.of[:0], len(valid))[:len(valid)]
	// Room for a visit by every article (a band of the head can have
	// nearly as many), so that the slice never grows.
	bv.visits, bv.mems = slices.Grow(bv.visits[:0], len(valid)), bv.mems[:0]
	keys, order, starts, of := bv.keys, bv.order, bv.starts, bv.of
	partOf := func(key uint64) int { return int(key >> sk.shift) } // 0 when shift is 64
	clear(starts)
	for j, i := range valid {
		key := bd.key(sk.slots[int(i)*sketchSlots : int(i+1)*sketchSlots])
		keys[j] = key
		starts[partOf(key)+1]++
	}
	largest := 0
	for p := 1; p <= sk.parts; p++ {
		largest = max(largest, starts[p])
		starts[p] += starts[p-1]
	}
	fill := slices.Clone(starts[:sk.parts])
	for j, key := range keys {
		p := partOf(key)
		order[fill[p]] = int32(j)
		fill[p]++
	}
	size := 16
	for size < 2*largest {
		size <<= 1
	}
	if len(bv.table) < size {
		bv.table = make([]slot, size)
		bv.gen = 0
	}
	table := bv.table
	mask := uint64(size - 1)
	for p := 0; p < sk.parts; p++ {
		bv.gen++
		gen := bv.gen
		for j := starts[p]; j < starts[p+1]; j++ {
			o := order[j]
			k, key := valid[o], keys[o]
			h := key & mask
			for table[h].gen == gen && table[h].key != key {
				h = (h + 1) & mask
			}
			s := &table[h]
			if s.gen != gen {
				*s = slot{key: key, gen: gen, n: 1, first: k, id: -1}
				of[o] = -1
				continue
			}
			if s.id < 0 {
				s.id = int32(len(bv.mems))
				bv.mems = append(bv.mems, [bucketCap]int32{s.first})
			}
			of[o] = int32(len(bv.visits))
			bv.visits = append(bv.visits, visit{k: k, b: s.id, n: s.n})
			if s.n < bucketCap {
				bv.mems[s.id][s.n] = k
				s.n++
			}
		}
	}
}

// eachBand buckets the bands on up to jobs goroutines and calls use with
// each (bv and the index of its band in bands), in the order of bands, on
// the calling goroutine. When prepare is set, it is called with each band
// before use, once for each of up to jobs ranges [lo, hi) of
// sketches.valid: the calls for one range in the order of bands, on a
// goroutine of the range's own, so that the ranges of a band are prepared
// at once, while use works on the band before. A few bands are bucketed
// ahead of the one in use, no more.
func (sk *sketches) eachBand(jobs int, prepare func(bv *bandVisits, band, lo, hi int), use func(bv *bandVisits, band int)) {
	jobs = min(jobs, len(bands))
	if jobs <= 1 {
		bv := new(bandVisits)
		for i, bd := range bands {
			sk.bucket(bd, bv)
			if prepare != nil {
				prepare(bv, i, 0, len(sk.valid))
			}
			use(bv, i)
		}
		return
	}
	type stage struct {
		bv       *bandVisits
		bucketed chan struct{} // closed when bv is bucketed
		prepared chan struct{} // closed when every range of bv is prepared
		pending  atomic.Int32  // ranges left to prepare
	}
	stages := make([]stage, len(bands))
	for i := range stages {
		stages[i].bucketed = make(chan struct{})
		stages[i].prepared = stages[i].bucketed
		if prepare != nil {
			stages[i].prepared = make(chan struct{})
			stages[i].pending.Store(int32(jobs))
		}
	}
	// jobs+1 bandVisits go round (bucketing takes less time than the
	// stages after it): one in use, one being prepared, the others being
	// bucketed or waiting. A worker takes a free one before its band, so
	// the band awaited next always has one.
	free := make(chan *bandVisits, jobs+1)
	for range cap(free) {
		free <- new(bandVisits)
	}
	var next atomic.Int32
	for range jobs {
		go func() {
			for {
				bv := <-free
				i := int(next.Add(1)) - 1
				if i >= len(bands) {
					free <- bv
					return
				}
				sk.bucket(bands[i], bv)
				stages[i].bv = bv
				close(stages[i].bucketed)
			}
		}()
	}
	if prepare != nil {
		for r := range jobs {
			lo, hi := r*len(sk.valid)/jobs, (r+1)*len(sk.valid)/jobs
			go func() {
				for i := range stages {
					<-stages[i].bucketed
					prepare(stages[i].bv, i, lo, hi)
					if stages[i].pending.Add(-1) == 0 {
						close(stages[i].prepared)
					}
				}
			}()
		}
	}
	for i := range stages {
		<-stages[i].prepared
		use(stages[i].bv, i)
		free <- stages[i].bv
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
// It works on GOMAXPROCS goroutines (see markWith).
func Mark(facts []model.Facts) []model.Cluster {
	return MarkWith(facts, Threshold)
}

// MarkWith is Mark with another threshold.
func MarkWith(facts []model.Facts, threshold float64) []model.Cluster {
	return markWith(facts, threshold, runtime.GOMAXPROCS(0), nil)
}

// MarkJobs is Mark working on up to jobs goroutines (0: GOMAXPROCS); the
// result does not depend on jobs.
func MarkJobs(facts []model.Facts, jobs int) []model.Cluster {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	return markWith(facts, Threshold, jobs, nil)
}

// markStats counts the work of markWith, for the tests and benchmarks.
type markStats struct {
	Pairs     int // pairs of members and articles visiting their bucket
	Skipped   int // of which compared in an earlier band, the clusters telling the same stories since
	Evaluated int // of which the stories and the similarity were compared
	Joined    int // of which joined
	Told      int // joins after which a side's story changed
}

// The memo of the pairs compared (see markWith): for each article,
// memoSets sets of memoWays entries, each an earlier article (24 bits)
// and 1 + the index of the last band in which the two were compared (8
// bits). 64 entries: about 1 pair in 16 of the generated corpora is looked
// at again because the memo forgot it, against 1 in 9 with 32.
const (
	memoSets, memoWays = 16, 4
	memoRow            = memoSets * memoWays
	memoMaxFacts       = 1 << 24
)

// 1 + the index of a band fits in 8 bits: the memo's and markWith's told.
const _ = uint8(FullSlots/fullRows + HeadSlots/headRows + 1)

// memoSet is the set of a row in which article x is remembered.
func memoSet(x int32) int { return int(uint32(x) * 0x9E3779B1 >> 28) }

// markWith is MarkWith bucketing the bands on up to jobs goroutines; stats,
// when set, receives the counts of join's work. The exact copies of an
// article (copiesOf) are put in its cluster, and join compares the rest.
//
// The bands are bucketed ahead, in parallel, and replayed in order on one
// goroutine, the only one to touch the clusters: each visit compares an
// article with the bucket's members before it; a pair not already in one
// cluster is joined when the two clusters tell the same story
// (story.agrees) and the similarity reaches threshold. That is the order
// of the serial algorithm (ref_story_test.go), and the clusters are
// the same.
//
// Most pairs were compared in an earlier band already (copies and
// re-mixes of one text share most band keys). When the story of neither
// article's cluster has changed since the band in which the pair was last
// compared began, the pair is not joined now: either it is in one cluster
// already, or it was not joined then (else it would be now), and the
// answer, which depends on the two stories and the similarity only, is the
// same now. Such a pair is skipped: neither story nor sketch is read. The
// replay keeps, for each article, the last band in which its cluster's
// story changed (a join changes the story of a side only when the union
// states more than that side did); the band in which a pair was last
// compared is found from a memo of each article's partners, on other
// goroutines, each for a range of articles, while the replay works on the
// band before (a pair the memo forgot is compared again).
func markWith(facts []model.Facts, threshold float64, jobs int, stats *markStats) []model.Cluster {
	reps, at := copiesOf(facts)
	if len(reps) == len(facts) {
		return clustersOf(facts, join(facts, threshold, jobs, stats))
	}
	sub := make([]model.Facts, len(reps))
	for k, i := range reps {
		sub[k] = facts[i]
	}
	root := join(sub, threshold, jobs, stats)
	return clustersOf(facts, func(i int) int { return int(reps[root(int(at[i]))]) })
}

// copiesOf finds the exact copies among facts: articles with one valid
// fingerprint (the same normalised text) that state one story (the same
// banks and figures at the same places). Such copies are one cluster
// whatever else is compared, so join needs only the first of each: on
// the generated corpora about two articles in five are exact copies, and
// marking works on half the articles. It returns the indices of the facts
// that stand for themselves and their copies, in order, and for each fact
// the position in reps of the one that stands for it.
func copiesOf(facts []model.Facts) (reps, at []int32) {
	at = make([]int32, len(facts))
	reps = make([]int32, 0, len(facts))
	groups := make(map[string]*copyGroup)
	for i := range facts {
		f := &facts[i]
		if f.Skipped == "" && len(f.Fingerprint) == fpLen {
			g := groups[f.Fingerprint]
			switch {
			case g == nil:
				groups[f.Fingerprint] = &copyGroup{reps: []int32{int32(len(reps))}}
			case g.valid(f.Fingerprint):
				st := newStory(f)
				if k := g.find(facts, reps, st); k >= 0 {
					at[i] = g.reps[k]
					continue
				}
				g.reps = append(g.reps, int32(len(reps)))
				g.stories = append(g.stories, st)
			}
		}
		at[i] = int32(len(reps))
		reps = append(reps, int32(i))
	}
	return reps, at
}

// copyGroup is what copiesOf knows of the articles with one fingerprint.
type copyGroup struct {
	reps    []int32  // positions in reps of the different stories met
	stories []*story // their stories, made when a second article comes
	checked bool     // whether the fingerprint was decoded, and ok:
	ok      bool     // it is valid (an invalid one joins nothing)
}

func (g *copyGroup) valid(fp string) bool {
	if !g.checked {
		_, g.ok = decode(fp)
		g.checked = true
	}
	return g.ok
}

// find returns the index in g.reps of the article that states st, or -1.
func (g *copyGroup) find(facts []model.Facts, reps []int32, st *story) int {
	for k := range g.reps {
		if k == len(g.stories) {
			g.stories = append(g.stories, newStory(&facts[reps[g.reps[k]]]))
		}
		if slices.Equal(g.stories[k].banks, st.banks) && slices.Equal(g.stories[k].figs, st.figs) {
			return k
		}
	}
	return -1
}

// join clusters facts as markWith does, once exact copies are set aside,
// and returns the root of each fact's cluster (an index in facts). The
// comment on markWith above tells how.
func join(facts []model.Facts, threshold float64, jobs int, stats *markStats) func(i int) int {
	n := len(facts)
	sk := newSketches(facts, jobs)
	parent := make([]int32, n)
	next := make([]int32, n) // a cluster's articles, in a ring
	for i := range parent {
		parent[i], next[i] = int32(i), int32(i)
	}
	find := func(x int32) int32 {
		r := x
		for parent[r] != r {
			r = parent[r]
		}
		for y := x; parent[y] != r; { // every step straight to the root
			y, parent[y] = parent[y], r
		}
		return r
	}
	// told: for each article, 1 + the index of the last band in which the
	// story of its cluster changed (0: never, the story is its own): its
	// cluster has told the same story since that band began.
	told := make([]uint8, n)
	// A cluster is one story: an article joins it only when it agrees with
	// what the whole cluster states, so that a chain of pairs through an
	// article stating no figure does not join two stories. own holds each
	// article's story; grown the story of a root whose cluster states more
	// than the root's own (nil: the root's own).
	own := newStories(facts, sk.valid, jobs)
	grown := make([]*story, n)
	storyOf := func(a, root int32) story {
		if told[a] == 0 {
			return own.of(a) // the same story as the root's
		}
		if s := grown[root]; s != nil {
			return *s
		}
		return own.of(root)
	}

	// annotate sets prev on the visits of a band by the articles of
	// valid[lo:hi], in the order of facts, and remembers the pairs: each
	// row of the memo is read and written by one goroutine, in turn for
	// each band.
	var memo []uint32
	if n < memoMaxFacts {
		memo = make([]uint32, memoRow*len(sk.valid))
		// Written once before remember reads it: a page of fresh memory
		// read first is mapped to the system's page of zeros, and the
		// write after it takes a second, costlier fault (a copy and a
		// flush of the other CPUs' address caches): 1,600 of them at
		// 50,000 articles.
		clear(memo)
	}
	annotate := func(bv *bandVisits, band, lo, hi int) {
		if memo == nil {
			return // every pair is compared
		}
		stamp := uint32(band + 1)
		for j, vi := range bv.of[lo:hi] {
			if vi < 0 {
				continue
			}
			v := &bv.visits[vi]
			row := memo[(lo+j)*memoRow : (lo+j+1)*memoRow : (lo+j+1)*memoRow]
			for i, m := range bv.mems[v.b][:v.n] {
				v.prev[i] = remember(row[memoSet(m)*memoWays:][:memoWays:memoWays], uint32(m)<<8, stamp)
			}
		}
	}

	tell := func(r int32, stamp uint8) { // every article of r's cluster
		for a := r; ; {
			told[a] = stamp
			if a = next[a]; a == r {
				return
			}
		}
	}
	var st markStats
	sk.eachBand(jobs, annotate, func(bv *bandVisits, band int) {
		stamp := uint8(band + 1)
		for vi := range bv.visits {
			v := &bv.visits[vi]
			y := v.k
			for i, m := range bv.mems[v.b][:v.n] {
				st.Pairs++
				// Compared in band p-1, both stories the same since.
				if p := v.prev[i]; told[m] < p && told[y] < p {
					st.Skipped++
					continue
				}
				rx, ry := find(m), find(y)
				if rx == ry {
					continue
				}
				st.Evaluated++
				sx, sy := storyOf(m, rx), storyOf(y, ry)
				if !sx.agrees(&sy) || scores(sk.sig(m), sk.sig(y)).Max() < threshold {
					continue
				}
				st.Joined++
				// The articles of a side whose story is not the union's
				// are told it changed; ry, the root of the union, gets its
				// story when that is not ry's already.
				eqx, eqy := sx.covers(&sy), sy.covers(&sx)
				if !eqx {
					tell(rx, stamp)
				}
				if !eqy {
					tell(ry, stamp)
				}
				switch {
				case eqy:
				case eqx && grown[rx] != nil:
					grown[ry] = grown[rx]
				case eqx:
					own := sx // rx's own, copied: sx stays on the stack
					grown[ry] = &own
				default:
					grown[ry] = sx.union(&sy)
				}
				if !eqx || !eqy {
					st.Told++
				}
				parent[rx] = ry
				next[rx], next[ry] = next[ry], next[rx]
				grown[rx] = nil
			}
		}
	})
	if stats != nil {
		*stats = st
	}
	return func(i int) int { return int(find(int32(i))) }
}

// clustersOf marks and returns the clusters of two or more articles, each
// article's cluster named by its root (root(i), the representative of
// article i's set): the one kept first by keepFirst, the others marked
// DuplicateOf it, the clusters in the order of their kept IDs.
func clustersOf(facts []model.Facts, root func(i int) int) []model.Cluster {
	// The roots counted first, so that the many articles alone make no map
	// entries.
	size := make([]int32, len(facts))
	for i := range facts {
		facts[i].DuplicateOf = ""
		size[root(i)]++
	}
	groups := map[int][]int{}
	for i := range facts {
		if r := root(i); size[r] >= 2 {
			groups[r] = append(groups[r], i)
		}
	}
	var clusters []model.Cluster
	for _, g := range groups {
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

// remember looks key (an article, shifted) up in a set of the memo and
// returns the band stored with it, or 0 when it is not there; it then
// stores key with band, in its entry or in place of the entry with the
// oldest band.
func remember(set []uint32, key, band uint32) uint8 {
	old := 0
	for w, e := range set {
		if e&^0xff == key {
			set[w] = key | band
			return uint8(e)
		}
		if e&0xff < set[old]&0xff {
			old = w
		}
	}
	set[old] = key | band
	return 0
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
	banks, figs := appendStory(nil, nil, f)
	return &story{banks: banks, figs: figs}
}

// appendStory appends the story of f to banks and figs.
func appendStory(banks []uint64, figs []figure, f *model.Facts) ([]uint64, []figure) {
	b0, f0 := len(banks), len(figs)
	for _, b := range f.Banks {
		h := newHash()
		for i := 0; i < len(b.Name); i++ {
			h.addByte(b.Name[i])
		}
		banks = append(banks, uint64(h))
	}
	for _, m := range f.Metrics {
		figs = append(figs, figure{placeOf(m), m.Value})
	}
	slices.Sort(banks[b0:])
	banks = banks[:b0+len(slices.Compact(banks[b0:]))]
	slices.SortFunc(figs[f0:], compareFigures)
	figs = figs[:f0+len(slices.Compact(figs[f0:]))]
	return banks, figs
}

// stories holds the stories of a run's facts, by their index in facts, in
// two arrays without pointers (for the garbage collector, at the scale of
// hundreds of thousands of articles): a fact's banks and figures are
// stored at its offsets, those of consecutive facts together.
type stories struct {
	banks         []uint64
	figs          []figure
	bankAt, figAt []int32 // where each fact's are: from at[i], n[i] of them
	bankN, figN   []int32
}

// newStories makes the stories of the facts listed in idx on up to jobs
// goroutines.
func newStories(facts []model.Facts, idx []int32, jobs int) *stories {
	n := len(facts)
	s := &stories{bankAt: make([]int32, n), figAt: make([]int32, n), bankN: make([]int32, n), figN: make([]int32, n)}
	nb, nf := 0, 0
	for _, i := range idx { // room for each fact's before duplicates go
		s.bankAt[i], s.figAt[i] = int32(nb), int32(nf)
		nb += len(facts[i].Banks)
		nf += len(facts[i].Metrics)
	}
	s.banks, s.figs = make([]uint64, nb), make([]figure, nf)
	parallel(len(idx), jobs, func(lo, hi int) {
		for _, i := range idx[lo:hi] {
			f := &facts[i]
			b0, f0 := int(s.bankAt[i]), int(s.figAt[i])
			banks, figs := appendStory(s.banks[b0:b0:b0+len(f.Banks)], s.figs[f0:f0:f0+len(f.Metrics)], f)
			s.bankN[i], s.figN[i] = int32(len(banks)), int32(len(figs))
		}
	})
	return s
}

// of returns the story of facts[i].
func (s *stories) of(i int32) story {
	b, f := s.bankAt[i], s.figAt[i]
	return story{banks: s.banks[b : b+s.bankN[i] : b+s.bankN[i]], figs: s.figs[f : f+s.figN[i] : f+s.figN[i]]}
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

// union returns what s and t state together.
func (s *story) union(t *story) *story {
	return &story{banks: union(s.banks, t.banks, cmp.Compare[uint64]), figs: union(s.figs, t.figs, compareFigures)}
}

// covers reports whether s states all that t does (then their union is s).
func (s *story) covers(t *story) bool {
	return subset(t.banks, s.banks, cmp.Compare[uint64]) && subset(t.figs, s.figs, compareFigures)
}

// subset reports whether every element of a is in b, both sorted and
// distinct.
func subset[T any](a, b []T, compare func(x, y T) int) bool {
	for len(a) > 0 {
		if len(b) < len(a) {
			return false
		}
		switch c := compare(a[0], b[0]); {
		case c < 0:
			return false
		case c > 0:
			b = b[1:]
		default:
			a, b = a[1:], b[1:]
		}
	}
	return true
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
		r, size := lastRune(before)
		before = before[:len(before)-size]
		if !isCJK(r) && (unicode.IsDigit(r) || unicode.IsSpace(r) || r == '.') {
			continue
		}
		ctx[n] = simplified(r)
		n++
	}
	h := newHash()
	for k := n - 1; k >= 0; k-- {
		h.addRune(ctx[k])
	}
	h.addRune('|')
	for _, r := range m.Text {
		if isCJK(r) || !unicode.IsDigit(r) && r != '.' {
			h.addRune(simplified(r))
		}
	}
	h.addRune('|')
	for _, r := range m.Unit {
		h.addRune(r)
	}
	return uint64(h)
}

// isCJK reports whether r is a common Han character (U+4E00–U+9FFF), which
// is neither a digit nor a space: the test that spares most runes the
// Unicode tables.
func isCJK(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// lastRune is utf8.DecodeLastRuneInString with a three-byte rune (most of
// Chinese text) decoded inline.
func lastRune(s string) (rune, int) {
	if n := len(s); n >= 3 && s[n-3]&0xF0 == 0xE0 && s[n-2]&0xC0 == 0x80 && s[n-1]&0xC0 == 0x80 {
		if r := rune(s[n-3]&0x0F)<<12 | rune(s[n-2]&0x3F)<<6 | rune(s[n-1]&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeLastRuneInString(s)
}

// fnv is a 64-bit FNV-1a hash.
type fnv uint64

func newHash() fnv { return 14695981039346656037 }

func (h *fnv) addByte(c byte) { *h = (*h ^ fnv(c)) * 1099511628211 }

// addRune adds the bytes of r's code point, low byte first, as many as it
// takes (one for U+0000–U+00FF).
func (h *fnv) addRune(r rune) {
	for x := uint32(r); ; x >>= 8 {
		h.addByte(byte(x))
		if x < 0x100 {
			return
		}
	}
}
