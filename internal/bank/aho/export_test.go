package aho

// The reference automaton (ref_test.go), for the differential tests of
// package aho_test, which read the registry's and the taxonomy's words.
var (
	RefNew     = refNew
	RefNewFold = refNewFold
)
