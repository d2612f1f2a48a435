//go:build unix

package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bankbrief/bankbrief/internal/testutil"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// bankbrief builds the command once per test run.
func bankbrief(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command; not in -short")
	}
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "bankbrief-bin")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "bankbrief")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/bankbrief")
		cmd.Dir = testutil.RepoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build ./cmd/bankbrief: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func runBuild(t *testing.T, bin, out string, inputs ...string) {
	t.Helper()
	args := []string{"build", "-quiet", "-no-cache", "-out", out}
	for _, in := range inputs {
		args = append(args, "-in", in)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1700000000")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("bankbrief %s: %v\n%s", strings.Join(args, " "), err, b)
	}
}

func readReports(t *testing.T, out string) map[string][]byte {
	m := map[string][]byte{}
	for _, p := range ReportPaths(out) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v", err)
		}
		m[filepath.Base(p)] = b
	}
	return m
}

// leftovers lists what is in out besides the four reports and the cache.
func leftovers(t *testing.T, out string) (temps, others []string) {
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	reports := map[string]bool{FactsName: true, WorkbookName: true, ChartsName: true, BriefName: true, CacheDir: true}
	for _, e := range entries {
		switch n := e.Name(); {
		case reports[n]:
		case strings.HasPrefix(n, ".") && strings.Contains(n, ".tmp"),
			strings.HasPrefix(n, ".bankbrief-xlsx-"): // the workbook writer's folder
			temps = append(temps, n)
		default:
			others = append(others, n)
		}
	}
	return temps, others
}

// TestInterrupt kills a build (SIGKILL, and SIGINT as Ctrl-C does) at
// several moments and checks that every report is either the previous one,
// byte for byte, or the complete new one; that no half-written file is
// visible under a report's name; that Ctrl-C leaves no temporary file and
// exits 130; and that the run after a SIGKILL removes the dot-temporary
// files it left.
func TestInterrupt(t *testing.T) {
	bin := bankbrief(t)
	seeds := testutil.Seeds(t)
	inputs := []string{seeds}
	if sh := filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus"); dirExists(sh) {
		inputs = append(inputs, filepath.Join(sh, "posts"))
	} else {
		// Without the corpus: the seeds twice, under other names.
		more := t.TempDir()
		files, _ := filepath.Glob(filepath.Join(seeds, "*.txt"))
		for _, f := range files {
			b, _ := os.ReadFile(f)
			write(t, filepath.Join(more, "copy-"+filepath.Base(f)), string(b))
		}
		inputs = append(inputs, more)
	}
	prevDir, newDir := t.TempDir(), t.TempDir()
	runBuild(t, bin, prevDir, seeds)
	start := time.Now()
	runBuild(t, bin, newDir, inputs...)
	full := time.Since(start)
	prev, next := readReports(t, prevDir), readReports(t, newDir)
	same := 0
	for name := range prev {
		if bytes.Equal(prev[name], next[name]) {
			same++
		}
	}
	t.Logf("a full build takes %v; %d of 4 reports are the same for both inputs", full, same)
	if same == 4 {
		t.Fatal("the two inputs give the same reports: the test could not tell old from new")
	}

	// The moments: while reading (once the build has read 16 KB), and
	// as the k-th temporary report file appears (mid-write of each output).
	moments := []int{0, 1, 2, 3, 4}
	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT} {
		for _, k := range moments {
			name := fmt.Sprintf("%v while reading", sig)
			if k > 0 {
				name = fmt.Sprintf("%v while writing output %d", sig, k)
			}
			out := t.TempDir()
			for n, b := range prev {
				if err := os.WriteFile(filepath.Join(out, n), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := []string{"build", "-quiet", "-no-cache", "-out", out}
			for _, in := range inputs {
				args = append(args, "-in", in)
			}
			cmd := exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1700000000")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			var err error
			if k == 0 {
				waitReading(cmd.Process.Pid)
				cmd.Process.Signal(sig)
				err = <-exited
			} else {
				err = killAtTemp(cmd.Process, out, k, sig, exited)
			}
			var ee *exec.ExitError
			finished := err == nil
			switch {
			case finished:
			case sig == syscall.SIGINT && errors.As(err, &ee) && ee.ExitCode() == 130:
			case sig == syscall.SIGKILL && errors.As(err, &ee):
			default:
				t.Errorf("%s: the build ended with %v\n%s", name, err, stderr.String())
			}
			got := readReports(t, out)
			kept := 0
			for n, b := range got {
				switch {
				case bytes.Equal(b, prev[n]):
					kept++
				case bytes.Equal(b, next[n]):
				default:
					t.Errorf("%s: %s is neither the previous nor the new report (%d bytes)", name, n, len(b))
				}
			}
			temps, others := leftovers(t, out)
			if len(others) > 0 {
				t.Errorf("%s: unexpected files in the output folder: %q", name, others)
			}
			if sig == syscall.SIGINT && len(temps) > 0 {
				t.Errorf("%s: Ctrl-C left temporary files %q", name, temps)
			}
			t.Logf("%s: finished %v, %d previous reports kept, %d temporary files left", name, finished, kept, len(temps))
			if sig == syscall.SIGKILL {
				runBuild(t, bin, out, inputs...)
				if temps, _ := leftovers(t, out); len(temps) > 0 {
					t.Errorf("%s: the next run left the temporary files %q", name, temps)
				}
				for n, b := range readReports(t, out) {
					if !bytes.Equal(b, next[n]) {
						t.Errorf("%s: after the next run %s is not the new report", name, n)
					}
				}
			}
		}
	}
}

// waitReading returns once the process pid has read 16 KB from files
// (/proc/PID/io's rchar; the program's own start reads next to nothing):
// it is reading the articles, its Ctrl-C handler set. A fixed 100 ms, as
// before, could come before the handler on a loaded machine, and the
// program then died of the signal instead of exiting 130. Where /proc is
// not there, it waits 100 ms.
func waitReading(pid int) {
	path := fmt.Sprintf("/proc/%d/io", pid)
	if _, err := os.Stat(path); err != nil {
		time.Sleep(100 * time.Millisecond)
		return
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Microsecond) {
		b, err := os.ReadFile(path)
		if err != nil {
			return // the process ended
		}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "rchar: "); ok {
				if n, err := strconv.Atoi(v); err == nil && n >= 16<<10 {
					return
				}
			}
		}
	}
}

