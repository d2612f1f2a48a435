package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/bankbrief/bankbrief/internal/ingest"
)

// factsFileReason is the skipped reason of a facts file met among the
// articles (extract -o DIR/facts.jsonl, then build -in DIR): read as an
// article, it was one article holding every figure of the others.
const factsFileReason = "a bankbrief facts file (from extract or build), not an article; give it to build with -facts FILE"

// factsKeys are the keys every line of a facts file has, skipped lines
// included (see WriteFacts and the spec facts-jsonl).
var factsKeys = []string{"id", "file", "quarter", "banks", "themes", "metrics"}

// isFactsFile says whether data, the content (or the start) of a file, is
// a facts file bankbrief wrote, whatever its name: its first line (blank
// lines aside) is a facts object.
func isFactsFile(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 || data[0] != '{' {
		return false // every article: its first line is not looked for
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimSpace(line)
	if !bytes.Contains(line, []byte(`"metrics":`)) {
		return false
	}
	var keys map[string]json.RawMessage
	if json.Unmarshal(line, &keys) != nil {
		return false
	}
	for _, k := range factsKeys {
		if _, ok := keys[k]; !ok {
			return false
		}
	}
	return true
}

// tooLargeReason is the skipped reason of a file over the size limit: a
// facts file (of some 20,000 articles or more) is told by its first line,
// the rest is not read.
func tooLargeReason(path string) string {
	if f, err := os.Open(path); err == nil {
		head := make([]byte, 1<<20)
		n, _ := io.ReadFull(f, head)
		f.Close()
		if isFactsFile(head[:n]) {
			return factsFileReason
		}
	}
	return fmt.Sprintf("larger than the %d MB limit", ingest.MaxFileSize>>20)
}
