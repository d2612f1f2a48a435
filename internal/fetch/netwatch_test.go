package fetch

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// closedPort is a loopback address nothing listens on: connecting to it is
// refused, as by a site that is down.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// routed is a transport that dials by host name: a host of routes goes to
// its address; any other host is unknown, as a lookup without DNS says
// after lookup.
func routed(routes map[string]string, lookup time.Duration) http.RoundTripper {
	return &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		if to, ok := routes[host]; ok {
			return (&net.Dialer{}).DialContext(ctx, network, to)
		}
		time.Sleep(lookup)
		return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
	}}
}

// With no network every site fails at DNS or connecting: once three have
// and none answered, the links left are not tried, and the run says so once.
func TestNetworkDown(t *testing.T) {
	out := t.TempDir()
	opt := fastOptions(out)
	opt.Transport = routed(nil, 5*time.Millisecond)
	var list []string
	for i := 0; i < 25; i++ {
		list = append(list, fmt.Sprintf("https://site%d.example.com/news/%d.html", i%10, i))
	}
	start := time.Now()
	sum := runList(t, opt, strings.Join(list, "\n"))
	tried := 0
	for _, r := range sum.Results {
		switch {
		case r.Status == Failed && r.Tries == 1 && strings.HasPrefix(r.Reason, "no such host site"):
			tried++
		case r.Status == NotTried && r.Reason == NetworkDown && r.Tries == 0:
		default:
			t.Errorf("%s: %s %q after %d tries", r.URL, r.Status, r.Reason, r.Tries)
		}
	}
	if tried < 3 || tried > 2*opt.Jobs || sum.Failed != tried || sum.NotTried != 25-tried {
		t.Errorf("%d links tried, failed %d, not tried %d; want 3 to %d tried, the rest not tried", tried, sum.Failed, sum.NotTried, 2*opt.Jobs)
	}
	want := fmt.Sprintf(`^the network looks unreachable: no site answered, and site\d\.example\.com, site\d\.example\.com, site\d\.example\.com( and \d more)? could not be reached \(no such host\); %d links not tried; check the connection \(or proxy\) and run again$`, 25-tried)
	if !matches(want, sum.Unreachable) {
		t.Errorf("Unreachable = %q, want %s", sum.Unreachable, want)
	}
	tsv, _ := os.ReadFile(filepath.Join(out, FailuresFile))
	if n := strings.Count(string(tsv), "\tnot tried: the network looks unreachable\n"); n != 25-tried {
		t.Errorf("%d links listed as not tried in %s, want %d:\n%s", n, FailuresFile, 25-tried, tsv)
	}
	t.Logf("%d of 25 tried in %s", tried, time.Since(start).Round(time.Millisecond))
}

// Refused connections on three sites (each site is a host and port) are
// the network too.
func TestNetworkDownRefused(t *testing.T) {
	// Refused connections, even on every site, are no network down: a
	// host sent the refusal back. Each site is left after two.
	opt := fastOptions(t.TempDir())
	opt.Backoff = 2 * time.Second // a retry would show in the time taken
	var list []string
	for range 3 {
		addr := closedPort(t)
		list = append(list, "http://"+addr+"/a", "http://"+addr+"/b", "http://"+addr+"/c")
	}
	start := time.Now()
	sum := runList(t, opt, strings.Join(list, "\n"))
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %s: a refused connection is not retried", d.Round(time.Millisecond))
	}
	if sum.Failed != 6 || sum.NotTried != 3 || sum.Unreachable != "" {
		t.Errorf("failed %d, not tried %d, unreachable %q; want 6, 3 (a site's third link) and the network not blamed", sum.Failed, sum.NotTried, sum.Unreachable)
	}
}

