//go:build unix

package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/bankbrief/bankbrief/internal/model"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// badInputs makes the inputs of the accounting test under dir and returns
// every entry a run must give exactly one facts line for, with what the
// line must be: "article" (read, whether or not it is an article: ingest
// decides), or the prefix of the skipped reason.
func badInputs(t *testing.T, dir string) map[string]string {
	want := map[string]string{}
	add := func(rel, text, expect string) {
		write(t, filepath.Join(dir, rel), text)
		want[filepath.Join(dir, rel)] = expect
	}
	// Good files: the seeds, one under a name with spaces and Chinese.
	seeds, _ := filepath.Glob(filepath.Join(testutil.Seeds(t), "*.txt"))
	for i, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(s)
		if i == 0 {
			name = "广发 银行 办实事 (副本).txt"
		}
		add(filepath.Join("good", name), string(b), "good")
	}
	// The ingest engineer's bad files, when present.
	bad, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "testdata", "bad", "*"))
	for _, b := range bad {
		if st, err := os.Stat(b); err == nil && st.Mode().IsRegular() && !strings.HasPrefix(filepath.Base(b), ".") && filepath.Base(b) != "MANIFEST.tsv" {
			data, _ := os.ReadFile(b)
			add(filepath.Join("bad", filepath.Base(b)), string(data), "article")
		}
	}
	// Our own: empty, binary, UTF-16 without a BOM, cut-off HTML, a
	// lone front-matter fence, a huge line, invalid UTF-8.
	add("mine/empty.txt", "", "article")
	add("mine/binary.bin", "\x00\x01\x02\xff\xfe\x00PK\x03\x04"+strings.Repeat("\x00", 300), "article")
	add("mine/utf16.txt", string([]byte{0x2d, 0x4e, 0xfd, 0x56, 0xf6, 0x94, 0x4c, 0x88}), "article")
	add("mine/cut.html", "<html><head><title>某银行", "article")
	add("mine/fence.md", "---\ntitle: x\n", "article")
	add("mine/long line.txt", strings.Repeat("银行", 200_000), "article")
	add("mine/bad-utf8.txt", "\xe4\xb8\xad\xe6\x96", "article")
	// A browser's "save page, complete": the page, and beside it its
	// assets, never articles, whatever text they hold; a document
	// bankbrief does not read; a facts file.
	page, err := os.ReadFile(seeds[1])
	if err != nil {
		t.Fatal(err)
	}
	add("saved/page.html", string(page), "good")
	add("saved/page_files/app.js", `document.title="中国工商银行为小微企业减免手续费1200万元，惠及客户3万户。";`, "a script (.js), not an article")
	add("saved/page_files/style.css", "body{font-family:\"宋体\"} /* 中国工商银行 */", "a style sheet (.css), not an article")
	add("saved/page_files/data.csv", "银行,金额\n中国工商银行为小微企业减免手续费,1200万元\n", `a data table (.csv), not an export of articles: no column of article text among "银行", "金额": name it 正文, 内容 or content`)
	add("mine/partition-1.jsonl", `{"id":"a","file":"x/a.txt","title":"","date":"","quarter":"unknown","source":"","url":"","chars":0,"primary_bank":"","banks":[],"themes":[],"metrics":[],"duplicate_of":"","warnings":[]}`+"\n", factsFileReason)
	add("mine/report.DOCX", "PK\x03\x04word/document.xml 中国工商银行", "a Word document (.docx), not read: save the article as .html or .txt")
	// Symbolic links: a → b → a, a file link to itself, a folder link to
	// its ancestor.
	if err := os.MkdirAll(filepath.Join(dir, "links", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	symlink(t, "b", filepath.Join(dir, "links", "a"))
	symlink(t, "a", filepath.Join(dir, "links", "b"))
	symlink(t, "self.txt", filepath.Join(dir, "links", "self.txt"))
	symlink(t, "../..", filepath.Join(dir, "links", "deep", "up"))
	for _, l := range []string{"a", "b", "self.txt", "deep/up"} {
		want[filepath.Join(dir, "links", l)] = "symlink loop"
	}
	symlink(t, "nowhere.txt", filepath.Join(dir, "links", "broken.txt"))
	want[filepath.Join(dir, "links", "broken.txt")] = "broken symlink"
	if err := syscall.Mkfifo(filepath.Join(dir, "links", "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	want[filepath.Join(dir, "links", "pipe")] = "not a regular file (named pipe)"
	// A previous run's output folder inside the input.
	add("reports/facts.jsonl", "{}\n", "")
	add("reports/bankbrief.pdf", "%PDF-1.3", "")
	delete(want, filepath.Join(dir, "reports", "facts.jsonl"))
	delete(want, filepath.Join(dir, "reports", "bankbrief.pdf"))
	want[filepath.Join(dir, "reports")] = "a bankbrief output folder"
	// Unreadable file and folder (effective only when not root).
	add("locked/secret.txt", "戊", "not readable")
	add("locked-dir/inside.txt", "己", "")
	delete(want, filepath.Join(dir, "locked-dir", "inside.txt"))
	want[filepath.Join(dir, "locked-dir")] = "folder not readable"
	return want
}

func lock(t *testing.T, dir string) {
	if err := os.Chmod(filepath.Join(dir, "locked", "secret.txt"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "locked-dir"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "locked-dir"), 0o755) })
}

// TestAccounting: every entry found under the input gives exactly one
// facts line (inputs = articles + skipped), nothing crashes, and the lines
// say why a file was skipped. As root (where chmod 000 does not stop
// reading) the run is made by a copy of the test binary as user nobody.
func TestAccounting(t *testing.T) {
	root := t.TempDir()
	os.Chmod(root, 0o755)
	os.Chmod(filepath.Dir(root), 0o755) // t.TempDir's own parent, so that nobody can reach root
	dir := filepath.Join(root, "in")
	want := badInputs(t, dir)
	lock(t, dir)

	var facts []model.Facts
	if os.Geteuid() != 0 {
		facts, _ = Facts([]string{dir, filepath.Join(root, "missing")}, Options{Jobs: 2})
	} else {
		facts = factsAsNobody(t, root, []string{dir, filepath.Join(root, "missing")})
	}
	want[filepath.Join(root, "missing")] = "not found"

	lines := map[string]int{}
	crashes, articles, skipped := 0, 0, 0
	for _, f := range facts {
		lines[f.File]++
		if strings.Contains(f.Skipped, "internal error") {
			crashes++
			t.Errorf("%s: %s", f.File, f.Skipped)
		}
		if f.Skipped == "" {
			articles++
		} else {
			skipped++
		}
		exp, ok := want[f.File]
		switch {
		case !ok:
			t.Errorf("facts line for %s, which is not an input", f.File)
		case exp == "good" && f.Skipped != "" && f.Skipped != "not implemented":
			t.Errorf("%s: a sample article was skipped: %s", f.File, f.Skipped)
		case exp != "article" && exp != "good" && !strings.HasPrefix(f.Skipped, exp):
			t.Errorf("%s: skipped %q, want %q…", f.File, f.Skipped, exp)
		}
	}
	unaccounted := 0
	for f := range want {
		if lines[f] != 1 {
			unaccounted++
			t.Errorf("%s has %d facts lines, want 1", f, lines[f])
		}
	}
	if len(facts) != articles+skipped || len(facts) != len(want) {
		t.Errorf("%d lines = %d articles + %d skipped, want %d entries", len(facts), articles, skipped, len(want))
	}
	t.Logf("entries tried %d, facts lines %d (%d articles, %d skipped), crashes %d, unaccounted %d",
		len(want), len(facts), articles, skipped, crashes, unaccounted)
	for _, f := range facts {
		if f.Skipped != "" {
			t.Logf("  skipped %-40s %s", strings.TrimPrefix(f.File, root+"/"), f.Skipped)
		}
	}
}

// factsAsNobody runs TestAccountingChild in a copy of the test binary as
// uid/gid 65534 and returns the facts it prints.
func factsAsNobody(t *testing.T, root string, inputs []string) []model.Facts {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(root, "pipeline.test")
	src, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(dst, src)
	src.Close()
	dst.Close()
	for p := root; p != "/"; p = filepath.Dir(p) { // let nobody reach it
		if st, err := os.Stat(p); err == nil && st.Mode().Perm()&0o001 == 0 {
			t.Skipf("%s is not searchable by other users; cannot test unreadable files as root", p)
		}
		if p == filepath.Dir(p) {
			break
		}
	}
	cmd := exec.Command(bin, "-test.run=^TestAccountingChild$", "-test.v=false")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "BANKBRIEF_CHILD_INPUTS="+strings.Join(inputs, "\n"), "HOME="+root, "GOCOVERDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("child as nobody: %v\n%s\n%s", err, errb.String(), out.String())
	}
	data := out.Bytes()
	start := bytes.Index(data, []byte("<<facts\n"))
	end := bytes.Index(data, []byte("facts>>"))
	if start < 0 || end < start {
		t.Fatalf("child printed no facts:\n%s", out.String())
	}
	facts, err := ReadFacts(bytes.NewReader(data[start+8 : end]))
	if err != nil {
		t.Fatal(err)
	}
	return facts
}

// TestAccountingChild is the child of factsAsNobody; it does nothing when
// run directly.
func TestAccountingChild(t *testing.T) {
	in := os.Getenv("BANKBRIEF_CHILD_INPUTS")
	if in == "" {
		t.Skip("run by TestAccounting only")
	}
	facts, _ := Facts(strings.Split(in, "\n"), Options{Jobs: 2})
	var b bytes.Buffer
	if err := WriteFacts(&b, facts); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("<<facts\n%sfacts>>\n", b.String())
}
