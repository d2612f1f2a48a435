package extract

import "testing"

// refByteOffset is byteOffset as it was, a range loop: the reference of
// the differential tests.
func refByteOffset(s string, r int) int {
	for i := range s {
		if r == 0 {
			return i
		}
		r--
	}
	return len(s)
}

func checkByteOffset(t *testing.T, s string, r int) {
	t.Helper()
	if got, want := byteOffset(s, r), refByteOffset(s, r); got != want {
		t.Fatalf("byteOffset(%q, %d) = %d, the reference %d", s, r, got, want)
	}
}

func TestByteOffsetAgrees(t *testing.T) {
	for _, s := range []string{"", "a", "工行", "工a行😀x\u00e9", "坏\xff字节\xe4\xb8", "\xe4\xb8", "\xed\xa0\x80工", "\xe0\xa0\x80\xef\xbf\xbd"} {
		for r := -2; r <= len(s)+2; r++ {
			checkByteOffset(t, s, r)
		}
	}
}

func FuzzByteOffset(f *testing.F) {
	f.Add("工a行😀x\u00e9坏\xff字节\xe4\xb8", 5)
	f.Add("\xed\xa0\x80工", 1)
	f.Fuzz(checkByteOffset)
}