// A site that answers shows the network works: sites that fail at DNS or
// connecting keep their own reasons and every link is tried, even when
// they fail before the site that answers has (it is slow); a site that
// refuses the connection twice has its other links left, with the reason.
func TestIsolatedFailures(t *testing.T) {
	s := newServer(t)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		s.Config.Handler.ServeHTTP(w, r)
	}))
	t.Cleanup(slow.Close)
	refused := closedPort(t)

	out := t.TempDir()
	opt := fastOptions(out)
	opt.Backoff = 2 * time.Second // a retry would show in the time taken
	// Every site's first link at once: with 4 at a time, the 4 tried first
	// could all be sites that fail, and that is the network (netWatch).
	opt.Jobs = 8
	// Unknown hosts fail after 50 ms: time enough for every host's queue
	// to have started, as a real lookup leaves.
	opt.Transport = routed(map[string]string{"news.example.com": slow.Listener.Addr().String(), "down.example.com": refused}, 50*time.Millisecond)
	list := []string{
		"http://typo1.example.com/a", "http://typo2.example.com/b", "http://typo3.example.com/c",
		"http://news.example.com/utf8", "http://news.example.com/missing",
		"http://down.example.com/1", "http://down.example.com/2", "http://down.example.com/3", "http://down.example.com/4",
		"http://typo4.example.com/d",
	}
	start := time.Now()
	sum := runList(t, opt, strings.Join(list, "\n"))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s: a refused connection is not retried", d.Round(time.Millisecond))
	}
	want := map[string]struct {
		status, reason string
		tries          int
	}{
		"http://typo1.example.com/a":      {Failed, "no such host typo1.example.com; check the URL", 1},
		"http://typo2.example.com/b":      {Failed, "no such host typo2.example.com; check the URL", 1},
		"http://typo3.example.com/c":      {Failed, "no such host typo3.example.com; check the URL", 1},
		"http://typo4.example.com/d":      {Failed, "no such host typo4.example.com; check the URL", 1},
		"http://news.example.com/utf8":    {OK, "", 1},
		"http://news.example.com/missing": {Failed, "HTTP 404 Not Found", 1},
		"http://down.example.com/1":       {Failed, "connection refused; the site may be down, try again later", 1},
		"http://down.example.com/2":       {Failed, "connection refused; the site may be down, try again later", 1},
		"http://down.example.com/3":       {NotTried, "down.example.com refused the connection twice; the site may be down, try again later", 0},
		"http://down.example.com/4":       {NotTried, "down.example.com refused the connection twice; the site may be down, try again later", 0},
	}
	for u, w := range want {
		if r := resultFor(t, sum, u); r.Status != w.status || r.Reason != w.reason || r.Tries != w.tries {
			t.Errorf("%s: %s %q after %d tries; want %s %q after %d", u, r.Status, r.Reason, r.Tries, w.status, w.reason, w.tries)
		}
	}
	if sum.Unreachable != "" || sum.Fetched != 1 || sum.Failed != 7 || sum.NotTried != 2 {
		t.Errorf("fetched %d, failed %d, not tried %d, unreachable %q; want 1, 7, 2, none", sum.Fetched, sum.Failed, sum.NotTried, sum.Unreachable)
	}
	tsv, _ := os.ReadFile(filepath.Join(out, FailuresFile))
	if !strings.Contains(string(tsv), "\n8\thttp://down.example.com/3\tnot tried: down.example.com refused the connection twice; the site may be down, try again later\n") ||
		strings.Count(string(tsv), "\n") != 10 {
		t.Errorf("%s:\n%s", FailuresFile, tsv)
	}
}

// A host that fails to connect once, then answers, is not left: only
// failures in a row count.
func TestHostFailuresInARow(t *testing.T) {
	s := newServer(t)
	flaky := &flakyDialer{to: strings.TrimPrefix(s.URL, "http://"), refuse: map[int]bool{0: true, 2: true}, refused: closedPort(t)}
	opt := fastOptions(t.TempDir())
	opt.Transport = &http.Transport{DialContext: flaky.dial, DisableKeepAlives: true}
	sum := runList(t, opt, "http://news.example.com/utf8?1\nhttp://news.example.com/utf8?2\nhttp://news.example.com/utf8?3\nhttp://news.example.com/utf8?4\n")
	if sum.Fetched != 2 || sum.Failed != 2 || sum.NotTried != 0 {
		t.Errorf("fetched %d, failed %d, not tried %d; want 2, 2, 0: %+v", sum.Fetched, sum.Failed, sum.NotTried, sum.Results)
	}
}

// flakyDialer refuses the connections whose number is in refuse.
type flakyDialer struct {
	to, refused string
	refuse      map[int]bool
	n           int
}

func (d *flakyDialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	to := d.to
	if d.refuse[d.n] {
		to = d.refused
	}
	d.n++
	return (&net.Dialer{}).DialContext(ctx, network, to)
}

func matches(pattern, s string) bool {
	ok, err := regexp.MatchString(pattern, s)
	return err == nil && ok
}
