package dedup

// RefFingerprint is the reference implementation (ref_test.go), for the
// differential tests of package dedup_test.
var RefFingerprint = refFingerprint
