//go:build unix

package pipeline

import (
	"io/fs"
	"os"
	"syscall"
)

// file is an open file being read: on Unix its descriptor, read with
// system calls of its own (see worker.read).
type file = int

// openFile opens the file at path for read.
func openFile(path string) (file, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return -1, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return fd, nil
	}
}

func closeFile(fd file) { syscall.Close(fd) }

// readFile reads into p; 0 and no error at the end of the file.
func readFile(fd file, p []byte) (int, error) {
	for {
		n, err := syscall.Read(fd, p)
		if err == syscall.EINTR {
			continue
		}
		return max(n, 0), err
	}
}

// statFile returns the size of an open file and what identifies it.
func statFile(fd file) (size int64, id fileID, hasID bool, err error) {
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return 0, fileID{}, false, err
	}
	return st.Size, fileID{uint64(st.Dev), uint64(st.Ino)}, true, nil
}

// idOf returns what identifies the file of st, whatever the path it is
// reached by.
func idOf(st os.FileInfo) (fileID, bool) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return fileID{uint64(s.Dev), uint64(s.Ino)}, true
	}
	return fileID{}, false
}
