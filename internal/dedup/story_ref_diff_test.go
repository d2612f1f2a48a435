package dedup_test

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/extract"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// markJobs are the goroutine counts the differential tests run Mark with.
var markJobs = []int{1, 2, 3, 8, 100}

// sameMarks marks copies of facts with the serial reference of 67fcc93
// (ref_story_test.go) and with markWith on each of markJobs goroutines,
// fails on any difference in DuplicateOf or in the clusters, and returns
// the counts of markWith's work on one goroutine and the clusters.
func sameMarks(t testing.TB, name string, facts []model.Facts, threshold float64) (dedup.Stats, []model.Cluster) {
	t.Helper()
	want := slices.Clone(facts)
	cw := dedup.StoryRefMarkWith(want, threshold)
	var st dedup.Stats
	for _, jobs := range markJobs {
		got := slices.Clone(facts)
		var s dedup.Stats
		cg := dedup.MarkStats(got, threshold, jobs, &s)
		if jobs == 1 {
			st = s
		} else if s != st {
			t.Errorf("%s, threshold %v: the work counted on %d goroutines, %+v, is not that on one, %+v", name, threshold, jobs, s, st)
		}
		for i := range got {
			if got[i].DuplicateOf != want[i].DuplicateOf {
				t.Fatalf("%s, threshold %v, %d goroutines: %s is a copy of %q, the reference says %q",
					name, threshold, jobs, got[i].ID, got[i].DuplicateOf, want[i].DuplicateOf)
			}
		}
		if !reflect.DeepEqual(cg, cw) {
			t.Fatalf("%s, threshold %v, %d goroutines: %d clusters, the reference %d", name, threshold, jobs, len(cg), len(cw))
		}
	}
	return st, cw
}

// realArticles reads the seeds and the shared corpus as ingest does.
func realArticles(t testing.TB) []model.Article {
	var files []string
	for _, dir := range []string{testutil.Seeds(t), testutil.Shared(t, "corpus", "web"), testutil.Shared(t, "corpus", "posts")} {
		fs, _ := filepath.Glob(filepath.Join(dir, "*"))
		files = append(files, fs...)
	}
	sort.Strings(files)
	var out []model.Article
	for _, f := range files {
		if a, err := ingest.ReadFile(f); err == nil {
			out = append(out, a)
		}
	}
	if len(out) < 100 {
		t.Fatalf("read %d articles of the seeds and the corpus", len(out))
	}
	return out
}

// extractAll extracts the articles and fingerprints their bodies, as
// bankbrief extract does.
func extractAll(arts []model.Article) []model.Facts {
	x := extract.New()
	out := make([]model.Facts, len(arts))
	for i, a := range arts {
		out[i] = x.Extract(a)
		out[i].Fingerprint = dedup.Fingerprint(a.Body)
	}
	return out
}

