package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/bankbrief/bankbrief/internal/fetch"
)

const fetchHelp = `Usage: bankbrief fetch -urls FILE [-out DIR] [URL]...

Downloads the articles behind a list of links (one URL a line; blank lines
and lines starting with # are ignored; text after the URL on a line is a
note) into DIR, one HTML file per article, ready for 'bankbrief build -in DIR'.
Each page is converted to UTF-8 (GBK pages included) and records the URL it
came from. A page already in DIR is skipped, so a re-run fetches only what is
new or failed (-force fetches everything again). Failed links are listed at
the end with the reason and written to DIR/.fetch-failures.tsv.

Fetching is polite: one request at a time per site with -delay between them,
at most -j requests at once, retries with back-off on 429, 5xx and network
errors (Retry-After is obeyed), and a User-Agent naming bankbrief. A refused
connection or an unknown host is not retried; after two in a row a site's
other links are not tried, nor any link once the network looks unreachable.

Example:
  bankbrief fetch -urls links.txt -out articles/2022Q1
  bankbrief build -in articles/2022Q1 -quarter 2022Q1 -out reports/2022Q1
`

func cmdFetch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fetch", fetchHelp, stderr)
	urls := fs.String("urls", "", "text file of article URLs, one a line ('-': standard input)")
	out := fs.String("out", "articles", "folder to save the pages in")
	jobs := fs.Int("j", fetch.DefaultJobs, "requests at once at most (one at a time per site)")
	delay := fs.Duration("delay", fetch.DefaultDelay, "pause between two requests to one site")
	timeout := fs.Duration("timeout", fetch.DefaultTimeout, "time limit per request")
	maxSize := fs.String("max-size", "10MB", "largest page fetched, e.g. 10MB or 512KB")
	retries := fs.Int("retries", fetch.DefaultRetries, "retries after a 429, a 5xx or a network error")
	force := fs.Bool("force", false, "fetch pages again even when already saved")
	quiet := fs.Bool("quiet", false, "print only the summary line")
	bare, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "bankbrief fetch: "+format+"\n", a...)
		return 2
	}
	if *urls == "" && len(bare) == 0 {
		return fail("give the links with -urls FILE (one URL a line) or as arguments")
	}
	if *jobs < 1 {
		return fail("-j must be at least 1, not %d", *jobs)
	}
	if *delay < 0 || *timeout <= 0 {
		return fail("-delay must be 0 or more and -timeout more than 0, e.g. -delay 1s -timeout 30s")
	}
	if *retries < 0 {
		return fail("-retries must be 0 or more, not %d", *retries)
	}
	size, err := fetch.ParseSize(*maxSize)
	if err != nil {
		return fail("-max-size: %v", err)
	}

	var targets []fetch.Target
	var invalid []fetch.Invalid
	if *urls != "" {
		var r io.Reader = os.Stdin
		name := "standard input"
		if *urls != "-" {
			f, err := os.Open(*urls)
			if err != nil {
				return fail("cannot read the URL list %s: %v; give a text file with one URL a line", *urls, errors.Unwrap(err))
			}
			defer f.Close()
			r, name = f, *urls
		}
		targets, invalid, err = fetch.ReadURLs(r)
		if err != nil {
			return fail("cannot read the URL list %s: %v", name, err)
		}
		if len(targets)+len(invalid) == 0 && len(bare) == 0 {
			return fail("%s holds no URLs; write one http(s) URL a line", name)
		}
	}
	for _, a := range bare {
		t, err := fetch.ParseTarget(a)
		if err != nil {
			invalid = append(invalid, fetch.Invalid{Text: a, Reason: err.Error()})
			continue
		}
		targets = append(targets, t)
	}

	opt := fetch.Options{
		Out: *out, Jobs: *jobs, Delay: *delay, Timeout: *timeout, MaxSize: size,
		Retries: *retries, Force: *force, UserAgent: fetch.UserAgent(version),
	}
	if *delay == 0 {
		opt.Delay = -1 // none
	}
	if *retries == 0 {
		opt.Retries = -1 // none
	}
	if !*quiet {
		opt.Progress = func(r fetch.Result) {
			if r.Status != fetch.NotTried { // counted at the end, not listed
				fmt.Fprintln(stderr, progressLine(r))
			}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	sum, err := fetch.Run(ctx, targets, invalid, opt)
	if err != nil {
		fmt.Fprintf(stderr, "bankbrief fetch: %v\n", err)
		return 1
	}
	if failed := sum.Failures(); len(failed) > 0 && !*quiet {
		fmt.Fprintf(stderr, "bankbrief fetch: %d failed:\n", len(failed))
		for _, r := range failed {
			where := ""
			if r.Line > 0 {
				where = fmt.Sprintf("line %d: ", r.Line)
			}
			fmt.Fprintf(stderr, "  %s%s: %s\n", where, r.URL, r.Reason)
		}
	}
	if !*quiet {
		for _, g := range notTried(sum.Results) {
			fmt.Fprintf(stderr, "bankbrief fetch: %d not tried: %s\n", g.n, g.reason)
		}
		if sum.Unreachable != "" {
			fmt.Fprintf(stderr, "bankbrief fetch: %s\n", sum.Unreachable)
		}
	}
	failed := fmt.Sprintf("failed %d", sum.Failed)
	if sum.NotTried > 0 {
		failed += fmt.Sprintf(", not tried %d", sum.NotTried)
	}
	line := fmt.Sprintf("bankbrief fetch: fetched %d, skipped %d, %s of %d in %.1fs",
		sum.Fetched, sum.Skipped, failed, len(sum.Results), sum.Elapsed.Seconds())
	if sum.FailuresPath != "" {
		line += "; failures listed in " + sum.FailuresPath
	}
	fmt.Fprintln(stderr, line)
	if ctx.Err() != nil {
		return 130 // interrupted, as build
	}
	if sum.Fetched+sum.Skipped == 0 && sum.Failed+sum.NotTried > 0 {
		return 1
	}
	return 0
}

// notTried counts the links not tried by reason, in list order; those left
// because the network looked unreachable are left out (Summary.Unreachable
// counts them).
func notTried(results []fetch.Result) []struct {
	reason string
	n      int
} {
	var groups []struct {
		reason string
		n      int
	}
	at := map[string]int{}
	for _, r := range results {
		if r.Status != fetch.NotTried || r.Reason == fetch.NetworkDown {
			continue
		}
		i, ok := at[r.Reason]
		if !ok {
			i = len(groups)
			at[r.Reason] = i
			groups = append(groups, struct {
				reason string
				n      int
			}{r.Reason, 0})
		}
		groups[i].n++
	}
	return groups
}

// progressLine is the line printed when one URL is done.
func progressLine(r fetch.Result) string {
	switch r.Status {
	case fetch.OK:
		s := fmt.Sprintf("ok    %s -> %s", r.URL, r.Path)
		var notes []string
		if c := r.Page.Charset; c != "" && c != "utf-8" {
			notes = append(notes, c+" converted")
		}
		if r.Page.Note != "" {
			notes = append(notes, r.Page.Note)
		}
		if r.Page.URL != r.URL {
			notes = append(notes, "article URL "+r.Page.URL)
		}
		if r.Page.TextChars < fetch.LittleText {
			notes = append(notes, fmt.Sprintf("only %d characters of text: the page may need JavaScript or a login; check it in a browser", r.Page.TextChars))
		}
		if len(notes) > 0 {
			s += " (" + strings.Join(notes, "; ") + ")"
		}
		return s
	case fetch.Skipped:
		if r.Path != "" {
			return fmt.Sprintf("skip  %s (%s: %s)", r.URL, r.Reason, filepath.Base(r.Path))
		}
		return fmt.Sprintf("skip  %s (%s)", r.URL, r.Reason)
	}
	if r.Line > 0 {
		return fmt.Sprintf("fail  %s (line %d): %s", r.URL, r.Line, r.Reason)
	}
	return fmt.Sprintf("fail  %s: %s", r.URL, r.Reason)
}
