//go:build !linux || arm

package pipeline

import "os"

// startWriteback does nothing (no sync_file_range here, or none in Go's
// syscall package: linux/arm): the sync before the rename writes all.
func startWriteback(f *os.File, off, n int64) {}