var (
	remixBanks  = []string{"中国工商银行", "中国农业银行", "招商银行"}
	remixFigure = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)?)(万|亿)?(元|户|人|家|个|件|项|场|次|台|名|笔)`)
)

// remix re-writes real articles the way ../shared/tools/gencorpus.go does
// (every mention of a bank swapped for another, the figures rescaled), from
// few choices, so that many remixes of one article tell the same story (and
// are copies) while many others are one template filled in differently;
// one in five is cut short, stating fewer figures.
func remix(arts []model.Article, n int, seed int64) []model.Article {
	r := rand.New(rand.NewSource(seed))
	out := make([]model.Article, n)
	for i := range out {
		a := arts[r.Intn(len(arts))]
		bank, factor := remixBanks[r.Intn(len(remixBanks))], []float64{1, 1.5, 2}[r.Intn(3)]
		fix := func(s string) string {
			for _, b := range remixBanks {
				s = strings.ReplaceAll(s, b, bank)
			}
			return remixFigure.ReplaceAllStringFunc(s, func(m string) string {
				p := remixFigure.FindStringSubmatch(m)
				v, _ := strconv.ParseFloat(p[1], 64)
				return strconv.FormatFloat(v*factor, 'f', -1, 64) + p[2] + p[3]
			})
		}
		a.Title, a.Body = fix(a.Title), fix(a.Body)
		if r.Intn(5) == 0 {
			rs := []rune(a.Body)
			a.Body = string(rs[:len(rs)*(5+r.Intn(4))/10])
		}
		a.ID = fmt.Sprintf("r%05d", i)
		a.File = a.ID + ".txt"
		a.Date = fmt.Sprintf("2022-0%d-1%d", 1+r.Intn(9), r.Intn(10))
		out[i] = a
	}
	return out
}

// storyCorpus makes n articles from a few base texts with a few edits each
// (so that most articles of one base are alike, as the variants of one
// template are), each stating banks and figures drawn from a few, at a
// few places: the stories agree or conflict in every way, and clusters
// grow by articles that change what they state. bytes, when not empty,
// drive the choices instead of a seed (for the fuzz target).
func storyCorpus(bases []string, n int, next func(k int) int) []model.Facts {
	banks := []string{"甲银行", "乙银行", "丙银行"}
	places := []string{"发放贷款", "服务客户", "开展活动"}
	units := []string{"亿元", "户", "场"}
	out := make([]model.Facts, n)
	for i := range out {
		base := []rune(bases[next(len(bases))])
		body := slices.Clone(base)
		for e := next(6); e > 0; e-- {
			at := next(len(body))
			for k := at; k < min(len(body), at+1+next(4)); k++ {
				body[k] = rune(0x4e00 + next(3000))
			}
		}
		if next(6) == 0 {
			body = body[:len(body)*(3+next(7))/10]
		}
		f := model.Facts{ID: fmt.Sprintf("s%05d", i), File: fmt.Sprintf("s%05d.txt", i), Chars: len(body), Fingerprint: dedup.Fingerprint(string(body))}
		f.Date = fmt.Sprintf("2021-0%d-01", 1+next(3))
		for k := next(3); k > 0; k-- {
			f.Banks = append(f.Banks, model.BankMention{Name: banks[next(len(banks))]})
		}
		for k := next(4); k > 0; k-- {
			p, v := next(len(places)), 1+next(3)
			text := fmt.Sprint(v, units[p])
			f.Metrics = append(f.Metrics, model.Metric{Text: text, Value: float64(v), Unit: units[p], Sentence: "本行" + places[p] + text})
		}
		if next(30) == 0 {
			f.Skipped = "unreadable"
		}
		out[i] = f
	}
	return out
}

// seeded returns a choice function drawing from a seeded generator.
func seeded(seed int64) func(int) int {
	r := rand.New(rand.NewSource(seed))
	return func(k int) int {
		if k <= 0 {
			return 0
		}
		return r.Intn(k)
	}
}

// randomBases returns k texts of random common characters.
func randomBases(k, runes int, seed int64) []string {
	r := rand.New(rand.NewSource(seed))
	out := make([]string, k)
	for i := range out {
		rs := make([]rune, runes)
		for j := range rs {
			rs[j] = rune(0x4e00 + r.Intn(3000))
		}
		out[i] = string(rs)
	}
	return out
}

// TestMarkStoryReference checks that Mark gives the DuplicateOf and the
// clusters of the serial reference, on any number of goroutines: on the
// seeds and the shared corpus as extracted; on remixes of them (copies,
// truncated copies and templates, as in the generated benchmark corpora);
// on generated articles whose stories agree and conflict in every way; and
// on the facts of the generated 50,000-article corpus when present
// (BANKBRIEF_BENCH_FACTS names another facts.jsonl). Each data set must
// exercise what the replay relies on: pairs skipped, joins, and joins that
// change what a cluster states.
func TestMarkStoryReference(t *testing.T) {
	arts := realArticles(t)
	real := extractAll(arts)
	for _, th := range []float64{0.2, dedup.Threshold, 0.7} {
		sameMarks(t, "seeds and corpus", real, th)
	}
	remixed := extractAll(remix(arts, 2500, 1))
	for _, th := range []float64{0.2, dedup.Threshold} {
		st, clusters := sameMarks(t, "remixed corpus", remixed, th)
		if th == dedup.Threshold && (st.Skipped == 0 || st.Joined < 100 || st.Told == 0 || len(clusters) < 20) {
			t.Errorf("remixed corpus: %+v, %d clusters: too little to compare", st, len(clusters))
		}
	}
	gen := storyCorpus(randomBases(30, 600, 2), 4000, seeded(3))
	for _, th := range []float64{0.2, dedup.Threshold, 0.6} {
		st, clusters := sameMarks(t, "generated stories", gen, th)
		if th == dedup.Threshold && (st.Skipped == 0 || st.Joined < 100 || st.Told < 20 || len(clusters) < 20) {
			t.Errorf("generated stories: %+v, %d clusters: too little to compare", st, len(clusters))
		}
	}

	path := os.Getenv("BANKBRIEF_BENCH_FACTS")
	if path == "" {
		path = "/tmp/bankbrief-bench/facts50000.jsonl"
	}
	if bench, err := readFacts(path, 20000); err == nil {
		st, _ := sameMarks(t, path, bench, dedup.Threshold)
		t.Logf("%s, first %d facts: %+v", path, len(bench), st)
	} else {
		t.Logf("no benchmark facts: %v", err)
	}
}

// TestMarkGOMAXPROCS checks Mark itself (on GOMAXPROCS goroutines) against
// the reference with GOMAXPROCS 1, 2 and 5.
func TestMarkGOMAXPROCS(t *testing.T) {
	gen := storyCorpus(randomBases(10, 500, 4), 1500, seeded(5))
	want := slices.Clone(gen)
	cw := dedup.StoryRefMarkWith(want, dedup.Threshold)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 5} {
		runtime.GOMAXPROCS(procs)
		got := slices.Clone(gen)
		if cg := dedup.Mark(got); !reflect.DeepEqual(cg, cw) {
			t.Fatalf("GOMAXPROCS %d: %d clusters, the reference %d", procs, len(cg), len(cw))
		}
		for i := range got {
			if got[i].DuplicateOf != want[i].DuplicateOf {
				t.Fatalf("GOMAXPROCS %d: %s is a copy of %q, the reference says %q", procs, got[i].ID, got[i].DuplicateOf, want[i].DuplicateOf)
			}
		}
	}
	if len(cw) < 10 {
		t.Errorf("%d clusters: too few to compare", len(cw))
	}
}

// FuzzMarkStoryReference compares Mark with the reference on small sets of
// articles made from the input: which base text each comes from, its edits
// and what it states.
func FuzzMarkStoryReference(f *testing.F) {
	bases := randomBases(3, 300, 6)
	f.Add([]byte("\x05seed"), uint8(40))
	f.Add([]byte{30, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, uint8(20))
	f.Add(binary.LittleEndian.AppendUint64(nil, 0x0123456789abcdef), uint8(70))
	f.Fuzz(func(t *testing.T, data []byte, th uint8) {
		if len(data) == 0 {
			return
		}
		k := 0
		next := func(n int) int {
			if n <= 0 {
				return 0
			}
			b := data[k%len(data)] ^ byte(k/len(data))
			k++
			return int(b) % n
		}
		facts := storyCorpus(bases, 2+next(40), next)
		sameMarks(t, "fuzz", facts, float64(th%100)/100)
	})
}

// readFacts reads up to limit facts (0: all) of a facts.jsonl file, as
// written: banks and metrics included.
func readFacts(path string, limit int) ([]model.Facts, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var facts []model.Facts
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() && (limit <= 0 || len(facts) < limit) {
		var x model.Facts
		if err := json.Unmarshal(sc.Bytes(), &x); err != nil {
			return nil, err
		}
		x.DuplicateOf = ""
		facts = append(facts, x)
	}
	return facts, sc.Err()
}

// TestExactCopiesOneCluster checks that exact copies — one fingerprint,
// one story — always end in one cluster. Before copiesOf, a copy met only
// when its band buckets were full of a cluster whose story had grown
// apart was left alone, and counted again: 897 of the generated corpus of
// 50,000 articles were.
func TestExactCopiesOneCluster(t *testing.T) {
	sets := map[string][]model.Facts{
		"remixed corpus":    extractAll(remix(realArticles(t), 2500, 1)),
		"generated stories": storyCorpus(randomBases(30, 600, 2), 4000, seeded(3)),
		"crowded buckets":   crowded(),
	}
	path := os.Getenv("BANKBRIEF_BENCH_FACTS")
	if path == "" {
		path = "/tmp/bankbrief-bench/facts50000.jsonl"
	}
	if bench, err := readFacts(path, 20000); err == nil {
		sets[path] = bench
	} else {
		t.Logf("no benchmark facts: %v", err)
	}
	for name, facts := range sets {
		dedup.Mark(facts)
		kept := func(f *model.Facts) string { return cmp.Or(f.DuplicateOf, f.ID) }
		seen := map[string][]*model.Facts{} // by fingerprint, one a story
		copies := 0
		for i := range facts {
			f := &facts[i]
			if f.Skipped != "" || f.Fingerprint == "" {
				continue
			}
			var o *model.Facts
			for _, g := range seen[f.Fingerprint] {
				if sameStated(g, f) {
					o = g
					break
				}
			}
			if o == nil {
				seen[f.Fingerprint] = append(seen[f.Fingerprint], f)
				continue
			}
			copies++
			if kept(o) != kept(f) {
				t.Fatalf("%s: %s and %s are exact copies, kept as %s and %s", name, o.ID, f.ID, kept(o), kept(f))
			}
		}
		if copies == 0 {
			t.Errorf("%s: no exact copies to check", name)
		}
		t.Logf("%s: %d exact copies, each in its first's cluster", name, copies)
	}
}

// sameStated reports whether two facts name the same banks and state the
// same values.
func sameStated(a, b *model.Facts) bool {
	if len(a.Banks) != len(b.Banks) || len(a.Metrics) != len(b.Metrics) {
		return false
	}
	for i := range a.Banks {
		if a.Banks[i].Name != b.Banks[i].Name {
			return false
		}
	}
	for i := range a.Metrics {
		if a.Metrics[i].Value != b.Metrics[i].Value || a.Metrics[i].Text != b.Metrics[i].Text {
			return false
		}
	}
	return true
}

// crowded returns articles of one text whose buckets are full (bucketCap
// members) before two exact copies come: the members state other values at
// the copies' place, so neither copy joins them, and the copies meet no
// member they agree with but each other.
func crowded() []model.Facts {
	body := randomBases(1, 500, 9)[0]
	fp := dedup.Fingerprint(body)
	var out []model.Facts
	add := func(v int) {
		text := fmt.Sprint(v, "亿元")
		out = append(out, model.Facts{ID: fmt.Sprintf("c%02d", len(out)), File: fmt.Sprintf("c%02d.txt", len(out)), Chars: len(body), Fingerprint: fp,
			Banks:   []model.BankMention{{Name: "甲银行"}},
			Metrics: []model.Metric{{Text: text, Value: float64(v), Unit: "亿元", Sentence: "本行发放贷款" + text}}})
	}
	for v := 1; v <= 10; v++ {
		add(v)
	}
	add(99)
	add(99)
	return out
}
