package main

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/bankbrief/bankbrief/internal/fetch"
	"github.com/bankbrief/bankbrief/internal/pipeline"
	"github.com/bankbrief/bankbrief/internal/testutil"
)

// seedPage turns a bundled seed post (front matter + HTML body) into a news
// page such as a site would serve.
func seedPage(t *testing.T, name string) (title, page string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testutil.Seeds(t), name))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(string(b), "---\n", 3)
	if len(parts) != 3 {
		t.Fatalf("%s: no front matter", name)
	}
	m := regexp.MustCompile(`(?m)^title: "(.*)"$`).FindStringSubmatch(parts[1])
	d := regexp.MustCompile(`(?m)^date: (\d{4}-\d\d-\d\d)`).FindStringSubmatch(parts[1])
	if m == nil || d == nil {
		t.Fatalf("%s: no title or date in the front matter", name)
	}
	return m[1], "<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\n" +
		"<meta name=\"pubdate\" content=\"" + d[1] + "\">\n<title>" + m[1] + "_财经新闻</title>\n</head>\n<body>\n" +
		"<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/finance\">财经</a></div>\n" +
		"<div class=\"article\"><h1>" + m[1] + "</h1>\n" + parts[2] + "</div>\n</body>\n</html>\n"
}

// Links fetched from a site become articles that build reads, with their
// title and URL.
func TestFetchThenBuild(t *testing.T) {
	title0, page0 := seedPage(t, "000_0b872719766d8c1f.txt")
	title1, page1 := seedPage(t, "001_209a33a96d8ac9b7.txt")
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(page0))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/news/2022/gf.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html") // GBK, declared only in the page
		w.Write(gbk)
	})
	mux.HandleFunc("/news/2021/gd.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.Replace(page1, "charset=gb2312", "charset=utf-8", 1)))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dir := t.TempDir()
	out := filepath.Join(dir, "articles")
	list := filepath.Join(dir, "links.txt")
	u0, u1, gone := srv.URL+"/news/2022/gf.html", srv.URL+"/news/2021/gd.html", srv.URL+"/news/gone.html"
	os.WriteFile(list, []byte("# links from the monitoring feed\n"+u0+"\n"+u1+"\n"+gone+"\n"), 0o644)

	args := []string{"-urls", list, "-out", out, "-delay", "0", "-retries", "0", "-timeout", "5s"}
	var stdout, stderr bytes.Buffer
	code := cmdFetch(args, &stdout, &stderr)
	t.Logf("bankbrief fetch:\n%s", stderr.String())
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	path0 := filepath.Join(out, fetch.FileName(u0))
	for _, want := range []string{
		"ok    " + u0 + " -> " + path0 + " (gbk converted)\n",
		"ok    " + u1 + " -> " + filepath.Join(out, fetch.FileName(u1)) + "\n",
		"fail  " + gone + " (line 4): HTTP 404 Not Found\n",
		"bankbrief fetch: 1 failed:\n  line 4: " + gone + ": HTTP 404 Not Found\n",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	summary := regexp.MustCompile(`(?m)^bankbrief fetch: fetched 2, skipped 0, failed 1 of 3 in \d+\.\ds; failures listed in ` +
		regexp.QuoteMeta(filepath.Join(out, fetch.FailuresFile)) + `\n\z`)
	if !summary.MatchString(stderr.String()) {
		t.Errorf("summary line missing or not last")
	}

	facts, _ := pipeline.Facts([]string{out}, pipeline.Options{Jobs: 1})
	if len(facts) != 2 {
		t.Fatalf("build read %d files from %s, want the 2 pages (the failures file is hidden): %+v", len(facts), out, facts)
	}
	want := map[string][2]string{ // file ID → title, URL
		strings.TrimSuffix(fetch.FileName(u0), ".html"): {title0, u0},
		strings.TrimSuffix(fetch.FileName(u1), ".html"): {title1, u1},
	}
	for _, f := range facts {
		if f.Skipped != "" {
			t.Errorf("%s skipped: %s", f.File, f.Skipped)
			continue
		}
		w, ok := want[f.ID]
		if !ok {
			t.Errorf("unexpected article %s", f.File)
			continue
		}
		if f.Title != w[0] || f.URL != w[1] {
			t.Errorf("%s: title %q url %q, want %q %q", f.ID, f.Title, f.URL, w[0], w[1])
		}
		if f.PrimaryBank == "" || len(f.Metrics) == 0 {
			t.Errorf("%s: no bank or no metrics extracted (primary bank %q, %d metrics)", f.ID, f.PrimaryBank, len(f.Metrics))
		}
	}

	// A re-run fetches nothing new; exit 0.
	stderr.Reset()
	if code := cmdFetch(args, &stdout, &stderr); code != 0 ||
		!strings.Contains(stderr.String(), "skip  "+u0+" (already fetched: "+fetch.FileName(u0)+")\n") ||
		!strings.Contains(stderr.String(), "fetched 0, skipped 2, failed 1 of 3") {
		t.Errorf("re-run: exit %d\n%s", code, stderr.String())
	}
	// -quiet prints only the summary.
	stderr.Reset()
	if code := cmdFetch(append(args, "-quiet"), &stdout, &stderr); code != 0 || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("-quiet: exit %d\n%s", code, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("fetch wrote to standard output: %q", stdout.String())
	}
}

// Nothing fetched is exit 1; a mistake on the command line is exit 2 with
// one line saying what to do.
func TestFetchExitCodes(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	dir := t.TempDir()
	list := filepath.Join(dir, "links.txt")
	os.WriteFile(list, []byte(srv.URL+"/a\nnot a url\n"), 0o644)
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, []byte("# nothing yet\n\n"), 0o644)

	var stdout, stderr bytes.Buffer
	if code := cmdFetch([]string{"-urls", list, "-out", dir, "-delay", "0"}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "fetched 0, skipped 0, failed 2 of 2") ||
		!strings.Contains(stderr.String(), "line 2: not: not a URL: it should start with http:// or https://") {
		t.Errorf("all failed: exit %d\n%s", code, stderr.String())
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "give the links with -urls FILE"},
		{[]string{"-urls", filepath.Join(dir, "none.txt")}, "cannot read the URL list " + filepath.Join(dir, "none.txt") + ": no such file or directory"},
		{[]string{"-urls", empty}, empty + " holds no URLs"},
		{[]string{"-urls", list, "-j", "0"}, "-j must be at least 1"},
		{[]string{"-urls", list, "-max-size", "big"}, `-max-size: "big" is not a size`},
	} {
		stderr.Reset()
		code := cmdFetch(tc.args, &stdout, &stderr)
		if code != 2 || strings.Count(stderr.String(), "\n") != 1 || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, stderr.String(), tc.want)
		}
	}
	stderr.Reset()
	if code := cmdFetch([]string{"-h"}, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "Example:\n  bankbrief fetch -urls links.txt") {
		t.Errorf("-h: exit %d\n%s", code, stderr.String())
	}
}

