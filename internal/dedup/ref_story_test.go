package dedup

// Duplicate marking as it was at commit 67fcc93, before the bands were
// bucketed on parallel goroutines and the replay learned to skip the
// visits that cannot join anything: one serial pass over the LSH bands, each
// candidate pair checked with joined, compatible (the story rule) and the
// similarity in turn. TestMarkStoryReference and FuzzMarkStoryReference
// (ref_diff_test.go) check that MarkWith gives the same DuplicateOf and
// clusters.

import (
	"cmp"
	"reflect"
	"slices"

	"github.com/bankbrief/bankbrief/internal/model"
)

// storyRefBucket is one slot of a band's hash table: the band key and the first
// bucketCap members (in the order of facts) that share it.
type storyRefBucket struct {
	key  uint64
	band uint32 // the partition it was filled for; a slot of another is empty
	n    uint16
	// one: the bucket is full and its members are known to be joined (a
	// cluster only grows, so it stays true): an article joined with the
	// first member needs no other look.
	one bool
	mem [bucketCap]int32
}

// storyRefCandidates calls found(a, b, scores), a < b indices into facts, for every
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
func storyRefCandidates(facts []model.Facts, threshold float64, joined, compatible func(a, b int) bool, found func(a, b int, s Scores) bool) {
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
	var table []storyRefBucket
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
			table = make([]storyRefBucket, size)
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
					*b = storyRefBucket{key: key, band: gen}
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

// storyRefMarkWith is MarkWith as it was at commit 67fcc93 (storyRefJoin),
// run on the first of each set of exact copies (refCopies), the copies
// then put in its cluster.
func storyRefMarkWith(facts []model.Facts, threshold float64) []model.Cluster {
	first := refCopies(facts)
	var idx []int
	pos := map[int]int{}
	for i := range facts {
		if first[i] == i {
			pos[i] = len(idx)
			idx = append(idx, i)
		}
	}
	sub := make([]model.Facts, len(idx))
	for k, i := range idx {
		sub[k] = facts[i]
	}
	root := storyRefJoin(sub, threshold)
	return clustersOf(facts, func(i int) int { return idx[root(pos[first[i]])] })
}

// refCopies returns for each fact the first fact with the same fingerprint,
// valid, and the same story (itself when there is none before it).
func refCopies(facts []model.Facts) []int {
	first := make([]int, len(facts))
	seen := map[string][]int{}
	for i := range facts {
		first[i] = i
		f := &facts[i]
		if f.Skipped != "" {
			continue
		}
		if _, ok := decode(f.Fingerprint); !ok {
			continue
		}
		for _, j := range seen[f.Fingerprint] {
			if reflect.DeepEqual(newStory(&facts[j]), newStory(f)) {
				first[i] = j
				break
			}
		}
		if first[i] == i {
			seen[f.Fingerprint] = append(seen[f.Fingerprint], i)
		}
	}
	return first
}

// storyRefJoin is the clustering of MarkWith as it was at commit 67fcc93:
// the root of each fact's cluster.
func storyRefJoin(facts []model.Facts, threshold float64) func(i int) int {
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
	storyRefCandidates(facts, threshold, joined, compatible, func(a, b int, _ Scores) bool {
		ra, rb := find(a), find(b)
		parent[ra] = int32(rb)
		stories[rb].absorb(stories[ra])
		stories[ra] = nil
		return true
	})
	return find
}

// absorb adds what t states to s.
func (s *story) absorb(t *story) {
	s.banks = union(s.banks, t.banks, cmp.Compare[uint64])
	s.figs = union(s.figs, t.figs, compareFigures)
}
