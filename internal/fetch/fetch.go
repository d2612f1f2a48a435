// Package fetch is the stage before ingest: a list of article URLs → HTML
// files in a folder, one file per article, that internal/ingest reads like
// any saved page.
//
// Each page is converted to UTF-8 (the charset is taken from the
// Content-Type header, the page's meta tag or the bytes themselves; GBK
// pages are common) and gets <meta name="bankbrief:url"> and
// <meta name="bankbrief:fetched"> right after <head>. A page is saved as the
// first 16 hex digits of the SHA-256 of its URL + ".html", so a re-run skips
// pages already fetched.
//
// Fetching is polite: one request at a time per host with a delay between
// them, a limit on requests in flight, retries with exponential back-off on
// 429, 5xx and network errors (Retry-After is obeyed; an unknown host or a
// refused connection is not retried), a timeout per request, a size limit
// and a User-Agent naming bankbrief. Redirects, HTTP or
// <meta http-equiv="refresh"> pages, are followed up to a limit. A page that
// fails is reported with the reason; nothing aborts the batch, but what
// cannot succeed is not tried: the other links of a host that could not be
// reached for two links in a row (unknown, refusing the connection), and
// every link left once the network looks unreachable (see netWatch).
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Options tune a run; the zero value of a field means its default.
type Options struct {
	Out          string        // folder to save pages in (created if missing)
	Jobs         int           // requests in flight at most (default 4)
	Delay        time.Duration // pause between two requests to one host (default 1s; negative: none)
	Timeout      time.Duration // per request, body included (default 30s)
	MaxSize      int64         // largest page body in bytes (default 10 MB)
	Retries      int           // retries after the first try (default 3; negative: none)
	Backoff      time.Duration // wait before the first retry, doubled each time (default 1s)
	MaxWait      time.Duration // longest Retry-After obeyed; longer fails the page (default 2m)
	MaxRedirects int           // redirects followed (default 5)
	Force        bool          // refetch pages whose file exists
	UserAgent    string        // default UserAgent("dev")
	// Progress, when set, is called once per URL as it finishes (from one
	// goroutine at a time).
	Progress func(Result)
	// Now is the clock for the fetched time (default time.Now).
	Now func() time.Time
	// Transport replaces http.DefaultTransport's clone (for tests).
	Transport http.RoundTripper
}

// Defaults.
const (
	DefaultJobs         = 4
	DefaultDelay        = time.Second
	DefaultTimeout      = 30 * time.Second
	DefaultMaxSize      = 10 << 20
	DefaultRetries      = 3
	DefaultBackoff      = time.Second
	DefaultMaxWait      = 2 * time.Minute
	DefaultMaxRedirects = 5
	// FailuresFile, in the output folder, lists the URLs that failed in
	// the last run with the reason, tab-separated. Its name starts with a
	// dot so that building from the folder does not read it as an article.
	FailuresFile = ".fetch-failures.tsv"
)

// UserAgent is the User-Agent header bankbrief sends.
func UserAgent(version string) string {
	return "bankbrief/" + version + " (+https://github.com/bankbrief/bankbrief)"
}

