package fetch

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// Target is one URL of the list, with where it was read.
type Target struct {
	Line int    // 1-based line in the list; 0 for a URL given on the command line
	URL  string // the URL as listed, fragment removed
	File string // the file name it is saved under in the output folder
}

// Invalid is a line of the list that is not a URL bankbrief can fetch.
type Invalid struct {
	Line   int
	Text   string
	Reason string
}

// ReadURLs reads a list of URLs, one a line. Blank lines and lines starting
// with '#' are ignored; text after whitespace on a line is ignored too, so a
// line may carry a note ("https://… 工行 2022Q1"). Lines that are not http(s)
// URLs are returned as Invalid with the reason.
func ReadURLs(r io.Reader) ([]Target, []Invalid, error) {
	var targets []Target
	var bad []Invalid
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.IndexAny(line, " \t"); i >= 0 {
			line = line[:i]
		}
		t, err := ParseTarget(line)
		if err != nil {
			bad = append(bad, Invalid{Line: n, Text: line, Reason: err.Error()})
			continue
		}
		t.Line = n
		targets = append(targets, t)
	}
	return targets, bad, sc.Err()
}

// ParseTarget checks one URL and names its file.
func ParseTarget(s string) (Target, error) {
	u, err := url.Parse(s)
	if err != nil {
		return Target{}, fmt.Errorf("not a URL: %s", strings.TrimPrefix(err.Error(), "parse "+fmt.Sprintf("%q", s)+": "))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		if u.Scheme == "" {
			return Target{}, fmt.Errorf("not a URL: it should start with http:// or https://")
		}
		return Target{}, fmt.Errorf("not a web address: scheme %q (only http and https are fetched)", u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return Target{}, fmt.Errorf("not a URL: no host name")
	}
	u.Fragment, u.RawFragment = "", ""
	s = u.String()
	return Target{URL: s, File: FileName(s)}, nil
}

// FileName is the name a URL's page is saved under: the first 16 hex digits
// of the SHA-256 of the URL, then ".html". The same URL always gets the same
// name, so a re-run skips pages already fetched.
func FileName(u string) string {
	sum := sha256.Sum256([]byte(u))
	return hex.EncodeToString(sum[:8]) + ".html"
}
