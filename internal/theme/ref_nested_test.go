package theme

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// refNested and refMasked are nested and masked as they were before the
// patterns' themes were kept as bits and the spans read only from the
// first that ends at the occurrence's end: every span, each pattern's
// lists read through.
func refNested(t *Taxonomy, found []span, f span, theme int) bool {
	for _, g := range found {
		if g.s > f.s || g.e < f.e || (g.s == f.s && g.e == f.e) {
			continue
		}
		for _, sc := range t.pats[g.pat].scores {
			if sc.theme == theme {
				return true
			}
		}
	}
	return false
}

func refMasked(pats []patEntry, masks []span, f span, theme int) bool {
	for _, m := range masks {
		if m.s > f.s || m.e < f.e {
			continue
		}
		for _, th := range pats[m.pat].masks {
			if th == -1 || th == theme {
				return true
			}
		}
	}
	return false
}

// TestNestedMaskedRef compares nested and masked with their references on
// random occurrences of the default taxonomy's keywords, those that mask
// and those that score drawn more often.
func TestNestedMaskedRef(t *testing.T) {
	tax := Default()
	tax.build()
	var scoring, masking []int
	for i, pe := range tax.pats {
		if len(pe.scores) > 0 {
			scoring = append(scoring, i)
		}
		if len(pe.masks) > 0 {
			masking = append(masking, i)
		}
	}
	if len(scoring) == 0 || len(masking) == 0 {
		t.Fatal("the default taxonomy has no scoring or no masking keywords")
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() int {
		switch r.IntN(3) {
		case 0:
			return scoring[r.IntN(len(scoring))]
		case 1:
			return masking[r.IntN(len(masking))]
		}
		return r.IntN(len(tax.pats))
	}
	var agreeTrue int
	for range 20000 {
		// occurrences as matcher.scan reports them: a keyword's span is
		// its end less its length in bytes; by end, longest first
		var found []span
		for range r.IntN(10) {
			p := pick()
			e := r.IntN(4 * tax.longest)
			found = append(found, span{e - tax.match.size[p], e, p})
		}
		slices.SortStableFunc(found, func(a, b span) int {
			if a.e != b.e {
				return cmp.Compare(a.e, b.e)
			}
			return cmp.Compare(a.s, b.s)
		})
		for _, f := range found {
			for theme := range len(tax.ids) {
				from := found[endFrom(found, f.e):]
				n, rn := tax.nested(from, f, theme), refNested(tax, found, f, theme)
				m, rm := tax.masked(from, f, theme), refMasked(tax.pats, found, f, theme)
				if n != rn || m != rm {
					t.Fatalf("found %v, f %v, theme %d: nested %v masked %v, want %v %v", found, f, theme, n, m, rn, rm)
				}
				if n || m {
					agreeTrue++
				}
			}
		}
	}
	if agreeTrue == 0 {
		t.Fatal("no case was nested or masked: the test compares nothing")
	}
}