func (o Options) withDefaults() Options {
	if o.Jobs <= 0 {
		o.Jobs = DefaultJobs
	}
	if o.Delay == 0 {
		o.Delay = DefaultDelay
	} else if o.Delay < 0 {
		o.Delay = 0
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.Retries == 0 {
		o.Retries = DefaultRetries
	} else if o.Retries < 0 {
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.MaxWait <= 0 {
		o.MaxWait = DefaultMaxWait
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.UserAgent == "" {
		o.UserAgent = UserAgent("dev")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Status of one URL.
const (
	OK       = "ok"
	Skipped  = "skip"
	Failed   = "fail"
	NotTried = "not tried" // no request made: its host or the network could not be reached
)

// NetworkDown is the reason of the links not tried once the network looks
// unreachable; Summary.Unreachable says why, once.
const NetworkDown = "the network looks unreachable"

// Result is what became of one URL.
type Result struct {
	Target
	Status string // OK, Skipped, Failed or NotTried
	Reason string // why it was skipped, failed or not tried
	Path   string // the saved file (OK, Skipped)
	Page   Page   // for OK: the URL recorded, the charset converted
	Tries  int    // requests made
}

// Summary is the outcome of a run, results in the order of the list.
type Summary struct {
	Results                            []Result
	Fetched, Skipped, Failed, NotTried int
	Elapsed                            time.Duration
	FailuresPath                       string // the failures file written, "" when none failed or was left
	// Unreachable, when the network looked unreachable, says so once: the
	// hosts that could not be reached, how many links were not tried and
	// what to do.
	Unreachable string
}

// Failures returns the failed results in list order.
func (s Summary) Failures() []Result {
	var out []Result
	for _, r := range s.Results {
		if r.Status == Failed {
			out = append(out, r)
		}
	}
	return out
}

// Run fetches the targets into opt.Out and returns what became of each.
// invalid lines of the list are reported as failures. Cancelling ctx stops
// the run; URLs not yet fetched then fail with "interrupted". Progress is
// called for every URL, those not tried included.
func Run(ctx context.Context, targets []Target, invalid []Invalid, opt Options) (Summary, error) {
	opt = opt.withDefaults()
	start := time.Now()
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return Summary{}, fmt.Errorf("cannot create the output folder %s: %v; give a writable folder with -out", opt.Out, unwrapPath(err))
	}
	results := make([]Result, 0, len(targets)+len(invalid))
	for _, b := range invalid {
		results = append(results, Result{Target: Target{Line: b.Line, URL: b.Text}, Status: Failed, Reason: b.Reason})
	}
	var mu sync.Mutex
	report := func(r Result) {
		mu.Lock()
		defer mu.Unlock()
		if opt.Progress != nil {
			opt.Progress(r)
		}
	}
	for _, r := range results {
		report(r)
	}

	// Skip what is on disk or listed twice; queue the rest by host.
	first := map[string]int{}
	queues := map[string][]int{}
	var hosts []string
	byIndex := make([]Result, len(targets))
	for i, t := range targets {
		r := Result{Target: t, Path: filepath.Join(opt.Out, t.File)}
		if line, dup := first[t.File]; dup {
			r.Status, r.Reason, r.Path = Skipped, fmt.Sprintf("listed twice (first on line %d)", line), ""
			byIndex[i] = r
			report(r)
			continue
		}
		first[t.File] = t.Line
		if !opt.Force {
			if _, err := os.Stat(r.Path); err == nil {
				r.Status, r.Reason = Skipped, "already fetched"
				byIndex[i] = r
				report(r)
				continue
			}
		}
		byIndex[i] = r
		h := hostKey(t.URL)
		if _, ok := queues[h]; !ok {
			hosts = append(hosts, h)
		}
		queues[h] = append(queues[h], i)
	}

	f := &fetcher{opt: opt, sem: make(chan struct{}, opt.Jobs), watch: newNetWatch(hosts)}
	f.client = &http.Client{
		Transport: opt.Transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opt.MaxRedirects {
				return errTooManyRedirects
			}
			req.Header.Set("User-Agent", opt.UserAgent)
			return nil
		},
	}
	if f.client.Transport == nil {
		f.client.Transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	var wg sync.WaitGroup
	for _, h := range hosts {
		wg.Add(1)
		go func(h *hostRun, q []int) {
			defer wg.Done()
			defer f.watch.done(h)
			for _, i := range q {
				r := byIndex[i]
				switch {
				case f.watch.isDown():
					r.Status, r.Reason = NotTried, NetworkDown
				case h.unreached >= hostFailures:
					r.Status, r.Reason = NotTried, hostDown(h.host, h.cause)
				default:
					var unreached string
					r, unreached = f.fetch(ctx, h, targets[i], r.Path)
					if unreached != "" {
						h.unreached, h.cause = h.unreached+1, unreached
					} else if r.Tries > 0 {
						h.unreached = 0
					}
				}
				byIndex[i] = r
				report(r)
			}
		}(&hostRun{host: h}, queues[h])
	}
	wg.Wait()

	if f.watch.isDown() {
		// One reason for all that was left: the network, not each site.
		for i := range byIndex {
			if byIndex[i].Status == NotTried {
				byIndex[i].Reason = NetworkDown
			}
		}
	}
	results = append(results, byIndex...)
	sort.SliceStable(results, func(i, j int) bool { return results[i].Line < results[j].Line })
	s := Summary{Results: results, Elapsed: time.Since(start)}
	for _, r := range results {
		switch r.Status {
		case OK:
			s.Fetched++
		case Skipped:
			s.Skipped++
		case Failed:
			s.Failed++
		case NotTried:
			s.NotTried++
		}
	}
	s.Unreachable = f.watch.verdict(s.Results)
	path := filepath.Join(opt.Out, FailuresFile)
	if s.Failed+s.NotTried == 0 {
		os.Remove(path)
		return s, nil
	}
	if err := writeFailures(path, s.Results); err != nil {
		return s, fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	s.FailuresPath = path
	return s, nil
}

var errTooManyRedirects = errors.New("too many redirects")

type fetcher struct {
	opt    Options
	client *http.Client
	sem    chan struct{}
	watch  *netWatch
}

// hostRun is one host's queue as it is worked through.
type hostRun struct {
	host      string
	last      time.Time // the end of the previous request
	arrived   bool      // it has asked for a try (netWatch)
	unreached int       // links in a row that failed before reaching the host
	cause     string    // why the last of them did ("connection refused")
}

// hostFailures links in a row that fail before reaching their host (unknown,
// refusing the connection) leave its other links not tried.
const hostFailures = 2

// hostDown is the reason of a link not tried after its host could not be
// reached hostFailures times: the cause and what to do.
func hostDown(host, cause string) string {
	switch cause {
	case causeNoHost:
		return fmt.Sprintf("no such host %s (twice); check the URL", host)
	case causeRefused:
		return fmt.Sprintf("%s refused the connection twice; the site may be down, try again later", host)
	}
	return fmt.Sprintf("%s could not be reached twice (%s); try again later", host, cause)
}

// fetch downloads one page, retrying, and saves it. It also returns, when
// it failed before reaching the host (DNS or connecting), the cause.
func (f *fetcher) fetch(ctx context.Context, h *hostRun, t Target, path string) (Result, string) {
	r := Result{Target: t, Path: path, Status: Failed}
	wait := time.Duration(0)
	u, hops := t.URL, 0
	var res tryResult // the last try
	for attempt := 0; ; attempt++ {
		if d := f.opt.Delay - time.Since(h.last); !h.last.IsZero() && d > wait {
			wait = d
		}
		if !f.acquire(ctx, h, wait) {
			// Interrupted, or the network looks unreachable: the link
			// is not tried, or fails with what its last try found.
			switch {
			case ctx.Err() != nil:
				r.Reason = "interrupted"
			case r.Tries == 0:
				r.Status, r.Reason = NotTried, NetworkDown
			case res.err != nil:
				r.Reason = failReason(res, attempt, u, t.URL)
				return r, res.unreached
			default:
				r.Reason = NetworkDown + " (the redirect to " + u + " was not followed)"
			}
			return r, ""
		}
		r.Tries++
		res = f.try(ctx, u)
		f.watch.end(h, res)
		<-f.sem
		h.last = time.Now()

		if res.err == nil {
			page := Prepare(res.body, res.contentType, t.URL, res.finalURL, f.opt.Now())
			if page.Refresh != "" && page.TextChars < LittleText {
				// A redirect page (<meta http-equiv="refresh">): follow it.
				if hops++; hops > f.opt.MaxRedirects {
					r.Reason = fmt.Sprintf("more than %d redirects (meta refresh)", f.opt.MaxRedirects)
					return r, ""
				}
				u, attempt, wait = page.Refresh, -1, 0
				continue
			}
			if err := writeAtomic(path, page.Text); err != nil {
				r.Reason = fmt.Sprintf("cannot save %s: %v; check the -out folder", path, unwrapPath(err))
				return r, ""
			}
			r.Status, r.Page, r.Reason = OK, page, ""
			return r, ""
		}
		if ctx.Err() != nil {
			r.Reason = "interrupted"
			return r, ""
		}
		if !res.retry || attempt >= f.opt.Retries {
			r.Reason = failReason(res, attempt+1, u, t.URL)
			return r, res.unreached
		}
		wait = f.opt.Backoff << attempt
		if res.retryAfter > 0 {
			if res.retryAfter > f.opt.MaxWait {
				r.Reason = res.err.Error() + fmt.Sprintf("; the server asks to wait %s (Retry-After), longer than %s: try again later", res.retryAfter, f.opt.MaxWait)
				return r, ""
			}
			wait = res.retryAfter
		}
	}
}

// failReason is the reason of a link whose last try, the tries-th at u
// (listed: the URL of the list), failed.
func failReason(res tryResult, tries int, u, listed string) string {
	reason := res.err.Error()
	if tries > 1 {
		reason += fmt.Sprintf(" (after %d tries)", tries)
	}
	if u != listed {
		reason += " at " + u
	}
	return reason
}

// acquire waits wait, then for a turn to make a request (Options.Jobs at
// most in flight, none while the network is suspected to be down). It
// reports false when ctx is done or the network looks unreachable.
func (f *fetcher) acquire(ctx context.Context, h *hostRun, wait time.Duration) bool {
	if sleep(ctx, wait, f.watch.downCh) != nil {
		return false
	}
	for {
		if !f.watch.begin(ctx, h) {
			return false
		}
		select {
		case f.sem <- struct{}{}:
		case <-ctx.Done():
			return false
		}
		switch f.watch.enter() {
		case tryGo:
			return true
		case tryStop:
			<-f.sem
			return false
		}
		<-f.sem // suspected meanwhile: wait for the verdict without a turn
	}
}

type tryResult struct {
	body        []byte
	contentType string
	finalURL    string
	err         error
	retry       bool
	retryAfter  time.Duration
	answered    bool   // the server sent a response (any status)
	unreached   string // the request failed before reaching the server (DNS, connecting): the cause
}

// Causes of failing before reaching a server with their own reasons.
const (
	causeNoHost  = "no such host"
	causeRefused = "connection refused"
)

// try makes one request and reads the body within the size limit.
func (f *fetcher) try(ctx context.Context, u string) tryResult {
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return tryResult{err: fmt.Errorf("not a URL: %v", err)}
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	req.Header.Set("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		return f.netError(ctx, err)
	}
	defer resp.Body.Close()
	res := tryResult{contentType: resp.Header.Get("Content-Type"), finalURL: resp.Request.URL.String(), answered: true}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		res.err = fmt.Errorf("HTTP %s", statusText(resp))
		switch resp.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden, http.StatusUnavailableForLegalReasons:
			res.err = fmt.Errorf("HTTP %s: the site refuses the request; open the page in a browser and save it into the folder instead", statusText(resp))
		}
		c := resp.StatusCode
		res.retry = c == http.StatusTooManyRequests || c == http.StatusRequestTimeout || (c >= 500 && c != http.StatusNotImplemented)
		if res.retry {
			res.retryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return res
	}
	if resp.ContentLength > f.opt.MaxSize {
		res.err = fmt.Errorf("larger than %s (%s); raise -max-size to fetch it", sizeText(f.opt.MaxSize), sizeText(resp.ContentLength))
		return res
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opt.MaxSize+1))
	if err != nil {
		r := f.netError(ctx, err)
		r.err = fmt.Errorf("reading the page: %v", r.err)
		return r
	}
	if int64(len(body)) > f.opt.MaxSize {
		res.err = fmt.Errorf("larger than %s; raise -max-size to fetch it", sizeText(f.opt.MaxSize))
		return res
	}
	if len(body) == 0 {
		res.err = errors.New("empty page")
		res.retry = true
		return res
	}
	if !isHTML(res.contentType, body) {
		mt, _, _ := mime.ParseMediaType(res.contentType)
		if mt == "" {
			mt = http.DetectContentType(body)
		}
		res.err = fmt.Errorf("not an HTML page (%s); bankbrief reads web pages, save other files into the folder yourself", mt)
		return res
	}
	res.body = body
	return res
}

// netError turns a transport error into a short reason.
func (f *fetcher) netError(ctx context.Context, err error) tryResult {
	if errors.Is(err, errTooManyRedirects) {
		return tryResult{err: fmt.Errorf("more than %d redirects", f.opt.MaxRedirects)}
	}
	if errors.Is(err, context.DeadlineExceeded) || ctx.Err() == context.DeadlineExceeded {
		return tryResult{err: fmt.Errorf("timed out after %s; raise -timeout if the site is slow", f.opt.Timeout), retry: true}
	}
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return tryResult{err: fmt.Errorf("no such host %s; check the URL", dns.Name), unreached: causeNoHost}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := err.Error()
	if strings.Contains(msg, "certificate") || strings.Contains(msg, "x509") {
		return tryResult{err: fmt.Errorf("TLS: %s", msg)}
	}
	res := tryResult{retry: true}
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		msg = op.Err.Error()
		if se, ok := op.Err.(*os.SyscallError); ok {
			msg = se.Err.Error()
		}
		if (op.Op == "dial" || op.Op == "proxyconnect") && !op.Timeout() {
			res.unreached = msg // network is unreachable, no route to host…
		}
	}
	switch {
	case dns != nil:
		res.unreached = "DNS lookup failed" // a DNS server down or unreachable
	case res.unreached != "" && (errors.Is(err, syscall.ECONNREFUSED) || strings.Contains(msg, "refused")):
		// Nothing listens: not retried, it would be refused again.
		return tryResult{err: errors.New("connection refused; the site may be down, try again later"), unreached: causeRefused}
	}
	res.err = errors.New(msg)
	return res
}

func statusText(resp *http.Response) string {
	if t := http.StatusText(resp.StatusCode); t != "" {
		return fmt.Sprintf("%d %s", resp.StatusCode, t)
	}
	return strconv.Itoa(resp.StatusCode)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// isHTML says whether a response is a page ingest can read: declared HTML
// or XHTML, or undeclared (or text/plain, as some servers misconfigure)
// bytes that sniff as HTML.
func isHTML(contentType string, body []byte) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err == nil {
		switch mt {
		case "text/html", "application/xhtml+xml":
			return true
		case "text/plain", "application/octet-stream", "":
		default:
			return false
		}
	}
	return strings.HasPrefix(http.DetectContentType(body), "text/html")
}

func hostKey(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return strings.ToLower(p.Host)
}

// sleep waits d; it returns early, with an error, when ctx is done or stop
// is closed.
func sleep(ctx context.Context, d time.Duration, stop <-chan struct{}) error {
	select {
	case <-stop:
		return errStopped
	default:
	}
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-stop:
		return errStopped
	}
}

var errStopped = errors.New("stopped")

// sizeText prints a byte count the way -max-size takes it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// ParseSize reads a size such as 10MB, 512KB, 2.5MB or 1048576 (bytes).
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.m
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("%q is not a size; write e.g. 10MB, 512KB or a number of bytes", s)
	}
	return int64(v * float64(mult)), nil
}

// writeAtomic writes a file through a temporary name, renamed into place,
// readable by all (0644) as the reports are: os.CreateTemp makes it 0600.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// writeFailures lists the failed results, and those not tried ("not
// tried: " before the reason).
func writeFailures(path string, results []Result) error {
	var b strings.Builder
	b.WriteString("line\turl\treason\n")
	for _, r := range results {
		reason := r.Reason
		switch r.Status {
		case Failed:
		case NotTried:
			reason = "not tried: " + reason
		default:
			continue
		}
		fmt.Fprintf(&b, "%d\t%s\t%s\n", r.Line, tsvField(r.URL), tsvField(reason))
	}
	return writeAtomic(path, []byte(b.String()))
}

func tsvField(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
