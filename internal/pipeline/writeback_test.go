package pipeline

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// A file written through WriteAtomic in pieces, past several writeback
// chunks, holds exactly what was written, and its writing out was started
// chunk by chunk.
func TestWriteAtomicWriteback(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.jsonl")
	var want bytes.Buffer
	var queued int64
	err := WriteAtomic(path, func(w io.Writer) error {
		line := []byte("{\"id\":\"x\"}\n")
		for i := 0; want.Len() < 2*writebackChunk+12345; i++ {
			line[7] = byte('a' + i%26)
			piece := bytes.Repeat(line, 1+i%5000)
			want.Write(piece)
			if _, err := w.Write(piece); err != nil {
				return err
			}
		}
		queued = w.(*writeback).queued
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("file holds %d bytes, want the %d written", len(got), want.Len())
	}
	if queued < 2*writebackChunk || queued > int64(want.Len()) {
		t.Errorf("writeback started for %d of %d bytes, want at least %d", queued, want.Len(), 2*writebackChunk)
	}
}
