package charts

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzWrite puts arbitrary text in a title, a metric sentence and a bank
// name: the page must keep its script blocks closed and carry the text
// unchanged in its data.
func FuzzWrite(f *testing.F) {
	f.Add(hostileScript, hostileImg, "广发银行")
	f.Add(hostileQuote, "<!--<script>", "</SCRIPT >银行")
	f.Add("\u2028\u2029", "`${x}`", "")
	f.Fuzz(func(t *testing.T, title, sentence, bank string) {
		arts := seedArticles()[:3]
		arts[0].title = title
		arts[0].bank = bank
		arts[0].metrics[0].Sentence = sentence
		id := arts[0].id // buildReport sorts arts
		var buf bytes.Buffer
		if err := Write(&buf, buildReport("zh", arts)); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		if got, want := strings.Count(strings.ToLower(page), "</script"), strings.Count(page, "<script"); got != want {
			t.Fatalf("%d </script for %d <script>", got, want)
		}
		if strings.Contains(page, "<!--") {
			t.Fatal("page contains <!--")
		}
		d := dataBlock(t, page)
		if !utf8.ValidString(title) {
			return
		}
		for _, a := range d.Articles {
			if a.ID == id && a.Title != title {
				t.Fatalf("title %q came back as %q", title, a.Title)
			}
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	r := buildReport("zh", manyBankArticles(200))
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(&bytes.Buffer{}, r); err != nil {
			b.Fatal(err)
		}
	}
}
