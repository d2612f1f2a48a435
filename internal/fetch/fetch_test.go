package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// server is a loopback test site with one path per behaviour to test.
type server struct {
	*httptest.Server
	t        *testing.T
	mu       sync.Mutex
	hits     map[string][]time.Time // request times per path
	agents   map[string]bool
	inFlight int
	maxIn    int
}

func newServer(t *testing.T) *server {
	s := &server{t: t, hits: map[string][]time.Time{}, agents: map[string]bool{}}
	gbk := func(s string) []byte { return encode(t, simplifiedchinese.GBK, s) }
	mux := http.NewServeMux()
	html := func(ct string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Write(body)
		}
	}
	mux.Handle("/utf8", html("text/html; charset=utf-8", []byte(page(`<link rel="canonical" href="/news/2022/utf8.html">`+"\n", sentence))))
	mux.Handle("/gbk-header", html("text/html; charset=GBK", gbk(page("", sentence))))
	mux.Handle("/gbk-meta", html("text/html", gbk(page(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`+"\n", sentence))))
	mux.Handle("/gbk-none", html("text/html", gbk(page("", sentence))))
	mux.Handle("/no-head", html("text/html", gbk("<p>"+sentence+"</p>")))
	mux.Handle("/pdf", html("application/pdf", []byte("%PDF-1.4\n")))
	mux.Handle("/refresh", html("text/html", []byte(`<html><head><meta http-equiv="Refresh" content="0; URL='/gbk-none'"></head><body>正在跳转</body></html>`)))
	mux.HandleFunc("/loop/{x}", func(w http.ResponseWriter, r *http.Request) {
		next := "/loop/a"
		if r.PathValue("x") == "a" {
			next = "/loop/b"
		}
		html("text/html", []byte(`<html><head><meta http-equiv="refresh" content="1;url=`+next+`"></head><body></body></html>`))(w, r)
	})
	mux.Handle("/js-shell", html("text/html; charset=utf-8", []byte(`<html><head><title>新闻</title><script>`+strings.Repeat("render();", 500)+`</script></head><body><div id="app"></div><noscript>请开启JavaScript</noscript></body></html>`)))
	mux.HandleFunc("/redirect/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			http.Redirect(w, r, "/utf8", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/redirect/%d", n-1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if s.count("/flaky") <= 2 {
			http.Error(w, "busy", http.StatusInternalServerError)
			return
		}
		html("text/html; charset=utf-8", []byte(page("", sentence)))(w, r)
	})
	mux.HandleFunc("/forbidden", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no robots", http.StatusForbidden)
	})
	mux.HandleFunc("/always500", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "broken", http.StatusInternalServerError)
	})
	mux.HandleFunc("/throttled", func(w http.ResponseWriter, r *http.Request) {
		if s.count("/throttled") == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		html("text/html; charset=utf-8", []byte(page("", sentence)))(w, r)
	})
	mux.HandleFunc("/throttled-long", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "come back tomorrow", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body>"))
		chunk := []byte(strings.Repeat("<p>"+sentence+"</p>\n", 50))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/big-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(1<<20))
		w.Write(make([]byte, 1<<20))
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path] = append(s.hits[r.URL.Path], time.Now())
		s.agents[r.Header.Get("User-Agent")] = true
		s.inFlight++
		if s.inFlight > s.maxIn {
			s.maxIn = s.inFlight
		}
		s.mu.Unlock()
		defer func() { s.mu.Lock(); s.inFlight--; s.mu.Unlock() }()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.hits[path])
}

func (s *server) times(path string) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.hits[path]...)
}

// fastOptions keeps the waits small so the tests run in seconds. The
// timeout is a second, not less: on a loaded machine (CI runs every
// package's tests at once) a page served at once took over 300 ms and
// failed as timed out; /slow never answers, so it still times out.
func fastOptions(out string) Options {
	return Options{
		Out: out, Jobs: 4, Delay: 10 * time.Millisecond, Timeout: time.Second,
		MaxSize: 256 << 10, Retries: 3, Backoff: 10 * time.Millisecond, MaxWait: 5 * time.Second,
		UserAgent: UserAgent("test"),
		Now:       func() time.Time { return time.Date(2026, 11, 29, 20, 0, 0, 0, time.UTC) },
	}
}

func runList(t *testing.T, opt Options, list string) Summary {
	t.Helper()
	targets, invalid, err := ReadURLs(strings.NewReader(list))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), targets, invalid, opt)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func resultFor(t *testing.T, sum Summary, u string) Result {
	t.Helper()
	for _, r := range sum.Results {
		if r.URL == u {
			return r
		}
	}
	t.Fatalf("no result for %s", u)
	return Result{}
}

func readSaved(t *testing.T, r Result) string {
	t.Helper()
	b, err := os.ReadFile(r.Path)
	if err != nil {
		t.Fatalf("%s: %v", r.URL, err)
	}
	return string(b)
}

func TestFetchPages(t *testing.T) {
	s := newServer(t)
	out := t.TempDir()
	u := func(p string) string { return s.URL + p }
	list := strings.Join([]string{
		"# monitoring feed, week 48",
		u("/utf8"),
		"",
		u("/gbk-header") + "  建行 GBK in the header",
		u("/gbk-meta"),
		u("/gbk-none"),
		u("/no-head"),
		u("/redirect/3"),
		u("/redirect/7"),
		u("/slow"),
		u("/missing"),
		u("/flaky"),
		u("/always500"),
		u("/throttled"),
		u("/throttled-long"),
		u("/endless"),
		u("/big-declared"),
		u("/pdf"),
		"ftp://example.com/file.html",
		"www.example.com/no-scheme",
		u("/utf8#comments"),
	}, "\n")
	opt := fastOptions(out)
	var progress []Result
	opt.Progress = func(r Result) { progress = append(progress, r) }
	start := time.Now()
	sum := runList(t, opt, list)

	if len(progress) != 19 || len(sum.Results) != 19 {
		t.Fatalf("%d progress calls and %d results, want 19 each", len(progress), len(sum.Results))
	}
	for i := 1; i < len(sum.Results); i++ {
		if sum.Results[i].Line < sum.Results[i-1].Line {
			t.Errorf("results out of list order: line %d after %d", sum.Results[i].Line, sum.Results[i-1].Line)
		}
	}

	// Pages saved, converted to UTF-8, with where they came from.
	for _, p := range []string{"/utf8", "/gbk-header", "/gbk-meta", "/gbk-none", "/flaky", "/throttled"} {
		r := resultFor(t, sum, u(p))
		if r.Status != OK {
			t.Errorf("%s: %s %s, want ok", p, r.Status, r.Reason)
			continue
		}
		if filepath.Base(r.Path) != FileName(u(p)) || len(FileName(u(p))) != 16+len(".html") {
			t.Errorf("%s saved as %s, want %s", p, r.Path, FileName(u(p)))
		}
		text := readSaved(t, r)
		if !strings.Contains(text, sentence) || !strings.Contains(text, "<title>建行办实事</title>") {
			t.Errorf("%s: saved page lacks the UTF-8 text:\n%s", p, text)
		}
		if strings.Contains(strings.ToLower(text), "gb2312") || strings.ContainsRune(text, '\uFFFD') {
			t.Errorf("%s: saved page still declares GBK or has replacement characters:\n%s", p, text)
		}
		wantURL := u(p)
		if p == "/utf8" {
			wantURL = u("/news/2022/utf8.html")
		}
		if !strings.Contains(text, `<meta name="bankbrief:url" content="`+wantURL+`">`) {
			t.Errorf("%s: saved page does not record URL %s:\n%s", p, wantURL, text)
		}
		if !strings.Contains(text, `<meta name="bankbrief:fetched" content="2026-11-29T20:00:00Z">`) {
			t.Errorf("%s: saved page does not record the fetch time", p)
		}
		if !strings.Contains(text, "<head>\n<meta") {
			t.Errorf("%s: bankbrief meta tags are not right after <head>:\n%s", p, text)
		}
		if d := ToUTF8([]byte(text), ""); d.Charset != "utf-8" || d.How != "meta tag" {
			t.Errorf("%s: saved page reads as %s from %s, want utf-8 from its meta tag", p, d.Charset, d.How)
		}
	}
	if r := resultFor(t, sum, u("/gbk-header")); r.Page.Charset != "gbk" || r.Page.How != "Content-Type header" {
		t.Errorf("/gbk-header: charset %s from %s", r.Page.Charset, r.Page.How)
	}
	if r := resultFor(t, sum, u("/gbk-meta")); r.Page.Charset != "gbk" || r.Page.How != "meta tag" {
		t.Errorf("/gbk-meta: charset %s from %s", r.Page.Charset, r.Page.How)
	}
	if r := resultFor(t, sum, u("/gbk-none")); r.Page.Charset != "gb18030" || r.Page.How != "sniffed" {
		t.Errorf("/gbk-none: charset %s from %s", r.Page.Charset, r.Page.How)
	}
	if r := resultFor(t, sum, u("/no-head")); r.Status != OK || !strings.HasPrefix(readSaved(t, r), "\n<meta charset=\"utf-8\">\n<meta name=\"bankbrief:url\"") {
		t.Errorf("/no-head: %s %s, want ok with the meta tags first", r.Status, r.Reason)
	}
	if r := resultFor(t, sum, u("/redirect/3")); r.Status != OK || r.Page.FinalURL != u("/utf8") || !strings.Contains(readSaved(t, r), `<meta name="bankbrief:listed-url" content="`+u("/redirect/3")+`">`) {
		t.Errorf("/redirect/3: %s %s final %s, want ok at /utf8 with the listed URL recorded", r.Status, r.Reason, r.Page.FinalURL)
	}
	if r := resultFor(t, sum, u("/flaky")); r.Tries != 3 {
		t.Errorf("/flaky: %d tries, want 3 (two 500s, then ok)", r.Tries)
	}

	// Retry-After: 1 is obeyed.
	if ts := s.times("/throttled"); len(ts) != 2 || ts[1].Sub(ts[0]) < 900*time.Millisecond {
		t.Errorf("/throttled: requests at %v, want 2 a second apart (Retry-After: 1)", ts)
	}

	// Failures, with the reason.
	for p, want := range map[string]string{
		"/redirect/7":     "more than 5 redirects",
		"/slow":           "timed out after 1s; raise -timeout if the site is slow (after 4 tries)",
		"/missing":        "HTTP 404 Not Found",
		"/always500":      "HTTP 500 Internal Server Error (after 4 tries)",
		"/throttled-long": "HTTP 429 Too Many Requests; the server asks to wait 1h0m0s (Retry-After), longer than 5s: try again later",
		"/endless":        "larger than 256 KB; raise -max-size to fetch it",
		"/big-declared":   "larger than 256 KB (1 MB); raise -max-size to fetch it",
		"/pdf":            "not an HTML page (application/pdf)",
	} {
		r := resultFor(t, sum, u(p))
		if r.Status != Failed || !strings.HasPrefix(r.Reason, want) {
			t.Errorf("%s: %s %q, want fail %q", p, r.Status, r.Reason, want)
		}
		if _, err := os.Stat(filepath.Join(out, FileName(u(p)))); err == nil {
			t.Errorf("%s: failed but a file was saved", p)
		}
	}
	if c := s.count("/missing"); c != 1 {
		t.Errorf("/missing requested %d times, want 1 (404 is not retried)", c)
	}
	if r := resultFor(t, sum, "ftp://example.com/file.html"); r.Status != Failed || r.Line != 19 || !strings.Contains(r.Reason, "only http and https") {
		t.Errorf("ftp line: %+v", r)
	}
	if r := resultFor(t, sum, "www.example.com/no-scheme"); r.Status != Failed || !strings.Contains(r.Reason, "should start with http:// or https://") {
		t.Errorf("no-scheme line: %+v", r)
	}
	var dup Result
	for _, r := range sum.Results {
		if r.Line == 21 {
			dup = r
		}
	}
	if dup.Status != Skipped || dup.Reason != "listed twice (first on line 2)" {
		t.Errorf("fragment-only variant of /utf8: %s %q, want skipped as listed twice", dup.Status, dup.Reason)
	}

	if sum.Fetched != 8 || sum.Skipped != 1 || sum.Failed != 10 {
		t.Errorf("fetched %d, skipped %d, failed %d; want 8, 1, 10", sum.Fetched, sum.Skipped, sum.Failed)
	}
	tsv, err := os.ReadFile(filepath.Join(out, FailuresFile))
	if err != nil || sum.FailuresPath == "" {
		t.Fatalf("failures file: %v", err)
	}
	if lines := strings.Split(strings.TrimSpace(string(tsv)), "\n"); len(lines) != 11 || lines[0] != "line\turl\treason" ||
		!strings.HasPrefix(lines[3], "11\t"+u("/missing")+"\tHTTP 404 Not Found") {
		t.Errorf("failures file:\n%s", tsv)
	}

	// Saved pages and the failures file are readable by all, as the
	// reports are (not the 0600 of a temporary file).
	for _, p := range []string{filepath.Join(out, FileName(u("/utf8"))), filepath.Join(out, FailuresFile)} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v (%v), want -rw-r--r--", p, fi.Mode().Perm(), err)
		}
	}

	// Politeness: one request at a time to the one host, the User-Agent.
	if s.maxIn != 1 {
		t.Errorf("%d requests in flight to one host, want 1", s.maxIn)
	}
	if len(s.agents) != 1 || !s.agents["bankbrief/test (+https://github.com/bankbrief/bankbrief)"] {
		t.Errorf("User-Agents sent: %v", s.agents)
	}
	t.Logf("run took %s", time.Since(start).Round(time.Millisecond))

	// A re-run skips what is saved and retries what failed.
	before := s.count("/utf8")
	sum2 := runList(t, opt, list)
	if r := resultFor(t, sum2, u("/gbk-none")); r.Status != Skipped || r.Reason != "already fetched" {
		t.Errorf("re-run /gbk-none: %s %q, want skipped", r.Status, r.Reason)
	}
	if s.count("/utf8") != before {
		t.Errorf("re-run requested /utf8 again")
	}
	if r := resultFor(t, sum2, u("/missing")); r.Status != Failed {
		t.Errorf("re-run /missing: %s, want a new failure", r.Status)
	}

	// -force refetches.
	opt.Force = true
	sum3 := runList(t, opt, u("/utf8")+"\n")
	if sum3.Fetched != 1 || s.count("/utf8") != before+1 || sum3.FailuresPath != "" {
		t.Errorf("forced re-run: %+v", sum3)
	}
	if _, err := os.Stat(filepath.Join(out, FailuresFile)); err == nil {
		t.Errorf("failures file left behind after a run without failures")
	}
}

func TestPerHostDelay(t *testing.T) {
	s := newServer(t)
	opt := fastOptions(t.TempDir())
	opt.Delay = 150 * time.Millisecond
	opt.Jobs = 8
	var list []string
	for i := 0; i < 4; i++ {
		list = append(list, fmt.Sprintf("%s/utf8?page=%d", s.URL, i))
	}
	sum := runList(t, opt, strings.Join(list, "\n"))
	if sum.Fetched != 4 {
		t.Fatalf("fetched %d of 4: %+v", sum.Fetched, sum.Failures())
	}
	ts := s.times("/utf8")
	for i := 1; i < len(ts); i++ {
		if gap := ts[i].Sub(ts[i-1]); gap < 140*time.Millisecond {
			t.Errorf("requests %d and %d to one host %s apart, want at least the 150ms delay", i-1, i, gap)
		}
	}
}

func TestRunInterrupted(t *testing.T) {
	s := newServer(t)
	opt := fastOptions(t.TempDir())
	opt.Timeout = 10 * time.Second
	targets, _, _ := ReadURLs(strings.NewReader(s.URL + "/slow\n" + s.URL + "/utf8\n"))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	sum, err := Run(ctx, targets, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sum.Results {
		if r.Status != Failed || r.Reason != "interrupted" {
			t.Errorf("%s: %s %q, want failed: interrupted", r.URL, r.Status, r.Reason)
		}
	}
}

func TestRunUnwritableOut(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, nil, 0o644)
	_, err := Run(context.Background(), nil, nil, Options{Out: filepath.Join(file, "sub")})
	if err == nil || !strings.Contains(err.Error(), "give a writable folder with -out") {
		t.Errorf("err = %v", err)
	}
}

func TestFetchMetaRefreshAndShells(t *testing.T) {
	s := newServer(t)
	out := t.TempDir()
	sum := runList(t, fastOptions(out), s.URL+"/refresh\n"+s.URL+"/loop/a\n"+s.URL+"/js-shell\n"+s.URL+"/utf8\n"+s.URL+"/forbidden\n")

	r := resultFor(t, sum, s.URL+"/refresh")
	if r.Status != OK || r.Page.FinalURL != s.URL+"/gbk-none" || r.Tries != 2 {
		t.Fatalf("/refresh: %s %q final %s after %d tries, want the /gbk-none page", r.Status, r.Reason, r.Page.FinalURL, r.Tries)
	}
	text := readSaved(t, r)
	if !strings.Contains(text, sentence) || !strings.Contains(text, `<meta name="bankbrief:url" content="`+s.URL+`/gbk-none">`) ||
		!strings.Contains(text, `<meta name="bankbrief:listed-url" content="`+s.URL+`/refresh">`) || filepath.Base(r.Path) != FileName(s.URL+"/refresh") {
		t.Errorf("/refresh saved as %s:\n%s", r.Path, text)
	}
	if r := resultFor(t, sum, s.URL+"/loop/a"); r.Status != Failed || r.Reason != "more than 5 redirects (meta refresh)" {
		t.Errorf("/loop/a: %s %q", r.Status, r.Reason)
	}
	if r := resultFor(t, sum, s.URL+"/js-shell"); r.Status != OK || r.Page.TextChars >= LittleText {
		t.Errorf("/js-shell: %s, %d characters of text, want ok with fewer than %d", r.Status, r.Page.TextChars, LittleText)
	}
	if r := resultFor(t, sum, s.URL+"/forbidden"); r.Status != Failed || r.Tries != 1 ||
		r.Reason != "HTTP 403 Forbidden: the site refuses the request; open the page in a browser and save it into the folder instead" {
		t.Errorf("/forbidden: %s %q after %d tries", r.Status, r.Reason, r.Tries)
	}
	if r := resultFor(t, sum, s.URL+"/utf8"); r.Page.TextChars < 50 || r.Page.Refresh != "" {
		t.Errorf("/utf8: %d characters of text, refresh %q", r.Page.TextChars, r.Page.Refresh)
	}
}
