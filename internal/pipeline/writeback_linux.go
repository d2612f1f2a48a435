//go:build linux && !arm

package pipeline

import (
	"os"
	"syscall"
)

// startWriteback starts writing out the n bytes of f at off to disk,
// without waiting for it (sync_file_range). Errors are left to the sync.
func startWriteback(f *os.File, off, n int64) {
	if c, err := f.SyscallConn(); err == nil {
		c.Control(func(fd uintptr) { syscall.SyncFileRange(int(fd), off, n, 2 /* SYNC_FILE_RANGE_WRITE */) })
	}
}
