//go:build !unix

package pipeline

import (
	"errors"
	"io"
	"os"
)

// file is an open file being read: elsewhere than on Unix an *os.File.
type file = *os.File

// openFile opens the file at path for read.
func openFile(path string) (file, error) { return os.Open(path) }

func closeFile(f file) { f.Close() }

// readFile reads into p; 0 and no error at the end of the file.
func readFile(f file, p []byte) (int, error) {
	n, err := f.Read(p)
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return n, err
}

// statFile returns the size of an open file; the system tells nothing
// that identifies it here (files reached twice are read twice).
func statFile(f file) (size int64, id fileID, hasID bool, err error) {
	st, err := f.Stat()
	if err != nil {
		return 0, fileID{}, false, err
	}
	return st.Size(), fileID{}, false, nil
}

// idOf returns false: the system tells nothing that identifies a file.
func idOf(st os.FileInfo) (fileID, bool) { return fileID{}, false }
