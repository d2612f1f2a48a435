package dedup

// RefFingerprint is the reference implementation of Fingerprint
// (ref_test.go), for the differential tests of package dedup_test.
var RefFingerprint = refFingerprint

// RefNormalize is Normalize as the reference does it.
func RefNormalize(body string) []rune { return refNormalizeInto(nil, body) }

// StoryRefMarkWith is MarkWith as it was at commit 67fcc93
// (ref_story_test.go); MarkStats is markWith, which counts its work.
var (
	StoryRefMarkWith = storyRefMarkWith
	MarkStats        = markWith
)

// Stats counts the work of MarkStats.
type Stats = markStats
