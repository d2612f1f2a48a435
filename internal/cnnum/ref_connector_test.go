package cnnum

import "testing"

// refRangeConnector is RangeConnector as it was before it compared the
// connectors' first bytes alone first: every connector compared whole.
func refRangeConnector(s string) int {
	off := 0
	if len(s) > 0 && s[0] == ' ' {
		off = 1
	}
	for _, c := range connectors {
		if len(s) >= off+len(c) && s[off:off+len(c)] == c {
			n := off + len(c)
			if n < len(s) && s[n] == ' ' {
				n++
			}
			return n
		}
	}
	return 0
}

func TestRangeConnectorRef(t *testing.T) {
	for _, s := range []string{"", " ", "至", " 至 3", "到30%", "-10", " - 5", "－", "~2", "～3", "—4", "–5", "〜6",
		"自", "刘", "\xe8", "\xe8\x87", "\xe2\x80", "\xef\xbc", " \xe3", "元，", "亿元至", "x-"} {
		if got, want := RangeConnector(s), refRangeConnector(s); got != want {
			t.Errorf("RangeConnector(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzRangeConnector(f *testing.F) {
	for _, s := range []string{"至3", " 到 5", "- 1", "～", "—", "\xe2\x80", "自"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := RangeConnector(s), refRangeConnector(s); got != want {
			t.Errorf("RangeConnector(%q) = %d, want %d", s, got, want)
		}
	})
}
