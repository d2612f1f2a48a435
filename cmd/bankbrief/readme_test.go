package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

// readmeCommand is one command shown in the README, with the output shown
// under it ("$ bankbrief …" lines) or none (lines of a ```sh block).
type readmeCommand struct {
	line   int
	args   []string // after the program name
	stdout string   // "> file" redirection, if any
	shown  []string
}

// The README's example server address, replaced by the test server's.
const readmeHost = "http://127.0.0.1:8765"

// readmeCommands reads the bankbrief commands of the README's code blocks.
func readmeCommands(t *testing.T, readme string) (cmds []readmeCommand, files map[string]string) {
	files = map[string]string{}
	inBlock, lang := false, ""
	var cur *readmeCommand
	var cat string // file whose content a "$ cat FILE" shows
	flush := func() {
		if cur != nil {
			cmds = append(cmds, *cur)
			cur = nil
		}
		cat = ""
	}
	for n, line := range strings.Split(readme, "\n") {
		if strings.HasPrefix(line, "```") {
			if inBlock {
				flush()
			}
			inBlock, lang = !inBlock, strings.TrimPrefix(line, "```")
			continue
		}
		if !inBlock || lang == "json" || lang == "markdown" {
			continue
		}
		cmdText := ""
		switch {
		case strings.HasPrefix(line, "$ "):
			flush()
			cmdText = strings.TrimPrefix(line, "$ ")
		case lang == "sh":
			cmdText = line
		default:
			if cat != "" {
				files[cat] += line + "\n"
			} else if cur != nil && strings.TrimSpace(line) != "" {
				cur.shown = append(cur.shown, line)
			}
			continue
		}
		if i := strings.Index(cmdText, "  #"); i >= 0 {
			cmdText = cmdText[:i]
		}
		fields := shellFields(cmdText)
		switch {
		case len(fields) >= 2 && fields[0] == "cat":
			cat = fields[1]
			continue
		case len(fields) >= 3 && fields[0] == "go" && fields[1] == "run" && fields[2] == "./cmd/bankbrief":
			fields = fields[3:]
		case len(fields) >= 1 && fields[0] == "bankbrief":
			fields = fields[1:]
		default:
			continue // bash .ci/run, go install …: not bankbrief itself
		}
		c := readmeCommand{line: n + 1}
		for i := 0; i < len(fields); i++ {
			if fields[i] == ">" && i+1 < len(fields) {
				c.stdout = fields[i+1]
				i++
				continue
			}
			c.args = append(c.args, fields[i])
		}
		if lang == "sh" {
			cmds = append(cmds, c)
		} else {
			cur = &c
		}
	}
	flush()
	return cmds, files
}

// shellFields splits a command line as a shell would for the README's
// commands: on spaces, with "double quotes" keeping a field together.
func shellFields(s string) []string {
	var fields []string
	var cur strings.Builder
	quoted, inField := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inField = !quoted, true
		case r == ' ' && !quoted:
			if inField {
				fields = append(fields, cur.String())
				cur.Reset()
				inField = false
			}
		default:
			cur.WriteRune(r)
			inField = true
		}
	}
	if inField {
		fields = append(fields, cur.String())
	}
	return fields
}

var (
	durationRe = regexp.MustCompile(`\d+(\.\d+)?(ms|s)\b`)
	hashNameRe = regexp.MustCompile(`[0-9a-f]{16}\.html`)
	cacheRe    = regexp.MustCompile(`\d+ from cache`)
)

func normalise(s, host string) string {
	s = strings.ReplaceAll(s, readmeHost, host)
	s = durationRe.ReplaceAllString(s, "<time>")
	s = hashNameRe.ReplaceAllString(s, "<page>.html")
	s = cacheRe.ReplaceAllString(s, "<n> from cache") // the README shows first runs
	return strings.Join(strings.Fields(s), " ")
}

