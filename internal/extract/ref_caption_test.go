package extract

import (
	"math/rand"
	"strings"
	"testing"
)

// refIsCaption is Extract's caption test as it was, a look through all the
// sentences for the one holding the offset: the reference of captionFinder.
func refIsCaption(text string, sents []sentence, at int) bool {
	for _, s := range sents {
		if s.start <= at && at < s.end {
			t := strings.TrimSpace(text[s.start:s.end])
			return strings.HasPrefix(t, "图为") || strings.HasPrefix(t, "图片为") || strings.HasPrefix(t, "上图") || strings.HasPrefix(t, "下图")
		}
	}
	return false
}

// checkCaptions asks a captionFinder of body's sentences about the offsets
// ats in turn and compares each answer with refIsCaption's.
func checkCaptions(t *testing.T, body string, ats []int) {
	t.Helper()
	sents, _ := split(body)
	c := captionFinder{text: body, sents: sents, last: -1}
	for _, at := range ats {
		if got, want := c.at(at), refIsCaption(body, sents, at); got != want {
			t.Fatalf("captionFinder(%q).at(%d) after %v = %v, the reference %v", body, at, ats, got, want)
		}
	}
}

func TestCaptionFinder(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	for _, body := range []string{"", "图为工行员工。", "工行发放贷款。 图为工行员工走进社区。\n\n上图：建行网点；下图为农行。\n  图片为中行 ",
		"图为\n\n图为。图为！工行", "工行。\n下图建行。中行"} {
		for range 300 {
			ats := make([]int, rnd.Intn(8))
			for k := range ats {
				ats[k] = rnd.Intn(len(body)+3) - 1
			}
			if rnd.Intn(2) == 0 {
				for k := 1; k < len(ats); k++ {
					ats[k] = max(ats[k], ats[k-1]) // in order, as a body's banks come
				}
			}
			checkCaptions(t, body, ats)
		}
	}
}

func FuzzCaptionFinder(f *testing.F) {
	f.Add("工行发放贷款。 图为工行员工走进社区。\n\n上图：建行网点；下图为农行。", 3, 30, 12, 60)
	f.Add("图为\n\n图为。图为！工行", 0, 7, 9, 2)
	f.Fuzz(func(t *testing.T, body string, a, b, c, d int) { checkCaptions(t, body, []int{a, b, c, d}) })
}
