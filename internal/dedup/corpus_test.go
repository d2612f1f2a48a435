package dedup_test

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/bankbrief/bankbrief/internal/dedup"
	"github.com/bankbrief/bankbrief/internal/ingest"
	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

var showPairs = flag.Float64("pairs", 0, "log every corpus pair whose similarity reaches this value (e.g. -pairs 0.1)")

// labelled reads the copies named in the corpus manifests: copy ID → ID of
// the article it copies ("syndicated copy of w0028", "duplicate of p0001").
func labelled(t *testing.T, corpus string) map[string]string {
	re := regexp.MustCompile(`(?:copy|duplicate)(?: \([^)]*\))? of ([a-z]\d{4})`)
	out := map[string]string{}
	for _, dir := range []string{"web", "posts"} {
		f, err := os.Open(filepath.Join(corpus, dir, "MANIFEST.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			cols := strings.Split(sc.Text(), "\t")
			if m := re.FindStringSubmatch(cols[len(cols)-1]); m != nil {
				id := strings.TrimSuffix(cols[0], filepath.Ext(cols[0]))
				out[id] = m[1]
			}
		}
		f.Close()
	}
	return out
}

var tag = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)

// body is the cleaned body from internal/ingest, or, while ingest cannot
// read the file, the file's text with tags removed (enough to compare).
func body(t *testing.T, path string) string {
	if a, err := ingest.ReadFile(path); err == nil {
		return a.Body
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimSpace(string(b))
	if rest, ok := strings.CutPrefix(text, "---"); ok { // front matter
		if _, after, ok := strings.Cut(rest, "\n---"); ok {
			text = after
		}
	}
	return tag.ReplaceAllString(text, " ")
}

type doc struct {
	id   string
	body string
	set  map[string]bool
}

func exactSet(body string) map[string]bool {
	rs := dedup.Normalize(body)
	set := map[string]bool{}
	for i := 0; i+dedup.ShingleRunes <= len(rs); i++ {
		set[string(rs[i:i+dedup.ShingleRunes])] = true
	}
	return set
}

func exact(a, b map[string]bool) (j, c float64) {
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0, 0
	}
	return float64(inter) / float64(union), float64(inter) / float64(min(len(a), len(b)))
}

// TestCorpusCopies measures dedup on the shared corpus: every pair the
// manifests label as a copy must be found, and no other pair may be
// clustered unless it shares most of its text (exact containment ≥ 0.5,
// which the log shows for review). Run with -v -pairs 0.1 to list the
// pairs near the threshold.
func TestCorpusCopies(t *testing.T) {
	corpus := testutil.Shared(t, "corpus")
	labels := labelled(t, corpus)
	if len(labels) < 5 {
		t.Fatalf("found %d labelled copies in the manifests; the notes' wording changed?", len(labels))
	}
	var docs []doc
	var facts []model.Facts
	for _, dir := range []string{filepath.Join(corpus, "web"), filepath.Join(corpus, "posts"), testutil.Seeds(t)} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		sort.Strings(files)
		for _, f := range files {
			if filepath.Base(f) == "MANIFEST.tsv" {
				continue
			}
			id := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
			b := body(t, f)
			docs = append(docs, doc{id, b, exactSet(b)})
			facts = append(facts, model.Facts{ID: id, File: f, Chars: len([]rune(b)), Fingerprint: dedup.Fingerprint(b)})
		}
	}
	clusters := dedup.Mark(facts)
	dupOf := map[string]string{}
	for _, f := range facts {
		dupOf[f.ID] = f.DuplicateOf
	}
	same := func(a, b string) bool {
		ka, kb := a, b
		if dupOf[a] != "" {
			ka = dupOf[a]
		}
		if dupOf[b] != "" {
			kb = dupOf[b]
		}
		return ka == kb
	}

	// Every pair worth a look: estimated or exact similarity ≥ -pairs (or 0.2).
	floor := *showPairs
	if floor == 0 {
		floor = 0.2
	}
	byID := map[string]int{}
	for i, d := range docs {
		byID[d.id] = i
	}
	type row struct {
		a, b        string
		j, c        float64
		est         dedup.Scores
		label, same bool
	}
	var rows []row
	for i := range docs {
		for k := i + 1; k < len(docs); k++ {
			a, b := &docs[i], &docs[k]
			j, c := exact(a.set, b.set)
			est, _ := dedup.Similarity(facts[i].Fingerprint, facts[k].Fingerprint)
			if max(j, c, est.Max()) < floor {
				continue
			}
			rows = append(rows, row{a.id, b.id, j, c, est, labels[a.id] == b.id || labels[b.id] == a.id, same(a.id, b.id)})
		}
	}
	sort.Slice(rows, func(x, y int) bool { return rows[x].est.Max() > rows[y].est.Max() })
	t.Logf("%-6s %-6s %5s %5s | %5s %5s %5s %5s | %-5s %s", "a", "b", "J", "C", "estJ", "estC", "head", "max", "label", "clustered")
	for _, r := range rows {
		t.Logf("%-6s %-6s %5.2f %5.2f | %5.2f %5.2f %5.2f %5.2f | %-5v %v", r.a, r.b, r.j, r.c,
			r.est.Jaccard, r.est.Containment, r.est.Head, r.est.Max(), r.label, r.same)
	}
	for _, c := range clusters {
		t.Logf("cluster: kept %s, copies %s", c.Kept, strings.Join(c.Copies, " "))
	}

	// Recall against the manifests, and precision: a clustered pair not
	// labelled must still share most of its text. The exact similarity is
	// compared with the threshold with a margin for the sketch's error.
	const margin = 0.08
	found, missed := 0, []string{}
	for cp, orig := range labels {
		i, k := byID[cp], byID[orig]
		j, c := exact(docs[i].set, docs[k].set)
		if same(cp, orig) {
			found++
			if max(j, c) < dedup.Threshold-margin {
				t.Errorf("%s and %s are clustered but share only %.0f%% of the shorter text", cp, orig, 100*c)
			}
			continue
		}
		missed = append(missed, fmt.Sprintf("%s~%s (J %.2f, C %.2f)", cp, orig, j, c))
		if max(j, c) >= dedup.Threshold+margin {
			t.Errorf("labelled copy %s of %s shares %.0f%% of its text but was not clustered", cp, orig, 100*c)
		}
	}
	sort.Strings(missed)
	clusteredPairs, labelledPairs := 0, 0
	for i := range docs {
		for k := i + 1; k < len(docs); k++ {
			if !same(docs[i].id, docs[k].id) {
				continue
			}
			clusteredPairs++
			if labels[docs[i].id] == docs[k].id || labels[docs[k].id] == docs[i].id {
				labelledPairs++
			}
			if j, c := exact(docs[i].set, docs[k].set); max(j, c) < dedup.Threshold-margin {
				t.Errorf("%s and %s are clustered sharing only %.0f%% of the shorter text", docs[i].id, docs[k].id, 100*c)
			}
		}
	}
	t.Logf("manifest-labelled copies: %d, found %d, not clustered %v; clustered pairs %d, of which labelled %d",
		len(labels), found, missed, clusteredPairs, labelledPairs)
	if found == 0 {
		t.Error("no labelled copy found")
	}
}