func TestFetchIsACommand(t *testing.T) {
	code, out, _ := runCmd("help")
	if code != 0 || !strings.Contains(out, "bankbrief fetch") {
		t.Errorf("usage does not list fetch:\n%s", out)
	}
	_, _, help := runCmd("fetch", "-h")
	_, _, help2 := runCmd("help", "fetch")
	if !strings.Contains(help, "-urls") || !strings.Contains(help, "-max-size") || help != help2 {
		t.Errorf("fetch -h:\n%s", help)
	}
}

func TestProgressLine(t *testing.T) {
	ok := fetch.Result{Target: fetch.Target{Line: 3, URL: "https://a.example.com/x"}, Status: fetch.OK, Path: "articles/0123456789abcdef.html",
		Page: fetch.Page{URL: "https://a.example.com/news/x.html", TextChars: 12, Decoded: fetch.Decoded{Charset: "gbk"}}}
	for r, want := range map[*fetch.Result]string{
		&ok: "ok    https://a.example.com/x -> articles/0123456789abcdef.html (gbk converted; article URL https://a.example.com/news/x.html; " +
			"only 12 characters of text: the page may need JavaScript or a login; check it in a browser)",
		{Target: fetch.Target{URL: "https://a.example.com/y"}, Status: fetch.Skipped, Reason: "already fetched", Path: "articles/fedcba9876543210.html"}: "skip  https://a.example.com/y (already fetched: fedcba9876543210.html)",
		{Target: fetch.Target{Line: 9, URL: "https://a.example.com/z"}, Status: fetch.Failed, Reason: "HTTP 404 Not Found"}:                              "fail  https://a.example.com/z (line 9): HTTP 404 Not Found",
	} {
		if got := progressLine(*r); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
}

// Sites that cannot be reached: the links left are counted once, with the
// reason and what to do, not listed one by one; nothing fetched is exit 1.
func TestFetchUnreachable(t *testing.T) {
	closed := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		return l.Addr().String()
	}
	dir := t.TempDir()
	run := func(addrs ...string) (int, string) {
		var list []string
		for _, a := range addrs {
			for _, p := range []string{"/a", "/b", "/c"} {
				list = append(list, "http://"+a+p)
			}
		}
		path := filepath.Join(dir, "links.txt")
		os.WriteFile(path, []byte(strings.Join(list, "\n")), 0o644)
		var stdout, stderr bytes.Buffer
		code := cmdFetch([]string{"-urls", path, "-out", filepath.Join(dir, "out"), "-delay", "0"}, &stdout, &stderr)
		return code, stderr.String()
	}

	// One site down: two links refused (not retried), the third not tried.
	a := closed()
	code, stderr := run(a)
	want := "fail  http://" + a + "/a (line 1): connection refused; the site may be down, try again later\n" +
		"fail  http://" + a + "/b (line 2): connection refused; the site may be down, try again later\n" +
		"bankbrief fetch: 2 failed:\n" +
		"  line 1: http://" + a + "/a: connection refused; the site may be down, try again later\n" +
		"  line 2: http://" + a + "/b: connection refused; the site may be down, try again later\n" +
		"bankbrief fetch: 1 not tried: " + a + " refused the connection twice; the site may be down, try again later\n" +
		"bankbrief fetch: fetched 0, skipped 0, failed 2, not tried 1 of 3 in "
	if code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("one site down: exit %d\n%s\nwant\n%s", code, stderr, want)
	}

	// Three sites refusing: three sites down, not the network (a refusal
	// is an answer); each is left after two links.
	code, stderr = run(closed(), closed(), closed())
	if code != 1 || strings.Contains(stderr, "the network looks unreachable") || strings.Count(stderr, "refused the connection twice") != 3 ||
		!strings.Contains(stderr, "bankbrief fetch: fetched 0, skipped 0, failed 6, not tried 3 of 9 in") {
		t.Errorf("three sites down: exit %d\n%s", code, stderr)
	}
}
