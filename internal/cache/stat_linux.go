package cache

import (
	"io/fs"
	"syscall"
)

// StatOf returns the stat data of a file for the stat index; ok is false
// when the system does not tell them.
func StatOf(fi fs.FileInfo) (st Stat, ok bool) {
	s, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return Stat{}, false
	}
	return Stat{Size: s.Size, Mtime: s.Mtim.Nano(), Ctime: s.Ctim.Nano(), Ino: s.Ino, Dev: s.Dev}, true
}
