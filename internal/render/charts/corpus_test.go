package charts_test

import (
	"bytes"
	"testing"

	"github.com/bankbrief/bankbrief/internal/aggregate"
	"github.com/bankbrief/bankbrief/internal/pipeline"
	"github.com/bankbrief/bankbrief/internal/render/charts"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// TestCorpusPage renders the page of the real pipeline over the sample and
// the shared corpus (skipped where ../shared is absent) and checks it in
// the browser: every chart drawn, no request, no error, a bar that lists
// its bank's articles.
func TestCorpusPage(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the whole corpus: skipped with -short")
	}
	inputs := []string{testutil.Seeds(t), testutil.Shared(t, "corpus")}
	facts, _ := pipeline.Facts(inputs, pipeline.Options{})
	for _, lang := range []string{"zh", "en"} {
		r := aggregate.Build(facts, aggregate.Options{Lang: lang})
		var buf bytes.Buffer
		if err := charts.Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		var again bytes.Buffer
		if err := charts.Write(&again, aggregate.Build(facts, aggregate.Options{Lang: lang})); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Errorf("%s: the same facts give two different pages", lang)
		}
		path := charts.SavePage(t, "corpus-"+lang+".html", buf.Bytes())
		b := charts.NewTestBrowser(t)
		b.Open(t, path)
		for _, c := range b.Charts(t) {
			if !c.Instance || c.Width == 0 || c.Height == 0 || c.Items == 0 || c.Inked < 20 {
				t.Errorf("%s: chart %s not drawn: %+v", lang, c.ID, c)
			}
		}
		top := charts.TopBank(r)
		rows := b.ClickBar(t, "bb-banks", 0, 0)
		if len(rows) != top.Articles {
			t.Errorf("%s: clicking %s lists %d articles, its row says %d", lang, top.Name, len(rows), top.Articles)
		}
		b.Check(t)
	}
}