// Every bankbrief command in the README works as shown: run from a folder
// laid out as the README describes (articles/, links.txt, the sample), with
// the fetch example's site served locally. A shown error must come out as
// shown, with a non-zero exit; every other command must succeed and print
// the lines shown under it (times and page hashes aside).
func TestREADMECommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every README command; skipped with -short")
	}
	root := testutil.RepoRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmds, files := readmeCommands(t, string(readme))
	if len(cmds) < 8 {
		t.Fatalf("found only %d commands in the README", len(cmds))
	}

	// The fetch example's site: two sample articles (one in GBK) and a 404.
	_, gf := seedPage(t, "000_0b872719766d8c1f.txt")
	_, gd := seedPage(t, "001_209a33a96d8ac9b7.txt")
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(gf))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/news/gf.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(gbk)
	})
	mux.HandleFunc("/news/gd.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.Replace(gd, "charset=gb2312", "charset=utf-8", 1)))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// The folder a reader works in, and the files the README shows with cat.
	dir := t.TempDir()
	seeds := testutil.Seeds(t)
	// The folders the README's examples name, each holding sample
	// articles: all five, or (for the partition example) a part of them.
	folders := map[string]func(i int) bool{
		"testdata/seeds": func(int) bool { return true },
		"articles":       func(int) bool { return true },
		"corpus":         func(int) bool { return true },
		"extra":          func(i int) bool { return i == 0 },
		"archive/part1":  func(i int) bool { return i < 3 },
		"archive/part2":  func(i int) bool { return i >= 3 },
	}
	entries, _ := os.ReadDir(seeds)
	for sub, take := range folders {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		for i, e := range entries {
			if take(i) {
				b, _ := os.ReadFile(filepath.Join(seeds, e.Name()))
				os.WriteFile(filepath.Join(dir, sub, e.Name()), b, 0o644)
			}
		}
	}
	for name, content := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(strings.ReplaceAll(content, readmeHost, srv.URL)), 0o644)
	}
	shared := filepath.Join(root, "..", "shared")
	_, sharedErr := os.Stat(shared)

	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)

	for _, c := range cmds {
		args := make([]string, len(c.args))
		skip := false
		for i, a := range c.args {
			if strings.HasPrefix(a, "../shared") {
				if sharedErr != nil {
					skip = true
				}
				a = filepath.Join(shared, strings.TrimPrefix(a, "../shared"))
			}
			args[i] = strings.ReplaceAll(a, readmeHost, srv.URL)
		}
		name := "README:" + strings.Join(c.args, " ")
		if skip {
			t.Logf("%s: ../shared is absent; not run", name)
			continue
		}
		if len(args) > 0 && args[0] == "fetch" {
			args = append(args, "-delay", "50ms") // the README's 1 s politeness, shortened for the test
		}
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		if c.stdout != "" {
			os.WriteFile(c.stdout, stdout.Bytes(), 0o644)
		}
		out := normalise(stdout.String()+"\n"+stderr.String(), srv.URL)
		wantFail := false
		for _, s := range c.shown {
			if strings.Contains(s, "…") {
				continue // an abbreviated listing
			}
			if strings.Contains(s, "cannot read input") || strings.Contains(s, "unknown command") || strings.Contains(s, "unknown flag") {
				wantFail = true
			}
			if !strings.Contains(out, normalise(s, srv.URL)) {
				t.Errorf("line %d %s: output lacks the shown line\n  %s\noutput:\n%s%s", c.line, name, s, stdout.String(), stderr.String())
			}
		}
		fetchPartly := len(args) > 0 && args[0] == "fetch" // a failed link is shown, exit still 0
		switch {
		case wantFail && code == 0:
			t.Errorf("line %d %s: exit 0, the README shows an error", c.line, name)
		case !wantFail && code != 0 && !fetchPartly:
			t.Errorf("line %d %s: exit %d\n%s", c.line, name, code, stderr.String())
		}
	}
}
