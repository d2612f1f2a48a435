package dedup

// RefFingerprint and RefMarkWith are the reference implementations
// (ref_test.go), for the differential tests of package dedup_test.
var (
	RefFingerprint = refFingerprint
	RefMarkWith    = refMarkWith
)