// killAtTemp polls out until the k-th distinct temporary report file
// appears, then signals p; it returns how the process ended.
func killAtTemp(p *os.Process, out string, k int, sig os.Signal, exited chan error) error {
	seen := map[string]bool{}
	for {
		select {
		case err := <-exited:
			return err // finished (or failed) before that moment
		default:
		}
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			if n := e.Name(); strings.HasPrefix(n, ".bankbrief") || strings.HasPrefix(n, ".facts") {
				if strings.Contains(n, ".tmp") {
					seen[n] = true
				}
			}
		}
		if len(seen) >= k {
			p.Signal(sig)
			return <-exited
		}
		time.Sleep(time.Millisecond)
	}
}

type snap map[string]string

// snapshot records every file and folder under dir with its size, mode and
// modification time.
func snapshot(t *testing.T, dir string) snap {
	s := snap{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		s[p] = fmt.Sprintf("%d %v %d", info.Size(), info.Mode(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func diff(a, b snap) []string {
	var out []string
	for k, v := range a {
		if b[k] != v {
			out = append(out, "changed or removed: "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, "new: "+k)
		}
	}
	sort.Strings(out)
	return out
}

// TestWritesOnlyOut runs build and extract with HOME, TMPDIR and the XDG
// folders pointed at empty temporary folders and checks that nothing but
// -out (and extract's -o) changed: not the input folder, not the working
// folder, not HOME or TMPDIR.
func TestWritesOnlyOut(t *testing.T) {
	bin := bankbrief(t)
	root := t.TempDir()
	in, cwd, home, tmp, out := filepath.Join(root, "in"), filepath.Join(root, "cwd"), filepath.Join(root, "home"), filepath.Join(root, "tmp"), filepath.Join(root, "out")
	for _, d := range []string{cwd, home, tmp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	seeds, _ := filepath.Glob(filepath.Join(testutil.Seeds(t), "*.txt"))
	for _, s := range seeds {
		b, _ := os.ReadFile(s)
		write(t, filepath.Join(in, filepath.Base(s)), string(b))
	}
	before := map[string]snap{}
	for _, d := range []string{in, cwd, home, tmp} {
		before[d] = snapshot(t, d)
	}
	env := append(os.Environ(), "HOME="+home, "TMPDIR="+tmp, "XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "SOURCE_DATE_EPOCH=1700000000")
	for _, args := range [][]string{
		{"build", "-quiet", "-in", in, "-out", out},
		{"build", "-quiet", "-in", in, "-out", out}, // again, with the cache
		{"extract", "-quiet", "-in", in, "-o", filepath.Join(out, "x", "facts.jsonl")},
	} {
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = cwd, env
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("bankbrief %v: %v\n%s", args, err, b)
		}
	}
	for _, d := range []string{in, cwd, home} {
		if changes := diff(before[d], snapshot(t, d)); len(changes) > 0 {
			t.Errorf("%s was changed by the run: %q", d, changes)
		}
	}
	// TMPDIR: a file left there is an error, and so is one created and
	// removed during the run (the folder's time changed), as a run killed
	// at that moment would leave it outside -out.
	for _, c := range diff(before[tmp], snapshot(t, tmp)) {
		if c == "changed or removed: "+tmp {
			t.Errorf("a file was created and removed in TMPDIR during the run (a killed run would leave it there); find which with strace -f -e trace=openat,mkdirat")
		} else {
			t.Errorf("left in TMPDIR: %s", c)
		}
	}
	// Nothing temporary is left in -out either.
	for _, pat := range []string{".*.tmp*", ".bankbrief-xlsx-*", "excelize-*"} {
		if m, _ := filepath.Glob(filepath.Join(out, pat)); len(m) > 0 {
			t.Errorf("temporary files left in -out: %q", m)
		}
	}
	for _, p := range append(ReportPaths(out), filepath.Join(out, "x", "facts.jsonl")) {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("output missing: %v", err)
		}
	}
}
