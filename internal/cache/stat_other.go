//go:build !linux

package cache

import "io/fs"

// StatOf returns the stat data of a file for the stat index; ok is false
// when the system does not tell them. Elsewhere than on Linux the stat
// index is not used: every file is read and hashed.
func StatOf(fi fs.FileInfo) (st Stat, ok bool) { return Stat{}, false }
