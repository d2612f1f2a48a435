package dedup

// RefFingerprint and RefMarkWith are the reference implementations
// (ref_test.go), for the differential tests of package dedup_test.
var (
	RefFingerprint = refFingerprint
	RefMarkWith    = refMarkWith
)

// RefNormalize is Normalize as the reference does it.
func RefNormalize(body string) []rune { return refNormalizeInto(nil, body) }
